/** The shared YAML configuration (whitelist, limits, shared folder) and its strict loader. */
@NullMarked
package io.atq.contracts.config;

import org.jspecify.annotations.NullMarked;
