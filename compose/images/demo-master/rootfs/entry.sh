#!/bin/sh
# atq/demo-master entry point (busybox sh).
#
# Reads   REMOTES          worker addresses, comma- and/or space-separated (WORKER_CSV_VIPS if REMOTES is unset);
#                          an address may carry its own port as ADDR:PORT
#         ATQ_WORKER_PORT  the workers' port (default 8080)
#         DURATION         optional: seconds to keep "running the load" after the check
#         MODE             "fail" makes it exit 3 at the end, whatever happened
#         TEST_NAME        optional, echoed and written to the result file
#         REACH_TIMEOUT    optional: seconds to keep retrying one address (default 30: workers may
#                          show as running a moment before they listen, and on a busy swarm a new container on
#                          one node can take seconds to be reachable from another while the overlay learns it)
#         LOG_LINES        optional: first prints this many numbered lines of 64 bytes each, as fast as it can
#                          (`flood 000000001 …`): a loud master, for the director's log handling
# Prints  ATQ_TASK_ID=<id>; when a test-data bundle is mounted at /atq/data, one line `data <path> <bytes>` per
#         file and `data read-only` (or `data writable`); one line per worker `reached <addr>` / `unreachable <addr>`,
#         then `summary reached=N total=M`.
# Writes  /atq/results/result.txt: reached=N, total=M, test=<TEST_NAME>, requests=K, status=<...>;
#         /atq/results/summary.json: ATQ's result summary (docs/api.md): samples and errors (one per reach check
#         and per load request), throughput, latency percentiles (10 ms resolution), metrics workers_reached/_total;
#         /atq/results/data.txt: the `data` lines, when /atq/data exists
# Exits   0 if every worker was reached (and there was at least one), 1 otherwise, 3 if MODE=fail,
#         143 on SIGTERM/SIGINT (after writing the partial result).

port=${ATQ_WORKER_PORT:-8080}
remotes=${REMOTES:-${WORKER_CSV_VIPS:-}}
reach_timeout=${REACH_TIMEOUT:-30}
results_dir=/atq/results
case ${DURATION:-} in
    *[!0-9]*) echo "demo-master: DURATION must be whole seconds, ignoring '$DURATION'"; DURATION= ;;
esac
reached=0
total=0
requests=0
samples=0
errors=0
latencies=/tmp/atq-latencies
: >"$latencies"
started_cs=

# list_data DIR: one line `data <path relative to /atq/data> <bytes>` per regular file under DIR, by name.
list_data() {
    local f
    for f in "$1"/* "$1"/.[!.]* "$1"/..?*; do
        [ -e "$f" ] || continue
        if [ -d "$f" ]; then
            list_data "$f"
        elif [ -f "$f" ]; then
            echo "data ${f#/atq/data/} $(wc -c <"$f" | tr -d ' ')"
        fi
    done
}

# data_report: when a test-data bundle is mounted at /atq/data, lists its files and says whether it is writable.
data_report() {
    [ -d /atq/data ] || return 0
    list_data /atq/data
    if ( : >/atq/data/.atq-write-check ) 2>/dev/null; then
        rm -f /atq/data/.atq-write-check
        echo "data writable"
    else
        echo "data read-only"
    fi
}

case ${LOG_LINES:-} in
    *[!0-9]*) echo "demo-master: LOG_LINES must be a whole number, ignoring '$LOG_LINES'"; LOG_LINES= ;;
esac

echo "ATQ_TASK_ID=${ATQ_TASK_ID:-}"
echo "demo-master: start host=$(hostname) mode=${MODE:-} test=${TEST_NAME:-} port=$port remotes=$remotes"

# now_cs: centiseconds since boot (busybox date has whole seconds only).
now_cs() {
    read -r up _ </proc/uptime
    echo "${up%.*}${up#*.}"
}
started_cs=$(now_cs)

# write_summary: results/summary.json from the counters and the latencies file (one number of ms per line).
write_summary() {
    elapsed_cs=$(( $(now_cs) - started_cs ))
    sort -n "$latencies" | awk -v samples="$samples" -v errors="$errors" -v cs="$elapsed_cs" \
        -v reached="$reached" -v total="$total" '
        { v[NR] = $1 }
        function pct(p,  i) { i = int((p * NR + 99) / 100); if (i < 1) i = 1; return v[i] }
        END {
            printf "{\"samples\": %d, \"errors\": %d, \"throughput\": %.2f", samples, errors, (cs > 0 ? samples * 100 / cs : 0)
            if (NR > 0) printf ", \"latencyMs\": {\"p50\": %d, \"p90\": %d, \"p99\": %d, \"max\": %d}", pct(50), pct(90), pct(99), v[NR]
            printf ", \"metrics\": {\"workers_reached\": %d, \"workers_total\": %d}}\n", reached, total
        }' >"$results_dir/summary.json"
}

write_result() {
    mkdir -p "$results_dir"
    write_summary
    {
        echo "reached=$reached"
        echo "total=$total"
        echo "test=${TEST_NAME:-}"
        echo "requests=$requests"
        echo "status=$1"
    } >"$results_dir/result.txt"
}

# shellcheck disable=SC2317 # called by the trap
on_term() {
    echo "demo-master: terminated"
    write_result terminated
    echo "summary reached=$reached total=$total"
    exit 143
}
trap on_term TERM INT

if [ -n "${LOG_LINES:-}" ]; then
    # awk, not a shell loop: two million lines take seconds, not minutes.
    awk -v n="$LOG_LINES" 'BEGIN { for (i = 1; i <= n; i++) printf "flood %09d the quick brown fox jumps over the lazy dog 012\n", i }'
    echo "demo-master: printed $LOG_LINES lines"
fi

if [ -d /atq/data ]; then
    mkdir -p "$results_dir"
    data_report >"$results_dir/data.txt"
    cat "$results_dir/data.txt"
fi

# sample ADDR: one timed request that counts as a sample (and as an error when it fails).
sample() {
    t0=$(now_cs)
    if request "$1"; then
        echo $(( ($(now_cs) - t0) * 10 )) >>"$latencies"
        samples=$((samples + 1))
        return 0
    fi
    samples=$((samples + 1))
    errors=$((errors + 1))
    return 1
}

# request ADDR: one HTTP/1.0 GET; succeeds when the peer answered anything at all.
request() {
    host=$1
    p=$port
    case $1 in
        *:*:*) ;;                       # IPv6 literal: no port suffix handling
        *:*) host=${1%:*}; p=${1##*:} ;;
    esac
    answer=$(printf 'GET / HTTP/1.0\r\n\r\n' | nc -w 5 "$host" "$p" 2>/dev/null | head -c 200)
    [ -n "$answer" ]
}

# Split on commas and blanks.
addrs=$(echo "$remotes" | tr ',' ' ')
for addr in $addrs; do
    total=$((total + 1))
    deadline=$(( $(date +%s) + reach_timeout ))
    ok=no
    while :; do
        t0=$(now_cs)
        if request "$addr"; then ok=yes; break; fi
        [ "$(date +%s)" -lt "$deadline" ] || break
        sleep 1 & wait $!
    done
    # The check is one sample: the request that answered, timed; an error when none did.
    samples=$((samples + 1))
    if [ "$ok" = yes ]; then echo $(( ($(now_cs) - t0) * 10 )) >>"$latencies"; else errors=$((errors + 1)); fi
    if [ "$ok" = yes ]; then
        reached=$((reached + 1))
        echo "reached $addr"
    else
        echo "unreachable $addr"
    fi
done

if [ -n "${DURATION:-}" ] && [ "$total" -gt 0 ]; then
    echo "demo-master: running the load for ${DURATION}s"
    i=0
    elapsed=0
    while [ "$elapsed" -lt "$DURATION" ]; do
        # One light request per second, round-robin over the workers.
        n=$((i % total + 1))
        # shellcheck disable=SC2086 # unquoted on purpose: squeezes the blanks between addresses
        target=$(echo $addrs | cut -d' ' -f"$n")
        sample "$target" && requests=$((requests + 1))
        i=$((i + 1))
        sleep 1 & wait $!
        elapsed=$((elapsed + 1))
        [ $((elapsed % 10)) -eq 0 ] && echo "demo-master: load ${elapsed}s requests=$requests"
    done
elif [ -n "${DURATION:-}" ]; then
    echo "demo-master: no workers, nothing to load for ${DURATION}s"
fi

if [ "${MODE:-}" = fail ]; then
    status=failed
    code=3
elif [ "$total" -gt 0 ] && [ "$reached" -eq "$total" ]; then
    status=completed
    code=0
else
    status=incomplete
    code=1
fi
write_result "$status"
echo "summary reached=$reached total=$total"
exit "$code"
