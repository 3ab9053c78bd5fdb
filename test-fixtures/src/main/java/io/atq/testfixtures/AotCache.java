package io.atq.testfixtures;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An app jar's ahead-of-time cache, as {@code compose/lib/aot-cache.sh} leaves it at {@code package}: beside
 * {@code NAME.jar}, {@code aot/NAME.jar} (the jar extracted to plain jars), {@code aot/NAME.aot} (the cache) and
 * {@code aot/source.sha256} (the SHA-256 of the jar it was made from). Found only when that stamp matches the jar's
 * bytes now: a jar rebuilt without the cache ({@code -Datq.aot.skip=true}) leaves an older {@code aot/} behind, and
 * starting it would run the older code. The jars are reproducible (fixed entry times), so their file times say nothing.
 *
 * @param jar   the extracted jar to start with {@code -jar}
 * @param cache the cache, for {@code -XX:AOTCache}
 */
public record AotCache(Path jar, Path cache) {
    private static final Map<String, String> DIGESTS = new ConcurrentHashMap<>();

    /** The cache of {@code bootJar} if it was made from exactly this jar. */
    public static Optional<AotCache> of(Path bootJar) {
        String name = bootJar.getFileName().toString().replaceFirst("\\.jar$", "");
        Path dir = bootJar.toAbsolutePath().resolveSibling("aot");
        AotCache found = new AotCache(dir.resolve(name + ".jar"), dir.resolve(name + ".aot"));
        Path stamp = dir.resolve("source.sha256");
        try {
            if (!Files.isRegularFile(found.jar()) || !Files.isRegularFile(found.cache()) || !Files.isRegularFile(stamp)) {
                return Optional.empty();
            }
            return Files.readString(stamp).strip().equals(sha256(bootJar)) ? Optional.of(found) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The JVM options and the jar argument that start the app with this cache: {@code -XX:AOTCache=… -jar …}. */
    public List<String> launchArgs() {
        return List.of("-XX:AOTCache=" + cache, "-jar", jar.toString());
    }

    /** A jar's SHA-256, computed once per file version (path, size, modification time) in this JVM. */
    private static String sha256(Path file) throws IOException {
        String key = file.toAbsolutePath() + "|" + Files.size(file) + "|" + Files.getLastModifiedTime(file).toMillis();
        String known = DIGESTS.get(key);
        if (known != null) {
            return known;
        }
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        String hex = HexFormat.of().formatHex(digest.digest());
        DIGESTS.put(key, hex);
        return hex;
    }
}
