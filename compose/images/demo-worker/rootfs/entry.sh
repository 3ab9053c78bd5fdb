#!/bin/sh
# atq/demo-worker entry point. When a test-data bundle is mounted at /atq/data it first prints one line
# `data <path> <bytes>` per file and `data read-only` (or `data writable`).
# Results (into /atq/results, the worker's own folder, kept by ATQ as results/workers/<slot>/), written at start:
#   SAMPLES=N       k6.csv in k6's `--out csv` form: N requests (an http_reqs and an http_req_duration row each, labels
#                   `GET /` and `GET /search`), spread over the last N/50 seconds; latencies around LATENCY_MS (default
#                   20; `GET /search` is three times slower); every ERROR_EVERY-th request failed (expected_response
#                   false; default none). Prints `results k6.csv requests=N`.
#   MODE=hostile    results a reader must survive: bad.jtl (a JMeter CSV header, then malformed rows), huge.jtl (a sparse
#                   2 GiB file), labels.csv (k6 form, 1,000,000 requests with 1,000,000 distinct labels), xml.jtl (an
#                   XML JTL). Prints `results hostile`.
# PID 1 gets no default SIGTERM action: without this trap `docker stop` (and a service
# removal) would wait for the whole grace period before SIGKILL.
trap 'echo "demo-worker: stopping"; exit 0' TERM INT

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

port=${PORT:-8080}
host=$(hostname)
echo "demo-worker: start host=$host task=${ATQ_TASK_ID:-} mode=${MODE:-} test=${TEST_NAME:-} port=$port"
[ -n "${TEST_NAME:-}" ] && echo "TEST_NAME=$TEST_NAME"

data_report

# k6_results N: /atq/results/k6.csv as k6 writes it (awk: a million rows take seconds).
k6_results() {
    awk -v n="$1" -v base="${LATENCY_MS:-20}" -v every="${ERROR_EVERY:-0}" -v now="$(date +%s)" -v seed="$$" '
        BEGIN {
            srand(seed + now)
            print "metric_name,timestamp,metric_value,check,error,error_code,expected_response,group,method,name,proto,scenario,service,status,subproto,tls_version,url,extra_tags,metadata"
            start = now - int(n / 50)
            for (i = 1; i <= n; i++) {
                t = start + int(i / 50)
                slow = i % 4 == 0
                name = slow ? "GET /search" : "GET /"
                ms = base * (slow ? 3 : 1) * (0.5 + rand())
                ok = (every > 0 && i % every == 0) ? "false" : "true"
                status = ok == "true" ? 200 : 500
                printf "http_reqs,%d,1,,,,%s,,GET,%s,HTTP/1.1,default,,%d,,,http://worker%s,,\n", t, ok, name, status, (slow ? "/search" : "/")
                printf "http_req_duration,%d,%.6f,,,,%s,,GET,%s,HTTP/1.1,default,,%d,,,http://worker%s,,\n", t, ms, ok, name, status, (slow ? "/search" : "/")
            }
        }' >/atq/results/k6.csv
    echo "results k6.csv requests=$1"
}

# hostile_results: files a results reader must survive without crashing or running out of memory.
hostile_results() {
    { echo "timeStamp,elapsed,label,responseCode,success"; echo "1700000000000,12,ok,200,true"
      echo "not,a,row"; echo "1700000000001,twelve,bad,200,true"; echo '"unterminated,quote'; } >/atq/results/bad.jtl
    truncate -s 2G /atq/results/huge.jtl
    awk -v now="$(date +%s)" 'BEGIN {
        print "metric_name,timestamp,metric_value,check,error,error_code,expected_response,group,method,name"
        for (i = 1; i <= 1000000; i++) printf "http_req_duration,%d,%d,,,,true,,GET,label-%07d\n", now, i % 97 + 1, i
    }' >/atq/results/labels.csv
    printf '<?xml version="1.0" encoding="UTF-8"?>\n<testResults version="1.2">\n</testResults>\n' >/atq/results/xml.jtl
    echo "results hostile"
}

case ${SAMPLES:-} in
    '') ;;
    *[!0-9]*) echo "demo-worker: SAMPLES must be a whole number, ignoring '$SAMPLES'" ;;
    *) [ -d /atq/results ] && k6_results "$SAMPLES" ;;
esac
[ "${MODE:-}" = hostile ] && [ -d /atq/results ] && hostile_results

mkdir -p /www
printf 'atq demo-worker host=%s task=%s mode=%s\n' "$host" "${ATQ_TASK_ID:-}" "${MODE:-}" >/www/index.html

# httpd in the foreground of a background job, so the shell can wait and handle signals.
httpd -f -p "$port" -h /www &
wait $!
status=$?
echo "demo-worker: httpd exited with $status"
exit "$status"
