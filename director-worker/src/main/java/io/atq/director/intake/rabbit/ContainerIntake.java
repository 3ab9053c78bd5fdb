package io.atq.director.intake.rabbit;

import io.atq.director.outage.IntakeSwitch;
import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;

import java.util.concurrent.ExecutorService;

/**
 * The request consumer as the {@link IntakeSwitch} drives it: Spring AMQP's listener container, started and stopped
 * on one thread, in order ({@code stop()} blocks until the message in hand is settled, and the switch is flipped on
 * task threads, which must not wait for that).
 */
public final class ContainerIntake implements IntakeSwitch.Intake {
    private final AbstractMessageListenerContainer container;
    private final ExecutorService switching;

    /** @param switching a single-thread executor */
    public ContainerIntake(AbstractMessageListenerContainer container, ExecutorService switching) {
        this.container = container;
        this.switching = switching;
    }

    @Override
    public void start() {
        switching.execute(container::start);
    }

    @Override
    public void stop() {
        switching.execute(container::stop);
    }
}
