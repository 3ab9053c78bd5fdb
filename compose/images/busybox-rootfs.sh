# shellcheck shell=bash
# Sourced by compose/dev for images with BASE=busybox: lays out a bare busybox root file system.
# Part of every busybox image's build hash (compose/dev adds this file and the busybox binary).

BUSYBOX_APPLETS=(sh nc nslookup httpd sleep cat echo printf tr grep sed awk wc date mkdir ls env
  head tail cut sort seq true false test '[' hostname ip ifconfig kill timeout ps rm cp mv)

# busybox_rootfs DIR: DIR/bin/busybox plus one symlink per applet, /tmp, /etc with passwd and group.
busybox_rootfs() {
  local dir=$1 applet
  mkdir -p "$dir/bin" "$dir/etc" "$dir/tmp" "$dir/root"
  chmod 1777 "$dir/tmp"
  cp "${BUSYBOX:-/bin/busybox}" "$dir/bin/busybox"
  chmod 0755 "$dir/bin/busybox"
  for applet in "${BUSYBOX_APPLETS[@]}"; do
    ln -sf busybox "$dir/bin/$applet"
  done
  # httpd and ps look users up; a bare image has no NSS beyond these files.
  printf '%s\n' 'root:x:0:0:root:/root:/bin/sh' 'nobody:x:65534:65534:nobody:/nonexistent:/bin/false' >"$dir/etc/passwd"
  printf '%s\n' 'root:x:0:' 'nogroup:x:65534:' >"$dir/etc/group"
}
