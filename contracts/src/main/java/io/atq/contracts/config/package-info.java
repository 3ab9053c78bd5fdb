/** The shared YAML configuration (whitelist, limits, shared folder) and its strict loader. */
package io.atq.contracts.config;
