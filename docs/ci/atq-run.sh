#!/bin/sh
# Submits an ATQ task, follows it to its end, prints the master's log and exits with the verdict:
#   0 SUCCEEDED   1 FAILED/TEST   2 FAILED/INFRA or FAILED/CONFIG   3 TIMED_OUT   4 CANCELLED
#   5 no verdict: the request was refused, the gateway could not be reached, or ATQ_WAIT ran out
# POSIX sh + curl + grep/sed only (no jq), so it runs in any CI image that has curl.
#
# Usage: ATQ_URL=http://gateway:8080 ATQ_TOKEN=… atq-run.sh task.json      ("-" reads the task from standard input)
# ATQ_TOKEN is your client's bearer token (keep it in the CI system's secret store).
# Optional: ATQ_POLL (seconds between polls, default 2), ATQ_WAIT (seconds to wait for a verdict, default 7200),
# ATQ_IDEMPOTENCY_KEY (e.g. the pipeline's job id: a retried job then gets the same task instead of a second one),
# ATQ_ARTIFACTS (where to save the task's logs and results as a zip, default atq-artifacts.zip; empty: do not download),
# ATQ_SUMMARY (where to save the merged results summary, GET /v1/tasks/{id}/summary, default atq-summary.json; empty:
# do not download). The task's thresholds decide the verdict in ATQ; the script prints each one's outcome.
set -u

: "${ATQ_URL:?set ATQ_URL to the gateway, e.g. http://127.0.0.1:8080}"
: "${ATQ_TOKEN:?set ATQ_TOKEN to your client's bearer token}"
ATQ_URL=${ATQ_URL%/}
ATQ_POLL=${ATQ_POLL:-2}
ATQ_WAIT=${ATQ_WAIT:-7200}
ATQ_ARTIFACTS=${ATQ_ARTIFACTS-atq-artifacts.zip}
ATQ_SUMMARY=${ATQ_SUMMARY-atq-summary.json}
task=${1:?usage: atq-run.sh task.json}

work=$(mktemp -d) || exit 5
id=
finished=
trap 'rm -rf "$work"' EXIT
# The token goes to curl in a header file, not on its command line, where other processes could read it.
(umask 077 && printf 'Authorization: Bearer %s\n' "$ATQ_TOKEN" > "$work/auth") || exit 5
key=
if [ -n "${ATQ_IDEMPOTENCY_KEY:-}" ]; then
    key="Idempotency-Key: $ATQ_IDEMPOTENCY_KEY"
fi
# A cancelled CI job (SIGINT/SIGTERM) cancels its task, so nothing keeps running for nobody.
trap 'if [ -n "$id" ] && [ -z "$finished" ]; then
        echo "atq: interrupted, cancelling task $id" >&2
        curl -sS -o /dev/null --max-time 10 -H "@$work/auth" -X DELETE "$ATQ_URL/v1/tasks/$id"
      fi
      exit 4' INT TERM

say() { printf 'atq: %s\n' "$*"; }
fail() { printf 'atq: %s\n' "$*" >&2; exit 5; }

# The first "phase" in a task view is the task's own (the history follows it). JSON escapes quotes inside
# strings, so a name or arg value cannot fake these matches.
field() { grep -o "\"$1\":\"[A-Z_]*\"" "$2" | head -n 1 | sed 's/.*:"\(.*\)"/\1/'; }
cause() { grep -o '"failure":{"cause":"[A-Z]*"' "$1" | head -n 1 | sed 's/.*:"\(.*\)"/\1/'; }

status=$(curl -sS --connect-timeout 10 --max-time 60 -X POST "$ATQ_URL/v1/tasks" -H "@$work/auth" ${key:+-H "$key"} \
    -H 'Content-Type: application/json' -H 'Accept: application/json' \
    --data-binary "@$task" -D "$work/headers" -o "$work/body" -w '%{http_code}') \
    || fail "could not reach $ATQ_URL"
if [ "$status" != 202 ]; then
    cat "$work/body" >&2; echo >&2
    fail "submission refused with HTTP $status"
fi
id=$(tr -d '\r' < "$work/headers" | sed -n 's|^[Ll]ocation: */v1/tasks/\([0-9a-f-]*\)$|\1|p')
[ -n "$id" ] || fail "no task id in the answer"
say "submitted task $id ($ATQ_URL/v1/tasks/$id)"

# Polls rather than reading the event stream: a dropped connection or a restarted gateway costs one poll, nothing
# more. Errors are tolerated until ATQ_WAIT runs out (another gateway replica may not know the task yet).
start=$(date +%s)
last=
phase=
while :; do
    status=$(curl -sS --connect-timeout 10 --max-time 30 -H "@$work/auth" -H 'Accept: application/json' \
        -o "$work/view" -w '%{http_code}' "$ATQ_URL/v1/tasks/$id" 2>"$work/error") || status=000
    if [ "$status" = 200 ]; then
        phase=$(field phase "$work/view")
        if [ "$phase" != "$last" ]; then
            say "phase $phase"
            last=$phase
        fi
        case $phase in SUCCEEDED|FAILED|TIMED_OUT|CANCELLED) break ;; esac
    else
        say "poll answered HTTP $status $(cat "$work/error"), retrying"
    fi
    [ $(( $(date +%s) - start )) -lt "$ATQ_WAIT" ] || fail "no verdict for task $id after ${ATQ_WAIT}s"
    sleep "$ATQ_POLL"
done
finished=yes

say "master log:"
if ! curl -sS --fail --max-time 60 -H "@$work/auth" "$ATQ_URL/v1/tasks/$id/logs"; then
    say "(no master log)"
fi

# The evidence (master and worker logs, what the master wrote to /atq/results) for the CI job to keep. Removal of the
# task's containers follows the verdict, but the evidence stays on the shared folder for the configured retention.
if [ -n "$ATQ_ARTIFACTS" ]; then
    if curl -sS --fail --max-time 300 -H "@$work/auth" -o "$ATQ_ARTIFACTS" "$ATQ_URL/v1/tasks/$id/artifacts"; then
        say "artifacts saved to $ATQ_ARTIFACTS"
    else
        say "(no artifacts)"
    fi
fi

# The merged results' headline and every threshold's outcome, from the view's "results" object (absent when the task
# wrote no results file and set no threshold). JSON escapes quotes in strings, so a message cannot end early.
sed -n 's/.*"results":{\(.*\)/\1/p' "$work/view" > "$work/results"
if [ -s "$work/results" ]; then
    number() { grep -o "\"$1\":[0-9.eE+-]*" "$work/results" | head -n 1 | cut -d: -f2; }
    samples=$(number samples)
    if [ "${samples:-0}" -gt 0 ] 2>/dev/null; then
        say "results: $samples samples, $(number errors) errors ($(number errorRate))," \
            "$(printf '%.1f' "$(number throughput)")/s, p95 $(number p95) ms, p99 $(number p99) ms"
    else
        say "results: no samples read"
    fi
    grep -oE '"passed":[a-z]+,"message":"([^"\\]|\\.)*"' "$work/results" | while IFS= read -r outcome; do
        message=${outcome#*\"message\":\"}
        message=${message%\"}
        message=${message%, held}
        case $outcome in
            '"passed":true'*) say "threshold held: $message" ;;
            *) say "threshold BREACHED: ${message%, breached}" ;;
        esac
    done
    grep -o '"unreadable":\["[^]]*' "$work/results" | head -n 1 | sed 's/^"unreadable":\[//' | tr -d '"' |
        sed 's/^\(..*\)$/atq: unreadable results file(s): \1/'
fi
if [ -n "$ATQ_SUMMARY" ]; then
    if curl -sS --fail --max-time 60 -H "@$work/auth" -o "$ATQ_SUMMARY" "$ATQ_URL/v1/tasks/$id/summary" 2>/dev/null; then
        say "results summary saved to $ATQ_SUMMARY"
    else
        rm -f "$ATQ_SUMMARY"
    fi
fi

failure=$(cause "$work/view")
case $phase in
    SUCCEEDED) code=0 ;;
    FAILED) if [ "$failure" = TEST ]; then code=1; else code=2; fi ;;
    TIMED_OUT) code=3 ;;
    CANCELLED) code=4 ;;
esac
say "verdict $phase${failure:+/$failure} -> exit $code"
exit "$code"
