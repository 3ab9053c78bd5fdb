# shellcheck shell=bash
# Sourced by compose/dev: the system's local processes — `up` starts one gateway and N directors as background JVMs
# (pid, port and log files in the state folder) and waits until each one's health is UP; `down` stops them; `status`
# lists them with their health.

# ATQ_DEV_STATE: another state folder, so a test can run its own `up`/`down` beside a developer's system.
STATE=${ATQ_DEV_STATE:-"$ROOT/.atq/dev"}

# pid_alive PIDFILE: its process is alive and still one of our JVMs (a recycled pid is not ours).
pid_alive() {
  local f=$1 pid
  [ -f "$f" ] || return 1
  pid=$(cat "$f" 2>/dev/null) || return 1
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- '-jar .*\.jar'
}

# gateway_port: the gateway's HTTP port (ATQ_GATEWAY_PORT, else `port:` in ATQ_CONFIG, else 8080).
gateway_port() {
  if [ -n "${ATQ_GATEWAY_PORT:-}" ]; then echo "$ATQ_GATEWAY_PORT"; return; fi
  local p=
  if [ -n "${ATQ_CONFIG:-}" ] && [ -f "$ATQ_CONFIG" ]; then
    p=$(sed -n 's/^port:[[:space:]]*["'\'']\{0,1\}\([0-9][0-9]*\).*/\1/p' "$ATQ_CONFIG" | head -n 1)
  fi
  echo "${p:-8080}"
}

# jar_launch JAR: the words after `java HEAP` that start JAR: with its ahead-of-time cache
# (`-XX:AOTCache=aot/NAME.aot -jar aot/NAME.jar`, about a third of the start-up) when compose/lib/aot-cache.sh made one
# from exactly this jar (aot_current, prereqs.sh), else `-jar JAR`.
jar_launch() {
  local jar=$1 dir name
  dir=$(dirname "$jar")/aot
  name=$(basename "$jar" .jar)
  if aot_current "$jar"; then
    echo "-XX:AOTCache=$dir/$name.aot -jar $dir/$name.jar"
  else
    echo "-jar $jar"
  fi
}

# heap_options JAR: the heap an app starts with. A director's starts at 64 MB: it holds ~30 MB after 50 tasks at once,
# and the JVM's default initial heap (1/64 of this machine's memory, 384 MB here) let it commit 470 MB. A gateway keeps
# that default: under full intake a 64 MB start cost it 15-35 % more CPU per request (docs/benchmarks.md).
heap_options() {
  case "$(basename "$1")" in
    director*) echo "-Xms64m -Xmx512m" ;;
    *) echo "-Xmx512m" ;;
  esac
}

# start_java NAME PORT JAR ARGS... : one background JVM, pid/log/port files in .atq/dev.
start_java() {
  local name=$1 port=$2 jar=$3; shift 3
  if pid_alive "$STATE/$name.pid"; then
    info "$name already running (pid $(cat "$STATE/$name.pid"), port $(cat "$STATE/$name.port" 2>/dev/null || echo '?'))"
    return
  fi
  local -a launch heap
  read -r -a launch <<<"$(jar_launch "$ROOT/$jar")"
  read -r -a heap <<<"$(heap_options "$jar")"
  info "starting $name on port $port (log: ${STATE#"$ROOT"/}/$name.log$([ "${launch[0]}" = -jar ] || echo ', ahead-of-time cache'))"
  echo "$port" >"$STATE/$name.port"
  # One process all along: the subshell becomes setsid (so the terminal's Ctrl-C does not reach the JVM),
  # then a bash that writes its own pid, then java. No parent is left holding our stdout.
  # shellcheck disable=SC2016  # $$ and $1 are the inner bash's
  (cd "$ROOT" && exec setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$STATE/$name.pid" \
      nohup java "${heap[@]}" "${launch[@]}" "$@") >"$STATE/$name.log" 2>&1 </dev/null &
  local i
  for i in $(seq 1 50); do [ -s "$STATE/$name.pid" ] && break; sleep 0.1; done
}

# health PORT: "<http status> <body>" of the app's /actuator/health (Spring answers 200 when UP, 503 when not).
health() { curl -s --max-time 3 -w '\n%{http_code}' "http://127.0.0.1:$1/actuator/health" 2>/dev/null || true; }

# down_components BODY: "name: details" for each health component that is not UP (one per line).
down_components() {
  # Details may nest one level (e.g. the director's images: {"distribution": {image: mode}}).
  grep -oE '"[A-Za-z]+":\{("details":\{([^{}]|\{[^{}]*\})*\},)?"status":"(DOWN|OUT_OF_SERVICE)"' <<<"$1" \
    | sed -E 's/^"([A-Za-z]+)":\{("details":\{(([^{}]|\{[^{}]*\})*)\},)?"status":"([A-Z_]+)"$/\1 \5 \3/' || true
}

# wait_healthy NAME... : each NAME must answer health 200 (overall UP) within 2 minutes. One that answers but stays
# DOWN for DOWN_GRACE seconds fails at once, naming its DOWN components: a director without its probe image or with a
# full shared folder is up but cannot run tasks, and "UP" would be a lie.
DOWN_GRACE=20
wait_healthy() {
  local deadline=$(( $(date +%s) + 120 )) name port out code body down_since
  say "Waiting for health (up to 2 min)"
  for name in "$@"; do
    port=$(cat "$STATE/$name.port")
    down_since=
    while :; do
      out=$(health "$port")
      code=${out##*$'\n'}
      body=${out%$'\n'*}
      [ "$code" != 200 ] || break
      if ! pid_alive "$STATE/$name.pid"; then
        echo "---- last 40 lines of $STATE/$name.log" >&2
        tail -n 40 "$STATE/$name.log" >&2 || true
        die "$name exited before it was healthy"
      fi
      if [ "$code" = 503 ]; then
        down_since=${down_since:-$(date +%s)}
        if [ $(( $(date +%s) - down_since )) -ge "$DOWN_GRACE" ]; then
          echo "---- $name health is DOWN on http://127.0.0.1:$port/actuator/health:" >&2
          down_components "$body" | sed 's/^/    /' >&2
          die "$name is running but not healthy (see above); it keeps checking: fix it and run compose/dev up again, or compose/dev down"
        fi
      else
        down_since=
      fi
      if [ "$(date +%s)" -ge "$deadline" ]; then
        echo "---- last 40 lines of $STATE/$name.log" >&2
        tail -n 40 "$STATE/$name.log" >&2 || true
        die "$name is not healthy on http://127.0.0.1:$port/actuator/health after 2 min"
      fi
      sleep 1
    done
    info "$name UP on port $port"
  done
}

cmd_up() {
  local directors=1
  while [ $# -gt 0 ]; do
    case $1 in
      --directors) [ $# -ge 2 ] || die "--directors needs a number"; directors=$2; shift 2 ;;
      --directors=*) directors=${1#*=}; shift ;;
      *) die "up: unknown option $1 (see compose/dev help)" ;;
    esac
  done
  [[ "$directors" =~ ^[1-9][0-9]*$ ]] || die "--directors must be a positive number, got '$directors'"

  ensure_jdk
  ensure_docker
  ensure_rabbitmq
  ensure_jars
  ensure_images
  say "Shared folder"
  mkdir -p /var/lib/atq
  info "/var/lib/atq"

  say "Processes (state: ${STATE#"$ROOT"/})"
  mkdir -p "$STATE"
  export ATQ_INSTANCE=${ATQ_INSTANCE:-atq-dev}
  [ -z "${ATQ_CONFIG:-}" ] || export ATQ_CONFIG
  info "ATQ_INSTANCE=$ATQ_INSTANCE ATQ_CONFIG=${ATQ_CONFIG:-(embedded default)}"
  local gport i names=(gateway) dport=${ATQ_DIRECTOR_BASE_PORT:-8090}
  gport=$(gateway_port)
  local -a gargs=()
  [ -z "${ATQ_GATEWAY_PORT:-}" ] || gargs+=("--server.port=$ATQ_GATEWAY_PORT")
  start_java gateway "$gport" "$GATEWAY_JAR" "${gargs[@]+"${gargs[@]}"}"
  for i in $(seq 1 "$directors"); do
    start_java "director-$i" $((dport + i)) "$DIRECTOR_JAR" --server.port=$((dport + i)) --atq.director-id="director-$i"
    names+=("director-$i")
  done
  wait_healthy "${names[@]}"

  gport=$(cat "$STATE/gateway.port")
  local url="http://127.0.0.1:$gport" token='atq-dev-token'
  say "ATQ Director is up: $url"
  if [ -n "${ATQ_CONFIG:-}" ]; then
    # The dev token is the embedded configuration's; an operator's file has its own clients (only their hashes).
    token='<token>'
    info "ATQ_CONFIG=$ATQ_CONFIG: use the token of one of its clients ($(config_client_ids)) as <token>"
  fi
  cat <<EOF
    Open the board: $url/ in a browser, sign in with the token $token
    Create a task:
      curl -s -X POST $url/v1/tasks -H 'Authorization: Bearer $token' -H 'Content-Type: application/json' -d '{"name":"demo","workers":{"image":"atq/demo-worker:1","replicas":3,"args":{"MODE":"node"},"port":8080},"master":{"image":"atq/demo-master:1","args":{"MODE":"master"}},"timeout":"PT5M"}'
    Read it, follow its events:
      curl -s -H 'Authorization: Bearer $token' $url/v1/tasks/<id>
      curl -N -H 'Authorization: Bearer $token' $url/v1/tasks/<id>/events
    Stop: compose/dev down
EOF
}

# config_client_ids: the client ids ATQ_CONFIG declares ("- id: x" under clients:), comma-separated.
config_client_ids() {
  sed -n 's/^[[:space:]]*-[[:space:]]*id:[[:space:]]*["'\'']\{0,1\}\([a-z0-9._-]*\).*/\1/p' "$ATQ_CONFIG" 2>/dev/null \
    | paste -sd, - | sed 's/,/, /g; s/^$/none found/'
}

# The names `up` manages, from the pid files present.
state_names() {
  local f
  shopt -s nullglob
  for f in "$STATE"/*.pid; do basename "$f" .pid; done | sort -V
  shopt -u nullglob
}

cmd_down() {
  say "Stopping what compose/dev up started (${STATE#"$ROOT"/})"
  local name pid i
  local -a names=() live=()
  mapfile -t names < <(state_names)
  [ "${#names[@]}" -gt 0 ] || { info "nothing to stop"; return; }
  # SIGTERM to all first, then wait for all: graceful shutdowns run in parallel.
  for name in "${names[@]}"; do
    if pid_alive "$STATE/$name.pid"; then
      pid=$(cat "$STATE/$name.pid")
      kill -TERM "$pid" 2>/dev/null || true
      live+=("$name:$pid")
    else
      info "$name was not running"
    fi
  done
  for i in $(seq 1 40); do
    local still=0 entry
    for entry in "${live[@]+"${live[@]}"}"; do kill -0 "${entry#*:}" 2>/dev/null && still=1; done
    [ "$still" -eq 1 ] || break
    sleep 0.5
  done
  local entry
  for entry in "${live[@]+"${live[@]}"}"; do
    name=${entry%%:*} pid=${entry#*:}
    if kill -0 "$pid" 2>/dev/null; then
      warn "$name (pid $pid) still alive after 20 s: SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    info "$name (pid $pid) stopped"
  done
  for name in "${names[@]}"; do rm -f "$STATE/$name.pid" "$STATE/$name.port"; done
}

cmd_status() {
  local name pid port h
  local -a names=()
  mapfile -t names < <(state_names)
  if [ "${#names[@]}" -eq 0 ]; then
    echo "nothing started by compose/dev up (${STATE#"$ROOT"/} has no pid files)"
    return
  fi
  command -v curl >/dev/null || warn "curl is missing: health unknown"
  printf '%-14s %-8s %-6s %-6s %s\n' NAME PID ALIVE PORT HEALTH
  for name in "${names[@]}"; do
    pid=$(cat "$STATE/$name.pid" 2>/dev/null || echo '?')
    port=$(cat "$STATE/$name.port" 2>/dev/null || echo '?')
    if pid_alive "$STATE/$name.pid"; then
      h=$(health "$port" | grep -o '"status":"[A-Z_]*"' | head -n 1 | cut -d'"' -f4)
      printf '%-14s %-8s %-6s %-6s %s\n' "$name" "$pid" yes "$port" "${h:-no answer}"
    else
      printf '%-14s %-8s %-6s %-6s %s\n' "$name" "$pid" no "$port" -
    fi
  done
}
