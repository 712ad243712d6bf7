/* SPDX-License-Identifier: MIT */
/*
 * DOC: 32-bit ARM layout policy: shared state between its files
 *
 * Two profiles: "3.4" (mainline 3.4 with the msm-3.4 options) and "6.1"
 * (mainline 6.1; 6.1 through 6.18 share every rule used here, see
 * docs/arm32.md). The state below is what arch/arm/mm/mmu.c and
 * arch/arm/kernel/setup.c keep in globals while they compute the layout.
 */
#ifndef VMLAYOUT_ARCH_ARM_POLICY_H
#define VMLAYOUT_ARCH_ARM_POLICY_H

#include "vmlayout/layout_policy.h"
#include "vmlayout/percpu.h"

extern const struct vml_layout_policy vml_arm_policy_3_4;
extern const struct vml_layout_policy vml_arm_policy_6_1;

/* NR_BANKS (arch/arm/include/asm/setup.h, v3.4). */
#define ARM_NR_BANKS 8

struct arm_state;

/*
 * A kernel profile: the constants and the rules of one kernel version, each
 * rule named after what it does. A later version shares a rule until the
 * kernel changes it; adding a version is one more table in arm_policy.c
 * that names the rules that changed (docs/architecture.md).
 */
struct arm_profile {
	const char *name;
	uint64_t vmalloc_end;  /* VMALLOC_END, arch/arm/include/asm/pgtable.h */
	uint64_t fixmap_start; /* FIXADDR_START, asm/fixmap.h */
	uint64_t fixmap_end;   /* the fixmap line's end: FIXADDR_TOP (3.4), FIXADDR_END (6.x) */
	uint64_t phys_offset_align;	    /* head.S / phys2virt.S p2v patching granule */
	const char *phys_offset_align_rule; /* the sentence when it is not aligned */
	unsigned int vector_pages;	    /* devicemaps_init(): the vector page(s) */

	/* The lowmem/highmem split, once before the reservations and (memblock
	 * kernels) again after them: arm_sanity_check_meminfo or
	 * arm_memblock_lowmem_bounds. */
	int (*lowmem_bounds)(struct arm_state *st);
	int (*lowmem_bounds_again)(struct arm_state *st); /* NULL: none */
	/* The zImage decompressor's guess of PHYS_OFFSET from the 128 MiB
	 * masked PC (fdt_check_mem_start() from v5.12; NULL: the masked PC). */
	uint64_t (*zimage_mem_start)(const struct vml_board *board, uint64_t mem_start);
	/* A bank starting at or above 4 GiB without LPAE: dropped with the
	 * kernel's message (6.x) or refused (3.4 would alias it). */
	bool ignores_banks_above_4g;
	/* The DT's own reservations: the blob, /memreserve/ and (6.x)
	 * /reserved-memory. */
	int (*reserve_dt)(struct arm_state *st);
	/* The CMA area: its alignment and the limit it is placed under. */
	uint64_t (*cma_alignment)(const struct arm_state *st);
	uint64_t (*cma_limit)(const struct arm_state *st, uint64_t limit);
	/* mm/cma.c v6.1: with a 64-bit phys_addr_t, a second, bottom-up
	 * attempt from 4 GiB that overwrites the first one's address. */
	bool cma_tries_above_4g;
	/* The fixed virtual areas 6.x adds: the FDT area (FDT_FIXED_BASE), the
	 * PCI I/O static_vm (pci_reserve_io) and the early fixmap's pte page. */
	bool fdt_fixed_area;
	bool pci_io_static_vm;
	bool fixmap_pte_page;
	/* paging_init() -> dma_contiguous_remap() (arch/arm/mm/dma-mapping.c
	 * v6.1): each CMA area in lowmem mapped again with pages, after a
	 * static_vm (iotable_init()) */
	bool cma_remap_pages;
	/* mem_init(): swiotlb for LPAE (NULL: none in this version). */
	int (*swiotlb)(struct arm_state *st);
	/* msm-3.4 ENABLE_VMALLOC_SAVING prints the intermixed boot-log lines. */
	bool intermix_boot_log;
	/* The msm-3.4 hole-reclaim options exist (DONT_MAP_HOLE_AFTER_MEMBANK0,
	 * ENABLE_VMALLOC_SAVING); a profile without them refuses them rather
	 * than ignore them. */
	bool msm_reclaim;
	/* vmlayout's general intermix (the 2014 RFC "Intermix lowmem and
	 * vmalloc", never merged, done right): every hole in lowmem, however
	 * many and wherever, gives its virtual range to vmalloc and the lowmem
	 * limit moves up by the holes' total (arm_adjust_lowmem_bounds.c). */
	bool general_intermix;
	/* msm-3.4's DONT_MAP_HOLE_AFTER_MEMBANK0 ported to the memblock kernel:
	 * the largest mapped-range gap in the first 256 MiB squeezed out of
	 * the linear map (arm_memory_hole.c; never in mainline). */
	bool dont_map_hole;
	/* setup_per_cpu_areas()'s first chunk is modelled (6.1), and
	 * CONFIG_NR_CPUS's Kconfig default (arch/arm/Kconfig: 4) */
	bool first_chunk;
	/* setup_arch() -> reserve_crashkernel() (arch/arm/kernel/setup.c v6.1);
	 * 3.4's is not modelled (a note) */
	bool crashkernel;
	/* early_cma()'s cma=SIZE@BASE-LIMIT (kernel/dma/contiguous.c v6.1);
	 * 3.4's is not modelled (a note) */
	bool cma_cmdline;
	/* the v6.1 early parameters with messages: init/main.c's
	 * set_debug_rodata() (on, off) and mm/page_alloc.c's
	 * early_debug_pagealloc() (with DEBUG_PAGEALLOC); 3.4 has neither */
	bool v6_early_params;
	unsigned int nr_cpus_default;
	/* mm_init() prints mem_init_print_info()'s "Memory:" line in its
	 * 6.1 format (3.4's arm mem_init() printed its own: see bootmem). */
	bool mem_init_print_info;
	/* mem_init() prints "Virtual kernel memory layout:" (arch/arm/mm/init.c;
	 * removed by commit 1c31d4e96b8c, v5.1). */
	bool prints_layout_block;
	/* paging_init() calls the generic free_area_init(), which prints the
	 * node ranges (v3.4's arm called free_area_init_node(): none). */
	bool early_node_ranges;
	/* The zones' spans and present pages: zone_sizes_init() (6.x) or
	 * arm_bootmem_free() with arm_adjust_dma_zone() (3.4): arm_zones.c. */
	int (*zones)(struct arm_state *st);
	/* v3.4: bootmem_init() hands memory to bootmem, so the mem_map, the
	 * usemaps and the hash tables are alloc_bootmem*() calls that
	 * memblock=debug does not print (arch/arm/mm/init.c, mm/bootmem.c
	 * v3.4), and the zone, zonelist and mem_init() lines are 3.4's
	 * (layout.h mm_log_v3_4). */
	bool bootmem;
	/* The first version of a rule that changed inside the profile's range
	 * (vml_arm_since(); major 0: never). mm/cma.c's 4 GiB bottom-up attempt
	 * before the highmem one ("mm/cma: fix potential memory loss on
	 * cma_declare_contiguous_nid", v6.3); MAX_ORDER inclusive
	 * (23baf831a32c "mm, treewide: redefine MAX_ORDER sanely", v6.4);
	 * the "Memory:" line printed by page_alloc_init_late() ("mm/mm_init.c:
	 * print mem_init info after defer_init is done", MM for v6.11). */
	struct vml_kernel_version cma_4g_first_since;
	struct vml_kernel_version max_order_inclusive_since;
	struct vml_kernel_version memory_line_late_since;
	/* KFENCE's metadata from memblock ("mm: kfence: allocate
	 * kfence_metadata at runtime", v6.6) */
	struct vml_kernel_version kfence_metadata_since;
	/* mm/percpu.c and include/linux/percpu.h as v6.12 has them (struct
	 * pcpu_chunk's cache-line aligned base_addr, PERCPU_DYNAMIC_EARLY_SIZE
	 * 20 units) and as v6.15 (PERCPU_MODULE_RESERVE 8K again): the first
	 * versions confirmed, by Debian 13's 6.12 boots and the v6.15 source;
	 * the commits themselves were not dated here */
	struct vml_kernel_version pcpu_v6_12_since;
	struct vml_kernel_version pcpu_v6_15_since;
	/* unflatten_device_tree() -> fdt_scan_reserved_mem_reg_nodes() ->
	 * alloc_reserved_mem_array() (drivers/of/of_reserved_mem.c v6.12; not
	 * in v6.1): the first version confirmed */
	struct vml_kernel_version reserved_mem_array_since;
	/* swiotlb_init_remap() sizes mem->areas with limit_nareas()'s count,
	 * not default_nareas (kernel/dma/swiotlb.c v6.12; v6.1 the latter):
	 * the first version confirmed */
	struct vml_kernel_version swiotlb_limited_areas_since;
};

/* One meminfo bank (3.4 profile). */
struct arm_bank {
	uint64_t start, size;
	bool highmem;
};

struct arm_state {
	const struct arm_profile *prof;
	/* the --kernel version asked for (0.0 for an alias such as msm-3.4) */
	struct vml_kernel_version version;
	const struct vml_board *board;
	const struct vml_kernel_config *cfg;
	struct vml_memblock *mb;
	struct vml_layout *lo;
	struct vml_diag *diag;

	uint64_t page_offset;
	uint64_t phys_offset;
	uint64_t phys_addr_max; /* 0xffffffff, or 2^40-1 with LPAE */
	bool lpae;
	uint64_t text_offset;	  /* TEXT_OFFSET: _text - PAGE_OFFSET */
	uint64_t max_order_pages; /* MAX_ORDER_NR_PAGES */
	uint64_t pageblock_pages; /* pageblock_nr_pages */

	/* msm DONT_MAP_HOLE_AFTER_MEMBANK0 translation (mach/memory.h, msm-3.4) */
	bool hole_active;
	uint64_t hole_end_phys;	   /* MEM_HOLE_END_PHYS_OFFSET */
	uint64_t hole_page_offset; /* MEM_HOLE_PAGE_OFFSET */

	uint64_t vmalloc_size;	 /* 6.x vmalloc_size */
	uint64_t vmalloc_min;	 /* 3.4 vmalloc_min (virtual); 6.x vmalloc_limit (phys) */
	uint64_t lowmem_limit;	 /* arm_lowmem_limit */
	uint64_t memblock_limit; /* after the layout */
	uint64_t high_memory;
	uint64_t vmalloc_start;
	uint64_t intermix_holes; /* bytes of hole VA given to vmalloc (general intermix) */
	const char *drop_rule;	 /* why the last bank was dropped (for the error) */

	/* Reservation bookkeeping for the totals */
	uint64_t kernel_init_base, kernel_init_size; /* freed by free_initmem */
	uint64_t initrd_base, initrd_size;	     /* freed by free_initrd_mem */
	uint64_t cma_base, cma_size;		     /* the default CMA area, if any */
	/* Every CMA area (DT reusable shared-dma-pools and the default one):
	 * their pages go to the buddy allocator, so MemTotal counts them. */
	struct vml_range64 cma_areas[VML_BOARD_MAX_RESERVED + 1];
	unsigned int n_cma_areas;

	struct arm_bank banks[ARM_NR_BANKS];
	unsigned int n_banks;
	/* dynamic /reserved-memory regions placed (for v6.12's reserved_mem
	 * array: unflatten_device_tree.c) */
	unsigned int n_rmem_dynamic_placed;
	/* the mem_map's base and first pfn, for free_unused_memmap() */
	uint64_t mem_map_base, mem_map_first_pfn;
};

/* arm_dma_limit (arch/arm/mm/init.c setup_dma_zone, v6.1): the last byte
 * ZONE_DMA may hold, PHYS_OFFSET + dma_zone_size - 1, or 0xffffffff with
 * ZONE_DMA and no machine size; without ZONE_DMA it is (phys_addr_t)~0
 * (arch/arm/mm/mm.h v6.1): ~0 with LPAE, 0xffffffff without. */
uint64_t vml_arm_dma_limit(const struct arm_state *st);
/* arm_dma_pfn_limit: arm_dma_limit >> PAGE_SHIFT with ZONE_DMA; without it
 * ~0ul >> PAGE_SHIFT, 0xfffff (unsigned long is 32 bits). */
uint64_t vml_arm_dma_pfn_limit(const struct arm_state *st);
/* sizeof(struct page) on 32-bit ARM: 32 bytes, 36 with CONFIG_MEMCG
 * (memcg_data, include/linux/mm_types.h v6.1). */
uint64_t vml_arm_page_struct_size(const struct arm_state *st);

/* Address translation as the kernel's __va/__pa (32-bit wrap). */
uint64_t vml_arm_va(const struct arm_state *st, uint64_t phys);
uint64_t vml_arm_pa(const struct arm_state *st, uint64_t virt);

int vml_arm_setup_offsets(struct arm_state *st);
/* arm_crashkernel.c */
int vml_arm_reserve_crashkernel(struct arm_state *st);
/* DONT_MAP_HOLE_AFTER_MEMBANK0 (arm_memory_hole.c): the largest gap in the
 * first 256 MiB above PHYS_OFFSET, from the meminfo banks (3.4) or the
 * mapped memblock ranges (6.1), sets hole_active and the MEM_HOLE_*
 * values; vml_arm_pa_nowrap() is __pa() through them in u64. */
int vml_arm_memory_hole_set(struct arm_state *st, uint64_t hole_start, uint64_t hole_end);
int vml_arm_find_memory_hole_banks(struct arm_state *st);
int vml_arm_find_memory_hole_memblock(struct arm_state *st);
uint64_t vml_arm_pa_nowrap(const struct arm_state *st, uint64_t virt);
/* The rules the profiles name (arm_policy.c). */
uint64_t vml_arm_fdt_check_mem_start(const struct vml_board *board, uint64_t mem_start);
int vml_arm_reserve_dt_and_memreserve(struct arm_state *st);
int vml_arm_reserve_dt_and_reserved_memory(struct arm_state *st);
uint64_t vml_arm_cma_align_max_order(const struct arm_state *st);
uint64_t vml_arm_cma_align_pageblock(const struct arm_state *st);
uint64_t vml_arm_cma_limit_lowmem(const struct arm_state *st, uint64_t limit);
uint64_t vml_arm_cma_limit_dma(const struct arm_state *st, uint64_t limit);
int vml_arm_swiotlb(struct arm_state *st);
/* smp_cpus.c: arm_dt_init_cpu_maps()'s possible cpus; setup_per_cpu_areas.c */
void vml_arm_possible_cpus(const struct vml_board *board, unsigned int nr_cpus,
			   unsigned int nr_cpus_arg, struct vml_pcpu_cpus *out,
			   struct vml_layout *lo);
int vml_arm_setup_per_cpu_areas(struct arm_state *st);

int vml_arm_sanity_check_meminfo(struct arm_state *st);
int vml_arm_memblock_lowmem_bounds(struct arm_state *st);
int vml_arm_memblock_lowmem_bounds_again(struct arm_state *st);
int arm_reserve_and_count(struct arm_state *st);
int vml_arm_fixed_regions(struct arm_state *st);
int vml_arm_boot_log_lines(struct arm_state *st);
int vml_arm_zone_sizes_init(struct arm_state *st);
int vml_arm_bootmem_free_zones(struct arm_state *st);

/* Whether the version asked for has the rule that changed in @since (a
 * profile's *_since field; major 0: no version has it). */
bool vml_arm_since(const struct arm_state *st, struct vml_kernel_version since);

/* mm_core_init() -> page_ext_init_flatmem() (arm_page_ext.c) */
int vml_arm_page_ext_init_flatmem(struct arm_state *st);

#endif
