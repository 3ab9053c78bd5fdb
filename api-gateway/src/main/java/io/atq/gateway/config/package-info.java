/** Spring wiring: properties, the shared YAML configuration, broker topology and resilience. */
package io.atq.gateway.config;
