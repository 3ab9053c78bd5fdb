/** Health contributions of the gateway beyond Spring's own: the shared folder, the directors as their heartbeats tell. */
@NullMarked
package io.atq.gateway.health;

import org.jspecify.annotations.NullMarked;
