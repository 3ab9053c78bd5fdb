package io.atq.testfixtures;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class AotCacheTest {
    @TempDir
    Path dir;

    @Test
    void aCacheMadeFromTheJarIsUsedWithTheExtractedJar() throws Exception {
        Path jar = bootJar("app-v1");
        Path aot = aotDir(sha256("app-v1"));

        assertThat(AotCache.of(jar)).contains(new AotCache(aot.resolve("app.jar"), aot.resolve("app.aot")));
        assertThat(AotCache.of(jar).orElseThrow().launchArgs())
                .containsExactly("-XX:AOTCache=" + aot.resolve("app.aot"), "-jar", aot.resolve("app.jar").toString());
    }

    @Test
    void aCacheLeftFromAnEarlierJarIsNotUsed() throws Exception {
        Path jar = bootJar("app-v2");
        aotDir(sha256("app-v1"));

        assertThat(AotCache.of(jar)).isEmpty();
    }

    @Test
    void aJarRebuiltAfterItsDigestWasTakenIsCheckedAgain() throws Exception {
        Path jar = bootJar("app-v1");
        aotDir(sha256("app-v1"));
        assertThat(AotCache.of(jar)).isPresent();

        Files.writeString(jar, "app-v2, longer");
        assertThat(AotCache.of(jar)).isEmpty();
    }

    @Test
    void withoutTheCacheOrItsStampThereIsNone() throws Exception {
        Path jar = bootJar("app-v1");
        Path aot = aotDir(sha256("app-v1"));
        Files.delete(aot.resolve("app.aot"));
        assertThat(AotCache.of(jar)).isEmpty();

        Files.writeString(aot.resolve("app.aot"), "cache");
        Files.delete(aot.resolve("source.sha256"));
        assertThat(AotCache.of(jar)).isEmpty();
    }

    @Test
    void aJarWithNoAotFolderHasNone() throws Exception {
        assertThat(AotCache.of(bootJar("app-v1"))).isEmpty();
    }

    private Path bootJar(String content) throws IOException {
        return Files.writeString(dir.resolve("app.jar"), content);
    }

    private Path aotDir(String stamp) throws IOException {
        Path aot = Files.createDirectories(dir.resolve("aot"));
        Files.writeString(aot.resolve("app.jar"), "extracted");
        Files.writeString(aot.resolve("app.aot"), "cache");
        Files.writeString(aot.resolve("source.sha256"), stamp + "\n");
        return aot;
    }

    private static String sha256(String content) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes()));
    }
}
