/* SPDX-License-Identifier: MIT */
/*
 * DOC: the express plan: a map into the holes of existing tables
 *
 * Most maps land in holes (a kernel's boot tables, a firmware's regions,
 * issue 11's W3): above the last level they descend through tables that
 * exist and link new tables into invalid entries, and at every level they
 * write leaves into invalid entries the range covers. For such a map the
 * general plan (pgtable_map.c apply_range()) has nothing to decide: its
 * fast paths (runs, fast groups, fresh tables) record SEG_RUN, SEG_LEAVES
 * and SEG_LINK segments and count the new tables. This plan walks the same
 * range with one loop per table, recognises table entries by the format's
 * struct vml_pt_table_match instead of an indirect decode() per entry,
 * and records the same writes (a run of leaves as one SEG_RUN, which
 * put_map_leaves() splits at group boundaries exactly as the general
 * plan's SEG_RUN and SEG_LEAVES are split) and the same new tables, in the
 * same order, for the same commit (replay()): the bytes and the order the
 * tables leave the pool are the same.
 *
 * It declines, having recorded and counted nothing, wherever the general
 * plan could do anything else, and the general plan then runs from the
 * start: not a map, a leaf that could not hold its PA (op->fresh_ok), no
 * table_match, packed tables, log_all (the root is live), an entry in the
 * range that is neither the invalid value nor (above the last level) a
 * table, a table whose domain is not the map's (VML_PT_FMT_DOMAIN_IN_TABLE:
 * the general plan refuses or decides there), a window that cannot reach
 * a table, a group the range cuts holding a contiguous leaf outside the
 * range (the general plan strips its hint), more segments than the commit
 * keeps.
 */
#include "core/pgtable_internal.h"

/* What the walk reads of the format and the call, copied once: loads of
 * table memory may alias anything, so the loops keep these in locals. */
struct xp {
	struct pt_op *op;
	const struct vml_pt_level_memo *lv; /* per level index: op->lvm */
	uint64_t tmask, tval, amask;	    /* struct vml_pt_table_match */
	unsigned int ashift, dshift;
	bool domains;	   /* VML_PT_FMT_DOMAIN_IN_TABLE */
	uint32_t leafable; /* bit per level index: op->leafable */
};

/* Whether no member of the @n entries from @g0 of @p can be a contiguous
 * leaf by the level's screen (struct vml_pt_level.cont_mask): one
 * branch-free pass over the whole group, 16 bytes at a time, its trip
 * count the group's size (a loop over the members outside the range only,
 * of a different length each call, mispredicts its exit). 4-byte entries
 * are compared lane by lane; 8-byte ones (no 64-bit lane compare in
 * SSE2) are ORed and tested for a bit every contiguous leaf has set. The
 * members in the range count too: they are the invalid value or tables,
 * which a format's screen leaves out. */
VML_PT_INLINE bool xp_group_quiet(const unsigned char *p, uint64_t g0,
				  const struct vml_pt_level_memo *xl, unsigned int esize)
{
	const uint64_t n = xl->n;

#if VML_PT_WORD_ACCESS
	if (esize == 8 && xl->cbit && !(n & 7)) {
		const vml_pt_vec64 *e = (const vml_pt_vec64 *)(const void *)(p + g0 * 8);
		vml_pt_vec64 acc = {0, 0};

		for (uint64_t k = 0; k < n / 2; k += 4)
			acc |= e[k] | e[k + 1] | e[k + 2] | e[k + 3];
		return !((acc[0] | acc[1]) & xl->cbit);
	}
	if (esize == 4 && xl->screen4 && !(n & 3)) {
		const vml_pt_vec32 *e = (const vml_pt_vec32 *)(const void *)(p + g0 * 4);
		vml_pt_vec32 acc = {0, 0, 0, 0}, vm = {0, 0, 0, 0}, vv = {0, 0, 0, 0};

		vm += xl->cm4;
		vv += xl->cv4;
		if (n == 16) /* arm large pages and supersections: no loop */
			acc = (vml_pt_vec32)((e[0] & vm) == vv) |
			      (vml_pt_vec32)((e[1] & vm) == vv) |
			      (vml_pt_vec32)((e[2] & vm) == vv) | (vml_pt_vec32)((e[3] & vm) == vv);
		else
			for (uint64_t k = 0; k < n / 4; k++)
				acc |= (vml_pt_vec32)((e[k] & vm) == vv);
		return !(acc[0] | acc[1] | acc[2] | acc[3]);
	}
#endif
	(void)p, (void)g0, (void)n;
	return false;
}

/* The members outside [i0, i1] of the group of entries from @g0 in @t:
 * none is a contiguous leaf (the general plan would strip the group's
 * hint): the screen above, then, only if it fails, each member asked. */
VML_PT_INLINE bool xp_no_cont_out(const struct xp *x, const struct vml_pt_table *t,
				  const struct vml_pt_level_memo *xl, uint64_t g0, uint64_t i0,
				  uint64_t i1, unsigned int esize)
{
	if (xp_group_quiet(t->ptr, g0, xl, esize))
		return true;
	for (uint64_t k = g0; k < g0 + xl->n; k++) {
		uint64_t raw = vml_pt_get(t->ptr, k, esize);

		if ((k < i0 || k > i1) && raw != xl->inval &&
		    !(xl->upper && (raw & x->tmask) == x->tval) &&
		    vml_pt_is_cont_leaf(x->op, t->level, raw))
			return false;
	}
	return true;
}

/* The groups holding entries @i0 and @i1 (the range's first and last in
 * table @t) if the plan writes into them (@w0, @w1): no contiguous leaf
 * among their members outside [i0, i1]. A group the map only descends
 * through keeps its entries as they are (the general plan's
 * strip_cont() changes nothing there), whatever its other members hold.
 * (A group larger than a table or not a power of two made the plan
 * decline before the walk: vml_pt_plan_express().) */
VML_PT_INLINE bool xp_edges_ok(const struct xp *x, const struct vml_pt_table *t,
			       const struct vml_pt_level_memo *xl, uint64_t i0, uint64_t i1,
			       bool w0, bool w1, unsigned int esize)
{
	uint64_t n = xl->n, g0 = i0 & ~(n - 1), g1 = i1 & ~(n - 1);

	if (n < 2)
		return true;
	/* a group wholly in [i0, i1] has no member outside it */
	w0 &= (i0 != g0) | ((g0 == g1) & (i1 != g1 + n - 1));
	w1 &= (g1 != g0) & (i1 != g1 + n - 1);
	return (!w0 || xp_no_cont_out(x, t, xl, g0, i0, i1, esize)) &&
	       (!w1 || xp_no_cont_out(x, t, xl, g1, i0, i1, esize));
}

/* Whether the @room (at least a vector's) entries from @e all hold
 * @inval: one pass, 16 bytes a step, the last vector overlapping (as
 * pgtable_run.c's stores end): no exit on the data or on a remainder. */
#if VML_PT_WORD_ACCESS
VML_PT_INLINE bool xp_all_invalid(const unsigned char *e, uint64_t room, uint64_t inval,
				  unsigned int esize)
{
	if (esize == 8) {
		const vml_pt_vec64 *v = (const vml_pt_vec64 *)(const void *)e;
		vml_pt_vec64 acc = {0, 0}, vi = {inval, inval};
		uint64_t k = 0;

		for (; k + 8 <= room; k += 8)
			acc |= (v[k / 2] ^ vi) | (v[k / 2 + 1] ^ vi) | (v[k / 2 + 2] ^ vi) |
			       (v[k / 2 + 3] ^ vi);
		for (; k + 2 <= room; k += 2)
			acc |= *(const vml_pt_vec64 *)(const void *)(e + k * 8) ^ vi;
		acc |= *(const vml_pt_vec64 *)(const void *)(e + (room - 2) * 8) ^ vi;
		return !(acc[0] | acc[1]);
	}
	vml_pt_vec32 acc = {0, 0, 0, 0}, vi = {0, 0, 0, 0};

	vi += (uint32_t)inval;
	const vml_pt_vec32 *v = (const vml_pt_vec32 *)(const void *)e;
	uint64_t k = 0;

	for (; k + 16 <= room; k += 16)
		acc |= (v[k / 4] ^ vi) | (v[k / 4 + 1] ^ vi) | (v[k / 4 + 2] ^ vi) |
		       (v[k / 4 + 3] ^ vi);
	for (; k + 4 <= room; k += 4)
		acc |= *(const vml_pt_vec32 *)(const void *)(e + k * 4) ^ vi;
	acc |= *(const vml_pt_vec32 *)(const void *)(e + (room - 4) * 4) ^ vi;
	return !(acc[0] | acc[1] | acc[2] | acc[3]);
}
#endif

/* How many entries from @i, at most @room, hold @inval: most often all of
 * them, found by xp_all_invalid(); else one by one. */
VML_PT_INLINE uint64_t xp_count_invalid(const unsigned char *p, uint64_t i, uint64_t room,
					uint64_t inval, unsigned int esize)
{
	uint64_t m = 0;

#if VML_PT_WORD_ACCESS
	if (room >= 16 / esize && xp_all_invalid(p + i * esize, room, inval, esize))
		return room;
#endif
	while (m < room && vml_pt_get(p, i + m, esize) == inval)
		m++;
	return m;
}

static int xp_range(const struct xp *x, const struct vml_pt_table *t, uint64_t lo, uint64_t hi);

/* Entry @raw of @t is a table: plan [lo, hi] inside it. */
static int xp_descend(const struct xp *x, const struct vml_pt_table *t, uint64_t raw, uint64_t lo,
		      uint64_t hi)
{
	struct vml_pt_table c = {0};

	c.src = VML_PT_SRC_REAL;
	c.level = t->level + 1;
	c.pa = vml_pa((raw & x->amask) << x->ashift);
	c.live = t->live;
	if (x->domains) {
		c.domain = (uint8_t)((raw >> x->dshift) & 0xf);
		if (c.domain != x->op->attrs.domain)
			return VML_PT_EXPRESS_DECLINED;
	}
	c.ptr = vml_pt_op_window_plain(x->op, (unsigned int)(c.level - x->op->f->first_level),
				       c.level, c.pa);
	if (!c.ptr)
		return VML_PT_EXPRESS_DECLINED;
	return xp_range(x, &c, lo, hi);
}

/* Entry @i of @t is invalid and takes a new table for [lo, hi]. */
static void xp_link(struct pt_op *op, const struct vml_pt_table *t, uint64_t i, uint64_t lo,
		    uint64_t hi)
{
	op->need[t->level + 1 - op->f->first_level]++;
	/* a new table at the last level needs none below it: no call (41
	 * instructions of a link's 90 on arm short's W3, issue 11) */
	if (t->level + 1 != vml_pt_last_level(op->f))
		vml_pt_plan_fresh(op, t->level + 1, lo, hi);
	vml_pt_record(op, SEG_LINK, t, i, lo, hi);
}

/* Plan [lo, hi] (inclusive, inside table @t's span). */
VML_PT_INLINE int xp_range_in(const struct xp *x, const struct vml_pt_table *t, uint64_t lo,
			      uint64_t hi, unsigned int esize)
{
	struct pt_op *op = x->op;
	const struct vml_pt_level_memo *xl = &x->lv[t->level - op->f->first_level];
	const unsigned int shift = xl->shift;
	const uint64_t span = 1ULL << shift, mask = xl->imask;
	const uint64_t inval = xl->inval, tmask = x->tmask, tval = x->tval;
	const bool upper = xl->upper,
		   leafable = (x->leafable >> (t->level - op->f->first_level)) & 1;
	uint64_t i = (lo >> shift) & mask, end = ((hi >> shift) & mask) + 1;
	/* One past the last entry [lo, hi] covers wholly. */
	const uint64_t cov_end = ((hi + 1) & (span - 1)) ? end - 1 : end;
	const uint64_t i0 = i, n = xl->n;
	uint64_t eva = vml_align_down(lo, span), first_w = end, last_w = 0;
	int err = 0;

	for (; i < end && !err && !op->seg_full; i++, eva += span) {
		uint64_t raw = vml_pt_get(t->ptr, i, esize), cnt = 1;

		if (raw != inval) {
			if (!upper || (raw & tmask) != tval)
				return VML_PT_EXPRESS_DECLINED;
			err =
			    xp_descend(x, t, raw, vml_max(eva, lo), vml_min(eva + (span - 1), hi));
			continue;
		}
		first_w = vml_min(first_w, i);
		if (leafable && eva >= lo && i < cov_end) {
			cnt = xp_count_invalid(t->ptr, i, cov_end - i, inval, esize);
			vml_pt_record(op, SEG_RUN, t, i, eva, eva + ((cnt << shift) - 1));
		} else if (upper) {
			xp_link(op, t, i, vml_max(eva, lo), vml_min(eva + (span - 1), hi));
		} else {
			return VML_PT_EXPRESS_DECLINED;
		}
		last_w = i + cnt - 1;
		i += cnt - 1;
		eva += (cnt - 1) << shift;
	}
	if (!err && !xp_edges_ok(x, t, xl, i0, end - 1, first_w < (i0 | (n - 1)) + 1,
				 first_w < end && last_w >= ((end - 1) & ~(n - 1)), esize))
		return VML_PT_EXPRESS_DECLINED;
	return err;
}

/* xp_range_in() for each entry size: the loads are single loads. */
static int xp_range(const struct xp *x, const struct vml_pt_table *t, uint64_t lo, uint64_t hi)
{
	if (x->op->f->entry_size == 8)
		return xp_range_in(x, t, lo, hi, 8);
	return xp_range_in(x, t, lo, hi, 4);
}

/**
 * vml_pt_plan_express() - plan a map into holes, or decline
 * @op: a started operation, nothing planned yet
 * @root: the root table, through the window
 *
 * Return: 0 with op->need and op->seg as the general plan would leave them;
 * VML_PT_EXPRESS_DECLINED with both empty.
 */
int vml_pt_plan_express(struct pt_op *op, const struct vml_pt_table *root)
{
	const struct vml_pt_format *f = op->f;
	const struct vml_pt_table_match *m = &f->table_match;
	struct xp x;

	/* op->groups_ok: no group larger than a table or not a power of two */
	if (op->kind != VML_PT_OP_MAP || !op->fresh_ok || !m->mask || f->pack.page_size ||
	    op->ctx->log_all || (f->entry_size != 4 && f->entry_size != 8) || !op->groups_ok)
		return VML_PT_EXPRESS_DECLINED;
	x.op = op;
	x.lv = op->lvm;
	x.tmask = m->mask;
	x.tval = m->value;
	x.amask = m->addr_mask;
	x.ashift = m->addr_shift;
	x.dshift = m->domain_shift;
	x.domains = (f->fmt_flags & VML_PT_FMT_DOMAIN_IN_TABLE) != 0;
	/* leaves may go into the wholly covered invalid entries of a level
	 * (pgtable_map.c fresh_leafable()) */
	x.leafable = op->leafable;
	if (!xp_range(&x, root, op->va, op->last) && !op->seg_full)
		return 0;
	for (unsigned int li = 0; li < VML_PT_MAX_LEVELS; li++)
		op->need[li] = 0;
	op->nseg = 0;
	op->seg_full = false;
	return VML_PT_EXPRESS_DECLINED;
}
