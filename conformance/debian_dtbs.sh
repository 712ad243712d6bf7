#!/usr/bin/env bash
# `make conformance-dtbs`: every device tree Debian 12 ships with its 6.1
# kernels (armhf armmp and armmp-lpae, ~898 DTBs each; arm64, ~577) through
# `vmlayout layout --format json`, checking the kernel's invariants on each
# layout (conformance/dtbs_check.py). Writes conformance/out/dtbs-report.md
# and prints the summary table.
#
# The packages are downloaded with `apt-get download` into a cache outside
# the tree: $VMLAYOUT_DTB_CACHE, default ~/.cache/vmlayout/debian-dtbs.
# Needs root only the first time, to add the armhf/arm64 dpkg architectures
# and run apt-get update.
#
# Usage: debian_dtbs.sh BUILD_DIR
# Environment: VMLAYOUT_DTB_CACHE, VMLAYOUT_DTB_JOBS (default 2),
#   VMLAYOUT_DTB_ARCHES (default "armhf arm64").
# Exit status: 0 no BUG outcome, 1 a BUG outcome (an invariant broken, a
# crash or a timeout), 3 the packages cannot be downloaded.
set -u
here=$(cd "$(dirname "$0")" && pwd)
B=${1:-build}
vmlayout=$(cd "$B" 2>/dev/null && pwd)/vmlayout
[ -x "$vmlayout" ] || { echo "debian_dtbs.sh: no vmlayout binary in $B (run make first)" >&2; exit 1; }
cache=${VMLAYOUT_DTB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/vmlayout/debian-dtbs}
out=${CONFORMANCE_OUT:-$here/out}
jobs=${VMLAYOUT_DTB_JOBS:-2}
arches=${VMLAYOUT_DTB_ARCHES:-armhf arm64}
mkdir -p "$cache/debs" "$out" || exit 1
log() { echo "debian_dtbs.sh: $*" >&2; }
skip() { log "SKIP: $*"; exit 3; }

# dpkg architecture and package lists for $1 (armhf or arm64), once.
ensure_arch() {
	local arch=$1 meta=$2
	apt-cache show "$meta:$arch" >/dev/null 2>&1 && return 0
	[ "$(id -u)" -eq 0 ] || skip "no $arch package lists and not root to add them"
	if ! dpkg --print-foreign-architectures | grep -qx "$arch" &&
		[ "$(dpkg --print-architecture)" != "$arch" ]; then
		log "adding the $arch architecture to dpkg"
		dpkg --add-architecture "$arch"
	fi
	log "apt-get update ($arch lists)"
	apt-get update -qq >&2 || log "apt-get update reported errors; checking the lists anyway"
	apt-cache show "$meta:$arch" >/dev/null 2>&1 || skip "$meta:$arch unknown after apt-get update"
}

# The versioned package behind a meta-package (linux-image-armmp ->
# linux-image-6.1.0-57-armmp), remembered in the cache so later runs need no
# package lists.
resolve() {
	local meta=$1 arch=$2 f=$cache/$1.$2.pkg name
	if [ -s "$f" ]; then cat "$f"; return 0; fi
	ensure_arch "$arch" "$meta"
	name=$(apt-cache depends "$meta:$arch" 2>/dev/null |
		sed -n 's/^ *Depends: \(linux-image-6\.1\.[0-9.]*-[0-9]*-[a-z0-9-]*\).*/\1/p' | head -n 1)
	[ -n "$name" ] || skip "cannot resolve $meta:$arch to a versioned package"
	echo "$name" >"$f"
	echo "$name"
}

# Download (unless cached) and unpack package $1 for $2; prints the root.
fetch() {
	local pkg=$1 arch=$2 deb dir debs
	debs=("$cache/debs/${pkg}_"*"_$arch.deb")
	if [ ! -f "${debs[0]}" ]; then
		ensure_arch "$arch" "$pkg"
		log "downloading $pkg:$arch"
		(cd "$cache/debs" && apt-get download -q "$pkg:$arch" >&2) || skip "apt-get download $pkg:$arch failed"
		debs=("$cache/debs/${pkg}_"*"_$arch.deb")
	fi
	deb=${debs[0]}
	dir=$cache/root/$(basename "$deb" .deb)
	if [ ! -e "$dir/.unpacked" ]; then
		log "unpacking $(basename "$deb")"
		if ! { rm -rf "$dir" && mkdir -p "$dir" && dpkg-deb -x "$deb" "$dir"; }; then
			log "dpkg-deb -x $deb failed"
			exit 1
		fi
		touch "$dir/.unpacked"
	fi
	echo "$dir"
}

specs=()
add() { # meta-package, dpkg arch, vmlayout arch
	local pkg root flav
	pkg=$(resolve "$1" "$2") || exit $?
	root=$(fetch "$pkg" "$2") || exit $?
	flav=${pkg#linux-image-}
	if [ ! -d "$root/usr/lib/linux-image-$flav" ] || [ ! -f "$root/boot/config-$flav" ]; then
		log "$root: no usr/lib/linux-image-$flav or boot/config-$flav"
		exit 1
	fi
	specs+=(--package "$pkg:$3:$root/usr/lib/linux-image-$flav:$root/boot/config-$flav")
}
for a in $arches; do
	case $a in
	armhf)
		add linux-image-armmp armhf arm
		add linux-image-armmp-lpae armhf arm
		;;
	arm64) add linux-image-arm64 arm64 arm64 ;;
	*) log "unknown architecture $a"; exit 1 ;;
	esac
done

# Other builds may relink build/vmlayout while this runs: run a snapshot of
# it (the report names the original path).
snap=$(mktemp -d "${TMPDIR:-/tmp}/vmlayout-dtbs.XXXXXX") || exit 1
trap 'rm -rf "$snap"' EXIT
cp "$vmlayout" "$snap/vmlayout" || exit 1

# The checker first shows it catches broken layouts (no download needed).
python3 "$here/dtbs_check.py" --vmlayout "$snap/vmlayout" --selftest "$here/.." >"$out/dtbs-selftest.log" ||
	{ grep FAIL "$out/dtbs-selftest.log" >&2; log "the checker's self-test failed"; exit 1; }
log "checker self-test: $(grep -c '^ok' "$out/dtbs-selftest.log") ok"

start=$(date +%s)
python3 "$here/dtbs_check.py" --vmlayout "$snap/vmlayout" --show-as "$vmlayout" --jobs "$jobs" \
	--report "$out/dtbs-report.md" --summary "$out/dtbs-summary.json" "${specs[@]}"
rc=$?
log "$(($(date +%s) - start)) s"
exit $rc
