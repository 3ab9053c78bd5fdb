/** Spring wiring: properties, the shared YAML configuration, broker topology and resilience. */
@NullMarked
package io.atq.gateway.config;

import org.jspecify.annotations.NullMarked;
