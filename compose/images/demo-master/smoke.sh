#!/usr/bin/env bash
# Usage: smoke.sh IMAGE — run by compose/dev after a (re)build: the master reaches a demo worker, writes its summary,
# reports an unreachable one, honours MODE=fail, floods with LOG_LINES, lists a bundle mounted at /atq/data, and stops at
# once on SIGTERM.
set -euo pipefail
image=$1
worker=atq-smoke-master-worker-$$
master=atq-smoke-master-$$
data=$(mktemp -d)
trap 'docker rm -f "$worker" "$master" >/dev/null 2>&1 || true; rm -rf "$data"' EXIT

fail() { echo "smoke: $*" >&2; exit 1; }
# run_master EXPECTED_EXIT ENV... : runs the master to completion, prints its output.
run_master() {
  local want=$1 out rc=0; shift
  out=$(docker run --rm --pull never --label atq.smoke=true -e ATQ_TASK_ID=smoke-task "$@" "$image" 2>&1) || rc=$?
  [ "$rc" -eq "$want" ] || fail "master with $* exited $rc, expected $want; output:"$'\n'"$out"
  printf '%s\n' "$out"
}

docker run -d --rm --pull never --name "$worker" --label atq.smoke=true -e MODE=smoke atq/demo-worker:1 >/dev/null
ip=$(docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "$worker")

out=$(run_master 0 -e MODE=smoke -e TEST_NAME=smoke -e "REMOTES=$ip")
grep -qx "reached $ip" <<<"$out" || fail "no 'reached $ip' line: $out"
grep -qx 'summary reached=1 total=1' <<<"$out" || fail "bad summary: $out"
echo "    smoke: master reached the worker"

results=$data/results
mkdir -p "$results"
run_master 0 -e MODE=smoke -e DURATION=2 -e "REMOTES=$ip,$ip" -v "$results:/atq/results" >/dev/null
summary=$(cat "$results/summary.json")
grep -Eq '^\{"samples": 4, "errors": 0, "throughput": [0-9.]+, "latencyMs": \{"p50": [0-9]+, "p90": [0-9]+, "p99": [0-9]+, "max": [0-9]+\}, "metrics": \{"workers_reached": 2, "workers_total": 2\}\}$' <<<"$summary" \
  || fail "bad results/summary.json: $summary"
rm -rf "$results"
echo "    smoke: master wrote results/summary.json ($summary)"

out=$(run_master 3 -e MODE=fail -e "REMOTES=$ip")
grep -qx "reached $ip" <<<"$out" || fail "MODE=fail: no 'reached $ip' line: $out"
out=$(run_master 1 -e MODE=smoke -e REACH_TIMEOUT=1 -e "REMOTES=$ip,$ip:9")
grep -qx "unreachable $ip:9" <<<"$out" || fail "no 'unreachable $ip:9' line: $out"
run_master 1 -e MODE=smoke -e REMOTES= | grep -qx 'summary reached=0 total=0' || fail "empty REMOTES"
echo "    smoke: MODE=fail exits 3, an unreachable worker and empty REMOTES exit 1"

out=$(run_master 1 -e MODE=smoke -e REMOTES= -e LOG_LINES=20000)
[ "$(grep -c '^flood ' <<<"$out")" -eq 20000 ] || fail "LOG_LINES=20000 did not print 20000 flood lines"
grep -qx 'flood 000020000 the quick brown fox jumps over the lazy dog 012' <<<"$out" || fail "LOG_LINES: bad last line"
grep -qx 'demo-master: printed 20000 lines' <<<"$out" || fail "LOG_LINES: no 'printed' line"
echo "    smoke: LOG_LINES prints that many numbered 64-byte lines first"

mkdir -p "$data/sub"
printf 'x' >"$data/a.txt"
printf 'a,b\n' >"$data/sub/b.csv"
chmod -R a+rX "$data"
out=$(run_master 1 -e MODE=smoke -e REMOTES= -v "$data:/atq/data:ro")
for line in 'data a.txt 1' 'data sub/b.csv 4' 'data read-only'; do
  grep -qx "$line" <<<"$out" || fail "bundle at /atq/data: no '$line' line: $out"
done
echo "    smoke: master lists the files of a read-only /atq/data"

docker run -d --pull never --name "$master" --label atq.smoke=true -e MODE=smoke -e DURATION=60 -e "REMOTES=$ip" "$image" >/dev/null
sleep 1
t0=$(date +%s%N)
docker stop "$master" >/dev/null
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
code=$(docker inspect -f '{{.State.ExitCode}}' "$master")
echo "    smoke: master stopped during the load in ${ms} ms, exit $code"
[ "$code" -eq 143 ] || fail "master exited $code on SIGTERM, expected 143"
[ "$ms" -lt 3000 ] || fail "master ignores SIGTERM (docker stop took ${ms} ms)"
