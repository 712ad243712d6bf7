#!/usr/bin/env bash
# Wrong answers with exit 0 are the worst failure: a misspelt or unknown
# --set name, a bad enumerated value, a refusal that blames a flag the user
# did not give. Each is exit 2, one line on stderr naming what the user gave
# (and the closest valid name), nothing on stdout.
set -u
B=${1:-build}
. tests/cli/lib.sh
bad set-misspelt "did you mean VMSPLIT_2G?" $V layout --mem 1G@0x80000000 --set VMSLPIT_2G=y
bad set-misspelt-config-prefix "did you mean HIGHMEM?" $V layout --mem 1G@0x80000000 --set CONFIG_HIGHMME=y
bad set-unknown "NOPE is not an option vmlayout models" $V layout --mem 1G@0x80000000 --set NOPE=y
bad set-bad-value "want y or n" $V layout --mem 1G@0x80000000 --set HIGHMEM=maybe
printf 'CONFIG_ARM=y\nCONFIG_SOMETHING_ELSE=y\nCONFIG_ARM_PATCH_PHYS_VIRT=y\nCONFIG_HIGHMEM=y\n' >"$tmp/ok.config"
out=$($V layout --mem 1G@0x80000000 --config "$tmp/ok.config" 2>/dev/null); rc=$?
if [ $rc -eq 0 ] && [ -n "$out" ]; then ok config-unknown-ignored; else ko config-unknown-ignored "rc=$rc"; fi
printf 'CONFIG_ARM=y\nCONFIG_HIGHMEM=maybe\n' >"$tmp/bad.config"
bad config-known-bad-value "HIGHMEM is a bool option" $V layout --mem 1G@0x80000000 --config "$tmp/bad.config"
bad tables-arm64-format "arm64 takes no format or mode name" $V tables --arch arm64 --format banana --mem 16M@0x40000000
bad tables-arm-format "short, short-linux or lpae" $V tables --arch arm --format banana --mem 16M@0x40000000
bad layout-format "unknown format (text, json, svg, html)" $V layout --mem 1G@0x80000000 --format xml
bad layout-format-misspelt "--format htm: unknown format; did you mean html? (text, json, svg, html)" $V layout --mem 1G@0x80000000 --format htm
bad kernel-unknown "--kernel 5.4: no layout profile for it on --arch arm64 (" $V layout --arch arm64 --kernel 5.4 --mem 1G@0x80000000
bad kernel-unknown-arm "(3.4, 6.1 for 6.1 .. 6.18)" $V layout --kernel 9.9 --mem 1G@0x80000000
bad compare-arm64 "--arch arm64: the hole-reclaim strategies do not apply" $V compare --arch arm64 --mem 1G@0x80000000
# which rule removed all the RAM (issue 10 §4), without a meaningless address
bad no-ram-4g-bank "a bank of 4 GiB does not fit the 32-bit phys_addr_t" $V layout --mem 4G@0
bad no-ram-below-phys-offset "every bank lies below PHYS_OFFSET" $V layout --mem 16M@0x10000000 --kernel-image 1M@0x80008000
if ! $V layout --mem 4G@0 2>&1 | grep -q 'address 0x0'; then ok no-ram-no-zero-address; else ko no-ram-no-zero-address; fi
out=$($V compare --dtb boards/msm8974.dts 2>/dev/null); rc=$?
if [ $rc -eq 0 ] && grep -q '^profile 3.4;' <<<"$out" && grep -qE '^3G +intermix ' <<<"$out"; then ok compare-defaults-to-3.4; else ko compare-defaults-to-3.4 "rc=$rc"; fi
# a map whose .init lies outside the image reservation (fuzz_sysmap finding):
# free_initmem() would free pages that were never reserved, MemTotal > RAM
printf 'c0008000 T _text\nc0d80000 T _stext\nc0008000 T __init_begin\nc0c00000 T __init_end\nc0d90000 B _end\n' >"$tmp/init.map"
bad sysmap-init-outside-image "__init_begin .. __init_end must lie inside _stext .. _end" $V layout --mem 512M@0x80000000 --kernel 6.1 --system-map "$tmp/init.map"
bad unexpected-argument "unexpected argument 'extra'" $V layout --mem 1G@0x80000000 extra
# Every subcommand answers --help (exit 0, usage on stdout, nothing on stderr).
for c in layout compare tables walk ptdump translate vmalloc suggest; do
	out=$($V $c --help 2>"$tmp/err"); rc=$?
	if [ $rc -eq 0 ] && grep -q "^usage: vmlayout $c" <<<"$out" && [ ! -s "$tmp/err" ]; then ok "help $c"
	else ko "help $c" "rc=$rc $(cat "$tmp/err")"; fi
done
out=$($V --version); if grep -q '^layout profiles for arm64: 3.18, 6.1, 6.12, 6.18$' <<<"$out"; then ok version; else ko version "$out"; fi
bad command-misspelt "did you mean tables?" $V tabels
bad no-command "no command given" $V

# '-' reads standard input (once), -q silences notes, JSON carries the
# kernel's messages and sends notes to stderr.
want=$($V layout --dtb boards/msm8974.dts --kernel 3.4 2>/dev/null)
got=$($V layout --dtb - --kernel 3.4 <boards/msm8974.dts 2>/dev/null)
if [ -n "$want" ] && [ "$want" = "$got" ]; then ok dtb-stdin-source; else ko dtb-stdin-source; fi
dtc -q -I dts -O dtb -o "$tmp/b.dtb" boards/msm8974.dts
got=$($V layout --dtb - --kernel 3.4 <"$tmp/b.dtb" 2>/dev/null)
if [ "$want" = "$got" ]; then ok dtb-stdin-blob; else ko dtb-stdin-blob; fi
want=$($V layout --mem 1G@0x80000000 --system-map boards/msm8974.System.map 2>/dev/null)
got=$($V layout --mem 1G@0x80000000 --system-map - <boards/msm8974.System.map 2>/dev/null)
if [ -n "$want" ] && [ "$want" = "$got" ]; then ok sysmap-stdin; else ko sysmap-stdin; fi
if printf 'CONFIG_ARM=y\nCONFIG_ARM_PATCH_PHYS_VIRT=y\n' | $V layout --mem 1G@0x80000000 --config - 2>/dev/null |
	grep -q '^MemTotal'; then ok config-stdin; else ko config-stdin; fi
bad stdin-twice "only one of --dtb, --config and --system-map" $V layout --dtb - --config - --mem 1G@0x80000000
bad dtb-stdin-bad-source "(standard input): dtc rejected it" sh -c "echo 'garbage {' | $V layout --dtb -"
err=$($V layout --mem 1G@0x80000000 2>&1 >/dev/null)
if grep -q 'kernel image size unknown' <<<"$err"; then ok note-without-quiet; else ko note-without-quiet "$err"; fi
err=$($V layout --mem 1G@0x80000000 -q 2>&1 >/dev/null)
if [ -z "$err" ]; then ok quiet; else ko quiet "$err"; fi
out=$($V layout --mem 1G@0x80000000 --mem 1G@0x100000000 --format json 2>"$tmp/err")
if python3 -c 'import json,sys; m=json.load(sys.stdin)["kernel_messages"]; assert m==["Ignoring memory block 0x100000000 - 0x140000000", "Dentry cache hash table entries: 131072 (order: 7, 524288 bytes, linear)", "Inode-cache hash table entries: 65536 (order: 6, 262144 bytes, linear)"], m' <<<"$out" &&
	[ "$(grep -c 'kernel image size unknown' "$tmp/err")" -eq 1 ]; then ok json-kernel-messages
else ko json-kernel-messages "$(cat "$tmp/err")"; fi

# translate: the hole-aware translation of seed 002 example 8 (msm8974,
# DONT_MAP_HOLE_AFTER_MEMBANK0): RAM at 0x12000000 sits at 0xc7600000.
out=$($V translate --dtb boards/msm8974.dts --kernel 3.4 --set DONT_MAP_HOLE_AFTER_MEMBANK0=y -q 0xc7600000 0x12345000 2>&1); rc=$?
if [ $rc -eq 0 ] && grep -qF "0xc7600000 virtual (linear map) -> 0x12000000 physical  virt_addr_valid: yes" <<<"$out" &&
	grep -qF "0x12345000 physical -> 0xc7945000 virtual (linear map)  pfn_valid: yes" <<<"$out"; then ok translate-hole
else ko translate-hole "rc=$rc $out"; fi
out=$($V translate --dtb boards/msm8974.dts --kernel 3.4 --set ENABLE_VMALLOC_SAVING=y -q 0xc7500000 --format json 2>&1); rc=$?
if [ $rc -eq 1 ] && python3 -c 'import json,sys; t=json.load(sys.stdin)["translations"][0]; assert t["via"]=="none" and t["virt_addr_valid"] is False, t' <<<"$out"; then
	ok translate-intermix-hole-va; else ko translate-intermix-hole-va "rc=$rc $out"; fi
out=$($V translate --mem 1G@0x80000000 --phys 0xc0000000 -q 2>&1); rc=$?
if [ $rc -eq 1 ] && grep -qF "0xc0000000 physical: not in the linear map" <<<"$out"; then ok translate-forced-phys; else ko translate-forced-phys "rc=$rc $out"; fi
bad translate-bad-addr "'banana' is not an address" $V translate --mem 1G@0x80000000 banana

# --reclaim: the same layouts as the msm-3.4 Kconfig names; one way at most.
for pair in "hole DONT_MAP_HOLE_AFTER_MEMBANK0" "intermix ENABLE_VMALLOC_SAVING" "none NO_VM_RECLAIM"; do
	set -- $pair
	a=$($V layout --dtb boards/msm8974.dts --kernel 3.4 --reclaim "$1" -q); b=$($V layout --dtb boards/msm8974.dts --kernel 3.4 --set "$2=y" -q)
	if [ -n "$a" ] && [ "$a" = "$b" ]; then ok "reclaim-$1"; else ko "reclaim-$1"; fi
done
bad reclaim-misspelt "did you mean intermix?" $V layout --dtb boards/msm8974.dts --kernel 3.4 --reclaim intermx
bad reclaim-twice "already picks another strategy" $V layout --dtb boards/msm8974.dts --kernel 3.4 --reclaim hole --set ENABLE_VMALLOC_SAVING=y
bad reclaim-on-arm64 "hole reclaim does not apply to --arch arm64" $V layout --arch arm64 --mem 1G@0x80000000 --reclaim hole

# vmalloc: intermix on msm8974 (seed 002 example 9) gives vmalloc space in
# pieces: the 171 MiB hole's VA [0xc7500000, 0xd2000000) takes 100M (+ a
# guard page), 170M goes to the top piece, 4K to the 2 MiB hole, 200M fits
# nowhere (exit 1).
out=$($V vmalloc --dtb boards/msm8974.dts --kernel 3.4 --reclaim intermix -q --alloc 100M,170M,4K,200M); rc=$?
if [ $rc -eq 1 ] && grep -qF "0xc7500000-0xcd901000 104861696 alloc#1 pages=25600 vmalloc" <<<"$out" &&
	grep -qF "0xf1000000-0xfba01000 178262016 alloc#2 pages=43520 vmalloc" <<<"$out" &&
	grep -qF "0xc5b00000-0xc5b02000    8192 alloc#3 pages=1 vmalloc" <<<"$out" &&
	grep -qF "alloc #4 of 209715200 bytes: no room" <<<"$out"; then ok vmalloc-intermix
else ko vmalloc-intermix "rc=$rc $out"; fi
out=$($V vmalloc --mem 1G@0x80000000 --set PCI=y -q --alloc 64M); rc=$?
if [ $rc -eq 0 ] && grep -qF "0xfee00000-0xff000000 2097152 pci_io (static)" <<<"$out"; then ok vmalloc-static-pci
else ko vmalloc-static-pci "rc=$rc $out"; fi
bad vmalloc-bad-size "--alloc 'banana'" $V vmalloc --mem 1G@0x80000000 --alloc 1M,banana

# suggest: msm8974 wanting 300 MB of vmalloc (issue 9's example): 3.4 gives
# 8 MiB less than vmalloc= asks and VMALLOC_START moves in 8 MiB steps, so
# vmalloc=300M..304M leave 296 MB and 305M is the first to leave 304 MiB;
# intermix adds the holes' 173 MiB of VA and needs only 302M; VMSPLIT_2G
# keeps the most lowmem. Its answer is checked by running layout with it.
out=$($V suggest --dtb boards/msm8974.dts -q --need-vmalloc 300M); rc=$?
use=$(sed -n 's/^use: //p' <<<"$out")
if [ $rc -eq 0 ] && grep -qE '^none +3G +305M +304 MiB' <<<"$out" && grep -qE '^hole +3G +305M +304 MiB' <<<"$out" &&
	grep -qE '^intermix +3G +302M +301 MiB' <<<"$out" &&
	[ "$use" = "--reclaim intermix --set VMSPLIT_2G=y --cmdline vmalloc=302M" ]; then ok suggest-300M
else ko suggest-300M "rc=$rc $out"; fi
# shellcheck disable=SC2086
if $V layout --dtb boards/msm8974.dts --kernel 3.4 $use -q --format json | python3 -c 'import json, sys
d = json.load(sys.stdin)
space = int(d["vmalloc_end"], 16) - int(d["vmalloc_start"], 16) + sum(int(r["end"], 16) - int(r["start"], 16) for r in d["regions"] if r["name"] == "vmalloc_hole")
assert space >= 300 << 20, space
assert int(d["lowmem_ram"], 16) >> 20 == 1730, d["lowmem_ram"]'; then ok suggest-answer-holds; else ko suggest-answer-holds; fi
out=$($V suggest --dtb boards/msm8974.dts -q --need-vmalloc 300M --need-contiguous 250M)
if grep -qF "use: --reclaim hole --set VMSPLIT_2G=y --cmdline vmalloc=305M" <<<"$out"; then ok suggest-contiguous; else ko suggest-contiguous "$out"; fi
bad suggest-no-need "--need-vmalloc SIZE" $V suggest --dtb boards/msm8974.dts
# A CONFIG_CMDLINE that overrides the bootloader's vmalloc= (FORCE; EXTEND on
# a v6.x DT boot, not on v3.4's, whose fdt.c has no EXTEND case) gets a note
note() { $V suggest --dtb boards/msm8974.dts -q --need-vmalloc 300M --set CMDLINE=vmalloc=400M "$@" | grep -c '^note: .*put vmalloc=30[0-9]M in CONFIG_CMDLINE'; }
expect suggest-cmdline-force 1 "$(note --set CMDLINE_FORCE=y)"
expect suggest-cmdline-extend-3.4 0 "$(note --set CMDLINE_EXTEND=y)"
expect suggest-cmdline-extend-6.1 1 "$(note --kernel 6.1 --set CMDLINE_EXTEND=y)"
expect suggest-cmdline-default 0 "$(note)"

# A misspelt option names the closest one the command takes (its own and,
# for the commands that take a layout, the layout's) and its --help.
M="--mem 1G@0x80000000"
A64="--arch arm64 --mem 4G@0x40000000 --kernel-image 32M@0x40200000"
bad opt-layout "vmlayout layout: unknown option '--kernal'; did you mean --kernel? (see vmlayout layout --help)" $V layout $M --kernal 6.1
bad opt-layout-eq "unknown option '--kernal=6.1'; did you mean --kernel?" $V layout $M --kernal=6.1
bad opt-compare "vmlayout compare: unknown option '--fromat'; did you mean --format? (see vmlayout compare --help)" $V compare $M --fromat json
bad opt-compare-own "did you mean --vmalloc?" $V compare $M --vmallc 100M
bad opt-translate "vmlayout translate: unknown option '--vrit'; did you mean --virt?" $V translate $M --vrit 0xc0000000
bad opt-vmalloc "vmlayout vmalloc: unknown option '--aloc'; did you mean --alloc?" $V vmalloc $M --aloc 1M
bad opt-suggest "vmlayout suggest: unknown option '--need-vmaloc'; did you mean --need-vmalloc?" $V suggest $M --need-vmaloc 300M
bad opt-boot-tables "vmlayout boot-tables: unknown option '--ptdum'; did you mean --ptdump?" $V boot-tables $A64 --ptdum
bad opt-boot-tables-layout "did you mean --kernel-image?" $V boot-tables $A64 --kernl-image 32M@0x40200000
bad opt-tables "vmlayout tables: unknown option '--mapp'; did you mean --map? (see vmlayout tables --help)" $V tables --arch arm64 --mem 1G@0 --mapp 0:0:1M
bad opt-ptdump "vmlayout ptdump: unknown option '--markr'; did you mean --marker?" $V ptdump --arch arm64 --mem 1G@0 --map 0:0:1M --markr 0:x
bad opt-walk-no-ptdump-names "(see vmlayout walk --help)" $V walk --arch arm64 --mem 1G@0 --map 0:0:1M --markr 0:x 0
bad cmd-version "did you mean --version?" $V --versoin

# boot-tables: a refused --set-memory or a bad --walk address leaves nothing
# on stdout (the records are buffered; the addresses checked first), and a
# refusal with no address prints none.
bad bt-set-memory-op "arm64 takes ro, rw, x, nx" $V boot-tables $A64 -q --set-memory rox:0xffff800080000000,4096
bad bt-set-memory-einval "-EINVAL" $V boot-tables $A64 -q --set-memory ro:0xffff800080000000,4096
bad bt-walk "--walk 'zz' is not an address" $V boot-tables $A64 -q --walk zz
bad bt-bbml2-6.1 "do not use BBML2_NOABORT (map_mem() asks can_set_direct_map() alone; the 6.18 profile does)" $V boot-tables $A64 -q --kernel 6.1 --cpu-feature bbml2
if grep -q "(at 0x0)" "$tmp/err"; then ko bt-bbml2-no-at-0 "$(cat "$tmp/err")"; else ok bt-bbml2-no-at-0; fi

# boot-tables' enumerated values: the list and the closest (issue 10 §1);
# a Kconfig rule names the .config it came from, standard input included.
BT="--arch arm64 --mem 1G@0x40000000 --kernel-image 32M@0x40200000"
bad bt-rodata "--rodata fulll: takes full, on, off or noalias; did you mean full?" $V boot-tables $BT --rodata fulll
bad bt-stage "did you mean running?" $V boot-tables $BT --stage runing
bad bt-kfence "did you mean early?" $V boot-tables $BT --kfence erly
bad bt-cpu-feature "did you mean bbml2?" $V boot-tables $BT --cpu-feature bbml
bad config-stdin-named "--config (standard input): CONFIG_PHYS_OFFSET must be set" sh -c "printf '' | $V layout --config - --mem 1G@0"

finish
