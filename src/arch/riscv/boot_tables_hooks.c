/* SPDX-License-Identifier: MIT */
/*
 * DOC: riscv64's boot_tables hooks: the satp tree and where its root lives
 *
 * The plan: the format of the layout's satp mode (vml_riscv_satp_bits:
 * the mode whose kernel half holds PAGE_OFFSET), the one root, the image's
 * segments (boot_tables.c) and the image pages the root comes from:
 * swapper_pg_dir lies in the image's .bss (arch/riscv/mm/init.c), so
 * vmlayout takes it from the image's last four 4K pages.
 */
#include "arch/riscv/boot_tables.h"
#include "arch/riscv/riscv_arch.h"

_Static_assert(sizeof(struct vml_riscv_image) <= sizeof(((struct vml_boot_plan *)0)->arch_image),
	       "the riscv64 image record must fit the plan's arch_image");

static int rv_refuse_arm64_options(const struct vml_boot_opts *o, struct vml_diag *diag)
{
	/* riscv has no arch_parse_debug_rodata(): set_debug_rodata() takes on
	 * and off only (init/main.c v6.1, v6.12; v5.10: strtobool()) */
	if (o->rodata == VML_BOOT_RODATA_NOALIAS || o->rodata == VML_BOOT_RODATA_FULL)
		return vml_fail(diag, VML_EINVAL,
				"rodata=full and noalias are arm64's (riscv64 takes on or off)", 0,
				0, -1);
	if (o->inittext_end)
		return vml_fail(diag, VML_EINVAL,
				"--inittext-end is arm64's (riscv64 takes --init-data-begin)",
				o->inittext_end, 0, -1);
	if (o->cpu_features)
		return vml_fail(diag, VML_EINVAL,
				"--cpu-feature bbml2 is arm64's (riscv64 has no such feature)", 0,
				0, -1);
	return VML_OK;
}

static int rv_plan(const struct vml_layout *lo, const struct vml_kernel_config *cfg,
		   const struct vml_boot_opts *o, struct vml_boot_plan *plan, struct vml_diag *diag)
{
	static const char *const modes[] = {"sv39", "sv48", "sv57"};
	struct vml_pt_spec spec = {0};
	struct vml_riscv_image img;
	unsigned int bits = vml_riscv_satp_bits(lo);
	uint64_t end;
	int ret = rv_refuse_arm64_options(o, diag);

	if (ret)
		return ret;
	if (!bits)
		return vml_fail(diag, VML_EINVAL, "PAGE_OFFSET lies in no satp mode's kernel half",
				lo->page_offset, 0, -1);
	spec.arch = "riscv64";
	spec.mode = modes[(bits - 39) / 9];
	ret = vml_pt_format_lookup(&plan->fmt, &spec, diag);
	if (ret)
		return ret;
	ret = vml_riscv_boot_image(lo, cfg, o, &img, diag);
	if (ret)
		return ret;
	end = img.pa_start + vml_align_down(img.end - img.start, VML_SZ_4K);
	if (end - img.pa_start < 8 * VML_SZ_4K)
		return vml_fail(diag, VML_EINVAL, "the image is too small to hold its root table",
				img.pa_start, img.end - img.start, -1);
	plan->half = 0;
	/* the root and the fixmap's four .bss tables (boot_tables_fixmap.c) */
	plan->image_tables_pa = end - 8 * VML_SZ_4K;
	plan->image_tables_size = 8 * VML_SZ_4K;
	plan->image_defaults = img.defaults;
	plan->image_doc = "docs/riscv64.md";
	vml_copy(&plan->arch_image, &img, sizeof(img));
	return VML_OK;
}

static int rv_build(struct vml_pt_ctx *ctx, const struct vml_layout *lo,
		    const struct vml_boot_plan *plan, struct vml_memblock *mb,
		    const struct vml_boot_opts *o, void *image_cb, struct vml_diag *diag)
{
	struct vml_riscv_image img;

	vml_copy(&img, &plan->arch_image, sizeof(img));
	return vml_riscv_boot_tables(ctx, lo, &img, mb, o, NULL, image_cb, diag);
}

const struct vml_boot_tables_ops vml_riscv64_boot_tables_ops = {
    .plan = rv_plan,
    .build = rv_build,
};
