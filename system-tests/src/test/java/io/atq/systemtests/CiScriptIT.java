package io.atq.systemtests;

import io.atq.systemtests.support.AtqClient;
import io.atq.systemtests.support.SystemTestBase;
import io.atq.testfixtures.TaskRequests;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The CI script of docs/ci.md, run as a CI job runs it, maps the task's verdict to its exit code. */
class CiScriptIT extends SystemTestBase {
    private static final Path SCRIPT = Path.of("..", "docs", "ci", "atq-run.sh");

    record Run(int exitCode, String output) {
        private static final Pattern SUBMITTED = Pattern.compile("atq: submitted task ([0-9a-f-]+)");

        String taskId() {
            Matcher matcher = SUBMITTED.matcher(output);
            assertThat(matcher.find()).as("task id in: %s", output).isTrue();
            return matcher.group(1);
        }
    }

    private Path artifacts;
    private Path summary;

    private Run runScript(String task) throws IOException, InterruptedException {
        artifacts = system.sharedPath().resolve("artifacts-" + System.nanoTime() + ".zip");
        summary = system.sharedPath().resolve("summary-" + System.nanoTime() + ".json");
        Path taskFile = Files.createTempFile(system.sharedPath(), "task-", ".json");
        Files.writeString(taskFile, task);
        Path output = Files.createTempFile(system.sharedPath(), "ci-", ".log");
        // Run with sh, as the CI jobs in docs/ci.md do, so the script stays POSIX (dash on this machine).
        ProcessBuilder builder = new ProcessBuilder("sh", SCRIPT.toString(), taskFile.toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("ATQ_URL", gateway.process().url("").toString());
        builder.environment().put("ATQ_TOKEN", AtqClient.DEV_TOKEN);
        builder.environment().put("ATQ_POLL", "1");
        builder.environment().put("ATQ_WAIT", "300");
        builder.environment().put("ATQ_ARTIFACTS", artifacts.toString());
        builder.environment().put("ATQ_SUMMARY", summary.toString());
        Process process = builder.start();
        if (!process.waitFor(6, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("script did not finish:\n" + Files.readString(output));
        }
        return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    CiScriptIT() {
        super(1);
    }

    @Test
    void succeedingTaskExitsZeroAndPrintsTheMastersLog() throws Exception {
        Run run = runScript(TaskRequests.demoBody("ci-success", 1));

        assertThat(run.exitCode()).as(run.output()).isZero();
        // Polling may miss a short phase, never the terminal one.
        assertThat(run.output()).contains("phase SUCCEEDED", "verdict SUCCEEDED -> exit 0");
        assertThat(run.output().lines().filter(line -> line.startsWith("reached "))).as(run.output()).hasSize(1);
        assertThat(run.output()).contains("artifacts saved to " + artifacts);
        assertThat(zipEntries(artifacts)).contains("master.log", "results/result.txt", "workers/worker-1.log");
        gateway.awaitCleanedUp(run.taskId()); // removal follows the verdict; the leak check runs at the end
    }

    @Test
    void failingMasterExitsOneForATestFailure() throws Exception {
        Run run = runScript(TaskRequests.demoBody("ci-fail", 1, "fail", null));

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("phase FAILED", "verdict FAILED/TEST -> exit 1");
        gateway.awaitCleanedUp(run.taskId());
    }

    @Test
    void aBreachedThresholdExitsOneThoughTheMasterExitedZeroAndEachOutcomeIsPrinted() throws Exception {
        Run run = runScript("""
                { "name": "ci-thresholds",
                  "workers": { "image": "atq/demo-worker:1", "replicas": 1, "args": { "MODE": "node", "SAMPLES": "400", "LATENCY_MS": "50" } },
                  "master":  { "image": "atq/demo-master:1", "args": { "MODE": "master" } },
                  "timeout": "PT5M",
                  "thresholds": [{"metric": "p95", "below": "PT0.01S"}, {"metric": "errorRate", "below": 0.01}] }
                """);

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("results: 400 samples, 0 errors", "threshold BREACHED: p95 of all samples below 10.0 ms: was ",
                "threshold held: errorRate of all samples below 0.0100: was 0.0000", "verdict FAILED/TEST -> exit 1",
                "results summary saved to " + summary);
        JsonNode view = gateway.task(run.taskId());
        assertThat(view.get("exitCode").asInt()).as("the master itself succeeded").isZero();
        assertThat(view.get("failure").get("message").asString()).contains("p95 of all samples below 10.0 ms").doesNotContain("errorRate");
        assertThat(Files.readString(summary)).contains("\"overall\"", "\"series\"");
        gateway.awaitCleanedUp(run.taskId());
    }

    private static List<String> zipEntries(Path zip) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        return names;
    }

    @Test
    void refusedRequestExitsFiveWithTheProblem() throws Exception {
        Run run = runScript("{ \"name\": \"ci-bad\" }");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(5);
        assertThat(run.output()).contains("urn:atq:problem:invalid-request", "submission refused with HTTP 400");
    }
}
