package io.atq.director.evidence;

import io.atq.contracts.config.AtqConfig;
import io.atq.contracts.config.ConfigLoader;
import io.atq.contracts.messages.StreamMarker;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.tasks.TaskId;
import io.atq.director.ledger.TaskLedger;
import io.atq.director.storage.SharedFolderEvidenceStore;
import io.atq.director.support.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import static org.assertj.core.api.Assertions.assertThat;

/** The expiry job on a real (temporary) shared folder. */
class ExpireEvidenceTest {
    @TempDir
    Path shared;
    private final MutableClock clock = MutableClock.at("2030-01-01T00:00:00Z");
    private final TaskLedger ledger = new TaskLedger("nonce");

    private AtqConfig config() {
        return ConfigLoader.parse("test", new StringReader("sharedPath: " + shared + "\nevidence: {retention: PT1H}\n"
                + "images:\n  - imageName: atq/demo-master:1\n    args: []\n"));
    }

    private ExpireEvidence job() {
        AtqConfig config = config();
        return new ExpireEvidence(new SharedFolderEvidenceStore(config), ledger, new ExpiryDecision(config.evidence().retention()), clock);
    }

    private Path taskFolder(TaskId id, String endedAt) throws IOException {
        Path folder = Files.createDirectories(shared.resolve("tasks").resolve(id.value()).resolve("results"));
        Files.writeString(folder.resolve("result.txt"), "status=completed");
        if (endedAt != null) {
            Files.writeString(folder.resolveSibling("ended-at"), endedAt);
        }
        return folder.getParent();
    }

    private void ended(TaskId id) {
        ledger.apply(new TaskPhaseChanged(id, Phase.CANCELLED, clock.instant(), "d", List.of(), null, null));
    }

    @Test
    void aFolderPastItsRetentionIsRemovedAndAYoungerOneIsKept() throws IOException {
        ledger.apply(new StreamMarker("nonce", clock.instant()));
        Path old = taskFolder(TaskId.random(), clock.instant().minus(Duration.ofMinutes(61)).toString());
        Path young = taskFolder(TaskId.random(), clock.instant().minus(Duration.ofMinutes(59)).toString());

        job().run();

        assertThat(old).doesNotExist();
        assertThat(young.resolve("results/result.txt")).exists();
        try (var entries = Files.list(shared.resolve("tasks"))) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly(young.getFileName().toString());
        }
    }

    @Test
    void nothingIsJudgedBeforeTheLedgerCaughtUp() throws IOException {
        Path old = taskFolder(TaskId.random(), clock.instant().minus(Duration.ofDays(9)).toString());

        job().run();

        assertThat(old).exists();
    }

    @Test
    void anEndedTaskWithoutMarkerIsMarkedNowAndExpiresOneRetentionLater() throws IOException {
        ledger.apply(new StreamMarker("nonce", clock.instant()));
        TaskId id = TaskId.random();
        Path folder = taskFolder(id, null);
        Path unknown = taskFolder(TaskId.random(), null);
        ended(id);

        job().run();
        assertThat(Files.readString(folder.resolve("ended-at"))).isEqualTo(clock.instant().toString());
        clock.advance(Duration.ofHours(1));
        job().run();

        assertThat(folder).doesNotExist();
        assertThat(unknown).exists();
        assertThat(unknown.resolve("ended-at")).doesNotExist();
    }

    @Test
    void twoDirectorsExpiringTheSameFolderAtOnceRemoveItExactlyOnce() throws Exception {
        TaskId id = TaskId.random();
        Path folder = taskFolder(id, clock.instant().minus(Duration.ofDays(1)).toString());
        SharedFolderEvidenceStore one = new SharedFolderEvidenceStore(config());
        SharedFolderEvidenceStore two = new SharedFolderEvidenceStore(config());
        CyclicBarrier start = new CyclicBarrier(2);

        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> await(start, () -> one.expire(id)));
        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> await(start, () -> two.expire(id)));

        assertThat(List.of(first.get(), second.get())).containsExactlyInAnyOrder(true, false);
        assertThat(folder).doesNotExist();
        assertThat(one.purgeLeftovers()).isZero();
    }

    @Test
    void aSymlinkAMasterWroteIsRemovedButNotWhatItPointsTo() throws IOException {
        ledger.apply(new StreamMarker("nonce", clock.instant()));
        Path outside = Files.writeString(shared.resolve("keep-me.txt"), "precious");
        Path folder = taskFolder(TaskId.random(), clock.instant().minus(Duration.ofDays(1)).toString());
        Files.createSymbolicLink(folder.resolve("results/link"), outside);
        Files.createSymbolicLink(folder.resolve("results/dirlink"), shared);

        job().run();

        assertThat(folder).doesNotExist();
        assertThat(outside).hasContent("precious");
    }

    private static boolean await(CyclicBarrier barrier, java.util.function.BooleanSupplier action) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return action.getAsBoolean();
    }
}
