/* SPDX-License-Identifier: MIT */
/*
 * DOC: arm64 layout policy: shared state and the profile hook table
 *
 * Three profiles, "6.1", "6.12" and "6.18". A profile is a table of the
 * rules that changed between them (struct arm64_profile), each entry a
 * named hook or constant citing the kernel file and version it follows; the
 * steps themselves (layout_*.c) are shared. The state is what
 * arch/arm64/mm/init.c, mmu.c and kernel/pi/ keep in globals while they
 * compute the layout (memstart_addr, kimage_voffset, ...). docs/arm64.md
 * has the formulas and what is not modelled.
 */
#ifndef VMLAYOUT_ARCH_ARM64_LAYOUT_ARM64_H
#define VMLAYOUT_ARCH_ARM64_LAYOUT_ARM64_H

#include "vmlayout/crashkernel.h"
#include "vmlayout/layout_policy.h"
#include "vmlayout/numa.h"
#include "vmlayout/percpu.h"

extern const struct vml_layout_policy vml_arm64_policy_6_1;
extern const struct vml_layout_policy vml_arm64_policy_6_12;
extern const struct vml_layout_policy vml_arm64_policy_6_18;

/* sizeof(struct page) on arm64 (64-bit, no debug options): 64 bytes; v6.1's
 * STRUCT_PAGE_MAX_SHIFT is its log2 (include/linux/mm_types.h). */
#define ARM64_STRUCT_PAGE_SIZE 64ULL
#define ARM64_STRUCT_PAGE_SHIFT 6u
#define ARM64_MIN_KIMG_ALIGN VML_SZ_2M /* asm/boot.h */
#define ARM64_MAX_FDT_SIZE VML_SZ_2M   /* asm/boot.h */
#define ARM64_PCI_IO_SIZE VML_SZ_16M   /* asm/memory.h */
#define ARM64_NR_CPUS 512u	       /* arch/arm64/Kconfig NR_CPUS default */

struct arm64_state;

/* The fixmap slots (asm/fixmap.h enum fixed_addresses): indices, in pages. */
struct arm64_fixmap {
	uint64_t permanent_end; /* __end_of_permanent_fixed_addresses */
	uint64_t total_end;	/* __end_of_fixed_addresses */
};

struct arm64_profile {
	const char *name;
	/* ARM64_LPA2: 52-bit VA with 4K/16K pages (arch/arm64/Kconfig, v6.9+) */
	bool lpa2;
	/* MODULES_VSIZE (asm/memory.h): 128 MiB in v6.1, 2 GiB from
	 * modules_vsize_2g_since (v6.5: docs/arm64.md "Rules that changed
	 * inside a profile's range") */
	uint64_t modules_vsize;
	/* VMEMMAP/PCI I/O/fixmap/VMALLOC_END and their regions above vmalloc */
	void (*top_of_va)(struct arm64_state *st);
	/* the fixmap's slot counts */
	void (*fixmap)(const struct arm64_state *st, struct arm64_fixmap *fx);
	/* the image's random displacement from a non-zero seed (kernel/pi/) */
	uint64_t (*kaslr_displacement)(const struct arm64_state *st, uint64_t seed);
	/* memstart_offset_seed in arm64_memblock_init() (removed in v6.16) */
	bool linear_randomization;
	/* rodata=on sets rodata_full (asm/setup.h v6.16+; v6.1, v6.12: clears it) */
	bool rodata_on_is_full;
	/* the early command-line scan of v6.9+ (kernel/pi/idreg-override.c:
	 * arm64_sw.nokaslr, arm64.nolva) rather than v6.1's (idreg_override.c) */
	bool idreg_v6_9;
	/* the image starts at _stext (v6.1) or _text for arm64_memblock_init()'s
	 * reservation and map_mem()'s kernel alias */
	bool image_from_stext;
	/* paging_init() gives init_pg_dir back to memblock (v6.1 mm/mmu.c;
	 * from v6.9 the early tables are built elsewhere and kept) */
	bool frees_init_pg_dir;
	/* paging_init() maps the image (map_kernel()) and the idmap
	 * (create_idmap()) with tables from memblock (v6.1 mm/mmu.c; v6.12
	 * uses tables inside the image: layout_paging_init.c) */
	bool paging_init_maps_image;
	/* map_mem() maps a memory range's partial pages (v6.1: a no-map
	 * region's unaligned end shares its page with the mapping); later
	 * versions round inward (vml_arm64_map_mem_bounds()) */
	bool map_mem_outward;
	/* The first version of a rule that changed inside the profile's range
	 * of versions (vml_arm64_since(); major 0: no version has it; the
	 * table in docs/arm64.md says what was confirmed where):
	 * - MODULES_VSIZE 2 GiB (v6.5, "arm64: module: rework module VA range
	 *   selection");
	 * - map_mem() takes CONFIG_KFENCE's early pool (arm64_kfence_alloc_pool(),
	 *   "mm,kfence: decouple kfence from page granularity mapping
	 *   judgement", v6.4; in v6.12, v6.18 and Debian's 6.1.192);
	 * - mm/kfence/core.c allocates the metadata from memblock ("mm: kfence:
	 *   allocate kfence_metadata at runtime", v6.6);
	 * - mem_init() sizes a swiotlb for kmalloc() bouncing when ZONE_DMA
	 *   needs none: 1 MiB per GiB (DMA_BOUNCE_UNALIGNED_KMALLOC, v6.5;
	 *   arch/arm64/mm/init.c v6.12 and 7.2.13; not in v6.1);
	 * - the "Memory:" line printed by page_alloc_init_late() (v6.11);
	 * - cma_fixed_reserve()'s boundary check only with HIGHMEM (v6.17). */
	struct vml_kernel_version modules_vsize_2g_since;
	struct vml_kernel_version kfence_early_pool_since;
	struct vml_kernel_version kfence_metadata_since;
	struct vml_kernel_version swiotlb_kmalloc_bounce_since;
	struct vml_kernel_version memory_line_late_since;
	struct vml_kernel_version cma_fixed_boundary_highmem_only_since;
	/* the end of the boot (layout_late.c): memmap_init_reserved_pages()
	 * sets the reserved regions' nodes (mm/memblock.c v6.12; not v6.1);
	 * free_initmem() memblock_free()s __init (arch/arm64/mm/init.c v6.12;
	 * not v6.1, nor 7.2; the 6.18 profile not re-read: taken as 6.12) */
	bool reserved_nid_at_free_all;
	bool free_initmem_memblock;
	/* zone_sizes_init(): the ZONE_DMA and ZONE_DMA32 limits (exclusive) */
	void (*zone_limits)(const struct arm64_state *st, uint64_t *dma, uint64_t *dma32);
	/* arm64_dma_phys_limit falls back to PHYS_MASK + 1 without DMA zones
	 * (zone_sizes_init() v6.12; v6.1 leaves it 0) */
	bool dma_limit_phys_mask;
	/* roundup(sizeof(pg_data_t), SMP_CACHE_BYTES): 0x2c80 in Debian 12's
	 * 6.1 build (its "NUMA: NODE_DATA [mem ...]" line), 0x3740 in Debian
	 * 13's 6.12 (memblock=debug: setup_node_data()'s reservation); the 6.18
	 * profile takes 6.12's (not measured) */
	uint64_t node_data_size;
	/* the same with 16K pages (0: as node_data_size): each zone's
	 * free_area[NR_PAGE_ORDERS] has one order more (MAX_PAGE_ORDER 11,
	 * ARCH_FORCE_MAX_ORDER in arch/arm64/Kconfig v6.12, against 10 with
	 * 4K): 0x3880 in Debian 13's 6.12 16K build ("NODE_DATA(0) allocated
	 * [mem 0x13fdee2c0-0x13fdf1b3f]" on arm64-16k-6.12-4g); 64K pages not
	 * measured (take node_data_size) */
	uint64_t node_data_size_16k;
	/* CONFIG_CPUMASK_OFFSTACK, selected by NR_CPUS > 256 (arch/arm64/Kconfig
	 * v6.12, 7.2; not in v6.1): setup_node_to_cpumask_map() then takes
	 * one cpumask from memblock per node (layout_zones.c numa()) */
	bool cpumask_offstack_above_256;
	/* unflatten_device_tree() -> fdt_scan_reserved_mem_reg_nodes() ->
	 * alloc_reserved_mem_array() (drivers/of/of_reserved_mem.c v6.12; not
	 * in v6.1; the first version with it not checked, the 6.18 profile
	 * not re-read: taken as 6.12) */
	bool reserved_mem_array;
	/* arch_numa_init()'s code (drivers/base/arch_numa.c, mm/numa_memblks.c) */
	enum vml_numa_flavour numa_flavour;
	/* setup_per_cpu_areas()'s mm/percpu.c and CONFIG_NR_CPUS's Kconfig
	 * default (arch/arm64/Kconfig: 256 in v6.1, 512 in v6.12) */
	enum vml_pcpu_version pcpu_version;
	unsigned int nr_cpus_default;
	/* nr_kernel_pages, which sizes the early hash tables (mm/) */
	uint64_t (*nr_kernel_pages)(const struct arm64_state *st);
	/* the crash kernel: v6.1's own reserve_crashkernel() (mm/init.c), or
	 * parse_crashkernel() + reserve_crashkernel_generic() with v6.12's or
	 * v6.16's parser (layout_crashkernel.c); v6.12+ also prints the CMA
	 * messages with " on node -1" (mm/cma.c) */
	enum vml_crash_parse_rev crash_parse;
	/* dma_contiguous_reserve(): a cma= limit replaces arm64_dma_phys_limit
	 * (kernel/dma/contiguous.c v6.16+; before, the lower of the two) */
	bool cma_cmdline_limit_wins;
	/* the regions, and the rows of the memory.rst table, above vmalloc */
	int (*top_regions)(struct arm64_state *st);
	int (*top_rows)(struct arm64_state *st);
};

/* What arm64's early command-line scans decide (idreg_override.c). */
struct arm64_overrides {
	bool nokaslr;	  /* the image and the linear map are not randomized */
	bool nokaslr_msg; /* kaslr_init(): "KASLR disabled on command line" */
	bool no_lva;	  /* 64K: cpu_has_lva() false */
	bool no_lpa2;	  /* 4K/16K LPA2 builds: cpu_has_lpa2() false */
	bool rodataoff;	  /* v6.9+: the text mapped PAGE_KERNEL_EXEC */
};

struct arm64_state {
	bool kfence_early_pool; /* map_mem() took the KFENCE pool: */
	uint64_t kfence_pool_base, kfence_pool_size;
	const struct arm64_profile *prof;
	/* the --kernel version asked for (vml_kernel_version_asked()) */
	struct vml_kernel_version version;
	const struct vml_board *board;
	const struct vml_kernel_config *cfg;
	struct vml_memblock *mb;
	struct vml_layout *lo;
	struct vml_diag *diag;
	struct arm64_overrides ov;

	/* geometry (asm/pgtable-hwdef.h, asm/memory.h) */
	unsigned int page_shift;
	uint64_t page_size;
	unsigned int va_bits, va_bits_min, vabits_actual, levels;
	unsigned int phys_mask_shift; /* PHYS_MASK_SHIFT */
	uint64_t memstart_align;      /* ARM64_MEMSTART_ALIGN */

	/* virtual layout */
	uint64_t page_offset;  /* PAGE_OFFSET, _PAGE_OFFSET(VA_BITS) */
	uint64_t linear_start; /* _PAGE_OFFSET(vabits_actual): what the linear map can use */
	uint64_t page_end;     /* PAGE_END */
	uint64_t kasan_start, kasan_end;
	uint64_t modules_vaddr, modules_end; /* KIMAGE_VADDR = MODULES_END */
	uint64_t vmalloc_start, vmalloc_end;
	uint64_t vmemmap_start, vmemmap_used, vmemmap_end; /* used: first address used */
	uint64_t pci_io_start, pci_io_end;
	uint64_t fixaddr_top, fixaddr_start, fixaddr_tot_start;
	uint64_t kpti_tramp_va; /* FIX_ENTRY_TRAMP_TEXT1's VA, 0: none */

	/* physical side */
	uint64_t linear_region_size;
	uint64_t memstart_addr; /* s64 in the kernel: may wrap below 0 */
	uint64_t high_memory;
	uint64_t memory_limit; /* mem=, ~0 when not given */

	/* the kernel image */
	bool image_size_known;
	uint64_t pa_text, image_size;		 /* _end - _text */
	uint64_t stext_off, init_off, init_size; /* _stext, __init_begin, its size */
	uint64_t kaslr_offset, kimage_voffset;
	uint64_t seed_used; /* the seed KASLR used (0: none) */

	/* the dynamic /reserved-memory regions placed: part of v6.12
	 * fdt_scan_reserved_mem()'s count (vml_of_reserved_mem_array_bytes()) */
	unsigned int reserved_mem_dynamic_placed;

	/* reservations freed at the end of boot */
	uint64_t initrd_base, initrd_size; /* the initrd's bytes (not page-rounded) */
	uint64_t cma_base, cma_size;
};

/* layout_policy.c: whether the version asked for has the rule that changed
 * in @since (a profile's *_since field) */
bool vml_arm64_since(const struct arm64_state *st, struct vml_kernel_version since);
/* layout_late.c: what the kernel does to memblock by the end of the boot */
int vml_arm64_memblock_late(struct arm64_state *st);

/* idreg_override.c */
void vml_arm64_cmdline_overrides(const struct arm64_state *st, struct arm64_overrides *o);

/* layout_geometry.c */
int vml_arm64_geometry(struct arm64_state *st);
void vml_arm64_top_v6_1(struct arm64_state *st);
void vml_arm64_top_v6_9(struct arm64_state *st);
void vml_arm64_fixmap_v6_1(const struct arm64_state *st, struct arm64_fixmap *fx);
void vml_arm64_fixmap_v6_12(const struct arm64_state *st, struct arm64_fixmap *fx);
void vml_arm64_fixmap_v6_18(const struct arm64_state *st, struct arm64_fixmap *fx);
uint64_t vml_arm64_phys_to_virt(const struct arm64_state *st, uint64_t pa);

/* layout_memblock.c */
int vml_arm64_add_memory(struct arm64_state *st);
/* The rodata= handlers of the profile's kernel (enum vml_early_word). */
uint32_t vml_arm64_rodata_handlers(const struct arm64_profile *prof);
int vml_arm64_memblock_init(struct arm64_state *st);
int vml_arm64_reserve(struct arm64_state *st);

/* layout_kaslr.c */
uint64_t vml_arm64_kaslr_v6_1(const struct arm64_state *st, uint64_t seed);
uint64_t vml_arm64_kaslr_v6_12(const struct arm64_state *st, uint64_t seed);
void vml_arm64_kaslr_image(struct arm64_state *st);
void vml_arm64_kaslr_init_message(struct arm64_state *st);
void vml_arm64_kaslr_linear(struct arm64_state *st);

/* layout_output.c */
int vml_arm64_regions(struct arm64_state *st);
int vml_arm64_regions_top_v6_1(struct arm64_state *st);
int vml_arm64_regions_top_v6_9(struct arm64_state *st);
int vml_arm64_rows_v6_1(struct arm64_state *st);
int vml_arm64_rows_v6_9(struct arm64_state *st);
int vml_arm64_table(struct arm64_state *st);
int vml_arm64_linear_segments(struct arm64_state *st);

/* layout_paging_init.c: the pages v6.1's paging_init() takes for
 * map_kernel() (before map_mem()) and create_idmap() (after) */
uint64_t vml_arm64_paging_init_image_tables(const struct arm64_state *st);
uint64_t vml_arm64_paging_init_idmap_tables(const struct arm64_state *st);

/* layout_setup_arch.c: unflatten_device_tree() (after paging_init()),
 * request_standard_resources() (after bootmem_init()), start_kernel()'s
 * setup_command_line() (before setup_per_cpu_areas()) */
int vml_arm64_unflatten_device_tree(struct arm64_state *st);
int vml_arm64_request_standard_resources(struct arm64_state *st);
int vml_arm64_setup_command_line(struct arm64_state *st);

/* layout_zones.c */
void vml_arm64_zone_limits_v6_1(const struct arm64_state *st, uint64_t *dma, uint64_t *dma32);
void vml_arm64_zone_limits_v6_12(const struct arm64_state *st, uint64_t *dma, uint64_t *dma32);
int vml_arm64_zones(struct arm64_state *st);
uint64_t vml_arm64_nr_kernel_pages_v6_1(const struct arm64_state *st);
uint64_t vml_arm64_nr_kernel_pages_v6_12(const struct arm64_state *st);
int vml_arm64_totals(struct arm64_state *st);
/* arm64_dma_phys_limit after zone_sizes_init() */
uint64_t vml_arm64_dma_phys_limit(const struct arm64_state *st);
/* hugetlb_cma= is placed (CMA, HUGETLB_PAGE, the 6.1 and 6.12 profiles) */
bool vml_arm64_hugetlb_cma_modelled(const struct arm64_state *st);

/* layout_crashkernel.c: v6.1 without DMA zones, at the end of
 * arm64_memblock_init(); the others in bootmem_init() after the CMA area */
int vml_arm64_crashkernel_early(struct arm64_state *st);
int vml_arm64_crashkernel_late(struct arm64_state *st);

/* smp_cpus.c: smp_init_cpus()'s possible cpus; setup_per_cpu_areas.c */
void vml_arm64_possible_cpus(const struct vml_board *board, unsigned int nr_cpus,
			     unsigned int nr_cpus_arg, struct vml_pcpu_cpus *out,
			     struct vml_layout *lo);
int vml_arm64_setup_per_cpu_areas(struct arm64_state *st);

#endif
