package io.atq.director.orchestration;

import io.atq.contracts.discovery.ProbeScript;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.names.Labels;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.tasks.TaskId;
import io.atq.director.support.RunFixture;
import io.atq.director.swarm.ServiceDefinition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.atq.director.support.Thresholds.below;
import static io.atq.director.support.Thresholds.withThresholds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A task taken over from a dead director runs on with the same engine from the step after its last logged phase:
 * what the dead director created is adopted, what it did not is created, and every later phase is recorded once.
 */
class TakeoverRunTest {
    private static final String DEAD = "dead-1";
    private static final List<Phase> RUN = List.of(Phase.QUEUED, Phase.PROVISIONING, Phase.STARTING_WORKERS,
            Phase.DISCOVERING, Phase.STARTING_MASTER, Phase.RUNNING, Phase.COLLECTING, Phase.SUCCEEDED);

    private final RunFixture fixture = new RunFixture();
    private final TaskRequested request = fixture.request().workers(3).port(8080).build();

    @ParameterizedTest(name = "after {0}")
    @EnumSource(value = Phase.class, names = {"QUEUED", "PROVISIONING", "STARTING_WORKERS", "DISCOVERING", "STARTING_MASTER",
            "RUNNING", "COLLECTING"})
    void continuesAfterTheLastLoggedPhaseToSucceedRecordingEveryLaterPhaseOnce(Phase last) {
        leftBehindBy(last);

        fixture.takeOver(request, last, DEAD);

        List<Phase> recorded = fixture.events.phaseEvents().stream().map(TaskPhaseChanged::phase).toList();
        assertThat(recorded).containsExactlyElementsOf(RUN.subList(RUN.indexOf(last) + 1, RUN.size()));
        assertThat(fixture.events.phaseEvents()).allSatisfy(e -> assertThat(e.director()).isEqualTo(RunFixture.DIRECTOR));
        assertThat(fixture.events.terminal().workerAddresses()).containsExactly("10.0.9.2", "10.0.9.3", "10.0.9.4");
        assertThat(fixture.swarm.serviceNames()).isEmpty();
        assertThat(fixture.swarm.networks()).isEmpty();
        assertThat(fixture.events.cleanUps()).singleElement().satisfies(c -> assertThat(c.complete()).isTrue());
    }

    @Test
    void adoptsTheDeadDirectorsServicesInsteadOfCreatingThemAgain() {
        leftBehindBy(Phase.RUNNING);

        fixture.takeOver(request, Phase.RUNNING, DEAD);

        assertThat(fixture.journal.matching("create service")).as("only the two planted here").hasSize(2);
        assertThat(fixture.journal.matching("adopt service")).containsExactly("adopt service worker", "adopt service master");
        assertThat(fixture.events.terminal().phase()).isEqualTo(Phase.SUCCEEDED);
    }

    @Test
    void aMasterLogBegunByTheDeadDirectorIsCompletedNotRepeated() {
        leftBehindBy(Phase.RUNNING);
        fixture.files.appendMasterLog(request.taskId(), List.of("reached 10.0.9.2", "reached 10.0.9.3"));

        fixture.takeOver(request, Phase.RUNNING, DEAD);

        assertThat(fixture.files.masterLog(request.taskId()).lines().toList())
                .containsExactly("reached 10.0.9.2", "reached 10.0.9.3", "reached 10.0.9.4", "summary reached=3 total=3");
    }

    @Test
    void aTaskPastItsDeadlineIsTimedOutWithItsMasterStoppedAndItsLogsKept() {
        leftBehindBy(Phase.RUNNING);
        fixture.swarm.script(Labels.Role.MASTER, (poll, n) -> List.of(io.atq.director.support.FakeSwarmClient.running(1)));
        fixture.clock.advance(request.spec().timeout().plus(Duration.ofSeconds(1)));

        fixture.takeOver(request, Phase.RUNNING, DEAD);

        assertThat(fixture.events.terminal().phase()).isEqualTo(Phase.TIMED_OUT);
        assertThat(fixture.events.terminal().failure().message()).startsWith("timed out in RUNNING");
        assertThat(fixture.files.masterLog(request.taskId())).isNotEmpty();
    }

    @Test
    void ridesOutDockerNotAnsweringAtTheStepsItAdoptsWith() {
        leftBehindBy(Phase.STARTING_WORKERS);
        fixture.swarm.notAnswering(20);

        fixture.takeOver(request, Phase.STARTING_WORKERS, DEAD);

        assertThat(fixture.journal.matching("unanswered")).hasSize(20);
        assertThat(fixture.events.terminal().phase()).isEqualTo(Phase.SUCCEEDED);
    }

    @Test
    void aSurvivorSummarizesTheResultsAndGatesOnTheThresholdsAsTheFirstDirectorWould() {
        leftBehindBy(Phase.RUNNING);
        fixture.results.read(2, 100).measuring("p95", 612);

        fixture.takeOver(withThresholds(request, below("p95", 500)), Phase.RUNNING, DEAD);

        assertThat(fixture.events.terminal().phase()).isEqualTo(Phase.FAILED);
        assertThat(fixture.events.terminal().failure().message()).isEqualTo("threshold breached: p95 of all samples below 500.0 ms: was 612.0 ms");
        assertThat(fixture.results.summarized()).containsExactly(request.taskId());
    }

    /** The objects a director that died right after recording {@code last} leaves in Swarm. */
    private void leftBehindBy(Phase last) {
        TaskId id = request.taskId();
        Map<String, String> network = labels(Labels.Role.NETWORK);
        fixture.swarm.existingNetwork(id.networkName(), network);
        if (RUN.indexOf(last) >= RUN.indexOf(Phase.STARTING_WORKERS)) {
            plant(Labels.Role.WORKER, 3);
        }
        if (last == Phase.DISCOVERING) {
            // As the dead director made it: with Swarm's addresses of the workers.
            plant(Labels.Role.PROBE, 1, Map.of(ProbeScript.ADDRESSES, "10.0.9.2,10.0.9.3,10.0.9.4", ProbeScript.PORT, "8080"));
        }
        if (RUN.indexOf(last) >= RUN.indexOf(Phase.STARTING_MASTER)) {
            plant(Labels.Role.MASTER, 1);
        }
    }

    private void plant(Labels.Role role, int replicas) {
        plant(role, replicas, Map.of());
    }

    private void plant(Labels.Role role, int replicas, Map<String, String> env) {
        String name = switch (role) {
            case WORKER -> request.taskId().workersName();
            case PROBE -> request.taskId().probeName();
            default -> request.taskId().masterName();
        };
        fixture.swarm.createService(new ServiceDefinition(name, "sha256:" + role.label(), replicas, List.of(), env,
                "net-" + request.taskId().networkName(), labels(role), List.of(), Duration.ofSeconds(1)));
    }

    private Map<String, String> labels(Labels.Role role) {
        return Map.of(Labels.TASK, request.taskId().value(), Labels.ROLE, role.label(), Labels.INSTANCE, RunFixture.INSTANCE,
                Labels.MANAGED, "true", Labels.OWNER, DEAD, Labels.DEADLINE, request.deadline().toString());
    }
}
