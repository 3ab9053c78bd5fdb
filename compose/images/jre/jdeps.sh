#!/usr/bin/env bash
# Usage: compose/images/jre/jdeps.sh [JAR...] — prints the Java modules the Boot jars use (default: the gateway's and
# the director's), one per line, to compare with ./modules after a dependency change. jdeps reads every library and
# the app's classes (--multi-release 21, the apps' release); module-info.class is dropped from copies of the libraries
# first, because jdeps cannot resolve a modular jar whose optional modules are absent (netty-codec-marshalling needs
# org.jboss.marshalling). Needs a JDK (JAVA_HOME or Temurin 25) and zip. Found modules are what code names; a module
# used only through reflection or ServiceLoader would not show up: the app images' smoke tests are the final proof.
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
jdk=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
[ $# -gt 0 ] || set -- "$root/api-gateway/target/api-gateway.jar" "$root/director-worker/target/director-worker.jar"
command -v zip >/dev/null || { echo "ERROR: zip is missing (apt-get install zip)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

n=0
for jar in "$@"; do
  n=$((n + 1))
  dir=$work/$n
  "$jdk/bin/java" -Djarmode=tools -jar "$jar" extract --layers --launcher --destination "$dir/x" >/dev/null
  mkdir -p "$dir/lib"
  cp "$dir"/x/*/BOOT-INF/lib/*.jar "$dir/lib/"
  for lib in "$dir"/lib/*.jar; do
    zip -q -d "$lib" module-info.class 'META-INF/versions/*/module-info.class' >/dev/null 2>&1 || true
  done
  "$jdk/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 21 --class-path "$dir/lib/*" \
    "$dir/x/application/BOOT-INF/classes" "$dir"/lib/*.jar
done | tr ',' '\n' | sort -u
