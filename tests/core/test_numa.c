/* SPDX-License-Identifier: MIT */
/* arch_numa_init() on a DT (src/core/numa.c): node ids into memblock,
 * NODE_DATA per node, the fallback node, the kernel's messages, the nodes'
 * zones and sparse_init()'s runs (src/core/numa_sections.c). The expected
 * NODE_DATA of node 0 is what Debian's 6.1 arm64 kernel printed on the
 * arm64-4g-numa2 board ("NUMA: NODE_DATA [mem 0x7fffd380-0x7fffffff]"). */
#include "numa_fixture.h"

static void test_numa_two_nodes_v6_1(void)
{
	struct vml_diag diag = {0};

	setup(0, 1);
	CHECK_EQ_INT(vml_numa_init(&mb, &board, &v6_1, &lo, &diag), 0);
	CHECK_EQ_INT(mb.memory.cnt, 2);
	CHECK_EQ_INT(mb.memory.regions[0].nid, 0);
	CHECK_EQ_INT(mb.memory.regions[1].nid, 1);
	CHECK_EQ_INT(lo.n_nodes, 2);
	CHECK_EQ_U64(lo.nodes[0].start_pfn, 0x40000);
	CHECK_EQ_U64(lo.nodes[0].end_pfn, 0x80000);
	CHECK_EQ_U64(lo.nodes[0].node_data, 0x7fffd380);
	CHECK_EQ_INT(lo.nodes[0].node_data_nid, 0);
	CHECK_EQ_U64(lo.nodes[1].start_pfn, 0x80000);
	CHECK_EQ_U64(lo.nodes[1].end_pfn, 0x140000);
	/* the 256-byte distance table took the top page of node 1 first */
	CHECK_EQ_U64(lo.nodes[1].node_data, 0x13fffd380 - 0x1000);
	CHECK_EQ_INT(lo.n_kmsgs, 2);
	check_msg(0, "NUMA: NODE_DATA [mem 0x7fffd380-0x7fffffff]");
	check_msg(1, "NUMA: NODE_DATA [mem 0x13fffc380-0x13fffefff]");
	/* reserved: the distance table and the two pg_data_t */
	CHECK_EQ_U64(mb.reserved.total_size, 0x100 + 2 * 0x2c80);
}

static void test_numa_two_nodes_v6_12(void)
{
	struct vml_diag diag = {0};

	setup(0, 1);
	CHECK_EQ_INT(vml_numa_init(&mb, &board, &v6_12, &lo, &diag), 0);
	CHECK_EQ_INT(lo.n_nodes, 2);
	CHECK_EQ_U64(lo.nodes[1].node_data, 0x13fffd380); /* no distance table */
	check_msg(0, "NODE_DATA(0) allocated [mem 0x7fffd380-0x7fffffff]");
	check_msg(1, "NODE_DATA(1) allocated [mem 0x13fffd380-0x13fffffff]");
}

/* No numa-node-id: "No NUMA configuration found", the table freed, then
 * dummy_numa_init() with a new one, node 0 over all of RAM. */
static void test_numa_no_node_ids_fakes_node_0(void)
{
	struct vml_diag diag = {0};

	setup(-1, -1);
	CHECK_EQ_INT(vml_numa_init(&mb, &board, &v6_1, &lo, &diag), 0);
	CHECK_EQ_INT(mb.memory.cnt, 1);
	CHECK_EQ_INT(mb.memory.regions[0].nid, 0);
	CHECK_EQ_INT(lo.n_nodes, 1);
	CHECK_EQ_U64(lo.nodes[0].end_pfn, 0x140000);
	CHECK_EQ_U64(lo.nodes[0].node_data, 0x13fffd380 - 0x1000);
	CHECK_EQ_INT(lo.n_kmsgs, 3);
	check_msg(0, "NUMA: No NUMA configuration found");
	check_msg(1, "NUMA: Faking a node at [mem 0x0000000040000000-0x000000013fffffff]");
	check_msg(2, "NUMA: NODE_DATA [mem 0x13fffc380-0x13fffefff]");
	CHECK_EQ_U64(mb.reserved.total_size, 0x100 + 0x2c80);
}

static void test_numa_node_id_too_big(void)
{
	struct vml_diag diag = {0};

	setup(0, 16);
	CHECK_EQ_INT(vml_numa_init(&mb, &board, &v6_1, &lo, &diag), 0);
	CHECK_EQ_INT(lo.n_nodes, 1);
	CHECK_EQ_INT(mb.memory.regions[0].nid, 0);
	check_msg(0, "OF: NUMA: Node id 16 exceeds maximum value");
	check_msg(1, "OF: NUMA: bad property in memory node");
	check_msg(2, "NUMA: Faking a node at [mem 0x0000000040000000-0x000000013fffffff]");
}

/* One bank without an id: v6.1 numa_register_nodes() rejects the region,
 * v6.12 memblock_validate_numa_coverage() counts its MiB. */
static void test_numa_bank_without_node(void)
{
	struct vml_diag diag = {0};

	setup(0, -1);
	CHECK_EQ_INT(vml_numa_init(&mb, &board, &v6_1, &lo, &diag), 0);
	CHECK_EQ_INT(lo.n_nodes, 1);
	check_msg(0, "NUMA: Warning: invalid memblk node 16 "
		     "[mem 0x0000000080000000-0x000000013fffffff]");
	check_msg(1, "NUMA: Faking a node at [mem 0x0000000040000000-0x000000013fffffff]");
	setup(0, -1);
	CHECK_EQ_INT(vml_numa_init(&mb, &board, &v6_12, &lo, &diag), 0);
	CHECK_EQ_INT(lo.n_nodes, 1);
	check_msg(0, "NUMA: no nodes coverage for 3072MB of 4096MB RAM");
	check_msg(1, "NUMA: Faking a node at [mem 0x0000000040000000-0x000000013fffffff]");
	CHECK_EQ_INT(mb.memory.cnt, 1);
}

static void test_numa_off(void)
{
	struct vml_numa_rules off = v6_1;
	struct vml_diag diag = {0};

	off.numa_off = true;
	setup(0, 1);
	CHECK_EQ_INT(vml_numa_init(&mb, &board, &off, &lo, &diag), 0);
	CHECK_EQ_INT(lo.n_nodes, 1);
	check_msg(0, "NUMA: NUMA disabled");
	check_msg(1, "NUMA: Faking a node at [mem 0x0000000040000000-0x000000013fffffff]");
	/* only the dummy's table: the DT's was never made */
	CHECK_EQ_U64(mb.reserved.total_size, 0x100 + 0x2c80);
}

/* The zones DMA [1G, 4G) and Normal [4G, 5G) clipped to each node. */
static void test_numa_node_zones(void)
{
	struct vml_diag diag = {0};

	setup(0, 1);
	CHECK_EQ_INT(vml_numa_init(&mb, &board, &v6_1, &lo, &diag), 0);
	lo.n_zones = 2;
	lo.zones[0] = (struct vml_zone){"DMA", 0x40000, 0x100000, 0xc0000, 0, 0};
	lo.zones[1] = (struct vml_zone){"Normal", 0x100000, 0x140000, 0x40000, 0, 0};
	vml_numa_node_zones(&lo, &mb, 12);
	CHECK_EQ_U64(lo.nodes[0].zones[0].start_pfn, 0x40000);
	CHECK_EQ_U64(lo.nodes[0].zones[0].end_pfn, 0x80000);
	CHECK_EQ_U64(lo.nodes[0].zones[0].present_pages, 0x40000);
	CHECK_EQ_U64(lo.nodes[0].zones[1].end_pfn - lo.nodes[0].zones[1].start_pfn, 0);
	CHECK_EQ_U64(lo.nodes[1].zones[0].start_pfn, 0x80000);
	CHECK_EQ_U64(lo.nodes[1].zones[0].present_pages, 0x80000);
	CHECK_EQ_U64(lo.nodes[1].zones[1].start_pfn, 0x100000);
	CHECK_EQ_U64(lo.nodes[1].zones[1].present_pages, 0x40000);
	CHECK_EQ_INT(vml_numa_memory_nodes(&lo), 2);
}

/* 128 MiB sections: node 0 [0, 200M) and node 1 [200M, 300M) and
 * [1G, 1G+128M): section 1 is shared and goes to node 1 (the later
 * region); node 1's run skips the hole between sections 2 and 8. */
static void test_numa_section_runs(void)
{
	struct vml_diag diag = {0};
	uint64_t section = 0, first, count;
	int nid;

	vml_memblock_init(&mb, mem, 32, res, 32, ~0ULL, 0x1000);
	CHECK_EQ_INT(vml_memblock_add_node(&mb, 0x1000, 200 * VML_SZ_1M - 0x1000, 0, 0, &diag), 0);
	CHECK_EQ_INT(vml_memblock_add_node(&mb, 200 * VML_SZ_1M, 100 * VML_SZ_1M, 1, 0, &diag), 0);
	CHECK_EQ_INT(vml_memblock_add_node(&mb, VML_SZ_1G, 128 * VML_SZ_1M, 1, 0, &diag), 0);
	CHECK_EQ_INT(vml_numa_section_nid(&mb, 0, 27), 0);
	CHECK_EQ_INT(vml_numa_section_nid(&mb, 1, 27), 1);
	CHECK_EQ_INT(vml_numa_section_nid(&mb, 3, 27), -1);
	CHECK(vml_numa_next_section_run(&mb, 27, &section, &first, &count, &nid));
	CHECK_EQ_U64(first, 0);
	CHECK_EQ_U64(count, 1);
	CHECK_EQ_INT(nid, 0);
	CHECK(vml_numa_next_section_run(&mb, 27, &section, &first, &count, &nid));
	CHECK_EQ_U64(first, 1);
	CHECK_EQ_U64(count, 3); /* sections 1, 2 and 8 */
	CHECK_EQ_INT(nid, 1);
	CHECK_EQ_U64(section, 9);
	CHECK(!vml_numa_next_section_run(&mb, 27, &section, &first, &count, &nid));
}

int main(void)
{
	RUN_TEST(test_numa_two_nodes_v6_1);
	RUN_TEST(test_numa_two_nodes_v6_12);
	RUN_TEST(test_numa_no_node_ids_fakes_node_0);
	RUN_TEST(test_numa_node_id_too_big);
	RUN_TEST(test_numa_bank_without_node);
	RUN_TEST(test_numa_off);
	RUN_TEST(test_numa_node_zones);
	RUN_TEST(test_numa_section_runs);
	return CHECK_DONE("test_numa");
}
