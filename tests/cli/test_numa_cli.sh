#!/usr/bin/env bash
# NUMA from the device tree through the CLI (docs/arm64.md "NUMA"): the
# three-node board tests/cli/boards/arm64-numa3.dts (a cpu on a memory-less
# node, an asymmetric numa-distance-map-v1) as 6.1 and 6.12 lay it out
# (goldens, checked by eye against drivers/base/arch_numa.c,
# drivers/of/of_numa.c, mm/numa_memblks.c and build_zonelists()), its
# JSON nodes, and malformed maps: the kernel's messages and fallback on
# stdout, vmlayout's note naming the node and the rule on stderr.
set -u
B=${1:-build}
. tests/cli/lib.sh

board=tests/cli/boards/arm64-numa3.dts
for k in 6.1 6.12; do
	out=$($V layout --arch arm64 --kernel $k --dtb $board --kernel-image 32M@0x40200000 2>/dev/null); rc=$?
	if [ $rc -ne 0 ]; then ko "golden arm64-numa3-$k" "exit $rc"; continue; fi
	if d=$(diff <(printf '%s\n' "$out") "tests/cli/golden/arm64-numa3-$k.txt"); then ok "golden arm64-numa3-$k"
	else ko "golden arm64-numa3-$k" "$d"; fi
done

# nodes[]: distance rows (1 -> 0 is 30, 0 -> 1 is 20), the cpus by DT
# index, NODE_DATA's node; v6.12's 3 x 3-byte table at the top of node 1.
nodes() {
	$V layout --arch arm64 --kernel "$1" --dtb $board --kernel-image 32M@0x40200000 --format json 2>/dev/null |
		python3 -c 'import json,sys; d=json.load(sys.stdin)
print(" ".join("%d:%s:%s:%d" % (n["id"], ",".join(map(str, n["distance"])), ",".join(map(str, n["cpus"])), n["node_data_nid"]) for n in d["nodes"]), d.get("numa_distance"))'
}
expect json-nodes-6.1 "0:10,20,25:0:0 1:30,10,25:1:1 2:25,25,10:2:1 {'cnt': 16, 'base': '0x13f7f2000', 'size': '0x100'}" "$(nodes 6.1)"
expect json-nodes-6.12 "0:10,20,25:0:0 1:30,10,25:1:1 2:25,25,10:2:1 {'cnt': 3, 'base': '0x13f7f9000', 'size': '0x9'}" "$(nodes 6.12)"

# A map the kernel rejects, a numa-node-id too big for a cpu.
dts() { # distance-matrix cells, or "" for none
	local m=""
	[ -n "$1" ] && m="distance-matrix = <$1>;"
	printf '/dts-v1/;\n/ { #address-cells = <2>; #size-cells = <2>;\n cpus { #address-cells = <1>; #size-cells = <0>; cpu@0 { device_type = "cpu"; reg = <0>; numa-node-id = <%s>; }; };\n memory@40000000 { device_type = "memory"; reg = <0 0x40000000 0 0x40000000>; numa-node-id = <0>; };\n memory@80000000 { device_type = "memory"; reg = <0 0x80000000 0 0xc0000000>; numa-node-id = <1>; };\n distance-map { compatible = "numa-distance-map-v1"; %s }; };\n' "${2:-0}" "$m" >"$tmp/m.dts"
}
run() { $V layout --arch arm64 --kernel "$1" --dtb "$tmp/m.dts" --kernel-image 32M@0x40200000 >"$tmp/out" 2>"$tmp/err"; }
# has NAME FILE LINE...: each LINE is a whole line of FILE
has() {
	local name=$1 f=$2 l; shift 2
	for l in "$@"; do grep -qxF -- "$l" "$f" || { ko "$name" "no line [$l] in $(cat "$f")"; return; }; done
	ok "$name"
}
dts "0 0 10 0 1 20 1 1 20"
run 6.1 && has bad-local-distance "$tmp/out" "OF: NUMA: parsing numa-distance-map-v1" \
	"OF: NUMA: Invalid distance[node1 -> node1] = 20" \
	"NUMA: Faking a node at [mem 0x0000000040000000-0x000000013fffffff]" "Fallback order for Node 0: 0 "
has bad-local-distance-note "$tmp/err" \
	"vmlayout: /distance-map: distance-matrix entry 2: a node's distance to itself must be 10 (LOCAL_DISTANCE)"
dts "0 1 10"
run 6.12 && has bad-remote-distance "$tmp/out" "OF: NUMA: Invalid distance[node0 -> node1] = 10" \
	"NUMA: Faking a node at [mem 0x0000000040000000-0x000000013fffffff]"
dts ""
run 6.1 && has no-matrix "$tmp/out" "OF: NUMA: No distance-matrix property in distance-map"
has no-matrix-note "$tmp/err" "vmlayout: /distance-map: no distance-matrix property"
dts "0 1 20 1 0 20" 16
run 6.1 && has cpu-nid-too-big "$tmp/out" "OF: NUMA: Node id 16 exceeds maximum value" \
	"Fallback order for Node 1: 1 0 "
has cpu-nid-too-big-note "$tmp/err" \
	"vmlayout: /cpus/cpu@0: numa-node-id 16 is not below MAX_NUMNODES (16): the kernel ignores it"

finish
