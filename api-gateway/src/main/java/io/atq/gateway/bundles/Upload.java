package io.atq.gateway.bundles;

import org.jspecify.annotations.Nullable;

import java.nio.file.Path;

/**
 * An uploaded archive, received in full into a file of {@link BundleStore#newUploadFile()}.
 *
 * @param file     the received bytes
 * @param declared the format the request's Content-Type names; {@code null}: the first bytes decide
 * @param sha256   SHA-256 of the bytes, lower-case hex: the bundle's id
 * @param size     number of bytes
 */
public record Upload(Path file, @Nullable ArchiveFormat declared, String sha256, long size) {
}
