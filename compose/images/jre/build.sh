#!/usr/bin/env bash
# Usage: build.sh OUT — makes OUT/rootfs for `docker import`: a trimmed Debian bookworm minbase (cached in
# /var/cache/atq/jre-rootfs-<hash of this script>, so only the first build downloads) hard-linked into OUT/rootfs,
# plus /opt/java, a runtime jlinked from the JDK in ATQ_JRE_JDK (default Temurin 25) with the modules listed in
# ./modules, plus /usr/local/bin/atq-healthcheck.
set -euo pipefail
out=$1
here=$(cd "$(dirname "$0")" && pwd)
jdk=${ATQ_JRE_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}
key=$(sha256sum "$here/build.sh" | cut -c1-16)
cache_root=/var/cache/atq
cache=$cache_root/jre-rootfs-$key
mirror=${ATQ_DEBIAN_MIRROR:-http://deb.debian.org/debian}

[ -x "$jdk/bin/jlink" ] || { echo "ERROR: no jlink in $jdk (set ATQ_JRE_JDK to a JDK 25)" >&2; exit 1; }
major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$jdk/release")
[ "$major" = 25 ] || { echo "ERROR: $jdk is Java $major; atq/jre:25 needs a JDK 25 (ATQ_JRE_JDK)" >&2; exit 1; }

# What the runtime never uses, removed from minbase (~80 MB → ~55 MB): the package tools and their libraries (nothing
# is installed into a running container), e2fsprogs, tzdata (Java has its own time-zone database), iconv's gconv
# modules, docs, man pages, locales.
PURGE=(apt libapt-pkg6.0 gpgv debian-archive-keyring libgnutls30 libhogweed6 libnettle8 libp11-kit0 libtasn1-6
  libidn2-0 libunistring2 libstdc++6 libseccomp2 libxxhash0 libffi8 e2fsprogs libext2fs2 tzdata)

make_rootfs() {
  [ "$(id -u)" -eq 0 ] || { echo "ERROR: building atq/jre needs root (debootstrap, chroot)" >&2; exit 1; }
  command -v debootstrap >/dev/null || { echo "ERROR: debootstrap is missing (image.conf REQUIRES it)" >&2; exit 1; }
  mkdir -p "$cache_root"
  tmp=$cache.tmp.$$
  trap 'rm -rf --one-file-system "$tmp" "$tmp.log"' EXIT
  trap 'exit 130' INT TERM
  in_root() { chroot "$tmp" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
    DEBIAN_FRONTEND=noninteractive "$@"; }

  local t0 pkg
  local -a installed=()
  t0=$(date +%s)
  echo "    debootstrap --variant=minbase bookworm (log: $tmp.log)"
  if ! debootstrap --variant=minbase bookworm "$tmp" "$mirror" >"$tmp.log" 2>&1; then
    tail -n 30 "$tmp.log" >&2
    echo "ERROR: debootstrap failed" >&2
    exit 1
  fi
  echo "    debootstrap done in $(( $(date +%s) - t0 ))s"
  in_root groupadd -g 10001 atq
  in_root useradd -u 10001 -g 10001 -M -d /nonexistent -s /usr/sbin/nologin atq
  for pkg in "${PURGE[@]}"; do
    # shellcheck disable=SC2016  # dpkg-query's own format
    in_root dpkg-query -W -f '${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' && installed+=("$pkg")
  done
  if ! in_root dpkg --purge "${installed[@]}" >"$tmp.log" 2>&1; then
    tail -n 30 "$tmp.log" >&2
    echo "ERROR: dpkg --purge ${installed[*]} failed" >&2
    exit 1
  fi
  rm -rf "$tmp"/var/cache/apt "$tmp"/var/lib/apt "$tmp"/etc/apt "$tmp"/var/log/* "$tmp"/var/cache/debconf/*-old \
    "$tmp"/var/lib/dpkg/*-old "$tmp"/usr/share/doc/* "$tmp"/usr/share/man/* "$tmp"/usr/share/info/* \
    "$tmp"/usr/share/locale/* "$tmp"/usr/lib/x86_64-linux-gnu/gconv "$tmp"/tmp/* "$tmp.log"
  mv "$tmp" "$cache"
  trap - EXIT
  echo "    rootfs: $(du -sm "$cache" | cut -f1) MB in $(( $(date +%s) - t0 ))s"
  # Older caches (other inputs) are dead weight.
  local old
  for old in "$cache_root"/jre-rootfs-*; do
    [ "$old" != "$cache" ] || continue
    case $old in *.tmp.*) kill -0 "${old##*.tmp.}" 2>/dev/null && continue ;; esac  # another build at work
    rm -rf --one-file-system "$old"
  done
}

if [ -d "$cache" ]; then
  echo "    rootfs cached: $cache"
else
  make_rootfs
fi
# Hard links: the rootfs costs no copy; jlink and install add new files only, so the cache stays untouched.
cp -al "$cache" "$out/rootfs" 2>/dev/null || { rm -rf "$out/rootfs"; cp -a "$cache" "$out/rootfs"; }

modules=$(grep -v '^[[:space:]]*\(#\|$\)' "$here/modules" | paste -sd, -)
t0=$(date +%s)
# No X11 or ALSA in the image: java.desktop's libraries that need them could never load (java.beans needs none).
"$jdk/bin/jlink" --add-modules "$modules" --output "$out/rootfs/opt/java" \
  --strip-debug --no-man-pages --no-header-files --compress=zip-6 \
  --exclude-files='**/libawt_xawt.so,**/libjawt.so,**/libsplashscreen.so,**/libjsound.so'
echo "    jlink $(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"/\1/p' "$jdk/release"): $(du -sm "$out/rootfs/opt/java" | cut -f1) MB in $(( $(date +%s) - t0 ))s"
install -m 0755 "$here/healthcheck" "$out/rootfs/usr/local/bin/atq-healthcheck"
