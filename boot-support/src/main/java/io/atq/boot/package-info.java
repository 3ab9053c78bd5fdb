/** Spring Boot pieces both apps use alike: a Netty workaround, the report of a broken ATQ YAML, the shared folder's health. */
@NullMarked
package io.atq.boot;

import org.jspecify.annotations.NullMarked;
