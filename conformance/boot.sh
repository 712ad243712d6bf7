#!/usr/bin/env bash
# Boots one conformance board under qemu-system-arm (TCG) and keeps, in
# conformance/out/<board>/:
#   command.sh   the exact QEMU command of the boot
#   input.dtb    the DT given to QEMU with -dtb (boards that edit the DT only)
#   board.dtb    the DT exactly as the kernel receives it (QEMU's dumpdtb of
#                the same command: /memory, /chosen bootargs and initrd set)
#   board.dts    the same, decompiled
#   serial.log   the serial console
#   board.env    what compare.py needs: flavour, config, cmdline, DTB address
# then runs extract.py on serial.log (observed.json, and the System.map of
# the flavour in conformance/cache/).
#
# Usage: boot.sh BOARD   (BOARD names conformance/boards/BOARD.sh)
# Exit status: 0 booted and extracted, 3 packages unavailable (skip), else 1.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
board=${1:?usage: boot.sh BOARD}
board_file=$here/boards/$board.sh
[ -r "$board_file" ] || { echo "boot.sh: no board file $board_file" >&2; exit 1; }
out=${CONFORMANCE_OUT:-$here/out}/$board
cache=${CONFORMANCE_CACHE:-$here/cache}
timeout_s=${BOOT_TIMEOUT:-150}

# Packages (cached); status 3 (cannot download) is passed on to the caller.
rc=0
pkgs=$(bash "$here/fetch.sh") || rc=$?
[ "$rc" -eq 0 ] || exit "$rc"
eval "$pkgs"

# The board: FLAVOUR, MEM, MACHINE_OPTS, APPEND_EXTRA, optional dt_edit().
FLAVOUR=armmp MEM=1G MACHINE_OPTS="" APPEND_EXTRA="" DESCRIPTION=""
unset -f dt_edit 2>/dev/null || true
# shellcheck source=conformance/dtedit.sh
. "$here/dtedit.sh"
# shellcheck disable=SC1090
. "$board_file"
case $FLAVOUR in
armmp) vmlinuz=$ARMMP_VMLINUZ config=$ARMMP_CONFIG release=$ARMMP_RELEASE version=$ARMMP_VERSION ;;
armmp-lpae) vmlinuz=$LPAE_VMLINUZ config=$LPAE_CONFIG release=$LPAE_RELEASE version=$LPAE_VERSION ;;
*) echo "boot.sh: $board_file: FLAVOUR must be armmp or armmp-lpae, not '$FLAVOUR'" >&2; exit 1 ;;
esac

# The initramfs, rebuilt when its inputs change.
initrd=$cache/initramfs.cpio.gz
if [ ! -s "$initrd" ] || [ "$here/init.sh" -nt "$initrd" ] || [ "$here/mkinitramfs.py" -nt "$initrd" ] ||
	[ "$BUSYBOX" -nt "$initrd" ]; then
	python3 "$here/mkinitramfs.py" "$BUSYBOX" "$here/init.sh" "$initrd.tmp"
	mv "$initrd.tmp" "$initrd"
fi

rm -rf "$out"
mkdir -p "$out"
append="console=ttyAMA0 memblock=debug${APPEND_EXTRA:+ $APPEND_EXTRA}"
machine=virt${MACHINE_OPTS:+,$MACHINE_OPTS}
# The fastest settings found: one CPU, single-threaded TCG, no devices but
# the serial port, no network, no reboot on panic (QEMU exits instead).
# shellcheck disable=SC2054
qemu=(qemu-system-arm -cpu cortex-a15 -smp 1 -m "$MEM" -accel tcg,thread=single
	-nographic -nodefaults -serial stdio -monitor none -net none -no-reboot
	-kernel "$vmlinuz" -initrd "$initrd" -append "$append")

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

# QEMU (hw/arm/boot.c, v7.2) puts the DTB at the first 4 KiB boundary after
# the initrd; the initrd end is in the dumped /chosen.
initrd_end=$(fdtget -t x "$out/board.dtb" /chosen linux,initrd-end)
dtb_phys=$(printf '0x%x' $(((0x$initrd_end + 0xfff) & ~0xfff)))
{
	printf 'BOARD=%q\n' "$board"
	printf 'DESCRIPTION=%q\n' "$DESCRIPTION"
	printf 'FLAVOUR=%q\nMEM=%q\nMACHINE=%q\n' "$FLAVOUR" "$MEM" "$machine"
	printf 'APPEND=%q\n' "$append"
	printf 'CONFIG=%q\nKERNEL_RELEASE=%q\nPACKAGE_VERSION=%q\n' "$config" "$release" "$version"
	printf 'DTB=%q\nDTB_PHYS=%q\nDTB_SIZE=%q\n' "$out/board.dtb" "$dtb_phys" \
		"$(printf '0x%x' "$(stat -c %s "$out/board.dtb")")"
	printf 'SYSTEM_MAP=%q\n' "$cache/$FLAVOUR.System.map"
	printf 'SKIP_CHECKS=%q\n' "${SKIP_CHECKS:-}"
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
	--config "$config" -o "$out/observed.json" --system-map "$cache/$FLAVOUR.System.map"
