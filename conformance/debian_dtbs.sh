#!/usr/bin/env bash
# `make conformance-dtbs`: every device tree Debian ships with its kernels
# through `vmlayout layout --format json` and, on arm64 and riscv64,
# `vmlayout boot-tables --format json`, checking the kernel's invariants on
# each layout and each set of page tables (conformance/dtbs_check.py).
# Debian 12 (bookworm, 6.1): armhf armmp and armmp-lpae (~898 DTBs each),
# arm64 (~577). Debian 13 (trixie, 6.12): armhf armmp and armmp-lpae, arm64
# and riscv64. Writes
# conformance/out/dtbs-report.md and prints the summary table.
#
# The packages are downloaded with `apt-get download` into a cache outside
# the tree: $VMLAYOUT_DTB_CACHE, default ~/.cache/vmlayout/debian-dtbs.
# Bookworm's come through the host's apt (root is needed the first time, to
# add the armhf/arm64 dpkg architectures and run apt-get update). Trixie's
# (armhf, arm64, riscv64)
# come through a private apt configuration in the cache (cache/apt-trixie:
# its own sources.list, lists and archives; the host's sources, lists and
# dpkg are left alone; the signatures are checked with the host's
# debian-archive-keyring, which holds the trixie keys).
# The boot tables need the image's real section symbols: they come from the
# kernel's -dbg package (0.8-1 GB each, downloaded once; only the symbols
# vmlayout and the checker read are kept, as cache/<package>.System.map).
#
# Usage: debian_dtbs.sh BUILD_DIR
# Environment: VMLAYOUT_DTB_CACHE, VMLAYOUT_DTB_JOBS (default 2),
#   VMLAYOUT_DTB_ARCHES (default "armhf arm64 trixie-armhf trixie-arm64
#   trixie-riscv64").
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
arches=${VMLAYOUT_DTB_ARCHES:-armhf arm64 trixie-armhf trixie-arm64 trixie-riscv64}
mkdir -p "$cache/debs" "$out" || exit 1
log() { echo "debian_dtbs.sh: $*" >&2; }
skip() { log "SKIP: $*"; exit 3; }

# apt for a suite: the host's for bookworm, a private configuration for
# trixie (its lists and archives in cache/apt-trixie). Sets apt_get and
# apt_cache.
apt_for() {
	apt_get=(apt-get) apt_cache=(apt-cache)
	[ "$1" = bookworm ] && return 0
	local adir=$cache/apt-$1 aopts
	mkdir -p "$adir/lists/partial" "$adir/archives/partial" || exit 1
	echo "deb [arch=arm64,riscv64,armhf] http://deb.debian.org/debian $1 main" >"$adir/sources.list"
	aopts=(-o "Dir::Etc::SourceList=$adir/sources.list" -o "Dir::Etc::SourceParts=$adir/none"
		-o "Dir::State::Lists=$adir/lists" -o "Dir::Cache=$adir" -o "Dir::State::Status=/dev/null"
		-o "APT::Architecture=arm64" -o "APT::Architectures::=arm64"
		-o "APT::Architectures::=riscv64" -o "APT::Architectures::=armhf"
		-o "APT::Sandbox::User=root")
	apt_get+=("${aopts[@]}")
	apt_cache+=("${aopts[@]}")
}

# Package lists that know $2:$1 (arch, a package), once per suite ($3).
ensure_lists() {
	local arch=$1 pkg=$2 suite=$3
	"${apt_cache[@]}" show "$pkg:$arch" >/dev/null 2>&1 && return 0
	if [ "$suite" = bookworm ]; then
		[ "$(id -u)" -eq 0 ] || skip "no $arch package lists and not root to add them"
		if ! dpkg --print-foreign-architectures | grep -qx "$arch" &&
			[ "$(dpkg --print-architecture)" != "$arch" ]; then
			log "adding the $arch architecture to dpkg"
			dpkg --add-architecture "$arch"
		fi
	fi
	log "apt-get update ($suite $arch lists)"
	"${apt_get[@]}" update -qq >&2 || log "apt-get update reported errors; checking the lists anyway"
	"${apt_cache[@]}" show "$pkg:$arch" >/dev/null 2>&1 || skip "$pkg:$arch unknown after apt-get update ($suite)"
}

# The versioned package behind a meta-package (linux-image-armmp ->
# linux-image-6.1.0-57-armmp, linux-image-riscv64 ->
# linux-image-6.12.117+deb13-riscv64), remembered in the cache so later runs
# need no package lists. Bookworm keeps its old file name.
resolve() {
	local meta=$1 arch=$2 suite=$3 f=$cache/$1.$2.pkg name
	[ "$suite" = bookworm ] || f=$cache/$1.$2.$suite.pkg
	if [ -s "$f" ]; then cat "$f"; return 0; fi
	ensure_lists "$arch" "$meta" "$suite"
	name=$("${apt_cache[@]}" depends "$meta:$arch" 2>/dev/null |
		sed -n 's/^ *Depends: \(linux-image-[0-9][0-9.]*[-+][a-z0-9.+-]*\).*/\1/p' | head -n 1)
	[ -n "$name" ] || skip "cannot resolve $meta:$arch ($suite) to a versioned package"
	echo "$name" >"$f"
	echo "$name"
}

# Download (unless cached) and unpack package $1 for $2 ($3 the suite);
# prints the root.
fetch() {
	local pkg=$1 arch=$2 suite=$3 deb dir debs
	debs=("$cache/debs/${pkg}_"*"_$arch.deb")
	if [ ! -f "${debs[0]}" ]; then
		ensure_lists "$arch" "$pkg" "$suite"
		log "downloading $pkg:$arch ($suite)"
		(cd "$cache/debs" && "${apt_get[@]}" download -q "$pkg:$arch" >&2) || skip "apt-get download $pkg:$arch failed"
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

# The image's section symbols, from the vmlinux of package $1's -dbg
# package (Debian ships a placeholder System.map in the image package):
# downloaded once, the symbol table written by elfsyms.py, only the lines
# vmlayout (src/host/sysmap.c sysmap_names) and the checker (_start,
# __inittext_end) read kept; the .deb and the vmlinux deleted. The list is
# kept beside the map (MAP.syms): when it changes, the map is made again.
# Prints the map's path.
SYMS='_text|_stext|_etext|__start_rodata|__end_rodata|__init_begin|__init_end|_sdata|_edata'
SYMS+='|__bss_start|__bss_stop|_end|_data|__init_data_begin|__entry_tramp_text_start'
SYMS+='|__entry_tramp_text_end|__inittext_end|_start'
dbg_map() {
	local pkg=$1 arch=$2 suite=$3 map=$cache/$1.System.map tmp=$cache/dbg-tmp
	if [ ! -s "$map" ] || [ "$(cat "$map.syms" 2>/dev/null)" != "$SYMS" ]; then
		ensure_lists "$arch" "$pkg-dbg" "$suite"
		rm -rf "$tmp" && mkdir -p "$tmp" || exit 1
		log "downloading $pkg-dbg:$arch ($suite, ~1 GB once: only its section symbols are kept)"
		(cd "$tmp" && "${apt_get[@]}" download -q "$pkg-dbg:$arch" >&2) ||
			skip "apt-get download $pkg-dbg:$arch failed"
		dpkg-deb --fsys-tarfile "$tmp"/*.deb | tar -x -C "$tmp" --wildcards './usr/lib/debug/boot/vmlinux-*' ||
			{ log "no usr/lib/debug/boot/vmlinux-* in $pkg-dbg"; exit 1; }
		python3 "$here/elfsyms.py" "$tmp"/usr/lib/debug/boot/vmlinux-* | grep -E " ($SYMS)\$" >"$map.tmp" ||
			{ log "no section symbols in the vmlinux of $pkg-dbg"; exit 1; }
		mv "$map.tmp" "$map" && echo "$SYMS" >"$map.syms" && rm -rf "$tmp"
	fi
	echo "$map"
}

specs=()
add() { # meta-package, dpkg arch, vmlayout arch, suite, profile
	local pkg root flav sysmap=""
	apt_for "$4"
	pkg=$(resolve "$1" "$2" "$4") || exit $?
	root=$(fetch "$pkg" "$2" "$4") || exit $?
	flav=${pkg#linux-image-}
	if [ ! -d "$root/usr/lib/linux-image-$flav" ] || [ ! -f "$root/boot/config-$flav" ]; then
		log "$root: no usr/lib/linux-image-$flav or boot/config-$flav"
		exit 1
	fi
	if [ "$3" != arm ]; then
		sysmap=$(dbg_map "$pkg" "$2" "$4") || exit $?
	fi
	specs+=(--package "$pkg:$3:$5:$root/usr/lib/linux-image-$flav:$root/boot/config-$flav:$sysmap")
}
for a in $arches; do
	case $a in
	armhf)
		add linux-image-armmp armhf arm bookworm 6.1
		add linux-image-armmp-lpae armhf arm bookworm 6.1
		;;
	arm64) add linux-image-arm64 arm64 arm64 bookworm 6.1 ;;
	trixie-armhf)
		add linux-image-armmp armhf arm trixie 6.12
		add linux-image-armmp-lpae armhf arm trixie 6.12
		;;
	trixie-arm64) add linux-image-arm64 arm64 arm64 trixie 6.12 ;;
	trixie-riscv64) add linux-image-riscv64 riscv64 riscv64 trixie 6.12 ;;
	*) log "unknown set $a (armhf, arm64, trixie-armhf, trixie-arm64, trixie-riscv64)"; exit 1 ;;
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
