package io.atq.messaging;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which publish failures a client may retry, and which the broker retry resends at once. */
class PublishExceptionTest {
    private final RetryablePublishFailure resendAtOnce = new RetryablePublishFailure();

    @ParameterizedTest
    @EnumSource(value = PublishException.Reason.class, names = "UNROUTABLE", mode = EnumSource.Mode.EXCLUDE)
    void everyFailureButUnroutableIsRetryableLater(PublishException.Reason reason) {
        assertThat(failure(reason).isRetryable()).isTrue();
    }

    @Test
    void anUnroutableMessageNeedsAnOperatorNotARetry() {
        assertThat(failure(PublishException.Reason.UNROUTABLE).isRetryable()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = PublishException.Reason.class, names = "CONNECTION", mode = EnumSource.Mode.EXCLUDE)
    void onlyAMissingConnectionIsResentAtOnceBecauseOnlyThenTheMessageSurelyNeverArrived(PublishException.Reason reason) {
        assertThat(resendAtOnce.test(failure(reason))).isFalse();
        assertThat(resendAtOnce.test(failure(PublishException.Reason.CONNECTION))).isTrue();
        assertThat(resendAtOnce.test(new IllegalStateException())).isFalse();
    }

    @Test
    void theMessageNamesTheMessageTheTaskAndTheReason() {
        assertThat(failure(PublishException.Reason.TIMEOUT))
                .hasMessage("publishing task-requested.v1 for task 00000000-0000-4000-8000-000000000001 failed (TIMEOUT): detail");
    }

    private static PublishException failure(PublishException.Reason reason) {
        return new PublishException(reason, "task-requested.v1", "00000000-0000-4000-8000-000000000001", "detail", null);
    }
}
