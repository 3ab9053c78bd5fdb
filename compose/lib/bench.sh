# shellcheck shell=bash
# Sourced by compose/dev: `compose/dev bench` — builds benchmarks.jar, creates the bench's RabbitMQ vhosts, runs
# io.atq.bench.Bench (its own gateways and director with the configuration benchmarks/src/main/resources/atq-bench.yaml,
# see docs/benchmarks.md) and, from its EXIT trap, stops what the bench left running and deletes the vhosts and task
# folders.

BENCH_JAR=benchmarks/target/benchmarks.jar
BENCH_VHOSTS=(/atq-bench-intake /atq-bench /atq-bench-relay /atq-bench-image)
BENCH_WORK=

bench_jar_stale() {
  [ -f "$ROOT/$BENCH_JAR" ] || return 0
  [ -z "$(find "$ROOT/benchmarks/src" "$ROOT/benchmarks/pom.xml" "$ROOT/contracts/src" -type f -newer "$ROOT/$BENCH_JAR" -print -quit)" ] || return 0
  return 1
}

# Stops whatever the bench JVM left (pid files it wrote), deletes the bench vhosts and the task folders.
bench_cleanup() {
  local f pid v
  if [ -n "$BENCH_WORK" ] && [ -d "$BENCH_WORK/pids" ]; then
    for f in "$BENCH_WORK"/pids/*.pid; do
      [ -f "$f" ] || continue
      if pid_alive "$f"; then
        pid=$(cat "$f")
        warn "stopping leftover $(basename "$f" .pid) (pid $pid)"
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        kill -KILL "$pid" 2>/dev/null || true
      fi
      rm -f "$f"
    done
  fi
  for v in "${BENCH_VHOSTS[@]}"; do
    rabbitmqctl -q delete_vhost "$v" >/dev/null 2>&1 || true
  done
  # Written by the masters (as root) through their bind mounts; the logs stay in $BENCH_WORK.
  [ -z "$BENCH_WORK" ] || rm -rf --one-file-system "$BENCH_WORK/shared" "$BENCH_WORK/baseline-results"
  cleanup
}

cmd_bench() {
  local -a bench_args=()
  while [ $# -gt 0 ]; do
    case $1 in
      --quick) bench_args+=(--quick); shift ;;
      --only) [ $# -ge 2 ] || die "--only needs startup, intake, relay, orchestration or results (comma-separated; intake includes relay)"; bench_args+=(--only "$2"); shift 2 ;;
      *) die "bench: unknown option $1 (see compose/dev help)" ;;
    esac
  done
  ensure_jdk
  ensure_docker
  ensure_rabbitmq
  ensure_app_images   # jars (with their AOT caches), the demo images, and atq/gateway, atq/director for the start-up inside the images
  say "Benchmark jar"
  if bench_jar_stale; then
    ensure_maven
    info "mvn -B -q -pl benchmarks -am package -DskipTests"
    (cd "$ROOT" && mvn -B -q -pl benchmarks -am package -DskipTests)
    touch "$ROOT/$BENCH_JAR"   # reproducible jars carry a fixed date: this says when it was built
  else
    info "up to date"
  fi

  # One bench at a time on a machine: every run uses the same ports, vhosts and Swarm instance, and a starting run
  # removes what it takes for an interrupted run's leftovers. The lock goes with this shell.
  exec 9>/tmp/atq-bench.lock
  if ! flock -n 9; then
    say "Another bench is running on this machine (lock /tmp/atq-bench.lock): waiting for it"
    flock 9
  fi

  local stamp out v
  stamp=$(date -u +%Y%m%dT%H%M%SZ)
  BENCH_WORK="$ROOT/.atq/bench/$stamp"
  out="$ROOT/.atq/bench/$stamp.json"
  mkdir -p "$BENCH_WORK/shared"
  trap 'bench_cleanup' EXIT

  say "RabbitMQ vhosts ${BENCH_VHOSTS[*]} (deleted afterwards)"
  for v in "${BENCH_VHOSTS[@]}"; do
    rabbitmqctl -q delete_vhost "$v" >/dev/null 2>&1 || true   # left by an interrupted run
    rabbitmqctl -q add_vhost "$v" >/dev/null
    rabbitmqctl -q set_permissions -p "$v" guest '.*' '.*' '.*' >/dev/null
  done

  say "Benchmarks (logs: .atq/bench/$stamp/, load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
  local rc=0
  (cd "$ROOT" && java -jar "$BENCH_JAR" "${bench_args[@]+"${bench_args[@]}"}" \
      --work "$BENCH_WORK" --out "$out" \
      --gateway-jar "$ROOT/$GATEWAY_JAR" --director-jar "$ROOT/$DIRECTOR_JAR" --self-jar "$ROOT/$BENCH_JAR" \
      --instance atq-bench \
      --intake-vhost "${BENCH_VHOSTS[0]}" --run-vhost "${BENCH_VHOSTS[1]}" --relay-vhost "${BENCH_VHOSTS[2]}" --image-vhost "${BENCH_VHOSTS[3]}" --port 18480 \
      --app-jvm-options "${ATQ_BENCH_JVM_OPTIONS:-}" --director-args "${ATQ_BENCH_DIRECTOR_ARGS:-}") || rc=$?
  return "$rc"
}
