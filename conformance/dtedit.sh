# shellcheck shell=bash
# Helpers for board files: edits of a QEMU virt device tree blob in place,
# with fdtput. The root of QEMU's virt DT has #address-cells = #size-cells = 2,
# so every address and size below is written as two 32-bit cells.
# Sourced by boot.sh; each helper takes the blob as its first argument.

# cells64 VALUE: prints the two cells (high, low) of a 64-bit value.
cells64() {
	local v=$(($1))
	printf '0x%x 0x%x' $(((v >> 32) & 0xffffffff)) $((v & 0xffffffff))
}

# The /reserved-memory node, created on first use.
dt_reserved_memory_node() {
	local dtb=$1
	if ! fdtget "$dtb" /reserved-memory '#size-cells' >/dev/null 2>&1; then
		fdtput -c "$dtb" /reserved-memory
		fdtput -t x "$dtb" /reserved-memory '#address-cells' 2
		fdtput -t x "$dtb" /reserved-memory '#size-cells' 2
		fdtput "$dtb" /reserved-memory ranges
	fi
}

# dt_reserve DTB NAME BASE SIZE [no-map|reusable]: a static /reserved-memory
# child NAME@BASE with reg = <BASE SIZE> and the given flag.
dt_reserve() {
	local dtb=$1 name=$2 base=$3 size=$4 flag=${5:-} node
	dt_reserved_memory_node "$dtb"
	node=/reserved-memory/$name@$(printf '%x' $((base)))
	fdtput -c "$dtb" "$node"
	# shellcheck disable=SC2046
	fdtput -t x "$dtb" "$node" reg $(cells64 "$base") $(cells64 "$size")
	[ -n "$flag" ] && fdtput "$dtb" "$node" "$flag"
	return 0
}

# dt_reserve_dynamic DTB NAME SIZE ALIGN [no-map]: a dynamic /reserved-memory
# child (size and alignment, no reg), placed by the kernel.
dt_reserve_dynamic() {
	local dtb=$1 name=$2 size=$3 align=$4 flag=${5:-} node
	dt_reserved_memory_node "$dtb"
	node=/reserved-memory/$name
	fdtput -c "$dtb" "$node"
	# shellcheck disable=SC2046
	fdtput -t x "$dtb" "$node" size $(cells64 "$size")
	# shellcheck disable=SC2046
	fdtput -t x "$dtb" "$node" alignment $(cells64 "$align")
	[ -n "$flag" ] && fdtput "$dtb" "$node" "$flag"
	return 0
}

# dt_usable_memory DTB BASE SIZE [BASE SIZE...]: /chosen
# linux,usable-memory-range (QEMU keeps it; it rewrites /memory to -m).
dt_usable_memory() {
	local dtb=$1 cells=()
	shift
	while [ $# -ge 2 ]; do
		# shellcheck disable=SC2207
		cells+=($(cells64 "$1") $(cells64 "$2"))
		shift 2
	done
	fdtput -t x "$dtb" /chosen linux,usable-memory-range "${cells[@]}"
}

# dt_kaslr_seed DTB SEED64: /chosen/kaslr-seed as two cells (arm64 reads it
# in kernel/pi/kaslr_early.c, v6.1, and zeroes it after use).
dt_kaslr_seed() {
	# shellcheck disable=SC2046
	fdtput -t x "$1" /chosen kaslr-seed $(cells64 "$2")
}
