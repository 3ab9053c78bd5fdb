package io.atq.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/** Closed-loop and fixed-rate load over a set of per-connection operations (one HTTP connection or one AMQP channel each). */
final class Load {
    private Load() {
    }

    /** One request on one connection; {@code true} when it succeeded (a 202, or an ack). */
    @FunctionalInterface
    interface Op {
        boolean call() throws Exception;
    }

    /** Made once per connection (so a channel is never shared between two threads). */
    @FunctionalInterface
    interface OpFactory {
        Op create() throws Exception;
    }

    /** What a run achieved: successes, failures, elapsed seconds, latency of the successes. */
    record Result(long ok, long failed, double seconds, Stats latency, String firstError) {
        double rate() {
            return seconds == 0 ? 0 : ok / seconds;
        }
    }

    /**
     * {@code connections} virtual threads, each with its own operation, back to back for {@code duration}: the most
     * the system does at that concurrency. Latency is each call's own time.
     */
    static Result closedLoop(OpFactory factory, int connections, Duration duration) throws Exception {
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            ops.add(factory.create());
        }
        AtomicLong failed = new AtomicLong();
        StringBuffer firstError = new StringBuffer();
        List<List<Long>> samples = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        AtomicLong lastDone = new AtomicLong(start);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Op op : ops) {
                List<Long> mine = new ArrayList<>();
                samples.add(mine);
                threads.submit(() -> {
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        boolean ok = call(op, firstError);
                        long t1 = System.nanoTime();
                        if (ok) {
                            mine.add(t1 - t0);
                        } else {
                            failed.incrementAndGet();
                        }
                        lastDone.accumulateAndGet(t1, Math::max);
                    }
                    return null;
                });
            }
        }
        long[] all = samples.stream().flatMap(List::stream).mapToLong(Long::longValue).toArray();
        return new Result(all.length, failed.get(), (lastDone.get() - start) / 1e9, Stats.of(all), firstError.toString());
    }

    /**
     * Requests at a fixed rate for {@code duration} over at most {@code connections} in flight. Latency counts from the
     * moment a request was due, not when a connection became free, so a system that falls behind shows it.
     */
    static Result fixedRate(OpFactory factory, int connections, int perSecond, Duration duration) throws Exception {
        BlockingQueue<Op> pool = new ArrayBlockingQueue<>(connections);
        for (int i = 0; i < connections; i++) {
            pool.add(factory.create());
        }
        int total = (int) (perSecond * duration.toMillis() / 1000);
        long[] latency = new long[total];
        boolean[] ok = new boolean[total];
        StringBuffer firstError = new StringBuffer();
        long period = 1_000_000_000L / perSecond;
        long start = System.nanoTime();
        long giveUp = start + duration.toNanos() + TimeUnit.SECONDS.toNanos(5);
        AtomicLong lastDone = new AtomicLong(start);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                long due = start + i * period;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                int index = i;
                threads.submit(() -> {
                    // A system that cannot keep the rate builds a backlog: whatever has not started 5 s after the
                    // run's end counts as failed instead of stretching the run without bound.
                    Op op = pool.poll(Math.max(0, giveUp - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (op == null) {
                        latency[index] = System.nanoTime() - due;
                        return null;
                    }
                    try {
                        ok[index] = call(op, firstError);
                    } finally {
                        pool.put(op);
                    }
                    long done = System.nanoTime();
                    latency[index] = done - due;
                    lastDone.accumulateAndGet(done, Math::max);
                    return null;
                });
            }
            threads.shutdown();
            threads.awaitTermination(5, TimeUnit.MINUTES);
        }
        long[] good = new long[total];
        int n = 0;
        for (int i = 0; i < total; i++) {
            if (ok[i]) {
                good[n++] = latency[i];
            }
        }
        return new Result(n, total - n, (lastDone.get() - start) / 1e9, Stats.of(java.util.Arrays.copyOf(good, n)),
                firstError.toString());
    }

    private static boolean call(Op op, StringBuffer firstError) {
        try {
            return op.call();
        } catch (Exception e) {
            if (firstError.isEmpty()) {
                firstError.append(e);
            }
            return false;
        }
    }
}
