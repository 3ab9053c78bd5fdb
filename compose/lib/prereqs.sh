# shellcheck shell=bash
# Sourced by compose/dev: the machine's prerequisites, installed or started when missing (root only) — a JDK >= 21
# (never installed: found in JAVA_HOME or /usr/lib/jvm), Maven, the Docker engine in a single-node swarm, RabbitMQ on
# 127.0.0.1:5672 (unless SPRING_RABBITMQ_HOST names another broker), curl, chromium and node (the board's browser test),
# and the gateway and director jars.

JVM_DIR=/usr/lib/jvm
GATEWAY_JAR=api-gateway/target/api-gateway.jar
DIRECTOR_JAR=director-worker/target/director-worker.jar

# ---------------------------------------------------------------- JDK

# jdk_major HOME: major Java version of the JDK in HOME (fails if HOME has no java and javac).
jdk_major() {
  local home=$1 v=
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 1
  [ -f "$home/release" ] && v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release")
  [ -n "$v" ] || v=$("$home/bin/java" -version 2>&1 | sed -n '1s/.*version "\([^"]*\)".*/\1/p')
  v=${v#1.}
  v=${v%%[!0-9]*}
  [ -n "$v" ] || return 1
  echo "$v"
}

ensure_jdk() {
  say "JDK"
  local chosen='' major='' cand m
  if [ -n "${JAVA_HOME:-}" ]; then
    if m=$(jdk_major "$JAVA_HOME") && [ "$m" -ge 21 ]; then
      chosen=$JAVA_HOME major=$m
    else
      warn "JAVA_HOME=$JAVA_HOME is not a JDK >= 21; looking in $JVM_DIR"
    fi
  fi
  if [ -z "$chosen" ]; then
    # Newest Temurin 25 first.
    while read -r cand; do
      [ -n "$cand" ] || continue
      if m=$(jdk_major "$cand") && [ "$m" -ge 21 ]; then chosen=$cand major=$m; break; fi
    done < <(compgen -G "$JVM_DIR/temurin-25*" | sort -rV || true)
  fi
  if [ -z "$chosen" ]; then
    # Any other JDK >= 21, highest version first.
    while read -r m cand; do
      chosen=$cand major=$m; break
    done < <(for cand in "$JVM_DIR"/*; do
               [ -L "$cand" ] && continue
               m=$(jdk_major "$cand") && [ "$m" -ge 21 ] && echo "$m $cand"
             done | sort -rn)
  fi
  [ -n "$chosen" ] || die "no JDK >= 21 found: set JAVA_HOME or install temurin-25-jdk"
  export JAVA_HOME=$chosen
  export PATH="$JAVA_HOME/bin:$PATH"
  info "JAVA_HOME=$JAVA_HOME (Java $major: $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1))"
}

ensure_maven() {
  command -v mvn >/dev/null || apt_install maven
}

ensure_curl() { command -v curl >/dev/null || apt_install curl; }

# ---------------------------------------------------------------- the board's browser test (system-tests BoardIT)

# ensure_chromium: Debian's chromium at /usr/bin/chromium, which BoardIT drives headless (playwright never downloads one).
ensure_chromium() {
  [ -x /usr/bin/chromium ] || apt_install chromium
}

# ensure_node: node and npm for system-tests/board-tests (npm ci, playwright-core, which needs node >= 20).
ensure_node() {
  command -v node >/dev/null && command -v npm >/dev/null || apt_install nodejs npm
  local major
  major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  [ "$major" -ge 20 ] || warn "node $(node -v 2>/dev/null) is older than 20: BoardIT (playwright-core) will fail"
}

# ---------------------------------------------------------------- Docker and swarm

ensure_docker() {
  say "Docker engine and swarm"
  if ! docker info >/dev/null 2>&1; then
    if ! command -v dockerd >/dev/null || ! command -v docker >/dev/null; then
      is_root || die "the Docker engine is not installed: as root, apt-get install -y docker.io"
      apt_install docker.io
    fi
    if ! docker info >/dev/null 2>&1; then
      is_root || die "the Docker engine is not running (or $(id -un) may not use it): start dockerd as root"
      if pgrep -x dockerd >/dev/null; then
        info "dockerd is starting"
      else
        info "starting dockerd (log: /var/log/dockerd.log)"
        setsid nohup dockerd >/var/log/dockerd.log 2>&1 </dev/null &
      fi
      local i
      for i in $(seq 1 60); do
        docker info >/dev/null 2>&1 && break
        [ "$i" -lt 60 ] || { tail -n 40 /var/log/dockerd.log >&2 || true; die "dockerd did not answer within 60 s"; }
        sleep 1
      done
    fi
  fi
  info "docker engine $(docker version --format '{{.Server.Version}}' 2>/dev/null) is up"

  local state
  state=$(docker info --format '{{.Swarm.LocalNodeState}}')
  case $state in
    active) info "swarm active" ;;
    inactive)
      info "docker swarm init --advertise-addr 127.0.0.1"
      docker swarm init --advertise-addr 127.0.0.1 >/dev/null ;;
    *) die "swarm state is '$state': fix it by hand (e.g. docker swarm leave --force), then retry" ;;
  esac
  [ "$(docker info --format '{{.Swarm.ControlAvailable}}')" = true ] \
    || die "this node is in a swarm but is not a manager: ATQ needs a manager node"
}

# ---------------------------------------------------------------- registry

# The registry of this machine: Debian's docker-registry (the distribution project's registry), run with its own
# configuration (the packaged service has htpasswd auth, listens on every address and does not start without an init
# system). Docker treats 127.0.0.0/8 registries as insecure-allowed by default, so plain HTTP works without daemon.json.
REGISTRY_ADDR=${ATQ_REGISTRY_ADDR:-127.0.0.1:5000}
REGISTRY_DIR=/var/lib/atq-registry
REGISTRY_LOG=/var/log/atq-registry.log

registry_answers() { curl -sf --max-time 2 "http://$REGISTRY_ADDR/v2/" >/dev/null 2>&1; }

# ensure_registry: a registry answering on $REGISTRY_ADDR (default 127.0.0.1:5000): installs docker-registry if missing,
# starts it if nothing answers (storage $REGISTRY_DIR/data, deletes allowed, log $REGISTRY_LOG). Idempotent, and fast
# when it already runs; it keeps running after compose/dev exits, like the broker.
ensure_registry() {
  say "Registry"
  ensure_curl
  if registry_answers; then
    info "a registry answers on http://$REGISTRY_ADDR/v2/"
    return
  fi
  command -v docker-registry >/dev/null || apt_install docker-registry
  is_root || die "no registry answers on $REGISTRY_ADDR: start it as root (compose/dev test does)"
  if port_open "${REGISTRY_ADDR%:*}" "${REGISTRY_ADDR##*:}"; then
    die "something listens on $REGISTRY_ADDR but does not answer GET /v2/ as a registry: free the port or set ATQ_REGISTRY_ADDR"
  fi
  mkdir -p "$REGISTRY_DIR/data"
  # Written at every start, so a changed ATQ_REGISTRY_ADDR takes effect; the stored images stay.
  printf '%s\n' \
    "# Written by compose/lib/prereqs.sh (ensure_registry) at every start." \
    "version: 0.1" \
    "log: {level: warn}" \
    "storage:" \
    "  filesystem: {rootdirectory: $REGISTRY_DIR/data}" \
    "  delete: {enabled: true}" \
    "http: {addr: \"$REGISTRY_ADDR\"}" >"$REGISTRY_DIR/config.yml"
  info "starting docker-registry serve $REGISTRY_DIR/config.yml (log: $REGISTRY_LOG)"
  setsid nohup docker-registry serve "$REGISTRY_DIR/config.yml" </dev/null >>"$REGISTRY_LOG" 2>&1 &
  local i
  for i in $(seq 1 100); do
    registry_answers && break
    [ "$i" -lt 100 ] || { tail -n 20 "$REGISTRY_LOG" >&2 || true; die "the registry did not answer on $REGISTRY_ADDR within 10 s"; }
    sleep 0.1
  done
  info "registry up on http://$REGISTRY_ADDR/v2/ (data: $REGISTRY_DIR/data)"
}

# push_to_registry IMAGE... : tags each local image as $REGISTRY_ADDR/IMAGE, pushes it and prints the pinned reference
# (REGISTRY/REPO@sha256:…) the push produced. Pushing an unchanged image again changes nothing in the registry.
push_to_registry() {
  local image target out digest
  for image in "$@"; do
    docker image inspect "$image" >/dev/null 2>&1 || die "image $image is not on this node (compose/dev images builds the demo ones)"
    target=$REGISTRY_ADDR/$image
    docker tag "$image" "$target"
    out=$(docker push "$target" 2>&1) || { printf '%s\n' "$out" >&2; die "docker push $target failed"; }
    digest=$(printf '%s\n' "$out" | sed -n 's/.*digest: \(sha256:[0-9a-f]\{64\}\).*/\1/p' | tail -n 1)
    [ -n "$digest" ] || { printf '%s\n' "$out" >&2; die "docker push $target printed no digest"; }
    info "${target%:*}@$digest"
  done
}

# push_demo_images: the registry, and the demo and probe images in it (as $REGISTRY_ADDR/atq/…:1).
push_demo_images() {
  ensure_registry
  say "Demo images to $REGISTRY_ADDR"
  push_to_registry atq/demo-worker:1 atq/demo-master:1 atq/probe:1
}

# ---------------------------------------------------------------- RabbitMQ

port_open() { timeout 2 bash -c "</dev/tcp/$1/$2" 2>/dev/null; }

ensure_rabbitmq() {
  say "RabbitMQ"
  if [ -n "${SPRING_RABBITMQ_HOST:-}" ]; then
    info "SPRING_RABBITMQ_HOST=$SPRING_RABBITMQ_HOST:${SPRING_RABBITMQ_PORT:-5672}: the apps use that broker"
    return
  fi
  if port_open 127.0.0.1 5672; then
    info "a broker answers on 127.0.0.1:5672"
    return
  fi
  command -v rabbitmq-server >/dev/null || apt_install rabbitmq-server
  # Installing may have started it already.
  if port_open 127.0.0.1 5672; then
    info "a broker answers on 127.0.0.1:5672"
    return
  fi
  is_root || die "RabbitMQ is not running on 127.0.0.1:5672: start it as root (rabbitmq-server -detached)"
  if ! grep -qs rabbitmq_management /etc/rabbitmq/enabled_plugins; then
    info "rabbitmq-plugins enable --offline rabbitmq_management"
    rabbitmq-plugins enable --offline rabbitmq_management >/dev/null
  fi
  info "starting rabbitmq-server -detached (log: /var/log/atq-rabbitmq-start.log)"
  rabbitmq-server -detached >/var/log/atq-rabbitmq-start.log 2>&1 </dev/null \
    || warn "rabbitmq-server -detached returned non-zero (already starting?)"
  # await_startup fails at once while the node has not registered yet (seen right after -detached): retry it.
  local deadline=$(( $(date +%s) + 90 ))
  until timeout 30 rabbitmqctl await_startup --timeout 20 >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$deadline" ] \
      || { tail -n 40 /var/log/atq-rabbitmq-start.log >&2 || true; die "RabbitMQ did not start within 90 s"; }
    sleep 1
  done
  port_open 127.0.0.1 5672 || die "RabbitMQ started but nothing answers on 127.0.0.1:5672"
  info "RabbitMQ is up on 127.0.0.1:5672 (management on 15672)"
}

# ---------------------------------------------------------------- jars

jars_stale() {
  local jar newer
  local -a inputs=()
  shopt -s nullglob
  inputs=("$ROOT"/pom.xml "$ROOT"/*/pom.xml "$ROOT"/*/src "$ROOT"/compose/lib/aot-cache.sh)
  shopt -u nullglob
  for jar in "$GATEWAY_JAR" "$DIRECTOR_JAR"; do
    [ -f "$ROOT/$jar" ] || { info "$jar is missing"; return 0; }
    # The jars are reproducible (every entry and the file dated 2026-01-01), so the build's time is the stamp's.
    aot_current "$ROOT/$jar" || { info "$jar has no current ahead-of-time cache"; return 0; }
    newer=$(find "${inputs[@]}" -type f -newer "$(dirname "$ROOT/$jar")/aot/source.sha256" -print -quit 2>/dev/null || true)
    [ -z "$newer" ] || { info "$jar is older than ${newer#"$ROOT"/}"; return 0; }
  done
  return 1
}

# aot_current JAR: JAR's folder holds the ahead-of-time cache compose/lib/aot-cache.sh made from exactly this jar
# (aot/NAME.aot, aot/NAME.jar, and aot/source.sha256 equal to the jar's SHA-256).
aot_current() {
  local jar=$1 dir name
  dir=$(dirname "$jar")/aot
  name=$(basename "$jar" .jar)
  [ -f "$dir/$name.aot" ] && [ -f "$dir/$name.jar" ] && [ -f "$dir/source.sha256" ] \
    && [ "$(cat "$dir/source.sha256")" = "$(sha256sum <"$jar" | cut -c1-64)" ]
}

ensure_jars() {
  say "Jars"
  if jars_stale; then
    ensure_maven
    info "mvn -B -q -DskipTests package"
    local t0; t0=$(now_ms)
    (cd "$ROOT" && mvn -B -q -DskipTests package)
    info "built in $(( ($(now_ms) - t0) / 1000 )) s"
  else
    info "up to date"
  fi
}
