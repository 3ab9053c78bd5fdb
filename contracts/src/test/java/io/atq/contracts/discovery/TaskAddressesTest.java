package io.atq.contracts.discovery;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskAddressesTest {
    private static final String NET = "iymb2tr1gsv1pj7tmvxmw9tzf";
    private static final String OTHER = "q0w9e8r7t6y5u4i3o2p1a0s9d";

    /** One task as Docker 20.10 lists it (trimmed from a real 50-replica answer; the task was still pending). */
    private static final String REAL_TASK = """
            {"ID": "0tw61c61g1nw80748sba9guwt", "Slot": 10, "ServiceID": "mo9xr9ri38p0t4gcp2owq2lz0",
             "Status": {"State": "pending", "Message": "pending task scheduling"}, "DesiredState": "running",
             "NetworksAttachments": [{
               "Network": {"ID": "iymb2tr1gsv1pj7tmvxmw9tzf", "Version": {"Index": 12},
                           "Spec": {"Name": "atq-disc-check-12597", "DriverConfiguration": {"Name": "overlay"}, "Scope": "swarm"},
                           "IPAMOptions": {"Driver": {"Name": "default"}, "Configs": [{"Subnet": "10.0.1.0/24", "Gateway": "10.0.1.1"}]}},
               "Addresses": ["10.0.1.45/24"]}]}""";

    private static String task(int slot, String attachments) {
        return "{\"Slot\": " + slot + ", \"NetworksAttachments\": [" + attachments + "]}";
    }

    private static String attachment(String networkId, String... addresses) {
        return "{\"Network\": {\"ID\": \"" + networkId + "\"}, \"Addresses\": [" + String.join(",",
                java.util.Arrays.stream(addresses).map(a -> "\"" + a + "\"").toList()) + "]}";
    }

    @Test
    void readsTheAddressOfARealTaskWithoutItsPrefixLength() {
        assertThat(TaskAddresses.onNetwork("[" + REAL_TASK + "]", NET)).containsExactly(Map.entry(10, "10.0.1.45"));
    }

    @Test
    void ordersTheAddressesBySlotWhateverOrderDockerListsTheTasksIn() {
        String json = "[" + task(3, attachment(NET, "10.0.1.7/24")) + "," + task(1, attachment(NET, "10.0.1.9/24")) + ","
                + task(2, attachment(NET, "10.0.1.3/24")) + "]";

        assertThat(TaskAddresses.onNetwork(json, NET).values()).containsExactly("10.0.1.9", "10.0.1.3", "10.0.1.7");
    }

    @Test
    void takesTheAddressOnTheTaskNetworkAmongSeveralAttachments() {
        // A worker image may also be attached elsewhere (e.g. ingress); only the task network counts.
        String json = "[" + task(1, attachment(OTHER, "10.0.0.4/24") + "," + attachment(NET, "10.0.1.5/24")) + "]";

        assertThat(TaskAddresses.onNetwork(json, NET)).containsExactly(Map.entry(1, "10.0.1.5"));
        assertThat(TaskAddresses.onNetwork(json, "no-such-network")).isEmpty();
    }

    @Test
    void keepsIpv6AddressesAndTakesTheFirstOfADualStackAttachment() {
        String json = "[" + task(1, attachment(NET, "fd00:1::5/64")) + "," + task(2, attachment(NET, "10.0.1.6/24", "fd00:1::6/64")) + "]";

        assertThat(TaskAddresses.onNetwork(json, NET)).containsExactly(Map.entry(1, "fd00:1::5"), Map.entry(2, "10.0.1.6"));
    }

    @Test
    void leavesOutTasksThatHaveNoAddressYet() {
        String json = "[{\"Slot\": 1, \"Status\": {\"State\": \"new\"}},"
                + "{\"Slot\": 2, \"NetworksAttachments\": null},"
                + task(3, attachment(NET)) + ","
                + task(4, attachment(NET, "10.0.1.8/24")) + "]";

        assertThat(TaskAddresses.onNetwork(json, NET)).containsExactly(Map.entry(4, "10.0.1.8"));
        assertThat(TaskAddresses.onNetwork("[]", NET)).isEmpty();
    }

    @Test
    void ignoresTasksWithoutASlotAndKeepsTheFirstTaskOfASlot() {
        // A global service's tasks have no slot; with restart condition none a slot has one task, but never two answers.
        String json = "[{\"NetworksAttachments\": [" + attachment(NET, "10.0.1.2/24") + "]},"
                + task(1, attachment(NET, "10.0.1.3/24")) + "," + task(1, attachment(NET, "10.0.1.4/24")) + "]";

        assertThat(TaskAddresses.onNetwork(json, NET)).containsExactly(Map.entry(1, "10.0.1.3"));
    }

    @Test
    void rejectsAnAnswerThatIsNotAJsonArray() {
        assertThatThrownBy(() -> TaskAddresses.onNetwork("{\"message\": \"service x not found\"}", NET))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a JSON array").hasMessageContaining("service x not found");
        assertThatThrownBy(() -> TaskAddresses.onNetwork("<html>", NET))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not JSON");
    }
}
