package io.atq.director.swarm;

import org.jspecify.annotations.Nullable;

/**
 * One node of the swarm and the value it has for one label key.
 *
 * @param hostname the node's hostname
 * @param state    {@code "ready"}, {@code "down"}, … with the availability when not active ({@code "ready, drain"})
 * @param value    the label's value on that node; {@code null} when the node does not have the label
 */
public record NodeLabel(String hostname, String state, @Nullable String value) {
}
