package io.atq.contracts.names;

/** Labels on every Swarm object ATQ creates: services, their containers (ContainerSpec labels) and networks. */
public final class Labels {
    private Labels() {
    }

    /** The task id. */
    public static final String TASK = "atq.task";
    /** One of {@link Role}'s label values. */
    public static final String ROLE = "atq.role";
    /** The name of the ATQ system that created it; a director touches only its own instance's objects. */
    public static final String INSTANCE = "atq.instance";
    /** Always {@code "true"}: created and owned by ATQ. */
    public static final String MANAGED = "atq.managed";
    /** The id of the director that created it. */
    public static final String OWNER = "atq.owner";
    /** The task's deadline (ISO-8601 instant). */
    public static final String DEADLINE = "atq.deadline";

    /** What an object is to its task. */
    public enum Role {
        /** The task's overlay network. */
        NETWORK("network"),
        /** The worker (load generator) service. */
        WORKER("worker"),
        /** The short-lived discovery service. */
        PROBE("probe"),
        /** The master (driver) service. */
        MASTER("master"),
        /** A takeover claim: an empty network whose unique name lets one surviving director take a task over. */
        CLAIM("claim");

        private final String label;

        Role(String label) {
            this.label = label;
        }

        /** The label value. */
        public String label() {
            return label;
        }
    }
}
