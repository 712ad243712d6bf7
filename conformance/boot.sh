#!/usr/bin/env bash
# Boots one conformance board under qemu-system-arm or qemu-system-aarch64
# (TCG) and keeps, in
# conformance/out/<board>/:
#   command.sh   the exact QEMU command of the boot
#   input.dtb    the DT given to QEMU with -dtb (boards that edit the DT only)
#   board.dtb    the DT exactly as the kernel receives it (QEMU's dumpdtb of
#                the same command: /memory, /chosen bootargs and initrd set)
#   board.dts    the same, decompiled
#   serial.log   the serial console
#   board.env    what compare.py needs: flavour, config, cmdline, DTB address
# then runs extract.py on serial.log (observed.json, and the System.map of
# the flavour in the cache, ~/.cache/vmlayout/conformance).
#
# Usage: boot.sh BOARD   (BOARD names conformance/boards/BOARD.sh)
# Exit status: 0 booted and extracted, 3 packages unavailable (skip), else 1.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
board=${1:?usage: boot.sh BOARD}
board_file=$here/boards/$board.sh
[ -r "$board_file" ] || { echo "boot.sh: no board file $board_file" >&2; exit 1; }
out=${CONFORMANCE_OUT:-$here/out}/$board
cache=${CONFORMANCE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/vmlayout/conformance}
timeout_s=${BOOT_TIMEOUT:-150}

# The board: FLAVOUR, MEM, MACHINE_OPTS, APPEND_EXTRA, CPU, QEMU_EXTRA (an
# array of further QEMU arguments, e.g. -numa), optional dt_edit().
FLAVOUR=armmp MEM=1G MACHINE_OPTS="" APPEND_EXTRA="" DESCRIPTION="" CPU=""
QEMU_EXTRA=()
unset -f dt_edit 2>/dev/null || true
# shellcheck source=conformance/dtedit.sh
. "$here/dtedit.sh"
# shellcheck disable=SC1090
. "$board_file"
suite=bookworm fetch_extra=()
case $FLAVOUR in
armmp | armmp-lpae) deb_arch=armhf ;;
armmp-6.12 | armmp-lpae-6.12) deb_arch=armhf suite=trixie ;;
arm64) deb_arch=arm64 ;;
arm64-6.12 | arm64-16k-6.12) deb_arch=arm64 suite=trixie ;;
# Fetched only for their own boards (fetch.sh --extra; not in check-live).
arm64-rt-6.12) deb_arch=arm64 suite=trixie fetch_extra=(--extra rt) ;;
arm64-cloud-6.12) deb_arch=arm64 suite=trixie fetch_extra=(--extra cloud) ;;
riscv64) deb_arch=riscv64 suite=trixie ;;
*) echo "boot.sh: $board_file: FLAVOUR must be armmp, armmp-lpae, armmp-6.12, armmp-lpae-6.12, arm64, arm64-6.12, arm64-16k-6.12, arm64-rt-6.12, arm64-cloud-6.12 or riscv64, not '$FLAVOUR'" >&2; exit 1 ;;
esac

# Packages (cached); status 3 (cannot download) is passed on to the caller.
rc=0
pkgs=$(bash "$here/fetch.sh" --arch "$deb_arch" --suite "$suite" ${fetch_extra[@]+"${fetch_extra[@]}"}) || rc=$?
[ "$rc" -eq 0 ] || exit "$rc"
eval "$pkgs"
case $FLAVOUR in
armmp) vmlinuz=$ARMMP_VMLINUZ config=$ARMMP_CONFIG release=$ARMMP_RELEASE version=$ARMMP_VERSION ;;
armmp-lpae) vmlinuz=$LPAE_VMLINUZ config=$LPAE_CONFIG release=$LPAE_RELEASE version=$LPAE_VERSION ;;
armmp-6.12) vmlinuz=$ARMMP_612_VMLINUZ config=$ARMMP_612_CONFIG release=$ARMMP_612_RELEASE version=$ARMMP_612_VERSION ;;
armmp-lpae-6.12) vmlinuz=$LPAE_612_VMLINUZ config=$LPAE_612_CONFIG release=$LPAE_612_RELEASE version=$LPAE_612_VERSION ;;
arm64) vmlinuz=$ARM64_VMLINUZ config=$ARM64_CONFIG release=$ARM64_RELEASE version=$ARM64_VERSION ;;
arm64-6.12) vmlinuz=$ARM64_612_VMLINUZ config=$ARM64_612_CONFIG release=$ARM64_612_RELEASE version=$ARM64_612_VERSION ;;
arm64-16k-6.12)
	vmlinuz=$ARM64_16K_612_VMLINUZ config=$ARM64_16K_612_CONFIG
	release=$ARM64_16K_612_RELEASE version=$ARM64_16K_612_VERSION
	;;
arm64-rt-6.12)
	vmlinuz=$ARM64_RT_612_VMLINUZ config=$ARM64_RT_612_CONFIG
	release=$ARM64_RT_612_RELEASE version=$ARM64_RT_612_VERSION
	;;
arm64-cloud-6.12)
	vmlinuz=$ARM64_CLOUD_612_VMLINUZ config=$ARM64_CLOUD_612_CONFIG
	release=$ARM64_CLOUD_612_RELEASE version=$ARM64_CLOUD_612_VERSION
	;;
riscv64) vmlinuz=$RISCV64_VMLINUZ config=$RISCV64_CONFIG release=$RISCV64_RELEASE version=$RISCV64_VERSION ;;
esac

# The initramfs of the architecture, rebuilt when its inputs change.
initrd=$cache/initramfs.cpio.gz
[ "$deb_arch" = armhf ] || initrd=$cache/initramfs-$deb_arch.cpio.gz
if [ ! -s "$initrd" ] || [ "$here/init.sh" -nt "$initrd" ] || [ "$here/mkinitramfs.py" -nt "$initrd" ] ||
	[ "$BUSYBOX" -nt "$initrd" ]; then
	python3 "$here/mkinitramfs.py" "$BUSYBOX" "$here/init.sh" "$initrd.tmp"
	mv "$initrd.tmp" "$initrd"
fi

rm -rf "$out"
mkdir -p "$out"
if [ "$deb_arch" = armhf ]; then
	append="console=ttyAMA0 memblock=debug${APPEND_EXTRA:+ $APPEND_EXTRA}"
	machine=virt${MACHINE_OPTS:+,$MACHINE_OPTS}
	qemu=(qemu-system-arm -cpu "${CPU:-cortex-a15}")
elif [ "$deb_arch" = riscv64 ]; then
	# QEMU 7.2's rv64 takes sv39, sv48 and sv57 (the kernel probes from
	# sv57 down; no4lvl/no5lvl cap it); OpenSBI v1.1 (QEMU's default
	# -bios) runs first, at 0x80000000, and passes the DT on (edited: its
	# own /reserved-memory node). earlycon=sbi for the same reason as arm64.
	append="console=ttyS0 earlycon=sbi memblock=debug${APPEND_EXTRA:+ $APPEND_EXTRA}"
	machine=virt${MACHINE_OPTS:+,$MACHINE_OPTS}
	qemu=(qemu-system-riscv64 -cpu "${CPU:-rv64}")
	# The widest satp mode the CPU takes (what 6.12's probe finds): QEMU
	# 7.2's rv64 implements sv57 (target/riscv/cpu.c), though its DT says
	# mmu-type "riscv,sv48". vmlayout is told with --set CPU_SATP_BITS.
	case ${CPU:-rv64} in
	rv64) CPU_SATP_BITS=57 ;;
	*) echo "boot.sh: $board_file: the satp modes of CPU '$CPU' are not known here" >&2; exit 1 ;;
	esac
else
	# earlycon: arm64's memblock=debug lines overflow the 128 KiB log buffer
	# (LOG_BUF_SHIFT=17) before the console starts, and the first ones (the
	# kernel and initrd reservations) are the ones compared; earlycon writes
	# them out as they come, through a fixmap slot (no memblock allocation).
	append="console=ttyAMA0 earlycon=pl011,0x9000000 memblock=debug${APPEND_EXTRA:+ $APPEND_EXTRA}"
	# dtb-randomness=off: no random /chosen/kaslr-seed and rng-seed in QEMU's
	# own DT (QEMU 7.2 hw/arm/virt.c), so a board without one boots the same
	# way every time; KASLR boards write their own kaslr-seed (dt_kaslr_seed).
	# The Cortex-A57 has no RNDR, so the kernel has no other seed.
	machine=virt,dtb-randomness=off${MACHINE_OPTS:+,$MACHINE_OPTS}
	# The CPU's PARange (ID_AA64MMFR0_EL1), which sizes KASLR's linear-map
	# range (arch/arm64/mm/init.c arm64_memblock_init, v6.1): QEMU 7.2's
	# cortex-a57 has id_aa64mmfr0 = 0x1124, PARange 4 = 44 bits
	# (target/arm/cpu64.c aarch64_a57_initfn). Not in the DT: vmlayout is
	# told with --set CPU_PA_BITS.
	# Its VA reach: no FEAT_LVA (ID_AA64MMFR2_EL1.VARange 0) and no LPA2
	# (ID_AA64MMFR0_EL1.TGran4 0, not 1), so Debian 13's 4K/52-bit LPA2
	# build runs with vabits_actual = 48 (arch/arm64/kernel/pi/
	# map_kernel.c, v6.12): --set CPU_VA_BITS=48 (a 48-bit build ignores it).
	# The 16K flavour needs a CPU with the 16K granule, which QEMU 7.2's
	# cortex-a57 lacks (TGran16 0): the Neoverse-N1 has it, and no RNDR and
	# no pointer authentication (a KASLR seed only from the DT; fast TCG).
	[ "$FLAVOUR" != arm64-16k-6.12 ] || [ -n "$CPU" ] || CPU=neoverse-n1
	qemu=(qemu-system-aarch64 -cpu "${CPU:-cortex-a57}")
	case ${CPU:-cortex-a57} in
	cortex-a57) CPU_PA_BITS=44 CPU_VA_BITS=48 ;;
	# QEMU 7.2's neoverse-n1 (target/arm/cpu64.c aarch64_neoverse_n1_initfn,
	# since 7.1): id_aa64mmfr0 = 0x101125, PARange 5 = 48 bits, TGran16 1
	# (16K, without LPA2), TGran4 0 (4K without LPA2); id_aa64mmfr2 =
	# 0x1011, VARange 0 (no FEAT_LVA): a 52-bit LPA2 build falls back to
	# VA_BITS_MIN, 47 bits with 16K pages, 48 with 4K (arch/arm64/
	# include/asm/memory.h, kernel/pi/map_kernel.c, v6.12).
	neoverse-n1) CPU_PA_BITS=48 CPU_VA_BITS=48 ;;
	# QEMU 7.2's max (aarch64_max_initfn, arm_cpu_lpa2_finalize): PARange 6
	# = 52 bits (FEAT_LPA), TGran4 1 and TGran16 2 (FEAT_LPA2, the "lpa2"
	# property, on by default), VARange 1 (FEAT_LVA): a 52-bit build runs
	# at 52 bits. It also has RNDR (a random KASLR seed unless nokaslr) and
	# pointer authentication (slow TCG: boards give "max,pauth=off").
	max | max,*) CPU_PA_BITS=52 CPU_VA_BITS=52 ;;
	*) echo "boot.sh: $board_file: the PARange of CPU '$CPU' is not known here" >&2; exit 1 ;;
	esac
fi
# The fastest settings found: one CPU (a board's SMP gives more: the
# per-CPU areas and the DT's cpu nodes follow), single-threaded TCG, no devices but
# the serial port, no network, no reboot on panic (QEMU exits instead).
# shellcheck disable=SC2054
qemu+=(-smp "${SMP:-1}" -m "$MEM" -accel tcg,thread=single
	-nographic -nodefaults -serial stdio -monitor none -net none -no-reboot
	-kernel "$vmlinuz" -initrd "$initrd" -append "$append")
[ "${#QEMU_EXTRA[@]}" -eq 0 ] || qemu+=("${QEMU_EXTRA[@]}")

if declare -F dt_edit >/dev/null; then
	# QEMU's own DT for the same -m, -initrd and -append, edited by the board.
	"${qemu[@]}" -M "$machine,dumpdtb=$out/qemu.dtb" >/dev/null 2>&1
	cp "$out/qemu.dtb" "$out/input.dtb"
	dt_edit "$out/input.dtb"
	qemu+=(-dtb "$out/input.dtb")
fi
# The blob as the kernel gets it (QEMU rewrites /memory and /chosen).
"${qemu[@]}" -M "$machine,dumpdtb=$out/board.dtb" >/dev/null 2>&1
dtc -q -I dtb -O dts -o "$out/board.dts" "$out/board.dtb"
qemu+=(-M "$machine")
printf '%q ' timeout "$timeout_s" "${qemu[@]}" >"$out/command.sh"
echo >>"$out/command.sh"

# QEMU (hw/arm/boot.c, v7.2) puts the DTB at the first 4 KiB (arm) or
# 2 MiB (aarch64) boundary after the initrd; the initrd end is in the dumped
# /chosen. (extract.py checks it against the kernel's reserved list.)
initrd_end=$(fdtget -t x "$out/board.dtb" /chosen linux,initrd-end)
dtb_align=0x1000
[ "$deb_arch" = armhf ] || dtb_align=0x200000
dtb_phys=$(printf '0x%x' $(((0x$initrd_end + dtb_align - 1) & ~(dtb_align - 1))))
if [ "$deb_arch" = riscv64 ]; then
	# QEMU 7.2 hw/riscv/boot.c riscv_load_fdt(): 2 MiB aligned, totalsize
	# below the end of DRAM or 3 GiB, whichever is lower (DRAM at
	# 0x80000000). OpenSBI prints it ("Domain0 Next Arg1"): extract.py
	# checks.
	dram_end=$((0x80000000 + $(numfmt --from=iec "$MEM")))
	top=$((dram_end < 0xc0000000 ? dram_end : 0xc0000000))
	dtb_phys=$(printf '0x%x' $(((top - $(stat -c %s "$out/board.dtb")) & ~0x1fffff)))
fi
{
	printf 'BOARD=%q\n' "$board"
	printf 'DESCRIPTION=%q\n' "$DESCRIPTION"
	printf 'FLAVOUR=%q\nMEM=%q\nMACHINE=%q\nCPU=%q\n' "$FLAVOUR" "$MEM" "$machine" "${qemu[2]}"
	printf 'CPU_PA_BITS=%q\nCPU_VA_BITS=%q\nCPU_SATP_BITS=%q\n' "${CPU_PA_BITS:-}" "${CPU_VA_BITS:-}" \
		"${CPU_SATP_BITS:-}"
	printf 'APPEND=%q\n' "$append"
	printf 'CONFIG=%q\nKERNEL_RELEASE=%q\nPACKAGE_VERSION=%q\n' "$config" "$release" "$version"
	printf 'DTB=%q\nDTB_PHYS=%q\nDTB_SIZE=%q\n' "$out/board.dtb" "$dtb_phys" \
		"$(printf '0x%x' "$(stat -c %s "$out/board.dtb")")"
	printf 'SYSTEM_MAP=%q\n' "$cache/$FLAVOUR.System.map"
	printf 'SKIP_CHECKS=%q\n' "${SKIP_CHECKS:-}"
	printf 'SKIP_REASON=%q\n' "${SKIP_REASON:-}"
} >"$out/board.env"

echo "boot.sh: booting $board ($FLAVOUR, -m $MEM, -append \"$append\")" >&2
start=$(date +%s)
rc=0
timeout "$timeout_s" "${qemu[@]}" </dev/null >"$out/serial.log" 2>&1 || rc=$?
echo "boot.sh: $board: QEMU exited with $rc after $(($(date +%s) - start)) s" >&2
if ! grep -q '=====VMLAYOUT-DONE=====' "$out/serial.log"; then
	echo "boot.sh: $board: the serial log has no end marker (boot failed or timed out); see $out/serial.log" >&2
	tail -n 15 "$out/serial.log" >&2
	exit 1
fi
python3 "$here/extract.py" "$out/serial.log" --env "$out/board.env" \
	--config "$config" -o "$out/observed.json" --system-map "$cache/$FLAVOUR.System.map" \
	--fdt-out "$out/kernel.dtb"
# The blob the kernel booted with (/sys/firmware/fdt), when the firmware
# edited QEMU's (riscv64: OpenSBI): that is the DT vmlayout is given.
if [ -s "$out/kernel.dtb" ] && ! cmp -s "$out/kernel.dtb" "$out/board.dtb"; then
	mv "$out/board.dtb" "$out/qemu-board.dtb"
	mv "$out/kernel.dtb" "$out/board.dtb"
	dtc -q -I dtb -O dts -o "$out/board.dts" "$out/board.dtb"
	sed -i "s/^DTB_SIZE=.*/DTB_SIZE=$(printf '0x%x' "$(stat -c %s "$out/board.dtb")")/" "$out/board.env"
	python3 "$here/extract.py" "$out/serial.log" --env "$out/board.env" \
		--config "$config" -o "$out/observed.json" --system-map "$cache/$FLAVOUR.System.map"
else
	rm -f "$out/kernel.dtb"
fi
