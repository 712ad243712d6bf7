/* SPDX-License-Identifier: MIT */
/* of_numa_init()'s cpus and numa-distance-map-v1 (src/core/numa_of.c), the
 * distance table (numa_distance.c) and v6.12's numa_meminfo
 * (numa_meminfo.c): every rule with the kernel's messages, the fallback,
 * and where memblock puts the table. The two-node board is QEMU's arm64
 * virt with -numa (1 GiB on node 0 at 0x40000000, 3 GiB on node 1). */
#include "numa_fixture.h"

static const uint32_t qemu_map[] = {0, 0, 10, 0, 1, 20, 1, 0, 20, 1, 1, 10};

/* A cpu on node 2, which has no memory: node 2 is parsed and gets a
 * NODE_DATA from the top of RAM, node 1's (memblock_phys_alloc_try_nid()
 * falls back to any node). */
static void test_cpu_adds_memoryless_node_v6_1(void)
{
	struct vml_diag diag = {0};

	setup(0, 1);
	add_cpu("/cpus/cpu@0", 4, 0);
	add_cpu("/cpus/cpu@1", 4, 2);
	CHECK_EQ_INT(vml_numa_init(&mb, &board, &v6_1, &lo, &diag), 0);
	CHECK_EQ_INT(lo.n_nodes, 3);
	CHECK_EQ_INT(lo.nodes[2].nid, 2);
	CHECK_EQ_U64(lo.nodes[2].start_pfn, 0);
	CHECK_EQ_U64(lo.nodes[2].end_pfn, 0);
	/* 256-byte table at 0x13ffff000, node 1's NODE_DATA below it, node
	 * 2's below that: 0x13fffc380 - 0x2c80 */
	CHECK_EQ_U64(lo.nodes[2].node_data, 0x13fff9700);
	CHECK_EQ_INT(lo.nodes[2].node_data_nid, 1);
	CHECK_EQ_INT(lo.n_kmsgs, 5);
	check_msg(0, "NUMA: NODE_DATA [mem 0x7fffd380-0x7fffffff]");
	check_msg(1, "NUMA: NODE_DATA [mem 0x13fffc380-0x13fffefff]");
	check_msg(2, "NUMA: Initmem setup node 2 [<memory-less node>]");
	check_msg(3, "NUMA: NODE_DATA [mem 0x13fff9700-0x13fffc37f]");
	check_msg(4, "NUMA: NODE_DATA(2) on node 1");
	CHECK_EQ_U64(mb.reserved.total_size, 0x100 + 3 * 0x2c80);
}

static void test_cpu_node_id_rules(void)
{
	struct vml_diag diag = {0};

	setup(0, 1);
	add_cpu("/cpus/cpu@0", 4, 16); /* >= MAX_NUMNODES: a warning only */
	add_cpu("/cpus/cpu@1", 2, 0);  /* short: of_property_read_u32() fails */
	add_cpu("/cpus/cpu@2", 8, 3);  /* long: the first cell */
	CHECK_EQ_INT(vml_numa_init(&mb, &board, &v6_12, &lo, &diag), 0);
	CHECK_EQ_INT(lo.n_nodes, 3);
	CHECK_EQ_INT(lo.nodes[2].nid, 3);
	check_msg(0, "OF: NUMA: Node id 16 exceeds maximum value");
	check_msg(1, "vmlayout: /cpus/cpu@0: numa-node-id 16 is not below MAX_NUMNODES (16): the "
		     "kernel ignores it");
	check_msg(2, "vmlayout: /cpus/cpu@1: numa-node-id is 2 bytes, less than a cell: "
		     "of_numa_parse_cpu_nodes() skips it");
	check_msg(3, "vmlayout: /cpus/cpu@2: numa-node-id is 8 bytes: the kernel reads its first "
		     "cell, 3");
	CHECK(vml_report_kmsg_is_note(&lo.kmsgs[1]));
	CHECK(!vml_report_kmsg_is_note(&lo.kmsgs[0]));
}

/* QEMU's map on v6.1: only the message; the table (made before the parse)
 * holds what the map says. */
static void test_map_v6_1(void)
{
	struct vml_diag diag = {0};

	setup(0, 1);
	set_map(VML_ARRAY_SIZE(qemu_map), qemu_map);
	CHECK_EQ_INT(vml_numa_init(&mb, &board, &v6_1, &lo, &diag), 0);
	CHECK_EQ_INT(lo.n_nodes, 2);
	check_msg(0, "OF: NUMA: parsing numa-distance-map-v1");
	check_msg(1, "NUMA: NODE_DATA [mem 0x7fffd380-0x7fffffff]");
	CHECK_EQ_INT(lo.numa_distance.cnt, 16);
	CHECK_EQ_U64(lo.numa_distance.base, 0x13ffff000);
	CHECK_EQ_U64(lo.numa_distance.size, 256);
	CHECK_EQ_INT(vml_numa_node_distance(&lo, 0, 1), 20);
	CHECK_EQ_INT(vml_numa_node_distance(&lo, 1, 1), 10);
}

/* v6.12: the table is made by the first numa_set_distance(), 2 * 2 bytes
 * page-aligned at the top of RAM, before numa_register_meminfo(): it is on
 * node 1 in memblock.reserved and stays apart from node 1's NODE_DATA right
 * below it (no node), as "reserved[0x9] [0x17fdf0000-0x17fdf0003], 0x4
 * bytes on node 1" in Debian 6.12's riscv64-4g-numa2 dump. */
static void test_map_v6_12_table(void)
{
	struct vml_diag diag = {0};

	setup(0, 1);
	set_map(VML_ARRAY_SIZE(qemu_map), qemu_map);
	CHECK_EQ_INT(vml_numa_init(&mb, &board, &v6_12, &lo, &diag), 0);
	CHECK_EQ_INT(lo.numa_distance.cnt, 2);
	CHECK_EQ_U64(lo.numa_distance.base, 0x13ffff000);
	CHECK_EQ_U64(lo.numa_distance.size, 4);
	check_msg(0, "OF: NUMA: parsing numa-distance-map-v1");
	check_msg(1, "NODE_DATA(0) allocated [mem 0x7fffd380-0x7fffffff]");
	check_msg(2, "NODE_DATA(1) allocated [mem 0x13fffc380-0x13fffefff]");
	CHECK_EQ_INT(mb.reserved.cnt, 3);
	CHECK_EQ_INT(reserved_nid_at(0x13ffff000), 1);
	CHECK_EQ_INT(reserved_nid_at(0x13fffc380), 16);
	CHECK_EQ_U64(lo.reservations[0].base, 0x13ffff000);
	CHECK_EQ_STR(lo.reservations[0].name, "numa_distance");
}

/* Without a map v6.12 has no table: 10 and 20. */
static void test_no_map_v6_12(void)
{
	struct vml_diag diag = {0};

	setup(0, 1);
	CHECK_EQ_INT(vml_numa_init(&mb, &board, &v6_12, &lo, &diag), 0);
	CHECK_EQ_INT(lo.numa_distance.cnt, 0);
	CHECK_EQ_INT(vml_numa_node_distance(&lo, 1, 0), 20);
	CHECK_EQ_INT(vml_numa_node_distance(&lo, 1, 1), 10);
	CHECK_EQ_U64(mb.reserved.total_size, 2 * 0x2c80);
}

/* b > a sets b -> a too; a later b -> a entry overrides it. */
static void test_map_asymmetric(void)
{
	static const uint32_t m[] = {0, 1, 30, 1, 0, 40, 0, 0, 10, 1, 1, 10};
	struct vml_diag diag = {0};

	setup(0, 1);
	set_map(VML_ARRAY_SIZE(m), m);
	CHECK_EQ_INT(vml_numa_init(&mb, &board, &v6_1, &lo, &diag), 0);
	CHECK_EQ_INT(vml_numa_node_distance(&lo, 0, 1), 30);
	CHECK_EQ_INT(vml_numa_node_distance(&lo, 1, 0), 40);
	/* the other order: 1 -> 0 first, then 0 -> 1 sets both */
	{
		static const uint32_t m2[] = {1, 0, 40, 0, 1, 30};

		setup(0, 1);
		set_map(VML_ARRAY_SIZE(m2), m2);
		CHECK_EQ_INT(vml_numa_init(&mb, &board, &v6_1, &lo, &diag), 0);
		CHECK_EQ_INT(vml_numa_node_distance(&lo, 1, 0), 30);
	}
}

/* One map, one rule broken: the messages, then the fallback to one node
 * with the dummy's 256-byte table (the DT's was freed). */
static void check_bad_map(const uint32_t *m, unsigned int n, const char *kernel_msg,
			  const char *note)
{
	struct vml_diag diag = {0};

	setup(0, 1);
	set_map(n, m);
	CHECK_EQ_INT(vml_numa_init(&mb, &board, &v6_1, &lo, &diag), 0);
	CHECK_EQ_INT(lo.n_nodes, 1);
	CHECK(lo.numa_faked);
	check_msg(0, "OF: NUMA: parsing numa-distance-map-v1");
	check_msg(1, kernel_msg);
	check_msg(2, note);
	check_msg(3, "NUMA: Faking a node at [mem 0x0000000040000000-0x000000013fffffff]");
	CHECK_EQ_U64(mb.reserved.total_size, 0x100 + 0x2c80);
	CHECK_EQ_INT(mb.memory.cnt, 1);
}

static void test_bad_maps(void)
{
	static const uint32_t local20[] = {0, 0, 10, 0, 1, 20, 1, 1, 20};
	static const uint32_t remote10[] = {0, 0, 10, 0, 1, 10};
	static const uint32_t remote5_neg[] = {0, 0xffffffff, 5};

	check_bad_map(local20, 9, "OF: NUMA: Invalid distance[node1 -> node1] = 20",
		      "vmlayout: /distance-map: distance-matrix entry 2: a node's distance to "
		      "itself must be 10 (LOCAL_DISTANCE)");
	check_bad_map(remote10, 6, "OF: NUMA: Invalid distance[node0 -> node1] = 10",
		      "vmlayout: /distance-map: distance-matrix entry 1: two nodes' distance must "
		      "be more than 10 (LOCAL_DISTANCE)");
	/* u32 cells printed with %d */
	check_bad_map(remote5_neg, 3, "OF: NUMA: Invalid distance[node0 -> node-1] = 5",
		      "vmlayout: /distance-map: distance-matrix entry 0: two nodes' distance must "
		      "be more than 10 (LOCAL_DISTANCE)");
}

static void test_bad_matrix_property(void)
{
	struct vml_diag diag = {0};

	setup(0, 1);
	set_map(0, qemu_map);
	board.distance_map.has_matrix = false;
	CHECK_EQ_INT(vml_numa_init(&mb, &board, &v6_1, &lo, &diag), 0);
	CHECK_EQ_INT(lo.n_nodes, 1);
	check_msg(1, "OF: NUMA: No distance-matrix property in distance-map");
	check_msg(2, "vmlayout: /distance-map: no distance-matrix property");

	setup(0, 1);
	set_map(3, qemu_map);
	board.distance_map.matrix_len = 10; /* two cells and a half */
	CHECK_EQ_INT(vml_numa_init(&mb, &board, &v6_12, &lo, &diag), 0);
	CHECK_EQ_INT(lo.n_nodes, 1);
	check_msg(1, "OF: size of distance-matrix in node /distance-map is not a multiple of 4");
	check_msg(2, "OF: NUMA: Invalid distance-matrix");
	check_msg(3, "vmlayout: /distance-map: distance-matrix is 10 bytes: it must be a non-empty "
		     "list of 32-bit cells");
	check_msg(4, "NUMA: Faking a node at [mem 0x0000000040000000-0x000000013fffffff]");

	setup(0, 1);
	set_map(0, qemu_map); /* an empty property */
	CHECK_EQ_INT(vml_numa_init(&mb, &board, &v6_1, &lo, &diag), 0);
	CHECK_EQ_INT(lo.n_nodes, 1);
	check_msg(1, "OF: NUMA: Invalid distance-matrix");
}

/* Accepted by of_numa but not by numa_set_distance(): a distance that is
 * no u8, a node beyond the table; each warned about once, the table left
 * as it was; trailing cells ignored. */
static void test_map_ignored_entries(void)
{
	static const uint32_t m[] = {0, 1, 300, 1, 0, 256, 0, 0, 10, 16, 16, 10, 16, 0, 30, 1, 1};
	struct vml_diag diag = {0};

	setup(0, 1);
	set_map(VML_ARRAY_SIZE(m), m);
	CHECK_EQ_INT(vml_numa_init(&mb, &board, &v6_1, &lo, &diag), 0);
	CHECK_EQ_INT(lo.n_nodes, 2);
	CHECK_EQ_INT(vml_numa_node_distance(&lo, 0, 1), 20);
	CHECK_EQ_INT(vml_numa_node_distance(&lo, 1, 0), 20);
	check_msg(0, "OF: NUMA: parsing numa-distance-map-v1");
	check_msg(1, "NUMA: Warning: invalid distance parameter, from=0 to=1 distance=300");
	check_msg(2, "vmlayout: /distance-map: distance-matrix entry 3 names node 16, not below "
		     "MAX_NUMNODES: node_set() writes past numa_nodes_parsed (vmlayout takes it as "
		     "harmless)");
	check_msg(3, "NUMA: Warning: node ids are out of bound, from=16 to=16 distance=10");
	check_msg(4, "vmlayout: /distance-map: distance-matrix entry 4 names node 16, not below "
		     "MAX_NUMNODES: node_set() writes past numa_nodes_parsed (vmlayout takes it as "
		     "harmless)");
	check_msg(5, "vmlayout: /distance-map: distance-matrix ends with 2 cell(s) that make no "
		     "<node node distance> triple: the kernel ignores them");
	check_msg(6, "NUMA: NODE_DATA [mem 0x7fffd380-0x7fffffff]");
}

/* v6.12 sizes the table when the first distance is set: node 2 (a
 * memory-less node the map names later) is out of it. */
static void test_map_v6_12_late_node(void)
{
	static const uint32_t m[] = {0, 0, 10, 0, 1, 20, 1, 1, 10, 2, 2, 10, 2, 0, 20};
	struct vml_diag diag = {0};

	setup(0, 1);
	set_map(VML_ARRAY_SIZE(m), m);
	CHECK_EQ_INT(vml_numa_init(&mb, &board, &v6_12, &lo, &diag), 0);
	CHECK_EQ_INT(lo.n_nodes, 3);
	CHECK_EQ_INT(lo.numa_distance.cnt, 2);
	CHECK_EQ_INT(vml_numa_node_distance(&lo, 2, 0), 20);
	check_msg(1, "Warning: node ids are out of bound, from=2 to=2 distance=10");
	check_msg(2, "NODE_DATA(0) allocated [mem 0x7fffd380-0x7fffffff]");
	check_msg(3, "NODE_DATA(1) allocated [mem 0x13fffc380-0x13fffefff]");
	check_msg(4, "NUMA: Initmem setup node 2 [<memory-less node>]");
	check_msg(5, "NODE_DATA(2) allocated [mem 0x13fff9700-0x13fffc37f]");
	check_msg(6, "    NODE_DATA(2) on node 1");
	CHECK_EQ_INT(lo.n_kmsgs, 7);
}

/* v6.12 of_numa_parse_memory_nodes() returns the last memory node's
 * of_property_read_u32(): -EINVAL when it has no id, whatever came before
 * (fixed upstream only in 2026); no "No NUMA configuration found" either
 * when no node has one (Debian 6.12's riscv64-1g boot prints none). */
static void test_v6_12_last_memory_node_without_id(void)
{
	struct vml_diag diag = {0};

	setup(0, 1);
	board.memory_last_node_lacks_nid = true;
	CHECK_EQ_INT(vml_numa_init(&mb, &board, &v6_12, &lo, &diag), 0);
	CHECK_EQ_INT(lo.n_nodes, 1);
	check_msg(0,
		  "vmlayout: the last memory node has no numa-node-id: v6.12 "
		  "of_numa_parse_memory_nodes() returns -EINVAL and the DT's nodes are given up");
	check_msg(1, "NUMA: Faking a node at [mem 0x0000000040000000-0x000000013fffffff]");
	setup(-1, -1);
	CHECK_EQ_INT(vml_numa_init(&mb, &board, &v6_12, &lo, &diag), 0);
	check_msg(0, "NUMA: Faking a node at [mem 0x0000000040000000-0x000000013fffffff]");
	/* v6.1 does not care */
	setup(0, 1);
	board.memory_last_node_lacks_nid = true;
	CHECK_EQ_INT(vml_numa_init(&mb, &board, &v6_1, &lo, &diag), 0);
	CHECK_EQ_INT(lo.n_nodes, 2);
}

/* v6.12 numa_cleanup_meminfo(): node 0's two banks merge over the hole
 * between them (no other node's block there), and
 * numa_clear_kernel_node_hotplug() gives the reservations made before the
 * parse the node of the block they are in, hole included. */
static void test_v6_12_meminfo_merge_and_reserved_nodes(void)
{
	struct vml_diag diag = {0};

	setup_banks(3, (uint64_t)0x40000000, (uint64_t)0x10000000, 0, (uint64_t)0x60000000,
		    (uint64_t)0x10000000, 0, (uint64_t)0x80000000, (uint64_t)0xc0000000, 1);
	CHECK_EQ_INT(vml_memblock_reserve(&mb, 0x48000000, 0x1000, &diag), 0);
	CHECK_EQ_INT(vml_memblock_reserve(&mb, 0x58000000, 0x1000, &diag), 0); /* the hole */
	CHECK_EQ_INT(vml_memblock_reserve(&mb, 0x90000000, 0x1000, &diag), 0);
	CHECK_EQ_INT(vml_numa_init(&mb, &board, &v6_12, &lo, &diag), 0);
	check_msg(0, "NUMA: Node 0 [mem 0x40000000-0x4fffffff] + [mem 0x60000000-0x6fffffff] -> "
		     "[mem 0x40000000-0x6fffffff]");
	CHECK_EQ_INT(reserved_nid_at(0x48000000), 0);
	CHECK_EQ_INT(reserved_nid_at(0x58000000), 0);
	CHECK_EQ_INT(reserved_nid_at(0x90000000), 1);
	CHECK_EQ_INT(lo.n_nodes, 2);
	/* v6.1 leaves memblock.reserved without nodes */
	setup_banks(2, (uint64_t)0x40000000, (uint64_t)0x40000000, 0, (uint64_t)0x80000000,
		    (uint64_t)0xc0000000, 1);
	CHECK_EQ_INT(vml_memblock_reserve(&mb, 0x48000000, 0x1000, &diag), 0);
	CHECK_EQ_INT(vml_numa_init(&mb, &board, &v6_1, &lo, &diag), 0);
	CHECK_EQ_INT(reserved_nid_at(0x48000000), 16);
}

/* No merge when another node's block lies between. */
static void test_v6_12_no_merge_across_node(void)
{
	struct vml_diag diag = {0};

	setup_banks(3, (uint64_t)0x40000000, (uint64_t)0x10000000, 0, (uint64_t)0x50000000,
		    (uint64_t)0x10000000, 1, (uint64_t)0x60000000, (uint64_t)0x10000000, 0);
	CHECK_EQ_INT(vml_numa_init(&mb, &board, &v6_12, &lo, &diag), 0);
	check_msg(0, "NODE_DATA(0) allocated [mem 0x6fffd380-0x6fffffff]");
	CHECK_EQ_INT(mb.memory.cnt, 3);
}

/* More banks than NR_NODE_MEMBLKS (2 * MAX_NUMNODES: 8 with riscv's
 * NODES_SHIFT 2): "too many memblk ranges", the DT given up. */
static void test_v6_12_too_many_blocks(void)
{
	struct vml_numa_rules r = v6_12;
	struct vml_diag diag = {0};

	r.max_numnodes = 4;
	vml_board_init(&board);
	for (unsigned int i = 0; i < 9; i++) {
		board.memory[i] =
		    (struct vml_range64){0x80000000ULL + i * 0x20000000ULL, 0x10000000};
		board.memory_has_nid[i] = true;
		board.memory_nid[i] = i % 2;
	}
	board.n_memory = 9;
	vml_memblock_init(&mb, mem, 32, res, 32, ~0ULL, 0x1000);
	for (unsigned int i = 0; i < board.n_memory; i++)
		CHECK_EQ_INT(
		    vml_memblock_add(&mb, board.memory[i].base, board.memory[i].size, &diag), 0);
	vml_layout_init(&lo);
	CHECK_EQ_INT(vml_numa_init(&mb, &board, &r, &lo, &diag), 0);
	CHECK_EQ_INT(lo.n_nodes, 1);
	check_msg(0, "too many memblk ranges");
	check_msg(1, "OF: NUMA: bad property in memory node");
	check_msg(2, "NUMA: Faking a node at [mem 0x0000000080000000-0x000000018fffffff]");
}

/* A node vmlayout cannot hold (NODES_SHIFT 6: MAX_NUMNODES 64) is an error,
 * not a kernel message. */
static void test_node_beyond_model(void)
{
	struct vml_numa_rules r = v6_1;
	struct vml_diag diag = {0};

	r.max_numnodes = 64;
	setup(0, 1);
	add_cpu("/cpus/cpu@0", 4, 40);
	CHECK_EQ_INT(vml_numa_init(&mb, &board, &r, &lo, &diag), VML_ERANGE);
	CHECK_EQ_U64(diag.addr, 40);
}

int main(void)
{
	RUN_TEST(test_cpu_adds_memoryless_node_v6_1);
	RUN_TEST(test_cpu_node_id_rules);
	RUN_TEST(test_map_v6_1);
	RUN_TEST(test_map_v6_12_table);
	RUN_TEST(test_no_map_v6_12);
	RUN_TEST(test_map_asymmetric);
	RUN_TEST(test_bad_maps);
	RUN_TEST(test_bad_matrix_property);
	RUN_TEST(test_map_ignored_entries);
	RUN_TEST(test_map_v6_12_late_node);
	RUN_TEST(test_v6_12_last_memory_node_without_id);
	RUN_TEST(test_v6_12_meminfo_merge_and_reserved_nodes);
	RUN_TEST(test_v6_12_no_merge_across_node);
	RUN_TEST(test_v6_12_too_many_blocks);
	RUN_TEST(test_node_beyond_model);
	return CHECK_DONE("test_numa_dt");
}
