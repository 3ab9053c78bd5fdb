# shellcheck shell=bash
# Sourced by compose/dev: `compose/dev test` — the whole Maven suite (`mvn -B verify`) from the repo root, then a leak
# check: a swarm service or network of the suite (atq.instance=atq-test*) created during the run that outlives it fails
# the run. It is the outer net: each test class checks its own instance (test-fixtures' SwarmLeaks); this one also
# catches what a test that never reached its check (a crashed fork, a killed JVM) left.

# Swarm objects left by a suite: managed, atq.instance starting with atq-test, created at or after
# $1 (epoch seconds). Prints "ID NAME INSTANCE" lines; $2 is service or network.
leaked_objects() {
  local since=$1 kind=$2 ids id name instance created
  ids=$(docker "$kind" ls -q --filter label=atq.managed=true 2>/dev/null || true)
  [ -n "$ids" ] || return 0
  # Inspect formats differ: a service's CreatedAt is a time, a network's Created a "... +0000 UTC" string.
  local format='{{.ID}}|{{.Spec.Name}}|{{index .Spec.Labels "atq.instance"}}|{{.CreatedAt.Unix}}'
  [ "$kind" = service ] || format='{{.Id}}|{{.Name}}|{{index .Labels "atq.instance"}}|{{.Created}}'
  # shellcheck disable=SC2086
  docker "$kind" inspect --format "$format" $ids 2>/dev/null | while IFS='|' read -r id name instance created; do
    [[ "$instance" == atq-test* ]] || continue
    [[ "$created" =~ ^[0-9]+$ ]] || created=$(date -d "${created% *}" +%s 2>/dev/null || echo 0)
    [ "$created" -ge "$since" ] && echo "$id $name $instance"
  done || true
}

cmd_test() {
  ensure_jdk
  ensure_docker
  ensure_rabbitmq  # EngineRestartIT's broker is a vhost of it: a broker container would go down with the engine
  ensure_images
  ensure_registry  # RegistryDigestIT pushes to it
  ensure_maven
  ensure_chromium  # BoardIT drives /usr/bin/chromium headless
  ensure_node      # ... through playwright-core, installed by npm ci
  say "Test suite: mvn -B verify $*"
  info "$(mvn -v 2>/dev/null | head -n 1 | sed 's/\x1b\[[0-9;]*m//g')"
  export TESTCONTAINERS_RYUK_DISABLED=true
  export TESTCONTAINERS_HOST_OVERRIDE=localhost
  local rc=0 t0 started
  t0=$(now_ms)
  started=$(( t0 / 1000 - 1 ))
  (cd "$ROOT" && mvn -B verify "$@") || rc=$?
  info "maven exited $rc after $(( ($(now_ms) - t0) / 1000 )) s"

  leak_check "$started" || { [ "$rc" -ne 0 ] || rc=1; }
  return "$rc"
}

# leak_check SINCE: the suite's swarm objects created at or after SINCE (epoch seconds) that outlive a short wait are
# printed and removed, and the check fails (status 1). While another Maven build runs here they are only listed.
# Called in an `||` list, so `set -e` is off inside: every command that may fail is guarded.
leak_check() {
  say "Leak check (atq.managed=true, atq.instance=atq-test*, created during this run)"
  local since=$1 services networks id
  # A swarm network whose removal was accepted stays listed until its tasks' containers are gone
  # (seen: ~2-4 s after `docker service rm`), so only what outlives a short wait counts.
  for _ in $(seq 1 15); do
    services=$(leaked_objects "$since" service)
    networks=$(leaked_objects "$since" network)
    [ -n "$services$networks" ] || break
    sleep 1
  done
  if [ -n "$services$networks" ] && pgrep -f org.codehaus.plexus.classworlds >/dev/null 2>&1; then
    # Ours has ended, so another Maven runs on this machine: what we see may be its live objects.
    warn "another Maven build is running here; not judging or removing these atq-test objects:"
    printf '%s\n' "$services" "$networks" | sed '/^$/d; s/^/    /' >&2
  elif [ -n "$services$networks" ]; then
    echo "ERROR: the suite leaked swarm objects (a suite that leaks is a failing suite):" >&2
    # shellcheck disable=SC2001  # indents every line of a multi-line list
    [ -z "$services" ] || { echo "  services (id name instance):" >&2; sed 's/^/    /' <<<"$services" >&2; }
    # shellcheck disable=SC2001
    [ -z "$networks" ] || { echo "  networks (id name instance):" >&2; sed 's/^/    /' <<<"$networks" >&2; }
    while read -r id _; do [ -z "$id" ] || docker service rm "$id" >/dev/null 2>&1 || true; done <<<"$services"
    while read -r id _; do
      [ -n "$id" ] || continue
      for _ in $(seq 1 30); do docker network rm "$id" >/dev/null 2>&1 && break; sleep 1; done
    done <<<"$networks"
    info "removed"
    return 1
  else
    info "none"
  fi
}
