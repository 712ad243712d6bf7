# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
# arm64-4g-numa2 without -numa dist: QEMU (hw/arm/virt.c, v7.2) writes no
# numa-distance-map-v1 node, so the kernel prints no "parsing
# numa-distance-map-v1" and 6.1 keeps its default table (10/20).
DESCRIPTION="arm64, 4 GiB on two NUMA nodes as arm64-4g-numa2 but no distance map, nokaslr"
FLAVOUR=arm64
MEM=4G
APPEND_EXTRA="nokaslr"
QEMU_EXTRA=(-object memory-backend-ram,id=ram0,size=1G -object memory-backend-ram,id=ram1,size=3G
	-numa node,nodeid=0,memdev=ram0,cpus=0 -numa node,nodeid=1,memdev=ram1)
