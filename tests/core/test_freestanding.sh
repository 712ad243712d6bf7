#!/usr/bin/env bash
# The core (src/core, src/arch) is freestanding: its objects, linked together
# with -nostdlib, may leave no symbol undefined (no libc, no compiler
# runtime). Sanitizer builds instrument the core with runtime calls, so the
# check runs on the plain build's objects (made here when missing: SAN=0,
# whatever the calling make was given).
set -u
B=${1:-build}
# the objects of the sources that exist (a stale object of a removed source
# does not count)
core_objs() { find src/core src/arch -name '*.c' | sort | sed 's|^|build/obj/|; s|\.c$|.o|'; }
objs=$(core_objs)
for o in $objs; do [ -f "$o" ] || { env -u MAKEFLAGS -u MAKELEVEL make -s -j2 SAN=0 all >/dev/null || { echo "test_freestanding: 0 passed, 1 failed"; exit 1; }; break; }; done
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
# shellcheck disable=SC2086
# _GLOBAL_OFFSET_TABLE_ is provided by the final link of -fPIC code, not by a library.
if ld -r -o "$tmp/core.o" $objs && undef=$(nm -u "$tmp/core.o" | { grep -v ' _GLOBAL_OFFSET_TABLE_$' || true; }) && [ -z "$undef" ]; then
	echo "ok core links with no undefined symbol ($(echo $objs | wc -w) objects)"; pass=$((pass + 1))
else
	echo "FAIL core has undefined symbols:"; echo "$undef"; fail=$((fail + 1))
fi
# and none of the core sources includes a libc header
if grep -rnE '#include <(stdio|stdlib|string|assert|errno|math|inttypes)\.h>' src/core src/arch; then
	echo "FAIL libc header in the core"; fail=$((fail + 1))
else
	echo "ok no libc header in the core"; pass=$((pass + 1))
fi
echo "test_freestanding: $pass passed, $fail failed"
[ $fail -eq 0 ]
