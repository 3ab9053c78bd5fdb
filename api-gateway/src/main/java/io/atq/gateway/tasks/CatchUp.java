package io.atq.gateway.tasks;

import io.atq.contracts.messages.StreamMarker;
import org.jspecify.annotations.Nullable;

/**
 * Whether the read model has replayed the task log up to the moment its reader (re)started: the reader writes a
 * {@link StreamMarker} with a fresh nonce and is caught up once it reads that nonce back.
 */
public final class CatchUp {
    private volatile @Nullable String awaited;
    private volatile boolean caughtUp;

    /** A reader (re)started and will write a marker with {@code nonce}: replaying until it reads that back. */
    public void awaiting(String nonce) {
        awaited = nonce;
        caughtUp = false;
    }

    /** Records a marker read from the log; returns whether it was the awaited one. */
    public boolean read(StreamMarker marker) {
        if (marker.nonce().equals(awaited)) {
            caughtUp = true;
            return true;
        }
        return false;
    }

    public boolean isCaughtUp() {
        return caughtUp;
    }

    /** The nonce being waited for; {@code null} before the reader started. */
    public @Nullable String awaitedNonce() {
        return awaited;
    }
}
