/* SPDX-License-Identifier: MIT */
/*
 * DOC: the 32-bit ARM kernel's own page tables after boot (swapper_pg_dir)
 *
 * From a computed arm layout of the 6.1 profile and its memblock, build
 * into one page-table engine tree over the whole 4 GiB (the kernel's
 * init_mm.pgd; "short-linux" for the classic kernel, whose PTE pages hold
 * Linux's PTEs beside the hardware's, "lpae" with CONFIG_ARM_LPAE) what
 * paging_init() of arch/arm/mm/mmu.c (v6.1) builds, in its order:
 *
 * 1. map_lowmem(): every memory range outside NOMAP, up to
 *    arm_lowmem_limit, MT_MEMORY_RW (RW, XN), less the kernel's sections
 *    [kernel_sec_start, kernel_sec_end) (head.S: PHYS_OFFSET to _end
 *    rounded up to a section); sections where the VA, the end and the PA are
 *    section aligned, 4K pages elsewhere; never supersections nor (LPAE)
 *    1 GiB blocks;
 * 2. map_kernel(): [kernel_sec_start, round_up(__pa(__init_end), SECTION))
 *    MT_MEMORY_RWX, the rest of the kernel's sections MT_MEMORY_RW;
 * 3. dma_contiguous_remap(): each CMA area in lowmem unmapped (pmd_clear)
 *    and mapped again with pages, MT_MEMORY_DMA_READY (iotable_init: a
 *    struct static_vm from memblock first);
 * 4. devicemaps_init(): the vectors' two pages (early_alloc(8K), 8K
 *    aligned), the DTB's two sections at FDT_FIXED_BASE (MT_MEMORY_RO),
 *    0xffff0000 MT_HIGH_VECTORS (CONFIG_KUSER_HELPERS=y, as Debian's
 *    armmp) and 0xffff1000 MT_LOW_VECTORS, and pci_reserve_io()'s static_vm
 *    (CONFIG_PCI);
 * 5. kmap_init(): the empty PTE tables of pkmap (CONFIG_HIGHMEM) and of
 *    the fixmap; then the zero page (early_alloc(4K));
 * 6. (stage RUNNING) free_initmem()'s fix_kernmem_perms() (nx_perms:
 *    [PAGE_OFFSET, _stext), [__init_begin, _sdata) and
 *    [__start_rodata_section_aligned, __init_begin) XN) and, unless
 *    rodata=off, mark_rodata_ro() (ro_perms: [_stext, __init_begin) RO), in
 *    place on the sections, as section_update() of arch/arm/mm/init.c does;
 *    before them, when the layout started KFENCE (its "kfence pool (late)"),
 *    kfence_init(): the pool's sections split into pages and its guard
 *    pages invalid (vml_arm_kfence_init_pool()).
 *
 * Every early_alloc() is a top-down memblock allocation of its size and
 * alignment under the memblock limit (map_lowmem's under the layout's
 * memblock_limit, the rest under arm_lowmem_limit), in the kernel's order;
 * what the layout reserved from paging_init() on (its own model of these
 * allocations, then mem_map, ...) is given back first, so the tables land
 * where the kernel's do.
 *
 * Not built: earlycon's permanent fixmap slot (early_fixmap_shutdown()),
 * DEBUG_LL's and machines' static I/O maps (Debian's armmp has neither for
 * DT machines), TCM, XIP and KASAN. Freestanding. docs/arm32.md "Boot page
 * tables".
 */
#ifndef VMLAYOUT_ARCH_ARM_BOOT_TABLES_H
#define VMLAYOUT_ARCH_ARM_BOOT_TABLES_H

#include "vmlayout/boot_tables.h"
#include "vmlayout/layout.h"
#include "vmlayout/memblock.h"
#include "vmlayout/pgtable.h"

/*
 * The image (virtual addresses, vmlinux.lds.S names of v6.1) and the
 * physical sections head.S mapped for it. _stext, __init_begin and _sdata
 * are section aligned by the linker script; start_rodata_aligned is
 * __start_rodata_section_aligned.
 */
struct vml_arm_image {
	uint64_t text, stext, start_rodata_aligned, init_begin, init_end, sdata, end;
	uint64_t kernel_sec_start, kernel_sec_end; /* physical */
	uint64_t fdt_pa;			   /* the DTB's physical address; 0: unknown */
	bool defaults;				   /* no System.map: vmlayout's default segments */
	uint64_t static_vm_size, static_vm_align;  /* sizeof(struct static_vm), its alignment */
};

/* sizeof(struct static_vm) and its alignment for @cfg (static_vm.c) */
uint64_t vml_arm_static_vm_size(const struct vml_kernel_config *cfg);
uint64_t vml_arm_static_vm_align(const struct vml_kernel_config *cfg);

/**
 * vml_arm_boot_image() - the image's segments for a computed arm layout
 *
 * With System.map: its symbols. Without, over the kernel reservation
 * (--kernel-image SIZE@PHYS): _stext at the first section boundary after
 * _text, _sdata at the last one before _end, __init_begin at 65 % of the
 * image rounded down to a section (kept between _stext + 1 section and
 * _sdata - 1 section), init 5 % (at most a section), rodata from 40 %
 * rounded up to a section (docs/arm32.md).
 *
 * Return: 0; VML_EINVAL if the image size is unknown or its symbols are
 * out of order or not aligned as vmlinux.lds.S aligns them.
 */
int vml_arm_boot_image(const struct vml_layout *lo, const struct vml_kernel_config *cfg,
		       struct vml_arm_image *out, struct vml_diag *diag);

/**
 * vml_arm_boot_tables() - steps 1 to 6 on an initialised tree
 * @ctx: a tree of the layout's format, its root from swapper_pg_dir, its
 *	allocator taking table pages top-down from @mb (honouring the
 *	memblock's current limit)
 * @mb: the layout's final memblock (what paging_init() and later reserved
 *	given back; tables and the vectors reserved in it again)
 *
 * Return: 0, or the engine's or memblock's error (@diag says which step).
 */
int vml_arm_boot_tables(struct vml_pt_ctx *ctx, const struct vml_layout *lo,
			const struct vml_arm_image *img, struct vml_memblock *mb,
			const struct vml_boot_opts *o, struct vml_diag *diag);

/**
 * vml_arm_kfence_init_pool() - what kfence_init() does to lowmem's map
 * @pool_va: the started KFENCE pool's lowmem address; @pool_size: its size
 *
 * arch_kfence_init_pool() (each leaf PMD over the pool split into 512
 * PAGE_KERNEL pages, its PTE table from @ctx's allocator), then
 * kfence_init_pool()'s guard pages invalid (vml_kfence_protect_guards()).
 * src/arch/arm/kfence_init_pool.c cites the kernel.
 *
 * Return: 0, or the engine's error.
 */
int vml_arm_kfence_init_pool(struct vml_pt_ctx *ctx, uint64_t pool_va, uint64_t pool_size,
			     struct vml_diag *diag);

/* The kernel's mem_types[] of arch/arm/mm/mmu.c (v6.1, ARMv7 SMP, cache
 * policy writealloc) as engine attributes. */
enum vml_arm_mem_type {
	VML_ARM_MT_MEMORY_RW = 0,
	VML_ARM_MT_MEMORY_RWX,
	VML_ARM_MT_MEMORY_RO,
	VML_ARM_MT_MEMORY_DMA_READY,
	VML_ARM_MT_HIGH_VECTORS,
	VML_ARM_MT_LOW_VECTORS,
};
struct vml_pt_attrs vml_arm_mem_type(enum vml_arm_mem_type t);

/* The layout's reservation named @name (the arm policy's own names), or
 * NULL. */
const struct vml_reservation *vml_arm_reservation(const struct vml_layout *lo, const char *name);

#endif
