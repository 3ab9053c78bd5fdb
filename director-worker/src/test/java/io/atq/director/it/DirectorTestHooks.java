package io.atq.director.it;

import io.atq.director.intake.RequestHandler;
import io.atq.director.intake.TaskIntake;
import io.atq.director.support.CountingSwarmClient;
import io.atq.director.swarm.SwarmClient;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only beans of the director ITs: a call counter around the real Swarm client, and a request handler that
 * crashes (an unexpected exception, every time) on any request naming {@link #CRASH_MARKER}.
 */
@TestConfiguration(proxyBeanMethods = false)
class DirectorTestHooks {
    /** A task name that makes the director's request handler throw. */
    static final String CRASH_MARKER = "atq-test-crash-every-time";

    @Bean
    @Primary
    CountingSwarmClient countingSwarmClient(@Qualifier("swarmClient") SwarmClient real) {
        return new CountingSwarmClient(real);
    }

    @Bean
    @Primary
    CrashingHandler crashingHandler(TaskIntake intake) {
        return new CrashingHandler(intake);
    }

    /** Delegates to the real intake, except for the crash marker; remembers every body. */
    static final class CrashingHandler implements RequestHandler {
        private final TaskIntake intake;
        final AtomicInteger crashes = new AtomicInteger();
        /** Every body handed to the director, so a test can count deliveries of one task. */
        final java.util.Queue<String> bodies = new java.util.concurrent.ConcurrentLinkedQueue<>();

        CrashingHandler(TaskIntake intake) {
            this.intake = intake;
        }

        @Override
        public TaskIntake.Result handle(String typeId, byte[] body) throws InterruptedException {
            String text = new String(body, StandardCharsets.UTF_8);
            bodies.add(text);
            if (text.contains(CRASH_MARKER)) {
                crashes.incrementAndGet();
                throw new IllegalStateException("test hook: crashing on " + CRASH_MARKER);
            }
            return intake.handle(typeId, body);
        }
    }
}
