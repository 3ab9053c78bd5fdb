/** Health contributions of the gateway beyond Spring's own: the shared folder, the directors as their heartbeats tell. */
package io.atq.gateway.health;
