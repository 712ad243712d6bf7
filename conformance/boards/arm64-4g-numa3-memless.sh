# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
# Three NUMA nodes, the third without memory: two cpus (cpu 0 on node 0,
# cpu 1 on node 2), so QEMU (hw/arm/virt.c, v7.2) writes numa-node-id = 2
# into cpu@1 only; the kernel parses node 2 from the cpu (and from the
# distance map), gives it a NODE_DATA from another node's memory and
# builds its zonelist from the distances.
DESCRIPTION="arm64, 4 GiB on nodes 0 (1 GiB) and 1 (3 GiB), node 2 memory-less with cpu 1, distances 0-1 20, 0-2 25, 1-2 30, nokaslr"
FLAVOUR=arm64
MEM=4G
APPEND_EXTRA="nokaslr"
QEMU_EXTRA=(-smp 2 -object memory-backend-ram,id=ram0,size=1G -object memory-backend-ram,id=ram1,size=3G
	-numa node,nodeid=0,memdev=ram0,cpus=0 -numa node,nodeid=1,memdev=ram1 -numa node,nodeid=2,cpus=1
	-numa dist,src=0,dst=1,val=20 -numa dist,src=0,dst=2,val=25 -numa dist,src=1,dst=2,val=30)
