/* SPDX-License-Identifier: MIT */
/*
 * DOC: NUMA nodes from the DT, as arch_numa_init() sets them up
 *
 * drivers/base/arch_numa.c arch_numa_init() and drivers/of/of_numa.c
 * of_numa_init() (v6.1; v6.12 through mm/numa_memblks.c and mm/numa.c),
 * shared by arm64 and riscv64 (CONFIG_GENERIC_ARCH_NUMA): the memory nodes'
 * "numa-node-id" gives each bank its node in memblock (memblock_set_node()),
 * a cpu's numa-node-id and a numa-distance-map-v1 matrix can add nodes
 * (memory-less ones), the matrix fills the distance table (allocated from
 * memblock: v6.1 always, v6.12 only then), each node parsed gets its
 * pg_data_t (NODE_DATA), from its own memory if it has some; a DT without
 * node ids, an invalid one or an invalid matrix, or "numa=off" gives the
 * fallback: one node 0 over all of RAM ("Faking a node"). The zones per
 * node, the sparse sections per node, the cpus' nodes and the zonelists'
 * fallback order follow. Not modelled: the per-CPU first chunk (one
 * allocation per node with cpus, pcpu_fc_alloc()), ACPI SRAT,
 * numa_emulation (fake= is x86 only), memory nodes that are disabled or
 * not children of the root.
 */
#ifndef VMLAYOUT_NUMA_H
#define VMLAYOUT_NUMA_H

#include "board.h"
#include "layout.h"
#include "memblock.h"

/* Which version of the code runs. */
enum vml_numa_flavour {
	/* v6.1: numa_add_memblk() sets the node in memblock at once; a
	 * MAX_NUMNODES x MAX_NUMNODES distance table comes first (and is freed
	 * when the DT gives no node); "NUMA: NODE_DATA [mem ...]". */
	VML_NUMA_V6_1,
	/* v6.12: the blocks go through numa_meminfo (trimmed to RAM, then set
	 * in memblock); the distance table is made only by a distance map;
	 * "NODE_DATA(N) allocated [mem ...]". */
	VML_NUMA_V6_12,
};

struct vml_numa_rules {
	enum vml_numa_flavour flavour;
	int max_numnodes;	 /* 1 << CONFIG_NODES_SHIFT */
	bool numa_off;		 /* "numa=off" */
	uint64_t node_data_size; /* roundup(sizeof(pg_data_t), SMP_CACHE_BYTES) */
	uint64_t page_size;
};

/**
 * vml_numa_init() - arch_numa_init(): node ids into memblock, NODE_DATA
 * @mb: the memblock after paging_init() (memory as the kernel keeps it)
 * @board: the board, for each bank's numa-node-id
 * @r: the rules of the modelled kernel
 * @lo: receives the nodes (lo->nodes: nid, pfn span, NODE_DATA), the
 *      kernel's messages and the NODE_DATA reservations
 *
 * Return: 0, or VML_ENOMEM when a NODE_DATA does not fit (the kernel
 * panics), VML_ENOMEM from the layout's tables.
 */
int vml_numa_init(struct vml_memblock *mb, const struct vml_board *board,
		  const struct vml_numa_rules *r, struct vml_layout *lo, struct vml_diag *diag);

/* node_distance(): the table's entry, else 10 to itself and 20 elsewhere
 * (__node_distance(), drivers/base/arch_numa.c v6.1, mm/numa_memblks.c
 * v6.12). */
int vml_numa_node_distance(const struct vml_layout *lo, int from, int to);

/**
 * vml_numa_map_cpus() - smp_init_cpus()'s early_map_cpu_to_node() for each
 * of @board's cpus (arm64 of_parse_and_init_cpus(), riscv setup_smp(); v6.1,
 * v6.12): of_node_to_nid() (the cpu's numa-node-id, else its parents'),
 * node 0 when that is no possible node or NUMA is off (also after the
 * fallback); fills lo->nodes[].cpus, may print of_node_to_nid()'s warning.
 */
void vml_numa_map_cpus(struct vml_layout *lo, const struct vml_board *board,
		       const struct vml_numa_rules *r);

/**
 * vml_numa_fallback_order() - build_all_zonelists()'s "Fallback order for
 * Node N: ..." lines (mm/page_alloc.c build_zonelists(),
 * find_next_best_node(), v6.1 and v6.12), after vml_numa_node_zones().
 */
void vml_numa_fallback_order(struct vml_layout *lo, const struct vml_numa_rules *r);

/**
 * vml_numa_node_zones() - each node's zones: lo->zones' ranges clipped to
 * the node's span, its present pages counted over the memblock memory of
 * that node (for_each_mem_pfn_range(): NOMAP included)
 */
void vml_numa_node_zones(struct vml_layout *lo, const struct vml_memblock *mb,
			 unsigned int page_shift);

/* num_node_state(N_MEMORY): the nodes with present pages. */
unsigned int vml_numa_memory_nodes(const struct vml_layout *lo);

/* The node of a memory section: memblocks_present() gives each present
 * section the node of the last memory range in it (mm/sparse.c v6.1,
 * v6.12); -1 when no memory lies in it. */
int vml_numa_section_nid(const struct vml_memblock *mb, uint64_t section,
			 unsigned int section_bits);

/* The first present section at or after @from (memblocks_present(): a
 * whole page of a memory region, NOMAP included); false: none. */
bool vml_numa_next_present_section(const struct vml_memblock *mb, unsigned int section_bits,
				   uint64_t from, uint64_t *found);

/**
 * vml_numa_next_section_run() - sparse_init()'s runs: consecutive present
 * sections of one node (holes skipped), in ascending order (mm/sparse.c sparse_init():
 * one sparse_init_nid() per run)
 * @section: in: where to start looking; out: one past the run
 * @first, @count, @nid: the run
 * Return: false when no present section is left at or after *@section.
 */
bool vml_numa_next_section_run(const struct vml_memblock *mb, unsigned int section_bits,
			       uint64_t *section, uint64_t *first, uint64_t *count, int *nid);

/**
 * vml_numa_next_root() - SPARSEMEM_EXTREME's used roots and their nodes
 * @root: in: the first root to look at; out: one past the one found
 * @nid: the node the root's page of struct mem_section is allocated on:
 *       that of the first memory region reaching it (memory_present() ->
 *       sparse_index_init(), mm/sparse.c v6.1, v6.12)
 * Return: false when no used root is left.
 */
bool vml_numa_next_root(const struct vml_memblock *mb, unsigned int section_bits,
			uint64_t sections_per_root, uint64_t *root, int *nid);

#endif
