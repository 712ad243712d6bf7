/* SPDX-License-Identifier: MIT */
/*
 * DOC: vml_ptdump_print(): pick the arch's style and the tree it dumps
 */
#include "vmlayout/ptdump.h"
#include "vmlayout/arch.h"

/* The printers, one per arch: each takes the tree its kernel dumps (arm64:
 * the TTBR1 half, riscv64: the one root, arm: both halves of a split). */
static int print_arm64(FILE *out, const struct vml_pt_format *fmt,
		       const struct vml_pt_ctx *const trees[2], const struct vml_ptdump_opts *o)
{
	return vml_ptdump_arm64(out, fmt, trees[1], o);
}

static int print_riscv64(FILE *out, const struct vml_pt_format *fmt,
			 const struct vml_pt_ctx *const trees[2], const struct vml_ptdump_opts *o)
{
	return vml_ptdump_riscv(out, fmt, trees[0], o);
}

static const struct {
	enum vml_arch arch;
	int (*print)(FILE *out, const struct vml_pt_format *fmt,
		     const struct vml_pt_ctx *const trees[2], const struct vml_ptdump_opts *o);
} printers[] = {
    {VML_ARCH_ARM64, print_arm64},
    {VML_ARCH_RISCV64, print_riscv64},
    {VML_ARCH_ARM, vml_ptdump_arm},
};

int vml_ptdump_print(FILE *out, const struct vml_pt_format *fmt,
		     const struct vml_pt_ctx *const trees[2], const struct vml_ptdump_opts *o,
		     struct vml_host_error *err)
{
	const struct vml_arch_desc *desc = vml_arch_find_name(fmt->arch);
	int rc = VML_ENOTSUP;
	size_t i;

	for (i = 0; desc && i < VML_ARRAY_SIZE(printers); i++)
		if (printers[i].arch == desc->id)
			break;
	if (!desc || i == VML_ARRAY_SIZE(printers))
		return vml_host_error_set(err, VML_EINVAL,
					  "--arch %s: ptdump has no printer for it", fmt->arch);
	rc = printers[i].print(out, fmt, trees, o);
	if (rc == VML_EINVAL)
		return vml_host_error_set(
		    err, rc, "--kernel %s: ptdump follows the 6.1 and 6.12 formats", o->kernel);
	if (rc)
		return vml_host_error_set(err, rc, "a table could not be read (window failed)");
	return 0;
}
