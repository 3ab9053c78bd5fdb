package io.atq.gateway.publish;

import java.util.function.Predicate;

/**
 * Which failures resilience4j's {@code broker} retry sends again at once: only a missing connection, where the
 * message surely never reached the broker. A timeout or a nack may have been routed, and a resend would duplicate it.
 */
public final class RetryablePublishFailure implements Predicate<Throwable> {
    @Override
    public boolean test(Throwable failure) {
        return failure instanceof PublishException publish && publish.getReason() == PublishException.Reason.CONNECTION;
    }
}
