/* SPDX-License-Identifier: MIT */
/*
 * The boards and helpers the NUMA tests share (test_numa*.c): memory banks
 * on nodes as QEMU's arm64 virt machine gives them with -numa, the memblock
 * they make, and the kernel's messages read back as text.
 */
#ifndef VMLAYOUT_TEST_NUMA_FIXTURE_H
#define VMLAYOUT_TEST_NUMA_FIXTURE_H

#include <stdarg.h>
#include <string.h>

#include "check.h"
#include "core/kmsg_check.h"
#include "vmlayout/numa.h"
#include "vmlayout/report.h"

static struct vml_memblock_region mem[32], res[32];
static struct vml_memblock mb;
static struct vml_layout lo;
static struct vml_board board;

/* arm64's Debian build: MAX_NUMNODES 16, pg_data_t 0x2c80 bytes */
static const struct vml_numa_rules v6_1 = {VML_NUMA_V6_1, 16, false, 0x2c80, 0x1000};
static const struct vml_numa_rules v6_12 = {VML_NUMA_V6_12, 16, false, 0x2c80, 0x1000};

/* @n banks of (base, size, node id or -1 for none), in DT order. */
static inline void setup_banks(unsigned int n, ...)
{
	struct vml_diag diag = {0};
	va_list ap;

	vml_board_init(&board);
	va_start(ap, n);
	for (unsigned int i = 0; i < n; i++) {
		uint64_t base = va_arg(ap, uint64_t), size = va_arg(ap, uint64_t);
		int nid = va_arg(ap, int);

		board.memory[i] = (struct vml_range64){base, size};
		board.memory_has_nid[i] = nid >= 0;
		board.memory_nid[i] = (uint32_t)nid;
	}
	va_end(ap);
	board.n_memory = n;
	vml_memblock_init(&mb, mem, 32, res, 32, ~0ULL, 0x1000);
	for (unsigned int i = 0; i < board.n_memory; i++)
		CHECK_EQ_INT(
		    vml_memblock_add(&mb, board.memory[i].base, board.memory[i].size, &diag), 0);
	vml_layout_init(&lo);
}

/* 1 GiB at 0x40000000 and 3 GiB at 0x80000000, with the node ids given
 * (-1: none), as the arm64-4g-numa2 board's DT. */
static inline void setup(int nid0, int nid1)
{
	setup_banks(2, (uint64_t)0x40000000, (uint64_t)0x40000000, nid0, (uint64_t)0x80000000,
		    (uint64_t)0xc0000000, nid1);
}

/* A cpu node with a numa-node-id of @len bytes (0: none). */
static inline void add_cpu(const char *path, uint32_t len, uint32_t nid)
{
	struct vml_board_cpu *cpu = &board.cpus[board.n_cpus++];

	snprintf(cpu->path, sizeof(cpu->path), "%s", path);
	cpu->nid = (struct vml_board_nid){len != 0, len, len >= 4 ? nid : 0};
}

/* /distance-map with @n cells of distance-matrix. */
static inline void set_map(unsigned int n, const uint32_t *cells)
{
	board.distance_map.present = true;
	snprintf(board.distance_map.path, sizeof(board.distance_map.path), "/distance-map");
	board.distance_map.has_matrix = true;
	board.distance_map.matrix_len = n * 4;
	memcpy(board.distance_map.cells, cells, n * sizeof(*cells));
}

/* @want without the message's trailing newline */
static inline void check_msg(unsigned int i, const char *want)
{
	check_kmsg(&lo, i, want);
}

/* The reserved region holding @base: its node (-2: none there). */
static inline int reserved_nid_at(uint64_t base)
{
	for (unsigned int i = 0; i < mb.reserved.cnt; i++)
		if (base >= mb.reserved.regions[i].base &&
		    base - mb.reserved.regions[i].base < mb.reserved.regions[i].size)
			return mb.reserved.regions[i].nid;
	return -2;
}

#endif
