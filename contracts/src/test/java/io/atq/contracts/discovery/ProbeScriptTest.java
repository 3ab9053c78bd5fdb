package io.atq.contracts.discovery;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the script with the host's busybox (the probe image's binary, Debian's busybox-static) on loopback, against
 * workers that accept and then say nothing and never close (Java server sockets nobody accepts from).
 */
@EnabledIf("busyboxPresent")
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ProbeScriptTest {
    private static final Path BUSYBOX = Path.of("/bin/busybox");

    static boolean busyboxPresent() {
        return Files.isExecutable(BUSYBOX);
    }

    @TempDir
    Path bin;

    private Process probe(String addresses, int port) throws Exception {
        // The probe image's PATH holds only busybox applets; so does this one (the host's own nc differs).
        Files.copy(BUSYBOX, bin.resolve("busybox"));
        for (String applet : List.of("sh", "nc", "tr", "sleep", "echo", "true")) {
            Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
        }
        ProcessBuilder builder = new ProcessBuilder(bin.resolve("sh").toString(), "-c", ProbeScript.SCRIPT).redirectErrorStream(true);
        builder.environment().put(ProbeScript.ADDRESSES, addresses);
        builder.environment().put(ProbeScript.PORT, Integer.toString(port));
        builder.environment().put("PATH", bin.toString());
        return builder.start();
    }

    @Test
    void printsTheAddressesOnceEveryOneAcceptsThePort() throws Exception {
        try (ServerSocket worker = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Process probe = probe("127.0.0.1,127.0.0.1,127.0.0.1", worker.getLocalPort());

            assertThat(probe.waitFor(10, TimeUnit.SECONDS)).as("the probe ended").isTrue();
            assertThat(probe.exitValue()).isZero();
            assertThat(new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines())
                    .containsExactly("ATQ-REACHABLE 3 of 3", "ATQ-ADDRESSES 127.0.0.1,127.0.0.1,127.0.0.1");
        }
    }

    @Test
    void namesTheAddressItWaitsForAndFinishesOnceItAccepts() throws Exception {
        try (ServerSocket first = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = first.getLocalPort();
            Process probe = probe("127.0.0.1,127.0.0.2", port);
            List<String> lines = new ArrayList<>();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8))) {
                lines.add(out.readLine());
                // 127.0.0.2 refuses until a second worker listens there; the probe keeps trying.
                Thread.sleep(600);
                assertThat(probe.isAlive()).isTrue();
                try (ServerSocket second = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.2"))) {
                    assertThat(probe.waitFor(10, TimeUnit.SECONDS)).isTrue();
                    out.lines().forEach(lines::add);
                }
            } finally {
                probe.destroyForcibly();
            }

            assertThat(probe.exitValue()).isZero();
            assertThat(lines).containsExactly("ATQ-REACHABLE 1 of 2, waiting for 127.0.0.2 port " + port,
                    "ATQ-REACHABLE 2 of 2", "ATQ-ADDRESSES 127.0.0.1,127.0.0.2");
        }
    }

    @Test
    void isOneShellCommandOfBusyboxApplets() {
        assertThat(ProbeScript.command()).containsExactly("/bin/sh", "-c", ProbeScript.SCRIPT);
        // busybox nc has no -z: "-e true" ends it right after the connect (the worker in these tests never closes).
        assertThat(ProbeScript.SCRIPT).contains("nc -w 1 \"$1\" \"$port\" -e true").doesNotContain("nc -z").doesNotContain("nslookup");
    }
}
