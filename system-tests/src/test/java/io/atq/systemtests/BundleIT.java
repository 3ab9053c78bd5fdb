package io.atq.systemtests;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.Service;
import io.atq.systemtests.support.AtqClient;
import io.atq.systemtests.support.SystemTestBase;
import io.atq.testfixtures.TaskRequests;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Test-data bundles end to end: uploaded to a real gateway, mounted read-only by a real director on the real swarm. */
class BundleIT extends SystemTestBase {
    private static final String USERS = "id,name\n1,ann\n2,bob\n";
    private static final String PLAN = "ramp 10s\n";

    BundleIT() {
        super(1);
    }

    @Test
    void aTarGzBundleIsReadOnlyAtAtqDataInTheMasterAndTheWorkers() throws IOException {
        byte[] archive = tarGz(Map.of("users.csv", USERS, "plans/plan.txt", PLAN));
        String bundle = upload(archive, "application/gzip", 201);
        assertThat(upload(archive, "application/gzip", 200)).as("the same archive again").isEqualTo(bundle);

        String task = gateway.submit(withBundle(TaskRequests.demoBody("bundle-targz", 2, "master", 8), bundle));
        gateway.awaitPhase(task, Set.of("RUNNING"), Duration.ofMinutes(3));

        Path content = system.sharedPath().resolve("bundles").resolve(bundle).resolve("content");
        for (Service service : services(task)) {
            String role = service.getSpec().getLabels().get("atq.role");
            List<Mount> data = service.getSpec().getTaskTemplate().getContainerSpec().getMounts().stream()
                    .filter(m -> "/atq/data".equals(m.getTarget())).toList();
            assertThat(data).as("/atq/data in the %s service", role).hasSize(role.equals("probe") ? 0 : 1);
            data.forEach(mount -> {
                assertThat(mount.getReadOnly()).as("read-only in the %s service", role).isTrue();
                assertThat(mount.getSource()).isEqualTo(content.toString());
            });
        }
        assertThat(gateway.delete("/v1/bundles/" + bundle).status()).as("deleting a bundle in use").isEqualTo(409);

        JsonNode view = gateway.awaitTerminal(task);
        assertThat(view.get("phase").asString()).as("view %s", view).isEqualTo("SUCCEEDED");
        String log = gateway.get("/v1/tasks/" + task + "/logs").body();
        assertThat(log.lines()).contains("data plans/plan.txt " + PLAN.length(), "data users.csv " + USERS.length(), "data read-only");
        assertThat(Files.readAllLines(system.sharedPath().resolve("tasks").resolve(task).resolve("results").resolve("data.txt")))
                .containsExactly("data plans/plan.txt " + PLAN.length(), "data users.csv " + USERS.length(), "data read-only");

        gateway.awaitCleanedUp(task);
        assertThat(gateway.delete("/v1/bundles/" + bundle).status()).isEqualTo(204);
        assertThat(gateway.get("/v1/bundles/" + bundle).status()).isEqualTo(404);
        assertThat(content.getParent()).doesNotExist();
    }

    @Test
    void aZipBundleReachesTheMasterAndADeletedBundleIsRefusedAtSubmission() throws IOException {
        String bundle = upload(zip(Map.of("accounts/a.json", "{\"n\":1}")), "application/zip", 201);

        String task = gateway.submit(withBundle(TaskRequests.demoBody("bundle-zip", 1), bundle));

        JsonNode view = gateway.awaitTerminal(task);
        assertThat(view.get("phase").asString()).as("view %s", view).isEqualTo("SUCCEEDED");
        assertThat(gateway.get("/v1/tasks/" + task + "/logs").body().lines()).contains("data accounts/a.json 7", "data read-only");
        gateway.awaitCleanedUp(task);

        assertThat(gateway.delete("/v1/bundles/" + bundle).status()).isEqualTo(204);
        AtqClient.Reply refused = gateway.post("/v1/tasks", withBundle(TaskRequests.demoBody("bundle-gone", 1), bundle));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("bundle");
    }

    private String upload(byte[] archive, String contentType, int expectedStatus) {
        AtqClient.Reply reply = gateway.post("/v1/bundles", contentType, archive);
        assertThat(reply.status()).as("upload: %s", reply.body()).isEqualTo(expectedStatus);
        return reply.json().get("id").asString();
    }

    private static String withBundle(String taskJson, String bundle) {
        return taskJson.replace("\"timeout\": \"PT10M\"", "\"timeout\": \"PT10M\", \"bundle\": \"" + bundle + "\"");
    }

    private List<Service> services(String task) {
        DockerClient docker = DockerClientFactory.instance().client();
        return docker.listServicesCmd().withLabelFilter(Map.of("atq.task", task, "atq.instance", system.instance())).exec();
    }

    private static byte[] tarGz(Map<String, String> files) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            for (Map.Entry<String, String> file : new java.util.TreeMap<>(files).entrySet()) {
                byte[] data = file.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(data.length);
                tar.putArchiveEntry(entry);
                tar.write(data);
                tar.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }

    private static byte[] zip(Map<String, String> files) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream((OutputStream) out)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                zip.putArchiveEntry(new ZipArchiveEntry(file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }
}
