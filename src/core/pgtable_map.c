/* SPDX-License-Identifier: MIT */
/*
 * DOC: map, unmap and protect: plan, allocate, commit
 *
 * One recursion serves all three operations and both phases (Hafnium's
 * mm_ptable_prepare/commit, src/mm.c):
 *
 * 1. Plan: walk the range reading entries, decide each (pgtable_decide.c),
 *    and where a table would be created or a leaf split, count it and walk
 *    on into a *virtual* table (empty, or the pieces of the split leaf), so
 *    the plan sees exactly what the commit will. Nothing is written. A
 *    refusal (NO_REPLACE) or an unreachable table ends the call here.
 * 2. Allocate every counted table. If the allocator fails, every table
 *    already taken is given back in reverse order and the call fails.
 *    Allocated tables wait in a chain threaded through their own first
 *    bytes, so no storage is needed however many there are.
 * 3. Commit: the same walk again, now writing. It cannot fail.
 *
 * Entries are handled a contiguous group at a time (one entry where the
 * level has no contiguous hint): all of a group's new values are computed
 * first, then written together, with break-before-make for the whole group
 * when any live change needs it (pgtable_update.c records each step). A
 * group whose members would no longer all be identical-attribute leaves of
 * one aligned run loses the hint on every member: the Arm ARM requires all
 * entries of a contiguous group to agree (Arm ARM DDI 0487, "the Contiguous bit").
 */
#include "core/pgtable_internal.h"

/* One entry as apply_group() hands it to apply_entry(). */
struct entry_ctx {
	uint64_t idx, eva;
	bool covered;
	bool group_covered;
	bool cont_ok;
	uint64_t sibling; /* packed root: the other entry of the pair, as it now stands */
};

static int apply_range(struct pt_op *op, struct vml_pt_table *t, uint64_t lo, uint64_t hi);
static bool is_kind(const struct pt_op *op, int level, uint64_t raw, enum vml_pte_kind k,
		    uint32_t perm);
static bool table_entry(const struct pt_op *op, int level, uint64_t raw, struct vml_pt_table *c);
static bool group_cont_ok(const struct pt_op *op, int level, uint64_t gva, uint64_t n,
			  uint64_t gspan, bool covered, bool has_table);
static bool cont_static_ok(const struct pt_op *op, int level, uint64_t n, uint64_t gspan);
static bool cont_keeps_domain(const struct pt_op *op, int level);

static const struct vml_pt_level *lvl(const struct pt_op *op, int level)
{
	return vml_pt_level(op->f, level);
}

/* --- reading a table, real or virtual --- */

static uint64_t table_get(const struct pt_op *op, const struct vml_pt_table *t, uint64_t idx)
{
	switch (t->src) {
	case VML_PT_SRC_REAL:
		return vml_pt_read_raw(op->f, t->ptr, idx);
	case VML_PT_SRC_EMPTY:
		break;
	case VML_PT_SRC_SPLIT:
		return vml_pt_split_piece(op->f, t->level, t->split_raw, t->split_va, idx,
					  t->split_cont);
	}
	return op->inval[t->level - op->f->first_level];
}

static int refuse(struct pt_op *op, int err, uint64_t va, const char *rule)
{
	op->fault_va = va;
	op->fault_rule = rule;
	return err;
}

static bool domain_in_table(const struct pt_op *op)
{
	return op->f->fmt_flags & VML_PT_FMT_DOMAIN_IN_TABLE;
}

static bool leaf_allowed(const struct pt_op *op, int level)
{
	return lvl(op, level)->leaf_ok &&
	       (level == vml_pt_last_level(op->f) || !(op->flags & VML_PT_NO_BLOCK_MAPPINGS));
}

/* --- making a table below an entry --- */

/* --- the fast path: tables this map itself creates ---
 *
 * A table made by this operation holds only invalid entries and is not
 * live, so the decision for each entry is known without decoding anything:
 * a leaf where the range covers the entry and a leaf may go there, a new
 * table otherwise (pgtable_decide.c decide_map on an invalid entry). The
 * plan counts the new tables in O(tables), the commit fills the table with
 * word stores and writes leaves directly; nothing is logged, as for any
 * write to a table not yet linked in. Where a leaf could not hold its PA
 * (arm short above 4 GiB) the general path runs instead, which refuses.
 */

/* Every entry of a fresh table at @level that the range covers gets a
 * leaf (op->fresh_ok has already checked that every leaf reaches its PA). */
static bool fresh_leafable(const struct pt_op *op, int level)
{
	return (op->leafable >> (level - op->f->first_level)) & 1;
}

/* The levels whose leaves are allowed (struct vml_pt_level_memo.leaf_ok)
 * and whose span divides a PA - VA of @tz trailing zero bits. */
static uint32_t leafable_at(const struct vml_pt_format *f, const struct vml_pt_level_memo *lvm,
			    unsigned int tz)
{
	uint32_t bits = 0;

	for (unsigned int li = 0; li < f->levels; li++)
		bits |= (uint32_t)(lvm[li].leaf_ok && lvm[li].shift <= tz) << li;
	return bits;
}

/* op->leafable, once per map (start_op(), after format_memo()): the
 * levels whose leaves are allowed (the last level only under
 * NO_BLOCK_MAPPINGS) and whose span divides the map's PA - VA; kept in the
 * ctx's memo per alignment once worked out (a loop over the levels was 40
 * instructions of a map call of 1,900, issue 11; filling the memo for
 * every alignment at once cost a one-call ctx 4,000). */
static uint32_t leafable_levels(const struct pt_op *op)
{
	struct vml_pt_leaf_cache *lc = &op->ctx->leaf_cache;
	uint64_t d = op->pa - op->va;
	unsigned int tz = d ? (unsigned int)__builtin_ctzll(d) : 64;
	uint32_t bits;

	if (op->lvm != lc->lvl) {
		bits = leafable_at(op->f, op->lvm, tz);
	} else {
		if (!lc->leafable_tz[tz])
			lc->leafable_tz[tz] = (uint8_t)(leafable_at(op->f, op->lvm, tz) + 1);
		bits = lc->leafable_tz[tz] - 1u;
	}
	if (op->flags & VML_PT_NO_BLOCK_MAPPINGS)
		bits &= 1u << (op->f->levels - 1);
	return bits;
}

/* Counts the tables [lo, hi] needs below a fresh table at @level: one per
 * entry when no leaf can go there, else only for the partly covered first
 * and last entries. */
void vml_pt_plan_fresh(struct pt_op *op, int level, uint64_t lo, uint64_t hi)
{
	uint64_t span = 1ULL << lvl(op, level)->shift;
	unsigned int cli = (unsigned int)(level + 1 - op->f->first_level);
	uint64_t first = vml_align_down(lo, span), last = vml_align_down(hi, span);

	if (level == vml_pt_last_level(op->f))
		return;
	if (!fresh_leafable(op, level)) {
		/* The partly covered first and last entries on their own; every
		 * wholly covered entry needs the same tables below it, so plan one
		 * and multiply: O(levels), not O(entries), however large the
		 * range (a misaligned map of 2^47 bytes planned 2^35 tables one
		 * by one before it could fail for want of memory). */
		uint64_t whole = (last - first) / span + 1, before[VML_PT_MAX_LEVELS];
		uint64_t wva = first;

		for (int k = 0; k < (last != first ? 2 : 1); k++) {
			uint64_t eva = k ? last : first;
			uint64_t elo = vml_max(eva, lo), ehi = vml_min(eva + (span - 1), hi);

			if (elo == eva && ehi == eva + (span - 1))
				continue;
			if (eva == wva)
				wva += span;
			whole--;
			op->need[cli]++;
			vml_pt_plan_fresh(op, level + 1, elo, ehi);
		}
		if (!whole)
			return;
		for (unsigned int i = 0; i < VML_PT_MAX_LEVELS; i++)
			before[i] = op->need[i];
		op->need[cli]++;
		vml_pt_plan_fresh(op, level + 1, wva, wva + (span - 1));
		for (unsigned int i = 0; i < VML_PT_MAX_LEVELS; i++)
			op->need[i] = before[i] + (op->need[i] - before[i]) * whole;
		return;
	}
	if (lo != first || hi < first + (span - 1)) {
		op->need[cli]++;
		vml_pt_plan_fresh(op, level + 1, lo, vml_min(first + (span - 1), hi));
	}
	if (last != first && hi != last + (span - 1)) {
		op->need[cli]++;
		vml_pt_plan_fresh(op, level + 1, last, hi);
	}
}

/* The map's leaf at PA 0 for @level, with the hint if @cont, from the
 * ctx's memo (struct vml_pt_leaf_cache), or NULL where the format declares
 * no linear block or its top does not encode as declared (then every run
 * encodes its leaves and checks, as before). */
static const uint64_t *leaf_tmpl_encode(const struct pt_op *op, int level, bool cont)
{
	const struct vml_pt_format *f = op->f;
	struct vml_pt_leaf_cache *lc = &op->ctx->leaf_cache;
	unsigned int li = (unsigned int)(level - f->first_level);
	uint32_t bit = 1u << (2 * li + cont);
	unsigned int bits = f->oa_linear_bits, shift = lvl(op, level)->shift;
	struct vml_pt_attrs a = op->attrs;
	uint64_t span, top;

	if ((lc->tried & bit) || !bits || bits >= 64 || lc->fmt != f)
		return NULL;
	lc->tried |= bit;
	span = cont && (f->fmt_flags & VML_PT_FMT_CONT_SHARED_OA)
		   ? vml_pt_group_entries(f, level) << shift
		   : 1ULL << shift;
	if (span > (1ULL << bits) >> 1)
		return NULL;
	top = (1ULL << bits) - span;
	a.perm |= cont ? VML_PT_CONT : 0;
	lc->leaf[li][cont] = f->ops->encode_leaf(f, level, vml_pa(0), &a);
	if (f->ops->encode_leaf(f, level, vml_pa(top), &a) !=
	    lc->leaf[li][cont] + (top >> f->oa_stride_shift))
		return NULL;
	lc->have |= bit;
	return &lc->leaf[li][cont];
}

/* The memo's answer when it has one (every call but a format's and an
 * attribute set's first), without the setup of the encode above. */
static inline const uint64_t *leaf_tmpl(const struct pt_op *op, int level, bool cont)
{
	struct vml_pt_leaf_cache *lc = &op->ctx->leaf_cache;
	unsigned int li = (unsigned int)(level - op->f->first_level);

	if (lc->have & (1u << (2 * li + cont)))
		return &lc->leaf[li][cont];
	return leaf_tmpl_encode(op, level, cont);
}

/* Whether group_cont_ok() holds for every whole group of this map at
 * @level (1), for none (0), or depends on the group (-1): it depends on
 * the group only through whether the group's last PA is within reach,
 * which holds for every group below one that reaches. */
static int cont_for_all(const struct pt_op *op, int level, uint64_t n, uint64_t gspan)
{
	uint64_t first = vml_align_up(op->va, gspan), end = vml_align_down(op->last + 1, gspan);
	uint64_t to_pa = op->pa - op->va;

	if (first < op->va || !(op->last + 1))
		return -1; /* at the top of the address space: asked per group */
	if (n < 2 || end <= first)
		return 0;
	if (!cont_static_ok(op, level, n, gspan))
		return 0;
	if (vml_pt_leaf_reaches(op->f, level, end - 1 + to_pa, true))
		return 1;
	return vml_pt_leaf_reaches(op->f, level, first + to_pa + (gspan - 1), true) ? -1 : 0;
}

/* The rest of a level's recipe (struct vml_pt_leaf_recipe) once its
 * leaves and hint are decided: the format's. */
static void recipe_fill(const struct pt_op *op, int level, struct vml_pt_leaf_recipe *r, bool cont)
{
	const struct vml_pt_format *f = op->f;
	unsigned int shift = lvl(op, level)->shift;

	r->cont = cont;
	r->shared = f->fmt_flags & VML_PT_FMT_CONT_SHARED_OA;
	r->step = (1ULL << shift) >> f->oa_stride_shift;
	r->n = vml_pt_group_entries(f, level);
	r->shift = shift;
	r->fast = true;
}

/* A level's two recipes, without and with the hint, as far as the format,
 * the attributes and the flags decide them (the ctx's memo, struct
 * vml_pt_level_memo, keyed by the flags), and whether the hint is allowed
 * at all (cont_static_ok() but for the PA - VA alignment): a map call then
 * only picks one by its range. Out of line: it runs once per format and
 * flags, and inlined its registers widened recipe_make()'s frame on every
 * call. */
static __attribute__((noinline)) void recipe_memo(struct pt_op *op, int level,
						  struct vml_pt_level_memo *m)
{
	const uint64_t *ta = leaf_tmpl(op, level, false), *tc = NULL;
	bool pow2 = !(m->n & (m->n - 1));

	m->r_static = op->kind == VML_PT_OP_MAP && m->n >= 2 && leaf_allowed(op, level) &&
		      !(op->flags & VML_PT_NO_CONT_MAPPINGS) && cont_keeps_domain(op, level);
	if (m->r_static)
		tc = leaf_tmpl(op, level, true);
	m->rec_ok[0] = ta && pow2;
	m->rec_ok[1] = ta && tc && pow2;
	recipe_fill(op, level, &m->rec[0], false);
	recipe_fill(op, level, &m->rec[1], true);
	m->rec[0].leaf0 = m->rec[1].leaf0 = ta ? *ta : 0;
	m->rec[0].leaf0_cont = 0;
	m->rec[1].leaf0_cont = tc ? *tc : 0;
	m->rkey = op->flags + 1;
}

/* Not fast: every run through put_leaves_slow(). */
static const struct vml_pt_leaf_recipe recipe_slow = {.fast = false};

/* recipe_make() without the ctx's memo (a format the memo does not hold):
 * everything worked out into the op's own recipe. */
static __attribute__((noinline)) const struct vml_pt_leaf_recipe *
recipe_make_own(struct pt_op *op, int level, unsigned int li, uint64_t n, uint64_t pa_last)
{
	struct vml_pt_leaf_recipe *r = &op->recipe_own[li];
	const uint64_t *ta = leaf_tmpl(op, level, false), *tc = NULL;
	int cont = cont_for_all(op, level, n, n << lvl(op, level)->shift);

	if (cont > 0)
		tc = leaf_tmpl(op, level, true);
	if (!ta || cont < 0 || (cont > 0 && !tc) || pa_last >> op->f->oa_linear_bits ||
	    (n & (n - 1)))
		return op->recipe[li];
	recipe_fill(op, level, r, cont > 0);
	r->leaf0 = *ta;
	r->leaf0_cont = tc ? *tc : 0;
	op->recipe[li] = r;
	return r;
}

/* This map's recipe for runs of leaves at @level (struct
 * vml_pt_leaf_recipe), worked out at its first run: fast where the leaves
 * of the whole call lie in the format's first linear block, the hint is
 * decided alike for every group and groups are a power of two. With the
 * ctx's memo (a map's usual case) only the hint's decision for the call's
 * range is made here, and the memo's recipe for it used as it stands
 * (copying it and working out its format-only fields cost about 15
 * instructions a map call of 1,850, issue 11). */
static __attribute__((noinline)) const struct vml_pt_leaf_recipe *recipe_make(struct pt_op *op,
									      int level)
{
	const struct vml_pt_format *f = op->f;
	struct vml_pt_leaf_cache *lc = &op->ctx->leaf_cache;
	unsigned int li = (unsigned int)(level - f->first_level), shift = lvl(op, level)->shift;
	uint64_t n = vml_pt_group_entries(f, level), pa_last = op->pa + (op->last - op->va);
	struct vml_pt_level_memo *m = &lc->lvl[li];
	uint64_t gspan = n << shift, first = vml_align_up(op->va, gspan);
	uint64_t end = vml_align_down(op->last + 1, gspan), to_pa = op->pa - op->va;
	int cont;

	op->recipe_ready |= 1u << li;
	op->recipe[li] = &recipe_slow;
	if (op->lvm != lc->lvl)
		return recipe_make_own(op, level, li, n, pa_last);
	if (m->rkey != op->flags + 1)
		recipe_memo(op, level, m);
	/* cont_for_all() with the memo's static part */
	if (first < op->va || !(op->last + 1))
		cont = -1;
	else if (n < 2 || end <= first || !m->r_static || (to_pa & (gspan - 1)))
		cont = 0;
	else if (vml_pt_leaf_reaches(f, level, end - 1 + to_pa, true))
		cont = 1;
	else
		cont = vml_pt_leaf_reaches(f, level, first + to_pa + (gspan - 1), true) ? -1 : 0;
	if (cont >= 0 && m->rec_ok[cont] && !(pa_last >> f->oa_linear_bits))
		op->recipe[li] = &m->rec[cont];
	return op->recipe[li];
}

static inline const struct vml_pt_leaf_recipe *leaf_recipe(struct pt_op *op, int level)
{
	unsigned int li = (unsigned int)(level - op->f->first_level);

	if (op->recipe_ready & (1u << li))
		return op->recipe[li];
	return recipe_make(op, level);
}

/* The leaves of this map for the @cnt entries from VA @eva at @level, from
 * entry @idx of table @p: whole groups take the contiguous hint where
 * group_cont_ok() allows, the partly covered groups at either end never.
 * group_cont_ok() depends on the group only through whether its last byte's
 * PA is within reach, so it holds for every group if it holds for the last
 * and for none if not for the first; only between is it asked per group. */
static __attribute__((noinline)) void put_leaves_slow(struct pt_op *op, int level, unsigned char *p,
						      unsigned char *shadow, uint64_t idx,
						      uint64_t eva, uint64_t cnt)
{
	const struct vml_pt_format *f = op->f;
	unsigned int shift = lvl(op, level)->shift;
	uint64_t n = vml_pt_group_entries(f, level), gspan = n << shift;
	uint64_t head = n < 2 ? cnt : vml_min(cnt, (vml_align_up(eva, gspan) - eva) >> shift);
	uint64_t full = vml_pt_round_down(cnt - head, n), tail = cnt - head - full;
	struct vml_pt_attrs a, c;
	const uint64_t *ta, *tc = NULL;

	a = c = op->attrs;
	ta = leaf_tmpl(op, level, false);
	c.perm |= VML_PT_CONT;
	if (head)
		vml_pt_put_leaves(f, level, p, shadow, idx, op->pa + (eva - op->va), head, &a, ta);
	idx += head;
	eva += head << shift;
	if (full && n > 1)
		tc = leaf_tmpl(op, level, true);
	if (full && group_cont_ok(op, level, eva + ((full - n) << shift), n, gspan, true, false)) {
		vml_pt_put_leaves(f, level, p, shadow, idx, op->pa + (eva - op->va), full, &c, tc);
	} else if (full && !group_cont_ok(op, level, eva, n, gspan, true, false)) {
		vml_pt_put_leaves(f, level, p, shadow, idx, op->pa + (eva - op->va), full, &a, ta);
	} else {
		for (uint64_t g = 0; g < full; g += n) {
			uint64_t gva = eva + (g << shift);
			bool cont = group_cont_ok(op, level, gva, n, gspan, true, false);

			vml_pt_put_leaves(f, level, p, shadow, idx + g, op->pa + (gva - op->va), n,
					  cont ? &c : &a, cont ? tc : ta);
		}
	}
	idx += full;
	eva += full << shift;
	if (tail)
		vml_pt_put_leaves(f, level, p, shadow, idx, op->pa + (eva - op->va), tail, &a, ta);
}

/* The fast path inline: the recipe's run, written in one call
 * (vml_pt_put_recipe()); the rest, and shadow entries, above. */
static inline void put_map_leaves(struct pt_op *op, int level, unsigned char *p,
				  unsigned char *shadow, uint64_t idx, uint64_t eva, uint64_t cnt)
{
	const struct vml_pt_leaf_recipe *r = leaf_recipe(op, level);

	if (r->fast && !shadow)
		vml_pt_put_recipe(op->f, p, idx, eva, op->pa + (eva - op->va), cnt, r);
	else
		put_leaves_slow(op, level, p, shadow, idx, eva, cnt);
}

/* commit_fresh() of a table at the last level, not packed, where leaves
 * are allowed: every entry [lo, hi] covers is a leaf (the range is
 * page-aligned, so it covers each page whole), one run from lo with the
 * invalid value around it, as commit_fresh()'s loop writes it in one trip.
 * Most new tables of a map are such (issue 11's W3: every one on arm
 * short-descriptor), and commit_fresh()'s frame and loop were about half
 * of what such a table cost. */
static uint64_t commit_fresh_leaves(struct pt_op *op, int level, uint32_t tflags, uint64_t lo,
				    uint64_t hi, vml_paddr_t pa)
{
	const struct vml_pt_format *f = op->f;
	unsigned int li = (unsigned int)(level - f->first_level);
	unsigned int shift = lvl(op, level)->shift;
	unsigned char *p = vml_pt_op_window_plain(op, li, level, pa);
	uint64_t i0 = vml_pt_index(f, level, lo), cnt = ((hi - lo) >> shift) + 1;

	if (!(op->ctx->tables_zeroed && !op->inval[li])) {
		vml_pt_fill(f, p, 0, i0, op->inval[li]);
		vml_pt_fill(f, p, i0 + cnt, vml_pt_table_entries(f, level) - (i0 + cnt),
			    op->inval[li]);
	}
	put_map_leaves(op, level, p, NULL, i0, lo, cnt);
	return f->ops->encode_table(f, level - 1, pa, tflags);
}

static uint64_t commit_fresh(struct pt_op *op, int level, uint32_t tflags, uint64_t lo, uint64_t hi,
			     vml_paddr_t pa);

/* The table entry linking the new table at @pa of @level filled for [lo,
 * hi]: commit_fresh_leaves() where it applies, else commit_fresh(). */
static inline uint64_t commit_new_table(struct pt_op *op, int level, uint32_t tflags, uint64_t lo,
					uint64_t hi, vml_paddr_t pa)
{
	if (level == vml_pt_last_level(op->f) && fresh_leafable(op, level) &&
	    !vml_pt_packed(op->f, level))
		return commit_fresh_leaves(op, level, tflags, lo, hi, pa);
	return commit_fresh(op, level, tflags, lo, hi, pa);
}

/* Fills the table at @pa (taken from the pool, or a packed half that
 * take_table() has cleared) for [lo, hi], returns the table entry that
 * links it (to be written by the caller). Each entry is written once: the
 * invalid value only where neither a leaf nor a table goes. */
static uint64_t commit_fresh(struct pt_op *op, int level, uint32_t tflags, uint64_t lo, uint64_t hi,
			     vml_paddr_t pa)
{
	const struct vml_pt_format *f = op->f;
	unsigned int shift = lvl(op, level)->shift;
	uint64_t span = 1ULL << shift;
	unsigned char *shadow;
	unsigned char *p = vml_pt_op_window(op, level, pa, &shadow);
	uint64_t first = vml_align_down(lo, span), last = vml_align_down(hi, span);
	uint64_t i0 = vml_pt_index(f, level, lo), cnt = ((last - first) >> shift) + 1;
	bool leafable = fresh_leafable(op, level), last_partial = last + (span - 1) > hi;

	if (!shadow && !(op->ctx->tables_zeroed && !op->inval[level - f->first_level])) {
		uint64_t inval = op->inval[level - f->first_level];

		vml_pt_fill(f, p, 0, i0, inval);
		vml_pt_fill(f, p, i0 + cnt, vml_pt_table_entries(f, level) - (i0 + cnt), inval);
	}
	for (uint64_t k = 0; k < cnt;) {
		uint64_t eva = first + (k << shift), elast = eva + (span - 1);

		if (leafable && eva >= lo && elast <= hi) {
			uint64_t run = cnt - k - (last_partial ? 1 : 0);

			put_map_leaves(op, level, p, shadow, i0 + k, eva, run);
			k += run;
			continue;
		}
		vml_pt_store_entry(
		    f, level, p, shadow, i0 + k,
		    commit_new_table(
			op, level + 1, tflags, vml_max(eva, lo), vml_min(elast, hi),
			vml_pt_pool_pop(op, (unsigned int)(level + 1 - f->first_level))));
		k++;
	}
	return f->ops->encode_table(f, level - 1, pa, tflags);
}

/* Splitting leaf @e at @eva into pieces one level down: refused where the
 * pieces cannot hold its output address (an arm short supersection above
 * 4 GiB cannot become sections or pages). */
static int check_split(struct pt_op *op, const struct vml_pt_table *c, const struct vml_pt_entry *e,
		       uint64_t eva)
{
	const struct vml_pt_format *f = op->f;
	const struct vml_pt_level *cl = lvl(op, c->level);
	uint64_t span = 1ULL << lvl(op, c->level - 1)->shift;
	uint64_t oa = vml_pt_leaf_oa(f, c->level - 1, e, eva);
	bool cont = c->split_cont && cl->cont_entries > 1 &&
		    (vml_pt_group_entries(f, c->level) << cl->shift) <= span;

	if (vml_pt_leaf_reaches(f, c->level, oa + (span - 1), cont))
		return 0;
	return refuse(op, VML_ERANGE, eva,
		      "splitting this leaf needs smaller leaves that cannot hold its output "
		      "address");
}

/* A new table below a root entry of a packed format (struct vml_pt_pack)
 * shares the block of its sibling entry's table if that is one: nothing to
 * allocate. */
static bool shares_block(const struct pt_op *op, int clevel, uint64_t sibling)
{
	return vml_pt_packed(op->f, clevel) && is_kind(op, clevel - 1, sibling, VML_PTE_TABLE, 0);
}

/* Commit: the table a new child of entry @idx at @clevel - 1 takes: a
 * pooled one, or at a packed level its half of the sibling's block or of a
 * new block (then cleared whole: both tables and both shadows). */
static vml_paddr_t take_table(struct pt_op *op, int clevel, uint64_t idx, uint64_t sibling)
{
	const struct vml_pt_format *f = op->f;
	unsigned int li = (unsigned int)(clevel - f->first_level);
	struct vml_pt_entry e;
	vml_paddr_t block;

	if (!vml_pt_packed(f, clevel))
		return vml_pt_pool_pop(op, li);
	if (shares_block(op, clevel, sibling)) {
		f->ops->decode(f, clevel - 1, sibling, &e);
		block = vml_pt_pack_base(f, e.addr);
	} else {
		block = vml_pt_pool_pop(op, li);
		vml_pt_op_window_forget(op, li);
		vml_pt_pack_clear(f, op->ctx->window(op->ctx->cb, block, f->pack.page_size));
	}
	return vml_pa(vml_pa_addr(block) + f->pack.hw_offset[idx & 1]);
}

static int make_child(struct pt_op *op, const struct vml_pt_table *t, enum vml_pt_action act,
		      const struct entry_ctx *ec, uint64_t old, const struct vml_pt_entry *e,
		      uint64_t *newp)
{
	const struct vml_pt_format *f = op->f;
	int clevel = t->level + 1;
	unsigned int li = (unsigned int)(clevel - f->first_level);
	uint64_t eva = ec->eva;
	uint64_t elast = eva + ((1ULL << lvl(op, t->level)->shift) - 1);
	uint32_t tflags = op->table_flags;
	bool shared = shares_block(op, clevel, ec->sibling);
	struct vml_pt_table c = {0};
	int err;

	c.level = clevel;
	c.src = act == VML_PT_ACT_SPLIT_LEAF ? VML_PT_SRC_SPLIT : VML_PT_SRC_EMPTY;
	c.split_raw = old;
	c.split_va = eva;
	c.split_cont = !(op->flags & VML_PT_NO_CONT_MAPPINGS);
	if (domain_in_table(op)) {
		/* The new table's entry carries the domain of what lives below it:
		 * the split leaf's, unless a map rewrites the entry's whole span
		 * (then nothing of the old leaf is left below it). */
		bool rewritten = op->kind == VML_PT_OP_MAP && ec->covered;

		c.domain =
		    act == VML_PT_ACT_SPLIT_LEAF && !rewritten ? e->attrs.domain : op->attrs.domain;
		tflags |= VML_PT_TABLE_DOMAIN(c.domain);
	}
	if (act == VML_PT_ACT_NEW_TABLE && op->fresh_ok) {
		uint64_t lo = vml_max(eva, op->va), hi = vml_min(elast, op->last);

		if (op->commit) {
			*newp = commit_fresh(op, clevel, tflags, lo, hi,
					     take_table(op, clevel, ec->idx, ec->sibling));
			return 0;
		}
		op->need[li] += !shared;
		vml_pt_plan_fresh(op, clevel, lo, hi);
		*newp = f->ops->encode_table(f, t->level, vml_pa(0), tflags);
		return 0;
	}
	if (!op->commit) {
		if (act == VML_PT_ACT_SPLIT_LEAF && (err = check_split(op, &c, e, eva)))
			return err;
		op->need[li] += !shared;
		err = apply_range(op, &c, vml_max(eva, op->va), vml_min(elast, op->last));
		*newp = f->ops->encode_table(f, t->level, vml_pa(0), tflags);
		return err;
	}
	/* Commit: fill a pooled table with what the plan read virtually, then
	 * apply the operation inside it before it is linked (not live). */
	c.pa = take_table(op, clevel, ec->idx, ec->sibling);
	c.ptr = vml_pt_op_window(op, clevel, c.pa, &c.shadow);
	for (uint64_t i = 0; i < vml_pt_table_entries(f, clevel); i++)
		vml_pt_store_entry(f, clevel, c.ptr, c.shadow, i, table_get(op, &c, i));
	c.src = VML_PT_SRC_REAL;
	c.live = false;
	err = apply_range(op, &c, vml_max(eva, op->va), vml_min(elast, op->last));
	*newp = f->ops->encode_table(f, t->level, c.pa, tflags);
	return err;
}

/* --- one entry --- */

static const char *const beyond_reach =
    "output address beyond what a leaf here can hold (arm short-descriptor: only "
    "supersections reach PA >= 4 GiB)";

/* A group member keeps the domain the operation asks for: an arm short
 * supersection has no domain field (domain 0 only). */
static bool cont_keeps_domain(const struct pt_op *op, int level)
{
	const struct vml_pt_format *f = op->f;
	struct vml_pt_attrs a = op->attrs;
	struct vml_pt_entry e;

	if (!op->attrs.domain || (domain_in_table(op) && level > f->first_level))
		return true;
	a.perm |= VML_PT_CONT;
	f->ops->decode(f, level, f->ops->encode_leaf(f, level, vml_pa(0), &a), &e);
	return e.attrs.domain == op->attrs.domain;
}

/* Fills @in and the leaf the operation would write; VML_ERANGE if that leaf
 * cannot hold its output address (protect of part of a supersection). */
static int fill_decide(struct pt_op *op, int level, const struct entry_ctx *ec, uint64_t old,
		       const struct vml_pt_entry *e, struct vml_pt_decide_in *in, uint64_t *want)
{
	const struct vml_pt_format *f = op->f;
	uint64_t span = 1ULL << lvl(op, level)->shift;
	uint64_t epa = op->pa + (ec->eva - op->va);
	struct vml_pt_attrs a = op->attrs;
	uint64_t oa = 0;

	in->op = op->kind;
	in->kind = e->kind;
	in->covered = ec->covered;
	/* A leaf that cannot hold the PA is not allowed: map makes a table and
	 * goes one level down (and is refused at the last level). */
	in->leaf_allowed = leaf_allowed(op, level) &&
			   (op->kind != VML_PT_OP_MAP ||
			    vml_pt_leaf_reaches(f, level, epa + (span - 1), ec->cont_ok));
	in->no_replace = op->flags & VML_PT_NO_REPLACE;
	in->aligned = ((op->pa - op->va) & (span - 1)) == 0;
	in->same_mapping = in->same_raw = false;
	if (e->kind == VML_PTE_LEAF) {
		struct vml_pt_attrs ea = e->attrs;

		oa = vml_pt_leaf_oa(f, level, e, ec->eva);
		ea.perm &= ~VML_PT_CONT;
		in->same_mapping = vml_pt_attrs_equal(&ea, &a) &&
				   (op->kind != VML_PT_OP_MAP || oa - ec->eva == op->pa - op->va);
	}
	*want = old;
	if (op->kind == VML_PT_OP_MAP && ec->covered && in->aligned && in->leaf_allowed) {
		if (ec->cont_ok)
			a.perm |= VML_PT_CONT;
		*want = f->ops->encode_leaf(f, level, vml_pa(epa), &a);
		in->same_raw = e->kind == VML_PTE_LEAF && *want == old;
	} else if (op->kind == VML_PT_OP_PROTECT && ec->covered && e->kind == VML_PTE_LEAF) {
		/* The group keeps its hint only if the hint can hold the new
		 * attributes (an arm short supersection has no domain field). */
		if (ec->group_covered && (e->attrs.perm & VML_PT_CONT) &&
		    cont_keeps_domain(op, level))
			a.perm |= VML_PT_CONT;
		if (!vml_pt_leaf_reaches(f, level, oa + (span - 1), a.perm & VML_PT_CONT))
			return refuse(op, VML_ERANGE, ec->eva, beyond_reach);
		*want = f->ops->encode_leaf(f, level, vml_pa(oa), &a);
		in->same_raw = *want == old;
	}
	if (op->kind == VML_PT_OP_MAP && ec->covered && in->aligned && !in->leaf_allowed &&
	    leaf_allowed(op, level) && level == vml_pt_last_level(f))
		return refuse(op, VML_ERANGE, ec->eva, beyond_reach);
	return 0;
}

/* The table entry @e (at @eva) points to: apply the operation below it. */
static int descend_into(struct pt_op *op, const struct vml_pt_table *t,
			const struct vml_pt_entry *e, uint64_t eva)
{
	uint64_t elast = eva + ((1ULL << lvl(op, t->level)->shift) - 1);
	struct vml_pt_table c = {0};

	c.src = VML_PT_SRC_REAL;
	c.level = t->level + 1;
	c.pa = e->addr;
	c.live = t->live;
	c.domain = e->attrs.domain;
	c.ptr = vml_pt_op_window(op, c.level, e->addr, &c.shadow);
	if (!c.ptr)
		return refuse(op, VML_ERANGE, eva, "window cannot reach a table");
	return apply_range(op, &c, vml_max(eva, op->va), vml_min(elast, op->last));
}

/* Leaves below the root of a domain-in-table format take the table's
 * domain: one of another domain cannot be written there. */
static int check_domain(struct pt_op *op, const struct vml_pt_table *t, uint64_t eva)
{
	if (!domain_in_table(op) || t->level == op->f->first_level || op->attrs.domain == t->domain)
		return 0;
	return refuse(op, VML_EPERM, eva,
		      "a leaf of another domain under an existing table (arm short-descriptor: "
		      "a page's domain is its first-level entry's)");
}

static int apply_entry(struct pt_op *op, const struct vml_pt_table *t, const struct entry_ctx *ec,
		       uint64_t old, uint64_t *newp)
{
	const struct vml_pt_format *f = op->f;
	struct vml_pt_decide_in in;
	struct vml_pt_entry e;
	uint64_t want;
	enum vml_pt_action act;

	int err;

	f->ops->decode(f, t->level, old, &e);
	vml_pt_inherit_domain(f, t->level, t->domain, &e);
	err = fill_decide(op, t->level, ec, old, &e, &in, &want);
	if (err)
		return err;
	act = vml_pt_decide(&in);
	switch (act) {
	case VML_PT_ACT_NOTHING:
		/* The same bytes need not be the same mapping: below the root
		 * of a domain-in-table format the domain is the table's. */
		if (in.same_raw && (err = check_domain(op, t, ec->eva)))
			return err;
		return 0;
	case VML_PT_ACT_WRITE_LEAF:
		if ((err = check_domain(op, t, ec->eva)))
			return err;
		*newp = want;
		return 0;
	case VML_PT_ACT_WRITE_INVALID:
		*newp = op->inval[t->level - f->first_level];
		return 0;
	case VML_PT_ACT_NEW_TABLE:
	case VML_PT_ACT_SPLIT_LEAF:
		return make_child(op, t, act, ec, old, &e, newp);
	case VML_PT_ACT_DESCEND:
		return descend_into(op, t, &e, ec->eva);
	case VML_PT_ACT_REFUSE:
		return refuse(op, VML_EPERM, ec->eva, "a valid mapping is in the way (no-replace)");
	}
	return 0;
}

/* --- one contiguous group --- */

static bool is_kind(const struct pt_op *op, int level, uint64_t raw, enum vml_pte_kind k,
		    uint32_t perm)
{
	struct vml_pt_entry e;

	/* The format's own invalid value needs no decode. */
	if (raw == op->inval[level - op->f->first_level])
		return k == VML_PTE_INVALID && !perm;
	return op->f->ops->decode(op->f, level, raw, &e) == k && (e.attrs.perm & perm) == perm;
}

/* A neighbour check: is_kind(LEAF, CONT) by the format's is_cont_leaf()
 * where it has one, without a whole decode. */
bool vml_pt_is_cont_leaf(const struct pt_op *op, int level, uint64_t raw)
{
	if (raw == op->inval[level - op->f->first_level])
		return false;
	if (op->f->ops->is_cont_leaf)
		return op->f->ops->is_cont_leaf(op->f, level, raw);
	return is_kind(op, level, raw, VML_PTE_LEAF, VML_PT_CONT);
}

/* After the decisions: if the group is not one uniform contiguous run any
 * more, every member loses the hint. */
static int strip_cont(struct pt_op *op, int level, uint64_t n, uint64_t gva, const uint64_t *old,
		      uint64_t *new_)
{
	const struct vml_pt_format *f = op->f;
	uint64_t span = 1ULL << lvl(op, level)->shift;
	bool changed = false, all_cont = true;

	for (uint64_t k = 0; k < n; k++)
		changed |= new_[k] != old[k];
	for (uint64_t k = 0; k < n && changed && all_cont; k++)
		all_cont = is_kind(op, level, new_[k], VML_PTE_LEAF, VML_PT_CONT);
	if (!changed || all_cont)
		return 0;
	for (uint64_t k = 0; k < n; k++) {
		struct vml_pt_entry e;

		if (f->ops->decode(f, level, new_[k], &e) != VML_PTE_LEAF ||
		    !(e.attrs.perm & VML_PT_CONT))
			continue;
		uint64_t oa = vml_pt_leaf_oa(f, level, &e, gva + k * span);

		e.attrs.perm &= ~VML_PT_CONT;
		if (!vml_pt_leaf_reaches(f, level, oa + (span - 1), false))
			return refuse(op, VML_ERANGE, gva + k * span,
				      "cutting this contiguous group needs leaves that cannot hold "
				      "its output address");
		new_[k] = f->ops->encode_leaf(f, level, vml_pa(oa), &e.attrs);
	}
	return 0;
}

static void commit_group(struct pt_op *op, struct vml_pt_table *t, uint64_t idx0, uint64_t gva,
			 uint64_t n, const uint64_t *old, const uint64_t *new_)
{
	const struct vml_pt_format *f = op->f;
	uint64_t span = 1ULL << lvl(op, t->level)->shift;
	uint64_t inval = op->inval[t->level - f->first_level];
	bool brk = false, flush = false;

	for (uint64_t k = 0; k < n && t->live; k++)
		if (new_[k] != old[k] && !is_kind(op, t->level, old[k], VML_PTE_INVALID, 0) &&
		    !is_kind(op, t->level, new_[k], VML_PTE_INVALID, 0) &&
		    f->ops->needs_bbm(f, t->level, old[k], new_[k], op->ctx->cpu_features))
			brk = true;
	if (brk) {
		/* Break: every changing valid member; invalidate; make. */
		for (uint64_t k = 0; k < n; k++)
			if (new_[k] != old[k] && !is_kind(op, t->level, old[k], VML_PTE_INVALID, 0))
				vml_pt_update_entry(op->ctx, t, idx0 + k, gva + k * span, old[k],
						    inval, false);
		vml_pt_update_tlbi(op->ctx, gva, n * span);
		for (uint64_t k = 0; k < n; k++)
			if (new_[k] != old[k] &&
			    !is_kind(op, t->level, new_[k], VML_PTE_INVALID, 0))
				vml_pt_update_entry(op->ctx, t, idx0 + k, gva + k * span, inval,
						    new_[k], true);
		return;
	}
	for (uint64_t k = 0; k < n; k++) {
		if (new_[k] == old[k])
			continue;
		flush |= !is_kind(op, t->level, old[k], VML_PTE_INVALID, 0);
		vml_pt_update_entry(op->ctx, t, idx0 + k, gva + k * span, old[k], new_[k], false);
	}
	/* A changed valid entry may be cached: invalidate it (no log if not live). */
	if (flush && t->live)
		vml_pt_update_tlbi(op->ctx, gva, n * span);
}

/* group_cont_ok() but for the reach of the group's last PA: the same for
 * every group of a call at @level. */
static bool cont_static_ok(const struct pt_op *op, int level, uint64_t n, uint64_t gspan)
{
	return op->kind == VML_PT_OP_MAP && n >= 2 && leaf_allowed(op, level) &&
	       !(op->flags & VML_PT_NO_CONT_MAPPINGS) && !((op->pa - op->va) & (gspan - 1)) &&
	       cont_keeps_domain(op, level);
}

static bool group_cont_ok(const struct pt_op *op, int level, uint64_t gva, uint64_t n,
			  uint64_t gspan, bool covered, bool has_table)
{
	return covered && !has_table && cont_static_ok(op, level, n, gspan) &&
	       vml_pt_leaf_reaches(op->f, level, op->pa + (gva - op->va) + (gspan - 1), true);
}

/* Entries handled together at @level: a contiguous group, and at least
 * the pair of root entries whose tables share a block (struct
 * vml_pt_pack), which is never larger than a group that has one. */
static uint64_t batch_entries(const struct pt_op *op, int level)
{
	uint64_t n = vml_pt_group_entries(op->f, level);

	return n < 2 && vml_pt_packed(op->f, level + 1) ? 2 : n;
}

/* A table just linked below one root entry of a packed format links the
 * invalid sibling entry to the other half of its block, as Linux's
 * __pmd_populate() writes both entries of the pair (arch/arm/include/asm/
 * pgalloc.h, v6.1), with the same domain and restrictions. */
static void populate_pairs(struct pt_op *op, int level, uint64_t n, const uint64_t *old,
			   uint64_t *new_)
{
	const struct vml_pt_format *f = op->f;

	if (!vml_pt_packed(f, level + 1))
		return;
	for (uint64_t k = 0; k < n; k++) {
		uint64_t sib = k ^ 1;
		struct vml_pt_entry e;
		uint32_t tflags;

		if (is_kind(op, level, old[k], VML_PTE_TABLE, 0) ||
		    f->ops->decode(f, level, new_[k], &e) != VML_PTE_TABLE ||
		    !is_kind(op, level, new_[sib], VML_PTE_INVALID, 0))
			continue;
		tflags = (e.attrs.perm & VML_PT_EXEC) ? 0 : VML_PT_TABLE_NO_EXEC;
		tflags |= (e.attrs.perm & VML_PT_USER_EXEC) ? 0 : VML_PT_TABLE_NO_USER_EXEC;
		if (domain_in_table(op))
			tflags |= VML_PT_TABLE_DOMAIN(e.attrs.domain);
		new_[sib] = f->ops->encode_table(
		    f, level,
		    vml_pa(vml_pa_addr(vml_pt_pack_base(f, e.addr)) + f->pack.hw_offset[sib & 1]),
		    tflags);
	}
}

static int apply_group_walk(struct pt_op *op, struct vml_pt_table *t, uint64_t gva, uint64_t lo,
			    uint64_t hi);

/* The plan records a group of the general path whole and nothing inside
 * it: the commit runs apply_group() on it again, as the second walk did. */
static int apply_group(struct pt_op *op, struct vml_pt_table *t, uint64_t gva, uint64_t lo,
		       uint64_t hi)
{
	int err;

	if (op->commit)
		return apply_group_walk(op, t, gva, lo, hi);
	vml_pt_record(op, SEG_GENERAL, t, gva, lo, hi);
	op->in_general++;
	err = apply_group_walk(op, t, gva, lo, hi);
	op->in_general--;
	return err;
}

static int apply_group_walk(struct pt_op *op, struct vml_pt_table *t, uint64_t gva, uint64_t lo,
			    uint64_t hi)
{
	uint64_t span = 1ULL << lvl(op, t->level)->shift;
	uint64_t n = batch_entries(op, t->level);
	bool grouped = n == vml_pt_group_entries(op->f, t->level);
	uint64_t idx0 = vml_pt_index(op->f, t->level, gva);
	uint64_t old[GROUP_MAX], new_[GROUP_MAX];
	struct entry_ctx ec;
	int err;

	for (uint64_t k = 0; k < n; k++)
		old[k] = new_[k] = table_get(op, t, idx0 + k);
	ec.group_covered = grouped && lo == gva && hi == gva + (n * span - 1);
	ec.cont_ok = false;
	if (op->kind == VML_PT_OP_MAP && ec.group_covered) {
		bool has_table = false;

		for (uint64_t k = 0; k < n; k++)
			has_table |= is_kind(op, t->level, old[k], VML_PTE_TABLE, 0);
		ec.cont_ok =
		    group_cont_ok(op, t->level, gva, n, n * span, ec.group_covered, has_table);
	}
	for (uint64_t k = 0; k < n; k++) {
		ec.idx = idx0 + k;
		ec.eva = gva + k * span;
		if (ec.eva + (span - 1) < lo || ec.eva > hi)
			continue;
		ec.covered = ec.eva >= lo && ec.eva + (span - 1) <= hi;
		ec.sibling = (k ^ 1) < n ? new_[k ^ 1] : 0; /* packed: n is even */
		err = apply_entry(op, t, &ec, old[k], &new_[k]);
		if (err)
			return err;
	}
	populate_pairs(op, t->level, n, old, new_);
	err = strip_cont(op, t->level, n, gva, old, new_);
	if (err)
		return err;
	if (op->commit)
		commit_group(op, t, idx0, gva, n, old, new_);
	return 0;
}

/* --- the fast path: invalid entries of an existing table that a map covers ---
 *
 * pgtable_decide.c gives every wholly covered invalid entry the leaf the map
 * wants when a leaf may go there, and nothing else happens to its group
 * unless a member outside the range is a contiguous leaf (strip_cont()):
 * no table to make, no refusal, no break-before-make, and a write to an
 * invalid entry is logged only under log_all. Such groups are written as
 * runs, like a fresh table's leaves, by the plan skipped (they need no
 * table). Where anything else could happen (log_all on a live table, a
 * domain from the table, packed tables, a leaf that could not hold its PA)
 * the general path below runs instead.
 */
static bool fast_ok(const struct pt_op *op, const struct vml_pt_table *t)
{
	return op->kind == VML_PT_OP_MAP && t->src == VML_PT_SRC_REAL && op->fresh_ok &&
	       !op->f->pack.page_size && !(t->live && op->ctx->log_all) &&
	       !(domain_in_table(op) && t->level > op->f->first_level &&
		 op->attrs.domain != t->domain);
}

/* The group at @gva, of which [lo, hi] is in the range: every entry in the
 * range is wholly covered and holds the invalid value, and no member out of
 * the range is a contiguous leaf. */
static bool group_invalid(const struct pt_op *op, const struct vml_pt_table *t, uint64_t gva,
			  uint64_t lo, uint64_t hi, uint64_t inval)
{
	const struct vml_pt_format *f = op->f;
	unsigned int shift = lvl(op, t->level)->shift;
	uint64_t n = batch_entries(op, t->level), idx0 = vml_pt_index(f, t->level, gva);
	uint64_t mask = (1ULL << shift) - 1;

	uint64_t klo, khi;

	if ((lo & mask) || ((hi + 1) & mask))
		return false;
	/* The members in the range first, a tight scan; then those outside. */
	klo = (lo - gva) >> shift;
	khi = (hi - gva) >> shift;
	for (uint64_t k = klo; k <= khi; k++)
		if (vml_pt_read_raw(f, t->ptr, idx0 + k) != inval)
			return false;
	for (uint64_t k = 0; k < n; k++) {
		uint64_t raw;

		if (k == klo)
			k = khi + 1;
		if (k >= n)
			break;
		/* mostly the invalid value: no call for those */
		raw = vml_pt_read_raw(f, t->ptr, idx0 + k);
		if (raw != inval && vml_pt_is_cont_leaf(op, t->level, raw))
			return false;
	}
	return true;
}

/* How many whole groups from @gva (group-aligned), all inside [gva, hi],
 * hold nothing but the invalid value: one tight scan over their entries. */
static uint64_t invalid_groups(const struct pt_op *op, const struct vml_pt_table *t, uint64_t gva,
			       uint64_t hi, uint64_t inval)
{
	const struct vml_pt_format *f = op->f;
	uint64_t n = batch_entries(op, t->level), gspan = n << lvl(op, t->level)->shift;
	uint64_t whole = (hi - gva) / gspan + ((hi - gva) % gspan == gspan - 1);
	uint64_t idx0 = vml_pt_index(f, t->level, gva), m = 0;

#if VML_PT_WORD_ACCESS
	/* Four entries a step while all four hold the invalid value, then one
	 * at a time: the same count as the plain scan, a quarter of its
	 * compares and branches. */
	if (f->entry_size == 8) {
		const vml_pt_word64 *e = (const vml_pt_word64 *)(const void *)t->ptr + idx0;

		while (m + 4 <= whole * n && !((e[m] ^ inval) | (e[m + 1] ^ inval) |
					       (e[m + 2] ^ inval) | (e[m + 3] ^ inval)))
			m += 4;
		while (m < whole * n && e[m] == inval)
			m++;
		return m / n;
	}
	if (f->entry_size == 4) {
		const vml_pt_word32 *e = (const vml_pt_word32 *)(const void *)t->ptr + idx0;
		uint32_t inv = (uint32_t)inval;

		while (m + 4 <= whole * n &&
		       !((e[m] ^ inv) | (e[m + 1] ^ inv) | (e[m + 2] ^ inv) | (e[m + 3] ^ inv)))
			m += 4;
		while (m < whole * n && e[m] == inv)
			m++;
		return m / n;
	}
#endif
	while (m < whole * n && vml_pt_read_raw(f, t->ptr, idx0 + m) == inval)
		m++;
	return m / n;
}

static void put_run(struct pt_op *op, struct vml_pt_table *t, uint64_t lo, uint64_t hi)
{
	unsigned int shift = lvl(op, t->level)->shift;

	if (op->commit)
		put_map_leaves(op, t->level, t->ptr, NULL, vml_pt_index(op->f, t->level, lo), lo,
			       ((hi - lo) >> shift) + 1);
	else
		vml_pt_record(op, SEG_RUN, t, 0, lo, hi);
}

/* --- the fast path: upper-level groups of a map that only link and descend ---
 *
 * Above the last level a map mostly passes through: it descends into the
 * tables its range crosses, links new tables where an invalid entry is
 * partly covered (or no leaf may go there), and writes leaves into the
 * wholly covered invalid entries. For such a group pgtable_decide.c can
 * only answer DESCEND, NEW_TABLE or WRITE_LEAF, and apply_group() would
 * write no log record (the old values are invalid; log_all on a live table
 * is excluded by fast_ok()), no TLBI, and strip no contiguous hint (the
 * leaves it writes here never carry one: the group is partly covered or
 * holds a table, and no member outside the range is a contiguous leaf). So
 * the group is handled without the decision, its old/new arrays or
 * commit_group(), writing the same bytes in the same order of table
 * allocation. Anything else in the group (a valid leaf, an invalid entry
 * that is not the format's own invalid value) takes apply_group().
 */
static bool group_fast(const struct pt_op *op, const struct vml_pt_table *t, uint64_t gva,
		       uint64_t lo, uint64_t hi)
{
	const struct vml_pt_format *f = op->f;
	unsigned int shift = lvl(op, t->level)->shift;
	uint64_t n = batch_entries(op, t->level), idx0 = vml_pt_index(f, t->level, gva);
	uint64_t inval = op->inval[t->level - f->first_level];
	uint64_t klo = (lo - gva) >> shift, khi = (hi - gva) >> shift; /* the members in range */

	for (uint64_t k = 0; k < n; k++) {
		uint64_t raw = vml_pt_read_raw(f, t->ptr, idx0 + k);
		struct vml_pt_table c;

		if (raw == inval)
			continue;
		if (k >= klo && k <= khi ? !table_entry(op, t->level, raw, &c)
					 : vml_pt_is_cont_leaf(op, t->level, raw))
			return false;
	}
	return true;
}

/* table_entry() where the memo does not hold @raw: decode it, and keep it
 * if it is a table. */
static bool table_decode(const struct pt_op *op, int level, uint64_t raw, struct vml_pt_table *c)
{
	struct vml_pt_leaf_cache *lc = &op->ctx->leaf_cache;
	unsigned int li = (unsigned int)(level - op->f->first_level);
	struct vml_pt_entry e;

	if (op->f->ops->decode(op->f, level, raw, &e) != VML_PTE_TABLE)
		return false;
	c->pa = e.addr;
	c->domain = e.attrs.domain;
	if (lc->fmt == op->f) {
		lc->table_raw[li] = raw;
		lc->table_addr[li] = e.addr;
		lc->table_domain[li] = e.attrs.domain;
		lc->have_table |= 1u << li;
	}
	return true;
}

/* Entry @raw at @level is a table: its address and domain into @c. The
 * ctx's memo (struct vml_pt_leaf_cache) keeps the last table entry decoded
 * per level: the upper entries a map descends through are the same call
 * after call, and decode() is a pure function of the format and the word. */
static inline bool table_entry(const struct pt_op *op, int level, uint64_t raw,
			       struct vml_pt_table *c)
{
	const struct vml_pt_leaf_cache *lc = &op->ctx->leaf_cache;
	unsigned int li = (unsigned int)(level - op->f->first_level);

	if (lc->table_raw[li] == raw && (lc->have_table >> li & 1) && lc->fmt == op->f) {
		c->pa = lc->table_addr[li];
		c->domain = lc->table_domain[li];
		return true;
	}
	return table_decode(op, level, raw, c);
}

/* Entry @idx at @eva of a fast group is a table: apply the map below it
 * (apply_entry()'s VML_PT_ACT_DESCEND). */
static int descend_fast(struct pt_op *op, const struct vml_pt_table *t, uint64_t raw, uint64_t eva)
{
	struct vml_pt_table c = {0};
	struct vml_pt_entry e = {0};

	table_entry(op, t->level, raw, &c); /* group_fast() found it a table */
	e.addr = c.pa;
	e.attrs.domain = c.domain; /* all descend_into() reads */
	return descend_into(op, t, &e, eva);
}

/* Entry @idx at @eva of a fast group is invalid and takes a new table
 * (make_child()'s fresh path): counted and planned, or made and linked. */
static void commit_link(struct pt_op *op, int level, unsigned char *p, uint64_t idx, uint64_t lo,
			uint64_t hi)
{
	const struct vml_pt_format *f = op->f;
	uint32_t tflags = op->table_flags;

	if (domain_in_table(op))
		tflags |= VML_PT_TABLE_DOMAIN(op->attrs.domain);
	vml_pt_store_raw(
	    f, p, idx,
	    commit_new_table(op, level + 1, tflags, lo, hi,
			     vml_pt_pool_pop(op, (unsigned int)(level + 1 - f->first_level))));
}

static void link_fast(struct pt_op *op, struct vml_pt_table *t, uint64_t idx, uint64_t eva)
{
	int clevel = t->level + 1;
	uint64_t elast = eva + ((1ULL << lvl(op, t->level)->shift) - 1);
	uint64_t lo = vml_max(eva, op->va), hi = vml_min(elast, op->last);

	if (op->commit) {
		commit_link(op, t->level, t->ptr, idx, lo, hi);
		return;
	}
	op->need[clevel - op->f->first_level]++;
	vml_pt_plan_fresh(op, clevel, lo, hi);
	vml_pt_record(op, SEG_LINK, t, idx, lo, hi);
}

static int apply_fast_group(struct pt_op *op, struct vml_pt_table *t, uint64_t gva, uint64_t lo,
			    uint64_t hi, bool leafable)
{
	const struct vml_pt_format *f = op->f;
	unsigned int shift = lvl(op, t->level)->shift;
	uint64_t span = 1ULL << shift, inval = op->inval[t->level - f->first_level];
	uint64_t eva = vml_max(gva, vml_align_down(lo, span));

	for (; eva <= hi && eva >= gva; eva += span) {
		uint64_t idx = vml_pt_index(f, t->level, eva),
			 raw = vml_pt_read_raw(f, t->ptr, idx);
		uint64_t cnt = 0, room;
		int err;

		if (raw != inval) {
			if ((err = descend_fast(op, t, raw, eva)))
				return err;
			continue;
		}
		if (!leafable || eva < lo || eva + (span - 1) > hi) {
			link_fast(op, t, idx, eva);
			continue;
		}
		/* Wholly covered invalid entries: leaves without the hint (the
		 * group is not all of them). */
		room = ((hi - eva) + 1) >> shift; /* hi - eva is below a group's span */
		while (cnt < room && vml_pt_read_raw(f, t->ptr, idx + cnt) == inval)
			cnt++;
		if (op->commit)
			vml_pt_put_leaves(f, t->level, t->ptr, NULL, idx, op->pa + (eva - op->va),
					  cnt, &op->attrs, leaf_tmpl(op, t->level, false));
		else
			vml_pt_record(op, SEG_LEAVES, t, idx, eva, eva + ((cnt << shift) - 1));
		eva += (cnt - 1) << shift;
	}
	return 0;
}

/* Apply the operation to [lo, hi] (inclusive, inside table @t's span). */
static int apply_range(struct pt_op *op, struct vml_pt_table *t, uint64_t lo, uint64_t hi)
{
	uint64_t gspan = batch_entries(op, t->level) << lvl(op, t->level)->shift;
	bool fast = fast_ok(op, t), runs = fast && fresh_leafable(op, t->level), in_run = false;
	bool upper = fast && t->level != vml_pt_last_level(op->f);
	uint64_t inval = op->inval[t->level - op->f->first_level];
	uint64_t cur = lo, run_lo = 0;

	for (;;) {
		uint64_t gva = vml_align_down(cur, gspan);
		uint64_t glast = gva + (gspan - 1);
		uint64_t whole =
		    runs && cur == gva && glast <= hi ? invalid_groups(op, t, gva, hi, inval) : 0;
		int err = 0;

		if (whole || (runs && group_invalid(op, t, gva, cur, vml_min(hi, glast), inval))) {
			run_lo = in_run ? run_lo : cur;
			in_run = true;
			glast = whole ? gva + (whole * gspan - 1) : glast;
		} else {
			if (in_run)
				put_run(op, t, run_lo, cur - 1);
			in_run = false;
			if (upper && group_fast(op, t, gva, cur, vml_min(hi, glast)))
				err = apply_fast_group(op, t, gva, cur, vml_min(hi, glast), runs);
			else
				err = apply_group(op, t, gva, cur, vml_min(hi, glast));
		}
		if (err || glast >= hi) {
			if (in_run)
				put_run(op, t, run_lo, hi);
			return err;
		}
		cur = glast + 1;
	}
}

/* --- one walk: the commit replays what the plan recorded ---
 *
 * The plan reads every entry the map touches and decides each; the commit
 * used to walk the range again, reading and deciding the same way, to
 * write. Now the plan records what the commit is to write (struct
 * plan_seg, in the order the second walk would write it: tables leave the
 * pool in the same order, so the bytes are the same) and the commit only
 * writes: runs of leaves, fresh tables linked into invalid entries, and,
 * for a group of the general path (apply_group(): decisions, splits,
 * break-before-make, the log), that group done again by the walk as
 * before. Nothing is written before the plan has succeeded and the pool
 * is full, as before. A plan of more than PLAN_SEGS segments (a map over
 * many tables) falls back to the second walk.
 *
 * The commit reaches the recorded tables through vml_pt_op_window(): a
 * table the plan or the pool reached last at its level is not asked of
 * the window again, any other is.
 */
static void replay(struct pt_op *op)
{
	const struct vml_pt_format *f = op->f;

	for (unsigned int i = 0; i < op->nseg; i++) {
		const struct plan_seg *sg = &op->seg[i];
		unsigned int shift = lvl(op, sg->level)->shift;
		struct vml_pt_table t;
		unsigned char *shadow;
		unsigned char *p = vml_pt_op_window(op, sg->level, sg->table, &shadow);

		if (!p) /* the plan reached it: a window must answer the same */
			continue;
		switch (sg->kind) {
		case SEG_RUN:
			put_map_leaves(op, sg->level, p, NULL, vml_pt_index(f, sg->level, sg->lo),
				       sg->lo, ((sg->hi - sg->lo) >> shift) + 1);
			break;
		case SEG_LEAVES:
			vml_pt_put_leaves(f, sg->level, p, NULL, sg->idx,
					  op->pa + (sg->lo - op->va),
					  ((sg->hi - sg->lo) >> shift) + 1, &op->attrs,
					  leaf_tmpl(op, sg->level, false));
			break;
		case SEG_LINK:
			commit_link(op, sg->level, p, sg->idx, sg->lo, sg->hi);
			break;
		case SEG_GENERAL:
			t = (struct vml_pt_table){0};
			t.src = VML_PT_SRC_REAL;
			t.level = sg->level;
			t.pa = sg->table;
			t.live = sg->live;
			t.domain = sg->domain;
			t.ptr = p;
			t.shadow = shadow; /* a packed level's, from the window */
			apply_group(op, &t, sg->idx, sg->lo, sg->hi);
			break;
		}
	}
}

/* --- the public operations --- */

static int check_args(const struct vml_pt_ctx *ctx, uint64_t va, uint64_t pa, uint64_t size,
		      struct vml_diag *diag)
{
	const struct vml_pt_format *f = ctx->fmt;
	uint64_t page = 1ULL << f->level[f->levels - 1].shift;

	if (!size || !vml_is_aligned(va | pa | size, page))
		return vml_fail(diag, VML_EINVAL, "address or size not page-aligned or size zero",
				va, size, -1);
	if (va + (size - 1) < va || !vml_pt_range_in_tree(ctx, va, va + (size - 1)))
		return vml_fail(diag, VML_ERANGE, "virtual range outside the translated space", va,
				size, -1);
	if (pa + (size - 1) < pa || (f->pa_bits < 64 && (pa + (size - 1)) >> f->pa_bits))
		return vml_fail(diag, VML_ERANGE, "physical range beyond the output address size",
				pa, size, -1);
	/* a format the memo holds passed this before (format_memo()) */
	for (unsigned int i = 0;
	     !(ctx->leaf_cache.fmt == f && ctx->leaf_cache.have_inval) && i < f->levels; i++)
		if (f->level[i].cont_entries > GROUP_MAX)
			return vml_fail(diag, VML_ENOTSUP, "contiguous group larger than supported",
					0, f->level[i].cont_entries, (int)i);
	return 0;
}

/* The attributes as the format will store them (decode of encode), so that
 * comparisons with decoded entries are exact. */
static int normalise_attrs(struct vml_pt_ctx *ctx, const struct vml_pt_attrs *in,
			   struct vml_pt_attrs *out, struct vml_diag *diag)
{
	const struct vml_pt_format *f = ctx->fmt;
	struct vml_pt_leaf_cache *lc = &ctx->leaf_cache;
	struct vml_pt_entry e;
	struct vml_pt_attrs a;
	int last = vml_pt_last_level(f);

	/* Field by field, not through a copy: a copy written field by field
	 * and compared as words stalls on store forwarding. */
	if (lc->fmt == f && lc->in.perm == (in->perm & ~VML_PT_CONT) &&
	    lc->in.memtype == in->memtype && lc->in.share == in->share &&
	    lc->in.domain == in->domain && lc->in.arch_bits == in->arch_bits) {
		*out = lc->norm; /* asked for before: the same answer */
		return 0;
	}
	a = *in;
	a.perm &= ~VML_PT_CONT;
	if (f->ops->check_attrs(f, &a))
		return vml_fail(diag, VML_ENOTSUP, "attributes the format cannot express", 0, 0,
				-1);
	f->ops->decode(f, last, f->ops->encode_leaf(f, last, vml_pa(0), &a), &e);
	*out = e.attrs;
	out->perm &= ~VML_PT_CONT;
	if (f->fmt_flags & VML_PT_FMT_DOMAIN_IN_TABLE)
		out->domain = a.domain; /* pages have no domain field: kept for the table */
	*lc = (struct vml_pt_leaf_cache){.fmt = f, .in = a, .norm = *out};
	return 0;
}

static int run_op(struct pt_op *op, struct vml_diag *diag)
{
	struct vml_pt_ctx *ctx = op->ctx;
	struct vml_pt_table root = {0};
	struct plan_seg seg[PLAN_SEGS];
	int err;

	op->seg = seg;
	root.src = VML_PT_SRC_REAL;
	root.level = op->f->first_level;
	root.pa = ctx->root;
	root.live = true;
	root.ptr = ctx->window(ctx->cb, ctx->root, op->f->level[0].table_size);
	if (!root.ptr)
		return vml_fail(diag, VML_ERANGE, "window cannot reach the root table",
				vml_pa_addr(ctx->root), 0, root.level);
	vml_pt_op_window_keep(op, 0, ctx->root, root.ptr);
	if (op->flags & VML_PT_NO_EXEC_MAPPINGS)
		op->table_flags |= VML_PT_TABLE_NO_EXEC;
	if (op->flags & VML_PT_NO_USER_EXEC_MAPPINGS)
		op->table_flags |= VML_PT_TABLE_NO_USER_EXEC;
	if (op->flags & VML_PT_KERNEL_TABLE_MAPPINGS)
		op->table_flags |= VML_PT_TABLE_KERNEL;
	err = vml_pt_plan_express(op, &root);
	if (err == VML_PT_EXPRESS_DECLINED)
		err = apply_range(op, &root, op->va, op->last);
	if (err)
		return vml_fail(diag, err, op->fault_rule ? op->fault_rule : "refused",
				op->fault_va, 0, -1);
	err = vml_pt_pool_fill(op, diag);
	if (err)
		return err;
	op->commit = true;
	if (op->seg_full)
		apply_range(op, &root, op->va, op->last);
	else
		replay(op);
	if (op->pooled_all) /* none left if the plan was exact */
		vml_pt_pool_release(op);
	return 0;
}

/* What the walk reads of level index @li (struct vml_pt_level_memo). */
static void level_memo(const struct vml_pt_format *f, unsigned int li, uint64_t inval,
		       struct vml_pt_level_memo *m)
{
	const struct vml_pt_level *l = &f->level[li];
	uint64_t both = l->cont_mask & l->cont_value;

	m->inval = inval;
	m->imask = (1ULL << l->index_bits) - 1;
	m->n = l->cont_entries > 1 ? l->cont_entries : 1;
	m->cbit = both ? 1ULL << (63 - __builtin_clzll(both)) : 0;
	m->cm4 = (uint32_t)l->cont_mask;
	m->cv4 = (uint32_t)l->cont_value;
	m->screen4 = l->cont_mask >> 32 == 0xffffffffu && !(l->cont_value >> 32);
	m->shift = l->shift;
	m->upper = li + 1 < f->levels;
	m->leaf_ok = l->leaf_ok;
	m->rkey = 0; /* no recipe yet (recipe_memo()) */
}

/* encode_invalid() per level, what the walk reads of each level, and the
 * fewest output address bits a leaf of any level holds
 * (vml_pt_leaf_reaches() without the hint): pure functions of the format,
 * read from the ctx's memo once it holds them, not copied. */
static void format_memo(struct pt_op *op)
{
	struct vml_pt_leaf_cache *lc = &op->ctx->leaf_cache;
	const struct vml_pt_format *f = op->f;

	if (lc->fmt == f && lc->have_inval) {
		op->inval = lc->inval;
		op->lvm = lc->lvl;
		op->leaf_bits = lc->leaf_bits;
		op->groups_ok = lc->groups_ok;
		return;
	}
	op->leaf_bits = 64;
	op->groups_ok = true;
	for (unsigned int li = 0; li < f->levels; li++) {
		unsigned int bits = f->level[li].leaf_pa_bits;
		struct vml_pt_level_memo *m = &op->lvm_own[li];

		op->inval_own[li] = f->ops->encode_invalid(f, f->first_level + (int)li);
		level_memo(f, li, op->inval_own[li], m);
		if (bits && bits < op->leaf_bits)
			op->leaf_bits = bits;
		op->groups_ok &= m->n <= m->imask + 1 && !(m->n & (m->n - 1));
	}
	op->inval = op->inval_own;
	op->lvm = op->lvm_own;
	if (lc->fmt != f)
		return;
	for (unsigned int li = 0; li < f->levels; li++) {
		lc->inval[li] = op->inval_own[li];
		lc->lvl[li] = op->lvm_own[li];
	}
	/* lc->leafable_tz is all 0 (none worked out yet, leafable_levels()):
	 * have_inval is false only in a memo emptied whole (vml_pt_init(),
	 * normalise_attrs()) */
	lc->leaf_bits = op->leaf_bits;
	lc->groups_ok = op->groups_ok;
	lc->have_inval = true;
}

/* Every field of @op but what format_memo() sets (inval, lvm, leaf_bits)
 * and the recipes (behind recipe_ready): zeroing all of struct pt_op was a
 * `rep stos` of 600 bytes, a tenth of a small map call. */
static void op_reset(struct pt_op *op, struct vml_pt_ctx *ctx, enum vml_pt_op kind, uint32_t flags)
{
	op->ctx = ctx;
	op->f = ctx->fmt;
	op->kind = kind;
	op->va = op->last = op->pa = 0;
	op->attrs = (struct vml_pt_attrs){0};
	op->flags = flags;
	op->table_flags = 0;
	op->commit = false;
	for (unsigned int li = 0; li < VML_PT_MAX_LEVELS; li++) {
		op->need[li] = op->pooled[li] = 0;
		op->pool[li] = vml_pa(0);
		op->win_pa[li] = VML_PT_WIN_NONE;
	}
	op->pooled_all = 0;
	op->fault_va = 0;
	op->fault_rule = NULL;
	op->fresh_ok = false;
	op->nseg = 0;
	op->seg_full = false;
	op->in_general = 0;
	op->seg = NULL;
	op->recipe_ready = 0;
	op->leafable = 0;
}

static int start_op(struct pt_op *op, struct vml_pt_ctx *ctx, enum vml_pt_op kind, uint64_t va,
		    uint64_t pa, uint64_t size, const struct vml_pt_attrs *attrs, uint32_t flags,
		    struct vml_diag *diag)
{
	int err;

	op_reset(op, ctx, kind, flags);
	err = check_args(ctx, va, pa, size, diag);
	if (err)
		return err;
	op->va = va;
	op->last = va + (size - 1);
	op->pa = kind == VML_PT_OP_MAP ? pa : va; /* unmap/protect: no PA offset rule */
	op->fresh_ok = kind == VML_PT_OP_MAP;
	err = attrs ? normalise_attrs(ctx, attrs, &op->attrs, diag) : 0;
	if (err)
		return err;
	format_memo(op);
	if (kind == VML_PT_OP_MAP)
		op->leafable = leafable_levels(op);
	/* every level's leaf reaches the last PA (vml_pt_leaf_reaches()) */
	op->fresh_ok &= ((pa + (size - 1)) >> 1 >> (op->leaf_bits - 1)) == 0;
	return 0;
}

/* vml_pt_map(): include/vmlayout/pgtable.h documents it and its return
 * codes. On failure nothing changed. */
int vml_pt_map(struct vml_pt_ctx *ctx, vml_vaddr_t va, vml_paddr_t pa, uint64_t size,
	       const struct vml_pt_attrs *attrs, uint32_t flags, struct vml_diag *diag)
{
	struct pt_op op;
	int err = start_op(&op, ctx, VML_PT_OP_MAP, vml_va_addr(va), vml_pa_addr(pa), size, attrs,
			   flags, diag);

	return err ? err : run_op(&op, diag);
}

/* vml_pt_unmap(): documented in include/vmlayout/pgtable.h. */
int vml_pt_unmap(struct vml_pt_ctx *ctx, vml_vaddr_t va, uint64_t size, uint32_t flags,
		 struct vml_diag *diag)
{
	struct pt_op op;
	int err = start_op(&op, ctx, VML_PT_OP_UNMAP, vml_va_addr(va), 0, size, NULL, flags, diag);

	return err ? err : run_op(&op, diag);
}

/* vml_pt_protect(): documented in include/vmlayout/pgtable.h. */
int vml_pt_protect(struct vml_pt_ctx *ctx, vml_vaddr_t va, uint64_t size,
		   const struct vml_pt_attrs *attrs, uint32_t flags, struct vml_diag *diag)
{
	struct pt_op op;
	int err =
	    start_op(&op, ctx, VML_PT_OP_PROTECT, vml_va_addr(va), 0, size, attrs, flags, diag);

	return err ? err : run_op(&op, diag);
}
