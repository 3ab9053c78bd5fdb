package io.atq.gateway.bundles;

import java.util.Locale;
import java.util.Optional;

/** The archive formats a bundle may be uploaded in, known by media type and by their first bytes. */
public enum ArchiveFormat {
    /** A zip file (read through its central directory). */
    ZIP("zip", "bundle.zip"),
    /** A gzip-compressed tar stream. */
    TAR_GZ("tar.gz", "bundle.tar.gz");

    private final String label;
    private final String fileName;

    ArchiveFormat(String label, String fileName) {
        this.label = label;
        this.fileName = fileName;
    }

    /** The name shown in views and written to {@code bundle.json}: {@code zip} or {@code tar.gz}. */
    public String label() {
        return label;
    }

    /** The name the upload is kept under in the bundle's folder. */
    public String fileName() {
        return fileName;
    }

    /** The format a media type (type/subtype, lower-case, without parameters) declares, if it declares one. */
    public static Optional<ArchiveFormat> ofMediaType(String mediaType) {
        return switch (mediaType.toLowerCase(Locale.ROOT)) {
            case "application/zip", "application/x-zip-compressed" -> Optional.of(ZIP);
            case "application/gzip", "application/x-gzip", "application/x-tar+gzip", "application/x-gtar" -> Optional.of(TAR_GZ);
            default -> Optional.empty();
        };
    }

    /** The format the first bytes show: a zip's local header or end record ({@code PK\3\4}, {@code PK\5\6}), gzip's {@code 1f 8b}. */
    public static Optional<ArchiveFormat> ofMagic(byte[] head, int length) {
        if (length >= 4 && head[0] == 'P' && head[1] == 'K'
                && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6))) {
            return Optional.of(ZIP);
        }
        if (length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return Optional.of(TAR_GZ);
        }
        return Optional.empty();
    }
}
