#!/usr/bin/env bash
# Fetches Debian 12's 6.1 kernels and busybox-static of one Debian
# architecture into conformance/cache/, and unpacks each .deb there:
# armhf (the default): armmp and armmp-lpae; arm64: the arm64 flavour.
# Idempotent: a package already downloaded and unpacked is not fetched again.
#
# Needs root (dpkg --add-architecture ARCH, apt-get update) the first time.
# Exit status: 0 when everything is in the cache, 3 when the packages cannot
# be downloaded (no network, no root): callers treat 3 as "skip", anything
# else non-zero as a failure.
#
# Usage: fetch.sh [--arch armhf|arm64] [--dbg]
#
# Prints on stdout, one per line, NAME=VALUE for the callers:
#   armhf: ARMMP_ROOT, ARMMP_VMLINUZ, ARMMP_CONFIG, ARMMP_VERSION (and
#   LPAE_*); arm64: ARM64_*; both: BUSYBOX, BUSYBOX_VERSION.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cache=${CONFORMANCE_CACHE:-$here/cache}
log() { echo "fetch.sh: $*" >&2; }
no_network() { log "SKIP: $*"; exit 3; }
arch=armhf dbg=0
while [ $# -gt 0 ]; do
	case $1 in
	--arch) arch=${2:-}; shift 2 || { log "--arch needs armhf or arm64"; exit 2; } ;;
	--dbg) dbg=1; shift ;;
	*) log "unknown option '$1' (usage: fetch.sh [--arch armhf|arm64] [--dbg])"; exit 2 ;;
	esac
done
case $arch in
armhf) probe=linux-image-armmp ;;
arm64) probe=linux-image-arm64 ;;
*) log "--arch '$arch': must be armhf or arm64"; exit 2 ;;
esac
mkdir -p "$cache/debs"

# The package lists of $arch are needed only when something is missing.
lists_ready=0
ensure_lists() {
	[ "$lists_ready" -eq 1 ] && return 0
	if [ "$arch" != "$(dpkg --print-architecture)" ] && ! dpkg --print-foreign-architectures | grep -qx "$arch"; then
		[ "$(id -u)" -eq 0 ] || no_network "$arch is not a dpkg architecture here and we are not root to add it"
		log "adding the $arch architecture to dpkg"
		dpkg --add-architecture "$arch"
	fi
	if ! apt-cache show "$probe:$arch" >/dev/null 2>&1; then
		[ "$(id -u)" -eq 0 ] || no_network "no $arch package lists and we are not root to run apt-get update"
		log "apt-get update ($arch lists)"
		# A partial failure (one index mid-sync) is not fatal: what counts is
		# whether the kernel packages are known afterwards.
		apt-get update -qq >&2 || log "apt-get update reported errors; checking the lists anyway"
	fi
	apt-cache show "$probe:$arch" >/dev/null 2>&1 ||
		no_network "$probe:$arch is not in the package lists (apt-get update failed: no network?)"
	lists_ready=1
}

# The versioned image package a meta-package depends on, e.g.
# linux-image-armmp -> linux-image-6.1.0-28-armmp.
resolve_meta() {
	apt-cache depends "$1:$arch" 2>/dev/null |
		sed -n 's/^ *Depends: \(linux-image-6\.1\.[0-9.]*-[0-9]*-[a-z0-9-]*\).*/\1/p' | head -n 1
}

# Download package $1 ($arch) into the cache unless a .deb of it is there,
# unpack it into cache/root-$2, and print the unpack directory.
fetch_pkg() {
	local pkg=$1 dir=$cache/root-$2 deb
	deb=$(ls "$cache/debs/${pkg}_"*_"$arch".deb 2>/dev/null | head -n 1 || true)
	if [ -z "$deb" ]; then
		ensure_lists
		log "downloading $pkg:$arch ($(apt-cache policy "$pkg:$arch" | sed -n 's/^ *Candidate: //p'))"
		(cd "$cache/debs" && apt-get download -q "$pkg:$arch" >&2) ||
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
# runs need no package lists at all.
image_pkg() {
	local flavour=$1 f=$cache/$1.pkg name
	if [ -s "$f" ]; then cat "$f"; return; fi
	ensure_lists
	name=$(resolve_meta "linux-image-$flavour")
	[ -n "$name" ] || no_network "cannot resolve linux-image-$flavour:$arch to a versioned package"
	echo "$name" >"$f"
	echo "$name"
}

emit_kernel() {
	local flavour=$1 var=$2 pkg root vmlinuz config
	pkg=$(image_pkg "$flavour")
	root=$(fetch_pkg "$pkg" "$flavour")
	vmlinuz=$(ls "$root"/boot/vmlinuz-* | head -n 1)
	config=$(ls "$root"/boot/config-* | head -n 1)
	echo "${var}_ROOT=$root"
	echo "${var}_VMLINUZ=$vmlinuz"
	echo "${var}_CONFIG=$config"
	echo "${var}_VERSION=$(sed "s/_$arch\\.deb\$//; s/.*_//" "$root/.unpacked")"
	echo "${var}_RELEASE=${vmlinuz##*/vmlinuz-}"
}

# With --dbg: the -dbg package of each flavour (about 600 MB each), from
# which only the real System.map is kept (cache/<flavour>.dbg.System.map,
# written from the vmlinux symbol table by elfsyms.py); the .deb and the
# vmlinux are deleted afterwards.
fetch_dbg_map() {
	local flavour=$1 pkg map=$cache/$1.dbg.System.map tmp
	[ -s "$map" ] && { echo "${2}_DBG_SYSTEM_MAP=$map"; return; }
	pkg=$(image_pkg "$flavour")-dbg
	ensure_lists
	tmp=$cache/dbg-tmp
	rm -rf "$tmp" && mkdir -p "$tmp"
	log "downloading $pkg:$arch (600-800 MB, only its System.map is kept)"
	(cd "$tmp" && apt-get download -q "$pkg:$arch" >&2) || no_network "apt-get download $pkg:$arch failed"
	log "extracting the vmlinux of $pkg"
	dpkg-deb --fsys-tarfile "$tmp"/*.deb | tar -x -C "$tmp" --wildcards './usr/lib/debug/boot/vmlinux-*'
	python3 "$here/elfsyms.py" "$tmp"/usr/lib/debug/boot/vmlinux-* >"$map.tmp"
	mv "$map.tmp" "$map"
	rm -rf "$tmp"
	echo "${2}_DBG_SYSTEM_MAP=$map"
}

if [ "$arch" = armhf ]; then
	emit_kernel armmp ARMMP
	emit_kernel armmp-lpae LPAE
	if [ "$dbg" -eq 1 ]; then
		fetch_dbg_map armmp ARMMP
		fetch_dbg_map armmp-lpae LPAE
	fi
	# armhf keeps its old cache names (root-busybox, initramfs.cpio.gz).
	bb=$(fetch_pkg busybox-static busybox)
else
	emit_kernel arm64 ARM64
	[ "$dbg" -eq 1 ] && fetch_dbg_map arm64 ARM64
	bb=$(fetch_pkg busybox-static "busybox-$arch")
fi
echo "BUSYBOX=$bb/bin/busybox"
echo "BUSYBOX_VERSION=$(sed "s/_$arch\\.deb\$//; s/.*_//; s/%3a/:/" "$bb/.unpacked")"
