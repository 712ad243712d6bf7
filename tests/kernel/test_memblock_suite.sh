#!/usr/bin/env bash
# Linux's own memblock regression suite (tools/testing/memblock of v6.12)
# run against vmlayout's memblock model, through the adapter in
# tests/kernel/memblock_adapter/ (docs/memblock.md).
#
# The suite's sources are the kernel's and are not in this repository: they
# come from Debian's linux-source-6.12 package (/usr/src/linux-source-6.12.tar.xz;
# scripts/deps.sh installs it as root when it can). Only what the suite needs
# is extracted, once per package version, into a cache outside the tree:
# ${XDG_CACHE_HOME:-~/.cache}/vmlayout/linux-memblock-suite/. The suite's
# tests and main.c are compiled as its Makefile compiles them (ASan and
# UBSan, CONFIG_PHYS_ADDR_T_64BIT, the x86 asm headers of tools/arch linked
# into its asm/), except that the kernel's mm/memblock.c and
# include/linux/memblock.h are replaced by the adapter, which runs every
# call on build/libvmlayout.a.
#
# Three runs, each the suite's whole main: without CONFIG_NUMA, with it
# (make NUMA=1: CONFIG_NODES_SHIFT=4), and with it and --movable-node. Each
# kernel test that passes is one "ok" line here. A failed assert ends the
# suite's run (that is how the suite works); the script then rebuilds that
# configuration with NDEBUG so that the run goes on past failures, and lists
# every test that reported one.
#
# Without the package (or xz, or a compiler with ASan) the test says so and
# skips. VMLAYOUT_LINUX_SOURCE_612 names another copy of the tarball.
cd "$(dirname "$0")/../.." || exit 2
B=${1:-build}
. tests/cli/lib.sh

tarball=${VMLAYOUT_LINUX_SOURCE_612:-/usr/src/linux-source-6.12.tar.xz}
skip() {
	echo "SKIP kernel-memblock-suite: $*"
	finish
	exit
}
[ -r "$tarball" ] || skip "Debian's linux-source-6.12 is not installed ($tarball is missing;" \
	"as root: apt-get install linux-source-6.12, or bash scripts/deps.sh, which installs it when it can)"
command -v xz >/dev/null || skip "xz is not installed (apt-get install xz-utils)"
[ -r "$B/libvmlayout.a" ] || { ko "no $B/libvmlayout.a: run make first"; finish; exit; }
CC=${CC:-gcc}
SAN="-fsanitize=address -fsanitize=undefined"
echo 'int main(void) { return 0; }' >"$tmp/san.c"
$CC $SAN "$tmp/san.c" -o "$tmp/san" 2>/dev/null && "$tmp/san" ||
	skip "$CC cannot build with -fsanitize=address,undefined, as the suite's Makefile does"

# ---- the kernel's sources, extracted once per tarball into the cache
version=$(dpkg-query -W -f='${Version}' linux-source-6.12 2>/dev/null || true)
key=$(stat -c '%s-%Y' "$tarball")
cache=${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/vmlayout/linux-memblock-suite/$key
src=$cache/linux-source-6.12
if [ ! -e "$cache/.extracted" ]; then
	mkdir -p "$(dirname "$cache")" || skip "cannot create the cache directory $(dirname "$cache")"
	part=$(mktemp -d "$(dirname "$cache")/.extract.XXXXXX")
	# tools/include and tools/arch/x86/include: the tools headers the suite
	# includes (its Makefile: -I../../include, asm/asm.h and asm/cmpxchg.h
	# linked from ../../../arch/x86/include/asm/).
	if ! tar -xJf "$tarball" -C "$part" \
		linux-source-6.12/tools/testing/memblock \
		linux-source-6.12/tools/testing/selftests/kselftest.h \
		linux-source-6.12/tools/include \
		linux-source-6.12/tools/arch/x86/include 2>"$tmp/tar.err"; then
		rm -rf "$part"
		ko "extract tools/testing/memblock from $tarball" "$(cat "$tmp/tar.err")"
		finish
		exit
	fi
	rm -rf "$cache" && mv "$part" "$cache" && touch "$cache/.extracted"
fi
echo "kernel suite: $src/tools/testing/memblock (linux-source-6.12 ${version:-of unknown version})"
suite=$src/tools/testing/memblock
# The links the suite's Makefile makes (its "include" target); the third,
# linux/memblock.h, is the adapter's own header instead.
for h in asm.h cmpxchg.h; do
	[ -L "$suite/asm/$h" ] || ln -s "../../../arch/x86/include/asm/$h" "$suite/asm/$h"
done
if [ -e "$suite/linux/memblock.h" ]; then
	ko "the cached suite has a linux/memblock.h of its own: remove $cache"
	finish
	exit
fi

adapter=tests/kernel/memblock_adapter
objs=(main tests/basic_api tests/alloc_api tests/alloc_helpers_api tests/alloc_nid_api
	tests/alloc_exact_nid_api tests/common)
# build NAME EXTRA_CFLAGS...: the suite's main linked with the adapter.
build() {
	local name=$1 out=$tmp/$1 o
	shift
	local cflags=(-O2 -g -Wall $SAN -fno-strict-aliasing -D CONFIG_PHYS_ADDR_T_64BIT "$@"
		-I"$adapter" -I"$suite" -I"$src/tools/include")
	mkdir -p "$out"
	for o in "${objs[@]}"; do
		$CC "${cflags[@]}" -c "$suite/$o.c" -o "$out/${o//\//_}.o" 2>>"$out/build.log" || return 1
	done
	# Ours is held to the project's warnings; the kernel's headers are not.
	$CC -std=gnu17 -O2 -g $SAN -fno-strict-aliasing -D CONFIG_PHYS_ADDR_T_64BIT "$@" \
		-Wall -Wextra -Werror -Wshadow -Wmissing-prototypes -I"$adapter" -Iinclude \
		-isystem "$suite" -isystem "$src/tools/include" \
		-c "$adapter/memblock_adapter.c" -o "$out/adapter.o" 2>>"$out/build.log" || return 1
	$CC $SAN -o "$out/main" "$out"/*.o "$B/libvmlayout.a" -lfdt -lm 2>>"$out/build.log"
}

# run NAME BUILD SUITE_ARGS...: one run of the suite's main built as BUILD.
run() {
	local name=$1 bin=$2 rc n_ok
	shift 2
	(cd "$tmp" && "$tmp/$bin/main" -v "$@") >"$tmp/$name.out" 2>&1
	rc=$?
	# "ok 12 : memblock_reserve: memblock_reserve_simple_check: passed"
	sed -n 's/^ok [0-9]* : \(.*\): passed$/\1/p' "$tmp/$name.out" >"$tmp/$name.ok"
	while read -r t; do ok "$name: $t"; done <"$tmp/$name.ok"
	n_ok=$(wc -l <"$tmp/$name.ok")
	if [ $rc -eq 0 ] && ! grep -q '^not ok' "$tmp/$name.out"; then
		echo "$name: the suite's main ran to its end, $n_ok tests passed"
		return
	fi
	ko "$name: the suite stopped (exit $rc)" "$(grep -v '^ok \|Running' "$tmp/$name.out" | tail -n 8)"
	# Go on past failed asserts to name every test that fails.
	if build "$bin-ndebug" "${build_flags[@]}" -DNDEBUG; then
		(cd "$tmp" && "$tmp/$bin-ndebug/main" -v "$@") >"$tmp/$name-ndebug.out" 2>&1
		sed -n 's/^not ok [0-9]* : \(.*\): failed$/\1/p' "$tmp/$name-ndebug.out" | sort -u |
			while read -r t; do echo "FAIL $name: $t"; done
	fi
}

# The two builds of the suite's Makefile: default and NUMA=1.
no_numa=()
numa=(-D CONFIG_NUMA -D CONFIG_NODES_SHIFT=4)
build_flags=("${no_numa[@]}")
if build no-numa "${build_flags[@]}"; then
	run no-numa no-numa
else
	ko "build without CONFIG_NUMA" "$(tail -n 20 "$tmp/no-numa/build.log")"
fi
build_flags=("${numa[@]}")
if build numa "${build_flags[@]}"; then
	run numa numa
	run numa-movable-node numa -m
else
	ko "build with CONFIG_NUMA" "$(tail -n 20 "$tmp/numa/build.log")"
fi
finish
