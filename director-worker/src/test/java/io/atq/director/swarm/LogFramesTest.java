package io.atq.director.swarm;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.core.command.FrameReader;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Docker's own error in a service log stream never passes for the task's output. */
class LogFramesTest {

    @Test
    void stdoutAndStderrAreOutput() {
        assertThat(LogFrames.isOutput(new Frame(StreamType.STDOUT, "a\n".getBytes()))).isTrue();
        assertThat(LogFrames.isOutput(new Frame(StreamType.STDERR, "b\n".getBytes()))).isTrue();
    }

    @Test
    void dockersSystemErrorFrameAsDockerJavaReadsItIsNotOutput() throws IOException {
        // What the engine sent when it restarted under a following reader: a stdout frame, then its error on stream 3.
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        frame(wire, 1, "summary reached=3 total=3\n");
        frame(wire, 3, "Error grabbing logs: rpc error: code = Unknown desc = context canceled\n");

        List<Frame> frames = new ArrayList<>();
        try (FrameReader reader = new FrameReader(new ByteArrayInputStream(wire.toByteArray()))) {
            for (Frame f = reader.readFrame(); f != null; f = reader.readFrame()) {
                frames.add(f);
            }
        }

        assertThat(frames).first().satisfies(f -> assertThat(LogFrames.isOutput(f)).isTrue());
        assertThat(frames.subList(1, frames.size())).isNotEmpty().noneMatch(LogFrames::isOutput);
        String said = frames.subList(1, frames.size()).stream().map(LogFrames::text).reduce("", String::concat);
        assertThat(said).contains("Error grabbing logs: rpc error").doesNotContain("\u0003");
    }

    private static void frame(ByteArrayOutputStream wire, int type, String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        wire.writeBytes(new byte[] {(byte) type, 0, 0, 0, 0, 0, (byte) (payload.length >> 8), (byte) payload.length});
        wire.writeBytes(payload);
    }
}
