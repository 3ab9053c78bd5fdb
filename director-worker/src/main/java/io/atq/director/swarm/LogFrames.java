package io.atq.director.swarm;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;

import java.nio.charset.StandardCharsets;

/**
 * Which frames of a service's log stream are the task's output. A service's log is always multiplexed (no TTY), so
 * every frame is stdout or stderr — except Docker's own error, which the engine writes on its "system error" stream
 * (header type 3, e.g. {@code Error grabbing logs: rpc error: … context canceled} when the engine restarts). docker-java
 * 3.7 knows only types 0–2: from such a header on it reads the rest of the stream as RAW, header bytes included. So a
 * RAW frame means "Docker broke off this stream", and nothing from it on may reach a task's log.
 */
final class LogFrames {
    private LogFrames() {
    }

    /** Whether the frame is the container's stdout or stderr. */
    static boolean isOutput(Frame frame) {
        return frame.getStreamType() == StreamType.STDOUT || frame.getStreamType() == StreamType.STDERR;
    }

    /** A frame's printable text, for a log line (the framing bytes docker-java passed on removed). */
    static String text(Frame frame) {
        String text = new String(frame.getPayload(), StandardCharsets.UTF_8);
        return text.replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", "").strip();
    }
}
