#!/usr/bin/env bash
# Usage: smoke.sh IMAGE — run by compose/dev after a (re)build: the worker answers HTTP, lists a bundle mounted at
# /atq/data, and stops at once.
set -euo pipefail
image=$1
name=atq-smoke-worker-$$
data=$(mktemp -d)
trap 'docker rm -f "$name" >/dev/null 2>&1 || true; rm -rf "$data"' EXIT
mkdir -p "$data/deep/er"
printf 'hello' >"$data/deep/er/x.txt"
chmod -R a+rX "$data"

docker run -d --rm --pull never --name "$name" --label atq.smoke=true -p 127.0.0.1::8080 -v "$data:/atq/data:ro" \
  -e MODE=smoke -e TEST_NAME=smoke -e ATQ_TASK_ID=smoke-task "$image" >/dev/null
addr=$(docker port "$name" 8080/tcp | head -n 1)
body=
for _ in $(seq 1 50); do
  body=$(curl -sf --max-time 2 "http://$addr/" 2>/dev/null) && break
  sleep 0.1
done
case $body in
  *task=smoke-task*) echo "    smoke: worker answered: $body" ;;
  *) echo "smoke: worker did not answer on $addr; log:" >&2; docker logs "$name" >&2; exit 1 ;;
esac

log=$(docker logs "$name" 2>&1)
for line in 'data deep/er/x.txt 5' 'data read-only'; do
  grep -qx "$line" <<<"$log" || { echo "smoke: bundle at /atq/data: no '$line' line; log:" >&2; echo "$log" >&2; exit 1; }
done
echo "    smoke: worker lists the files of a read-only /atq/data"

t0=$(date +%s%N)
docker stop "$name" >/dev/null
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
echo "    smoke: docker stop took ${ms} ms"
if [ "$ms" -ge 3000 ]; then
  echo "smoke: the worker ignores SIGTERM (docker stop took ${ms} ms)" >&2
  exit 1
fi

results=$(mktemp -d)
trap 'docker rm -f "$name" >/dev/null 2>&1 || true; rm -rf "$data" "$results"' EXIT
chmod 777 "$results"
docker run -d --rm --pull never --name "$name" --label atq.smoke=true -v "$results:/atq/results" \
  -e MODE=smoke -e SAMPLES=100 -e ERROR_EVERY=10 "$image" >/dev/null
for _ in $(seq 1 50); do
  grep -q 'results k6.csv' <(docker logs "$name" 2>&1) && break
  sleep 0.1
done
docker stop "$name" >/dev/null
rows=$(grep -c '^http_req_duration,' "$results/k6.csv" || true)
failed=$(grep -c '^http_req_duration,.*,false,' "$results/k6.csv" || true)
if [ "$rows" != 100 ] || [ "$failed" != 10 ]; then
  echo "smoke: SAMPLES=100 ERROR_EVERY=10 wrote $rows request rows, $failed failed (want 100, 10)" >&2
  exit 1
fi
echo "    smoke: worker wrote k6.csv with 100 requests, 10 failed"
