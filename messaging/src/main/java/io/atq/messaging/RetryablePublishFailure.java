package io.atq.messaging;

import java.util.function.Predicate;

/**
 * Which failures a retry may send again at once without risking a duplicate: only a missing connection, where the
 * message surely never reached the broker. A timeout or a nack may have been routed, and a resend would duplicate it.
 * (The gateway's {@code broker} retry uses it; directors resend everything, since every reader of their events
 * applies them idempotently.)
 */
public final class RetryablePublishFailure implements Predicate<Throwable> {
    @Override
    public boolean test(Throwable failure) {
        return failure instanceof PublishException publish && publish.getReason() == PublishException.Reason.CONNECTION;
    }
}
