package io.atq.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How {@link CliPipeline} reads the docker CLI's output (formats {@link CliTasks#PS_FORMAT} and {@link CliTasks#ADDRESS_FORMAT}). */
class CliTasksTest {
    private static final String NET = "le0367ylf86dk29uw8mc1umno";

    @Test
    void readsTheStateFromTheFirstWordOfCurrentState() {
        List<CliTasks.Task> tasks = CliTasks.parsePs("""
                kllwggee5x7fksp7i0dvfwc1p\tRunning less than a second ago\t
                dzv6c61zkgxmwsdp86i69utj6\tPreparing 2 seconds ago\t
                duvxy24o4zk2o2jk4boam65a8\tNew 3 seconds ago\t

                """);

        assertThat(tasks).extracting(CliTasks.Task::id)
                .containsExactly("kllwggee5x7fksp7i0dvfwc1p", "dzv6c61zkgxmwsdp86i69utj6", "duvxy24o4zk2o2jk4boam65a8");
        assertThat(tasks).extracting(CliTasks.Task::state)
                .containsExactly(CliTasks.State.RUNNING, CliTasks.State.PREPARING, CliTasks.State.NEW);
        assertThat(CliTasks.running(tasks)).isEqualTo(1);
        assertThat(CliTasks.firstFailed(tasks)).isEmpty();
    }

    @Test
    void aCompleteTaskExitedZeroAndAFailedOneCarriesItsCode() {
        List<CliTasks.Task> tasks = CliTasks.parsePs("""
                a1\tComplete 1 second ago\t
                b2\tFailed 4 seconds ago\ttask: non-zero exit (3)
                """);

        assertThat(tasks.get(0).state().ended()).isTrue();
        assertThat(tasks.get(0).exitCode()).isZero();
        assertThat(tasks.get(1).exitCode()).isEqualTo(3);
        assertThat(CliTasks.firstFailed(tasks)).contains(tasks.get(1));
    }

    @Test
    void anUnknownStateIsNeitherRunningNorEnded() {
        CliTasks.Task task = CliTasks.parsePs("x\tSomething new\t\n").getFirst();

        assertThat(task.state()).isEqualTo(CliTasks.State.UNKNOWN);
        assertThat(task.state().ended()).isFalse();
        assertThat(task.exitCode()).isEqualTo(-1);
    }

    @Test
    void rejectsALineOfAnotherFormat() {
        assertThatThrownBy(() -> CliTasks.parsePs("ID NAME IMAGE\n")).hasMessageContaining("'ID NAME IMAGE'");
    }

    @Test
    void readsEachSlotsAddressOnTheTaskNetworkWithoutItsPrefixLength() {
        Map<Integer, String> bySlot = CliTasks.parseAddresses("""
                2 %s=10.0.1.3/24
                1 ingressnetworkid=10.0.0.7/24 %s=10.0.1.2/24
                3 %s=10.0.1.4/24
                """.formatted(NET, NET, NET), NET);

        assertThat(bySlot).containsExactly(Map.entry(1, "10.0.1.2"), Map.entry(2, "10.0.1.3"), Map.entry(3, "10.0.1.4"));
        assertThat(CliTasks.inSlotOrder(bySlot, 3)).contains(List.of("10.0.1.2", "10.0.1.3", "10.0.1.4"));
    }

    @Test
    void waitsWhileASlotHasNoAddressOnTheNetworkYet() {
        Map<Integer, String> bySlot = CliTasks.parseAddresses("1 " + NET + "=10.0.1.2/24\n2\n3 other=10.0.9.9/24\n", NET);

        assertThat(bySlot).containsOnlyKeys(1);
        assertThat(CliTasks.inSlotOrder(bySlot, 3)).isEmpty();
    }
}
