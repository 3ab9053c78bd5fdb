package io.atq.director.it;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;

/**
 * The live heap of this JVM (the director runs in it): a full GC, then the used heap, once per interval. Used heap
 * alone would mostly measure garbage waiting for the next collection; after a full GC it is what is still reachable,
 * so its peak over a run shows what the director held at once.
 */
final class HeapWatch implements AutoCloseable {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final long baseline;
    private final Thread sampler;
    private volatile long peak;
    private volatile int samples;
    private volatile boolean stopped;

    HeapWatch(Duration interval) {
        baseline = live();
        peak = baseline;
        sampler = Thread.ofPlatform().daemon().name("heap-watch").start(() -> {
            while (!stopped) {
                long now = live();
                peak = Math.max(peak, now);
                samples++;
                try {
                    Thread.sleep(interval);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    private long live() {
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** The live heap before the watch began. */
    long baseline() {
        return baseline;
    }

    /** How far the live heap rose above the baseline at most so far. */
    long rise() {
        return Math.max(0, peak - baseline);
    }

    int samples() {
        return samples;
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        sampler.interrupt();
        sampler.join();
    }
}
