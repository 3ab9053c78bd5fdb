# shellcheck shell=bash source-path=SCRIPTDIR
# Sourced by compose/dev: builds the local images of compose/images/<name>/ (docker import of a busybox or scripted
# root file system; nothing is pulled) when the hash of their inputs differs from the image's atq.build.hash label,
# smoke-tests each build, and `compose/dev images`.

IMAGES_DIR="$ROOT/compose/images"
IMAGE_ORDER=(probe demo-worker demo-master rabbitmq)
BUSYBOX=/bin/busybox

ensure_busybox() {
  # Debian's busybox-static: the dynamic `busybox` package's binary would not run in a bare image.
  local ldd_out
  if [ -x "$BUSYBOX" ]; then
    ldd_out=$(LC_ALL=C ldd "$BUSYBOX" 2>&1 || true)
    case $ldd_out in *"not a dynamic executable"*|*"statically linked"*) return ;; esac
  fi
  apt_install busybox-static
  [ -x "$BUSYBOX" ] || die "busybox-static installed but $BUSYBOX is missing"
}

# image_hash DIR BASE: hash of everything an image is built from.
image_hash() {
  local dir=$1 base=$2
  {
    (cd "$dir" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum)
    (cd "$dir" && find . -type f -perm -u+x -print | LC_ALL=C sort)   # modes: only the exec bit survives git
    if [ "$base" = busybox ]; then
      sha256sum "$IMAGES_DIR/busybox-rootfs.sh" | cut -d' ' -f1
      sha256sum "$BUSYBOX" | cut -d' ' -f1
    fi
  } | sha256sum | cut -d' ' -f1
}

# build_image NAME: (re)build compose/images/NAME if its inputs changed, then smoke-test it.
build_image() {
  local name=$1 dir="$IMAGES_DIR/$1"
  local IMAGE='' BASE='' CHANGES=() REQUIRES=() cmd
  # shellcheck source=/dev/null
  source "$dir/image.conf"
  if [ -z "$IMAGE" ] || [ -z "$BASE" ]; then die "$dir/image.conf must set IMAGE and BASE"; fi
  [ "$BASE" != busybox ] || ensure_busybox

  local hash current old_id
  hash=$(image_hash "$dir" "$BASE")
  current=$(docker image inspect --format '{{index .Config.Labels "atq.build.hash"}}' "$IMAGE" 2>/dev/null || true)
  if [ "$current" = "$hash" ]; then
    info "$IMAGE up to date ($(docker image inspect --format '{{.Id}}' "$IMAGE" | cut -c8-19))"
    return
  fi
  old_id=$(docker image inspect --format '{{.Id}}' "$IMAGE" 2>/dev/null || true)

  info "$IMAGE: building (inputs ${hash:0:12})"
  for cmd in "${REQUIRES[@]+"${REQUIRES[@]}"}"; do
    command -v "$cmd" >/dev/null || apt_install "$cmd"
  done
  local t0 work
  t0=$(now_ms)
  work=$(mktemp -d /tmp/atq-image.XXXXXX)
  TMP_DIRS+=("$work")
  case $BASE in
    busybox)
      # shellcheck source=../images/busybox-rootfs.sh
      source "$IMAGES_DIR/busybox-rootfs.sh"
      busybox_rootfs "$work/rootfs"
      if [ -d "$dir/rootfs" ]; then cp -a "$dir/rootfs/." "$work/rootfs/"; fi ;;
    script)
      bash "$dir/build.sh" "$work" ;;
    *) die "$dir/image.conf: unknown BASE=$BASE (busybox or script)" ;;
  esac
  [ -d "$work/rootfs/" ] || die "$name: the build made no rootfs"

  local -a args=()
  local c
  for c in "${CHANGES[@]}"; do args+=(-c "$c"); done
  args+=(-c "LABEL atq.build.hash=$hash" -c "LABEL atq.image=$name")
  tar --numeric-owner -C "$work/rootfs/" --exclude='./proc/*' --exclude='./sys/*' -cf - . \
    | docker import "${args[@]}" - "$IMAGE" >/dev/null

  if [ -f "$dir/smoke.sh" ]; then
    if ! bash "$dir/smoke.sh" "$IMAGE"; then
      docker image rm "$IMAGE" >/dev/null 2>&1 || true
      die "$IMAGE failed its smoke test (image removed)"
    fi
  fi
  local id
  id=$(docker image inspect --format '{{.Id}}' "$IMAGE")
  if [ -n "$old_id" ] && [ "$old_id" != "$id" ]; then
    docker image rm "$old_id" >/dev/null 2>&1 || true
  fi
  info "$IMAGE built: ${id:7:12}, $(( $(docker image inspect --format '{{.Size}}' "$IMAGE") / 1000000 )) MB, $(( ($(now_ms) - t0) / 1000 )) s"
}

ensure_images() {
  say "Images"
  ensure_curl   # the smoke tests use it
  # One builder at a time on this machine (two `compose/dev test` runs would race on the tags).
  local lock="${TMPDIR:-/tmp}/atq-images.lock" name
  exec 9>"$lock"
  if ! flock -n 9; then
    info "another compose/dev is building images; waiting (lock $lock)"
    flock 9
  fi
  for name in "${IMAGE_ORDER[@]}"; do build_image "$name"; done
  exec 9>&-
}

cmd_images() {
  ensure_docker
  ensure_images
  docker image ls 'atq/*'
}

