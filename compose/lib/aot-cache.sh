#!/usr/bin/env bash
# aot-cache.sh JAVA BOOT_JAR: the app's ahead-of-time cache (JDK 25, JEP 483/514/515) in BOOT_JAR's folder's aot/,
# run by Maven at `package` (the parent pom's exec-maven-plugin, after Boot's repackage; -Datq.aot.skip=true skips it).
#
#   aot/NAME.jar, aot/lib/   the jar extracted (java -Djarmode=tools … extract): a class path of plain jars, which the
#                            cache needs (classes from Boot's nested-jar loader are not cached)
#   aot/NAME.aot             the cache, written by a training run that exits once the context has refreshed
#                            (spring.context.exit=onRefresh: every bean created, nothing started, no port opened),
#                            kept off the machine's broker and Docker (port 1, a socket that does not exist)
#   aot/source.sha256        the SHA-256 of BOOT_JAR, written last: a launcher uses aot/ only when it matches the jar
#                            it was asked to start (jars are reproducible, so their times say nothing)
#   aot/training.log         the training run's output
#
# Launchers (compose/dev up, AppProcess for the system tests and benchmarks) start `java -XX:AOTCache=aot/NAME.aot
# -jar aot/NAME.jar`; the JVM itself ignores a cache that does not match its class path, with a warning.
set -euo pipefail
java=$1 jar=$2
dir=$(dirname "$jar")/aot
name=$(basename "$jar" .jar)
rm -rf "$dir"
"$java" -Djarmode=tools -jar "$jar" extract --destination "$dir" >/dev/null
if ! "$java" -XX:AOTCacheOutput="$dir/$name.aot" -Dspring.context.exit=onRefresh -jar "$dir/$name.jar" \
    --server.port=0 --spring.rabbitmq.addresses=127.0.0.1:1 --atq.docker.host=unix:///nonexistent/atq-aot.sock \
    >"$dir/training.log" 2>&1 || [ ! -s "$dir/$name.aot" ]; then
  tail -n 30 "$dir/training.log" >&2
  echo "aot-cache.sh: the training run of $name failed (log: $dir/training.log)" >&2
  exit 1
fi
sha256sum <"$jar" | cut -c1-64 >"$dir/source.sha256"
echo "aot-cache.sh: $dir/$name.aot ($(( $(stat -c %s "$dir/$name.aot") / 1000000 )) MB)"
