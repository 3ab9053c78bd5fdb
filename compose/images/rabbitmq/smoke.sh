#!/usr/bin/env bash
# Usage: smoke.sh IMAGE — run by compose/dev after a (re)build: the broker logs "Server startup complete"
# (what Testcontainers' RabbitMQContainer waits for), answers a ping, and declares a quorum queue and a stream.
set -euo pipefail
image=$1
name=atq-smoke-rabbitmq-$$
trap 'docker rm -f "$name" >/dev/null 2>&1 || true' EXIT
fail() { echo "smoke: $*" >&2; docker logs --tail 40 "$name" >&2 2>&1 || true; exit 1; }

t0=$(date +%s%N)
# Random host ports: 25672 is the host broker's own Erlang distribution port.
docker run -d --rm --pull never --name "$name" --label atq.smoke=true \
  -p 127.0.0.1::5672 -p 127.0.0.1::15672 "$image" >/dev/null
started=
for _ in $(seq 1 120); do
  if docker logs "$name" 2>&1 | grep -q 'Server startup complete'; then started=yes; break; fi
  [ "$(docker inspect -f '{{.State.Running}}' "$name" 2>/dev/null)" = true ] || fail "broker container exited"
  sleep 0.5
done
[ -n "$started" ] || fail "no 'Server startup complete' within 60 s"
echo "    smoke: 'Server startup complete' after $(( ($(date +%s%N) - t0) / 1000000 )) ms"

docker exec "$name" rabbitmq-diagnostics -q ping >/dev/null || fail "rabbitmq-diagnostics ping failed"
amqp=$(docker port "$name" 5672/tcp | head -n 1)
timeout 2 bash -c "</dev/tcp/${amqp%:*}/${amqp##*:}" || fail "AMQP port $amqp does not answer"
mgmt=$(docker port "$name" 15672/tcp | head -n 1)
for q in quorum stream; do
  curl -sf --max-time 10 -u guest:guest -X PUT -H 'Content-Type: application/json' \
    -d "{\"durable\":true,\"arguments\":{\"x-queue-type\":\"$q\"}}" \
    "http://$mgmt/api/queues/%2F/atq-smoke-$q" >/dev/null || fail "cannot declare a $q queue"
  curl -sf --max-time 10 -u guest:guest "http://$mgmt/api/queues/%2F/atq-smoke-$q" | grep -q "\"type\":\"$q\"" \
    || fail "queue atq-smoke-$q is not of type $q"
done
echo "    smoke: ping ok, AMQP on $amqp, quorum queue and stream declared (guest from outside loopback)"

t0=$(date +%s%N)
docker stop "$name" >/dev/null
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
echo "    smoke: docker stop took ${ms} ms"
[ "$ms" -lt 8000 ] || fail "the broker ignores SIGTERM (docker stop took ${ms} ms)"
