#!/bin/sh
# atq/demo-worker entry point. When a test-data bundle is mounted at /atq/data it first prints one line
# `data <path> <bytes>` per file and `data read-only` (or `data writable`).
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

mkdir -p /www
printf 'atq demo-worker host=%s task=%s mode=%s\n' "$host" "${ATQ_TASK_ID:-}" "${MODE:-}" >/www/index.html

# httpd in the foreground of a background job, so the shell can wait and handle signals.
httpd -f -p "$port" -h /www &
wait $!
status=$?
echo "demo-worker: httpd exited with $status"
exit "$status"
