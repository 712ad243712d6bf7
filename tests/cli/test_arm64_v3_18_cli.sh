#!/usr/bin/env bash
# arm64 --kernel 3.18 (seed 000's kernel; docs/arm64.md "The 3.18 profile").
# Goldens with their arithmetic, seed 000's two examples, and random boards.
set -u
B=${1:-build}
V=$B/vmlayout
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok $1"; }
ko() { fail=$((fail + 1)); echo "FAIL $1"; [ $# -gt 1 ] && printf '%s\n' "$2" | head -40; }
K="--arch arm64 --kernel 3.18"

# 1. A normal board, 4K/48, 1 GiB at 0x40000000, Image at 0x40080000:
# PHYS_OFFSET = 0x40080000 - TEXT_OFFSET 0x80000 = 0x40000000.
# PAGE_OFFSET = ~0 << 47 = 0xffff800000000000; VMALLOC_START = ~0 << 48.
# VMEMMAP_SIZE = ALIGN(2^(48-12) * 64, PUD_SIZE 1G) = 2^42 (4096 GB);
# VMALLOC_END = PAGE_OFFSET - 1G - 2^42 - 64K = 0xffff7bffbfff0000
# (126974 GB); vmemmap = VMALLOC_END + 64K; actual: vmemmap + pfn * 64 =
# + 0x40000 * 64 = + 16M, 1 GiB = 0x40000 pages * 64 = 16 MB.
# MODULES = [PAGE_OFFSET - 64M, PAGE_OFFSET); PCI I/O = [MODULES - 2M - 16M,
# MODULES - 2M); FIXADDR_TOP = PCI I/O - 2M, 2 permanent slots = 8 KB.
# These are the figures of a QEMU boot log of a kernel of that era (1 GiB,
# 4K/48) quoted in docs/arm64.md.
want='Virtual kernel memory layout:
    vmalloc : 0xffff000000000000 - 0xffff7bffbfff0000   (126974 GB)
    vmemmap : 0xffff7bffc0000000 - 0xffff7fffc0000000   (  4096 GB maximum)
              0xffff7bffc1000000 - 0xffff7bffc2000000   (    16 MB actual)
    fixed   : 0xffff7ffffabfe000 - 0xffff7ffffac00000   (     8 KB)
    PCI I/O : 0xffff7ffffae00000 - 0xffff7ffffbe00000   (    16 MB)
    modules : 0xffff7ffffc000000 - 0xffff800000000000   (    64 MB)
    memory  : 0xffff800000000000 - 0xffff800040000000   (  1024 MB)'
out=$($V layout $K --set ARM64_VA_BITS=48 --mem 1G@0x40000000 --kernel-image 12M@0x40080000 2>&1 | head -8)
[ "$out" = "$want" ] && ok golden-4k48 || ko golden-4k48 "$(diff <(echo "$out") <(echo "$want"))"

# Its boot tables, 4K/39: head.S maps [0x40000000, 0x40e00000) with 2M
# sections (one L2 table in the image), map_mem() maps the whole GiB inside
# that table (512 sections; the kernel would put one 1G block and free the
# table: docs/arm64.md), so no table is allocated: 1 L1 + 1 L2.
out=$($V boot-tables $K --set ARM64_VA_BITS=39 --mem 1G@0x40000000 --kernel-image 12M@0x40080000 2>/dev/null)
echo "$out" | grep -q '^2 *1 *4096 *512 ' && echo "$out" | grep -q '^total *2 *8192' &&
	ok normal-tables || ko normal-tables "$out"

# 2. Seed 000 example 2: block 0 0x40000000+0xc00000, block 1
# 0x60000000+0x1f000000, block 2 0x80000000+0x40000000, the image ending at
# 0x40c00000 (0xb80000 at 0x40080000) and the 512 KiB below it taken
# (here a /memreserve/, e.g. the DTB): bank 0 has no free page.
SEED="--mem 0xc00000@0x40000000 --mem 0x1f000000@0x60000000 --mem 0x40000000@0x80000000 --kernel-image 0xb80000@0x40080000 --reserve 0x80000@0x40000000"
# 4K/39: limit = 0x40000000 + 1G, lowered to 0x40c00000 by bank 0. Bank 1
# is [PAGE_OFFSET + 512M, + 1008M): in the first GiB, whose L2 table is
# swapper's, 2M aligned: sections, no table. Bank 2 is a whole aligned GiB:
# one 1G block, no table. The kernel maps this board.
out=$($V boot-tables $K --set ARM64_VA_BITS=39 $SEED 2>&1)
rc=$?
[ $rc = 0 ] && echo "$out" | grep -q '^1 *1 *4096 *1 ' && ok seed000-4k39-maps || ko seed000-4k39-maps "$out"
# 64K/42: limit = 0x40000000 + PMD_SIZE 512M = 0x60000000 (not lowered
# with 64K). Bank 1 starts the second 512M entry and is not a whole 512M
# section: it needs a 64K PTE table, memblock_alloc() under 0x60000000
# finds only bank 0, all reserved: the kernel panics.
out=$($V boot-tables $K --set ARM64_64K_PAGES=y --set ARM64_VA_BITS=42 $SEED 2>&1)
rc=$?
[ $rc = 2 ] && echo "$out" | grep -q 'no free page under the memblock limit' &&
	echo "$out" | grep -q '0x60000000' && ok seed000-64k-panics || ko seed000-64k-panics "rc=$rc $out"
# 4K/39 with block 2 one MiB short of a GiB: it needs an L2 table, none free
# under 0x40c00000: the panic names block 2.
out=$($V boot-tables $K --set ARM64_VA_BITS=39 --mem 0xc00000@0x40000000 --mem 0x1f000000@0x60000000 --mem 0x3ff00000@0x80000000 --kernel-image 0xb80000@0x40080000 --reserve 0x80000@0x40000000 2>&1)
rc=$?
[ $rc = 2 ] && echo "$out" | grep -q '0x80000000' && ok seed000-4k-short-panics || ko seed000-4k-short-panics "rc=$rc $out"
# Without the reservation the 512 KiB under TEXT_OFFSET is free and mapped:
# the table comes from there and the board maps.
out=$($V boot-tables $K --set ARM64_64K_PAGES=y --set ARM64_VA_BITS=42 ${SEED% --reserve*} 2>&1)
[ $? = 0 ] && ok seed000-64k-textoffset-gap || ko seed000-64k-textoffset-gap "$out"

# 3. Seed 000 example 1: the kernel not in the first bank. block 0
# 0x100000+0x20100000, block 1 0x40000000+0x40000000, the image in block 1:
# PHYS_OFFSET = 0x40000000, block 0 lies below it: "Ignoring memory block"
# and 513 MiB lost; the linear map is block 1 only.
out=$($V layout $K --set ARM64_VA_BITS=39 --mem 0x20100000@0x100000 --mem 1G@0x40000000 --kernel-image 8M@0x40080000 2>&1)
echo "$out" | grep -q '^Ignoring memory block 0x100000 - 0x20200000' &&
	echo "$out" | grep -q 'memory  : 0xffffffc000000000 - 0xffffffc040000000   (  1024 MB)' &&
	ok seed000-kernel-not-first || ko seed000-kernel-not-first "$out"

# 4. An unaligned first bank (4K): map_mem() maps from ALIGN(0x40010000, 2M)
# = 0x40200000: 0x1f0000 = 1984 KiB left out.
out=$($V layout $K --set ARM64_VA_BITS=39 --mem 0x3ff0000@0x40010000 --kernel-image 8M@0x40080000 2>&1)
echo "$out" | grep -q 'from 0x40200000 (PMD_SIZE aligned): 1984 KiB left out' &&
	ok pmd-align-loss || ko pmd-align-loss "$out"

# 5. Refusals name the input and the rule.
out=$($V layout $K --set ARM64_16K_PAGES=y --mem 1G@0x40000000 --kernel-image 8M@0x40080000 2>&1)
[ $? = 2 ] && echo "$out" | grep -q '16K' && ok refuse-16k || ko refuse-16k "$out"
out=$($V layout $K --mem 1G@0x40000000 --kernel-image 8M@0x40100000 2>&1)
[ $? = 2 ] && echo "$out" | grep -q 'TEXT_OFFSET' && ok refuse-misplaced || ko refuse-misplaced "$out"

# 6. Random boards: each either maps (exit 0) or is refused naming the
# 3.18 map_mem() rule (exit 2); never anything else. Table pages come only
# from mapped memory: boot_tables_v3_18.c walks every page it is given.
RANDOM=18
for i in $(seq 1 40); do
	n=$((RANDOM % 3 + 1)) base=0x40000000 args=""
	for j in $(seq 1 $n); do
		size=$(((RANDOM % 64 + 1) * 0x100000 * (RANDOM % 2 ? 1 : 16)))
		args="$args --mem $(printf 0x%x $size)@$(printf 0x%x $base)"
		base=$((base + size + (RANDOM % 8) * 0x8000000))
		base=$(((base + 0xfffff) & ~0xfffff))
	done
	gran="--set ARM64_VA_BITS=39"
	[ $((RANDOM % 2)) = 1 ] && gran="--set ARM64_64K_PAGES=y --set ARM64_VA_BITS=42"
	out=$($V boot-tables $K $gran $args --kernel-image 0x400000@0x40080000 2>&1)
	rc=$?
	if [ $rc = 0 ] || { [ $rc = 2 ] && echo "$out" | grep -q '3.18 map_mem()\|must lie in memory'; }; then
		pass=$((pass + 1))
	else ko "random-$i" "rc=$rc $gran $args: $out"; fi
done

echo "arm64 3.18: $pass passed, $fail failed"
[ $fail = 0 ]
