/* SPDX-License-Identifier: MIT */
/*
 * DOC: riscv64 layout policy: the profile hook table and the shared state
 *
 * Three profiles, "5.10", "6.12" and "6.18". A profile is a table of the
 * rules that changed between them, each a named hook that cites the kernel
 * file and version it follows; the driver (layout_profiles.c) runs the steps
 * of setup_vm() / setup_bootmem() / paging_init() / mem_init() in the
 * kernel's order and never asks which version it runs. docs/riscv64.md.
 */
#ifndef VMLAYOUT_ARCH_RISCV_LAYOUT_POLICY_H
#define VMLAYOUT_ARCH_RISCV_LAYOUT_POLICY_H

#include "vmlayout/crashkernel.h"
#include "vmlayout/layout_policy.h"
#include "vmlayout/percpu.h"

extern const struct vml_layout_policy vml_riscv_policy_5_10;
extern const struct vml_layout_policy vml_riscv_policy_6_12;
extern const struct vml_layout_policy vml_riscv_policy_6_18;

#define RISCV_SATP_MODE_39 8ULL /* asm/csr.h: satp MODE values */
#define RISCV_SATP_MODE_48 9ULL
#define RISCV_SATP_MODE_57 10ULL
/* ADDRESS_SPACE_END (asm/pgtable.h): the last byte, 2^64 - 1 */
#define RISCV_ADDRESS_SPACE_END 0xffffffffffffffffULL
/* KERNEL_LINK_ADDR = ADDRESS_SPACE_END - SZ_2G + 1 (asm/pgtable.h v5.13+) */
#define RISCV_KERNEL_LINK_ADDR 0xffffffff80000000ULL

struct riscv_state;

struct riscv_profile {
	const char *name;
	/* PAGE_OFFSET of sv39: CONFIG_PAGE_OFFSET (5.10) or PAGE_OFFSET_L3 */
	uint64_t page_offset_l3;
	/* The paging mode: satp mode, VA_BITS and PAGE_OFFSET. */
	int (*select_mode)(struct riscv_state *st);
	/* The virtual areas of asm/pgtable.h, asm/kasan.h, module.c. */
	void (*va_areas)(struct riscv_state *st);
	/* Where the image runs (virtual) and KASLR. */
	int (*place_kernel)(struct riscv_state *st);
	/* setup_bootmem(): memory limits, phys_ram_base, the image reservation. */
	int (*setup_bootmem)(struct riscv_state *st);
	/* 6.x setup_bootmem(): RAM past phys_ram_base + KERN_VIRT_SIZE dropped. */
	int (*cap_linear)(struct riscv_state *st);
	/* /reserved-memory no-map: memblock_remove (5.10) or mark_nomap (6.x). */
	int (*reserve_nomap)(struct riscv_state *st, uint64_t base, uint64_t size);
	/* mem_init(): does swiotlb take its 64 MiB buffer for this board? */
	bool (*wants_swiotlb)(const struct riscv_state *st);
	/* swiotlb_init() runs in setup_arch(), before vfs_caches_init_early()'s
	 * hash tables (5.10 arch/riscv/kernel/setup.c), not in mem_init() */
	bool swiotlb_in_setup_arch;
	/* 5.x: memblock_dump_all() ends setup_bootmem(); 6.x: misc_mem_init() */
	bool memblock_dump_in_setup_bootmem;
	/* kasan_init(): the shadow pages of RAM and the image (CONFIG_KASAN). */
	int (*kasan_shadow)(struct riscv_state *st);
	/* create_linear_mapping_page_table() takes CONFIG_KFENCE's pool from
	 * memblock (v6.x; never given back, even with kfence.sample_interval=0) */
	bool kfence_pool_early;
	/* memblock_free_all() -> memmap_init_reserved_pages() sets the
	 * reserved regions' nodes with CONFIG_NUMA (mm/memblock.c v6.12; not
	 * in 5.10, which has no such function) */
	bool reserved_nid_at_free_all;
	/* setup_vm_final()'s tables come from memblock (v6.12 fixmap pt_ops;
	 * the 6.18 profile assumed the same, as boot_tables.c does) */
	bool setup_vm_final_tables;
	/* unflatten_device_tree() allocates the reserved_mem array (v6.12) */
	bool reserved_mem_array;
	/* the unflattened DT and its aliases, init_resources()'s array and
	 * setup_command_line()'s two copies are modelled (6.12, 6.18; 5.10's
	 * are not read) */
	bool unflatten_allocs;
	/* sparse_init_nid()'s usage maps are modelled (v6.12's struct
	 * mem_section_usage, with its rcu_head; 5.10's not read) */
	bool sparse_usemaps;
	/* swiotlb_init_remap() allocates mem->areas after the slots (v6.12) */
	bool swiotlb_areas;
	/* misc_mem_init() -> arch_reserve_crashkernel(): parse_crashkernel()
	 * and reserve_crashkernel_generic() with this parser (v6.12, v6.16+);
	 * 5.10 is not modelled (a note) */
	bool crashkernel_generic;
	enum vml_crash_parse_rev crash_parse;
	/* dma_contiguous_reserve(): a cma= limit replaces dma32_phys_limit
	 * (kernel/dma/contiguous.c v6.16+; before, the lower of the two) */
	bool cma_cmdline_limit_wins;
	/* cma_fixed_reserve() (mm/cma.c v6.17+): no low/high boundary check for
	 * a fixed cma= area without CONFIG_HIGHMEM */
	bool cma_fixed_boundary_highmem_only;
	/* misc_mem_init() -> arch_numa_init() with CONFIG_NUMA (riscv NUMA came
	 * in v5.12; v6.12 drivers/base/arch_numa.c, mm/numa_memblks.c) */
	bool arch_numa;
	/* start_kernel() -> setup_per_cpu_areas() is modelled (6.x: the
	 * arch_numa one with CONFIG_NUMA, mm/percpu.c's otherwise; 5.10's
	 * generic one was not read) with the mm/percpu.c of pcpu_version, and
	 * CONFIG_NR_CPUS's Kconfig default (arch/riscv/Kconfig: 64 on 64BIT) */
	bool first_chunk;
	enum vml_pcpu_version pcpu_version;
	unsigned int nr_cpus_default;
	/* vmemmap_populate() maps PMD leaves (vmemmap_populate_hugepages(),
	 * v6.12 arch/riscv/mm/init.c), not base pages (v5.10 and v6.1:
	 * vmemmap_populate_basepages(), one PTE table per 2 MiB) */
	bool vmemmap_hugepages;
	/* vmemmap = VMEMMAP_START: pfn 0's struct page there (v5.10 asm/pgtable.h);
	 * since v5.13 VMEMMAP_START - (phys_ram_base >> PAGE_SHIFT) */
	bool vmemmap_from_pfn0;
	/* print_vm_layout() of arch/riscv/mm/init.c. */
	int (*boot_log)(struct riscv_state *st);
};

struct riscv_state {
	const struct riscv_profile *prof;
	const struct vml_board *board;
	const struct vml_kernel_config *cfg;
	struct vml_memblock *mb;
	struct vml_layout *lo;
	struct vml_diag *diag;

	/* paging mode */
	unsigned int va_bits;	 /* 39, 48, 57 */
	uint64_t satp_mode;	 /* RISCV_SATP_MODE_* */
	uint64_t pgdir_size;	 /* PGDIR_SIZE of the mode */
	uint64_t page_offset;	 /* kernel_map.page_offset */
	uint64_t kern_virt_size; /* KERN_VIRT_SIZE: the linear map's reach */

	/* virtual areas, as the kernel's macros give them (5.10's *_END
	 * macros are inclusive: they are kept so, for the boot log) */
	uint64_t vmalloc_start, vmalloc_end;
	uint64_t vmemmap_start, vmemmap_end;
	uint64_t pci_io_start, pci_io_end;
	uint64_t fixaddr_start, fixaddr_top;
	uint64_t modules_vaddr, modules_end;
	uint64_t kasan_start, kasan_end; /* 0, 0 without KASAN */
	uint64_t linear_end;		 /* the linear area's end (0 = 2^64) */

	/* kernel image (kernel_map) */
	uint64_t kernel_phys, kernel_size; /* _start's PA, _end - _start */
	uint64_t kernel_virt;		   /* kernel_map.virt_addr */
	uint64_t virt_offset;		   /* the KASLR offset */
	uint64_t init_base, init_size;	   /* physical, freed by free_initmem() */

	/* physical side */
	uint64_t phys_ram_base; /* the PA PAGE_OFFSET maps */
	uint64_t max_low_pfn, min_low_pfn;
	uint64_t dma32_phys_limit;
	uint64_t high_memory;
	uint64_t initrd_base, initrd_size;	       /* the reservation, page-rounded */
	uint64_t initrd_freed_start, initrd_freed_end; /* initrd_start, initrd_end */
	uint64_t cma_base, cma_size;		       /* released to the buddy allocator */
};

/* __va() of the linear map */
static inline uint64_t riscv_va(const struct riscv_state *st, uint64_t pa)
{
	return pa - st->phys_ram_base + st->page_offset;
}

/* Hooks (layout_mode.c) */
int vml_riscv_mode_sv39_only(struct riscv_state *st);
int vml_riscv_mode_probe_6_4(struct riscv_state *st);
int vml_riscv_mode_probe_6_18(struct riscv_state *st);
/* Hooks (layout_vm.c) */
void vml_riscv_areas_5_10(struct riscv_state *st);
void vml_riscv_areas_6_11(struct riscv_state *st);
int vml_riscv_kernel_in_linear_map_5_10(struct riscv_state *st);
int vml_riscv_kernel_last_2g_kaslr_6_6(struct riscv_state *st);
uint64_t vml_riscv_image_size(const struct riscv_state *st);
/* Hooks (layout_bootmem.c) */
int vml_riscv_setup_bootmem_5_10(struct riscv_state *st);
int vml_riscv_setup_bootmem_6_4(struct riscv_state *st);
int vml_riscv_cap_linear_6_4(struct riscv_state *st);
int vml_riscv_cap_linear_warn_6_18(struct riscv_state *st);
int vml_riscv_nomap_remove_5_10(struct riscv_state *st, uint64_t base, uint64_t size);
int vml_riscv_nomap_mark_6_x(struct riscv_state *st, uint64_t base, uint64_t size);
bool vml_riscv_swiotlb_always_5_10(const struct riscv_state *st);
bool vml_riscv_swiotlb_above_dma32_6_x(const struct riscv_state *st);
/* setup_vm_final()'s table pages, after the KFENCE pool [@pool, +@pool_size)
 * (layout_final_tables.c) */
int vml_riscv_setup_vm_final_tables(struct riscv_state *st, uint64_t pool, uint64_t pool_size);
/* Steps every profile runs (layout_bootmem.c) */
int vml_riscv_add_memory(struct riscv_state *st);
int vml_riscv_reserve_early(struct riscv_state *st);
/* hugetlb_cma= is placed (CMA, HUGETLB_PAGE, the 6.12 profile) */
bool vml_riscv_hugetlb_cma_modelled(const struct riscv_state *st);
int vml_riscv_zones_and_totals(struct riscv_state *st);
/* Hooks (layout_kasan.c) */
int vml_riscv_kasan_pages_5_10(struct riscv_state *st);
int vml_riscv_kasan_blocks_6_x(struct riscv_state *st);
/* Hooks (layout_lines.c) */
int vml_riscv_boot_log_5_10(struct riscv_state *st);
int vml_riscv_boot_log_6_x(struct riscv_state *st);
int vml_riscv_regions(struct riscv_state *st);
void vml_riscv_linear_map_notes(struct riscv_state *st);
/* smp_cpus.c: setup_smp()'s possible cpus; setup_per_cpu_areas.c */
void vml_riscv_possible_cpus(const struct vml_board *board, unsigned int nr_cpus,
			     unsigned int nr_cpus_arg, struct vml_pcpu_cpus *out,
			     struct vml_layout *lo);
int vml_riscv_setup_per_cpu_areas(struct riscv_state *st);

#endif
