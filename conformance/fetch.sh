#!/usr/bin/env bash
# Fetches Debian's kernels and busybox-static of one Debian architecture
# into the cache ($CONFORMANCE_CACHE, default ~/.cache/vmlayout/conformance, outside
# the tree), and unpacks each .deb there: armhf (the
# default): Debian 12's 6.1 armmp and armmp-lpae, or with --suite trixie
# Debian 13's 6.12 ones (cached as "armmp-6.12" and "armmp-lpae-6.12", with
# Debian 12's armhf busybox-static); arm64: Debian 12's 6.1
# arm64 flavour, or with --suite trixie Debian 13's 6.12 arm64 flavour
# (cached as "arm64-6.12", with Debian 12's arm64 busybox-static) and its
# 16K-page flavour arm64-16k (cached as "arm64-16k-6.12"); only when asked
# with --extra (never by check-live): its PREEMPT_RT flavour rt (--extra rt,
# cached as "arm64-rt-6.12") and its smaller cloud flavour (--extra cloud,
# "arm64-cloud-6.12");
# riscv64: Debian 13's 6.12 riscv64 flavour (riscv64 is not a Debian 12
# architecture). Trixie's package lists are kept in the cache
# (cache/apt-riscv64/, cache/apt-arm64-trixie/, cache/apt-armhf-trixie/)
# with their own apt
# configuration, the host's apt sources and dpkg are left alone; the
# signatures are checked with the host's debian-archive-keyring, which has
# the trixie keys.
# Idempotent: a package already downloaded and unpacked is not fetched again.
#
# Needs root (dpkg --add-architecture ARCH, apt-get update) the first time.
# Exit status: 0 when everything is in the cache, 3 when the packages cannot
# be downloaded (no network, no root): callers treat 3 as "skip", anything
# else non-zero as a failure.
#
# Usage: fetch.sh [--arch armhf|arm64|riscv64] [--suite bookworm|trixie] [--dbg]
#                 [--extra rt|cloud]...
#   (--suite trixie: armhf and arm64; riscv64 is always trixie; --extra:
#   arm64 trixie only, may be repeated)
#
# Prints on stdout, one per line, NAME=VALUE for the callers:
#   armhf: ARMMP_ROOT, ARMMP_VMLINUZ, ARMMP_CONFIG, ARMMP_VERSION (and
#   LPAE_*; with --suite trixie: ARMMP_612_*, LPAE_612_*); arm64: ARM64_*
#   (with --suite trixie: ARM64_612_* and ARM64_16K_612_*; --extra rt:
#   ARM64_RT_612_*, --extra cloud: ARM64_CLOUD_612_*); riscv64:
#   RISCV64_*; all: BUSYBOX,
#   BUSYBOX_VERSION.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cache=${CONFORMANCE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/vmlayout/conformance}
log() { echo "fetch.sh: $*" >&2; }
no_network() { log "SKIP: $*"; exit 3; }
arch=armhf dbg=0 suite=bookworm extra=()
while [ $# -gt 0 ]; do
	case $1 in
	--arch) arch=${2:-}; shift 2 || { log "--arch needs armhf, arm64 or riscv64"; exit 2; } ;;
	--suite) suite=${2:-}; shift 2 || { log "--suite needs bookworm or trixie"; exit 2; } ;;
	--dbg) dbg=1; shift ;;
	--extra)
		case ${2:-} in
		rt | cloud) extra+=("$2"); shift 2 ;;
		*) log "--extra '${2:-}': must be rt or cloud (Debian 13's arm64 flavours)"; exit 2 ;;
		esac
		;;
	*) log "unknown option '$1' (usage: fetch.sh [--arch armhf|arm64|riscv64] [--suite bookworm|trixie] [--dbg] [--extra rt|cloud])"; exit 2 ;;
	esac
done
case $arch in
armhf) probe=linux-image-armmp ;;
arm64) probe=linux-image-arm64 ;;
riscv64) probe=linux-image-riscv64 ;;
*) log "--arch '$arch': must be armhf, arm64 or riscv64"; exit 2 ;;
esac
[ "$arch" = riscv64 ] && suite=trixie
case $arch/$suite in
*/bookworm | armhf/trixie | arm64/trixie | riscv64/trixie) ;;
*) log "--suite '$suite' with --arch $arch: must be bookworm (armhf, arm64) or trixie (armhf, arm64, riscv64)"; exit 2 ;;
esac
[ ${#extra[@]} -eq 0 ] || [ "$arch/$suite" = arm64/trixie ] ||
	{ log "--extra is for --arch arm64 --suite trixie only"; exit 2; }
mkdir -p "$cache/debs"
# apt with the host's configuration (bookworm), or trixie's own (private=1).
use_host_apt() { apt_get=(apt-get) apt_cache=(apt-cache) private=0 lists_ready=0; }
use_trixie_apt() {
	local adir=$cache/apt-$arch-trixie aopts
	[ "$arch" = riscv64 ] && adir=$cache/apt-riscv64 # its older name
	use_host_apt
	private=1
	mkdir -p "$adir/lists/partial" "$adir/archives/partial"
	echo "deb [arch=$arch] http://deb.debian.org/debian trixie main" >"$adir/sources.list"
	aopts=(-o "Dir::Etc::SourceList=$adir/sources.list" -o "Dir::Etc::SourceParts=$adir/none"
		-o "Dir::State::Lists=$adir/lists" -o "Dir::Cache=$adir" -o "Dir::State::Status=/dev/null"
		-o "APT::Architecture=$arch" -o "APT::Architectures::=$arch")
	apt_get+=("${aopts[@]}")
	apt_cache+=("${aopts[@]}")
}
if [ "$suite" = trixie ]; then use_trixie_apt; else use_host_apt; fi

# The package lists of $arch are needed only when something is missing.
ensure_lists() {
	[ "$lists_ready" -eq 1 ] && return 0
	if [ "$private" -eq 0 ] && [ "$arch" != "$(dpkg --print-architecture)" ] &&
		! dpkg --print-foreign-architectures | grep -qx "$arch"; then
		[ "$(id -u)" -eq 0 ] || no_network "$arch is not a dpkg architecture here and we are not root to add it"
		log "adding the $arch architecture to dpkg"
		dpkg --add-architecture "$arch"
	fi
	if ! "${apt_cache[@]}" show "$probe:$arch" >/dev/null 2>&1; then
		[ "$(id -u)" -eq 0 ] || [ "$private" -eq 1 ] ||
			no_network "no $arch package lists and we are not root to run apt-get update"
		log "apt-get update ($arch lists)"
		# A partial failure (one index mid-sync) is not fatal: what counts is
		# whether the kernel packages are known afterwards.
		"${apt_get[@]}" update -qq >&2 || log "apt-get update reported errors; checking the lists anyway"
	fi
	"${apt_cache[@]}" show "$probe:$arch" >/dev/null 2>&1 ||
		no_network "$probe:$arch is not in the package lists (apt-get update failed: no network?)"
	lists_ready=1
}

# The versioned image package a meta-package depends on, e.g.
# linux-image-armmp -> linux-image-6.1.0-28-armmp.
resolve_meta() {
	"${apt_cache[@]}" depends "$1:$arch" 2>/dev/null |
		sed -n 's/^ *Depends: \(linux-image-6\.[0-9][0-9.]*[-+][a-z0-9.+-]*\).*/\1/p' | head -n 1
}

# Download package $1 ($arch) into the cache unless a .deb of it is there,
# unpack it into cache/root-$2, and print the unpack directory.
fetch_pkg() {
	local pkg=$1 dir=$cache/root-$2 deb
	deb=$(ls "$cache/debs/${pkg}_"*_"$arch".deb 2>/dev/null | head -n 1 || true)
	if [ -z "$deb" ]; then
		ensure_lists
		log "downloading $pkg:$arch ($("${apt_cache[@]}" policy "$pkg:$arch" | sed -n 's/^ *Candidate: //p'))"
		(cd "$cache/debs" && "${apt_get[@]}" download -q "$pkg:$arch" >&2) ||
			no_network "apt-get download $pkg:$arch failed"
		deb=$(ls "$cache/debs/${pkg}_"*_"$arch".deb | head -n 1)
	fi
	if [ ! -e "$dir/.unpacked" ] || [ "$(cat "$dir/.unpacked")" != "$(basename "$deb")" ]; then
		log "unpacking $(basename "$deb") into $dir"
		rm -rf "$dir"
		mkdir -p "$dir"
		dpkg-deb -x "$deb" "$dir"
		basename "$deb" >"$dir/.unpacked"
	fi
	echo "$dir"
}

# The image package name: remembered in the cache once resolved, so later
# runs need no package lists at all. $1 is the cache name (arm64-6.12), $2
# Debian's flavour (arm64), the same when absent.
image_pkg() {
	local flavour=$1 f=$cache/$1.pkg name
	if [ -s "$f" ]; then cat "$f"; return; fi
	ensure_lists
	name=$(resolve_meta "linux-image-${2:-$flavour}")
	[ -n "$name" ] || no_network "cannot resolve linux-image-$flavour:$arch to a versioned package"
	echo "$name" >"$f"
	echo "$name"
}

emit_kernel() {
	local flavour=$1 var=$2 pkg root vmlinuz config
	pkg=$(image_pkg "$flavour" "${3:-}")
	root=$(fetch_pkg "$pkg" "$flavour")
	vmlinuz=$(ls "$root"/boot/vmlinu[xz]-* | head -n 1)
	config=$(ls "$root"/boot/config-* | head -n 1)
	echo "${var}_ROOT=$root"
	echo "${var}_VMLINUZ=$vmlinuz"
	echo "${var}_CONFIG=$config"
	echo "${var}_VERSION=$(sed "s/_$arch\\.deb\$//; s/.*_//" "$root/.unpacked")"
	echo "${var}_RELEASE=${vmlinuz##*/vmlinu[xz]-}"
}

# With --dbg: the -dbg package of each flavour (about 600 MB each), from
# which only the real System.map is kept (cache/<flavour>.dbg.System.map,
# written from the vmlinux symbol table by elfsyms.py); the .deb and the
# vmlinux are deleted afterwards.
fetch_dbg_map() {
	local flavour=$1 pkg map=$cache/$1.dbg.System.map tmp
	[ -s "$map" ] && { echo "${2}_DBG_SYSTEM_MAP=$map"; return; }
	pkg=$(image_pkg "$flavour" "${3:-}")-dbg
	ensure_lists
	tmp=$cache/dbg-tmp
	rm -rf "$tmp" && mkdir -p "$tmp"
	log "downloading $pkg:$arch (600-800 MB, only its System.map is kept)"
	(cd "$tmp" && "${apt_get[@]}" download -q "$pkg:$arch" >&2) || no_network "apt-get download $pkg:$arch failed"
	log "extracting the vmlinux of $pkg"
	dpkg-deb --fsys-tarfile "$tmp"/*.deb | tar -x -C "$tmp" --wildcards './usr/lib/debug/boot/vmlinux-*'
	python3 "$here/elfsyms.py" "$tmp"/usr/lib/debug/boot/vmlinux-* >"$map.tmp"
	mv "$map.tmp" "$map"
	rm -rf "$tmp"
	echo "${2}_DBG_SYSTEM_MAP=$map"
}

if [ "$arch" = armhf ] && [ "$suite" = trixie ]; then
	emit_kernel armmp-6.12 ARMMP_612 armmp
	emit_kernel armmp-lpae-6.12 LPAE_612 armmp-lpae
	if [ "$dbg" -eq 1 ]; then
		fetch_dbg_map armmp-6.12 ARMMP_612 armmp
		fetch_dbg_map armmp-lpae-6.12 LPAE_612 armmp-lpae
	fi
	# Debian 12's armhf busybox, as the 6.1 boards (one initramfs for both).
	bb=$(use_host_apt && fetch_pkg busybox-static busybox)
elif [ "$arch" = armhf ]; then
	emit_kernel armmp ARMMP
	emit_kernel armmp-lpae LPAE
	if [ "$dbg" -eq 1 ]; then
		fetch_dbg_map armmp ARMMP
		fetch_dbg_map armmp-lpae LPAE
	fi
	# armhf keeps its old cache names (root-busybox, initramfs.cpio.gz).
	bb=$(fetch_pkg busybox-static busybox)
elif [ "$arch" = arm64 ] && [ "$suite" = trixie ]; then
	emit_kernel arm64-6.12 ARM64_612 arm64
	emit_kernel arm64-16k-6.12 ARM64_16K_612 arm64-16k
	if [ "$dbg" -eq 1 ]; then
		fetch_dbg_map arm64-6.12 ARM64_612 arm64
		fetch_dbg_map arm64-16k-6.12 ARM64_16K_612 arm64-16k
	fi
	# The PREEMPT_RT and cloud flavours, asked for by their boards only.
	for x in ${extra[@]+"${extra[@]}"}; do
		emit_kernel "arm64-$x-6.12" "ARM64_$(echo "$x" | tr a-z A-Z)_612" "$x-arm64"
		[ "$dbg" -eq 0 ] || fetch_dbg_map "arm64-$x-6.12" "ARM64_$(echo "$x" | tr a-z A-Z)_612" "$x-arm64"
	done
	# Debian 12's arm64 busybox, as the 6.1 boards (one initramfs for both).
	bb=$(use_host_apt && fetch_pkg busybox-static busybox-arm64)
else
	emit_kernel "$arch" "$(echo "$arch" | tr a-z A-Z)"
	[ "$dbg" -eq 1 ] && fetch_dbg_map "$arch" "$(echo "$arch" | tr a-z A-Z)"
	bb=$(fetch_pkg busybox-static "busybox-$arch")
fi
# Debian 13's busybox-static is under usr/ (merged /usr).
bin=$bb/bin/busybox
[ -x "$bin" ] || bin=$bb/usr/bin/busybox
echo "BUSYBOX=$bin"
echo "BUSYBOX_VERSION=$(sed "s/_$arch\\.deb\$//; s/.*_//; s/%3a/:/" "$bb/.unpacked")"
