/* SPDX-License-Identifier: MIT */
/*
 * DOC: the riscv64 kernel's own page tables after boot (swapper_pg_dir)
 *
 * From a computed riscv64 layout and its memblock, build into a page-table
 * engine tree of the layout's satp mode (Sv39, Sv48, Sv57) what the kernel
 * runs on after setup_vm_final() (arch/riscv/mm/init.c):
 *
 * v6.12 (and the 6.18 profile, same code):
 * 1. the linear map, create_linear_mapping_page_table(): the image's text
 *    [_start, __init_data_begin) and rodata [__start_rodata, _data) and
 *    the KFENCE pool marked NOMAP, every memory range outside NOMAP mapped
 *    step by step with best_map_size() (P4D on Sv57, PUD on Sv48/Sv57, PMD,
 *    else 4K; 4K only with debug_pagealloc), then the text alias
 *    (PAGE_KERNEL_READ), the rodata alias (PAGE_KERNEL) and the pool (4K);
 * 2. the image, create_kernel_page_table(swapper_pg_dir, false): 2 MiB PMD
 *    leaves over [_start, _end) at kernel_map.virt_addr, prot by
 *    pgprot_from_va() (text and init text PAGE_KERNEL_READ_EXEC, the rest
 *    PAGE_KERNEL), STRICT_KERNEL_RWX assumed (SECTION_ALIGN = 2 MiB);
 * 3. (stage RUNNING) kernel_init(): free_initmem() (arch/riscv/kernel/
 *    setup.c: the init alias RW NX, the init mapping NX) then
 *    mark_rodata_ro() unless rodata=off (rodata RO, mapping and alias), by
 *    set_memory_*() (arch/riscv/mm/pageattr.c __set_memory: linear leaves
 *    split where the range cuts them, kernel-mapping leaves changed whole).
 *
 * v5.10: the image lies in the linear map (PAGE_OFFSET maps the load
 * address); setup_vm_final() maps each memory range with one size,
 * best_map_size(base, size) (2 MiB when both are 2 MiB aligned, else 4K),
 * PAGE_KERNEL_EXEC; stage RUNNING applies v5.10 mark_rodata_ro(): text RO,
 * rodata RO and NX, [_data, __va(max_low)) NX, whole leaves (no split).
 *
 * Freestanding. docs/riscv64.md "Boot page tables" lists what is assumed
 * and what is not built (the fixmap's table entry, KASAN, the trampoline).
 */
#ifndef VMLAYOUT_ARCH_RISCV_BOOT_TABLES_H
#define VMLAYOUT_ARCH_RISCV_BOOT_TABLES_H

#include "vmlayout/boot_tables.h"
#include "vmlayout/layout.h"
#include "vmlayout/memblock.h"
#include "vmlayout/pgtable.h"

/*
 * The options are the generic ones (vmlayout/boot_tables.h). For riscv64:
 * - stage PAGING_INIT: right after setup_vm_final(); RUNNING: after
 *   free_initmem() and mark_rodata_ro();
 * - rodata: OFF skips mark_rodata_ro (init/main.c mark_readonly());
 *   DEFAULT, ON and FULL all leave it on (set_debug_rodata() v6.12 takes
 *   only "on" and "off" on riscv: "full" is warned about and ignored);
 *   NOALIAS is arm64's and refused;
 * - debug_pagealloc: 6.x best_map_size() maps 4K only;
 * - kfence: LATE or EARLY both mean 6.x CONFIG_KFENCE: KFENCE_POOL_SIZE
 *   (2 MiB) from memblock before the linear map, mapped with 4K pages;
 * - init_data_begin: VA of __init_data_begin (6.x); 0 = __init_begin +
 *   2 MiB (init text under 2 MiB); inittext_end is arm64's and refused.
 */

/*
 * The image's boundaries (run-time VAs, vmlinux.lds.S names) and the PA of
 * _start. 6.x order: _start _text _etext __init_begin __init_data_begin
 * __init_end __start_rodata _data _end, with _start, __init_begin,
 * __init_data_begin, __start_rodata and _data 2 MiB aligned. v5.10 order:
 * _start __init_begin __init_end _text _etext __start_rodata _data _end,
 * with _text, __start_rodata and _data 2 MiB aligned (init_data_begin 0).
 */
struct vml_riscv_image {
	uint64_t start, text, etext, init_begin, init_data_begin, init_end, start_rodata, data, end;
	uint64_t pa_start;
	bool v5_10;
	bool defaults; /* boundaries are vmlayout's defaults (no System.map) */
};

/* KFENCE_POOL_SIZE: (255 + 1) * 2 pages of 4K (include/linux/kfence.h). */
#define VML_RISCV_KFENCE_POOL_SIZE 0x200000ULL

/**
 * vml_riscv_boot_image() - the image's segments for a computed layout
 *
 * With System.map: its symbols moved to the layout's _start (link _start is
 * _text rounded down to 2 MiB, v5.10 __init_begin rounded down), _data =
 * __end_rodata rounded up to 2 MiB (.srodata assumed not to cross one).
 * Without: vmlayout's defaults over the "kernel" region (docs/riscv64.md).
 *
 * Return: 0; VML_EINVAL if the image size is unknown, or a boundary is out
 * of order or not aligned as STRICT_KERNEL_RWX aligns it.
 */
int vml_riscv_boot_image(const struct vml_layout *lo, const struct vml_kernel_config *cfg,
			 const struct vml_boot_opts *o, struct vml_riscv_image *out,
			 struct vml_diag *diag);

/**
 * vml_riscv_boot_tables() - map the linear map and the kernel image
 * @ctx: an initialised tree of the layout's mode (vml_riscv_satp_bits), its
 *	allocator taking table pages from @mb (top-down, as the fixmap pt_ops
 *	of setup_vm_final take them from memblock)
 * @mb: the layout's final memblock (the KFENCE pool is reserved in it)
 * @kfence_pool: where the pool went (0: none), or NULL
 * @image_cb: a ctx->cb over the image's table area, for the fixmap's .bss
 *	tables (6.x); NULL: ctx->cb
 *
 * 6.x also builds the fixmap (boot_tables_fixmap.c) before the linear map
 * and the vmemmap (boot_tables_vmemmap.c) after the image.
 *
 * Return: 0, or the engine's error (diag says which step).
 */
int vml_riscv_boot_tables(struct vml_pt_ctx *ctx, const struct vml_layout *lo,
			  const struct vml_riscv_image *img, struct vml_memblock *mb,
			  const struct vml_boot_opts *o, uint64_t *kfence_pool, void *image_cb,
			  struct vml_diag *diag);

/* v6.12 setup_vm()/setup_vm_final(): the fixmap's tables (from @image_cb)
 * and the FDT's two PMD leaves (the layout's "fixmap" region and "dtb"
 * reservation). */
int vml_riscv_boot_fixmap(struct vml_pt_ctx *ctx, void *image_cb, const struct vml_layout *lo,
			  struct vml_diag *diag);

/* v6.12 sparse_init(): vmemmap_populate() of every present section. */
int vml_riscv_boot_vmemmap(struct vml_pt_ctx *ctx, const struct vml_layout *lo,
			   const struct vml_memblock *mb, struct vml_diag *diag);

/* 39, 48 or 57: the satp mode a riscv64 layout's PAGE_OFFSET belongs to
 * (the kernel half [-2^(bits-1), 2^64) that holds it); 0 if none. */
unsigned int vml_riscv_satp_bits(const struct vml_layout *lo);

/* The kernel's prot values (arch/riscv/include/asm/pgtable.h v6.12):
 * _PAGE_KERNEL = R W A D G (and V). */
enum vml_riscv_prot {
	VML_RISCV_PAGE_KERNEL = 0,
	VML_RISCV_PAGE_KERNEL_READ,
	VML_RISCV_PAGE_KERNEL_EXEC,
	VML_RISCV_PAGE_KERNEL_READ_EXEC,
};
struct vml_pt_attrs vml_riscv_prot(enum vml_riscv_prot p);

#endif
