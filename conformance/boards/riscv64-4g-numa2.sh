# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
# Two NUMA nodes (hw/riscv/numa.c, QEMU 7.2: one hart socket per node, so two
# harts): numa-node-id on each /memory node and each cpu, and a
# numa-distance-map-v1 node.
DESCRIPTION="riscv64, 4 GiB on two NUMA nodes (1 GiB at 0x80000000 on node 0, 3 GiB at 0xc0000000 on node 1, past 4 GiB)"
FLAVOUR=riscv64
MEM=4G
QEMU_EXTRA=(-smp 2 -object memory-backend-ram,id=ram0,size=1G -object memory-backend-ram,id=ram1,size=3G
	-numa node,nodeid=0,memdev=ram0,cpus=0 -numa node,nodeid=1,memdev=ram1,cpus=1
	-numa dist,src=0,dst=1,val=20)
