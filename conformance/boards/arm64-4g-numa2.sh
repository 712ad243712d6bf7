# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
# Two NUMA nodes: QEMU (hw/arm/virt.c, v7.2) gives each /memory node its
# numa-node-id (node 0 at 0x40000000, node 1 right above it), the CPU node
# 0, and writes a numa-distance-map-v1 node for the -numa dist entry.
DESCRIPTION="arm64, 4 GiB on two NUMA nodes (1 GiB at 0x40000000 on node 0, 3 GiB at 0x80000000 on node 1, past 4 GiB), nokaslr"
FLAVOUR=arm64
MEM=4G
APPEND_EXTRA="nokaslr"
QEMU_EXTRA=(-object memory-backend-ram,id=ram0,size=1G -object memory-backend-ram,id=ram1,size=3G
	-numa node,nodeid=0,memdev=ram0,cpus=0 -numa node,nodeid=1,memdev=ram1
	-numa dist,src=0,dst=1,val=20)
