# shellcheck shell=bash
# Sourced by compose/dev: `compose/dev stack up|down|status` — ATQ as a Swarm stack (compose/stack.yml) on this
# machine's swarm: the app images, secrets generated once into the state folder (never committed), the configuration
# (compose/stack-atq.yaml) as a Swarm config, `docker stack deploy`, a wait until every task is healthy; `down` lets
# the directors clean up their tasks, removes the stack with its configs, secrets, networks and broker volume, removes
# (with a warning) any task service or network of the stack's instance the directors left, and fails when anything
# of the stack is still there.

# ATQ_STACK_NAME: another stack (a test runs its own beside a developer's); its instance and shared folder follow.
STACK_NAME=${ATQ_STACK_NAME:-atq-stack}
STACK_INSTANCE=${ATQ_STACK_INSTANCE:-$STACK_NAME}
STACK_STATE=${ATQ_STACK_STATE:-"$ROOT/.atq/stack"}
STACK_SHARED=${ATQ_SHARED_PATH:-/var/lib/$STACK_NAME}
STACK_FILE="$ROOT/compose/stack.yml"
# Layered over STACK_FILE for three RabbitMQ nodes (compose/dev cluster up --brokers 3).
STACK_BROKERS_FILE="$ROOT/compose/stack-brokers.yml"
# ATQ_STACK_CONFIG: your own configuration instead of compose/stack-atq.yaml (its sharedPath is set to the stack's).
STACK_CONFIG=${ATQ_STACK_CONFIG:-"$ROOT/compose/stack-atq.yaml"}
# The directors' stop_grace_period (stack.yml) and a margin: how long `down` waits for them to clean up.
STACK_DIRECTOR_STOP=120

# stack_secrets: the dev secret files, generated once (a new set would not match the broker's stored user).
#   dev-token            the dev client's bearer token (for your curl; not given to the stack)
#   dev-token-sha256     its SHA-256: the secret the apps read (tokenSha256File)
#   dev-webhook-secret   the dev client's webhook signing key (webhookSecretFile)
#   broker-password      the apps' broker password (spring.rabbitmq.password through Spring's config tree)
#   rabbitmq-default-user.conf   the broker's default_user/default_pass (RABBITMQ_CONFIG_FILES)
stack_secrets() {
  local dir="$STACK_STATE/secrets"
  if [ -s "$dir/broker-password" ] && [ -s "$dir/dev-token" ]; then
    info "secrets: ${dir#"$ROOT"/} (kept)"
    return
  fi
  (
    umask 077
    mkdir -p "$dir"
    local token password
    token="atq-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    password=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
    printf '%s\n' "$token" >"$dir/dev-token"
    printf '%s' "$token" | sha256sum | cut -d' ' -f1 >"$dir/dev-token-sha256"
    printf 'whsec_%s\n' "$(head -c 32 /dev/urandom | base64 -w0)" >"$dir/dev-webhook-secret"
    printf '%s' "$password" >"$dir/broker-password"
    printf 'default_user = atq\ndefault_pass = %s\n' "$password" >"$dir/rabbitmq-default-user.conf"
  )
  info "secrets: generated into ${dir#"$ROOT"/}"
}

# stack_broker_cookie: the Erlang cookie the three broker nodes of stack-brokers.yml share (generated once per state
# folder), and ATQ_BROKER_COOKIE_VERSION, the suffix of its immutable secret's name.
stack_broker_cookie() {
  local file="$STACK_STATE/secrets/broker-erlang-cookie"
  if [ ! -s "$file" ]; then
    (umask 077; head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' | tr 'a-f' 'A-F' >"$file")
  fi
  ATQ_BROKER_COOKIE_VERSION=$(sha256sum "$file" | cut -c1-12)
  export ATQ_BROKER_COOKIE_VERSION
}

# stack_env: the variables compose/stack.yml reads, exported for `docker stack deploy`.
stack_env() {
  local dir="$STACK_STATE/secrets" config="$STACK_STATE/atq.yaml"
  # The configuration with this stack's shared folder (the one path the nodes, the mounts and sharedPath share).
  # And with this machine's registry ($REGISTRY_ADDR) where the file names 127.0.0.1:5000.
  sed -e "s|^sharedPath:[^#]*|sharedPath: $STACK_SHARED      |" -e "s|127\.0\.0\.1:5000/|$REGISTRY_ADDR/|g" \
    "$STACK_CONFIG" >"$config"
  export ATQ_INSTANCE="$STACK_INSTANCE" ATQ_SHARED_PATH="$STACK_SHARED" ATQ_SECRETS="$dir" ATQ_CONFIG_FILE="$config"
  # The directors mount the node's engine socket from ATQ_DOCKER_SOCKET (a path on the nodes); its group is the one of
  # the socket this CLI talks to (every node's engine gives its socket the same group).
  export ATQ_DOCKER_SOCKET=${ATQ_DOCKER_SOCKET:-/var/run/docker.sock}
  local socket=/var/run/docker.sock
  case ${DOCKER_HOST:-} in unix://*) socket=${DOCKER_HOST#unix://} ;; esac
  ATQ_DOCKER_GID=$(stat -c %g "$socket")
  # Configs and secrets are immutable: their names carry a hash of their content, so a change deploys a new one.
  ATQ_CONFIG_NAME="$STACK_NAME-config-$(sha256sum "$config" | cut -c1-12)"
  ATQ_SECRETS_VERSION=$(cat "$dir"/dev-token-sha256 "$dir"/dev-webhook-secret "$dir"/broker-password \
    "$dir"/rabbitmq-default-user.conf | sha256sum | cut -c1-12)
  # By image ID: a rebuilt image under the same tag changes the service spec, so the deploy rolls it out.
  ATQ_GATEWAY_IMAGE=$(docker image inspect --format '{{.Id}}' atq/gateway:latest)
  ATQ_DIRECTOR_IMAGE=$(docker image inspect --format '{{.Id}}' atq/director:latest)
  export ATQ_DOCKER_GID ATQ_CONFIG_NAME ATQ_SECRETS_VERSION ATQ_GATEWAY_IMAGE ATQ_DIRECTOR_IMAGE
  export ATQ_GATEWAY_REPLICAS=${ATQ_GATEWAY_REPLICAS:-2}
  # Not ATQ_GATEWAY_PORT from the environment: `compose/dev up` reads that one.
  export ATQ_GATEWAY_PORT=${ATQ_STACK_GATEWAY_PORT:-0}
}

# STACK_NODE_HOSTS: the engines (unix://…) of every node when this machine runs them all (compose/dev cluster);
# empty: the CLI's own engine is the only node.
STACK_NODE_HOSTS=()

# stack_containers [SERVICE]: "service|id|status|host" of the stack's running containers on this node (host empty),
# or on every node of STACK_NODE_HOSTS (host: that node's engine).
stack_containers() {
  local filter=(--filter "label=com.docker.stack.namespace=$STACK_NAME") host
  [ -z "${1:-}" ] || filter=(--filter "label=com.docker.swarm.service.name=${STACK_NAME}_$1")
  if [ "${#STACK_NODE_HOSTS[@]}" -eq 0 ]; then
    docker ps "${filter[@]}" --format '{{.Label "com.docker.swarm.service.name"}}|{{.ID}}|{{.Status}}|'
    return
  fi
  for host in "${STACK_NODE_HOSTS[@]}"; do
    docker -H "$host" ps "${filter[@]}" --format "{{.Label \"com.docker.swarm.service.name\"}}|{{.ID}}|{{.Status}}|$host"
  done
}

# stack_gateway_urls: http://127.0.0.1:PORT of each gateway container on this node (its published API port).
stack_gateway_urls() {
  local id port
  while IFS='|' read -r _ id _; do
    [ -n "$id" ] || continue
    port=$(docker port "$id" 8080/tcp 2>/dev/null | sed -n 's/^0\.0\.0\.0:\([0-9]*\)$/\1/p' | head -n 1)
    [ -z "$port" ] || echo "http://127.0.0.1:$port"
  done < <(stack_containers gateway)
}

# stack_wait_healthy: every service at its desired replicas and every container of the stack here healthy, within
# 4 minutes; else the services' task errors and the unhealthy containers' last log lines.
stack_wait_healthy() {
  local deadline=$(( $(date +%s) + 240 )) services pending ids
  say "Waiting until every service is healthy (up to 4 min)"
  while :; do
    pending=
    services=$(docker service ls --filter "label=com.docker.stack.namespace=$STACK_NAME" --format '{{.Name}} {{.Replicas}}')
    while read -r name replicas; do
      [ -n "$name" ] || continue
      # "2/2", or "1/1 (max 1 per node)": running == desired > 0
      [[ "$replicas" =~ ^([0-9]+)/([0-9]+) ]] && [ "${BASH_REMATCH[1]}" = "${BASH_REMATCH[2]}" ] \
        && [ "${BASH_REMATCH[2]}" != 0 ] || pending="$pending $name:$replicas"
    done <<<"$services"
    while IFS='|' read -r name _ status _; do
      [ -n "$name" ] || continue
      [[ "$status" == *"(healthy)"* ]] || pending="$pending ${name#"${STACK_NAME}"_}:${status// /_}"
    done < <(stack_containers)
    [ -n "$services" ] || pending="no services yet"
    [ -n "$pending" ] || break
    if [ "$(date +%s)" -ge "$deadline" ]; then
      echo "---- not ready:$pending" >&2
      mapfile -t ids < <(docker service ls -q --filter "label=com.docker.stack.namespace=$STACK_NAME")
      [ "${#ids[@]}" -eq 0 ] || docker service ps --no-trunc --filter desired-state=running \
        --format '{{.Name}} {{.CurrentState}} {{.Error}}' "${ids[@]}" >&2 || true
      while IFS='|' read -r name id status host; do
        [[ "$status" == *"(healthy)"* ]] && continue
        echo "---- last 30 lines of $name ($id, $status${host:+, $host})" >&2
        docker ${host:+-H "$host"} logs --tail 30 "$id" >&2 2>&1 || true
      done < <(stack_containers)
      die "the stack $STACK_NAME is not healthy after 4 min (compose/dev stack status; compose/dev stack down)"
    fi
    sleep 2
  done
  docker service ls --filter "label=com.docker.stack.namespace=$STACK_NAME" --format '{{.Name}} {{.Replicas}}' \
    | while read -r name replicas; do info "$name $replicas healthy"; done
}

cmd_stack_up() {
  ensure_docker
  ensure_curl
  ensure_app_images   # jars, the demo/probe/rabbitmq images, atq/jre, atq/gateway, atq/director
  # The stack runs the whitelisted images by digest from the registry, as every node of a real swarm must.
  push_demo_images
  say "Stack $STACK_NAME (state: ${STACK_STATE#"$ROOT"/})"
  mkdir -p "$STACK_STATE"
  stack_secrets
  # The shared folder at the same path as in the containers, writable by the apps' user.
  install -d -o 10001 -g 10001 -m 0755 "$STACK_SHARED"
  info "shared folder: $STACK_SHARED"
  stack_env
  info "ATQ_INSTANCE=$ATQ_INSTANCE, config $ATQ_CONFIG_NAME, secrets *-$ATQ_SECRETS_VERSION, docker gid $ATQ_DOCKER_GID"
  local -a args=(--resolve-image never --prune -c "$STACK_FILE")
  # Newer CLIs wait for convergence unless told not to; the wait below also checks health.
  if docker stack deploy --help 2>&1 | grep -q -- '--detach'; then args+=(--detach=true); fi
  docker stack deploy "${args[@]}" "$STACK_NAME" | sed 's/^/    /'
  stack_wait_healthy

  local token url
  token=$(cat "$STACK_STATE/secrets/dev-token")
  say "ATQ Director stack $STACK_NAME is up:"
  stack_gateway_urls | while read -r url; do info "gateway: $url"; done
  url=$(stack_gateway_urls | sed -n 1p)
  cat <<EOF
    Create a task (the dev token is in ${STACK_STATE#"$ROOT"/}/secrets/dev-token):
      curl -s -X POST $url/v1/tasks -H 'Authorization: Bearer $token' -H 'Content-Type: application/json' -d '{"name":"demo","workers":{"image":"$REGISTRY_ADDR/atq/demo-worker:1","replicas":3,"args":{"MODE":"node"},"port":8080},"master":{"image":"$REGISTRY_ADDR/atq/demo-master:1","args":{"MODE":"master"}},"timeout":"PT5M"}'
    Read it, follow its events:
      curl -s -H 'Authorization: Bearer $token' $url/v1/tasks/<id>
      curl -N -H 'Authorization: Bearer $token' $url/v1/tasks/<id>/events
    Health and metrics are not published: docker exec <gateway container> atq-healthcheck; compose/dev stack status
    Stop: compose/dev stack down
EOF
}

# stack_leftovers: what of the stack and its instance is still there, one "kind name" a line.
stack_leftovers() {
  local kind
  for kind in service network config secret; do
    docker "$kind" ls --filter "label=com.docker.stack.namespace=$STACK_NAME" --format "$kind {{.Name}}" 2>/dev/null || true
  done
  for kind in service network; do
    docker "$kind" ls --filter label=atq.managed=true --filter "label=atq.instance=$STACK_INSTANCE" \
      --format "$kind {{.Name}} (task of $STACK_INSTANCE)" 2>/dev/null || true
  done
  docker ps -a --filter "label=com.docker.stack.namespace=$STACK_NAME" --format 'container {{.Names}}' || true
  docker volume ls --filter "label=com.docker.stack.namespace=$STACK_NAME" --format 'volume {{.Name}}' || true
}

# stack_task_objects KIND: "id name" of the task services or networks (KIND) of the stack's instance.
stack_task_objects() {
  docker "$1" ls --filter label=atq.managed=true --filter "label=atq.instance=$STACK_INSTANCE" --format '{{.ID}} {{.Name}}'
}

# stack_wait_cleanups: up to 30 s while a task of the instance is being cleaned up (its network is there, its
# services are gone). A director stopped in the middle of a clean-up leaves the rest to another director's reaper,
# and `down` removes every director.
stack_wait_cleanups() {
  local task busy
  for _ in $(seq 1 30); do
    busy=
    for task in $(docker network ls --filter label=atq.managed=true --filter "label=atq.instance=$STACK_INSTANCE"         --format '{{.Label "atq.task"}}'); do
      [ -n "$(docker service ls -q --filter "label=atq.task=$task")" ] || busy="$busy $task"
    done
    [ -n "$busy" ] || return 0
    sleep 1
  done
  warn "tasks still being cleaned up after 30 s:$busy"
}

# stack_sweep_tasks: removes the task services and networks of the instance that outlived every director (what the
# reaper of a director would remove); warns naming them.
stack_sweep_tasks() {
  local services networks id
  services=$(stack_task_objects service)
  networks=$(stack_task_objects network)
  [ -n "$services$networks" ] || return 0
  warn "the directors left task objects of $STACK_INSTANCE behind; removing them:"
  printf '%s\n' "$services" "$networks" | sed '/^$/d; s/^/    /' >&2
  while read -r id _; do [ -z "$id" ] || docker service rm "$id" >/dev/null 2>&1 || true; done <<<"$services"
  while read -r id _; do
    [ -n "$id" ] || continue
    for _ in $(seq 1 30); do docker network rm "$id" >/dev/null 2>&1 && break; sleep 1; done
  done <<<"$networks"
}

cmd_stack_down() {
  ensure_docker
  say "Removing stack $STACK_NAME"
  local svc
  stack_wait_cleanups
  # Directors and gateways first, while the broker runs: a stopping director records its tasks' end and removes
  # their services and networks (stop_grace_period), which needs the broker.
  for svc in director gateway; do
    if docker service rm "${STACK_NAME}_$svc" >/dev/null 2>&1; then info "${STACK_NAME}_$svc removed"; fi
  done
  for _ in $(seq 1 "$STACK_DIRECTOR_STOP"); do
    [ -n "$(stack_containers director)$(stack_containers gateway)" ] || break
    sleep 1
  done
  if docker stack ls --format '{{.Name}}' | grep -qx "$STACK_NAME"; then
    docker stack rm "$STACK_NAME" | sed 's/^/    /'
  fi
  # The stack's networks go once its containers are gone; then its volume can be removed.
  local left line
  for _ in $(seq 1 60); do
    left=$(docker ps -aq --filter "label=com.docker.stack.namespace=$STACK_NAME")
    left="$left$(docker network ls -q --filter "label=com.docker.stack.namespace=$STACK_NAME")"
    [ -n "$left" ] || break
    sleep 1
  done
  stack_sweep_tasks
  local volume
  for volume in $(docker volume ls -q --filter "label=com.docker.stack.namespace=$STACK_NAME"); do
    docker volume rm "$volume" >/dev/null && info "volume $volume removed"
  done
  left=$(stack_leftovers)
  if [ -n "$left" ]; then
    echo "ERROR: left after compose/dev stack down:" >&2
    while read -r line; do echo "    $line" >&2; done <<<"$left"
    return 1
  fi
  info "nothing of $STACK_NAME or its tasks (atq.instance=$STACK_INSTANCE) is left"
}

cmd_stack_status() {
  ensure_docker
  if ! docker stack ls --format '{{.Name}}' | grep -qx "$STACK_NAME"; then
    echo "stack $STACK_NAME is not deployed"
    return
  fi
  docker stack services "$STACK_NAME"
  echo
  printf '%-22s %-14s %s\n' SERVICE CONTAINER STATUS
  local name id status
  while IFS='|' read -r name id status _; do
    printf '%-22s %-14s %s\n' "$name" "$id" "$status"
  done < <(stack_containers)
  echo
  stack_gateway_urls | sed 's/^/gateway: /'
  local tasks
  tasks=$(docker service ls --filter label=atq.managed=true --filter "label=atq.instance=$STACK_INSTANCE" -q | wc -l)
  echo "task services of $STACK_INSTANCE: $tasks"
}

cmd_stack() {
  local sub=${1:-}
  [ $# -eq 0 ] || shift
  [ $# -eq 0 ] || die "stack $sub: unexpected arguments $* (see compose/dev help)"
  case $sub in
    up) cmd_stack_up ;;
    down) cmd_stack_down ;;
    status) cmd_stack_status ;;
    *) die "stack: up, down or status (see compose/dev help)" ;;
  esac
}
