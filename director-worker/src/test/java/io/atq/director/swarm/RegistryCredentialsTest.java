package io.atq.director.swarm;

import io.atq.contracts.config.RegistryAuth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A registry login as the Docker API takes it, its password read from its file and never shown. */
class RegistryCredentialsTest {
    @TempDir
    Path dir;

    @Test
    void readsThePasswordFileAndEncodesTheHeaderAsTheEngineDecodesIt() throws Exception {
        Path file = Files.writeString(dir.resolve("password"), "s3cret-token\n");

        RegistryCredentials login = RegistryCredentials.read(new RegistryAuth("ci", file), "registry.example.com:5000", "test");

        JsonNode header = JsonMapper.builder().build().readTree(new String(Base64.getUrlDecoder().decode(login.header()), StandardCharsets.UTF_8));
        assertThat(header.get("username").asString()).isEqualTo("ci");
        assertThat(header.get("password").asString()).isEqualTo("s3cret-token");
        assertThat(header.get("serveraddress").asString()).isEqualTo("registry.example.com:5000");
        assertThat(login.authConfig().getPassword()).isEqualTo("s3cret-token");
        assertThat(login.authConfig().getRegistryAddress()).isEqualTo("registry.example.com:5000");
    }

    @Test
    void neverShowsThePassword() throws Exception {
        Path file = Files.writeString(dir.resolve("password"), "s3cret-token");

        RegistryCredentials login = RegistryCredentials.read(new RegistryAuth("ci", file), "r:5000", "test");

        assertThat(login.toString()).contains("ci", "r:5000", "***").doesNotContain("s3cret-token");
    }

    @Test
    void aMissingOrEmptyPasswordFileIsRefusedNamingTheFile() throws Exception {
        Path missing = dir.resolve("nope");
        Path empty = Files.writeString(dir.resolve("empty"), "\n");

        assertThatThrownBy(() -> RegistryCredentials.read(new RegistryAuth("ci", missing), "r:5000", "resolve x"))
                .isInstanceOfSatisfying(SwarmException.class, e -> assertThat(e.getKind()).isEqualTo(SwarmException.Kind.REFUSED))
                .hasMessageContaining(missing.toString());
        assertThatThrownBy(() -> RegistryCredentials.read(new RegistryAuth("ci", empty), "r:5000", "resolve x"))
                .hasMessageContaining(empty + " is empty");
    }
}
