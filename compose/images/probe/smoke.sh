#!/usr/bin/env bash
# Usage: smoke.sh IMAGE — run by compose/dev after a (re)build: the applets a director script uses are there.
set -euo pipefail
out=$(docker run --rm --pull never --label atq.smoke=true "$1" \
  sh -c 'for a in nc sleep tr true; do command -v $a >/dev/null || { echo "missing $a"; exit 1; }; done; echo probe-ok')
[ "$out" = probe-ok ] || { echo "smoke: probe: $out" >&2; exit 1; }
echo "    smoke: probe runs sh -c"
