#!/usr/bin/env bash
# `vmlayout walk --dump` and `ptdump --dump` on the page tables of two real
# kernels, against conformance/live_tables.py's own walker. Offline: the
# tables were captured by `live_tables.py capture` (QMP pmemsave of every
# table page reachable from TTBR1_EL1 / satp, with QEMU stopped once /init
# held) from two Debian boots of tests/conformance/observed/:
#   live/arm64-2g-rodata-off.tables.gz  6.1.0-57-arm64 (6.1.192-3), 2 GiB,
#       nokaslr rodata=off: 4K/48, TTBR1_EL1 0x56000041858000 (ASID 0x56)
#   live/riscv64-2g-sv39.tables.gz      6.12.117+deb13-riscv64, 2 GiB,
#       no4lvl: sv39, satp 0x8002b00000082ea3 (ASID 0x2b)
#   live/arm64-16k-6.12-2g-rodata-off-kfence.tables.gz
#       6.12.117+deb13-arm64-16k on QEMU's neoverse-n1, 2 GiB, nokaslr
#       rodata=off kfence.sample_interval=100: 16K/47 (TCR_EL1.TG1 16K,
#       T1SZ 17; three levels, 16 KiB table pages), TTBR1_EL1
#       0x56000041f64001 (ASID 0x56, CnP)
# Each run of a capture becomes its own --dump piece (live_tables.py walk),
# so a table outside the pieces would be an error, never a zero.
#
# Usage: test_live_tables_dump.sh BUILD_DIR
set -u
B=${1:-build}
root=$(cd "$(dirname "$0")/../.." && pwd)
vmlayout=$(cd "$B" 2>/dev/null && pwd)/vmlayout
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok $1"; }
ko() { fail=$((fail + 1)); echo "FAIL $1"; [ $# -gt 1 ] && printf '%s\n' "$2" | head -20; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for b in arm64-2g-rodata-off riscv64-2g-sv39 arm64-16k-6.12-2g-rodata-off-kfence; do
	gzip -dc "$root/tests/conformance/live/$b.tables.gz" >"$tmp/$b.tables"
	cp "$root/tests/conformance/live/$b.tables.json" "$tmp/$b.tables.json"
	out=$(python3 "$root/conformance/live_tables.py" walk "$vmlayout" "$tmp/$b.tables.json" 2>&1)
	line=$(tail -n 1 <<<"$out")
	if [[ $line =~ ^([0-9]+)\ passed,\ 0\ failed$ ]] && [ "${BASH_REMATCH[1]}" -ge 150 ]; then
		ok "$b walk --dump against live_tables.py (${BASH_REMATCH[1]} checks)"
	else ko "$b walk --dump against live_tables.py" "$out"; fi
done

# The start of each real linear map: arm64 6.1 with rodata=off maps
# [PAGE_OFFSET, +2M) as one PMD block of normal-tagged RW memory (map_mem()
# takes blocks without rodata_full, arch/arm64/mm/mmu.c v6.1); riscv64 6.12
# maps RAM's first 2 MiB (PA 0x80000000) at PAGE_OFFSET as a PMD block
# (create_linear_mapping_range(), arch/riscv/mm/init.c v6.12). The TTBR1
# value itself (with its ASID) is not a table address: refused.
pieces() { # the capture's runs as --dump pieces, cut from the image
	python3 - "$tmp/$1.tables.json" "$tmp/$1" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
img = open(sys.argv[1][:-5], "rb").read()
for i, r in enumerate(d["runs"]):
    ph, off, sz = (int(r[k], 16) for k in ("phys", "offset", "size"))
    open("%s.run%d" % (sys.argv[2], i), "wb").write(img[off:off + sz])
    print("--dump %s.run%d@%#x" % (sys.argv[2], i, ph))
EOF
}
# shellcheck disable=SC2046
out=$("$vmlayout" ptdump $(pieces arm64-2g-rodata-off) --root 0x41858000 --arch arm64 --kernel 6.1 2>&1)
want='0xffff000000000000-0xffff000000200000           2M PMD       RW NX SHD AF        BLK UXN    MEM/NORMAL-TAGGED'
if [ "$(head -n 1 <<<"$out")" = "$want" ]; then ok arm64-ptdump-first-line; else ko arm64-ptdump-first-line "$out"; fi
# shellcheck disable=SC2046
out=$("$vmlayout" walk $(pieces arm64-2g-rodata-off) --root 0x56000041858000 --arch arm64 0xffff000000000000 2>&1)
want="vmlayout walk: --root 0x56000041858000: the root table of arm64 4K/48 lies below 2^48, aligned to 0x1000 bytes (give the table's address, not the register's value)"
if [ "$out" = "$want" ]; then ok arm64-root-register-refused; else ko arm64-root-register-refused "$out"; fi
# shellcheck disable=SC2046
out=$("$vmlayout" walk $(pieces riscv64-2g-sv39) --root 0x82ea3000 --arch riscv64 --mode sv39 0xffffffd600000000 2>&1)
if grep -qxF 'ffffffd600000000  80000000' <<<"$out" && grep -qF '  PAGE: 80000000  (2MB)' <<<"$out"
then ok riscv64-walk-linear-start; else ko riscv64-walk-linear-start "$out"; fi

# arm64 16K/47: the linear map's first 32 MiB block is split into 16K pages
# because the image's linear alias lies in it: map_mem() maps [_stext,
# __init_begin) apart with NO_CONT_MAPPINGS (not 32 MiB aligned here, so
# pages) and mark_linear_text_alias_ro() makes it read-only, rodata=off or
# not (arch/arm64/mm/mmu.c v6.12); the rest of the block is CONT_PTE runs
# of 2 MiB (CONFIG_ARM64_CONT_PTE_SHIFT=7: 128 x 16K). The first walk goes
# root (level 1) -> PMD -> PTE.
k16=arm64-16k-6.12-2g-rodata-off-kfence
# shellcheck disable=SC2046
out=$("$vmlayout" ptdump $(pieces $k16) --root 0x41f64000 --arch arm64 --kernel 6.12 --granule 16K --va-bits 47 2>&1)
want='0xffff800000000000-0xffff800000200000           2M PTE       RW NX SHD AF    CON     UXN    MEM/NORMAL-TAGGED'
if [ "$(head -n 1 <<<"$out")" = "$want" ]; then ok arm64-16k-ptdump-first-line; else ko arm64-16k-ptdump-first-line "$out"; fi
# shellcheck disable=SC2046
out=$("$vmlayout" walk $(pieces $k16) --root 0x41f64000 --arch arm64 --granule 16K --va-bits 47 0xffff800000000000 2>&1)
if grep -qxF 'ffff800000000000  40000000' <<<"$out" && grep -qF '   PTE: bf7f8000 => f8000040000707' <<<"$out" &&
	[ "$(grep -c '=>' <<<"$out")" -eq 3 ]
then ok arm64-16k-walk-linear-start; else ko arm64-16k-walk-linear-start "$out"; fi

echo "test_live_tables_dump: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
