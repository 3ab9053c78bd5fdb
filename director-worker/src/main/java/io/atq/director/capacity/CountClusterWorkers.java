package io.atq.director.capacity;

import io.atq.contracts.names.Labels;
import io.atq.director.swarm.ServiceReplicas;
import io.atq.director.swarm.SwarmClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the worker replicas of other directors' tasks from the swarm's service specs (labelled {@code atq.role=worker}
 * and this {@code atq.instance}; this director's own are known exactly by {@link Capacity}). Run periodically; a failed
 * look keeps the last count (the next one corrects it).
 */
public final class CountClusterWorkers implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(CountClusterWorkers.class);

    private final SwarmClient swarm;
    private final String instance;
    private final String self;
    private final Capacity capacity;

    public CountClusterWorkers(SwarmClient swarm, String instance, String self, Capacity capacity) {
        this.swarm = swarm;
        this.instance = instance;
        this.self = self;
        this.capacity = capacity;
    }

    @Override
    public void run() {
        try {
            int others = swarm.listReplicas(instance, Labels.Role.WORKER.label()).stream()
                    .filter(s -> !self.equals(s.labels().get(Labels.OWNER)))
                    .mapToInt(ServiceReplicas::replicas)
                    .sum();
            capacity.observedOthers(others);
        } catch (RuntimeException e) {
            // Docker away (SwarmException) or anything else: a periodic job that throws is never run again.
            log.debug("cannot count the swarm's workers now: {}", e.getMessage());
        }
    }
}
