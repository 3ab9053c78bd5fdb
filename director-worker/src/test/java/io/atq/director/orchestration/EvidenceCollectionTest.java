package io.atq.director.orchestration;

import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.names.Labels;
import io.atq.contracts.phase.Phase;
import io.atq.director.support.FakeSwarmClient;
import io.atq.director.support.FakeTaskFiles;
import io.atq.director.support.FakeTaskResults;
import io.atq.director.support.Journal;
import io.atq.director.support.RunFixture;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EvidenceCollectionTest {
    private final RunFixture fixture = new RunFixture();

    @Test
    void theMastersLogIsAppendedWhileItRunsAndCompletedWithItsLastUnfinishedLineAtTheEnd() {
        fixture.swarm.following().log(Labels.Role.MASTER, "héllo\nreached 10.0.9.2\nsummary reached=1 total=1");
        TaskRequested request = fixture.request().build();
        fixture.run(request);

        assertThat(fixture.files.masterLog(request.taskId())).isEqualTo("héllo\nreached 10.0.9.2\nsummary reached=1 total=1\n");
        // Appended when the master was created (followed), long before COLLECTING.
        assertThat(fixture.journal.matching("follow master", "master.log", "phase RUNNING", "phase COLLECTING", "unfollow master"))
                .containsExactly("follow master", "master.log", "phase RUNNING", "phase COLLECTING", "unfollow master");
    }

    @Test
    void secretArgValuesAreMaskedInTheMasterAndWorkerLogs() {
        fixture.swarm.log(Labels.Role.MASTER, "token=s3cr3t-value\nplain\n").log(Labels.Role.WORKER, "using s3cr3t-value\n");
        TaskRequested request = fixture.request().masterArg("API_KEY", "s3cr3t-value").build();
        fixture.run(request);

        assertThat(fixture.files.masterLog(request.taskId())).isEqualTo("token=***\nplain\n");
        assertThat(fixture.files.workerLogs(request.taskId()).values()).allSatisfy(log -> assertThat(log).doesNotContain("s3cr3t"));
    }

    @Test
    void everyWorkerGetsItsOwnLogBySlotBeforeTheTerminalPhase() {
        fixture.swarm.log(Labels.Role.WORKER, "listening\n");
        TaskRequested request = fixture.request().workers(3).build();
        fixture.run(request);

        assertThat(fixture.files.workerLogs(request.taskId())).containsExactlyEntriesOf(Map.of(
                1, "slot 1: listening\n", 2, "slot 2: listening\n", 3, "slot 3: listening\n"));
        assertThat(fixture.journal.matching("worker-3.log", "phase SUCCEEDED")).containsExactly("worker-3.log", "phase SUCCEEDED");
    }

    @Test
    void theEndMarkerIsTheTimeOfTheTerminalPhase() {
        TaskRequested request = fixture.request().build();
        fixture.run(request);

        assertThat(fixture.files.endedAt(request.taskId())).isEqualTo(fixture.events.event(Phase.SUCCEEDED).at());
    }

    @Test
    void aLogBegunByAnotherDirectorIsCompletedNotRepeated() {
        Journal journal = new Journal();
        FakeSwarmClient swarm = new FakeSwarmClient(journal).log(Labels.Role.MASTER, "one\ntwo\nthree\n");
        FakeTaskFiles files = new FakeTaskFiles(journal);
        TaskRequested request = fixture.request().build();
        files.appendMasterLog(request.taskId(), List.of("one", "two"));
        String masterId = swarm.createService(new io.atq.director.swarm.ServiceDefinition("m", "sha256:m", 1, List.of(), Map.of(), "net",
                Map.of(Labels.ROLE, Labels.Role.MASTER.label(), Labels.INSTANCE, RunFixture.INSTANCE), List.of(),
                java.time.Duration.ZERO));

        new TaskEvidence(request.taskId(), swarm, files, new FakeTaskResults(journal), line -> line,
                RunSettings.DEFAULT_MAX_LOG_BYTES).completeMasterLog(masterId);

        assertThat(files.masterLog(request.taskId())).isEqualTo("one\ntwo\nthree\n");
    }

    @Test
    void lineAssemblyKeepsACharacterCutBetweenTwoChunks() {
        LineAssembler assembler = new LineAssembler();
        byte[] bytes = "é\nx".getBytes(StandardCharsets.UTF_8);

        List<String> first = assembler.feed(new byte[]{bytes[0]});
        List<String> second = assembler.feed(java.util.Arrays.copyOfRange(bytes, 1, bytes.length));

        assertThat(first).isEmpty();
        assertThat(second).containsExactly("é");
        assertThat(LineAssembler.split("é\nx")).containsExactly("é", "x");
        assertThat(LineAssembler.split("a\n\nb\n")).containsExactly("a", "", "b");
    }
}
