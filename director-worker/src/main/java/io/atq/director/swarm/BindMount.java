package io.atq.director.swarm;

/**
 * A host folder mounted into a service's containers.
 *
 * @param source absolute path on the node (the shared folder)
 * @param target path inside the container
 */
public record BindMount(String source, String target) {
}
