package io.atq.contracts.discovery;

import java.util.List;

/**
 * The discovery probe (shared by the director and the benchmarks' docker-java baseline, so both do the same work): a busybox {@code sh} script run as a one-replica service inside the task's network.
 * It needs no host port, so any number of tasks can discover at once.
 *
 * <p>Environment: {@code ATQ_WORKER_SERVICE} (worker service name), {@code ATQ_EXPECTED} (replica count),
 * {@code ATQ_PORT} (TCP port every worker must accept, empty for DNS only). Output: {@code ATQ-FOUND n of m} whenever
 * the count changes, then one {@code ATQ-ADDRESSES a,b,c} line, exit 0.
 *
 * <p>busybox quirks (measured with busybox 1.35): {@code nslookup} prints the resolver first
 * ({@code Server: 127.0.0.11} / {@code Address: 127.0.0.11:53}) and then one {@code Name:} line followed by one
 * {@code Address: ip} line per record, so only {@code Address} lines right after a {@code Name} line count.
 * Its {@code nc} has no {@code -z}; {@code nc -w 1 ip port </dev/null} exits 0 when the port accepts.
 */
public final class ProbeScript {
    private ProbeScript() {
    }

    /** Environment variable: the worker service to resolve as {@code tasks.<service>}. */
    public static final String SERVICE = "ATQ_WORKER_SERVICE";
    /** Environment variable: how many addresses to wait for. */
    public static final String EXPECTED = "ATQ_EXPECTED";
    /** Environment variable: the port to check, or empty. */
    public static final String PORT = "ATQ_PORT";

    /** The script (POSIX sh, busybox applets only). */
    public static final String SCRIPT = """
            svc=$ATQ_WORKER_SERVICE; want=$ATQ_EXPECTED; port=$ATQ_PORT; seen=-1
            while :; do
              addrs=$(nslookup "tasks.$svc" 2>/dev/null | awk '/^Name:/ { getline; if ($1 == "Address:") print $2 }' | sort -u)
              n=$(echo "$addrs" | grep -c .)
              [ "$n" != "$seen" ] && echo "ATQ-FOUND $n of $want" && seen=$n
              if [ "$n" -ge "$want" ]; then
                ok=yes
                if [ -n "$port" ]; then
                  for a in $addrs; do nc -w 1 "$a" "$port" </dev/null >/dev/null 2>&1 || { ok=no; break; }; done
                fi
                [ "$ok" = yes ] && echo "ATQ-ADDRESSES $(echo $addrs | tr ' ' ',')" && exit 0
              fi
              sleep 0.2
            done
            """;

    /** The probe container's command. */
    public static List<String> command() {
        return List.of("/bin/sh", "-c", SCRIPT);
    }
}
