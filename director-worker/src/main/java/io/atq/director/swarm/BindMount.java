package io.atq.director.swarm;

/**
 * A host folder mounted into a service's containers.
 *
 * @param source   absolute path on the node (the shared folder)
 * @param target   path inside the container
 * @param readOnly whether the containers may only read it
 */
public record BindMount(String source, String target, boolean readOnly) {

    /** A writable mount. */
    public BindMount(String source, String target) {
        this(source, target, false);
    }

    /** A mount the containers cannot write to. */
    public static BindMount readOnly(String source, String target) {
        return new BindMount(source, target, true);
    }
}
