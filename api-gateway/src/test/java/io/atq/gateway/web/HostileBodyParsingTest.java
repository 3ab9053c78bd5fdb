package io.atq.gateway.web;

import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.validation.TaskSpecValidator;
import io.atq.gateway.TestConfigs;
import io.atq.gateway.hostile.HostileRequest;
import io.atq.gateway.hostile.HostileRequestGenerator;
import io.atq.gateway.problems.InvalidRequestException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The parser against generated hostile bodies, in process: every body is either a spec the validator passes or an
 * {@link InvalidRequestException} whose every violation names a field, never any other exception.
 */
class HostileBodyParsingTest {
    private static final int BODIES = 5_000;
    private static final long SEED = Long.getLong("atq.hostile.seed", 20_261_129L);

    private final TaskSpecValidator validator = new TaskSpecValidator(TestConfigs.load());
    private final TaskRequestParser parser = new TaskRequestParser(validator, Duration.ofMinutes(30));

    @Test
    void everyGeneratedBodyIsEitherAValidSpecOrARefusalNamingItsFields() {
        HostileRequestGenerator generator = new HostileRequestGenerator(SEED);
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int i = 0; i < BODIES; i++) {
            HostileRequest request = generator.next();
            outcomes.merge(request.kind() + " " + outcome(request), 1, Integer::sum);
        }
        System.out.printf("Parsed %d generated bodies (seed %d): %s%n", BODIES, SEED, outcomes);
        assertThat(outcomes.keySet()).as("every kind is generated and most are refused")
                .contains("tree refused", "text refused", "random-json refused", "random-bytes refused", "oversized refused");
    }

    @Test
    void theSameSeedGivesTheSameRequests() {
        HostileRequestGenerator first = new HostileRequestGenerator(7);
        HostileRequestGenerator second = new HostileRequestGenerator(7);
        IntStream.range(0, 500).forEach(i -> {
            HostileRequest one = first.next();
            HostileRequest other = second.next();
            assertThat(other.describe()).isEqualTo(one.describe());
            assertThat(other.body()).isEqualTo(one.body());
        });
        assertThat(new HostileRequestGenerator(8).next().body()).isNotEqualTo(new HostileRequestGenerator(7).next().body());
    }

    private String outcome(HostileRequest request) {
        try {
            TaskSpec spec = parser.parse(request.body());
            if (!validator.validate(spec).isEmpty()) {
                fail("accepted but invalid: " + validator.validate(spec) + " in " + request.describe());
            }
            return "accepted";
        } catch (InvalidRequestException e) {
            // Checked by hand rather than with a described assertion: describing 20,000 bodies up front is slow.
            if (e.getViolations().isEmpty() || e.getViolations().stream()
                    .anyMatch(v -> v.field() == null || v.field().isEmpty() || v.message() == null || v.message().isBlank())) {
                fail("refused without naming a field: " + e.getViolations() + " in " + request.describe());
            }
            return "refused";
        } catch (RuntimeException | StackOverflowError e) {
            return fail("parser failed unexpectedly on " + request.describe(), e);
        }
    }
}
