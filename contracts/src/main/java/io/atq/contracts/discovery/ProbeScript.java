package io.atq.contracts.discovery;

import java.util.List;
import java.util.Map;

/**
 * The discovery probe (shared by the director and the benchmarks' docker-java baseline, so both do the same work): a
 * busybox {@code sh} script run as a one-replica service inside the task's network. It is given the workers'
 * addresses (from Swarm's record of the tasks, see {@link TaskAddresses}) and checks that each accepts the workers'
 * port. It needs no host port, so any number of tasks can discover at once.
 *
 * <p>Environment: {@code ATQ_ADDRESSES} (the addresses, comma-separated, in slot order), {@code ATQ_PORT} (the TCP
 * port every worker must accept). Output: {@code ATQ-REACHABLE n of m} first and whenever n grows (while waiting,
 * followed by {@code , waiting for <address> port <port>}), then one {@code ATQ-ADDRESSES a,b,c} line, exit 0.
 *
 * <p>busybox {@code nc} (1.35, measured here) has no {@code -z}, and its {@code -w} bounds only the connect: with
 * {@code </dev/null} it would then wait until the worker closes the connection, forever for a server that waits for its
 * client to speak. {@code nc -w 1 ip port -e true} hands the connected socket to {@code true}, which exits at once, so
 * the exit status says only whether the connect succeeded. A port that refuses fails at once; an address whose container
 * is not up yet takes until the ARP lookup fails (see {@link #SYSCTLS}) or the second is over. So the addresses are
 * checked in order and a round stops at the first that does not accept yet, then starts again from it 0.2 s later: a
 * round takes a second at most, however many workers are still starting.
 */
public final class ProbeScript {
    private ProbeScript() {
    }

    /** Environment variable: the workers' addresses, comma-separated. */
    public static final String ADDRESSES = "ATQ_ADDRESSES";
    /** Environment variable: the port every worker must accept. */
    public static final String PORT = "ATQ_PORT";
    /** The line prefix of the probe's progress. */
    public static final String PROGRESS = "ATQ-REACHABLE";
    /** The line prefix the probe prints once every address accepted the port. */
    public static final String DONE = "ATQ-ADDRESSES";

    /**
     * Kernel settings of the probe's container (Swarm {@code ContainerSpec.Sysctls}, network namespace only). The probe
     * starts before the workers run, so it meets addresses whose container is not there yet: the connect then waits for
     * an ARP answer, solicited once a second (the default {@code retrans_time_ms} 1000), so a worker that comes up just
     * after a solicitation is seen a second late and {@code nc -w 1} gives up first. Soliciting every 100 ms makes an
     * absent address fail in ~0.3 s ("No route to host", measured here) and a worker that just came up answer within
     * 0.1 s. {@code eth0} is the task network: the probe's only one.
     */
    public static final Map<String, String> SYSCTLS = Map.of("net.ipv4.neigh.eth0.retrans_time_ms", "100");

    /** The script (POSIX sh, busybox applets only). The positional parameters are the addresses still to check. */
    public static final String SCRIPT = """
            port=$ATQ_PORT
            set -- $(echo "$ATQ_ADDRESSES" | tr ',' ' ')
            want=$#; n=0; seen=-1; all=$(echo "$@" | tr ' ' ',')
            while :; do
              while [ $# -gt 0 ] && nc -w 1 "$1" "$port" -e true >/dev/null 2>&1; do n=$((n + 1)); shift; done
              [ "$n" != "$seen" ] && seen=$n && echo "ATQ-REACHABLE $n of $want${1:+, waiting for $1 port $port}"
              [ $# -eq 0 ] && echo "ATQ-ADDRESSES $all" && exit 0
              sleep 0.2
            done
            """;

    /** The probe container's command. */
    public static List<String> command() {
        return List.of("/bin/sh", "-c", SCRIPT);
    }
}
