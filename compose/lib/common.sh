# shellcheck shell=bash
# Sourced by compose/dev: output helpers (say/info/warn/die), apt_install, now_ms, and the temporary folders the EXIT
# trap removes (a part that sets its own EXIT trap calls `cleanup` from it).

export DEBIAN_FRONTEND=noninteractive

say() { printf '==> %s\n' "$*"; }
info() { printf '    %s\n' "$*"; }
warn() { printf 'WARN: %s\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }
is_root() { [ "$(id -u)" -eq 0 ]; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

TMP_DIRS=()
cleanup() { local d; for d in "${TMP_DIRS[@]+"${TMP_DIRS[@]}"}"; do rm -rf --one-file-system "$d"; done; }
trap cleanup EXIT

APT_UPDATED=
# apt_install PKG... : install Debian packages (root only), `apt-get update` once per run.
apt_install() {
  is_root || die "missing: $* — install it as root: apt-get install -y $*"
  info "installing $* (apt-get)"
  if [ -z "$APT_UPDATED" ]; then
    apt-get update -qq >/dev/null || warn "apt-get update failed; trying the install anyway"
    APT_UPDATED=yes
  fi
  apt-get install -y -qq "$@" >/dev/null
}
