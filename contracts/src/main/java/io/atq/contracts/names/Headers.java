package io.atq.contracts.names;

/** AMQP headers ATQ sets or reads. */
public final class Headers {
    private Headers() {
    }

    /** The task id, so operators can find a task's messages without decoding bodies. */
    public static final String TASK_ID = "atq-task-id";
    /** Why a director refused a message (set on the dead-lettered copy's log line and on republished dead letters). */
    public static final String REJECT_REASON = "atq-reject-reason";
    /** Consumer argument selecting where a stream read starts ({@code first}, {@code next}, an offset or a timestamp). */
    public static final String STREAM_OFFSET = "x-stream-offset";
}
