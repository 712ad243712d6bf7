/* SPDX-License-Identifier: MIT */
/*
 * DOC: arm64's boot_tables hooks: the TTBR1 tree and where its root lives
 *
 * The plan: the format of the layout's granule and VA size (a 52-bit
 * kernel on a CPU with fewer VA bits runs its 48-bit tables,
 * asm/pgtable-hwdef.h v6.1 vabits_actual), the TTBR1 half, the image's
 * segments (boot_tables.c) and the image pages the root comes from:
 * swapper_pg_dir and, from v6.12, the image's tables from init_pg_dir lie
 * in the image's last pages before the early stack (vmlinux.lds.S:
 * init_pg_dir, INIT_DIR_SIZE, 4K of stack, _end). vmlayout takes them
 * top-down from the last 32 pages (at most a quarter of the image) below
 * _end - 4K; where exactly they lie does not change a translation.
 */
#include "arch/arm64/arm64_arch.h"
#include "arch/arm64/boot_tables.h"
#include "arch/arm64/boot_tables_v3_18.h"
#include "arch/arm64/set_memory.h"

_Static_assert(sizeof(struct vml_arm64_image) <= sizeof(((struct vml_boot_plan *)0)->arch_image),
	       "the arm64 image record must fit the plan's arch_image");

/* The tables' VA size is the layout's vabits_actual (a 52-bit build on a
 * CPU without LVA/LPA2, or with arm64.nolva, runs with VA_BITS_MIN). Such
 * a 4K/16K LPA2 build then runs without LPA2: PHYS_MASK_SHIFT is 48 and
 * the descriptors are the 48-bit ones, bits 9:8 the shareability
 * (asm/pgtable-prot.h v6.12: lpa2_is_enabled(), PTE_MAYBE_SHARED); a 64K
 * build's 52-bit PA (FEAT_LPA) does not depend on the VA size. */
static int arm64_format(const struct vml_layout *lo, const struct vml_kernel_config *c,
			struct vml_pt_format *f, struct vml_diag *diag)
{
	struct vml_pt_spec spec = {0};

	spec.arch = "arm64";
	spec.granule = c->page_size ? c->page_size : VML_SZ_4K;
	spec.va_bits = lo->va_bits_actual ? lo->va_bits_actual : c->va_bits;
	spec.pa_bits = c->pa_bits;
	if (spec.granule != VML_SZ_64K && spec.va_bits <= 48 && spec.pa_bits > 48)
		spec.pa_bits = 48;
	return vml_pt_format_lookup(f, &spec, diag);
}

static bool is_v3_18(const struct vml_layout *lo)
{
	return lo->profile && vml_str_eq(lo->profile, "3.18");
}

/* 3.18: the image is the layout's "kernel" region in the linear map;
 * swapper_pg_dir's tables (head.S) lie in its last pages before _end
 * (vmlinux.lds.S of the era: idmap_pg_dir, swapper_pg_dir, then _end). */
static int plan_v3_18(const struct vml_layout *lo, const struct vml_kernel_config *cfg,
		      const struct vml_boot_opts *o, struct vml_boot_plan *plan,
		      struct vml_diag *diag)
{
	const struct vml_vregion *k = vml_layout_find_region(lo, "kernel");
	uint64_t pa, size, page;

	if (o->rodata || o->debug_pagealloc || o->kfence || o->inittext_end || o->init_data_begin ||
	    o->cpu_features || o->stage)
		return vml_fail(diag, VML_EINVAL,
				"3.18 has no rodata=, debug_pagealloc, KFENCE, BBML2 or later "
				"stage: --kernel 3.18 takes the layout options only",
				0, 0, -1);
	if (!k)
		return vml_fail(diag, VML_EINVAL,
				"the image size is unknown: give --kernel-image SIZE@PHYS or "
				"--system-map",
				0, 0, -1);
	page = cfg->page_size ? cfg->page_size : VML_SZ_4K;
	pa = k->start - lo->kimage_voffset;
	size = k->end - k->start;
	if (size < 8 * page)
		return vml_fail(diag, VML_EINVAL, "the image is too small to hold its tables", pa,
				size, -1);
	plan->half = 1;
	plan->image_tables_size = 4 * page;
	plan->image_tables_pa = vml_align_down(pa + size, page) - plan->image_tables_size;
	plan->image_doc = "docs/arm64.md";
	plan->arch_image.word[0] = pa;
	plan->arch_image.word[1] = size;
	plan->arch_image.word[2] = page;
	plan->arch_image.word[3] = cfg->va_bits;
	return VML_OK;
}

static int arm64_plan(const struct vml_layout *lo, const struct vml_kernel_config *cfg,
		      const struct vml_boot_opts *o, struct vml_boot_plan *plan,
		      struct vml_diag *diag)
{
	struct vml_arm64_image img;
	uint64_t page, end, size;
	int ret;

	if (o->init_data_begin)
		return vml_fail(diag, VML_EINVAL,
				"--init-data-begin is riscv64's (arm64 takes --inittext-end)",
				o->init_data_begin, 0, -1);
	ret = arm64_format(lo, cfg, &plan->fmt, diag);
	if (ret)
		return ret;
	if (is_v3_18(lo))
		return plan_v3_18(lo, cfg, o, plan, diag);
	ret = vml_arm64_boot_image(lo, cfg, o, &img, diag);
	if (ret)
		return ret;
	page = 1ULL << vml_pt_level(&plan->fmt, vml_pt_last_level(&plan->fmt))->shift;
	end = vml_align_down(img.pa_text + (img.end - img.text) - VML_SZ_4K, page);
	size = vml_min(32 * page, vml_align_down((img.end - img.text) / 4, page));
	if (!size || size > end)
		return vml_fail(diag, VML_EINVAL, "the image is too small to hold its tables",
				img.pa_text, img.end - img.text, -1);
	plan->half = 1;
	plan->image_tables_pa = end - size;
	plan->image_tables_size = size;
	plan->image_defaults = img.defaults;
	plan->image_doc = "docs/arm64.md";
	img.earlycon = cfg->earlycon_mmio_set;
	img.earlycon_pa = cfg->earlycon_mmio;
	vml_copy(&plan->arch_image, &img, sizeof(img));
	return VML_OK;
}

static int arm64_build(struct vml_pt_ctx *ctx, const struct vml_layout *lo,
		       const struct vml_boot_plan *plan, struct vml_memblock *mb,
		       const struct vml_boot_opts *o, void *image_cb, struct vml_diag *diag)
{
	struct vml_arm64_image img;

	if (is_v3_18(lo)) {
		struct vml_kernel_config cfg;

		vml_zero(&cfg, sizeof(cfg));
		cfg.page_size = plan->arch_image.word[2];
		cfg.va_bits = (unsigned int)plan->arch_image.word[3];
		return vml_arm64_boot_tables_v3_18(ctx, &cfg, lo, plan->arch_image.word[0],
						   plan->arch_image.word[1], mb, image_cb, diag);
	}
	vml_copy(&img, &plan->arch_image, sizeof(img));
	return vml_arm64_boot_tables(ctx, lo, &img, mb, o, image_cb, NULL, diag);
}

/* The --set-memory names (docs/arm64.md "Later changes"). */
static int arm64_change(struct vml_pt_ctx *ctx, const struct vml_layout *lo,
			const struct vml_boot_opts *o, const struct vml_memblock *mb,
			const char *op, uint64_t addr, uint64_t size, const char **noop,
			struct vml_diag *diag)
{
	static const char *const names[] = {"ro",	"rw",	    "x",       "nx",
					    "alias-ro", "alias-rw", "invalid", "default"};

	for (unsigned int i = 0; i < VML_ARRAY_SIZE(names); i++)
		if (vml_str_eq(op, names[i]))
			return vml_arm64_set_memory(ctx, lo, o, mb, (enum vml_arm64_set_memory_op)i,
						    addr, size, noop, diag);
	return vml_fail(diag, VML_EINVAL,
			"arm64 takes ro, rw, x, nx, alias-ro, alias-rw, invalid, default", addr,
			size, -1);
}

const struct vml_boot_tables_ops vml_arm64_boot_tables_ops = {
    .plan = arm64_plan,
    .build = arm64_build,
    .change = arm64_change,
};
