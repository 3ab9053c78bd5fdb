package io.atq.director.outage;

import io.atq.director.swarm.SwarmClient;
import io.atq.director.swarm.SwarmException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * While the {@code docker} circuit is not closed, asks Docker for its node info every {@code interval} through that
 * circuit. With intake stopped and no task in flight nothing else would call Docker, and a circuit only closes
 * after calls in its half-open state succeed.
 */
public final class DockerRecoveryProbe implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DockerRecoveryProbe.class);

    private final SwarmClient swarm;
    private final CircuitBreaker breaker;
    private final Duration interval;
    private final Thread thread;

    public DockerRecoveryProbe(SwarmClient swarm, CircuitBreaker breaker, Duration interval) {
        this.swarm = swarm;
        this.breaker = breaker;
        this.interval = interval;
        this.thread = Thread.ofVirtual().name("docker-recovery-probe").unstarted(this::loop);
    }

    public void start() {
        thread.start();
    }

    private void loop() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(interval);
                CircuitBreaker.State state = breaker.getState();
                if (state == CircuitBreaker.State.HALF_OPEN) {
                    probe();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void probe() {
        try {
            swarm.node();
            log.debug("Docker probe answered (circuit {})", breaker.getState());
        } catch (SwarmException e) {
            // Expected while Docker is away: the circuit opens again and the probe tries after its next wait.
            log.debug("Docker probe failed (circuit {}): {}", breaker.getState(), e.getMessage());
        }
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
