package io.atq.director.presence;

/** How this director tells the others that it is going away. */
public interface Presence {
    /** It is stopping: it still owns its tasks, but is no heir for anyone else's. */
    void announceStopping();

    /** It is gone: whatever it owned is free to take over now. Nothing more is heard of it. */
    void announceLeft();
}
