/* SPDX-License-Identifier: MIT */
/*
 * DOC: the arm64 kernel's own page tables after boot (swapper_pg_dir)
 *
 * From a computed arm64 layout, its memblock and the rodata mode, build
 * into a page-table engine tree (the TTBR1 half) what the kernel runs on:
 *
 * 1. the kernel image, segment by segment, each on its own last-level
 *    entries: v6.1 arch/arm64/mm/mmu.c map_kernel() (map_kernel_segment ->
 *    __create_pgd_mapping), v6.12 arch/arm64/kernel/pi/map_kernel.c
 *    map_kernel() (map_range);
 * 2. the linear map: arch/arm64/mm/mmu.c map_mem() (v6.1, v6.12) with the
 *    block/contiguous policy of the rodata mode, the image's linear alias
 *    mapped apart (PAGE_KERNEL, NO_CONT_MAPPINGS), NOMAP ranges left out;
 * 3. the fixmap (boot_tables_fixmap.c): early_fixmap_init()'s tables in
 *    the image, the FDT left mapped read-only by setup_machine_fdt() and
 *    earlycon's slot;
 * 4. the vmemmap (boot_tables_vmemmap.c): vmemmap_populate() of every
 *    present section at sparse_init() (bootmem_init(), after paging_init);
 * 5. then (stage VML_BOOT_RUNNING) what boot does after paging_init:
 *    mark_rodata_ro(), mark_linear_text_alias_ro() and free_initmem().
 *
 * Freestanding. docs/arm64.md "Boot page tables" lists what is assumed
 * (no BTI, no MTE, no KFENCE pool, no crashkernel=) and what is not built
 * (the KPTI trampoline's fixmap slots, the ID map, PCI I/O, KASAN).
 */
#ifndef VMLAYOUT_ARCH_ARM64_BOOT_TABLES_H
#define VMLAYOUT_ARCH_ARM64_BOOT_TABLES_H

#include "vmlayout/boot_tables.h"
#include "vmlayout/layout.h"
#include "vmlayout/memblock.h"
#include "vmlayout/pgtable.h"

/*
 * The options are the generic ones (vmlayout/boot_tables.h). For arm64:
 * - rodata: NOALIAS is v6.18's name (v6.1 and v6.12 refuse it); DEFAULT is
 *   rodata_full = RODATA_FULL_DEFAULT_ENABLED (y);
 * - kfence (arch/arm64/mm/mmu.c, asm/kfence.h v6.1, v6.12): LATE is
 *   CONFIG_KFENCE with kfence.sample_interval = 0 (Debian's 6.12): the pool
 *   comes late, so arm64_kfence_can_set_direct_map() forces pages in the
 *   linear map; EARLY a non-zero interval: arm64_kfence_alloc_pool() takes
 *   KFENCE_POOL_SIZE = (255 + 1) * 2 pages from memblock before the linear
 *   map, leaves it out, then maps it with pages only;
 * - stage PAGING_INIT: right after paging_init()'s map_mem(); RUNNING:
 *   after mark_rodata_ro, the alias RO and free_initmem;
 * - inittext_end: VA of __inittext_end (= __initdata_begin);
 *   init_data_begin is riscv64's and refused.
 */

/*
 * The image's segment boundaries, virtual (vmlinux.lds.S names; v6.1 and
 * v6.12 have __inittext_begin = __init_begin, __initdata_end = __init_end,
 * _data = _sdata) and the physical address of _text.
 */
struct vml_arm64_image {
	uint64_t text, stext, etext, start_rodata, init_begin, inittext_end, init_end, data, end;
	uint64_t pa_text;
	bool defaults; /* boundaries are vmlayout's defaults (no System.map) */
	/* __entry_tramp_text_start/_end moved as the rest (0: not given) */
	uint64_t tramp_start, tramp_end;
	/* earlycon=: the UART earlycon_map() puts at FIX_EARLYCON_MEM_BASE
	 * (cfg->earlycon_mmio; carried from the plan to the build) */
	bool earlycon;
	uint64_t earlycon_pa;
};

/* SEGMENT_ALIGN (asm/memory.h v6.1, v6.12): 64 KiB. */
#define VML_ARM64_SEGMENT_ALIGN 0x10000ULL

/**
 * vml_arm64_boot_image() - the image's segments for a computed layout
 * @lo: an arm64 layout (its "kernel" region and kimage_voffset)
 * @cfg: its config (cfg->image from System.map, if known)
 * @o: @o->inittext_end, or NULL
 * @out: the boundaries
 *
 * With System.map: its symbols; __inittext_end is @o->inittext_end or the
 * middle of [__init_begin, __init_end) rounded down to SEGMENT_ALIGN.
 * Without: vmlayout's defaults over the "kernel" region [_text, _end):
 * _stext = _text + 64K, text 40 %, rodata 25 %, init 10 % (half text, half
 * data), data the rest, each rounded down to SEGMENT_ALIGN.
 *
 * Return: 0; VML_EINVAL if the image size is unknown (no System.map, no
 * --kernel-image) or the boundaries are out of order or not page aligned.
 */
int vml_arm64_boot_image(const struct vml_layout *lo, const struct vml_kernel_config *cfg,
			 const struct vml_boot_opts *o, struct vml_arm64_image *out,
			 struct vml_diag *diag);

/**
 * vml_arm64_boot_tables() - map the kernel image and the linear map
 * @ctx: an initialised TTBR1 tree (vml_pt_init with upper = true) whose
 *	allocator takes table pages from @mb (top-down, as early_pgtable_alloc)
 * @lo: the arm64 layout (profile, page_offset, phys_offset)
 * @img: from vml_arm64_boot_image()
 * @mb: the layout's final memblock (memory and NOMAP flags are read; @ctx's
 *	allocator and the KFENCE pool reserve in it)
 * @kfence_pool: where the early KFENCE pool went (0: none), or NULL
 * @o: options
 * @image_cb: v6.12+: the ctx->cb the image's tables are allocated with (the
 *	kernel takes them from init_pg_dir, inside the image, not from
 *	memblock); it must work with the same callbacks and window as ctx->cb.
 *	NULL: ctx->cb. v6.1 takes them from memblock (early_pgtable_alloc).
 *
 * The layout's stand-in for the linear map's tables (its reservation
 * "page tables (linear map)", layout_zones.c) is given back to @mb first:
 * the pages map_mem() really allocates replace it.
 *
 * Return: 0, or the engine's error (diag says which step), VML_EINVAL for
 * rodata=noalias on a profile that has no such value.
 */
int vml_arm64_boot_tables(struct vml_pt_ctx *ctx, const struct vml_layout *lo,
			  const struct vml_arm64_image *img, struct vml_memblock *mb,
			  const struct vml_boot_opts *o, void *image_cb, uint64_t *kfence_pool,
			  struct vml_diag *diag);

/* KFENCE_POOL_SIZE for a page size (include/linux/kfence.h, 255 objects). */
#define VML_BOOT_KFENCE_POOL_SIZE(page) ((255ULL + 1) * 2 * (page))

/* The kernel's prot values as engine attributes (asm/pgtable-prot.h v6.1,
 * v6.12; global, no MTE, no BTI). */
enum vml_arm64_prot {
	VML_ARM64_PAGE_KERNEL = 0,
	VML_ARM64_PAGE_KERNEL_RO,
	VML_ARM64_PAGE_KERNEL_ROX,
	VML_ARM64_PAGE_KERNEL_EXEC,
	/* pgprot_tagged(PAGE_KERNEL): map_mem()'s linear map and the KFENCE
	 * pool, AttrIndx MT_NORMAL_TAGGED whatever the CPU (v6.1, v6.12
	 * mm/mmu.c; the MAIR slot is plain Normal memory without MTE) */
	VML_ARM64_PAGE_KERNEL_TAGGED,
	/* PROT_SECT_NORMAL: vmemmap_populate()'s PMD blocks (pmd_set_huge):
	 * writable, no PTE_WRITE (DBM), no PTE_DIRTY */
	VML_ARM64_PROT_SECT_NORMAL,
	/* FIXMAP_PAGE_IO = PROT_DEVICE_nGnRE (asm/fixmap.h): PTE_WRITE, no
	 * PTE_DIRTY, MT_DEVICE_nGnRE */
	VML_ARM64_PROT_DEVICE_nGnRE,
};
/* PTE_DIRTY, software bit 55 (asm/pgtable-prot.h) */
#define VML_ARM64_PTE_DIRTY (1ULL << 55)
struct vml_pt_attrs vml_arm64_prot(enum vml_arm64_prot p);
/* vml_arm64_prot() with PTE_MAYBE_NG: non-global when KASLR moved the image
 * (kaslr_requires_kpti(), boot_tables.c) */
struct vml_pt_attrs vml_arm64_kernel_prot(const struct vml_layout *lo, enum vml_arm64_prot p);
/* Whether the kernel's mappings are non-global (PTE_MAYBE_NG) */
bool vml_arm64_ng_mappings(const struct vml_layout *lo);

/**
 * vml_arm64_map_mem_bounds() - the pages map_mem() maps of a memory range
 * @outward: v6.1: __create_pgd_mapping_locked() (arch/arm64/mm/mmu.c)
 *	rounds the start down and the end up, so a range that a no-map
 *	region's unaligned end or start cuts maps the page they share; v6.12
 *	(the Debian 6.12 source) and v6.18 round the range inward before
 *	__map_memblock(): the shared page stays unmapped
 * @page: PAGE_SIZE; @start, @end: the memblock range
 * @s, @e: the page-aligned bounds mapped (@s >= @e: none)
 */
void vml_arm64_map_mem_bounds(bool outward, uint64_t page, uint64_t start, uint64_t end,
			      uint64_t *s, uint64_t *e);

/**
 * vml_arm64_boot_kpti_tramp() - map_entry_trampoline()'s fixmap slots
 * @ctx: the tree; @image_cb: a ctx->cb over the image's table area
 * @lo: the layout (kpti_tramp_va, kpti_tramp_data, kaslr_offset, profile)
 * @img: the image record (tramp_start, tramp_end)
 * @rodata_enabled: the text's protection (PAGE_KERNEL_ROX or _EXEC)
 *
 * Return: 0 (also when nothing is mapped), or the engine's error.
 */
int vml_arm64_boot_kpti_tramp(struct vml_pt_ctx *ctx, void *image_cb, const struct vml_layout *lo,
			      const struct vml_arm64_image *img, bool rodata_enabled,
			      struct vml_diag *diag);

/**
 * vml_arm64_boot_fixmap() - early_fixmap_init(), the FDT and earlycon
 * @ctx: the tree; @image_cb: a ctx->cb over the image's table area, where
 *	the tables go (bm_pud, bm_pmd, bm_pte are .bss of the image)
 * @lo: the layout (its "fixmap" region, its "dtb" reservation)
 * @img: the image record (earlycon)
 *
 * Return: 0, or the engine's error.
 */
int vml_arm64_boot_fixmap(struct vml_pt_ctx *ctx, void *image_cb, const struct vml_layout *lo,
			  const struct vml_arm64_image *img, struct vml_diag *diag);

/**
 * vml_arm64_boot_vmemmap() - vmemmap_populate() of every present section
 * @ctx: the tree, its ctx->cb taking table pages from memblock
 * @lo: the layout (its "vmemmap" region and "vmemmap (struct page)"
 *	reservation: the sparse buffer the struct pages come from)
 * @mb: the layout's memblock (memory ranges give the present sections)
 *
 * Return: 0 (also when the layout has no vmemmap), or the engine's error.
 */
int vml_arm64_boot_vmemmap(struct vml_pt_ctx *ctx, const struct vml_layout *lo,
			   const struct vml_memblock *mb, struct vml_diag *diag);

/* Whether map_mem() maps the linear map with pages only (NO_BLOCK|NO_CONT)
 * for these options: can_set_direct_map() (mm/pageattr.c v6.1, v6.12),
 * force_pte_mapping() (mm/mmu.c v6.18, BBML2_NOABORT keeps blocks). */
bool vml_arm64_linear_forces_pages(const struct vml_layout *lo, const struct vml_boot_opts *o);
/* can_set_direct_map() (mm/pageattr.c v6.1, v6.12, v6.18; no Realm) */
bool vml_arm64_can_set_direct_map(const struct vml_layout *lo, const struct vml_boot_opts *o);
/* rodata_full for the profile and rodata= mode */
bool vml_arm64_rodata_full(const struct vml_layout *lo, const struct vml_boot_opts *o);
bool vml_arm64_is_v6_18(const struct vml_layout *lo);

#endif
