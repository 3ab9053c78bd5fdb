#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Usage: smoke.sh IMAGE — run by compose/dev after a (re)build (see ../app-smoke.sh): the gateway starts as 10001 on a
# read-only root file system with ATQ_CONFIG mounted read-only, is healthy (broker connected, shared folder from that
# configuration writable), and stops on SIGTERM.
set -euo pipefail
image=$1
# shellcheck source=../app-smoke.sh
source "$(dirname "$0")/../app-smoke.sh"

smoke_broker
smoke_run "$image" 8080
smoke_healthy 8080
body=$SMOKE_HEALTH
grep -q '"path":"/atq-shared"' <<<"$body" || smoke_fail "the shared folder is not ATQ_CONFIG's /atq-shared: $body"
for c in rabbit readModel sharedFolder; do
  grep -qw "$c" <<<"$(smoke_up_components)" || smoke_fail "$c is not UP: $body"
done
echo "    smoke: /actuator/health 200: $(smoke_up_components) UP"
smoke_user
smoke_stop
