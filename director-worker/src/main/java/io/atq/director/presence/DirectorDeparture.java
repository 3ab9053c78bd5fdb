package io.atq.director.presence;

import io.atq.director.orchestration.HandOver;
import io.atq.director.orchestration.Sleeper;
import io.atq.director.orchestration.TaskRunner;
import io.atq.director.outage.IntakeSwitch;
import io.atq.director.reaper.Leases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What a stopping director does (SIGTERM: a rolling upgrade, a scale-down, a node drain, {@code compose/dev down}),
 * first thing, before anything else stops:
 * <ol>
 *   <li>says it is stopping (so no other stopping director counts on it), stops intake and waits for the request in
 *       hand to be settled; it starts and takes over nothing from now on;</li>
 *   <li>listens a moment ({@code settle}) for other directors saying the same;</li>
 *   <li>if another director is alive and not stopping, <b>hands its tasks over</b>: each run stops where it is and
 *       leaves its task untouched ({@link HandOver}); then it says it left, and the heir takes the tasks over at once
 *       from their logged phase, the masters still running;</li>
 *   <li>otherwise (the last director, or all stopping together) <b>ends its tasks</b>: each records FAILED/INFRA "the
 *       director stopped" and removes its objects, as nothing would be left to finish them; then it says it left.</li>
 * </ol>
 * A director killed outright says nothing: the others take its tasks over once its lease runs out.
 */
public final class DirectorDeparture {
    private static final Logger log = LoggerFactory.getLogger(DirectorDeparture.class);

    private final Presence presence;
    private final IntakeSwitch intake;
    private final Runnable stopConsumer;
    private final TaskRunner runner;
    private final HandOver handOver;
    private final Leases leases;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration settle;
    private final Duration handOverWait;

    /**
     * @param stopConsumer stops the request consumer, returning once the message in hand is settled
     * @param settle       how long after saying it stops this director listens for others stopping too
     * @param handOverWait how long it waits for its runs to let go of their tasks before saying it left
     */
    public DirectorDeparture(Presence presence, IntakeSwitch intake, Runnable stopConsumer, TaskRunner runner, HandOver handOver,
                             Leases leases, Clock clock, Sleeper sleeper, Duration settle, Duration handOverWait) {
        this.presence = presence;
        this.intake = intake;
        this.stopConsumer = stopConsumer;
        this.runner = runner;
        this.handOver = handOver;
        this.leases = leases;
        this.clock = clock;
        this.sleeper = sleeper;
        this.settle = settle;
        this.handOverWait = handOverWait;
    }

    /** Goes away as the class comment says; returns once its tasks are handed over or ended. */
    public void depart() {
        Instant began = clock.instant();
        presence.announceStopping();
        intake.stopping();
        runner.refuseNew();
        stopConsumer.run();
        if (runner.runningCount() == 0) {
            log.info("stopping: no task runs here");
            presence.announceLeft();
            return;
        }
        try {
            Duration left = settle.minus(Duration.between(began, clock.instant()));
            if (left.isPositive()) {
                sleeper.sleep(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int running = runner.runningCount();
        if (leases.heirExists(clock.instant())) {
            log.info("stopping: handing {} task(s) over to the other directors", running);
            handOver.begin();
            runner.stop(handOverWait);
        } else {
            log.warn("stopping with no other director alive to take them over: ending {} task(s)", running);
            runner.close();
        }
        presence.announceLeft();
    }
}
