/* SPDX-License-Identifier: MIT */
/* numa-node-id on /memory nodes (drivers/of/of_numa.c
 * of_numa_parse_memory_nodes(), v6.12) read into the board, and the banks
 * given to the memblock model on their nodes as the kernel's
 * numa_register_nodes() -> memblock_set_node() would; the cpus' ids and
 * the distance map as read (src/host/dt_numa.c). Run from the repository
 * root. */
#include <string.h>

#include "check.h"
#include "vmlayout/host_input.h"
#include "vmlayout/memblock.h"

#define DTS "tests/host/dts/"

static struct vml_board board;

static void test_dt_numa_node_ids_per_bank(void)
{
	struct vml_host_error err = {""};

	CHECK_EQ_INT(vml_dt_load_file(DTS "numa-nodes.dts", &board, &err), 0);
	CHECK_EQ_INT(board.n_memory, 4);
	/* bank order is DT order; the second node's two reg entries both get 1 */
	CHECK_EQ_U64(board.memory[0].base, 0x80000000);
	CHECK(board.memory_has_nid[0]);
	CHECK_EQ_INT(board.memory_nid[0], 0);
	CHECK_EQ_U64(board.memory[1].base, 0x880000000ULL);
	CHECK(board.memory_has_nid[1]);
	CHECK_EQ_INT(board.memory_nid[1], 1);
	CHECK_EQ_U64(board.memory[2].base, 0x8c0000000ULL);
	CHECK(board.memory_has_nid[2]);
	CHECK_EQ_INT(board.memory_nid[2], 1);
	CHECK_EQ_U64(board.memory[3].base, 0xc0000000);
	CHECK(!board.memory_has_nid[3]);
}

static void test_dt_numa_node_id_must_be_one_cell(void)
{
	struct vml_host_error err = {""};

	CHECK_EQ_INT(vml_dt_load_file(DTS "bad-numa-node-id.dts", &board, &err), VML_EINVAL);
	CHECK_EQ_STR(err.msg, DTS "bad-numa-node-id.dts: node /memory@80000000: property "
				  "numa-node-id is 8 bytes, want one 4-byte cell");
}

/* The banks in memblock: added with memblock_add() (node MAX_NUMNODES),
 * then memblock_set_node() per bank with an id. [0x80000000, 0xc0000000)
 * node 0 and [0xc0000000, 0xd0000000) without node touch but stay apart;
 * the two node-1 banks touch and merge. */
static void test_dt_numa_banks_in_memblock(void)
{
	static struct vml_memblock_region mem[8], res[8];
	struct vml_host_error err = {""};
	struct vml_memblock mb;
	struct vml_diag diag = {0};

	CHECK_EQ_INT(vml_dt_load_file(DTS "numa-nodes.dts", &board, &err), 0);
	vml_memblock_init(&mb, mem, 8, res, 8, ~0ULL, 0x1000);
	for (unsigned int i = 0; i < board.n_memory; i++)
		CHECK_EQ_INT(
		    vml_memblock_add(&mb, board.memory[i].base, board.memory[i].size, &diag), 0);
	/* memblock_add merges what touches: [0x80000000, 0xd0000000) and
	 * [0x880000000, 0x8e0000000) */
	CHECK_EQ_INT(mb.memory.cnt, 2);
	for (unsigned int i = 0; i < board.n_memory; i++)
		if (board.memory_has_nid[i])
			CHECK_EQ_INT(vml_memblock_set_node(&mb, board.memory[i].base,
							   board.memory[i].size, &mb.memory,
							   (int)board.memory_nid[i], &diag),
				     0);
	CHECK_EQ_INT(mb.memory.cnt, 3);
	CHECK_EQ_U64(mb.memory.regions[0].base, 0x80000000);
	CHECK_EQ_U64(mb.memory.regions[0].size, 0x40000000);
	CHECK_EQ_INT(mb.memory.regions[0].nid, 0);
	CHECK_EQ_U64(mb.memory.regions[1].base, 0xc0000000);
	CHECK_EQ_U64(mb.memory.regions[1].size, 0x10000000);
	CHECK_EQ_INT(mb.memory.regions[1].nid, VML_MAX_NUMNODES_DEFAULT);
	/* 0x40000000 + 0x20000000 */
	CHECK_EQ_U64(mb.memory.regions[2].base, 0x880000000ULL);
	CHECK_EQ_U64(mb.memory.regions[2].size, 0x60000000);
	CHECK_EQ_INT(mb.memory.regions[2].nid, 1);
}

static void test_dt_numa_cpus_and_map(void)
{
	struct vml_host_error err = {""};
	const struct vml_board_distance_map *m = &board.distance_map;

	CHECK_EQ_INT(vml_dt_load_file(DTS "numa-cpus-map.dts", &board, &err), 0);
	/* cpu@2 is "fail"; cpu-map is no cpu; core@3 is one by device_type */
	CHECK_EQ_INT(board.n_cpus, 3);
	CHECK_EQ_STR(board.cpus[0].path, "/cpus/cpu@0");
	CHECK(board.cpus[0].nid.present);
	CHECK_EQ_INT(board.cpus[0].nid.len, 4);
	CHECK_EQ_INT(board.cpus[0].nid.value, 0);
	CHECK_EQ_STR(board.cpus[1].path, "/cpus/cpu@1"); /* "disabled" counts */
	CHECK_EQ_INT(board.cpus[1].nid.len, 8);
	CHECK_EQ_INT(board.cpus[1].nid.value, 0); /* the first cell of a 64-bit 2 */
	CHECK_EQ_STR(board.cpus[2].path, "/cpus/core@3");
	CHECK_EQ_INT(board.cpus[2].nid.len, 2);
	CHECK(board.cpus_node_nid.present);
	CHECK_EQ_INT(board.cpus_node_nid.value, 1);
	CHECK_EQ_INT(board.root_nid.value, 3);
	CHECK(board.memory_last_node_lacks_nid);
	CHECK(m->present);
	CHECK_EQ_STR(m->path, "/soc/distance-map");
	CHECK(m->has_matrix);
	CHECK_EQ_INT(m->matrix_len, 36);
	CHECK_EQ_INT(m->cells[4], 1);
	CHECK_EQ_INT(m->cells[5], 20);
	/* numa-nodes.dts: its last memory node has no id either; no map */
	CHECK_EQ_INT(vml_dt_load_file(DTS "numa-nodes.dts", &board, &err), 0);
	CHECK(board.memory_last_node_lacks_nid);
	CHECK(!board.distance_map.present);
	CHECK_EQ_INT(board.n_cpus, 0);
}

/* What the possible cpus depend on (src/host/dt_numa.c read_cpu_boot()):
 * reg read in /cpus's two cells (cpu@1's 0x100000000), enable-method,
 * cpu-release-addr only when 8 bytes, status, riscv's compatible and ISA
 * strings (their first 7 characters), isa-extensions with i, m and a. */
static void test_dt_cpus_boot_properties(void)
{
	struct vml_host_error err = {""};
	const struct vml_board_cpu *c = board.cpus;

	CHECK_EQ_INT(vml_dt_load_file(DTS "cpus-boot.dts", &board, &err), 0);
	CHECK_EQ_INT(board.n_cpus, 4);
	CHECK(c[0].has_hwid);
	CHECK_EQ_U64(c[0].hwid, 0x100);
	CHECK_EQ_STR(c[0].enable_method, "psci");
	CHECK(c[0].available);
	CHECK(!c[0].riscv_compatible);
	CHECK_EQ_U64(c[1].hwid, 0x100000000ULL);
	CHECK_EQ_STR(c[1].enable_method, "spin-table");
	CHECK(c[1].has_cpu_release_addr);
	CHECK(!c[1].available);
	CHECK(!c[2].has_hwid);		   /* no reg */
	CHECK(!c[2].has_cpu_release_addr); /* 4 bytes: of_property_read_u64() fails */
	CHECK_EQ_STR(c[2].enable_method, "");
	CHECK(c[2].riscv_compatible);
	CHECK(c[2].has_isa && c[2].has_isa_base && c[2].has_isa_extensions);
	CHECK_EQ_STR(c[2].isa, "rv64ima");
	CHECK_EQ_STR(c[2].isa_base, "rv64i");
	CHECK(c[2].isa_extensions_ima);
	CHECK(c[3].available);
	CHECK(c[3].has_isa_extensions && !c[3].isa_extensions_ima);
	CHECK(!c[3].has_isa);
}

int main(void)
{
	RUN_TEST(test_dt_numa_node_ids_per_bank);
	RUN_TEST(test_dt_numa_node_id_must_be_one_cell);
	RUN_TEST(test_dt_numa_banks_in_memblock);
	RUN_TEST(test_dt_numa_cpus_and_map);
	RUN_TEST(test_dt_cpus_boot_properties);
	return CHECK_DONE("test_dt_numa");
}
