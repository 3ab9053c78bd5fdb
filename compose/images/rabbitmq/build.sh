#!/usr/bin/env bash
# Usage: build.sh OUT  — makes OUT/rootfs (a symlink to a cached Debian rootfs) for `docker import`.
# The rootfs is cached in /var/cache/atq/rabbitmq-rootfs-<hash of this script and rabbitmq.conf>,
# so a re-import (changed image.conf, `docker image rm`) needs no download.
set -euo pipefail
out=$1
here=$(cd "$(dirname "$0")" && pwd)
key=$(cat "$here/build.sh" "$here/rabbitmq.conf" | sha256sum | cut -c1-16)
cache_root=/var/cache/atq
cache=$cache_root/rabbitmq-rootfs-$key
mirror=${ATQ_DEBIAN_MIRROR:-http://deb.debian.org/debian}

if [ -d "$cache" ]; then
  echo "    rootfs cached: $cache"
  ln -s "$cache" "$out/rootfs"
  exit 0
fi

[ "$(id -u)" -eq 0 ] || { echo "ERROR: building atq/rabbitmq needs root (debootstrap, chroot)" >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "ERROR: debootstrap is missing (image.conf REQUIRES it)" >&2; exit 1; }

mkdir -p "$cache_root"
tmp=$cache.tmp.$$
cleanup() {
  if mountpoint -q "$tmp/proc" 2>/dev/null; then umount "$tmp/proc" || umount -l "$tmp/proc" || true; fi
  [ -d "$tmp" ] && rm -rf --one-file-system "$tmp"
  rm -f "$tmp.debootstrap.log" "$tmp.install.log"
  return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM

in_root() { chroot "$tmp" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
  DEBIAN_FRONTEND=noninteractive "$@"; }

t0=$(date +%s)
echo "    debootstrap --variant=minbase bookworm (log: $tmp.debootstrap.log)"
if ! debootstrap --variant=minbase bookworm "$tmp" "$mirror" >"$tmp.debootstrap.log" 2>&1; then
  tail -n 30 "$tmp.debootstrap.log" >&2
  rm -f "$tmp.debootstrap.log"
  echo "ERROR: debootstrap failed" >&2
  exit 1
fi
rm -f "$tmp.debootstrap.log"
echo "    debootstrap done in $(( $(date +%s) - t0 ))s"

# Nothing may start services inside the chroot.
printf '#!/bin/sh\nexit 101\n' >"$tmp/usr/sbin/policy-rc.d"
chmod 0755 "$tmp/usr/sbin/policy-rc.d"
mount -t proc proc "$tmp/proc"

echo "    apt-get install rabbitmq-server (log: $tmp.install.log)"
if ! {
  in_root apt-get update -qq &&
  in_root apt-get install -y -qq --no-install-recommends rabbitmq-server &&
  install -m 0644 "$here/rabbitmq.conf" "$tmp/etc/rabbitmq/rabbitmq.conf" &&
  in_root rabbitmq-plugins enable --offline rabbitmq_management
} >"$tmp.install.log" 2>&1; then
  tail -n 30 "$tmp.install.log" >&2
  rm -f "$tmp.install.log"
  echo "ERROR: installing rabbitmq-server into the rootfs failed" >&2
  exit 1
fi
rm -f "$tmp.install.log"
umount "$tmp/proc"

# The server runs as user rabbitmq (the wrapper switches from root); its HOME holds the Erlang cookie.
mkdir -p "$tmp/var/lib/rabbitmq" "$tmp/var/log/rabbitmq"
in_root chown -R rabbitmq:rabbitmq /var/lib/rabbitmq /var/log/rabbitmq
rm -f "$tmp/usr/sbin/policy-rc.d" "$tmp/root/.erlang.cookie"
in_root apt-get clean
rm -rf "$tmp"/var/lib/apt/lists/* "$tmp"/var/cache/apt/*.bin "$tmp"/var/log/apt/* "$tmp"/var/log/dpkg.log \
  "$tmp"/usr/share/doc/* "$tmp"/usr/share/man/* "$tmp"/usr/share/info/* "$tmp"/tmp/*
version=$(in_root dpkg-query -W -f='${Version}' rabbitmq-server)
echo "    rabbitmq-server $version installed in $(( $(date +%s) - t0 ))s"

mv "$tmp" "$cache"
# Older caches (other inputs) are dead weight.
for old in "$cache_root"/rabbitmq-rootfs-*; do
  [ "$old" != "$cache" ] || continue
  case $old in *.tmp.*) kill -0 "${old##*.tmp.}" 2>/dev/null && continue ;; esac  # another build at work
  rm -rf --one-file-system "$old"
done
ln -s "$cache" "$out/rootfs"
