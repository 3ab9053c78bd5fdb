package io.atq.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** One command-line tool run to its end: the {@code docker} CLI (the baselines' and the image start-up's way to Docker) and {@code jcmd}. */
final class Command {
    private Command() {
    }

    /**
     * Runs {@code executable args…} with no input and returns its standard output; a non-zero exit fails with the start
     * of the command and its standard error. Standard error is read on a virtual thread, so a chatty one cannot block
     * the process while standard output is read.
     */
    static String run(String executable, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(executable);
        command.addAll(args);
        try {
            Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            StringBuilder err = new StringBuilder();
            Thread errReader = Thread.ofVirtual().start(() -> {
                try {
                    err.append(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    err.append(e);
                }
            });
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = p.waitFor();
            errReader.join();
            if (code != 0) {
                throw new IllegalStateException("`" + String.join(" ", command.subList(0, Math.min(command.size(), 4)))
                        + " …` exited " + code + ": " + err.toString().strip());
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + executable + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + executable, e);
        }
    }
}
