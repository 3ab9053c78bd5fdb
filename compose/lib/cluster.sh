# shellcheck shell=bash
# Sourced by compose/dev: `compose/dev cluster up|down|status` — a real multi-node Swarm on this one machine and ATQ's
# stack on it. Each node is its own network, UTS and mount namespace with its own dockerd (and the containerd that
# dockerd starts), joined over a bridge in a namespace of its own; a registry on the host side of that bridge serves the
# app and demo images to every node by digest; every node mounts one shared folder at the stack's shared path, as an
# NFS mount would be. Nothing can leave the cluster's network (no default route in a node, no NAT), and nothing here
# touches this machine's own dockerd, its socket, data, iptables rules or registry: the app images are copied from it
# with `docker save`. `down` kills every process of the cluster and removes its namespaces, cgroups, links and files.
#
# Layout (node i = 1..N; managers first):
#   netns atq-sw (bridge br-atq, ports uplink, p1..pN), netns atq-n<i> (eth0 10.99.0.<10+i>/24, hostname node<i>),
#   veth atq-host 10.99.0.1/24 in the root namespace (the registry listens there: 10.99.0.1:5000)
#   /run/atq-cluster/{cluster.conf,node-init.sh,registry.yml,cli/,self/,n<i>/{docker.sock,docker.pid,daemon.json,exec/}}
#   /var/lib/atq-cluster/{n<i>/{docker/,key.json,dockerd.log},shared/,registry/,registry.log}
#   cgroups (v1) /atq-cluster-n<i>/… in every hierarchy (the node's daemons in pids/atq-cluster-n<i>/daemon, its
#   containers by --cgroup-parent), the registry in pids/atq-cluster-registry: every process of the cluster is in them.
# Inside node i's mount namespace /var/lib/atq-cluster/shared is mounted at the stack's shared path and
# /run/atq-cluster/n<i> at /run/atq-cluster/self, so /run/atq-cluster/self/docker.sock is each node's own engine (the
# socket the directors mount: ATQ_DOCKER_SOCKET).

CLUSTER_RUN=/run/atq-cluster
CLUSTER_LIB=/var/lib/atq-cluster
CLUSTER_NET=10.99.0
CLUSTER_REGISTRY=$CLUSTER_NET.1:5000
CLUSTER_CGROUP=atq-cluster
# The node label that marks a node as mounting the shared folder (set on every node; the directors constrain to it).
CLUSTER_SHARED_LABEL=atq.shared
# The images the stack and its demo tasks run, copied from this machine's engine into the cluster's registry.
CLUSTER_IMAGES=(atq/gateway:latest atq/director:latest atq/rabbitmq:3.10 atq/demo-worker:1 atq/demo-master:1 atq/probe:1)

# cluster_docker I ARGS…: the docker CLI on node I's engine.
cluster_docker() {
  local i=$1
  shift
  DOCKER_CONFIG=$CLUSTER_RUN/cli docker -H "unix://$CLUSTER_RUN/n$i/docker.sock" "$@"
}

cluster_ip() { echo "$CLUSTER_NET.$((10 + $1))"; }

# cluster_conf KEY: a value recorded by `up` in cluster.conf (empty when there is none).
cluster_conf() { sed -n "s/^$1=//p" "$CLUSTER_RUN/cluster.conf" 2>/dev/null || true; }

# cluster_nodes: the indexes of the nodes of the cluster (namespaces, state folders or cgroups), one a line.
cluster_nodes() {
  {
    ip netns list 2>/dev/null | sed -n 's/^atq-n\([0-9][0-9]*\)\( .*\)\{0,1\}$/\1/p'
    find "$CLUSTER_RUN" -maxdepth 1 -name 'n[0-9]*' -printf '%f\n' 2>/dev/null | sed 's/^n//'
    find /sys/fs/cgroup/pids -maxdepth 1 -name "$CLUSTER_CGROUP-n[0-9]*" -printf '%f\n' 2>/dev/null | sed "s/^$CLUSTER_CGROUP-n//"
  } | sort -nu
}

# cluster_procs: the PIDs of every process of the cluster (nodes and registry).
cluster_procs() {
  local -a dirs=()
  mapfile -t dirs < <(compgen -G "/sys/fs/cgroup/pids/$CLUSTER_CGROUP-*" || true)
  [ "${#dirs[@]}" -eq 0 ] || find "${dirs[@]}" -name cgroup.procs -exec cat {} + 2>/dev/null || true
}

# cluster_cgroups: the cluster's cgroups in every hierarchy (top level), one a line.
cluster_cgroups() { compgen -G "/sys/fs/cgroup/*/$CLUSTER_CGROUP-*" || true; }

# cluster_secs MS: MS milliseconds as seconds with one decimal.
cluster_secs() { printf '%d.%d' $(( $1 / 1000 )) $(( $1 % 1000 / 100 )); }

# cluster_rss_mib CGROUP: the resident memory of the processes in pids/CGROUP (and below), in MiB.
cluster_rss_mib() {
  local kib=0 pid rss
  while read -r pid; do
    rss=$(sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$pid/status" 2>/dev/null || true)
    kib=$((kib + ${rss:-0}))
  done < <(find "/sys/fs/cgroup/pids/$1" -name cgroup.procs -exec cat {} + 2>/dev/null)
  echo $((kib / 1024))
}

# cluster_wait SECONDS COMMAND…: runs COMMAND every 0.1 s until it succeeds; fails after SECONDS.
cluster_wait() {
  local deadline=$(( $(now_ms) + $1 * 1000 ))
  shift
  until "$@" >/dev/null 2>&1; do
    [ "$(now_ms)" -lt "$deadline" ] || return 1
    sleep 0.1
  done
}

# ---------------------------------------------------------------- up

cluster_preflight() {
  is_root || die "compose/dev cluster needs root (network namespaces, dockerd, cgroups)"
  local cmd
  for cmd in ip nsenter unshare setsid dockerd docker sha256sum; do
    command -v "$cmd" >/dev/null || die "missing command: $cmd (apt-get install -y iproute2 util-linux docker.io)"
  done
  command -v docker-registry >/dev/null || apt_install docker-registry
  ensure_curl
  # A system containerd would be used by every node's dockerd instead of one of its own.
  [ ! -S /run/containerd/containerd.sock ] \
    || die "/run/containerd/containerd.sock exists (a system containerd): the nodes' dockerd would share it"
  [ -w /sys/fs/cgroup/pids/cgroup.procs ] \
    || die "no writable cgroup v1 pids hierarchy at /sys/fs/cgroup/pids: the cluster keeps each node's processes there"
  # The cluster's network must be free on this machine, except for the cluster's own link.
  local route
  route=$(ip -4 route show to match "$CLUSTER_NET.1" | grep -v 'dev atq-host' | grep -v '^default' || true)
  [ -z "$route" ] || die "$CLUSTER_NET.0/24 is already routed on this machine ($route): the cluster needs it"
}

# cluster_check_memory NODES MANAGERS: fails when the cluster and its stack would not fit in the available memory.
# Measured here (resident, healthy, idle): a node's daemons ≈ 110–130 MiB, a director or a gateway ≈ 250–270 MiB, the
# broker ≈ 180 MiB, the registry ≈ 35 MiB; the estimate leaves room for tasks and JVM growth.
cluster_check_memory() {
  local nodes=$1 managers=$2 need available
  need=$(( nodes * 130 + managers * 400 + ${ATQ_GATEWAY_REPLICAS:-2} * 350 + 200 + 50 ))
  available=$(( $(sed -n 's/^MemAvailable:[[:space:]]*\([0-9]*\) kB/\1/p' /proc/meminfo) / 1024 ))
  info "memory: about $need MiB needed, $available MiB available"
  [ "$available" -ge $(( need + 512 )) ] \
    || die "$nodes nodes with $managers directors need about $need MiB, only $available MiB are available: fewer --managers/--workers"
}

# cluster_network N: the switch, the host's link and nodes 1..N's namespaces (each step skipped when it exists).
cluster_network() {
  local n=$1 i ns
  [ -d /run/netns ] || echo "NETNS_DIR_CREATED=yes" >>"$CLUSTER_RUN/cluster.conf"
  if ! ip netns list | grep -q '^atq-sw\b'; then
    ip netns add atq-sw
    ip -n atq-sw link set lo up
    ip -n atq-sw link add br-atq type bridge
    ip -n atq-sw link set br-atq up
  fi
  if ! ip link show atq-host >/dev/null 2>&1; then
    ip link add atq-host type veth peer name uplink netns atq-sw
    ip addr add "$CLUSTER_NET.1/24" dev atq-host
    ip link set atq-host up
    ip -n atq-sw link set uplink master br-atq up
  fi
  for i in $(seq 1 "$n"); do
    ns=atq-n$i
    ip netns list | grep -q "^$ns\b" && continue
    ip netns add "$ns"
    ip -n "$ns" link set lo up
    ip -n atq-sw link add "p$i" type veth peer name eth0 netns "$ns"
    ip -n atq-sw link set "p$i" master br-atq up
    ip -n "$ns" addr add "$(cluster_ip "$i")/24" dev eth0
    ip -n "$ns" link set eth0 up
  done
}

cluster_registry_answers() { curl -sf --max-time 2 "http://$CLUSTER_REGISTRY/v2/" >/dev/null 2>&1; }

cluster_registry() {
  if cluster_registry_answers; then
    info "registry http://$CLUSTER_REGISTRY (running)"
    return
  fi
  mkdir -p "$CLUSTER_LIB/registry" "/sys/fs/cgroup/pids/$CLUSTER_CGROUP-registry"
  printf '%s\n' "version: 0.1" "log: {level: warn}" \
    "storage: {filesystem: {rootdirectory: $CLUSTER_LIB/registry}, delete: {enabled: true}}" \
    "http: {addr: \"$CLUSTER_REGISTRY\"}" >"$CLUSTER_RUN/registry.yml"
  ( echo "$BASHPID" >"/sys/fs/cgroup/pids/$CLUSTER_CGROUP-registry/cgroup.procs"
    exec setsid docker-registry serve "$CLUSTER_RUN/registry.yml" ) </dev/null >>"$CLUSTER_LIB/registry.log" 2>&1 &
  cluster_wait 10 cluster_registry_answers \
    || { tail -n 20 "$CLUSTER_LIB/registry.log" >&2; die "the cluster's registry did not answer on $CLUSTER_REGISTRY within 10 s"; }
  info "registry http://$CLUSTER_REGISTRY (storage $CLUSTER_LIB/registry)"
}

# cluster_node_init: the script each node's namespaces run before becoming dockerd.
cluster_node_init() {
  cat >"$CLUSTER_RUN/node-init.sh" <<'EOF'
#!/bin/sh
# node-init.sh I RUN SHARED_SOURCE SHARED_PATH DOCKERD_ARGS…: runs in node I's new UTS and mount namespaces
# (written by compose/lib/cluster.sh).
i=$1; run=$2; shared_src=$3; shared_dst=$4; shift 4
echo "node$i" >/proc/sys/kernel/hostname
# The new mount namespace is a copy of the host's: drop the copies that would keep the host engine's network
# namespaces and overlay mounts alive after that engine removes them.
awk '$3 == "nsfs" || $2 ~ /^\/(var\/)?run\/(docker|netns|containerd)(\/|$)/ || $2 ~ /^\/var\/lib\/docker(\/|$)/ {print $2}' \
  /proc/self/mounts | sort -r | while read -r m; do umount -l "$m" 2>/dev/null; done
# The shared folder at the same path on every node; the node's own engine socket at one path on every node.
mount --bind "$shared_src" "$shared_dst" || exit 1
mount --bind "$run/n$i" "$run/self" || exit 1
exec dockerd "$@"
EOF
}

cluster_node_answers() { cluster_docker "$1" version --format '{{.Server.Version}}'; }

# cluster_start_node I: node I's dockerd in its namespaces (nothing when it answers).
cluster_start_node() {
  local i=$1 n=n$1
  cluster_node_answers "$i" >/dev/null 2>&1 && return 0
  local cgroup=/sys/fs/cgroup/pids/$CLUSTER_CGROUP-$n
  mkdir -p "$CLUSTER_RUN/$n" "$CLUSTER_LIB/$n" "$cgroup/daemon"
  # An own engine key (the engine ID): without it every node would share /etc/docker/key.json with this machine's.
  printf '{ "deprecated-key-path": "%s/%s/key.json" }\n' "$CLUSTER_LIB" "$n" >"$CLUSTER_RUN/$n/daemon.json"
  ( echo "$BASHPID" >"$cgroup/daemon/cgroup.procs"
    exec setsid nsenter --net="/run/netns/atq-$n" -- unshare --uts --mount --propagation private -- \
      /bin/sh "$CLUSTER_RUN/node-init.sh" "$i" "$CLUSTER_RUN" "$CLUSTER_LIB/shared" "$STACK_SHARED" \
      --config-file "$CLUSTER_RUN/$n/daemon.json" --data-root "$CLUSTER_LIB/$n/docker" \
      --exec-root "$CLUSTER_RUN/$n/exec" --pidfile "$CLUSTER_RUN/$n/docker.pid" -H "unix://$CLUSTER_RUN/$n/docker.sock" \
      --bridge=none --iptables=true --ip-masq=false --cgroup-parent="/$CLUSTER_CGROUP-$n" \
      --insecure-registry "$CLUSTER_REGISTRY" ) </dev/null >>"$CLUSTER_LIB/$n/dockerd.log" 2>&1 &
}

cluster_swarm_state() { cluster_docker "$1" info --format '{{.Swarm.LocalNodeState}}' 2>/dev/null; }

cluster_ready_nodes() { cluster_docker 1 node ls --format '{{.Status}}' 2>/dev/null | grep -c '^Ready$' || true; }
cluster_all_ready() { [ "$(cluster_ready_nodes)" -eq "$1" ]; }

# cluster_swarm MANAGERS N: node 1 initialises the swarm, nodes 2..MANAGERS join as managers one at a time, the
# others as workers at once; then every node Ready.
cluster_swarm() {
  local managers=$1 n=$2 i token
  if [ "$(cluster_swarm_state 1)" != active ]; then
    cluster_docker 1 swarm init --advertise-addr "$(cluster_ip 1)" --listen-addr "$(cluster_ip 1):2377" \
      --default-addr-pool 10.210.0.0/16 --dispatcher-heartbeat 1s >/dev/null
  fi
  token=$(cluster_docker 1 swarm join-token -q manager)
  for i in $(seq 2 "$managers"); do
    [ "$(cluster_swarm_state "$i")" = active ] && continue
    DOCKER_CONFIG=$CLUSTER_RUN/cli timeout 60 docker -H "unix://$CLUSTER_RUN/n$i/docker.sock" swarm join --token "$token" \
      --advertise-addr "$(cluster_ip "$i")" --listen-addr "$(cluster_ip "$i"):2377" "$(cluster_ip 1):2377" >/dev/null \
      || die "node$i could not join the swarm as a manager (log: $CLUSTER_LIB/n$i/dockerd.log)"
  done
  token=$(cluster_docker 1 swarm join-token -q worker)
  local -a joins=()
  for i in $(seq $((managers + 1)) "$n"); do
    [ "$(cluster_swarm_state "$i")" = active ] && continue
    DOCKER_CONFIG=$CLUSTER_RUN/cli timeout 60 docker -H "unix://$CLUSTER_RUN/n$i/docker.sock" swarm join --token "$token" \
      --advertise-addr "$(cluster_ip "$i")" --listen-addr "$(cluster_ip "$i"):2377" "$(cluster_ip 1):2377" >/dev/null &
    joins+=($!)
  done
  # The join PIDs only: a bare `wait` would wait for the dockerds too.
  for i in "${joins[@]+"${joins[@]}"}"; do wait "$i" || die "a worker could not join the swarm (logs: $CLUSTER_LIB/n*/dockerd.log)"; done
  cluster_wait 60 cluster_all_ready "$n" \
    || { cluster_docker 1 node ls >&2 || true; die "not every node of the swarm is Ready after 60 s"; }
}

# cluster_push_images: the app and demo images from this machine's engine into node 1 (docker save | load, only those
# node 1 lacks), then into the cluster's registry; sets CLUSTER_REFS[image] to the pinned reference of each.
declare -A CLUSTER_REFS=()
cluster_push_images() {
  local image id missing=() ref
  for image in "${CLUSTER_IMAGES[@]}"; do
    id=$(docker image inspect --format '{{.Id}}' "$image" 2>/dev/null) \
      || die "image $image is not on this machine's engine (compose/dev images --apps builds it)"
    [ "$(cluster_docker 1 image inspect --format '{{.Id}}' "$image" 2>/dev/null)" = "$id" ] || missing+=("$image")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    info "docker save ${missing[*]} | (node1) docker load"
    docker save "${missing[@]}" | cluster_docker 1 load >/dev/null
  fi
  for image in "${CLUSTER_IMAGES[@]}"; do
    # push_to_registry prints "    REGISTRY/REPO@sha256:…" through node 1's engine.
    ref=$(DOCKER_HOST="unix://$CLUSTER_RUN/n1/docker.sock" DOCKER_CONFIG=$CLUSTER_RUN/cli REGISTRY_ADDR=$CLUSTER_REGISTRY \
      push_to_registry "$image")
    CLUSTER_REFS[$image]=${ref##* }
    info "${CLUSTER_REFS[$image]}"
  done
}

# cluster_stack_vars: the stack's name, state and shared folder on the cluster (ATQ_STACK_* and ATQ_SHARED_PATH as
# for `compose/dev stack`, other defaults); an existing cluster keeps those `up` recorded.
cluster_stack_vars() {
  STACK_NAME=$(cluster_conf STACK)
  STACK_NAME=${STACK_NAME:-${ATQ_STACK_NAME:-atq-cluster}}
  STACK_INSTANCE=${ATQ_STACK_INSTANCE:-$STACK_NAME}
  STACK_STATE=${ATQ_STACK_STATE:-"$ROOT/.atq/cluster"}
  STACK_SHARED=$(cluster_conf SHARED)
  STACK_SHARED=${STACK_SHARED:-${ATQ_SHARED_PATH:-/var/lib/atq-shared}}
}

# cluster_gateway_urls: http://NODE-IP:PORT of each running gateway task (its host-mode port on its node).
cluster_gateway_urls() {
  local id node port
  docker service ps --no-trunc --filter desired-state=running --format '{{.ID}} {{.Node}}' "${STACK_NAME}_gateway" 2>/dev/null \
    | while read -r id node; do
        port=$(docker inspect --format '{{range .Status.PortStatus.Ports}}{{.PublishedPort}} {{end}}' "$id" 2>/dev/null | awk '{print $1}')
        [ -z "$port" ] || [[ "$node" != node[0-9]* ]] || echo "http://$(cluster_ip "${node#node}"):$port"
      done
}

# cluster_broker_container N: the container of broker node N (1: service broker, 2/3: broker-N) on node N.
cluster_broker_container() {
  local service="${STACK_NAME}_broker"
  [ "$1" = 1 ] || service="${STACK_NAME}_broker-$1"
  cluster_docker "$1" ps -q --filter "label=com.docker.swarm.service.name=$service" | head -n 1
}

# cluster_broker_ctl N ARGS…: rabbitmqctl (or rabbitmq-queues/-streams: ARGS[0]) inside broker node N's container.
cluster_broker_ctl() {
  local node=$1 container
  shift
  container=$(cluster_broker_container "$node")
  [ -n "$container" ] || return 1
  cluster_docker "$node" exec "$container" "$@"
}

# cluster_broker_members: the running members of the broker cluster as broker node 1 sees them, one per line.
cluster_broker_members() {
  cluster_broker_ctl 1 rabbitmqctl -q cluster_status --formatter json 2>/dev/null \
    | sed -n 's/.*"running_nodes":\[\([^]]*\)\].*/\1/p' | tr ',' '\n' | tr -d '"' | grep . || true
}

cluster_brokers_clustered() { [ "$(cluster_broker_members | grep -c '^rabbit@broker')" -eq 3 ]; }

# cluster_brokers_formed: waits (≤ 3 min) until the three broker nodes run as one cluster; a node that booted alone,
# before the others answered, is joined to rabbit@broker.
cluster_brokers_formed() {
  local i t0
  t0=$(now_ms)
  say "Broker cluster: rabbit@broker, rabbit@broker-2, rabbit@broker-3 (the apps held back until it stands)"
  if ! cluster_wait 150 cluster_brokers_clustered; then
    for i in 2 3; do
      cluster_broker_members | grep -qx "rabbit@broker-$i" && continue
      info "rabbit@broker-$i runs alone: joining it to rabbit@broker"
      cluster_broker_ctl "$i" rabbitmqctl -q stop_app
      cluster_broker_ctl "$i" rabbitmqctl -q reset
      cluster_broker_ctl "$i" rabbitmqctl -q join_cluster rabbit@broker
      cluster_broker_ctl "$i" rabbitmqctl -q start_app
    done
    cluster_wait 60 cluster_brokers_clustered || die "the broker nodes did not form one cluster: $(cluster_broker_members | tr '\n' ' ')"
  fi
  info "3 running broker nodes after $(cluster_secs $(($(now_ms) - t0))) s"
}

# cluster_brokers_replicated: every quorum queue and stream has a member on each broker node (a quorum queue declared
# while a node was away gets it now; a stream cannot be grown, see cluster_brokers_formed), or up fails naming the
# queues that do not.
cluster_brokers_replicated() {
  local t0 member
  t0=$(now_ms)
  for member in rabbit@broker rabbit@broker-2 rabbit@broker-3; do
    cluster_broker_ctl 1 rabbitmq-queues -q grow "$member" all >/dev/null || die "cannot grow the quorum queues onto $member"
  done
  local listing thin
  listing=$(cluster_broker_ctl 1 rabbitmqctl -q list_queues name type members --no-table-headers 2>/dev/null) \
    || die "cannot list the broker's queues"
  thin=$(awk '($2 == "quorum" || $2 == "stream") && gsub(/rabbit@/, "&") < 3 {print $1}' <<<"$listing")
  [ -z "$thin" ] || die "queues without a member on every broker node: $thin"
  info "3 running broker nodes; $(awk '$2 == "quorum" || $2 == "stream" {n++} END {print n+0}' <<<"$listing") quorum queues and streams on all three, in $(cluster_secs $(($(now_ms) - t0))) s"
}

cmd_cluster_up() {
  local managers=3 workers=2 brokers=1
  while [ $# -gt 0 ]; do
    case $1 in
      --managers) managers=${2:-}; shift 2 || die "--managers needs a number" ;;
      --workers) workers=${2:-}; shift 2 || die "--workers needs a number" ;;
      --brokers) brokers=${2:-}; shift 2 || die "--brokers needs a number" ;;
      *) die "cluster up: unknown option $1 (see compose/dev help)" ;;
    esac
  done
  [[ "$managers" =~ ^[1-7]$ ]] || die "--managers must be 1..7, was '$managers'"
  [[ "$workers" =~ ^[0-9]$|^1[0-9]$ ]] || die "--workers must be 0..19, was '$workers'"
  [[ "$brokers" =~ ^[13]$ ]] || die "--brokers must be 1 or 3, was '$brokers'"
  local n=$((managers + workers)) t0 t1 t2
  [ "$brokers" = 1 ] || [ "$n" -ge 3 ] || die "--brokers 3 needs 3 nodes at least (one broker node each)"
  cluster_preflight
  cluster_stack_vars
  if [ -f "$CLUSTER_RUN/cluster.conf" ]; then
    [ "$(cluster_conf MANAGERS)/$(cluster_conf WORKERS)/$(cluster_conf BROKERS)" = "$managers/$workers/$brokers" ] \
      || die "a cluster of $(cluster_conf MANAGERS) managers + $(cluster_conf WORKERS) workers ($(cluster_conf BROKERS) broker nodes) exists: compose/dev cluster down first"
    [ -z "${ATQ_SHARED_PATH:-}" ] || [ "$ATQ_SHARED_PATH" = "$STACK_SHARED" ] \
      || die "the cluster's nodes mount the shared folder at $STACK_SHARED, not $ATQ_SHARED_PATH: compose/dev cluster down first"
    [ -z "${ATQ_STACK_NAME:-}" ] || [ "$ATQ_STACK_NAME" = "$STACK_NAME" ] \
      || die "the cluster runs stack $STACK_NAME, not $ATQ_STACK_NAME: compose/dev cluster down first"
  fi
  # This machine's engine builds (or finds) the images; the cluster gets copies.
  ensure_docker
  ensure_app_images
  cluster_check_memory "$n" "$managers"

  say "Cluster: $managers managers + $workers workers on $CLUSTER_NET.0/24 (state $CLUSTER_RUN, $CLUSTER_LIB)"
  t0=$(now_ms)
  mkdir -p "$CLUSTER_RUN/cli" "$CLUSTER_RUN/self" "$CLUSTER_LIB"
  if [ ! -f "$CLUSTER_RUN/cluster.conf" ]; then
    printf 'MANAGERS=%s\nWORKERS=%s\nBROKERS=%s\nSTACK=%s\nSHARED=%s\n' "$managers" "$workers" "$brokers" "$STACK_NAME" "$STACK_SHARED" \
      >"$CLUSTER_RUN/cluster.conf"
    [ -e "$STACK_SHARED" ] || echo "SHARED_CREATED=yes" >>"$CLUSTER_RUN/cluster.conf"
  fi
  # The mount point on this machine stays empty: the nodes mount the shared folder over it.
  mkdir -p "$STACK_SHARED"
  install -d -o 10001 -g 10001 -m 0755 "$CLUSTER_LIB/shared"
  cluster_network "$n"
  cluster_registry
  cluster_node_init
  local i
  for i in $(seq 1 "$n"); do cluster_start_node "$i"; done
  for i in $(seq 1 "$n"); do
    cluster_wait 60 cluster_node_answers "$i" \
      || { tail -n 30 "$CLUSTER_LIB/n$i/dockerd.log" >&2 || true; die "node$i's dockerd did not answer within 60 s"; }
  done
  cluster_swarm "$managers" "$n"
  # Every node mounts the shared folder: the operator's mark that task containers binding it may run there.
  for i in $(seq 1 "$n"); do cluster_docker 1 node update --label-add "$CLUSTER_SHARED_LABEL=true" "node$i" >/dev/null; done
  # With three broker nodes, broker N keeps its volume on nodeN (stack-brokers.yml places it by this label).
  if [ "$brokers" = 3 ]; then
    for i in 1 2 3; do cluster_docker 1 node update --label-add "atq.broker=$i" "node$i" >/dev/null; done
  fi
  t1=$(now_ms)
  info "swarm of $n nodes Ready in $(cluster_secs $((t1 - t0))) s"
  cluster_docker 1 node ls --format '{{.Hostname}} {{.Status}} {{.ManagerStatus}}' | sed 's/^/    /'

  say "Images to http://$CLUSTER_REGISTRY (pinned by digest)"
  cluster_push_images
  t2=$(now_ms)
  info "images in $(cluster_secs $((t2 - t1))) s"

  # From here on the docker CLI talks to node 1, the swarm's first manager.
  export DOCKER_HOST="unix://$CLUSTER_RUN/n1/docker.sock" DOCKER_CONFIG=$CLUSTER_RUN/cli
  # shellcheck disable=SC2034  # read by stack_env and push_to_registry (prereqs.sh)
  REGISTRY_ADDR=$CLUSTER_REGISTRY
  say "Stack $STACK_NAME (state: ${STACK_STATE#"$ROOT"/}, shared folder $STACK_SHARED on every node)"
  mkdir -p "$STACK_STATE"
  stack_secrets
  export ATQ_DOCKER_SOCKET=$CLUSTER_RUN/self/docker.sock ATQ_SHARED_NODE_LABEL=$CLUSTER_SHARED_LABEL
  stack_env
  export ATQ_GATEWAY_IMAGE=${CLUSTER_REFS[atq/gateway:latest]} ATQ_DIRECTOR_IMAGE=${CLUSTER_REFS[atq/director:latest]}
  export ATQ_BROKER_IMAGE=${CLUSTER_REFS[atq/rabbitmq:3.10]}
  info "ATQ_INSTANCE=$ATQ_INSTANCE, config $ATQ_CONFIG_NAME, directors mount $ATQ_DOCKER_SOCKET (gid $ATQ_DOCKER_GID)"
  local -a args=(--resolve-image never --prune -c "$STACK_FILE")
  if [ "$brokers" = 3 ]; then
    stack_broker_cookie
    args+=(-c "$STACK_BROKERS_FILE")
  fi
  if docker stack deploy --help 2>&1 | grep -q -- '--detach'; then args+=(--detach=true); fi
  if [ "$brokers" = 3 ] && ! cluster_brokers_clustered 2>/dev/null; then
    # The brokers first, the apps held back (only while the broker cluster is not formed: an `up` again on a running
    # cluster updates the apps in place): the first app to connect declares the quorum queues and the task-log
    # stream with the members the broker cluster has at that moment, and the stream's coordinator cannot be grown later
    # (RabbitMQ 3.10: add_replica answers coordinator_unavailable). So the apps start once all three nodes run.
    ATQ_GATEWAY_REPLICAS=0 ATQ_DIRECTOR_PLACEMENT="node.labels.atq.held == true" \
      docker stack deploy "${args[@]}" "$STACK_NAME" | sed 's/^/    /'
    cluster_brokers_formed
  fi
  docker stack deploy "${args[@]}" "$STACK_NAME" | sed 's/^/    /'
  for i in $(seq 1 "$n"); do STACK_NODE_HOSTS+=("unix://$CLUSTER_RUN/n$i/docker.sock"); done
  stack_wait_healthy
  [ "$brokers" = 1 ] || cluster_brokers_replicated
  info "stack healthy $(cluster_secs $(($(now_ms) - t2))) s after the images; cluster up in $(cluster_secs $(($(now_ms) - t0))) s"

  local token url
  token=$(cat "$STACK_STATE/secrets/dev-token")
  say "ATQ Director stack $STACK_NAME is up on $n nodes:"
  cluster_gateway_urls | while read -r url; do info "gateway: $url"; done
  url=$(cluster_gateway_urls | sed -n 1p)
  cat <<EOF
    Create a task (the dev token is in ${STACK_STATE#"$ROOT"/}/secrets/dev-token):
      curl -s -X POST $url/v1/tasks -H 'Authorization: Bearer $token' -H 'Content-Type: application/json' -d '{"name":"demo","workers":{"image":"$CLUSTER_REGISTRY/atq/demo-worker:1","replicas":3,"args":{"MODE":"node"},"port":8080},"master":{"image":"$CLUSTER_REGISTRY/atq/demo-master:1","args":{"MODE":"master"}},"timeout":"PT5M"}'
    Read it, follow its events:
      curl -s -H 'Authorization: Bearer $token' $url/v1/tasks/<id>
      curl -N -H 'Authorization: Bearer $token' $url/v1/tasks/<id>/events
    Where its containers run: docker -H unix://$CLUSTER_RUN/n1/docker.sock service ps atq-<id>-workers
    A node's engine: docker -H unix://$CLUSTER_RUN/n<i>/docker.sock …; compose/dev cluster status
    Stop: compose/dev cluster down
EOF
}

# ---------------------------------------------------------------- down

# cluster_sigkill WHAT PROCS…: SIGKILL to every process the command PROCS… lists until it lists none (≤ 10 s).
cluster_sigkill() {
  local what=$1 pids t0 count=0
  shift
  t0=$(now_ms)
  for _ in $(seq 1 100); do
    pids=$("$@")
    [ -n "$pids" ] || break
    [ "$count" -gt 0 ] || count=$(wc -w <<<"$pids")
    # shellcheck disable=SC2086
    kill -9 $pids 2>/dev/null || true
    sleep 0.1
  done
  [ -z "$("$@")" ] || warn "processes of $what still alive after 10 s: $("$@" | tr '\n' ' ')"
  info "$what: $count processes killed, their cgroups empty after $(cluster_secs $(($(now_ms) - t0))) s"
}

# cluster_forget_shims I: the shim sockets node I's killed containerd left in /run/containerd/s, a folder every
# containerd of this machine shares (named sha256("<containerd address>/<namespace>/<id>"): exactly node I's).
cluster_forget_shims() {
  local i=$1 dir
  for dir in "$CLUSTER_RUN/n$i"/exec/containerd/daemon/io.containerd.runtime.v2.task/*/*; do
    [ -d "$dir" ] || continue
    rm -f "/run/containerd/s/$(printf '%s' "$CLUSTER_RUN/n$i/exec/containerd/containerd.sock/$(basename "$(dirname "$dir")")/$(basename "$dir")" \
      | sha256sum | cut -c1-64)"
  done
}

# cluster_kill: every process of the cluster (nodes and registry), then their shim sockets.
cluster_kill() {
  local i
  cluster_sigkill "the cluster" cluster_procs
  for i in $(cluster_nodes); do cluster_forget_shims "$i"; done
}

# cluster_leftovers: what of the cluster is still on this machine, one thing a line.
cluster_leftovers() {
  ip netns list 2>/dev/null | grep -E '^atq-(sw|n[0-9]+)\b' | sed 's/^/netns /' || true
  ip link show atq-host >/dev/null 2>&1 && echo "link atq-host"
  grep -E "$CLUSTER_RUN|$CLUSTER_LIB|/run/netns/atq-" /proc/self/mountinfo | awk '{print "mount " $5}' || true
  cluster_cgroups | sed 's/^/cgroup /'
  cluster_procs | sed 's/^/process /'
  local f
  for f in "$CLUSTER_RUN" "$CLUSTER_LIB"; do [ ! -e "$f" ] || echo "file $f"; done
}

cmd_cluster_down() {
  is_root || die "compose/dev cluster needs root"
  local t0 nodes shared shared_created netns_created i left line
  t0=$(now_ms)
  nodes=$(cluster_nodes | tr '\n' ' ')
  if [ -z "$nodes" ] && [ -z "$(cluster_leftovers)" ]; then
    info "no cluster on this machine"
    return 0
  fi
  say "Removing the cluster (nodes: ${nodes:-none})"
  shared=$(cluster_conf SHARED)
  shared_created=$(cluster_conf SHARED_CREATED)
  netns_created=$(cluster_conf NETNS_DIR_CREATED)
  # Every process at once: the nodes' daemons and containers die with their mount namespaces, nothing is stopped
  # gracefully (the broker, the directors and the tasks go with their nodes).
  cluster_kill
  for i in $nodes; do ip netns del "atq-n$i" 2>/dev/null || true; done
  # Deleting the switch's namespace also removes atq-host (its peer is there).
  ip netns del atq-sw 2>/dev/null || true
  ip link del atq-host 2>/dev/null || true
  # The killed processes leave their cgroups once reaped: retry ≤ 5 s, deepest first.
  local cgroup t1
  t1=$(now_ms)
  for _ in $(seq 1 50); do
    for cgroup in $(cluster_cgroups); do find "$cgroup" -depth -type d -exec rmdir {} \; 2>/dev/null || true; done
    [ -z "$(cluster_cgroups)" ] && break
    sleep 0.1
  done
  info "namespaces deleted; cgroups removed in $(cluster_secs $(($(now_ms) - t1))) s"
  t1=$(now_ms)
  rm -rf --one-file-system "$CLUSTER_RUN" "$CLUSTER_LIB"
  info "state folders (the nodes' image stores, the registry) removed in $(cluster_secs $(($(now_ms) - t1))) s"
  if [ "$shared_created" = yes ] && [ -n "$shared" ]; then rmdir "$shared" 2>/dev/null || warn "$shared is not empty: kept"; fi
  # `ip netns add` made /run/netns a mount point: undone when the cluster made it and nothing else uses it.
  if [ "$netns_created" = yes ] && [ -d /run/netns ] && [ -z "$(ls -A /run/netns)" ]; then
    umount /run/netns 2>/dev/null || true
    rmdir /run/netns 2>/dev/null || true
  fi
  left=$(cluster_leftovers)
  if [ -n "$left" ]; then
    echo "ERROR: left after compose/dev cluster down:" >&2
    while read -r line; do echo "    $line" >&2; done <<<"$left"
    return 1
  fi
  info "nothing of the cluster is left (no namespace, link, mount, cgroup, process or file), down in $(cluster_secs $(($(now_ms) - t0))) s"
}

# ---------------------------------------------------------------- one node's failures

# cluster_node_procs I: the PIDs of node I's processes (its dockerd, containerd, shims and containers).
cluster_node_procs() { find "/sys/fs/cgroup/pids/$CLUSTER_CGROUP-n$1" -name cgroup.procs -exec cat {} + 2>/dev/null || true; }

# cluster_node_index NODE: the index of NODE (node<i> or <i>) of this cluster; fails for any other.
cluster_node_index() {
  local i=${1#node} n
  [ -f "$CLUSTER_RUN/cluster.conf" ] || die "no cluster on this machine (compose/dev cluster up)"
  n=$(( $(cluster_conf MANAGERS) + $(cluster_conf WORKERS) ))
  [[ "$i" =~ ^[0-9]+$ ]] && [ "$i" -ge 1 ] && [ "$i" -le "$n" ] || die "no node '$1' in this cluster (node1..node$n)"
  echo "$i"
}

# cluster_manager_answering: the index of a manager whose engine answers and knows the swarm's nodes (empty if none).
cluster_manager_answering() {
  local i
  for i in $(seq 1 "$(cluster_conf MANAGERS)"); do
    cluster_docker "$i" node ls -q >/dev/null 2>&1 && { echo "$i"; return 0; }
  done
}

# cluster_node_status I: node I's status as the swarm's managers see it (ready, down, unknown), empty when none answers.
cluster_node_status() {
  local m
  m=$(cluster_manager_answering)
  [ -n "$m" ] || return 0
  cluster_docker "$m" node inspect "node$1" --format '{{.Status.State}}' 2>/dev/null || true
}
cluster_node_rejoined() { [ "$(cluster_swarm_state "$1")" = active ]; }
cluster_node_is() { [ "$(cluster_node_status "$1")" = "$2" ]; }

# cluster_await_node I STATE SECONDS: waits until the managers show node I in STATE; prints how long it took.
cluster_await_node() {
  local i=$1 state=$2 t0
  t0=$(now_ms)
  cluster_wait "$3" cluster_node_is "$i" "$state" \
    || die "node$i is not $state after $3 s (the managers say: $(cluster_node_status "$i"))"
  info "node$i $state after $(cluster_secs $(($(now_ms) - t0))) s"
}

# The failures (kill, partition) return at once; each prints the instant it happened (UTC, ms) for the caller's
# timings. `start` and `heal` wait until the swarm shows the node ready again.
cmd_cluster_kill() {
  local i
  i=$(cluster_node_index "$1")
  say "Hard kill of node$i (every process, no signal but SIGKILL) at $(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)"
  cluster_sigkill "node$i" cluster_node_procs "$i"
  cluster_forget_shims "$i"
  info "its namespace and data stay: compose/dev cluster start node$i brings it back"
}

cmd_cluster_start() {
  local i
  i=$(cluster_node_index "$1")
  cluster_node_answers "$i" >/dev/null 2>&1 && { info "node$i runs"; return 0; }
  [ -z "$(cluster_node_procs "$i")" ] || die "node$i has processes but its engine does not answer: compose/dev cluster kill node$i first"
  say "Starting node$i again (same data: it rejoins the swarm)"
  cluster_stack_vars  # the shared folder's path, as up mounted it on every node
  # The killed daemons' pid files: dockerd refuses to start while its PID still shows (a zombie not reaped yet), and
  # reuses a containerd whose recorded PID is alive, which after a kill can be any other process that got that PID
  # (it then waits on a socket nobody serves). Every process of the node is gone (checked above).
  rm -f "$CLUSTER_RUN/n$i/docker.pid" "$CLUSTER_RUN/n$i/exec/containerd/containerd.pid"
  cluster_start_node "$i"
  # 120 s: CI once saw a restarted node's dockerd not answer within 60 s (under the suite's load); its log says why.
  cluster_wait 120 cluster_node_answers "$i" || {
    tail -n 40 "$CLUSTER_LIB/n$i/dockerd.log" >&2 || true
    die "node$i's dockerd did not answer within 120 s (log: $CLUSTER_LIB/n$i/dockerd.log, last lines above)"
  }
  # Its own engine says when it is back in the swarm; the managers may not even have marked it down yet.
  cluster_wait 60 cluster_node_rejoined "$i" || die "node$i did not rejoin the swarm within 60 s (log: $CLUSTER_LIB/n$i/dockerd.log)"
  cluster_await_node "$i" ready 60
}

cmd_cluster_partition() {
  local i
  i=$(cluster_node_index "$1")
  ip -n atq-sw link set "p$i" down
  say "node$i cut off from the cluster (its switch port down) at $(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)"
}

cmd_cluster_heal() {
  local i
  i=$(cluster_node_index "$1")
  ip -n atq-sw link set "p$i" up
  say "node$i connected again"
  cluster_await_node "$i" ready 60
}

# ---------------------------------------------------------------- status

cmd_cluster_status() {
  if [ ! -f "$CLUSTER_RUN/cluster.conf" ]; then
    echo "no cluster on this machine (compose/dev cluster up)"
    [ -z "$(cluster_leftovers)" ] || { echo "but parts of one are left:"; cluster_leftovers | sed 's/^/    /'; }
    return 0
  fi
  cluster_stack_vars
  local managers workers i state
  managers=$(cluster_conf MANAGERS)
  workers=$(cluster_conf WORKERS)
  echo "cluster: $managers managers + $workers workers, registry http://$CLUSTER_REGISTRY, shared folder $STACK_SHARED"
  printf '%-7s %-11s %-9s %-10s %-9s %s\n' NODE ADDRESS ENGINE ROLE RSS_MIB SOCKET
  for i in $(seq 1 $((managers + workers))); do
    state=down
    cluster_node_answers "$i" >/dev/null 2>&1 && state=up
    printf '%-7s %-11s %-9s %-10s %-9s %s\n' "node$i" "$(cluster_ip "$i")" "$state" \
      "$([ "$i" -le "$managers" ] && echo manager || echo worker)" "$(cluster_rss_mib "$CLUSTER_CGROUP-n$i")" \
      "unix://$CLUSTER_RUN/n$i/docker.sock"
  done
  echo "registry RSS: $(cluster_rss_mib "$CLUSTER_CGROUP-registry") MiB"
  export DOCKER_HOST="unix://$CLUSTER_RUN/n1/docker.sock" DOCKER_CONFIG=$CLUSTER_RUN/cli
  echo
  docker node ls 2>&1 || true
  echo
  if docker stack ls --format '{{.Name}}' 2>/dev/null | grep -qx "$STACK_NAME"; then
    docker stack services "$STACK_NAME"
    echo
    cluster_gateway_urls | sed 's/^/gateway: /'
    echo "task services of $STACK_INSTANCE: $(docker service ls --filter label=atq.managed=true --filter "label=atq.instance=$STACK_INSTANCE" -q | wc -l)"
  else
    echo "stack $STACK_NAME is not deployed"
  fi
}

cmd_cluster() {
  local sub=${1:-}
  [ $# -eq 0 ] || shift
  case $sub in
    up) cmd_cluster_up "$@" ;;
    down) [ $# -eq 0 ] || die "cluster down: unexpected arguments $*"; cmd_cluster_down ;;
    status) [ $# -eq 0 ] || die "cluster status: unexpected arguments $*"; cmd_cluster_status ;;
    kill|start|partition|heal)
      [ $# -eq 1 ] || die "cluster $sub NODE (node1, node2, …)"
      is_root || die "compose/dev cluster needs root"
      "cmd_cluster_$sub" "$1" ;;
    *) die "cluster: up [--managers M] [--workers W], down, status, kill|start|partition|heal NODE (see compose/dev help)" ;;
  esac
}
