#!/usr/bin/env bash
# vmlayout layout for arm64 and riscv64 through the CLI: goldens (checked by
# eye against Documentation/arch/arm64/memory.rst and riscv's
# print_vm_layout(), docs/arm64.md, docs/riscv64.md), the KASLR seed from
# --kaslr-seed and from /chosen/kaslr-seed, and /proc/meminfo without the
# HIGHMEM lines these arches do not have.
set -u
B=${1:-build}
. tests/cli/lib.sh

while IFS='|' read -r name args; do
	name=$(echo "$name" | xargs); [ -z "$name" ] || [ "${name:0:1}" = "#" ] && continue
	# shellcheck disable=SC2086
	out=$($V layout $args 2>/dev/null); rc=$?
	if [ $rc -ne 0 ]; then ko "golden $name" "exit $rc"; continue; fi
	if d=$(diff <(printf '%s\n' "$out") "tests/cli/golden/$name.txt"); then ok "golden $name"
	else ko "golden $name" "$d"; fi
done < tests/cli/arch_cases.txt

kaslr() { $V layout "$@" --format json 2>/dev/null | python3 -c 'import json,sys; k=json.load(sys.stdin)["kaslr"]; print(k["seed"], k["offset"], k["entropy_bits"])'; }
# arm64 6.18 4K/48, 4 GiB at 0x80000000: 33029374 2 MiB slots (24 bits).
expect() { if [ "$2" = "$3" ]; then ok "$1"; else ko "$1" "want [$2] got [$3]"; fi; }
expect arm64-kaslr-flag "0x1234567890 0x1f7fcfe00000 24" "$(kaslr --arch arm64 --mem 4G@0x80000000 --kaslr-seed 0x1234567890)"
printf '/dts-v1/;\n/ { #address-cells = <2>; #size-cells = <2>;\n chosen { kaslr-seed = <0x12 0x34567890>; };\n memory@80000000 { device_type = "memory"; reg = <0 0x80000000 1 0>; }; };\n' >"$tmp/seed.dts"
expect arm64-kaslr-dt "0x1234567890 0x1f7fcfe00000 24" "$(kaslr --arch arm64 --dtb "$tmp/seed.dts")"
expect arm64-kaslr-flag-wins "0x0 0x0 24" "$(kaslr --arch arm64 --dtb "$tmp/seed.dts" --kaslr-seed 0)"
# riscv64 6.12: nr_pos = (1 GiB - 24 MiB) / 2 MiB = 500; 12345 % 500 = 345 -> 0x2b200000.
expect riscv64-kaslr "0x3039 0x2b200000 8" "$(kaslr --arch riscv64 --kernel 6.12 --set RANDOMIZE_BASE=y --kaslr-seed 12345 --mem 4G@0x80000000 --kernel-image 24M@0x80200000)"
printf '/dts-v1/;\n/ { #address-cells = <1>; #size-cells = <1>; chosen { kaslr-seed = <1>; }; memory@80000000 { device_type = "memory"; reg = <0x80000000 0x10000000>; }; };\n' >"$tmp/badseed.dts"
out=$($V layout --arch arm64 --dtb "$tmp/badseed.dts" 2>&1 >/dev/null); rc=$?
if [ $rc -eq 2 ] && grep -qF "kaslr-seed is 4 bytes" <<<"$out"; then ok dt-bad-seed; else ko dt-bad-seed "rc=$rc $out"; fi
out=$($V layout --arch arm64 --mem 4G@0x80000000 --kaslr-seed banana 2>&1 >/dev/null); rc=$?
if [ $rc -eq 2 ] && grep -qF "want a 64-bit number" <<<"$out"; then ok bad-seed-flag; else ko bad-seed-flag "rc=$rc $out"; fi
for a in arm64 riscv64; do
	if $V layout --arch $a --mem 4G@0x80000000 2>/dev/null | grep -qE '^(HighTotal|LowTotal):'; then ko "no-highmem-lines $a"
	else ok "no-highmem-lines $a"; fi
done
if $V layout --mem 1G@0x80000000 2>/dev/null | grep -q '^HighTotal:'; then ok highmem-lines-arm; else ko highmem-lines-arm; fi
if $V layout --mem 1G@0x80000000 --set HIGHMEM=n 2>/dev/null | grep -q '^HighTotal:'; then ko no-highmem-lines-arm-highmem-off; else ok no-highmem-lines-arm-highmem-off; fi

# arm64.nolva (v6.9+, kernel/pi/idreg-override.c): a 52-bit LPA2 build
# runs at VA_BITS_MIN, one level less, as on a CPU without LPA2; the table
# title says why; boot-tables builds 4K/48 tables. Read from the DT's
# bootargs too (the kernel's scan reads /chosen/bootargs).
N64="--arch arm64 --kernel 6.12 --set ARM64_VA_BITS=52 --mem 2G@0x80000000 --kernel-image 32M@0x80200000"
# shellcheck disable=SC2086
expect nolva-title "AArch64 Linux memory layout with 4KB pages + 4 levels (52-bit build run at 48 bits: arm64.nolva)::" \
	"$($V layout $N64 --cmdline 'console=ttyAMA0 arm64.nolva' -q | grep '^AArch64')"
# shellcheck disable=SC2086
expect nolva-tables "arm64 4K/48" "$($V boot-tables $N64 --cmdline arm64.nolva -q | head -1)"
printf '/dts-v1/;\n/ { #address-cells = <2>; #size-cells = <2>;\n chosen { bootargs = "arm64.nolva"; };\n memory@80000000 { device_type = "memory"; reg = <0 0x80000000 0 0x80000000>; }; };\n' >"$tmp/nolva.dts"
expect nolva-bootargs "arm64 4K/48" \
	"$($V boot-tables --arch arm64 --kernel 6.12 --set ARM64_VA_BITS=52 --dtb "$tmp/nolva.dts" --kernel-image 32M@0x80200000 -q | head -1)"
# shellcheck disable=SC2086
expect lva-tables "arm64 4K/52-lpa2" "$($V boot-tables $N64 -q | head -1)"

# The boot hash tables (alloc_large_system_hash(), mm/mm_init.c v6.12): the
# kernel's lines, and dhash_entries= (simple_strtoul, base 0) sizing the
# dentry table: 1000 -> 1024 buckets, 8 KiB instead of 4 MiB, so MemTotal
# grows by 4 MiB - 8 KiB = 4088 kB; ihash_entries=0x10: 16 buckets.
H64="--arch arm64 --kernel 6.12 --mem 4G@0x40000000 --kernel-image 32M@0x40200000"
# shellcheck disable=SC2086
expect hash-lines "Dentry cache hash table entries: 524288 (order: 10, 4194304 bytes, linear)
Inode-cache hash table entries: 262144 (order: 9, 2097152 bytes, linear)" "$($V layout $H64 -q | grep 'hash table')"
# shellcheck disable=SC2086
m0=$($V layout $H64 -q | awk '/^MemTotal:/ {print $2}')
# shellcheck disable=SC2086
m1=$($V layout $H64 --cmdline "dhash_entries=1000 ihash_entries=0x10" -q | awk '/^MemTotal:/ {print $2}')
# shellcheck disable=SC2086
expect dhash-entries "Dentry cache hash table entries: 1024 (order: 1, 8192 bytes, linear)
Inode-cache hash table entries: 16 (order: 0, 128 bytes, linear)" \
	"$($V layout $H64 --cmdline "dhash_entries=1000 ihash_entries=0x10" -q | grep 'hash table')"
expect dhash-entries-memtotal 4088 "$(($($V layout $H64 --cmdline dhash_entries=1000 -q | awk '/^MemTotal:/ {print $2}') - m0))"
[ -n "$m1" ] && ok ihash-entries-runs || ko ihash-entries-runs

finish
