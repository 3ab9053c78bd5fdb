package io.atq.contracts.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Client secrets read from files ({@code tokenSha256File}, {@code webhookSecretFile}), as Swarm secrets deliver them. */
class ClientSecretFilesTest {
    private static final String HASH = "c6b8801b12f6004f5ffcd7818261e23d33f0c92c0a2e17feea24bfc140159d11";
    private static final String WEBHOOK_SECRET = "whsec_YXRxLWRldi13ZWJob29rLXNlY3JldC0zMmJ5dGVzISE=";
    private static final String IMAGES = "images:\n  - imageName: atq/demo-worker:1\n";

    @TempDir
    Path dir;

    private static AtqConfig parse(String yaml) {
        return ConfigLoader.parse("test.yaml", new StringReader(yaml));
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static void assertRejected(String yaml, int line, String field, String problem) {
        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(field + ": " + problem)
                .satisfies(e -> {
                    ConfigException ce = (ConfigException) e;
                    assertThat(ce.getField()).isEqualTo(field);
                    assertThat(ce.getLine()).isEqualTo(line);
                });
    }

    @Test
    void readsTheTokenHashAndTheWebhookSecretFromFilesWithoutTheirTrailingNewline() throws IOException {
        Path hash = write("token-sha256", HASH + "\n");
        Path secret = write("webhook-secret", WEBHOOK_SECRET + "\n");
        AtqConfig config = parse(IMAGES + """
                clients:
                  - id: ci
                    role: submitter
                    tokenSha256File: %s
                    webhookSecretFile: %s
                """.formatted(hash, secret));
        ClientConfig ci = config.client("ci").orElseThrow();
        assertThat(ci.tokenSha256()).isEqualTo(HASH);
        assertThat(ci.webhookSecret()).isEqualTo(WEBHOOK_SECRET);
    }

    @Test
    void anInlineValueAndAFileForTheSameSecretAreRefused() throws IOException {
        Path hash = write("token-sha256", HASH);
        assertRejected(IMAGES + "clients:\n  - id: ci\n    role: admin\n    tokenSha256: %s\n    tokenSha256File: %s\n".formatted(HASH, hash),
                7, "clients[0].tokenSha256File", "set either tokenSha256 or tokenSha256File, not both");
    }

    @Test
    void aMissingSecretFileIsNamedWithItsFieldAndLine() {
        Path missing = dir.resolve("nope");
        assertRejected(IMAGES + "clients:\n  - id: ci\n    role: admin\n    tokenSha256File: %s\n".formatted(missing),
                6, "clients[0].tokenSha256File", "cannot read '" + missing + "': no such file");
        assertRejected(IMAGES + "clients:\n  - id: ci\n    role: admin\n    tokenSha256: %s\n    webhookSecretFile: %s\n".formatted(HASH, missing),
                7, "clients[0].webhookSecretFile", "cannot read '" + missing + "': no such file");
    }

    @Test
    void anUnreadableOrEmptyFileOrARelativePathIsRefused() throws IOException {
        assertRejected(IMAGES + "clients:\n  - {id: ci, role: admin, tokenSha256File: %s}\n".formatted(dir),
                4, "clients[0].tokenSha256File", "cannot read '" + dir + "': not a regular file");
        Path empty = write("empty", "\n");
        assertRejected(IMAGES + "clients:\n  - {id: ci, role: admin, tokenSha256File: %s}\n".formatted(empty),
                4, "clients[0].tokenSha256File", "'" + empty + "' is empty");
        assertRejected(IMAGES + "clients:\n  - {id: ci, role: admin, tokenSha256File: secrets/token}\n",
                4, "clients[0].tokenSha256File", "must be an absolute path, was 'secrets/token'");
    }

    @Test
    void aFileWithAWrongValueIsRefusedWithoutEchoingItsContent() throws IOException {
        Path token = write("token", "atq-dev-token");
        assertThatThrownBy(() -> parse(IMAGES + "clients:\n  - {id: ci, role: admin, tokenSha256File: %s}\n".formatted(token)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("clients[0].tokenSha256File: the content of '" + token + "' must be the token's SHA-256")
                .hasMessageNotContaining("atq-dev-token");
        Path secret = write("secret", "hunter2");
        assertThatThrownBy(() -> parse(IMAGES + "clients:\n  - {id: ci, role: admin, tokenSha256: %s, webhookSecretFile: %s}\n"
                .formatted(HASH, secret)))
                .hasMessageContaining("clients[0].webhookSecretFile: the content of '" + secret + "' must be whsec_")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aClientWithNeitherTheHashNorItsFileIsRefused() {
        assertRejected(IMAGES + "clients:\n  - {id: ci, role: admin}\n",
                4, "clients[0].tokenSha256", "is required (or tokenSha256File: a file holding it)");
    }
}
