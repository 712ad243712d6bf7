/* SPDX-License-Identifier: MIT */
/* What follows from the nodes and the distance table: the cpus' nodes
 * (src/core/numa_cpus.c), build_all_zonelists()' "Fallback order" lines
 * (numa_zonelists.c), and, on random DT descriptions, the invariants of
 * vml_numa_init() (everything the kernel gives up is freed, the table
 * keeps 10 on its diagonal, the fallback is one node). Each expected order
 * is worked out by hand in the comment above its test from
 * find_next_best_node()'s (distance + (n < local)) * MAX_NUMNODES +
 * node_load[n]. */
#include "numa_fixture.h"

/* One zone over the whole of RAM, for N_MEMORY. */
static void zones_over(uint64_t start_pfn, uint64_t end_pfn)
{
	lo.n_zones = 1;
	lo.zones[0] = (struct vml_zone){"DMA", start_pfn, end_pfn, end_pfn - start_pfn, 0, 0};
	vml_numa_node_zones(&lo, &mb, 12);
}

/* Three 1 GiB nodes, asymmetric: rows 0: 10 30 20, 1: 40 10 25, 2: 20 25
 * 10 (1 -> 0 is set to 30 by 0 -> 1, then to 40).
 * Node 0: 2 (320) before 1 (480); load[2], load[1] = 1.
 * Node 1: 2 (25 * 16 + 1 = 401) before 0 (41 * 16 = 656); load[2] = 2,
 * load[0] = 1. Node 2: 0 (21 * 16 + 1 = 337) before 1 (26 * 16 + 1). */
static void test_fallback_order_asymmetric(void)
{
	static const uint32_t m[] = {0,	 0, 10, 0,  1, 30, 0,  2, 20, 1, 0,
				     40, 1, 1,	10, 1, 2,  25, 2, 2,  10};
	struct vml_diag diag = {0};

	setup_banks(3, (uint64_t)0x40000000, (uint64_t)0x40000000, 0, (uint64_t)0x80000000,
		    (uint64_t)0x40000000, 1, (uint64_t)0xc0000000, (uint64_t)0x40000000, 2);
	set_map(VML_ARRAY_SIZE(m), m);
	CHECK_EQ_INT(vml_numa_init(&mb, &board, &v6_1, &lo, &diag), 0);
	zones_over(0x40000, 0x100000);
	lo.n_kmsgs = 0;
	vml_numa_fallback_order(&lo, &v6_1);
	CHECK_EQ_INT(lo.n_kmsgs, 3);
	check_msg(0, "Fallback order for Node 0: 0 2 1 ");
	check_msg(1, "Fallback order for Node 1: 1 2 0 ");
	check_msg(2, "Fallback order for Node 2: 2 0 1 ");
}

/* A memory-less node 2 (a cpu's): v6.1 lists it first in its own order,
 * v6.12 skips it; 0 and 1 tie at 21 * 16 + 1 and the lower wins. */
static void test_fallback_order_memoryless(void)
{
	struct vml_diag diag = {0};

	setup(0, 1);
	add_cpu("/cpus/cpu@0", 4, 2);
	CHECK_EQ_INT(vml_numa_init(&mb, &board, &v6_1, &lo, &diag), 0);
	zones_over(0x40000, 0x140000);
	lo.n_kmsgs = 0;
	vml_numa_fallback_order(&lo, &v6_1);
	check_msg(0, "Fallback order for Node 0: 0 1 ");
	check_msg(1, "Fallback order for Node 1: 1 0 ");
	check_msg(2, "Fallback order for Node 2: 2 0 1 ");
	lo.n_kmsgs = 0;
	vml_numa_fallback_order(&lo, &v6_12);
	check_msg(2, "Fallback order for Node 2: 0 1 ");
}

/* cpu@0 on its own id; cpu@1 without one takes /cpus's; cpu@2's short
 * property stops of_node_to_nid() with a warning (node 0); cpu@3's 16 is
 * no possible node (node 0). After a fallback every cpu is on node 0. */
static void test_cpu_nodes(void)
{
	struct vml_diag diag = {0};

	setup(0, 1);
	add_cpu("/cpus/cpu@0", 4, 0);
	add_cpu("/cpus/cpu@1", 0, 0);
	add_cpu("/cpus/cpu@2", 2, 0);
	add_cpu("/cpus/cpu@3", 4, 16);
	board.cpus_node_nid = (struct vml_board_nid){true, 4, 1};
	CHECK_EQ_INT(vml_numa_init(&mb, &board, &v6_1, &lo, &diag), 0);
	lo.n_kmsgs = 0;
	vml_numa_map_cpus(&lo, &board, &v6_1);
	CHECK_EQ_U64(lo.nodes[0].cpus[0], 0xd);
	CHECK_EQ_U64(lo.nodes[1].cpus[0], 0x2);
	CHECK_EQ_INT(lo.n_kmsgs, 1);
	check_msg(0, "OF: NUMA: Invalid \"numa-node-id\" property in node cpu@2");

	setup(0, 1);
	add_cpu("/cpus/cpu@0", 4, 1);
	board.memory_last_node_lacks_nid = true; /* v6.12 gives up */
	CHECK_EQ_INT(vml_numa_init(&mb, &board, &v6_12, &lo, &diag), 0);
	vml_numa_map_cpus(&lo, &board, &v6_12);
	CHECK_EQ_U64(lo.nodes[0].cpus[0], 0x1);
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint32_t rnd(uint32_t n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state % n);
}

/* A node id as a DT might have one: mostly small, sometimes too big. */
static uint32_t rnd_nid(void)
{
	static const uint32_t odd[] = {16, 17, 63, 0xffffffff};

	return rnd(8) ? rnd(4) : odd[rnd(4)];
}

static void random_board(void)
{
	static const uint32_t dist[] = {10, 20, 9, 11, 255, 256, 0, 30};
	uint32_t cells[24];
	unsigned int n = rnd(25);

	setup((int)rnd(3) - 1, (int)rnd(3) - 1);
	for (unsigned int i = 0, cpus = rnd(4); i < cpus; i++)
		add_cpu("/cpus/cpu", rnd(6) ? 4 : rnd(9), rnd_nid());
	for (unsigned int i = 0; i < n; i++)
		cells[i] = i % 3 == 2 ? dist[rnd(8)] : rnd_nid();
	if (rnd(4))
		set_map(n, cells);
	board.memory_last_node_lacks_nid = !rnd(8);
}

static void check_invariants(const struct vml_numa_rules *r)
{
	uint64_t node_data = 0;

	CHECK(lo.n_nodes >= 1);
	for (unsigned int k = 0; k < lo.n_nodes; k++) {
		node_data += lo.nodes[k].node_data_size;
		CHECK(k == 0 || lo.nodes[k].nid > lo.nodes[k - 1].nid);
		CHECK(vml_memblock_is_memory(&mb, lo.nodes[k].node_data));
		CHECK_EQ_INT(vml_numa_node_distance(&lo, lo.nodes[k].nid, lo.nodes[k].nid), 10);
		for (unsigned int j = 0; j < lo.n_nodes; j++)
			CHECK(j == k ||
			      vml_numa_node_distance(&lo, lo.nodes[k].nid, lo.nodes[j].nid) > 10);
	}
	/* what a given-up attempt allocated was freed */
	CHECK_EQ_U64(mb.reserved.total_size, node_data + lo.numa_distance.size);
	CHECK(r->flavour != VML_NUMA_V6_1 || lo.numa_distance.size == 256);
	for (unsigned int i = 0; i < mb.memory.cnt; i++)
		CHECK(mb.memory.regions[i].nid >= 0 && mb.memory.regions[i].nid < 16);
	if (lo.numa_faked) {
		CHECK_EQ_INT(lo.n_nodes, 1);
		CHECK_EQ_INT(lo.nodes[0].nid, 0);
		CHECK_EQ_U64(lo.nodes[0].end_pfn, 0x140000);
	}
}

static void test_random_descriptions(void)
{
	for (int i = 0; i < 3000; i++) {
		const struct vml_numa_rules *r = i % 2 ? &v6_12 : &v6_1;
		struct vml_diag diag = {0};

		random_board();
		CHECK_EQ_INT(vml_numa_init(&mb, &board, r, &lo, &diag), 0);
		check_invariants(r);
		zones_over(0x40000, 0x140000);
		vml_numa_map_cpus(&lo, &board, r);
		vml_numa_fallback_order(&lo, r);
	}
}

int main(void)
{
	RUN_TEST(test_fallback_order_asymmetric);
	RUN_TEST(test_fallback_order_memoryless);
	RUN_TEST(test_cpu_nodes);
	RUN_TEST(test_random_descriptions);
	return CHECK_DONE("test_numa_order");
}
