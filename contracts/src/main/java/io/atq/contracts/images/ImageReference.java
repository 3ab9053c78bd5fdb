package io.atq.contracts.images;

import org.jspecify.annotations.Nullable;

import java.util.regex.Pattern;

/**
 * A Docker image reference in normalised form ({@code docker.io/library/busybox:latest}), so that
 * {@code busybox}, {@code library/busybox:latest} and {@code docker.io/library/busybox} compare equal.
 *
 * @param domain registry host (default {@code docker.io})
 * @param path   repository path ({@code library/} added for single-component names on docker.io)
 * @param tag    tag (default {@code latest})
 * @param digest {@code sha256:…}
 */
public record ImageReference(String domain, String path, String tag, @Nullable String digest) {
    /** The registry Docker assumes when a reference names none. */
    public static final String DEFAULT_DOMAIN = "docker.io";
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
    private static final int MAX_LENGTH = 255;

    /**
     * Parses and normalises a reference.
     *
     * @throws InvalidImageReferenceException naming the bad part and the raw input
     */
    public static ImageReference parse(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new InvalidImageReferenceException(raw, "it is empty");
        }
        if (raw.length() > MAX_LENGTH) {
            throw new InvalidImageReferenceException(raw, "it is longer than " + MAX_LENGTH + " characters");
        }
        String rest = raw;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) {
                throw new InvalidImageReferenceException(raw, "'" + digest + "' is not a valid sha256 digest");
            }
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw new InvalidImageReferenceException(raw, "'" + tag + "' is not a valid tag");
            }
        }
        String domain = DEFAULT_DOMAIN;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                if (!DOMAIN.matcher(first).matches()) {
                    throw new InvalidImageReferenceException(raw, "'" + first + "' is not a valid registry host");
                }
                // Kept as written: Docker compares registry hosts as text (only index.docker.io is rewritten), so
                // DOCKER.IO/x:1 is another repository to it and must not match a whitelisted docker.io/x:1.
                domain = first;
                rest = rest.substring(slash + 1);
            }
        }
        if (rest.isEmpty()) {
            throw new InvalidImageReferenceException(raw, "the repository name is empty");
        }
        for (String component : rest.split("/", -1)) {
            if (!COMPONENT.matcher(component).matches()) {
                throw new InvalidImageReferenceException(raw,
                        "'" + component + "' is not a valid repository name component (lower-case letters, digits, separators)");
            }
        }
        if (domain.equals(DEFAULT_DOMAIN) && !rest.contains("/")) {
            rest = "library/" + rest;
        }
        return new ImageReference(domain, rest, tag == null ? "latest" : tag, digest);
    }

    /** Whether a requested reference names this (whitelisted) image: same repository and tag, and no other digest. */
    public boolean admits(ImageReference requested) {
        return domain.equals(requested.domain) && path.equals(requested.path) && tag.equals(requested.tag)
                && (requested.digest == null || requested.digest.equals(digest));
    }

    /** The canonical text, e.g. {@code docker.io/atq/demo-worker:1}. */
    public String canonical() {
        return domain + "/" + path + ":" + tag + (digest == null ? "" : "@" + digest);
    }

    /** The short form Docker shows for local images, e.g. {@code atq/demo-worker:1}. */
    public String familiar() {
        return repository() + ":" + tag + (digest == null ? "" : "@" + digest);
    }

    /** The repository in the short form Docker shows, without tag or digest, e.g. {@code 127.0.0.1:5000/atq/demo-worker}. */
    public String repository() {
        return domain.equals(DEFAULT_DOMAIN)
                ? (path.startsWith("library/") ? path.substring("library/".length()) : path)
                : domain + "/" + path;
    }

    /**
     * This repository pinned to one manifest, {@code repository@digest} (no tag: the digest alone says what runs), e.g.
     * {@code 127.0.0.1:5000/atq/demo-worker@sha256:…}.
     *
     * @throws InvalidImageReferenceException when {@code manifestDigest} is not a sha256 digest
     */
    public String pinnedTo(String manifestDigest) {
        if (!DIGEST.matcher(manifestDigest).matches()) {
            throw new InvalidImageReferenceException(repository() + "@" + manifestDigest, "'" + manifestDigest + "' is not a valid sha256 digest");
        }
        return repository() + "@" + manifestDigest;
    }

    @Override
    public String toString() {
        return canonical();
    }
}
