package io.atq.bench;

import io.atq.contracts.config.AtqConfig;
import io.atq.contracts.config.ClientConfig;
import io.atq.contracts.config.ConfigLoader;
import io.atq.contracts.images.ImageReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class BenchConfigTest {
    @TempDir
    Path work;

    @Test
    void keepsTheRunsTaskFoldersInsideItsWorkFolder() {
        AtqConfig config = load();

        assertThat(config.sharedPath()).isEqualTo(work.resolve("shared"));
        assertThat(BenchConfig.render(work)).doesNotContain(BenchConfig.WORK_PLACEHOLDER);
    }

    @Test
    void declaresEveryClientTheBenchSubmitsAsWithTheLargestTaskAllowance() {
        AtqConfig config = load();

        for (String token : AtqHttp.SUBMIT_TOKENS) {
            Optional<ClientConfig> client = config.clients().stream().filter(c -> c.tokenSha256().equals(sha256(token))).findFirst();
            assertThat(client).as("a client with the token %s", token).isPresent();
            assertThat(client.get().maxActiveTasks()).as(token).isEqualTo(100_000);
        }
    }

    @Test
    void readsWithAnAdminTokenThatSeesEveryClientsTasks() {
        String readToken = AtqHttp.AUTHORIZATION.substring("Bearer ".length());

        assertThat(load().clients()).filteredOn(c -> c.tokenSha256().equals(sha256(readToken)))
                .singleElement().satisfies(c -> assertThat(c.isAdmin()).isTrue());
    }

    @Test
    void whitelistsTheDemoImagesAndUsesTheLocalProbe() {
        AtqConfig config = load();

        assertThat(config.ruleFor(ImageReference.parse("atq/demo-worker:1"))).isPresent();
        assertThat(config.ruleFor(ImageReference.parse("atq/demo-master:1"))).isPresent();
        assertThat(config.pullImages()).isFalse();
        assertThat(config.probeImage()).isEqualTo(ConfigLoader.DEFAULT_PROBE_IMAGE);
    }

    @Test
    void writesTheConfigurationTheAppsAreGiven() throws Exception {
        BenchConfig.write(work);

        Path file = work.resolve(BenchConfig.RESOURCE);
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(BenchConfig.render(work));
        assertThat(ConfigLoader.load(file.toString()).sharedPath()).isEqualTo(work.resolve("shared"));
    }

    private AtqConfig load() {
        return ConfigLoader.parse(BenchConfig.RESOURCE, new StringReader(BenchConfig.render(work)));
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
