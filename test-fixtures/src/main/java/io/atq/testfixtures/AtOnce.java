package io.atq.testfixtures;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** Races: calls run on their own threads and released together by one latch, for tests of concurrent requests. */
public final class AtOnce {
    private AtOnce() {
    }

    /** Runs every call at once and returns their answers in the calls' order; fails if they take longer than {@code within}. */
    @SafeVarargs
    public static <T> List<T> run(Duration within, Supplier<T>... calls) {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<T>> answers = Arrays.stream(calls)
                    .map(call -> CompletableFuture.supplyAsync(() -> {
                        try {
                            start.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException(e);
                        }
                        return call.get();
                    }, threads))
                    .toList();
            start.countDown();
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(within.toMillis(), TimeUnit.MILLISECONDS);
            return answers.stream().map(CompletableFuture::join).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the concurrent calls did not all answer within " + within, e);
        }
    }
}
