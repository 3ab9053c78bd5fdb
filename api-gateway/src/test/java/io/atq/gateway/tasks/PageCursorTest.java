package io.atq.gateway.tasks;

import io.atq.contracts.phase.Phase;
import io.atq.contracts.tasks.TaskId;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The opaque list cursor: it survives the round trip and refuses anything it did not issue for this query. */
class PageCursorTest {
    private static final PageCursor CURSOR =
            new PageCursor(Instant.parse("2026-01-01T10:00:00.123456789Z"), TaskId.parse("0f0e0d0c-0b0a-4000-8000-000000000001"));
    private static final String FILTERS = TaskQuery.fingerprint(Phase.RUNNING, List.of(LabelFilter.parse("branch:main")));

    @Test
    void roundTripsTheSortKeyToTheNanosecond() {
        String token = CURSOR.encode(FILTERS);
        assertThat(token).matches("[A-Za-z0-9_-]+");
        assertThat(PageCursor.decode(token, FILTERS)).isEqualTo(CURSOR);
    }

    @Test
    void theFingerprintIgnoresTheOrderOfLabelFiltersButNotTheirValues() {
        LabelFilter a = LabelFilter.parse("a:1");
        LabelFilter b = LabelFilter.parse("b:2");
        assertThat(TaskQuery.fingerprint(null, List.of(a, b))).isEqualTo(TaskQuery.fingerprint(null, List.of(b, a)));
        assertThat(TaskQuery.fingerprint(null, List.of(a))).isNotEqualTo(TaskQuery.fingerprint(null, List.of(LabelFilter.parse("a:2"))));
        assertThat(TaskQuery.fingerprint(Phase.QUEUED, List.of())).isNotEqualTo(TaskQuery.fingerprint(null, List.of()));
    }

    @Test
    void refusesAnEditedCursor() {
        String decoded = new String(Base64.getUrlDecoder().decode(CURSOR.encode(FILTERS)), StandardCharsets.UTF_8);
        String edited = decoded.replace("10:00:00", "09:00:00");
        assertRefused(Base64.getUrlEncoder().withoutPadding().encodeToString(edited.getBytes(StandardCharsets.UTF_8)),
                "altered");
    }

    @Test
    void refusesACutShortOrForeignOrNonBase64Cursor() {
        String token = CURSOR.encode(FILTERS);
        assertRefused(token.substring(0, token.length() - 3), "");
        assertRefused("bm90IGEgY3Vyc29y", "not a cursor");
        assertRefused("***", "base64url");
        assertRefused("", "not a cursor");
    }

    @Test
    void refusesACursorReusedWithOtherFilters() {
        String token = CURSOR.encode(FILTERS);
        assertRefused(token, TaskQuery.fingerprint(Phase.QUEUED, List.of(LabelFilter.parse("branch:main"))), "other filters");
    }

    private static void assertRefused(String token, String messagePart) {
        assertRefused(token, FILTERS, messagePart);
    }

    private static void assertRefused(String token, String fingerprint, String messagePart) {
        InvalidQueryException e = catchThrowableOfType(InvalidQueryException.class, () -> PageCursor.decode(token, fingerprint));
        assertThat(e).as("cursor '%s' must be refused", token).isNotNull();
        assertThat(e.getParameter()).isEqualTo("cursor");
        assertThat(e.getReason()).contains(messagePart);
        assertThat(e.isRetryable()).isFalse();
    }
}
