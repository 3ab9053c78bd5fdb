#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Usage: smoke.sh IMAGE — run by compose/dev after a (re)build (see ../app-smoke.sh): the gateway starts as 10001 on a
# read-only root file system with ATQ_CONFIG mounted read-only, is healthy (broker connected, shared folder from that
# configuration writable) on its management port 8081 while the API port 8080 serves no /actuator, and stops on SIGTERM.
set -euo pipefail
image=$1
# shellcheck source=../app-smoke.sh
source "$(dirname "$0")/../app-smoke.sh"

smoke_broker
smoke_run "$image" 8081 -p 127.0.0.1::8080
smoke_healthy 8081
body=$SMOKE_HEALTH
api=$(docker port "$SMOKE_APP" 8080/tcp | head -n 1)
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://$api/actuator/health" || true)
[ "$code" = 404 ] || smoke_fail "the API port answers /actuator/health with $code, not 404"
echo "    smoke: health on the management port 8081; the API port 8080 answers /actuator/health with 404"
grep -q '"path":"/atq-shared"' <<<"$body" || smoke_fail "the shared folder is not ATQ_CONFIG's /atq-shared: $body"
for c in rabbit readModel sharedFolder; do
  grep -qw "$c" <<<"$(smoke_up_components)" || smoke_fail "$c is not UP: $body"
done
echo "    smoke: /actuator/health 200: $(smoke_up_components) UP"
smoke_user
smoke_stop
