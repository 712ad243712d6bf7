/* SPDX-License-Identifier: MIT */
/*
 * DOC: boot page tables through the arch's hooks (include/vmlayout/boot_tables.h)
 */
#include "vmlayout/boot_tables.h"
#include "vmlayout/arch.h"

static const struct vml_boot_tables_ops *ops_of(const struct vml_layout *lo)
{
	const struct vml_arch_desc *desc = vml_arch_find(lo->arch);

	return desc ? desc->boot_tables : NULL;
}

int vml_boot_tables_plan(const struct vml_layout *lo, const struct vml_kernel_config *cfg,
			 const struct vml_boot_opts *o, struct vml_boot_plan *plan,
			 struct vml_diag *diag)
{
	const struct vml_boot_tables_ops *ops = ops_of(lo);

	if (!ops)
		return vml_fail(diag, VML_ENOTSUP,
				"vmlayout does not build this arch's boot page tables", 0, 0, -1);
	vml_zero(plan, sizeof(*plan));
	return ops->plan(lo, cfg, o, plan, diag);
}

int vml_boot_tables_build(struct vml_pt_ctx *ctx, const struct vml_layout *lo,
			  const struct vml_boot_plan *plan, struct vml_memblock *mb,
			  const struct vml_boot_opts *o, void *image_cb, struct vml_diag *diag)
{
	const struct vml_boot_tables_ops *ops = ops_of(lo);

	if (!ops)
		return VML_ENOTSUP;
	return ops->build(ctx, lo, plan, mb, o, image_cb, diag);
}

int vml_boot_tables_change(struct vml_pt_ctx *ctx, const struct vml_layout *lo,
			   const struct vml_boot_opts *o, const struct vml_memblock *mb,
			   const char *op, uint64_t addr, uint64_t size, const char **noop,
			   struct vml_diag *diag)
{
	const struct vml_boot_tables_ops *ops = ops_of(lo);

	*noop = NULL;
	if (!ops || !ops->change)
		return vml_fail(diag, VML_ENOTSUP,
				"vmlayout models no later permission changes for this arch", addr,
				size, -1);
	return ops->change(ctx, lo, o, mb, op, addr, size, noop, diag);
}
