/* SPDX-License-Identifier: MIT */
/*
 * DOC: every entry of a VA range, leaves and holes, in VA order
 *
 * The kernel's ptdump walker (mm/ptdump.c over walk_page_range_novma() in
 * mm/pagewalk.c, v6.1 and v6.12) calls note_page() for every leaf and, via
 * pte_hole(), for every invalid entry, at the real depth of the table that
 * holds it (pagewalk.c real_depth() undoes folded levels). Leaves come from
 * the engine's iterator; the invalid entries between them are found by
 * walking the first address of each gap: the walk stops at the invalid
 * entry, whose span is then skipped.
 */
#include "vmlayout/ptdump.h"

struct entry_walk {
	const struct vml_pt_format *fmt;
	const struct vml_pt_ctx *ctx;
	uint64_t next; /* first VA not yet reported */
	bool done;     /* next wrapped past 2^64 */
	uint64_t last; /* last VA of the range */
	vml_ptdump_entry_fn fn;
	void *arg;
	int err;
};

/* The invalid entry under @va: its level and span. */
static int hole_at(const struct entry_walk *w, uint64_t va, int *level, uint64_t *span)
{
	struct vml_pt_walk pw;
	int err;

	*level = w->fmt->first_level;
	if (w->ctx) {
		err = vml_pt_walk(w->ctx, vml_va(va), &pw, NULL);
		if (err == VML_ERANGE)
			return err;
		if (err == 0) /* a leaf: the caller's gap was wrong */
			return VML_ERANGE;
		*level = pw.level;
	}
	*span = 1ULL << vml_pt_level(w->fmt, *level)->shift;
	return 0;
}

/* Report the holes in [w->next, upto] (inclusive: upto may be 2^64 - 1). */
static int report_holes(struct entry_walk *w, uint64_t upto)
{
	while (!w->done && w->next <= upto) {
		struct vml_ptdump_entry e = {0};
		uint64_t span, stop;
		int err = hole_at(w, w->next, &e.level, &span);

		if (err)
			return err;
		e.va = w->next;
		err = w->fn(w->arg, &e);
		if (err)
			return err;
		stop = vml_align_down(w->next, span) + span;
		if (stop == 0 || stop - 1 >= w->last)
			w->done = true;
		w->next = stop;
	}
	return 0;
}

static int on_leaf(void *arg, const struct vml_pt_range *r)
{
	struct entry_walk *w = arg;
	uint64_t va = vml_va_addr(r->va), end = va + r->size;
	struct vml_ptdump_entry e = {0};
	int err;

	if (end - 1 < w->next || w->done || va > w->last)
		return 0;
	err = va > w->next ? report_holes(w, va - 1) : 0;
	if (err)
		return err;
	e.va = va < w->next ? w->next : va; /* a leaf across @start: from @start */
	e.level = r->level;
	e.leaf = true;
	e.range = *r;
	e.raw = w->fmt->ops->encode_leaf(w->fmt, r->level, r->pa, &r->attrs);
	err = w->fn(w->arg, &e);
	if (err)
		return err;
	if (end == 0 || end - 1 >= w->last)
		w->done = true;
	w->next = end;
	return 0;
}

int vml_ptdump_for_each_entry(const struct vml_pt_format *fmt, const struct vml_pt_ctx *ctx,
			      uint64_t start, uint64_t last, vml_ptdump_entry_fn fn, void *arg)
{
	struct entry_walk w = {fmt, ctx, start, false, last, fn, arg, 0};
	int err = 0;

	if (ctx)
		err = vml_pt_for_each_leaf(ctx, on_leaf, &w);
	if (!err)
		err = report_holes(&w, last);
	return err;
}
