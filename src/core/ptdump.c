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

struct wx_walk {
	struct vml_ptdump_wx *wx;
	uint64_t page;
};

static int wx_leaf(void *arg, const struct vml_pt_range *r)
{
	struct wx_walk *w = arg;
	uint32_t p = r->attrs.perm;

	if ((p & VML_PT_WRITE) && (p & VML_PT_EXEC)) {
		if (!w->wx->wx_pages)
			w->wx->first_wx = vml_va_addr(r->va);
		w->wx->wx_pages += r->size / w->page;
	}
	if (p & VML_PT_USER_EXEC)
		w->wx->uxn_pages += r->size / w->page;
	return 0;
}

void vml_ptdump_wx_lines(const struct vml_text_sink *out, const struct vml_ptdump_wx_words *w,
			 const struct vml_ptdump_wx *wx)
{
	if (!wx->wx_pages && !(w->counts_uxn && wx->uxn_pages)) {
		vml_sink_str(out, "Checked W+X mappings: passed, no W+X pages found\n");
		return;
	}
	if (wx->wx_pages) {
		vml_sink_str(out, w->who);
		vml_sink_str(out, ": Found insecure W+X mapping at address 0x");
		vml_sink_hex(out, wx->first_wx, w->addr_digits);
		vml_sink_char(out, '\n');
	}
	vml_sink_str(out, "Checked W+X mappings: ");
	vml_sink_str(out, w->failed);
	vml_sink_str(out, ", ");
	vml_sink_udec(out, wx->wx_pages, 0);
	vml_sink_str(out, " W+X pages found");
	if (w->counts_uxn) {
		vml_sink_str(out, ", ");
		vml_sink_udec(out, wx->uxn_pages, 0);
		vml_sink_str(out, " non-UXN pages found");
	}
	vml_sink_char(out, '\n');
}

int vml_ptdump_check_wx(const struct vml_text_sink *out, const struct vml_layout *lo,
			const struct vml_pt_ctx *ctx, struct vml_ptdump_wx *wx)
{
	const struct vml_arch_ptdump *p = ptdump_of(vml_arch_find(lo->arch));
	const struct vml_pt_format *f = ctx->fmt;
	struct wx_walk w = {wx, 1ULL << vml_pt_level(f, vml_pt_last_level(f))->shift};

	vml_zero(wx, sizeof(*wx));
	if (!p || !p->report_wx)
		return VML_ENOTSUP;
	vml_pt_for_each_leaf(ctx, wx_leaf, &w);
	p->report_wx(out, lo, wx);
	return 0;
}

const char *vml_ptdump_kernel_of(const struct vml_layout *lo)
{
	const struct vml_arch_ptdump *p = ptdump_of(vml_arch_find(lo->arch));

	return p && p->kernel_of ? p->kernel_of(lo->profile) : NULL;
}
