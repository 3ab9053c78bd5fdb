# shellcheck shell=bash source-path=SCRIPTDIR
# Sourced by compose/dev: builds the local images of compose/images/<name>/ (docker import of a busybox or scripted
# root file system, or `docker build` of an app's layered jar on atq/jre; nothing is pulled) when the hash of their
# inputs differs from the image's atq.build.hash label, smoke-tests each build, and `compose/dev images [--apps]`.

IMAGES_DIR="$ROOT/compose/images"
IMAGE_ORDER=(probe demo-worker demo-master rabbitmq)
# Built only when asked (`compose/dev images --apps`): the runtime base, then the apps on it.
APP_BASE_IMAGE=jre
APP_IMAGE_ORDER=(gateway director)
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

# image_hash DIR BASE [FILE...]: hash of everything an image is built from (FILEs: its INPUTS outside DIR).
image_hash() {
  local dir=$1 base=$2 f
  shift 2
  {
    (cd "$dir" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum)
    (cd "$dir" && find . -type f -perm -u+x -print | LC_ALL=C sort)   # modes: only the exec bit survives git
    if [ "$base" = busybox ]; then
      sha256sum "$IMAGES_DIR/busybox-rootfs.sh" | cut -d' ' -f1
      sha256sum "$BUSYBOX" | cut -d' ' -f1
    fi
    for f in "$@"; do
      [ -f "$f" ] || die "$dir/image.conf: input $f is missing"
      sha256sum "$f" | cut -d' ' -f1
    done
  } | sha256sum | cut -d' ' -f1
}

# build_image NAME: (re)build compose/images/NAME if its inputs changed, then smoke-test it.
build_image() {
  local name=$1 dir="$IMAGES_DIR/$1"
  local IMAGE='' BASE='' CHANGES=() REQUIRES=() INPUTS=() cmd
  # shellcheck source=/dev/null
  source "$dir/image.conf"
  if [ -z "$IMAGE" ] || [ -z "$BASE" ]; then die "$dir/image.conf must set IMAGE and BASE"; fi
  [ "$BASE" != busybox ] || ensure_busybox

  local hash current old_id
  hash=$(image_hash "$dir" "$BASE" "${INPUTS[@]+"${INPUTS[@]}"}")
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

# images_lock / images_unlock: one builder at a time on this machine (two `compose/dev test` runs would race on the
# tags).
images_lock() {
  local lock="${TMPDIR:-/tmp}/atq-images.lock"
  exec 9>"$lock"
  if ! flock -n 9; then
    info "another compose/dev is building images; waiting (lock $lock)"
    flock 9
  fi
}
images_unlock() { exec 9>&-; }

ensure_images() {
  say "Images"
  ensure_curl   # the smoke tests use it
  local name
  images_lock
  for name in "${IMAGE_ORDER[@]}"; do build_image "$name"; done
  images_unlock
}

# build_app_image NAME: IMAGE:<version> and IMAGE:latest (compose/images/NAME/image.conf: IMAGE, BASE=app, JAR, PORT,
# MANAGEMENT_PORT)
# from the app's Boot jar, extracted in its layers and built with compose/images/app.Dockerfile on atq/jre by the
# classic builder (the base is local: nothing is pulled). Rebuilt when the hash of the layers' files, the Dockerfile,
# the folder and the base image's ID differs from the image's atq.build.hash; Docker's layer cache then re-runs only
# the COPY steps whose files changed. The version is the jar's Implementation-Version (the Maven project version).
build_app_image() {
  local name=$1 dir="$IMAGES_DIR/$1"
  local IMAGE='' BASE='' JAR='' PORT='' MANAGEMENT_PORT=''
  # shellcheck source=/dev/null
  source "$dir/image.conf"
  if [ -z "$IMAGE" ] || [ "$BASE" != app ] || [ -z "$JAR" ] || [ -z "$PORT" ] || [ -z "$MANAGEMENT_PORT" ]; then
    die "$dir/image.conf must set IMAGE, BASE=app, JAR, PORT and MANAGEMENT_PORT"
  fi
  local jar="$ROOT/$JAR" base work ctx version hash current old_id revision t0
  [ -f "$jar" ] || die "$JAR is missing: build the jars first (ensure_jars)"
  base=$(sed -n 's/^IMAGE=//p' "$IMAGES_DIR/$APP_BASE_IMAGE/image.conf")
  local base_id
  base_id=$(docker image inspect --format '{{.Id}}' "$base" 2>/dev/null) || die "$base is missing (build_image $APP_BASE_IMAGE)"

  work=$(mktemp -d /tmp/atq-image.XXXXXX)
  TMP_DIRS+=("$work")
  ctx=$work/context
  java -Djarmode=tools -jar "$jar" extract --layers --destination "$ctx" >/dev/null \
    || die "cannot extract the layers of $JAR"
  mkdir -p "$ctx/dependencies" "$ctx/spring-boot-loader" "$ctx/snapshot-dependencies" "$ctx/application"
  # One name in every app image (app.Dockerfile starts /app/app.jar); its manifest's Class-Path is relative (lib/…).
  mv "$ctx/application/$(basename "$JAR")" "$ctx/application/app.jar"
  cp "$IMAGES_DIR/app.Dockerfile" "$ctx/Dockerfile"
  (cd "$work" && jar xf "$ctx/application/app.jar" META-INF/MANIFEST.MF) || die "cannot read the manifest of $JAR"
  version=$(sed -n 's/^Implementation-Version: *//p' "$work/META-INF/MANIFEST.MF" | tr -d '\r')
  [ -n "$version" ] || die "$JAR has no Implementation-Version"
  hash=$({
    image_hash "$dir" app "$IMAGES_DIR/app.Dockerfile" "$IMAGES_DIR/app-smoke.sh"
    echo "$base_id"
    (cd "$ctx" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum)
  } | sha256sum | cut -d' ' -f1)

  current=$(docker image inspect --format '{{index .Config.Labels "atq.build.hash"}}' "$IMAGE:$version" 2>/dev/null || true)
  if [ "$current" = "$hash" ]; then
    docker tag "$IMAGE:$version" "$IMAGE:latest"
    info "$IMAGE:$version up to date ($(docker image inspect --format '{{.Id}}' "$IMAGE:$version" | cut -c8-19))"
    return
  fi
  old_id=$(docker image inspect --format '{{.Id}}' "$IMAGE:$version" 2>/dev/null || true)
  revision=$(git -C "$ROOT" rev-parse HEAD 2>/dev/null || echo unknown)
  git -C "$ROOT" diff --quiet HEAD -- 2>/dev/null || revision="$revision-dirty"

  info "$IMAGE:$version: building on $base (inputs ${hash:0:12}, revision ${revision:0:12})"
  t0=$(now_ms)
  if ! DOCKER_BUILDKIT=0 docker build --pull=false --build-arg "BASE_IMAGE=$base" --build-arg "PORT=$PORT" \
      --build-arg "MANAGEMENT_PORT=$MANAGEMENT_PORT" \
      --label "org.opencontainers.image.title=$IMAGE" \
      --label "org.opencontainers.image.version=$version" \
      --label "org.opencontainers.image.revision=$revision" \
      --label "atq.build.hash=$hash" --label "atq.image=$name" \
      -t "$IMAGE:$version" -t "$IMAGE:latest" "$ctx" >"$work/build.log" 2>&1; then
    tail -n 30 "$work/build.log" >&2
    die "docker build of $IMAGE:$version failed"
  fi
  # The layers Docker's cache could not reuse: after a code change only `COPY application/`.
  local copied
  copied=$(awk '/^Step /{ if (s != "" && !c) print s; s = $0; sub(/^Step [0-9]+\/[0-9]+ : /, "", s); c = 0 }
                / ---> Using cache/{ c = 1 }
                END{ if (s != "" && !c) print s }' "$work/build.log" | grep '^COPY' | awk '{print $2}' | paste -sd' ' -)
  info "docker build: $(( ($(now_ms) - t0) / 1000 )) s, layers rebuilt: ${copied:-none}"

  if [ -f "$dir/smoke.sh" ]; then
    if ! bash "$dir/smoke.sh" "$IMAGE:$version"; then
      docker image rm "$IMAGE:$version" "$IMAGE:latest" >/dev/null 2>&1 || true
      die "$IMAGE:$version failed its smoke test (image removed)"
    fi
  fi
  local id
  id=$(docker image inspect --format '{{.Id}}' "$IMAGE:$version")
  if [ -n "$old_id" ] && [ "$old_id" != "$id" ]; then
    docker image rm "$old_id" >/dev/null 2>&1 || true
  fi
  info "$IMAGE:$version built: ${id:7:12}, $(( $(docker image inspect --format '{{.Size}}' "$id") / 1000000 )) MB," \
    "$(( ($(now_ms) - t0) / 1000 )) s with the smoke test"
}

# ensure_app_images: the jars, the images the smoke tests use (probe for the director's health, rabbitmq as their
# broker), atq/jre, then atq/gateway and atq/director.
ensure_app_images() {
  ensure_jdk    # jlink (atq/jre), the jar extraction
  ensure_jars
  ensure_images
  say "App images"
  local name
  images_lock
  build_image "$APP_BASE_IMAGE"
  for name in "${APP_IMAGE_ORDER[@]}"; do build_app_image "$name"; done
  images_unlock
}

cmd_images() {
  local apps=
  case ${1:-} in
    --apps) apps=yes ;;
    '') ;;
    *) die "images: unknown option $1 (see compose/dev help)" ;;
  esac
  ensure_docker
  if [ -n "$apps" ]; then ensure_app_images; else ensure_images; fi
  docker image ls 'atq/*'
}
