/** Spring wiring: properties, beans for the core, the broker topology and listener containers, resilience, health. */
package io.atq.director.config;
