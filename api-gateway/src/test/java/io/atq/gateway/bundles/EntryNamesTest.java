package io.atq.gateway.bundles;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EntryNamesTest {

    @ParameterizedTest
    @CsvSource({
            "data.csv,            data.csv",
            "./data/users.csv,    data/users.csv",
            "data//users.csv,     data/users.csv",
            "data/,               data",
            "./,                  ''",
            "a/./b,               a/b",
            "..data/x..y,         ..data/x..y"})
    void plainRelativeNamesBecomeTheirPath(String raw, String path) {
        assertThat(EntryNames.relativePath(raw)).isEqualTo(path);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "../etc/passwd         | ..' segment",
            "data/../../x          | ..' segment",
            "/etc/passwd           | absolute path",
            "C:/Windows/x          | drive letter",
            "c:x                   | drive letter",
            "data\\..\\x           | backslash"})
    void namesThatCouldEscapeAreRefusedNamingTheEntry(String raw, String problem) {
        assertThatThrownBy(() -> EntryNames.relativePath(raw))
                .isInstanceOfSatisfying(BundleRefusedException.class, e -> {
                    assertThat(e.getEntry()).isEqualTo(raw);
                    assertThat(e.getProblem()).contains(problem);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\nb", "a\u0000b", "tab\there", "esc\u001b[31m", "del\u007f", "c1\u0085"})
    void controlCharactersAreRefusedAndEscapedInTheProblem(String raw) {
        assertThatThrownBy(() -> EntryNames.relativePath(raw))
                .isInstanceOfSatisfying(BundleRefusedException.class, e -> {
                    assertThat(e.getProblem()).contains("control character");
                    assertThat(e.getEntry()).doesNotContainPattern("[\\x00-\\x1f\\x7f-\\x9f]").contains("\\u00");
                });
    }

    @org.junit.jupiter.api.Test
    void pathsDeeperThanThirtyTwoFoldersAreRefused() {
        String deep = "d/".repeat(EntryNames.MAX_DEPTH) + "file";

        assertThatThrownBy(() -> EntryNames.relativePath(deep)).hasMessageContaining("33 levels deep (at most 32)");
        assertThat(EntryNames.relativePath("d/".repeat(EntryNames.MAX_DEPTH - 1) + "file")).endsWith("/file");
    }

    @org.junit.jupiter.api.Test
    void overlongSegmentsAndEmptyNamesAreRefused() {
        assertThatThrownBy(() -> EntryNames.relativePath("x".repeat(256))).hasMessageContaining("longer than 255 bytes");
        assertThatThrownBy(() -> EntryNames.relativePath("")).hasMessageContaining("empty name");
    }
}
