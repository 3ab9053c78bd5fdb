#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Usage: smoke.sh IMAGE — run by compose/dev after a (re)build (see ../app-smoke.sh): the director starts as 10001 with
# only the Docker socket's group added, on a read-only root file system with ATQ_CONFIG mounted read-only, is healthy
# (Docker reachable through the socket, probe image present, task log read, shared folder writable), and stops on
# SIGTERM. Its instance (atq-smoke-<pid>) owns no Swarm object, so its reaper touches nothing.
set -euo pipefail
image=$1
# shellcheck source=../app-smoke.sh
source "$(dirname "$0")/../app-smoke.sh"

sock=/var/run/docker.sock
gid=$(stat -c %g "$sock")
smoke_broker
smoke_run "$image" 8091 -v "$sock:$sock" --group-add "$gid"
smoke_healthy 8091
body=$SMOKE_HEALTH
grep -q '"path":"/atq-shared"' <<<"$body" || smoke_fail "the shared folder is not ATQ_CONFIG's /atq-shared: $body"
for c in docker rabbit sharedFolder; do
  grep -qw "$c" <<<"$(smoke_up_components)" || smoke_fail "$c is not UP: $body"
done
echo "    smoke: /actuator/health 200 with the socket's group $gid: $(smoke_up_components) UP"
smoke_user
smoke_stop
