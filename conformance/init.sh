#!/bin/busybox sh
# shellcheck shell=dash
# /init of the conformance initramfs: prints what the kernel reports about its
# memory between "=====VMLAYOUT-BEGIN name=====" and "=====VMLAYOUT-END name====="
# markers on the console, then powers off. Runs as PID 1 under the armhf or
# arm64 busybox-static; every command is a busybox applet called by name.
bb=/bin/busybox
$bb mkdir -p /proc /sys /dev /tmp
$bb mount -t proc proc /proc
$bb mount -t sysfs sysfs /sys
$bb mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
# Keep kernel messages off the console from here on, so that they do not
# interleave with the sections below (they stay in the log buffer for dmesg).
echo 1 >/proc/sys/kernel/printk
# kptr_restrict=1 (not 0): as root (CAP_SYSLOG) both /proc/kallsyms and the
# %pK addresses of /proc/vmallocinfo are then printed unhashed; with 0, %pK
# prints hashed values (lib/vsprintf.c restricted_pointer, v6.1).
echo 1 >/proc/sys/kernel/kptr_restrict

section() {
	echo "=====VMLAYOUT-BEGIN $1====="
	shift
	"$@" 2>&1
	echo "=====VMLAYOUT-END====="
}
cat_if() { [ -r "$1" ] && $bb cat "$1"; }

section uname $bb uname -a
section cmdline $bb cat /proc/cmdline
section meminfo $bb cat /proc/meminfo
section zoneinfo $bb cat /proc/zoneinfo
section iomem $bb cat /proc/iomem
section vmallocinfo $bb cat /proc/vmallocinfo
section kallsyms $bb grep -E ' (_text|_stext|_etext|__start_rodata|__end_rodata|__init_begin|__init_end|__inittext_end|_sdata|_edata|__bss_start|__bss_stop|_end|_sinittext|_einittext|high_memory|vmalloc_min|arm_lowmem_limit|swapper_pg_dir|memstart_addr|kimage_voffset|_start|_data|__init_data_begin|__entry_tramp_text_start|__entry_tramp_text_end)$' /proc/kallsyms
# arm64 (PROC_KCORE): the ELF and program headers of /proc/kcore, whose
# PT_LOAD entries give the linear map (vaddr of each RAM range), the vmalloc
# range and the vmemmap (fs/proc/kcore.c kcore_update_ram, v6.1).
[ -r /proc/kcore ] && section kcore_head $bb sh -c "$bb head -c 4096 /proc/kcore | $bb od -A n -v -t x1"
# The DT blob the kernel booted with (drivers/of/fdt.c of_fdt_raw_init),
# gzip'd: on riscv64 OpenSBI edits QEMU's DT (its own /reserved-memory
# node) before the kernel gets it.
[ -r /sys/firmware/fdt ] && section fdt_gz $bb sh -c "$bb gzip -c /sys/firmware/fdt | $bb od -A n -v -t x1"
section memblock_memory cat_if /sys/kernel/debug/memblock/memory
section memblock_reserved cat_if /sys/kernel/debug/memblock/reserved
section dmesg $bb dmesg
echo "=====VMLAYOUT-DONE====="
# conformance/live_tables.py boots with vmlayout_hold=1 on the command line
# (an unknown a=b parameter: the kernel passes it to /init in the
# environment, init/main.c unknown_bootoption) to read the page tables the
# kernel runs on while it idles here; QEMU is then killed.
if [ -n "${vmlayout_hold:-}" ]; then
	echo "=====VMLAYOUT-HOLD====="
	while :; do $bb sleep 3600; done
fi
$bb sync
$bb poweroff -f
