/* SPDX-License-Identifier: MIT */
/*
 * DOC: writing runs of entries into a table not yet live
 *
 * A map writes its leaves in runs: consecutive entries of one table, one
 * level, the same attributes, output addresses a span apart. Where the
 * format declares its leaves linear in the output address
 * (struct vml_pt_format.oa_linear_bits) the run costs one encode_leaf and
 * an add per entry, a loop the compiler can vectorise; the run's last leaf
 * is encoded too and compared, so a format whose declaration were wrong
 * would only lose the fast path, never write a different byte. Elsewhere
 * (no declaration, a run across the linear block, shadow entries of packed
 * tables) every leaf is encoded as before.
 */
#include "core/pgtable_internal.h"

static bool run_is_linear(const struct vml_pt_format *f, uint64_t pa_first, uint64_t pa_last)
{
	unsigned int bits = f->oa_linear_bits;

	return bits && (bits >= 64 || (pa_first >> bits) == (pa_last >> bits));
}

#if VML_PT_WORD_ACCESS
/* Two 4-byte entries as one 8-byte store. */
typedef uint32_t __attribute__((vector_size(8), aligned(4), may_alias)) vml_pt_pair32;

/*
 * The runs of a map are short and of every length (a region's head and
 * tail in a table, a group's members), so each loop below ends without a
 * loop over the last few entries, whose exit would mispredict call after
 * call: the last vector is stored again at the end, overlapping entries
 * already written with the same values, and runs shorter than a vector
 * take two overlapping stores of two entries.
 */
VML_PT_INLINE void store_linear8(vml_pt_word64 *e, uint64_t raw, uint64_t cnt, uint64_t step)
{
	vml_pt_vec64 v = {raw, raw + step}, inc = {4 * step, 4 * step};
	vml_pt_vec64 w = v + 2 * step, v0 = v;
	uint64_t b;

	if (cnt < 2) {
		if (cnt)
			e[0] = raw;
		return;
	}
	for (uint64_t k = 0; k + 4 <= cnt; k += 4, v += inc, w += inc) {
		*(vml_pt_vec64 *)(void *)(e + k) = v;
		*(vml_pt_vec64 *)(void *)(e + k + 2) = w;
	}
	b = cnt >= 4 ? cnt - 4 : 0; /* the last four, or all of two or three */
	*(vml_pt_vec64 *)(void *)(e + b) = v0 + b * step;
	*(vml_pt_vec64 *)(void *)(e + cnt - 2) = v0 + (cnt - 2) * step;
}

VML_PT_INLINE void store_linear4(vml_pt_word32 *e, uint32_t r, uint64_t cnt, uint32_t s)
{
	vml_pt_pair32 two;

	if (cnt < 2) {
		if (cnt)
			e[0] = r;
		return;
	}
	if (cnt >= 4) { /* the four-lane vector only where it is stored */
		vml_pt_vec32 v0 = {r, r + s, r + 2 * s, r + 3 * s}, v = v0, inc = {0, 0, 0, 0};
		uint64_t k = 0, last = cnt - 4;

		inc += 4 * s;
		/* a run's head or tail in a group (fewer than 16) takes no loop:
		 * its trip count, 1 to 3, mispredicted its exit (issue 11) */
		for (; k + 16 <= cnt; k += 16, v += 4 * inc) {
			*(vml_pt_vec32 *)(void *)(e + k) = v;
			*(vml_pt_vec32 *)(void *)(e + k + 4) = v + inc;
			*(vml_pt_vec32 *)(void *)(e + k + 8) = v + 2 * inc;
			*(vml_pt_vec32 *)(void *)(e + k + 12) = v + 3 * inc;
		}
		/* at most 15 left: four stores, each kept within the run */
		uint64_t o0 = vml_min(k, last), o1 = vml_min(k + 4, last),
			 o2 = vml_min(k + 8, last);

		*(vml_pt_vec32 *)(void *)(e + o0) = v0 + (uint32_t)o0 * s;
		*(vml_pt_vec32 *)(void *)(e + o1) = v0 + (uint32_t)o1 * s;
		*(vml_pt_vec32 *)(void *)(e + o2) = v0 + (uint32_t)o2 * s;
		*(vml_pt_vec32 *)(void *)(e + last) = v0 + (uint32_t)last * s;
		return;
	}
	/* all of two or three by two pairs */
	two = (vml_pt_pair32){r, r + s};
	*(vml_pt_pair32 *)(void *)e = two;
	*(vml_pt_pair32 *)(void *)(e + cnt - 2) = two + (uint32_t)(cnt - 2) * s;
}
#endif

/* Entry @idx + k gets @raw + k * @step, k < @cnt: the loop of every run,
 * 16 bytes a store, unrolled by two (gcc -O2 does not vectorise it by
 * itself; a table of 4 KiB was 512 word stores, now 256). */
static void store_linear(const struct vml_pt_format *f, unsigned char *p, uint64_t idx,
			 uint64_t raw, uint64_t cnt, uint64_t step)
{
#if VML_PT_WORD_ACCESS
	if (f->entry_size == 8) {
		store_linear8((vml_pt_word64 *)(void *)p + idx, raw, cnt, step);
		return;
	}
	if (f->entry_size == 4) {
		store_linear4((vml_pt_word32 *)(void *)p + idx, (uint32_t)raw, cnt, (uint32_t)step);
		return;
	}
#endif
	for (uint64_t k = 0; k < cnt; k++)
		vml_pt_store_raw(f, p, idx + k, raw + k * step);
}

/* @cnt copies of @raw from entry @idx: 16-byte stores, four a step (a
 * fresh table's invalid entries, a group whose members share one value),
 * the last ones by four overlapping stores as in store_linear8(): after
 * the loop at most 7 (8-byte) or 15 (4-byte) entries are left, and stores
 * at the next three vectors, each kept within the run, and at the run's
 * last vector cover them. */
static inline void store_fill(const struct vml_pt_format *f, unsigned char *p, uint64_t idx,
			      uint64_t cnt, uint64_t raw)
{
#if VML_PT_WORD_ACCESS
	if (f->entry_size == 8 && cnt >= 2) {
		vml_pt_word64 *e = (vml_pt_word64 *)(void *)p + idx;
		vml_pt_vec64 v = {raw, raw};
		uint64_t k = 0, last = cnt - 2;

		for (; k + 8 <= cnt; k += 8) {
			*(vml_pt_vec64 *)(void *)(e + k) = v;
			*(vml_pt_vec64 *)(void *)(e + k + 2) = v;
			*(vml_pt_vec64 *)(void *)(e + k + 4) = v;
			*(vml_pt_vec64 *)(void *)(e + k + 6) = v;
		}
		*(vml_pt_vec64 *)(void *)(e + vml_min(k, last)) = v;
		*(vml_pt_vec64 *)(void *)(e + vml_min(k + 2, last)) = v;
		*(vml_pt_vec64 *)(void *)(e + vml_min(k + 4, last)) = v;
		*(vml_pt_vec64 *)(void *)(e + last) = v;
		return;
	}
	if (f->entry_size == 4 && cnt >= 4) {
		vml_pt_word32 *e = (vml_pt_word32 *)(void *)p + idx;
		uint32_t r = (uint32_t)raw;
		vml_pt_vec32 v = {r, r, r, r};
		uint64_t k = 0, last = cnt - 4;

		for (; k + 16 <= cnt; k += 16) {
			*(vml_pt_vec32 *)(void *)(e + k) = v;
			*(vml_pt_vec32 *)(void *)(e + k + 4) = v;
			*(vml_pt_vec32 *)(void *)(e + k + 8) = v;
			*(vml_pt_vec32 *)(void *)(e + k + 12) = v;
		}
		*(vml_pt_vec32 *)(void *)(e + vml_min(k, last)) = v;
		*(vml_pt_vec32 *)(void *)(e + vml_min(k + 4, last)) = v;
		*(vml_pt_vec32 *)(void *)(e + vml_min(k + 8, last)) = v;
		*(vml_pt_vec32 *)(void *)(e + last) = v;
		return;
	}
#endif
	for (uint64_t k = 0; k < cnt; k++)
		vml_pt_store_raw(f, p, idx + k, raw);
}

#if VML_PT_WORD_ACCESS
/* Groups of 16 (riscv Svnapot, arm large pages and supersections): 64 or
 * 128 bytes a group, exactly that many stores; @cnt is a multiple of 16. */
VML_PT_INLINE void store_shared16_4(vml_pt_word32 *w, uint32_t raw, uint64_t cnt, uint32_t step)
{
	vml_pt_vec32 *e = (vml_pt_vec32 *)(void *)w;
	vml_pt_vec32 v = {0, 0, 0, 0};

	v += raw;
	for (uint64_t g = 0; g < cnt / 16; g++, v += step) {
		e[4 * g] = v;
		e[4 * g + 1] = v;
		e[4 * g + 2] = v;
		e[4 * g + 3] = v;
	}
}

VML_PT_INLINE void store_shared16_8(vml_pt_word64 *w, uint64_t raw, uint64_t cnt, uint64_t step)
{
	vml_pt_vec64 *e = (vml_pt_vec64 *)(void *)w;
	vml_pt_vec64 v = {raw, raw};

	for (uint64_t g = 0; g < cnt / 16; g++, v += step) {
		e[8 * g] = v;
		e[8 * g + 1] = v;
		e[8 * g + 2] = v;
		e[8 * g + 3] = v;
		e[8 * g + 4] = v;
		e[8 * g + 5] = v;
		e[8 * g + 6] = v;
		e[8 * g + 7] = v;
	}
}
#endif

/* @cnt entries in groups of @n equal ones, each group @step above the last. */
static void store_shared(const struct vml_pt_format *f, unsigned char *p, uint64_t idx,
			 uint64_t raw, uint64_t cnt, uint64_t n, uint64_t step)
{
#if VML_PT_WORD_ACCESS
	if (n == 16 && f->entry_size == 4) {
		store_shared16_4((vml_pt_word32 *)(void *)p + idx, (uint32_t)raw, cnt,
				 (uint32_t)step);
		return;
	}
	if (n == 16 && f->entry_size == 8) {
		store_shared16_8((vml_pt_word64 *)(void *)p + idx, raw, cnt, step);
		return;
	}
#endif
	for (uint64_t g = 0; g < cnt; g += n, raw += step)
		store_fill(f, p, idx + g, n, raw);
}

void vml_pt_fill(const struct vml_pt_format *f, unsigned char *p, uint64_t idx, uint64_t cnt,
		 uint64_t raw)
{
	store_fill(f, p, idx, cnt, raw);
}

/**
 * vml_pt_put_recipe() - write a run of a map's leaves by its recipe
 * @f: the format
 * @p: the table (no shadow entries)
 * @idx: the first entry
 * @eva: the first entry's VA
 * @pa: its output address
 * @n_entries: entries in the run: the head (up to the first whole group),
 *	the whole groups (with the hint if @r->cont), the tail
 * @r: the map's recipe at this level, @r->fast (groups a power of two)
 */
void vml_pt_put_recipe(const struct vml_pt_format *f, unsigned char *p, uint64_t idx, uint64_t eva,
		       uint64_t pa, uint64_t n_entries, const struct vml_pt_leaf_recipe *r)
{
	/* without groups (n 1) there is no head or tail: the run is "whole" */
	uint64_t head = vml_min(n_entries, (0 - (eva >> r->shift)) & (r->n - 1));
	uint64_t whole = (n_entries - head) & ~(r->n - 1);
	const uint64_t cnt[3] = {head, whole, n_entries - head - whole};
	uint64_t raw = r->leaf0 + (pa >> f->oa_stride_shift), step = r->step;
	/* the whole groups' first leaf, with the hint if they take it */
	uint64_t graw = raw + cnt[0] * step + (r->cont ? r->leaf0_cont - r->leaf0 : 0);
	bool shared = cnt[1] && r->cont && r->shared;

#if VML_PT_WORD_ACCESS
	/* The three parts inlined, the entry size known: a run costs its
	 * stores and a few branches, not three calls that each ask the size. */
	if (f->entry_size == 8) {
		vml_pt_word64 *e = (vml_pt_word64 *)(void *)p + idx;

		if (!(r->cont && cnt[1])) { /* one linear run, as below */
			store_linear8(e, raw, n_entries, step);
			return;
		}
		store_linear8(e, raw, cnt[0], step);
		if (shared && r->n == 16)
			store_shared16_8(e + cnt[0], graw, cnt[1], step * 16);
		else if (shared)
			store_shared(f, p, idx + cnt[0], graw, cnt[1], r->n, step * r->n);
		else
			store_linear8(e + cnt[0], graw, cnt[1], step);
		store_linear8(e + cnt[0] + cnt[1], raw + (cnt[0] + cnt[1]) * step, cnt[2], step);
		return;
	}
	if (f->entry_size == 4) {
		vml_pt_word32 *e = (vml_pt_word32 *)(void *)p + idx;
		uint32_t s = (uint32_t)step;

		/* no whole group takes the hint: head, groups and tail are one
		 * linear run, written as one (three short runs of random
		 * lengths mispredicted their branches, issue 11) */
		if (!(r->cont && cnt[1])) {
			store_linear4(e, (uint32_t)raw, n_entries, s);
			return;
		}
		store_linear4(e, (uint32_t)raw, cnt[0], s);
		if (shared && r->n == 16)
			store_shared16_4(e + cnt[0], (uint32_t)graw, cnt[1], s * 16);
		else if (shared)
			store_shared(f, p, idx + cnt[0], graw, cnt[1], r->n, step * r->n);
		else
			store_linear4(e + cnt[0], (uint32_t)graw, cnt[1], s);
		store_linear4(e + cnt[0] + cnt[1], (uint32_t)(raw + (cnt[0] + cnt[1]) * step),
			      cnt[2], s);
		return;
	}
#endif
	store_linear(f, p, idx, raw, cnt[0], step);
	if (shared)
		store_shared(f, p, idx + cnt[0], graw, cnt[1], r->n, step * r->n);
	else
		store_linear(f, p, idx + cnt[0], graw, cnt[1], step);
	store_linear(f, p, idx + cnt[0] + cnt[1], raw + (cnt[0] + cnt[1]) * step, cnt[2], step);
}

/**
 * vml_pt_put_leaves() - write a run of leaves
 * @f, @level: the format and the entries' level
 * @p, @shadow: the table (and its shadow entries, or NULL)
 * @idx: the first entry
 * @pa: the first entry's output address
 * @cnt: entries; with VML_PT_CONT in @a whole aligned groups
 * @a: the attributes (normalised: decode of encode)
 * @leaf0: NULL, or encode_leaf() of PA 0 with @a at @level, checked
 *	against the top of the first linear block (struct vml_pt_leaf_cache):
 *	a run inside that block then takes no encode at all
 */
void vml_pt_put_leaves(const struct vml_pt_format *f, int level, unsigned char *p,
		       unsigned char *shadow, uint64_t idx, uint64_t pa, uint64_t cnt,
		       const struct vml_pt_attrs *a, const uint64_t *leaf0)
{
	unsigned int shift = vml_pt_level(f, level)->shift;
	uint64_t pa_last = pa + ((cnt - 1) << shift);
	bool linear = !shadow && run_is_linear(f, pa, pa_last);
	bool shared = (a->perm & VML_PT_CONT) && (f->fmt_flags & VML_PT_FMT_CONT_SHARED_OA);
	uint64_t n = shared ? vml_pt_group_entries(f, level) : 1;
	uint64_t step = ((1ULL << shift) >> f->oa_stride_shift) * n;
	uint64_t raw;

	if (linear && leaf0 && (f->oa_linear_bits >= 64 || !(pa_last >> f->oa_linear_bits))) {
		raw = *leaf0 + (pa >> f->oa_stride_shift);
		if (shared)
			store_shared(f, p, idx, raw, cnt, n, step);
		else
			store_linear(f, p, idx, raw, cnt, step);
		return;
	}
	raw = f->ops->encode_leaf(f, level, vml_pa(pa), a);
	if (linear && cnt > 1 &&
	    f->ops->encode_leaf(f, level, vml_pa(pa_last), a) == raw + (cnt - 1) / n * step) {
		if (shared)
			store_shared(f, p, idx, raw, cnt, n, step);
		else
			store_linear(f, p, idx, raw, cnt, step);
		return;
	}
	vml_pt_store_entry(f, level, p, shadow, idx, raw);
	for (uint64_t k = 1; k < cnt; k++)
		vml_pt_store_entry(f, level, p, shadow, idx + k,
				   f->ops->encode_leaf(f, level, vml_pa(pa + (k << shift)), a));
}
