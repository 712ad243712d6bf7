/* SPDX-License-Identifier: MIT */
/*
 * DOC: the kernel's own page tables after boot, for any arch that has them
 *
 * `vmlayout boot-tables` builds, from a computed layout, the tables a
 * kernel runs on after boot (arm64: swapper_pg_dir's TTBR1 half; riscv64:
 * the satp tree). What a kernel does is the arch's: its descriptor's
 * boot_tables hooks (src/arch/<arch>/boot_tables*.c). The host drives two
 * steps, so that it can give the tables memory between them:
 *
 * 1. vml_boot_tables_plan(): the format of the tree, which half it is,
 *    the image's segments, and where in the image the tables the kernel
 *    keeps in the image lie (the root, swapper_pg_dir; on arm64 v6.12+ the
 *    image's own tables from init_pg_dir);
 * 2. vml_boot_tables_build(): on a tree whose root the caller allocated
 *    from that image area (vml_pt_init with @image_cb) and whose ctx->cb
 *    takes table pages from the layout's memblock, map what the kernel
 *    maps and change what boot changes.
 *
 * The options are the kernel command line's and Kconfig's that change the
 * tables; an arch refuses the ones it does not have, naming them.
 */
#ifndef VMLAYOUT_BOOT_TABLES_H
#define VMLAYOUT_BOOT_TABLES_H

#include "config.h"
#include "layout.h"
#include "memblock.h"
#include "pgtable.h"

/* rodata= (init/main.c set_debug_rodata; arm64 asm/setup.h
 * arch_parse_debug_rodata). NOALIAS is arm64 v6.18's. */
enum vml_boot_rodata {
	VML_BOOT_RODATA_DEFAULT = 0, /* the kernel's default for its config */
	VML_BOOT_RODATA_FULL,
	VML_BOOT_RODATA_ON,
	VML_BOOT_RODATA_OFF,
	VML_BOOT_RODATA_NOALIAS,
};

/* Which moment of boot. */
enum vml_boot_stage {
	VML_BOOT_RUNNING = 0, /* after free_initmem() and mark_rodata_ro() */
	VML_BOOT_PAGING_INIT, /* right after the linear map is built */
};

/* CONFIG_KFENCE and when its pool is set up (each arch's boot_tables.h
 * says what each means for it). */
enum vml_boot_kfence {
	VML_BOOT_KFENCE_NONE = 0, /* not built in */
	VML_BOOT_KFENCE_LATE,	  /* built in, kfence.sample_interval=0 */
	VML_BOOT_KFENCE_EARLY,	  /* built in, pool from memblock at boot */
};

/**
 * struct vml_boot_opts - what the tables depend on besides the layout
 * @rodata: the rodata= mode
 * @stage: which moment of boot
 * @debug_pagealloc: debug_pagealloc=on
 * @kfence: CONFIG_KFENCE and its pool
 * @inittext_end: arm64: VA of __inittext_end, which the System.map symbols
 *	read do not give; 0 = the arch's default
 * @init_data_begin: riscv64 6.x: VA of __init_data_begin; 0 = the default
 * @cpu_features: VML_PT_CPU_* every CPU of the system has (arm64 v6.18:
 *	BBML2_NOABORT); an arch or version that does not use one refuses it
 * @text_writable: arm64 v6.9+: the early scan saw rodata=off (or
 *	arm64_sw.rodataoff=), so kernel/pi/map_kernel.c maps the text
 *	PAGE_KERNEL_EXEC whatever rodata_enabled ends up as (the layout's
 *	kernel_text_writable; with an explicit rodata mode: mode == OFF). v6.1
 *	decides from rodata_enabled and ignores it.
 */
struct vml_boot_opts {
	enum vml_boot_rodata rodata;
	enum vml_boot_stage stage;
	bool debug_pagealloc;
	enum vml_boot_kfence kfence;
	uint64_t inittext_end;
	uint64_t init_data_begin;
	uint32_t cpu_features;
	bool text_writable;
};

/**
 * struct vml_boot_plan - what step 1 decides
 * @fmt: the tree's format
 * @half: 0: the only root (or TTBR0); 1: the upper half (TTBR1,
 *	vml_pt_ctx.upper)
 * @image_tables_pa, @image_tables_size: the image's pages its tables come
 *	from (a page-aligned range inside the image)
 * @image_tables_bottom_up: taken from the bottom of that range up (the
 *	root first), else top-down
 * @image_defaults: no System.map: the image's segments are vmlayout's
 *	defaults, which @image_doc describes
 * @arch_image: the arch's own record of the image (opaque here)
 */
struct vml_boot_plan {
	struct vml_pt_format fmt;
	unsigned int half;
	uint64_t image_tables_pa, image_tables_size;
	bool image_tables_bottom_up;
	bool image_defaults;
	const char *image_doc;
	union {
		uint64_t word[16];
	} arch_image;
};

/**
 * vml_boot_tables_plan() - step 1, for the arch of @lo
 * @lo: a computed layout
 * @cfg: its configuration (cfg->image: the System.map's symbols, if read)
 * @o: the options
 * @plan: the result
 * @diag: the rule broken, naming the option or input at fault
 *
 * Return: 0; VML_ENOTSUP if the arch has no boot tables; VML_EINVAL for an
 * option the arch does not have or an image whose segments cannot be
 * known or are out of order.
 */
int vml_boot_tables_plan(const struct vml_layout *lo, const struct vml_kernel_config *cfg,
			 const struct vml_boot_opts *o, struct vml_boot_plan *plan,
			 struct vml_diag *diag);

/**
 * vml_boot_tables_build() - step 2
 * @ctx: an initialised tree of @plan->fmt whose root came from the image
 *	area, with ctx->cb taking table pages top-down from @mb
 * @lo, @o: as given to the plan
 * @plan: from vml_boot_tables_plan()
 * @mb: the layout's final memblock (read, and reserved in)
 * @image_cb: a ctx->cb over the image area, for the tables an arch keeps
 *	in its image (the same callbacks and window as ctx->cb)
 *
 * Return: 0, or the engine's error (@diag says which step).
 */
int vml_boot_tables_build(struct vml_pt_ctx *ctx, const struct vml_layout *lo,
			  const struct vml_boot_plan *plan, struct vml_memblock *mb,
			  const struct vml_boot_opts *o, void *image_cb, struct vml_diag *diag);

/**
 * vml_boot_tables_change() - one of the kernel's permission changes after boot
 * @ctx: the tree vml_boot_tables_build() built
 * @lo, @o: as given to the build
 * @mb: the layout's memblock (table pages a split needs come from it,
 *	through ctx->cb, standing in for the page allocator)
 * @op: the arch's name of the change (arm64: ro, rw, x, nx, alias-ro,
 *	alias-rw, invalid, default: docs/arm64.md "Later changes")
 * @addr, @size: the range
 * @noop: why the kernel changes nothing here, or NULL if it changed
 *
 * Every write goes through the engine (ctx->log records it).
 *
 * Return: 0; VML_EINVAL where the kernel refuses (diag->rule names its
 * rule; nothing changed) or for an op the arch does not have; VML_ENOTSUP
 * if the arch models no later changes; the engine's error otherwise.
 */
int vml_boot_tables_change(struct vml_pt_ctx *ctx, const struct vml_layout *lo,
			   const struct vml_boot_opts *o, const struct vml_memblock *mb,
			   const char *op, uint64_t addr, uint64_t size, const char **noop,
			   struct vml_diag *diag);

/* An arch's steps, in its descriptor (arch.h); change may be NULL. */
struct vml_boot_tables_ops {
	int (*plan)(const struct vml_layout *lo, const struct vml_kernel_config *cfg,
		    const struct vml_boot_opts *o, struct vml_boot_plan *plan,
		    struct vml_diag *diag);
	int (*build)(struct vml_pt_ctx *ctx, const struct vml_layout *lo,
		     const struct vml_boot_plan *plan, struct vml_memblock *mb,
		     const struct vml_boot_opts *o, void *image_cb, struct vml_diag *diag);
	int (*change)(struct vml_pt_ctx *ctx, const struct vml_layout *lo,
		      const struct vml_boot_opts *o, const struct vml_memblock *mb, const char *op,
		      uint64_t addr, uint64_t size, const char **noop, struct vml_diag *diag);
};

#endif
