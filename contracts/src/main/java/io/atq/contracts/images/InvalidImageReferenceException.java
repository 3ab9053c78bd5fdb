package io.atq.contracts.images;

/** A string that is not a Docker image reference; the message names the bad part and the raw input. */
public final class InvalidImageReferenceException extends IllegalArgumentException {
    private final String raw;

    public InvalidImageReferenceException(String raw, String problem) {
        super("'" + raw + "' is not a valid image reference: " + problem);
        this.raw = raw;
    }

    public String getRaw() {
        return raw;
    }
}
