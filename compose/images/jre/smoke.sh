#!/usr/bin/env bash
# Usage: smoke.sh IMAGE — run by compose/dev after a (re)build: java runs as user atq (10001) with exactly the modules
# of ./modules (plus what they require), and atq-healthcheck tells a 200 from a 503 and from a closed port.
set -euo pipefail
image=$1
here=$(cd "$(dirname "$0")" && pwd)
fail() { echo "smoke: $*" >&2; exit 1; }

out=$(docker run --rm --pull never --label atq.smoke=true --user 10001:10001 "$image" \
  sh -c 'id -u; id -g; java -version 2>&1 | head -n 1; java --list-modules')
if [ "$(sed -n 1p <<<"$out")" != 10001 ] || [ "$(sed -n 2p <<<"$out")" != 10001 ]; then fail "not uid/gid 10001: $out"; fi
echo "    smoke: $(sed -n 3p <<<"$out") as 10001:10001"
mods=$(sed -n '4,$p' <<<"$out" | sed 's/@.*//')
while read -r m; do
  grep -qx "$m" <<<"$mods" || fail "module $m is missing; the runtime has: $(paste -sd' ' <<<"$mods")"
done < <(grep -v '^[[:space:]]*\(#\|$\)' "$here/modules")
for m in jdk.compiler jdk.jshell jdk.jlink; do
  ! grep -qx "$m" <<<"$mods" || fail "module $m should not be in the runtime"
done
echo "    smoke: $(wc -l <<<"$mods") modules, none of the JDK's tools"

# A tiny HTTP server (compiled here: the runtime has no compiler; jdk.httpserver is not in it, a ServerSocket is
# enough) answering 200 on /actuator/health and 503 elsewhere.
src=$(mktemp -d)
trap 'rm -rf "$src"' EXIT
cat >"$src/S.java" <<'JAVA'
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

public class S {
    public static void main(String[] args) throws Exception {
        try (ServerSocket server = new ServerSocket(8080, 50, InetAddress.getLoopbackAddress())) {
            System.out.println("listening");
            while (true) {
                try (Socket s = server.accept()) {
                    String line = new BufferedReader(new InputStreamReader(s.getInputStream())).readLine();
                    String status = line.contains(" /actuator/health ") ? "200 OK" : "503 Service Unavailable";
                    s.getOutputStream().write(("HTTP/1.1 " + status + "\r\nContent-Length: 0\r\n\r\n").getBytes());
                }
            }
        }
    }
}
JAVA
"${ATQ_JRE_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/javac" --release 21 -d "$src" "$src/S.java"
chmod -R a+rX "$src"
out=$(docker run --rm --pull never --label atq.smoke=true --user 10001:10001 -v "$src:/s:ro" "$image" sh -c '
  java -cp /s S >/tmp/log 2>&1 &
  for i in $(seq 1 100); do grep -q listening /tmp/log && break; sleep 0.1; done
  atq-healthcheck 8080 && echo ok-200
  atq-healthcheck 8080 /down || echo fail-503
  atq-healthcheck 8081 || echo fail-closed
  SERVER_PORT=8080 atq-healthcheck && echo env-port' 2>&1) || true
for want in ok-200 fail-503 fail-closed env-port; do
  grep -qx "$want" <<<"$out" || fail "atq-healthcheck: no '$want' line: $out"
done
echo "    smoke: atq-healthcheck passes on 200, fails on 503 and on a closed port"
