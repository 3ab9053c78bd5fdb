package io.atq.gateway.webhooks;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The retry schedule as a ladder of wait queues. Step {@code k} (0-based) holds a delivery between attempt
 * {@code k + 1} and attempt {@code k + 2}; its nominal wait {@code w} is {@code retrySchedule[k]}.
 *
 * <p>Jitter: each wait is drawn uniformly from {@code [w·(1−J), w·(1+J)]} ({@link #JITTER} = 20 %) and travels as the
 * message's own {@code expiration}; the step's queue TTL is the upper bound {@code w·(1+J)}. RabbitMQ expires messages
 * only at the head of a queue, so a message may wait behind an earlier one with a longer expiration — but that one
 * was enqueued earlier and leaves by its own enqueue time + {@code w·(1+J)}, so every actual wait still lies within
 * {@code [own expiration, w·(1+J)]}, inside the jitter bounds. (Picking among steps instead would give only as many
 * distinct waits as there are steps, and share queues between different retries.)
 */
public final class RetryLadder {
    /** Relative jitter applied to every wait (the documented ±20 %). */
    public static final double JITTER = 0.2;

    private final List<Duration> schedule;

    public RetryLadder(List<Duration> schedule) {
        this.schedule = List.copyOf(schedule);
    }

    /** One wait before a retry: the step's queue TTL and this message's jittered expiration (≤ the TTL). */
    public record Wait(int step, Duration queueTtl, Duration expiration) {
    }

    /** How many attempts an event gets at most: the first plus one per step. */
    public int maxAttempts() {
        return schedule.size() + 1;
    }

    /** Every step's queue TTL, in step order (the wait queues to declare). */
    public List<Duration> queueTtls() {
        return schedule.stream().map(RetryLadder::ttl).toList();
    }

    /** The wait after attempt {@code attempt} (1-based) failed, or empty when that was the last attempt. */
    public Optional<Wait> after(int attempt, RandomGenerator random) {
        int step = attempt - 1;
        if (step < 0 || step >= schedule.size()) {
            return Optional.empty();
        }
        Duration nominal = schedule.get(step);
        long low = Math.round(nominal.toMillis() * (1 - JITTER));
        long high = ttl(nominal).toMillis();
        long drawn = low + (high > low ? random.nextLong(high - low + 1) : 0);
        return Optional.of(new Wait(step, ttl(nominal), Duration.ofMillis(drawn)));
    }

    /** The queue TTL of a step: the upper jitter bound, at least 1 ms. */
    static Duration ttl(Duration nominal) {
        return Duration.ofMillis(Math.max(1, (long) Math.ceil(nominal.toMillis() * (1 + JITTER))));
    }
}
