package io.atq.director.swarm;

/** A live log stream; closing it stops the delivery (idempotent, never throws). */
@FunctionalInterface
public interface LogSubscription extends AutoCloseable {
    @Override
    void close();
}
