# shellcheck shell=bash
# Sourced by gateway/smoke.sh and director/smoke.sh: runs one app image against a private broker and checks that it
# runs as 10001, reads ATQ_CONFIG, becomes healthy for Docker's HEALTHCHECK and for /actuator/health, and stops on
# SIGTERM. The broker is a throwaway atq/rabbitmq:3.10 on a private network: the queue names are fixed, so an app on
# the machine's broker would join whatever system runs there (a smoke director could take its tasks).

SMOKE_ID=$$
SMOKE_NET=atq-smoke-net-$SMOKE_ID
SMOKE_BROKER=atq-smoke-broker-$SMOKE_ID
SMOKE_APP=atq-smoke-app-$SMOKE_ID
SMOKE_INSTANCE=atq-smoke-$SMOKE_ID
SMOKE_WORK=$(mktemp -d)
SMOKE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

smoke_cleanup() {
  docker rm -f "$SMOKE_APP" "$SMOKE_BROKER" >/dev/null 2>&1 || true
  docker network rm "$SMOKE_NET" >/dev/null 2>&1 || true
  rm -rf "$SMOKE_WORK"
}
trap smoke_cleanup EXIT

smoke_fail() {
  echo "smoke: $*" >&2
  docker logs --tail 60 "$SMOKE_APP" >&2 2>&1 || true
  exit 1
}

# smoke_broker: the private network and broker (alias `broker`, guest/guest: the image allows guest from outside).
smoke_broker() {
  local t0 i
  t0=$(date +%s%N)
  docker network create --label atq.smoke=true "$SMOKE_NET" >/dev/null
  docker run -d --rm --pull never --name "$SMOKE_BROKER" --label atq.smoke=true --network "$SMOKE_NET" \
    --network-alias broker atq/rabbitmq:3.10 >/dev/null
  for i in $(seq 1 120); do
    docker logs "$SMOKE_BROKER" 2>&1 | grep -q 'Server startup complete' && break
    [ "$i" -lt 120 ] || smoke_fail "the broker did not start within 60 s"
    sleep 0.5
  done
  echo "    smoke: private broker up in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
}

# smoke_run IMAGE PORT DOCKER-RUN-ARGS... : the app (PORT published on 127.0.0.1; more with -p) with the repo's default configuration (sharedPath moved to
# /atq-shared, a folder the image's user owns) mounted read-only as ATQ_CONFIG, on a read-only root file system.
smoke_run() {
  local image=$1 port=$2
  shift 2
  mkdir -p "$SMOKE_WORK/shared"
  chown 10001:10001 "$SMOKE_WORK/shared"
  sed 's|^sharedPath:.*|sharedPath: /atq-shared|' "$SMOKE_ROOT/contracts/src/main/resources/atq-default.yaml" \
    >"$SMOKE_WORK/atq.yaml"
  chmod 755 "$SMOKE_WORK"
  chmod 644 "$SMOKE_WORK/atq.yaml"
  docker run -d --pull never --name "$SMOKE_APP" --label atq.smoke=true --network "$SMOKE_NET" \
    -p "127.0.0.1::$port" --read-only --tmpfs /tmp:rw,exec,nosuid,size=64m \
    -v "$SMOKE_WORK/atq.yaml:/etc/atq/atq.yaml:ro" -v "$SMOKE_WORK/shared:/atq-shared" \
    -e ATQ_CONFIG=/etc/atq/atq.yaml -e ATQ_INSTANCE="$SMOKE_INSTANCE" -e SPRING_RABBITMQ_HOST=broker \
    "$@" "$image" >/dev/null
}

# smoke_healthy PORT: waits for Docker's health status `healthy` (HEALTHCHECK: atq-healthcheck every 10 s), then
# sets SMOKE_HEALTH to the body of /actuator/health asked from the host (it must answer 200).
SMOKE_HEALTH=
smoke_healthy() {
  local port=$1 t0 i status addr
  t0=$(date +%s%N)
  for i in $(seq 1 120); do
    status=$(docker inspect -f '{{.State.Status}} {{.State.Health.Status}}' "$SMOKE_APP")
    [ "$status" != 'running healthy' ] || break
    case $status in running*) ;; *) smoke_fail "the app is $status" ;; esac
    [ "$i" -lt 120 ] || smoke_fail "not healthy within 120 s ($status)"
    sleep 1
  done
  echo "    smoke: Docker reports healthy after $(( ($(date +%s%N) - t0) / 1000000 )) ms;" \
    "$(docker logs "$SMOKE_APP" 2>&1 | grep -o 'Started [A-Za-z]* in [0-9.]* seconds' | head -n 1)"
  addr=$(docker port "$SMOKE_APP" "$port/tcp" | head -n 1)
  SMOKE_HEALTH=$(curl -sf --max-time 5 "http://$addr/actuator/health") \
    || smoke_fail "GET http://$addr/actuator/health is not 200"
}

# smoke_up_components: the names of the health components that are UP, space-separated.
smoke_up_components() {
  grep -oE '"[a-zA-Z]+":\{("details":\{[^{}]*\},)?"status":"UP"' <<<"$SMOKE_HEALTH" | cut -d'"' -f2 | paste -sd' ' -
}

# smoke_user: the app runs as 10001:10001 (plus any group added).
smoke_user() {
  local uid
  uid=$(docker exec "$SMOKE_APP" id -u)
  [ "$uid" = 10001 ] || smoke_fail "the app runs as uid $uid, not 10001"
  echo "    smoke: runs as $(docker exec "$SMOKE_APP" id | cut -d' ' -f1-3)"
}

# smoke_stop: `docker stop` ends the JVM well within Docker's 10 s.
smoke_stop() {
  local t0 ms code
  t0=$(date +%s%N)
  docker stop "$SMOKE_APP" >/dev/null
  ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  code=$(docker inspect -f '{{.State.ExitCode}}' "$SMOKE_APP")
  echo "    smoke: docker stop took ${ms} ms, exit $code"
  [ "$ms" -lt 9000 ] || smoke_fail "the app ignores SIGTERM (docker stop took ${ms} ms)"
}
