/** Spring wiring: properties, beans for the core, the broker topology and listener containers, resilience, health. */
@NullMarked
package io.atq.director.config;

import org.jspecify.annotations.NullMarked;
