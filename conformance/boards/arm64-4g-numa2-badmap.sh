# shellcheck shell=bash disable=SC2034
# A conformance board: sourced by conformance/boot.sh (see docs/conformance.md).
# arm64-4g-numa2 with its distance map made invalid after QEMU wrote it
# (node 1's distance to itself 20, not 10): of_numa_parse_distance_map_v1()
# says "Invalid distance[node1 -> node1] = 20" and the kernel falls back to
# one node ("NUMA: Faking a node").
DESCRIPTION="arm64, 4 GiB on two NUMA nodes as arm64-4g-numa2, distance-matrix edited to <0 0 10 0 1 20 1 0 20 1 1 20>, nokaslr"
FLAVOUR=arm64
MEM=4G
APPEND_EXTRA="nokaslr"
QEMU_EXTRA=(-object memory-backend-ram,id=ram0,size=1G -object memory-backend-ram,id=ram1,size=3G
	-numa node,nodeid=0,memdev=ram0,cpus=0 -numa node,nodeid=1,memdev=ram1
	-numa dist,src=0,dst=1,val=20)
dt_edit() {
	fdtput -t u "$1" /distance-map distance-matrix 0 0 10 0 1 20 1 0 20 1 1 20
}
