# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
# Two NUMA nodes on 6.12, the second without memory but with hart 1
# (hw/riscv/numa.c, QEMU 7.2: numa-node-id on the /memory node and each
# cpu, and a numa-distance-map-v1 node; three sockets trip QEMU 7.2's PLIC
# wiring): v6.12 makes the distance table at the first distance, 2 * 2
# bytes, gives node 1 a NODE_DATA from node 0 and leaves it out of its own
# zonelist (it has no memory).
DESCRIPTION="riscv64, 4 GiB all on node 0 (hart 0), node 1 memory-less with hart 1, distance 0-1 25"
FLAVOUR=riscv64
MEM=4G
QEMU_EXTRA=(-smp 2 -object memory-backend-ram,id=ram0,size=4G
	-numa node,nodeid=0,memdev=ram0,cpus=0 -numa node,nodeid=1,cpus=1
	-numa dist,src=0,dst=1,val=25)
