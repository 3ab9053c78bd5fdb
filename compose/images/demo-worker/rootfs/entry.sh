#!/bin/sh
# atq/demo-worker entry point.
# PID 1 gets no default SIGTERM action: without this trap `docker stop` (and a service
# removal) would wait for the whole grace period before SIGKILL.
trap 'echo "demo-worker: stopping"; exit 0' TERM INT

port=${PORT:-8080}
host=$(hostname)
echo "demo-worker: start host=$host task=${ATQ_TASK_ID:-} mode=${MODE:-} test=${TEST_NAME:-} port=$port"
[ -n "${TEST_NAME:-}" ] && echo "TEST_NAME=$TEST_NAME"

mkdir -p /www
printf 'atq demo-worker host=%s task=%s mode=%s\n' "$host" "${ATQ_TASK_ID:-}" "${MODE:-}" >/www/index.html

# httpd in the foreground of a background job, so the shell can wait and handle signals.
httpd -f -p "$port" -h /www &
wait $!
status=$?
echo "demo-worker: httpd exited with $status"
exit "$status"
