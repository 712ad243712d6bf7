#!/usr/bin/env bash
# make install / uninstall into a staging directory, then the examples/
# programs built against the *installed* tree with pkg-config (vmlayout and
# vmlayout-core) and run: the library works for a user who has only the
# installed files. Uses the plain (not sanitizer) build.
set -u
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok $1"; }
ko() { fail=$((fail + 1)); echo "FAIL $1"; [ $# -gt 1 ] && printf '%s\n' "$2" | head -20; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
root=$tmp/root
if out=$(make -s install SAN= DESTDIR="$root" PREFIX=/usr 2>&1); then ok install; else ko install "$out"; fi
for f in usr/bin/vmlayout usr/lib/libvmlayout.a usr/lib/libvmlayout-core.a usr/lib/libvmlayout.so.0.3 \
	usr/include/vmlayout/layout.h usr/lib/pkgconfig/vmlayout.pc usr/lib/pkgconfig/vmlayout-core.pc; do
	[ -e "$root/$f" ] || ko "installed $f"
done
if [ "$(readlink "$root/usr/lib/libvmlayout.so")" = libvmlayout.so.0 ] &&
	[ "$(readlink "$root/usr/lib/libvmlayout.so.0")" = libvmlayout.so.0.3 ] &&
	readelf -d "$root/usr/lib/libvmlayout.so.0.3" | grep -q 'SONAME.*\[libvmlayout.so.0\]'; then ok soname-links
else ko soname-links; fi
export PKG_CONFIG_PATH=$root/usr/lib/pkgconfig PKG_CONFIG_SYSROOT_DIR=$root PKG_CONFIG_LIBDIR=$root/usr/lib/pkgconfig
if [ "$(pkg-config --modversion vmlayout)" = "$(sed -n 's/^VERSION := //p' Makefile)" ]; then ok pc-version; else ko pc-version; fi
# shellcheck disable=SC2046
if cc -std=c17 -Wall -Wextra -Werror -o "$tmp/layout_from_dt" examples/layout_from_dt.c \
	$(pkg-config --cflags --libs vmlayout) 2>"$tmp/err"; then ok build-layout-example
else ko build-layout-example "$(cat "$tmp/err")"; fi
out=$(LD_LIBRARY_PATH=$root/usr/lib "$tmp/layout_from_dt" boards/msm8974.dts arm 3.4 2>&1)
if grep -qF "    vmalloc : 0xe6800000 - 0xff000000   ( 392 MB)" <<<"$out" && grep -q '^MemTotal: ' <<<"$out"; then
	ok run-layout-example; else ko run-layout-example "$out"; fi
if ldd "$tmp/layout_from_dt" | grep -q "libvmlayout.so.0 => $root/usr/lib" ||
	LD_LIBRARY_PATH=$root/usr/lib ldd "$tmp/layout_from_dt" | grep -q "libvmlayout.so.0 => $root"; then
	ok linked-to-installed-so; else ko linked-to-installed-so "$(LD_LIBRARY_PATH=$root/usr/lib ldd "$tmp/layout_from_dt")"; fi
# shellcheck disable=SC2046
if cc -std=c17 -Wall -Wextra -Werror -o "$tmp/tables_flat_buffer" examples/tables_flat_buffer.c \
	$(pkg-config --cflags --libs vmlayout-core) 2>"$tmp/err"; then ok build-core-example
else ko build-core-example "$(cat "$tmp/err")"; fi
out=$("$tmp/tables_flat_buffer" 2>&1); rc=$?
# 64 MiB at a 2 MiB-aligned VA and PA: 32 level-2 blocks; tables: root,
# level 1, level 2 = 3 pages = 12288 bytes.
if [ $rc -eq 0 ] && grep -qF "root 0x48000000, 12288 bytes of tables" <<<"$out" &&
	grep -qF "0xffff000001234000 -> 0x41234000 (2048 KiB leaf)" <<<"$out"; then ok run-core-example
else ko run-core-example "rc=$rc $out"; fi
# man pages from --help, one per command, rendered by man; completion from
# --help: commands, options and enumerated values.
n_cmds=$("$root/usr/bin/vmlayout" --help | awk '/^  [a-z]/' | wc -l)
if [ "$(ls "$root/usr/share/man/man1/" | grep -c '^vmlayout-.*\.1$')" -eq "$n_cmds" ] &&
	MANWIDTH=100 man -l "$root/usr/share/man/man1/vmlayout-layout.1" 2>/dev/null | grep -q -- '--kaslr-seed'; then
	ok man-pages; else ko man-pages; fi
complete_words() { # the words COMPREPLY holds for the command line "$@" (last word being completed)
	PATH=$root/usr/bin:$PATH bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _vmlayout; echo "${COMPREPLY[*]}"' \
		_ "$root/usr/share/bash-completion/completions/vmlayout" "$@"
}
if [ "$(complete_words vmlayout tr)" = "translate" ] && complete_words vmlayout layout --ka | grep -qx -- '--kaslr-seed' &&
	[ "$(complete_words vmlayout layout --format "")" = "text json svg html" ] &&
	[ "$(complete_words vmlayout layout --reclaim "i")" = "intermix" ]; then ok completion
else ko completion "$(complete_words vmlayout layout --format "")"; fi
if out=$(make -s uninstall DESTDIR="$root" PREFIX=/usr 2>&1) && [ -z "$(find "$root" -type f -o -type l)" ]; then
	ok uninstall; else ko uninstall "$out $(find "$root" -type f -o -type l)"; fi
echo "test_install: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
