package io.atq.contracts.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SharedFolderCheckTest {
    @TempDir
    Path folder;

    @Test
    void aWritableFolderWithRoomIsReady() {
        SharedFolderState state = SharedFolderCheck.check(folder, 1024);

        assertThat(state.ready()).isTrue();
        assertThat(state.writable()).isTrue();
        assertThat(state.usableBytes()).isGreaterThan(1024);
        assertThat(state.details()).containsEntry("path", folder.toString()).doesNotContainKey("problem");
    }

    @Test
    void aFolderBelowTheFloorIsFullAndSaysHowMuchIsFree() {
        SharedFolderState state = SharedFolderCheck.check(folder, Long.MAX_VALUE);

        assertThat(state.ready()).isFalse();
        assertThat(state.writable()).isTrue();
        assertThat(state.problem()).startsWith("shared folder " + folder + " is full: ")
                .contains("MiB free, below evidence.minFreeSpace");
        assertThat(state.details()).containsKey("problem");
    }

    @Test
    void aMissingFolderIsNotReady() {
        SharedFolderState state = SharedFolderCheck.check(folder.resolve("gone"), 0);

        assertThat(state.ready()).isFalse();
        assertThat(state.problem()).isEqualTo("shared folder " + folder.resolve("gone") + " does not exist");
    }

    @Test
    void aFolderThatCannotBeWrittenIsNotReady() throws IOException {
        // A file where the folder should be: not a directory, so nothing can be written into it, even as root.
        Path notAFolder = Files.writeString(folder.resolve("file"), "x");

        assertThat(SharedFolderCheck.check(notAFolder, 0).ready()).isFalse();
    }

    @Test
    void theWriteCheckLeavesNothingBehind() throws IOException {
        SharedFolderCheck.check(folder, 0);
        SharedFolderCheck.check(folder, 0);

        try (var entries = Files.list(folder)) {
            assertThat(entries).isEmpty();
        }
    }
}
