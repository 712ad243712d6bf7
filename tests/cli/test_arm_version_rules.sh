#!/usr/bin/env bash
# The 32-bit ARM rules that changed inside the "6.1" profile's 6.1 .. 6.18
# range follow the --kernel version asked for (src/arch/arm/arm_policy.h,
# the *_since fields), and the page_ext table PAGE_IDLE_FLAG needs
# (src/arch/arm/arm_page_ext.c). The inputs and the expected figures are
# Debian 13's 6.12.117 armmp / armmp-lpae boots under QEMU
# (tests/conformance/observed/armmp-6.12-*, lpae-6.12-*; docs/conformance.md
# "armhf: Debian 13's armmp 6.12 kernels").
set -u
B=${1:-build}
. tests/cli/lib.sh
O=tests/conformance/observed

res() { # NAME... : the reservations whose name holds one of them, name@base:size
	python3 -c 'import json,sys; print(" ".join("%s@%s:%d" % (r["name"], r["base"], int(r["size"], 16)) for r in json.load(sys.stdin)["reservations"] if any(k in r["name"] for k in sys.argv[1:])))' "$@"
}
dtb() { # BOARD: its recorded DT, at the recorded totalsize
	local size
	size=$(python3 -c "import json; print(json.load(open('$O/$1.json'))['dtb_totalsize'])")
	dtc -q -I dts -O dtb -S "$((size))" -o "$tmp/$1.dtb" "$O/$1.dts"
}
if ! { dtb armmp-6.12-1g && dtb armmp-6.12-1g-static-reserved && dtb lpae-6.12-5g-reserved-above-4g; }; then
	ko "dtc"
	finish
	exit
fi
A="--arch arm --config $O/armmp-6.12.config --system-map $O/armmp-6.12.System.map --dtb-phys 0x480d8000 --cmdline console=ttyAMA0"
L="--arch arm --config $O/armmp-lpae-6.12.config --system-map $O/armmp-lpae-6.12.System.map --dtb-phys 0x480d8000 --cmdline console=ttyAMA0"
one="--dtb $tmp/armmp-6.12-1g.dtb"
static="--dtb $tmp/armmp-6.12-1g-static-reserved.dtb"
lpae5g="--dtb $tmp/lpae-6.12-5g-reserved-above-4g.dtb"

# MAX_ORDER (v6.4: "mm, treewide: redefine MAX_ORDER sanely"): Debian 13's
# ARCH_FORCE_MAX_ORDER=11 is 2048-page pageblocks from 6.4, 1024 before.
# The boot: "memblock_alloc_try_nid: 48 bytes ... setup_usemap" at
# 0x6fffcf80, then 16 bytes at 0x6fffcfc0.
# shellcheck disable=SC2086
expect "usemaps, 6.12 (as booted)" "usemap@0x6fffcf80:48 usemap@0x6fffcfc0:16" \
	"$($V layout --kernel 6.12 $A $one --format json 2>/dev/null | res usemap)"
# shellcheck disable=SC2086
expect "usemaps, 6.4" "usemap@0x6fffcf80:48 usemap@0x6fffcfc0:16" \
	"$($V layout --kernel 6.4 $A $one --format json 2>/dev/null | res usemap)"
# shellcheck disable=SC2086
expect "usemaps, 6.3: MAX_ORDER - 1" "usemap@0x6fffcf40:96 usemap@0x6fffcf00:32" \
	"$($V layout --kernel 6.3 $A $one --format json 2>/dev/null | res usemap)"
# The CMA area's 8 MiB pageblock alignment below a static region at the
# top: 0x7e800000 as booted ("cma: Reserved 16 MiB at 0x7e800000").
# shellcheck disable=SC2086
expect "cma below a reserved top, 6.12 (as booted)" "cma@0x7e800000:16777216" \
	"$($V layout --kernel 6.12 $A $static --format json 2>/dev/null | res cma)"
# shellcheck disable=SC2086
expect "cma below a reserved top, 6.3" "cma@0x7ec00000:16777216" \
	"$($V layout --kernel 6.3 $A $static --format json 2>/dev/null | res cma)"

# mm/cma.c (v6.3: "mm/cma: fix potential memory loss on
# cma_declare_contiguous_nid"): the 4 GiB bottom-up attempt first, so the
# highmem block is kept, not lost. Booted: "Reserved 16 MiB at
# 0x00000000fee00000"; 6.1 lost it and took 0x6f000000.
# shellcheck disable=SC2086
expect "lpae cma, 6.12 (as booted)" "cma@0xfee00000:16777216" \
	"$($V layout --kernel 6.12 $L $lpae5g --format json 2>/dev/null | res cma)"
# shellcheck disable=SC2086
expect "lpae cma, 6.3" "cma@0xfee00000:16777216" \
	"$($V layout --kernel 6.3 $L $lpae5g --format json 2>/dev/null | res cma)"
# shellcheck disable=SC2086
expect "lpae cma, 6.2: the highmem block lost" \
	"cma first attempt (lost, mm/cma.c v6.1)@0xfee00000:16777216 cma@0x6f000000:16777216" \
	"$($V layout --kernel 6.2 $L $lpae5g --format json 2>/dev/null | res cma | sed 's/ pte tables (cma remap).*//')"

# page_ext (PAGE_EXTENSION with PAGE_IDLE_FLAG, 32-bit: 4 bytes a page of
# the node's span): booted "allocated 1048576 bytes of page_ext" on 1 GiB,
# at 0x6f51d000 (memblock=debug; before the unflattened DT, the System RAM
# resource and the command-line copies were modelled, vmlayout's was 24 KiB
# higher).
# shellcheck disable=SC2086
expect "page_ext 1 GiB" "page_ext@0x6f51d000:1048576" \
	"$($V layout --kernel 6.12 $A $one --format json 2>/dev/null | res page_ext)"
# shellcheck disable=SC2086
expect "page_ext message" "allocated 1048576 bytes of page_ext" \
	"$($V layout --kernel 6.12 $A $one 2>/dev/null | grep -F 'of page_ext')"
# A span not aligned to MAX_ORDER_NR_PAGES (2048) gets 2048 pages more:
# mem=1001M is 256256 pages, (256256 + 2048) * 4.
# shellcheck disable=SC2086
expect "page_ext unaligned span" "page_ext:1033216" \
	"$($V layout --kernel 6.12 $A $one --cmdline "mem=1001M" --format json 2>/dev/null |
		res page_ext | sed 's/@[^:]*//')"
# Without the flag (Debian 12's config): none, and MemTotal 1024 kB higher.
# shellcheck disable=SC2086
expect "no page_ext without PAGE_IDLE_FLAG" "" \
	"$($V layout --kernel 6.12 $A $one --set PAGE_IDLE_FLAG=n --format json 2>/dev/null | res page_ext)"
memtotal() { awk '$1 == "MemTotal:" {print $2}'; }
# shellcheck disable=SC2086
with=$($V layout --kernel 6.12 $A $one -q | memtotal)
# shellcheck disable=SC2086
without=$($V layout --kernel 6.12 $A $one --set PAGE_IDLE_FLAG=n -q | memtotal)
expect "page_ext off MemTotal (booted 1016760 kB)" "1016760 1024" "$with $((without - with))"

# KFENCE started on the command line (Debian's interval is 0): the pool,
# and from v6.6 ("mm: kfence: allocate kfence_metadata at runtime") the
# metadata, 255 32-bit struct kfence_metadata of 616 bytes with MEMCG,
# page-aligned: booted "memblock_alloc_try_nid: 159744 bytes ...
# kfence_alloc_pool_and_metadata", MemTotal 1014556 kB
# (tests/conformance/observed/armmp-6.12-1g-kfence.json).
kres() { python3 -c 'import json,sys; print(" ".join("%s:%d" % (r["name"], int(r["size"], 16)) for r in json.load(sys.stdin)["reservations"] if "kfence" in r["name"]))'; }
# shellcheck disable=SC2086
expect "kfence 6.12: pool and metadata" "kfence pool (late):2097152 kfence metadata:159744" \
	"$($V layout --kernel 6.12 $A $one --cmdline "kfence.sample_interval=100" --format json 2>/dev/null | kres)"
# shellcheck disable=SC2086
expect "kfence 6.5: the pool alone" "kfence pool (late):2097152" \
	"$($V layout --kernel 6.5 $A $one --cmdline "kfence.sample_interval=100" --format json 2>/dev/null | kres)"
# shellcheck disable=SC2086
expect "kfence 6.12 MemTotal (booted 1014556 kB)" 1014556 \
	"$($V layout --kernel 6.12 $A $one --cmdline "kfence.sample_interval=100" -q | memtotal)"
# shellcheck disable=SC2086
expect "kfence: interval 0 (Debian's), nothing" "" \
	"$($V layout --kernel 6.12 $A $one --format json 2>/dev/null | kres)"

# kfence_init() on the running lowmem map (src/arch/arm/kfence_init_pool.c):
# the pool at 0x6f31d000 (VA 0xef31d000, where the booted kernel's
# memblock=debug has it) has its PMDs [0xef200000,
# 0xef600000) split into 4K pages under first-level descriptors with
# _PAGE_KERNEL_TABLE's PMD_BIT4 (0x11); its first two pages and each odd one
# after are not mapped (--walk exits 1), the objects are; 0xef600000 is a
# section still, and right after paging_init() the pool is sections.
kwalk() { # VA [ARGS...]: exit status, then the first-level entry and the leaf
	local va=$1 out rc
	shift
	# shellcheck disable=SC2086
	out=$($V boot-tables --kernel 6.12 $A $one --cmdline "kfence.sample_interval=100" --walk "$va" "$@" 2>&1)
	rc=$?
	echo "$rc $(printf '%s\n' "$out" | sed -n 's/^ *PGD: [0-9a-f]* => \([0-9a-f]*\)$/\1/p; s/^ *PAGE: [0-9a-f]*  *(\(.*\))$/\1/p' | tr '\n' ' ')"
}
expect "kfence: guard page 0 not mapped" "1 6fff8c11 " "$(kwalk 0xef31d000)"
expect "kfence: guard page 1 not mapped" "1 6fff8c11 " "$(kwalk 0xef31e000)"
expect "kfence: object page mapped as a page" "0 6fff8c11 4K " "$(kwalk 0xef31f000)"
expect "kfence: the pool's first PMD is pages" "0 6fff8811 4K " "$(kwalk 0xef200000)"
expect "kfence: the pool's last PMD is pages" "0 6fff7c11 4K " "$(kwalk 0xef5ff000)"
expect "kfence: the next PMD is a section" "0 6f61141e 1024K " "$(kwalk 0xef600000)"
expect "kfence: sections after paging_init()" "0 6f31141e 1024K " "$(kwalk 0xef31f000 --stage paging_init)"
# shellcheck disable=SC2086
expect "--kfence early refused without a pool" 2 \
	"$($V boot-tables --kernel 6.12 $A $one --kfence early >/dev/null 2>&1; echo $?)"

# The "Memory:" line from page_alloc_init_late() (v6.11): a note.
note="from page_alloc_init_late() (v6.11+)"
# shellcheck disable=SC2086
expect "late Memory: line note, 6.11" 1 "$($V layout --kernel 6.11 $A $one 2>&1 >/dev/null | grep -cF "$note")"
# shellcheck disable=SC2086
expect "no late Memory: line note, 6.10" 0 "$($V layout --kernel 6.10 $A $one 2>&1 >/dev/null | grep -cF "$note")"
finish
