/* SPDX-License-Identifier: MIT */
/*
 * The state arch_numa_init() keeps while it parses the DT's NUMA description,
 * shared by the src/core/numa*.c files. Not part of the public API.
 */
#ifndef VMLAYOUT_CORE_NUMA_INTERNAL_H
#define VMLAYOUT_CORE_NUMA_INTERNAL_H

#include "vmlayout/numa.h"

#define LOCAL_DISTANCE 10  /* include/linux/numa.h (v6.1, v6.12) */
#define REMOTE_DISTANCE 20 /* include/linux/topology.h */

/* A struct numa_memblk of v6.12's numa_meminfo (include/linux/numa_memblks.h). */
struct numa_blk {
	uint64_t start, end;
	int nid;
};

struct numa_parse {
	struct vml_memblock *mb;
	const struct vml_numa_rules *r;
	struct vml_layout *lo;
	struct vml_diag *diag;
	bool parsed[VML_LAYOUT_MAX_NODES]; /* numa_nodes_parsed */
	/* v6.12 numa_meminfo: the memory nodes' banks, NR_NODE_MEMBLKS
	 * (2 * MAX_NUMNODES) at most; the board has no more banks than this */
	struct numa_blk blk[VML_BOARD_MAX_MEMORY];
	unsigned int nr_blks;
	/* numa_set_distance()'s pr_warn_once()s: once per boot, across the
	 * DT attempt and the fallback */
	bool warned_bounds, warned_param;
	bool distance_failed; /* v6.12: the table could not be allocated */
};

static inline bool numa_v6_1(const struct numa_parse *p)
{
	return p->r->flavour == VML_NUMA_V6_1;
}

/* A node id vmlayout can hold (nid < VML_LAYOUT_MAX_NODES); VML_ERANGE
 * naming @what otherwise: the kernel would take it, vmlayout cannot. */
int vml_numa_check_model_limit(struct numa_parse *p, uint32_t nid, const char *what);

/* drivers/of/of_numa.c of_numa_init(): cpus, memory nodes, distance map. */
int vml_numa_of_init(struct numa_parse *p, const struct vml_board *b);

/* numa_add_memblk(): v6.1 memblock_set_node() at once, v6.12 a numa_meminfo
 * block ("too many memblk ranges": VML_EINVAL). */
int vml_numa_add_memblk(struct numa_parse *p, int nid, uint64_t start, uint64_t end);
/* v6.12 numa_memblks_init()'s end: numa_cleanup_meminfo() (trim to RAM,
 * merge one node's neighbours) and numa_register_meminfo() (the nodes into
 * memblock.memory, numa_clear_kernel_node_hotplug()'s into .reserved). */
int vml_numa_meminfo_register(struct numa_parse *p);

/* The distance table: numa_alloc_distance() (v6.1: at numa_init(); v6.12:
 * lazily, from numa_set_distance()), numa_free_distance() /
 * numa_reset_distance(), numa_set_distance(). */
int vml_numa_alloc_distance(struct numa_parse *p);
void vml_numa_free_distance(struct numa_parse *p);
void vml_numa_set_distance(struct numa_parse *p, int64_t from, int64_t to, int64_t distance);

#endif
