#!/usr/bin/env bash
# Issue 6 regressions: real boards from Debian 12's 6.1 DTBs (the memory
# nodes copied into tests/cli/boards/, each naming its source), and what
# fuzzing found in the CLI: no shell ever sees a file name or an option
# string, no wrapped layout with exit 0, nothing on stdout when the run
# fails, output files whole or not at all.
set -u
B=${1:-build}
. tests/cli/lib.sh
T=tests/cli/boards

# json FIELD-EXPRESSION ARGS...: print a Python expression over the JSON d.
json() {
	local expr=$1; shift
	$V layout "$@" --format json 2>/dev/null | python3 -c "import json,sys; d=json.load(sys.stdin); print($expr)"
}
reservation_names() { json '",".join(r["name"] for r in d["reservations"])' "$@"; }

# 1. swiotlb: without ZONE_DMA, arm_dma_pfn_limit is ~0ul >> PAGE_SHIFT
# (arch/arm/mm/mm.h v6.1), so LPAE takes the 64 MiB buffer only past 4 GiB.
# am335x-boneblack: 512 MiB, MemTotal 519760 kB (453712 when the buffer and
# its slot array were wrongly taken: 64 MiB + 512 KiB = 66048 kB less).
expect boneblack-lpae-memtotal 519760 "$(json 'd["totals_kB"]["MemTotal"]' --dtb $T/am335x-boneblack.dts --set ARM_LPAE=y)"
case $(reservation_names --dtb $T/am335x-boneblack.dts --set ARM_LPAE=y) in
*swiotlb*) ko boneblack-lpae-no-swiotlb ;; *) ok boneblack-lpae-no-swiotlb ;; esac
case $(reservation_names --mem 1G@0x80000000 --mem 1G@0x100000000 --set ARM_LPAE=y) in
*"swiotlb buffer"*) ok lpae-past-4g-swiotlb ;; *) ko lpae-past-4g-swiotlb ;; esac
# Too little lowmem for 64 MiB: swiotlb_init_remap() (6.1.192) halves the
# buffer (60 MiB of RAM below 4 GiB: 32 MiB fits) and the kernel boots.
out=$($V layout --mem 60M@0x80000000 --mem 1G@0x100000000 --set ARM_LPAE=y 2>/dev/null)
if grep -qF "SWIOTLB bounce buffer size adjusted 32768 -> 16384 slabs" <<<"$out"; then ok swiotlb-halved; else ko swiotlb-halved "$out"; fi
expect lpae-64m-accepted 0 "$($V layout --mem 64M@0x80000000 --set ARM_LPAE=y >/dev/null 2>&1; echo $?)"

# 2. With CONFIG_DMA_CMA (--set CMA=y), every reusable shared-dma-pool is a
# CMA area whose pages the buddy allocator gets: omap4-panda-es's two pools
# (120 MiB) leave MemTotal as it is without them, less what
# dma_contiguous_remap() (arch/arm/mm/dma-mapping.c v6.1) takes to map them
# again with pages, as they lie in lowmem: one pte page per 2 MiB (8 MiB: 4,
# 112 MiB: 56), 240 kB, and two 40-byte static_vms that share the page of
# the PCI one. The kernel says so: rmem_cma_setup()'s "created CMA memory
# pool" and fdt_init_reserved_mem()'s "initialized node".
with=$(json 'd["totals_kB"]["MemTotal"]' --dtb $T/omap4-panda-es.dts --set CMA=y)
without=$(json 'd["totals_kB"]["MemTotal"]' --dtb $T/omap4-panda-es-no-pools.dts --set CMA=y)
expect panda-es-pools-in-memtotal "$((without - 240))" "$with"
expect panda-es-pools-reserved "0x98000000/0x800000,0x98800000/0x7000000" \
	"$(json '",".join(r["base"]+"/"+r["size"] for r in d["reservations"] if r["name"].endswith("-memory@98000000") or r["name"].endswith("-memory@98800000"))' --dtb $T/omap4-panda-es.dts --set CMA=y)"
want='Reserved memory: created CMA memory pool at 0x98000000, size 8 MiB
OF: reserved mem: initialized node dsp-memory@98000000, compatible id shared-dma-pool
Reserved memory: created CMA memory pool at 0x98800000, size 112 MiB
OF: reserved mem: initialized node ipu-memory@98800000, compatible id shared-dma-pool'
expect panda-es-pools-messages "$want" \
	"$($V layout --dtb $T/omap4-panda-es.dts --set CMA=y 2>/dev/null | grep 'reserved mem\|Reserved memory')"
# Without CONFIG_DMA_CMA only rmem_dma_setup() is there: it refuses a
# reusable region, fdt_init_reserved_mem() gives both back, and MemTotal
# is that of the board without them.
want='OF: reserved mem: node dsp-memory@98000000 compatible matching fail
OF: reserved mem: node ipu-memory@98800000 compatible matching fail'
expect panda-es-no-cma-messages "$want" \
	"$($V layout --dtb $T/omap4-panda-es.dts 2>/dev/null | grep 'reserved mem\|Reserved memory')"
expect panda-es-no-cma-memtotal "$(json 'd["totals_kB"]["MemTotal"]' --dtb $T/omap4-panda-es-no-pools.dts)" \
	"$(json 'd["totals_kB"]["MemTotal"]' --dtb $T/omap4-panda-es.dts)"

# 3. Memory the bootloader fills in: say what is missing and how to give it;
# --mem SIZE takes the base of the DT's size-0 bank.
bad rpi4-no-size "--mem SIZE (at 0x0" $V layout --dtb $T/bcm2711-rpi-4-b.dts
expect rpi4-mem-size "0x0/0x40000000" "$(json 'd["memory"][0]["base"]+"/"+d["memory"][0]["size"]' --dtb $T/bcm2711-rpi-4-b.dts --mem 1G)"
printf '/dts-v1/;\n/ { #address-cells = <1>; #size-cells = <1>; };\n' >"$tmp/nomem.dts"
bad no-memory-node "no /memory node" $V layout --dtb "$tmp/nomem.dts"
bad mem-without-base-no-dt "no @BASE" $V layout --mem 1G

# 4. No arbitrary limit: a 71-character model (imx6dl-ts4900) is accepted.
expect ts4900-long-model "0x10000000/0x20000000" "$(json 'd["memory"][0]["base"]+"/"+d["memory"][0]["size"]' --dtb $T/imx6dl-ts4900.dts --mem 512M)"

# 5. A bank above 4 GiB without LPAE: 6.1 ignores it with its message.
out=$($V layout --dtb $T/armada-xp-gp.dts --kernel 6.1 2>/dev/null); rc=$?
if [ $rc -eq 0 ] && grep -qF "Ignoring memory block 0x100000000 - 0x200000000" <<<"$out"; then ok armada-xp-ignored-bank
else ko armada-xp-ignored-bank "rc=$rc"; fi
bad armada-xp-3.4 "CONFIG_ARM_LPAE" $V layout --dtb $T/armada-xp-gp.dts --kernel 3.4
printf '/dts-v1/;\n/ { #address-cells = <2>; #size-cells = <2>; memory@0 { device_type = "memory"; reg = <0x1 0x0 0x0 0x10000000>; }; };\n' >"$tmp/high.dts"
bad only-high-bank "every memory bank starts above 4 GiB" $V layout --dtb "$tmp/high.dts" --kernel 6.1

# 6. Debian's placeholder System.map.
echo "ffffffffffffffff B The real System.map is in the linux-image-6.1.0-57-armmp-dbg package" >"$tmp/System.map"
bad placeholder-sysmap "-dbg package" $V layout --mem 1G@0x80000000 --system-map "$tmp/System.map"

# Fuzzing findings.
# F1: no shell: a file name with quotes and $(...) is only a name.
mkdir "$tmp/x"; evil="b'\$(touch INJECTED)'.dts"; cp boards/seed002-ex1.dts "$tmp/x/$evil"
Vabs=$(cd "$(dirname "$V")" && pwd)/vmlayout
dtb_resv=$(cd "$tmp/x" && "$Vabs" layout --dtb "$evil" --dtb-phys 0x88000000 --format json 2>/dev/null |
	python3 -c 'import json,sys; d=json.load(sys.stdin); print([r["size"] for r in d["reservations"] if r["name"]=="dtb"])')
if [ ! -e "$tmp/x/INJECTED" ] && [ ! -e INJECTED ]; then ok dtb-phys-no-shell; else ko dtb-phys-no-shell; fi
dtc -q -I dts -O dtb -o "$tmp/ex1.dtb" boards/seed002-ex1.dts
expect dtb-phys-size "$(printf "['0x%x']" "$(stat -c %s "$tmp/ex1.dtb")")" "$dtb_resv"
# --layout-markers words are split, never expanded ($HOME, *, `cmd`).
bad layout-markers-no-expansion "'\$HOME'" $V ptdump --arch arm --format short --mem 16M@0x80000000 \
	--map 0xc0000000:0x80000000:2M --layout-markers '--dtb boards/seed002-ex1.dts $HOME'
bad layout-markers-quote "quote is not closed" $V ptdump --arch arm --format short --mem 16M@0x80000000 \
	--map 0xc0000000:0x80000000:2M --layout-markers "--dtb 'boards/seed002-ex1.dts"
out=$($V ptdump --arch arm --format short --mem 16M@0x80000000 --map 0xc0000000:0x80000000:2M \
	--layout-markers "--dtb 'boards/seed002-ex1.dts' --kernel \"6.1\"" 2>&1)
if grep -qF -- "---[ Kernel Mapping ]---" <<<"$out"; then ok layout-markers-quoted-words; else ko layout-markers-quoted-words "$out"; fi
# F2: a DT blob older than version 16.
dtc -q -I dts -O dtb -V 3 -o "$tmp/v3.dtb" boards/seed002-ex1.dts 2>/dev/null
bad old-blob-version "version 3" $V layout --dtb "$tmp/v3.dtb"
# F3: 3.4 ENABLE_VMALLOC_SAVING with holes larger than vmalloc=.
bad vmalloc-saving-wrap "VMALLOC_END" $V layout --dtb boards/msm8974.dts --kernel 3.4 \
	--set ENABLE_VMALLOC_SAVING=y --cmdline vmalloc=100M
# F4: ZONE_DMA_SIZE that wraps.
bad zone-dma-size-wrap "ZONE_DMA_SIZE" $V layout --mem 1G@0x80000000 --set ZONE_DMA=y \
	--set ZONE_DMA_SIZE=0xffffffffffffffff
# F6: memblock=debug then a failure: nothing on stdout.
bad memblock-debug-failure "kernel image must lie in lowmem" $V layout --mem 1M@0x80000000 --cmdline memblock=debug \
	--kernel-image 1M@0x80008000
# F7: --layout-markers "--help".
bad layout-markers-help "--help" $V ptdump --arch arm --format short --mem 16M@0x80000000 \
	--map 0xc0000000:0x80000000:2M --layout-markers "--help"

# F5 and "nothing lost": tables --out writes only the table runs (a sparse
# file) and describes them in the JSON; a failed write keeps the old file.
tables=(tables --arch arm64 --granule 4K --va-bits 48 --mem 16M@0x40000000 --mem 8K@0xc0000000
	--map 0xffff000000000000:0x40000000:4M:noblock)
if $V "${tables[@]}" --out "$tmp/t.bin" >/dev/null 2>&1 &&
	python3 - "$tmp/t.bin" <<'PY'; then ok tables-out-sparse-runs; else ko tables-out-sparse-runs; fi
import json, os, sys
p = sys.argv[1]
d = json.load(open(p + ".json"))
runs = d["runs"]
assert [r["phys"] for r in runs] == ["0x40ffd000", "0xc0000000"], runs
assert [r["size"] for r in runs] == ["0x3000", "0x2000"], runs
assert runs[1]["offset"] == hex(0xc0000000 - 0x40ffd000), runs
st = os.stat(p)
assert st.st_size == 0xc0002000 - 0x40ffd000, st.st_size
assert st.st_blocks * 512 < 1 << 20, st.st_blocks  # holes, not 2 GiB of zeros
PY
cp "$tmp/t.bin.json" "$tmp/before.json"
bad tables-out-full "No space left" $V "${tables[@]}" --out /dev/full
out=$( (trap '' XFSZ; ulimit -f 4; $V "${tables[@]}" --map 0xffff000100000000:0x40000000:16M:noblock --out "$tmp/t.bin") 2>"$tmp/err"); rc=$?
if [ $rc -eq 2 ] && [ -z "$out" ] && cmp -s "$tmp/t.bin.json" "$tmp/before.json" &&
	[ "$(stat -c %s "$tmp/t.bin")" -eq $((0xc0002000 - 0x40ffd000)) ] &&
	[ -z "$(ls "$tmp" | grep -F .tmp-)" ]; then ok tables-out-failure-keeps-old
else ko tables-out-failure-keeps-old "rc=$rc $(cat "$tmp/err")"; fi
bad tables-out-no-dir "cannot create" $V "${tables[@]}" --out "$tmp/missing/t.bin"

# Resource bounds (docs/limits.md): large inputs work within their bound or
# are refused with the limit named.
python3 - "$tmp" <<'PY'
import sys
t = sys.argv[1]
with open(t + "/maps.txt", "w") as f:
    f.write("# 100000 pages, one --map each\n")
    for i in range(100000):
        f.write("0x%x:0x%x:4K\n" % (0xffff000000000000 + i * 0x2000, 0x40000000 + i * 0x1000))
with open(t + "/banks.dts", "w") as f:
    f.write("/dts-v1/;\n/ { #address-cells = <1>; #size-cells = <1>;\n")
    for i in range(100):
        f.write(" memory@%x { device_type = \"memory\"; reg = <0x%x 0x100000>; };\n" % (0x80000000 + i * 0x200000, 0x80000000 + i * 0x200000))
    f.write("};\n")
with open(t + "/big.map", "w") as f:
    f.write("c0008000 T _text\n")
    for i in range(1000000):
        f.write("%08x t s%d\n" % (0xc0008000 + 4 * i, i))
    f.write("c1000000 B _end\n")
PY
out=$($V tables --arch arm64 --granule 4K --va-bits 48 --mem 1G@0x40000000 --map-file "$tmp/maps.txt" 2>&1)
if grep -qE '^3 +391 +1601536 +100000 ' <<<"$out"; then ok map-file-100000; else ko map-file-100000 "$out"; fi
bad dt-too-many-banks "limit of 64" $V layout --dtb "$tmp/banks.dts"
expect sysmap-million-lines 0 "$($V layout --mem 1G@0x80000000 --system-map "$tmp/big.map" >/dev/null 2>&1; echo $?)"

# 8. The DT's dma-ranges set ZONE_DMA (arch/arm64/mm/init.c zone_sizes_init(),
# of_dma_get_max_cpu_address()): a Raspberry Pi 4 with 4 GB prints, with
# Debian's 6.1 and 6.12 alike, "DMA [mem 0x0000000000000000-0x000000003fffffff]"
# and "DMA32 [mem 0x0000000040000000-0x00000000ffffffff]" (the buses of
# bcm2711-rpi-4-b.dtb in the fixture: 0x3fffffff, zone_dma_bits 30).
zones() { $V layout --arch arm64 "$@" 2>/dev/null | grep -A2 '^Zone ranges:' | tail -2 | tr -s ' ' | paste -sd'|'; }
for k in 6.1 6.12; do
	expect rpi4-zones-$k " DMA [mem 0x0000000000000000-0x000000003fffffff]| DMA32 [mem 0x0000000040000000-0x00000000ffffffff]" \
		"$(zones --kernel $k --dtb $T/bcm2711-rpi-4-b.dts --mem 4G)"
done
# tests/host/dts/dma-ranges-nested.dts: 0x2fffffff by hand. v6.1 rounds it
# up to a power of two (fls64() = 30 bits), v6.12 keeps it as it is; the
# default CMA area, the crash kernel (CRASH_ADDR_LOW_MAX) and the swiotlb
# buffer (ARCH_LOW_ADDRESS_LIMIT) go below it, top-down.
N=tests/host/dts/dma-ranges-nested.dts
expect nested-zones-6.1 " DMA [mem 0x0000000000000000-0x000000003fffffff]| DMA32 [mem 0x0000000040000000-0x00000000ffffffff]" "$(zones --kernel 6.1 --dtb $N)"
expect nested-zones-6.12 " DMA [mem 0x0000000000000000-0x000000002fffffff]| DMA32 [mem 0x0000000030000000-0x00000000ffffffff]" "$(zones --kernel 6.12 --dtb $N)"
low='",".join(r["name"]+"@"+r["base"] for r in d["reservations"] if r["name"] in ("cma","crashkernel","swiotlb buffer"))'
expect nested-low-6.1 "cma@0x3c000000,crashkernel@0x2c000000,swiotlb buffer@0x28000000" "$(json "$low" --arch arm64 --kernel 6.1 --dtb $N --cmdline 'crashkernel=256M cma=64M')"
expect nested-low-6.12 "cma@0x2c000000,crashkernel@0x1c000000,swiotlb buffer@0x18000000" "$(json "$low" --arch arm64 --kernel 6.12 --dtb $N --cmdline 'crashkernel=256M cma=64M')"

finish
