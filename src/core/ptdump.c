/* SPDX-License-Identifier: MIT */
/*
 * DOC: ptdump through the arch's hooks (include/vmlayout/ptdump.h)
 *
 * The printers, their markers and which kernel prints which format are the
 * arch's (its descriptor's ptdump hooks, src/arch/<arch>/ptdump.c); this
 * file only finds the arch.
 */
#include "vmlayout/ptdump.h"
#include "vmlayout/arch.h"

static const struct vml_arch_ptdump *ptdump_of(const struct vml_arch_desc *desc)
{
	return desc ? desc->ptdump : NULL;
}

int vml_ptdump_emit(const struct vml_text_sink *out, const struct vml_pt_format *fmt,
		    const struct vml_pt_ctx *const trees[2], const struct vml_ptdump_opts *o)
{
	const struct vml_arch_ptdump *p = ptdump_of(vml_arch_find_name(fmt->arch));

	if (!p || !p->print)
		return VML_ENOTSUP;
	return p->print(out, fmt, trees, o);
}

size_t vml_ptdump_layout_markers(const struct vml_layout *lo, struct vml_ptdump_marker *m)
{
	const struct vml_arch_ptdump *p = ptdump_of(vml_arch_find(lo->arch));

	return p && p->layout_markers ? p->layout_markers(lo, m) : 0;
}

const char *vml_ptdump_kernel_of(const struct vml_layout *lo)
{
	const struct vml_arch_ptdump *p = ptdump_of(vml_arch_find(lo->arch));

	return p && p->kernel_of ? p->kernel_of(lo->profile) : NULL;
}
