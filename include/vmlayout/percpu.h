/* SPDX-License-Identifier: MIT */
/*
 * DOC: the per-CPU first chunk, taken from memblock
 *
 * start_kernel() -> setup_per_cpu_areas() runs after setup_arch() and
 * before build_all_zonelists(), vfs_caches_init_early() (the hash tables)
 * and mm_init()'s mem_init() (init/main.c v6.1, v6.12). On arm64 and riscv64
 * NUMA builds it is drivers/base/arch_numa.c's, else mm/percpu.c's generic
 * one (32-bit arm); both call pcpu_embed_first_chunk(PERCPU_MODULE_RESERVE,
 * PERCPU_DYNAMIC_RESERVE, PAGE_SIZE, ...) (mm/percpu.c v6.1, v6.12):
 *
 *   pcpu_build_alloc_info(): size_sum = PFN_ALIGN(static + reserved +
 *     max(dyn, PERCPU_DYNAMIC_EARLY_SIZE)), the dynamic part grows to fill
 *     it; the unit is max(size_sum, PCPU_MIN_UNIT_SIZE) rounded up to the
 *     atom, divided by the units per allocation (upa) that waste at most a
 *     third of the possible cpus; the possible cpus grouped by node (the
 *     arch_numa build: cpus LOCAL_DISTANCE apart both ways, i.e. on one node;
 *     the generic one: one group); then pcpu_alloc_alloc_info(): one
 *     memblock_alloc(PFN_ALIGN(ai_size), PAGE_SIZE);
 *   pcpu_embed_first_chunk(): the areas array, memblock_alloc(
 *     PFN_ALIGN(nr_groups * sizeof(void *)), SMP_CACHE_BYTES); each group's
 *     units from pcpu_fc_alloc(): memblock_alloc_try_nid(size, atom,
 *     __pa(MAX_DMA_ADDRESS), MEMBLOCK_ALLOC_ACCESSIBLE, the group's first
 *     cpu's node) with CONFIG_NUMA, memblock_alloc_from() without (top-down
 *     above the goal, else from 0); each unused unit freed whole, each used
 *     unit's tail past size_sum freed; "percpu: Embedded N pages/cpu sS rR
 *     dD uU";
 *   pcpu_setup_first_chunk(): group_offsets, group_sizes (nr_groups longs),
 *     unit_map (nr_cpu_ids ints), unit_off (nr_cpu_ids longs),
 *     pcpu_chunk_lists (pcpu_nr_slots list_heads), then per first chunk
 *     (the reserved one, then the dynamic one: pcpu_alloc_first_chunk())
 *     the chunk, its alloc_map, bound_map and md_blocks, each
 *     memblock_alloc(size, SMP_CACHE_BYTES);
 *   then the alloc info and the areas array are freed.
 */
#ifndef VMLAYOUT_PERCPU_H
#define VMLAYOUT_PERCPU_H

#include "config.h"
#include "layout.h"
#include "memblock.h"

#define VML_PCPU_MAX_CPUS VML_BOARD_MAX_CPUS
#define VML_PCPU_MAX_GROUPS VML_LAYOUT_MAX_NODES

/* The kernel build's constants the first chunk depends on. */
struct vml_pcpu_rules {
	uint64_t static_size;	 /* __per_cpu_end - __per_cpu_start */
	uint64_t reserved_size;	 /* PERCPU_MODULE_RESERVE */
	uint64_t dyn_size;	 /* PERCPU_DYNAMIC_RESERVE */
	uint64_t dyn_early_size; /* PERCPU_DYNAMIC_EARLY_SIZE */
	uint64_t min_unit_size;	 /* PCPU_MIN_UNIT_SIZE */
	uint64_t atom_size;	 /* the allocation atom: PAGE_SIZE here */
	uint64_t page_size;	 /* PAGE_SIZE */
	uint64_t cache_bytes;	 /* SMP_CACHE_BYTES */
	unsigned int long_bytes; /* sizeof(long) = sizeof(void *): 4 or 8 */
	uint64_t chunk_size;	 /* sizeof(struct pcpu_chunk) (vml_pcpu_chunk_size()) */
	vml_phys_t goal;	 /* __pa(MAX_DMA_ADDRESS) */
	bool numa;		 /* CONFIG_NUMA: pcpu_fc_alloc() asks for the cpu's node */
};

/* The possible cpus as setup_per_cpu_areas() sees them. */
struct vml_pcpu_cpus {
	unsigned int nr_cpu_ids; /* the highest possible cpu + 1 (setup_nr_cpu_ids()) */
	unsigned int n;		 /* possible cpus, ascending ids */
	uint16_t id[VML_PCPU_MAX_CPUS];
	int nid[VML_PCPU_MAX_CPUS];	  /* early_cpu_to_node() (0 without NUMA) */
	int board_cpu[VML_PCPU_MAX_CPUS]; /* its board->cpus[] index; -1: none */
};

/* Which mm/percpu.c the profile follows. */
enum vml_pcpu_version {
	VML_PCPU_V6_1,	/* 6.1 (arm64, arm) */
	VML_PCPU_V6_12, /* 6.12 (arm64, riscv64) */
	/* v6.15+ (the 6.18 profiles): v6.12's but PERCPU_MODULE_RESERVE, 8K
	 * whatever MEM_ALLOC_PROFILING says (commit 12ca42c23775 "alloc_tag:
	 * allocate percpu counters for module tags dynamically", v6.15-rc8;
	 * include/linux/percpu.h v7.2.13 the same) */
	VML_PCPU_V6_15
};

/**
 * vml_pcpu_rules_init() - the constants of @version for @cfg
 * @long_bytes: 4 or 8; @cache_bytes: SMP_CACHE_BYTES; @goal:
 * __pa(MAX_DMA_ADDRESS); @numa: the arch_numa setup_per_cpu_areas()
 *
 * PERCPU_MODULE_RESERVE: 8K with MODULES, 0 without; v6.12 (not v6.1,
 * not v6.15+) 64K with MEM_ALLOC_PROFILING. PERCPU_DYNAMIC_RESERVE: 28 (64-bit) or 20 units,
 * PERCPU_DYNAMIC_EARLY_SIZE: 12K (v6.1) or 20 units (v6.12), a unit being
 * 1K, or v6.12 with RANDOM_KMALLOC_CACHES 4K (8K with LOCKDEP and pages
 * larger than 4K) (include/linux/percpu.h). PCPU_MIN_UNIT_SIZE =
 * PFN_ALIGN(32K); the atom is PAGE_SIZE (both setup_per_cpu_areas()).
 * @r->static_size is left 0.
 */
void vml_pcpu_rules_init(struct vml_pcpu_rules *r, enum vml_pcpu_version version,
			 const struct vml_kernel_config *cfg, unsigned int long_bytes,
			 uint64_t cache_bytes, vml_phys_t goal, bool numa);

/* The note (stderr) when the static size is unknown: no first chunk is
 * modelled (MemTotal is high by about one unit a cpu), or @profile (not
 * NULL) does not model it at all. */
void vml_pcpu_note_not_modelled(struct vml_layout *lo, const char *profile);

/* An arch's possible cpus from the DT (smp_init_cpus(), setup_smp(),
 * arm_dt_init_cpu_maps()): at most @nr_cpus (NR_CPUS), @nr_cpus_arg
 * (nr_cpus=, 0: none), the kernel's messages into @lo. */
typedef void (*vml_pcpu_possible_fn)(const struct vml_board *board, unsigned int nr_cpus,
				     unsigned int nr_cpus_arg, struct vml_pcpu_cpus *out,
				     struct vml_layout *lo);

/**
 * vml_pcpu_setup_per_cpu_areas() - an arch's setup_per_cpu_areas()
 * @r: vml_pcpu_rules_init()'s constants (the static size is taken here)
 * @unmodelled: the profile's name when it does not model the first chunk
 *	(a note, nothing reserved), else NULL
 * @nr_cpus: NR_CPUS; @possible: the arch's possible cpus
 *
 * Without the System.map's __per_cpu_start/__per_cpu_end a note, nothing
 * reserved; else the possible cpus, their nodes and
 * vml_pcpu_embed_first_chunk(). Returns 0 or its error.
 */
int vml_pcpu_setup_per_cpu_areas(struct vml_memblock *mb, const struct vml_kernel_config *cfg,
				 const struct vml_board *board, struct vml_pcpu_rules *r,
				 const char *unmodelled, unsigned int nr_cpus,
				 vml_pcpu_possible_fn possible, struct vml_layout *lo,
				 struct vml_diag *diag);

/* Each cpu's node from @lo->nodes[].cpus (vml_numa_map_cpus()): the node
 * whose mask holds its board cpu; 0 for a cpu on none and for all without
 * nodes (early_map_cpu_to_node()'s fallback, even when node 0 is not
 * online). */
void vml_pcpu_cpus_nodes(struct vml_pcpu_cpus *cpus, const struct vml_layout *lo);

/* pcpu_build_alloc_info()'s result. */
struct vml_pcpu_alloc_info {
	uint64_t static_size, reserved_size, dyn_size;
	uint64_t unit_size, alloc_size, atom_size;
	uint64_t ai_size; /* PFN_ALIGN(ai_size) of pcpu_alloc_alloc_info() */
	unsigned int upa, nr_groups, nr_units;
	struct vml_pcpu_group {
		unsigned int nr_units; /* rounded up to upa */
		unsigned int nr_cpus;
		unsigned int first; /* index in vml_pcpu_cpus of its first cpu */
		int nid;
	} groups[VML_PCPU_MAX_GROUPS];
};

/* The layout of struct pcpu_chunk (mm/percpu-internal.h): v6.1 packs it;
 * from v6.12 base_addr is ____cacheline_aligned_in_smp, so the struct is
 * a multiple of SMP_CACHE_BYTES. */
struct vml_pcpu_chunk_layout {
	unsigned int long_bytes;
	uint64_t cache_bytes;
	bool base_addr_cacheline_aligned; /* v6.12 */
	bool obj_ext;			  /* v6.1 MEMCG_KMEM; v6.12 MEMCG or MEM_ALLOC_PROFILING */
	bool percpu_stats;		  /* CONFIG_PERCPU_STATS */
};

/* sizeof(struct pcpu_chunk) without its populated[] bitmap. */
uint64_t vml_pcpu_chunk_size(const struct vml_pcpu_chunk_layout *l);

/**
 * vml_pcpu_build_alloc_info() - pcpu_build_alloc_info() for @cpus
 * @ai: filled
 *
 * Return: 0; VML_EINVAL (nothing filled) with no possible cpu, more nodes
 * than VML_PCPU_MAX_GROUPS, a zero page or atom size, or an atom that is
 * not a multiple of the page.
 */
int vml_pcpu_build_alloc_info(const struct vml_pcpu_rules *r, const struct vml_pcpu_cpus *cpus,
			      struct vml_pcpu_alloc_info *ai);

/* pcpu_setup_first_chunk()'s memblock_alloc() sizes in the kernel's order
 * (at most 13: 5 tables and 4 per first chunk); returns how many. */
unsigned int vml_pcpu_setup_alloc_sizes(const struct vml_pcpu_rules *r,
					const struct vml_pcpu_alloc_info *ai,
					unsigned int nr_cpu_ids, uint64_t *sizes);

/**
 * vml_pcpu_embed_first_chunk() - setup_per_cpu_areas() on @mb
 *
 * Allocates and frees in the kernel's order (above), adds to @lo one
 * "percpu first chunk" reservation per group (per unit when the units'
 * tails were given back), one "percpu tables" reservation per
 * pcpu_setup_first_chunk() table, and the kernel's message.
 * Return: 0, or VML_ENOMEM / VML_EINVAL with @diag set (the kernel panics:
 * "Failed to initialize percpu areas").
 */
int vml_pcpu_embed_first_chunk(struct vml_memblock *mb, const struct vml_pcpu_rules *r,
			       const struct vml_pcpu_cpus *cpus, struct vml_layout *lo,
			       struct vml_diag *diag);

#endif
