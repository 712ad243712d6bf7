/* SPDX-License-Identifier: MIT */
/*
 * DOC: 32-bit ARM's boot_tables hooks: swapper_pg_dir and the image
 *
 * The plan: the layout's format over the whole 4 GiB ("short-linux", or
 * "lpae" with CONFIG_ARM_LPAE), one root, the image's segments, and
 * swapper_pg_dir as head.S lays it out (arch/arm/kernel/head.S v6.1): the
 * 16 KiB below KERNEL_RAM_VADDR = PAGE_OFFSET + TEXT_OFFSET, or with LPAE
 * 20 KiB (one page whose first 32 bytes are the pgd, then the four PMD
 * tables, mmu.c SWAPPER_PG_DIR_SIZE). The PMD tables the LPAE kernel finds
 * there are taken by the engine from the same pages, bottom-up, as the
 * first tables it makes.
 *
 * Only the 6.1 profile's kernel is followed (the 3.4 profile's map_lowmem
 * mapped lowmem RWX and had no section permissions: not modelled).
 */
#include "arch/arm/arm_arch.h"
#include "arch/arm/boot_tables.h"

_Static_assert(sizeof(struct vml_arm_image) <= sizeof(((struct vml_boot_plan *)0)->arch_image),
	       "the arm image record must fit the plan's arch_image");

static int arm_refuse_options(const struct vml_layout *lo, const struct vml_boot_opts *o,
			      struct vml_diag *diag)
{
	if (!vml_str_eq(lo->profile, "6.1"))
		return vml_fail(
		    diag, VML_EINVAL,
		    "only the 6.1 profile's paging_init() is modelled (use --kernel 6.1)", 0, 0,
		    -1);
	if (o->rodata == VML_BOOT_RODATA_FULL || o->rodata == VML_BOOT_RODATA_NOALIAS)
		return vml_fail(diag, VML_EINVAL,
				"rodata=full and noalias are arm64's (arm takes on or off)", 0, 0,
				-1);
	if (o->inittext_end || o->init_data_begin)
		return vml_fail(diag, VML_EINVAL,
				"--inittext-end and --init-data-begin are arm64's and riscv64's", 0,
				0, -1);
	if (o->cpu_features)
		return vml_fail(diag, VML_EINVAL,
				"--cpu-feature bbml2 is arm64's (32-bit ARM has no such feature)",
				0, 0, -1);
	/* 32-bit ARM has no early KFENCE pool: kfence_alloc_pool_and_metadata()
	 * (mm/kfence/core.c v6.12) takes it from memblock after paging_init(),
	 * the layout's "kfence pool (late)" when kfence.sample_interval is not
	 * 0 (what the CLI's default --kfence early follows), and kfence_init()
	 * splits its sections at run time (vml_arm_kfence_init_pool()).
	 * debug_pagealloc maps lowmem with pages: not modelled. */
	if (o->debug_pagealloc)
		return vml_fail(
		    diag, VML_EINVAL,
		    "debug_pagealloc changes the 32-bit ARM boot tables in ways vmlayout "
		    "does not model",
		    0, 0, -1);
	if (o->kfence == VML_BOOT_KFENCE_EARLY && !vml_arm_reservation(lo, "kfence pool (late)"))
		return vml_fail(diag, VML_EINVAL,
				"--kfence early: 32-bit ARM has no early KFENCE pool (its pool "
				"comes after paging_init(), when kfence.sample_interval is not 0)",
				0, 0, -1);
	return VML_OK;
}

static int arm_plan(const struct vml_layout *lo, const struct vml_kernel_config *cfg,
		    const struct vml_boot_opts *o, struct vml_boot_plan *plan,
		    struct vml_diag *diag)
{
	struct vml_pt_spec spec = {0};
	struct vml_arm_image img;
	const struct vml_reservation *swapper = vml_arm_reservation(lo, "swapper_pg_dir");
	int ret = arm_refuse_options(lo, o, diag);

	if (ret)
		return ret;
	if (!swapper)
		return vml_fail(diag, VML_EINVAL, "the layout reserved no swapper_pg_dir", 0, 0,
				-1);
	spec.arch = "arm";
	spec.mode = cfg->arm_lpae ? "lpae" : "short-linux";
	ret = vml_pt_format_lookup(&plan->fmt, &spec, diag);
	if (!ret)
		ret = vml_arm_boot_image(lo, cfg, &img, diag);
	if (ret)
		return ret;
	plan->half = 0;
	plan->image_tables_pa = swapper->base;
	plan->image_tables_size = swapper->size;
	plan->image_tables_bottom_up = true; /* the pgd first, then the PMDs */
	plan->image_defaults = img.defaults;
	plan->image_doc = "docs/arm32.md";
	vml_copy(&plan->arch_image, &img, sizeof(img));
	return VML_OK;
}

/* LPAE: the four PMD tables of swapper_pg_dir, before any other table. */
static int lpae_swapper_pmds(struct vml_pt_ctx *ctx, void *image_cb, struct vml_diag *diag)
{
	struct vml_pt_attrs a = vml_arm_mem_type(VML_ARM_MT_MEMORY_RW);
	void *cb = ctx->cb;
	int ret = 0;

	ctx->cb = image_cb;
	for (uint64_t gib = 0; !ret && gib < 4; gib++) {
		uint64_t va = gib << 30;

		ret = vml_pt_map(ctx, vml_va(va), vml_pa(0), VML_SZ_2M, &a, VML_PT_NO_CONT_MAPPINGS,
				 diag);
		if (!ret)
			ret = vml_pt_unmap(ctx, vml_va(va), VML_SZ_2M, 0, diag);
	}
	ctx->cb = cb;
	return ret;
}

static int arm_build(struct vml_pt_ctx *ctx, const struct vml_layout *lo,
		     const struct vml_boot_plan *plan, struct vml_memblock *mb,
		     const struct vml_boot_opts *o, void *image_cb, struct vml_diag *diag)
{
	struct vml_arm_image img;

	vml_copy(&img, &plan->arch_image, sizeof(img));
	if (ctx->fmt->entry_size == 8 && image_cb) {
		int ret = lpae_swapper_pmds(ctx, image_cb, diag);

		if (ret)
			return ret;
	}
	return vml_arm_boot_tables(ctx, lo, &img, mb, o, diag);
}

const struct vml_boot_tables_ops vml_arm_boot_tables_ops = {
    .plan = arm_plan,
    .build = arm_build,
};
