package io.atq.director.swarm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atq.contracts.config.Resources;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceSpecHardeningTest {
    private final ServiceDefinition worker = new ServiceDefinition("atq-t-workers", "sha256:abc", 2, List.of(), Map.of("MODE", "ok"),
            "net-1", Map.of("atq.task", "t"), List.of(), Duration.ofSeconds(2), new Resources(256L << 20, 500_000_000L, 256));

    private String json() throws Exception {
        return json(worker);
    }

    private static String json(ServiceDefinition service) throws Exception {
        // docker-java writes request bodies with Jackson 2 from these model objects, leaving out nulls.
        return new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL).writeValueAsString(DockerSwarmClient.toSpec(service));
    }

    @Test
    void sendsMemoryCpuAndPidsAsLimitsNotReservations() throws Exception {
        assertThat(json()).contains("\"Limits\":{").contains("\"MemoryBytes\":268435456").contains("\"NanoCPUs\":500000000")
                .contains("\"Pids\":256").doesNotContain("Reservations\":{");
    }

    @Test
    void dropsCapabilitiesAndAddsNone() throws Exception {
        assertThat(json()).contains("\"CapabilityDrop\":[\"NET_RAW\",\"MKNOD\",\"AUDIT_WRITE\",\"SYS_CHROOT\",\"SETFCAP\"]")
                .doesNotContain("CapabilityAdd").doesNotContain("Privileges");
    }

    @Test
    void restartsNeverAndPublishesNoPort() throws Exception {
        assertThat(json()).contains("\"Condition\":\"none\"").contains("\"Mode\":\"dnsrr\"").doesNotContain("Ports");
    }

    @Test
    void sendsSysctlsOnlyForAServiceThatSetsThem() throws Exception {
        assertThat(json()).doesNotContain("Sysctls");
        assertThat(json(worker.withSysctls(Map.of("net.ipv4.neigh.eth0.retrans_time_ms", "100"))))
                .contains("\"Sysctls\":{\"net.ipv4.neigh.eth0.retrans_time_ms\":\"100\"}");
    }
}
