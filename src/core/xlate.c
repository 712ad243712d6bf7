/* SPDX-License-Identifier: MIT */
/* Translation of a computed layout (include/vmlayout/xlate.h). */
#include "vmlayout/xlate.h"

static uint64_t seg_delta(const struct vml_linear_segment *s)
{
	return s->virt - s->phys;
}

static uint64_t seg_start(const struct vml_linear_segment *s, bool virt)
{
	return virt ? s->virt : s->phys;
}

/* The smallest shift that spreads @span over the buckets. */
static unsigned int bucket_shift(uint64_t span)
{
	unsigned int shift = 0;

	while (shift < 63 && ((span - 1) >> shift) >= VML_XLATE_BUCKETS)
		shift++;
	return shift;
}

/* bucket[b] = the first segment that ends past the bucket's start, with
 * XLATE_TWO when the next segment may hold addresses of the bucket too and
 * XLATE_SEARCH when more than two may. */
#define XLATE_INDEX 0x3fffu
#define XLATE_TWO 0x4000u
#define XLATE_SEARCH 0x8000u

static void fill_buckets(const struct vml_xlate *x, bool virt, uint64_t start, unsigned int shift,
			 uint16_t *bucket)
{
	unsigned int i = 0;

	for (unsigned int b = 0; b <= VML_XLATE_BUCKETS; b++) {
		uint64_t at = start + ((uint64_t)b << shift);

		while (i < x->n && seg_start(&x->seg[i], virt) + x->seg[i].size <= at)
			i++;
		bucket[b] = (uint16_t)(i < x->n ? i : x->n - 1);
	}
	for (unsigned int b = 0; b < VML_XLATE_BUCKETS; b++) {
		unsigned int lo = bucket[b], hi = bucket[b + 1] & XLATE_INDEX;

		bucket[b] = (uint16_t)(lo | (hi == lo + 1 ? XLATE_TWO : 0) |
				       (hi > lo + 1 ? XLATE_SEARCH : 0));
	}
}

/* vfull[b]: bucket b of the virtual span lies inside one segment, whose
 * virt - phys (| 1) gives the answer with no segment to look at; 0 when it
 * does not. */
static void mark_full_buckets(struct vml_xlate *x)
{
	for (unsigned int b = 0; b < VML_XLATE_BUCKETS; b++) {
		const struct vml_linear_segment *s = &x->seg[x->vbucket[b] & XLATE_INDEX];
		uint64_t at = x->vstart + ((uint64_t)b << x->vshift);

		/* the offset with bit 0 set marks the bucket full; an odd offset
		 * (segments not page aligned) leaves it to find() */
		if (s->virt <= at && at - s->virt + (1ULL << x->vshift) <= s->size &&
		    !(seg_delta(s) & 1))
			x->vfull[b] = seg_delta(s) | 1;
	}
}

static void build_buckets(struct vml_xlate *x)
{
	const struct vml_linear_segment *first = &x->seg[0], *last = &x->seg[x->n - 1];

	x->vstart = first->virt;
	x->pstart = first->phys;
	x->vspan = last->virt + last->size - first->virt;
	x->vshift = bucket_shift(x->vspan);
	x->pshift = bucket_shift(last->phys + last->size - first->phys);
	fill_buckets(x, true, x->vstart, x->vshift, x->vbucket);
	fill_buckets(x, false, x->pstart, x->pshift, x->pbucket);
	mark_full_buckets(x);
}

/* One segment is a pair whose two segments are that one. */
static void build_pair(struct vml_xlate_pair *pair, const struct vml_linear_segment *seg,
		       unsigned int n, bool virt)
{
	for (unsigned int i = 0; i < 2; i++) {
		const struct vml_linear_segment *s = &seg[n == 2 ? i : 0];

		pair->start[i] = seg_start(s, virt);
		pair->size[i] = s->size;
		pair->delta[i] = seg_delta(s);
	}
	pair->second = pair->start[1];
}

static unsigned int count_vmalloc_pieces(const struct vml_layout *layout)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < layout->n_regions; i++) {
		const char *a = layout->regions[i].name, *b = "vmalloc_hole";

		while (*a && *a == *b)
			a++, b++;
		n += *a == *b;
	}
	return n;
}

int vml_xlate_init(struct vml_xlate *x, const struct vml_layout *layout,
		   const struct vml_memblock *mb, struct vml_diag *diag)
{
	const struct vml_vregion *image = vml_layout_find_region(layout, "kernel");

	vml_zero(x, sizeof(*x));
	x->seg = layout->segments;
	x->n = layout->n_segments;
	x->mb = mb;
	x->page_offset = layout->page_offset;
	x->high_memory = layout->high_memory;
	x->page_shift = layout->page_shift ? layout->page_shift : 12;
	x->one_offset = true;
	if (x->n > XLATE_INDEX)
		return vml_fail(diag, VML_EINVAL, "more linear segments than a translation holds",
				0, x->n, -1);
	for (unsigned int i = 0; i < x->n; i++) {
		const struct vml_linear_segment *s = &x->seg[i], *p = i ? &x->seg[i - 1] : NULL;

		if (p && (s->virt < p->virt + p->size || s->phys < p->phys + p->size))
			return vml_fail(diag, VML_EINVAL,
					"linear segments out of order or overlapping", s->virt,
					s->size, (int)i);
		if (seg_delta(s) != seg_delta(&x->seg[0]))
			x->one_offset = false;
		if (!p || seg_delta(s) != seg_delta(p))
			x->n_runs++;
	}
	x->offset = x->n ? seg_delta(&x->seg[0]) : 0;
	x->n_vmalloc_pieces = count_vmalloc_pieces(layout);
	if (x->n >= 1 && x->n <= 2) {
		build_pair(&x->vpair, x->seg, x->n, true);
		build_pair(&x->ppair, x->seg, x->n, false);
	} else if (x->n > 2) {
		build_buckets(x);
	}
	if (image && layout->kimage_voffset && image->end > image->start) {
		x->image_start = image->start;
		x->image_end = image->end;
		x->kimage_voffset = layout->kimage_voffset;
	}
	return VML_OK;
}

enum vml_xlate_cost_kind vml_xlate_cost(const struct vml_xlate *x, unsigned int *k)
{
	*k = x->n_runs;
	if (x->n_vmalloc_pieces) {
		*k = x->n; /* is_vmalloc_addr(): which lowmem piece, if any */
		return VML_XLATE_COST_SEARCH;
	}
	if (x->n_runs <= 1)
		return VML_XLATE_COST_SUB;
	return x->n_runs == 2 ? VML_XLATE_COST_CMP_SUB : VML_XLATE_COST_SEARCH;
}

/* Binary search among the segments lo .. hi (the bucket's candidates). */
static const struct vml_linear_segment *search(const struct vml_xlate *x, uint64_t addr, bool virt,
					       unsigned int lo, unsigned int hi)
{
	hi++;
	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;
		const struct vml_linear_segment *s = &x->seg[mid];
		uint64_t s_start = seg_start(s, virt);

		if (addr < s_start)
			hi = mid;
		else if (addr - s_start >= s->size)
			lo = mid + 1;
		else
			return s;
	}
	return NULL;
}

/* The segment holding @addr (by virt or phys), or NULL: its bucket names
 * one or two candidates (segments wider than a bucket), both tested at once
 * and picked without a branch the addresses could make unpredictable, or a
 * few to search. */
static inline const struct vml_linear_segment *find(const struct vml_xlate *x, uint64_t addr,
						    bool virt)
{
	uint64_t start = virt ? x->vstart : x->pstart;
	uint64_t b = (addr - start) >> (virt ? x->vshift : x->pshift);
	const uint16_t *bucket = virt ? x->vbucket : x->pbucket;
	const struct vml_linear_segment *s0, *s1;
	unsigned int e;
	bool in0, in1;

	if (addr < start || b >= VML_XLATE_BUCKETS)
		return NULL;
	e = bucket[b];
	if (e & XLATE_SEARCH)
		return search(x, addr, virt, e & XLATE_INDEX, bucket[b + 1] & XLATE_INDEX);
	s0 = &x->seg[e & XLATE_INDEX];
	s1 = s0 + ((e & XLATE_TWO) != 0); /* the second candidate, or the first again */
	in0 = addr - seg_start(s0, virt) < s0->size;
	in1 = addr - seg_start(s1, virt) < s1->size;
	return (in0 | in1) ? (in1 ? s1 : s0) : NULL;
}

/* @addr in one of the pair's segments: *delta = its virt - phys. The side
 * of @second picks the one segment to check by an index, not a branch
 * (which side is as random as the addresses): one range check, as the
 * plain linear map's, and a compare. The index counts back from [1]: -1
 * below @second, 0 from it on, which is one compare and one subtract with
 * borrow (a 0/1 index took two more instructions, measured 3% slower). */
static inline bool pair_find(const struct vml_xlate_pair *pair, uint64_t addr, uint64_t *delta)
{
	ptrdiff_t i = -(ptrdiff_t)(addr < pair->second);
	const uint64_t *start = &pair->start[1], *size = &pair->size[1];

	*delta = (&pair->delta[1])[i];
	return addr - start[i] < size[i];
}

/* The image mapping's answer for an address the linear map does not hold. */
static enum vml_xlate_how image_v2p(const struct vml_xlate *x, uint64_t va, uint64_t *pa)
{
	if (va >= x->image_start && va < x->image_end) {
		*pa = va - x->kimage_voffset;
		return VML_XLATE_KERNEL_IMAGE;
	}
	return VML_XLATE_NONE;
}

/* Not in a full bucket: the bucket's candidates, or none of the linear map. */
static __attribute__((noinline)) enum vml_xlate_how search_v2p(const struct vml_xlate *x,
							       uint64_t va, uint64_t *pa)
{
	const struct vml_linear_segment *s = x->n > 2 ? find(x, va, true) : NULL;

	if (s) {
		*pa = va - seg_delta(s);
		return VML_XLATE_LINEAR;
	}
	return image_v2p(x, va, pa);
}

/* Not in the pair's segments: more than two segments (the bucket table) or
 * none of the linear map. Out of line, so that the pair's path in
 * vml_xlate_virt_to_phys() keeps its registers; the search out of line too,
 * so that a full bucket's answer falls through as the pair's does. */
static __attribute__((noinline)) enum vml_xlate_how table_v2p(const struct vml_xlate *x,
							      uint64_t va, uint64_t *pa)
{
	uint64_t d = va - x->vstart, full = 0;

	/* vspan is 0 with two segments or fewer (no table) */
	if (__builtin_expect(d < x->vspan, 1))
		full = x->vfull[d >> x->vshift];
	if (__builtin_expect(full & 1, 1)) {
		*pa = va - (full - 1); /* a bucket inside one segment: O(1) */
		return VML_XLATE_LINEAR;
	}
	return search_v2p(x, va, pa);
}

enum vml_xlate_how vml_xlate_virt_to_phys(const struct vml_xlate *x, uint64_t va, uint64_t *pa)
{
	uint64_t delta;

	/* one or two segments: the pair answers, with no branch on the segment
	 * count either (one cost 8% of the plain arithmetic, measured): with
	 * more segments its sizes are 0 and the table answers. Expected: the
	 * lookup falls through to its answer, no taken branch. */
	if (__builtin_expect(pair_find(&x->vpair, va, &delta), 1)) {
		*pa = va - delta;
		return VML_XLATE_LINEAR;
	}
	return table_v2p(x, va, pa);
}

bool vml_xlate_phys_to_virt(const struct vml_xlate *x, uint64_t pa, uint64_t *va)
{
	const struct vml_linear_segment *s;
	uint64_t delta;

	if (x->n <= 2) {
		if (!pair_find(&x->ppair, pa, &delta))
			return false;
		*va = pa + delta;
		return true;
	}
	s = find(x, pa, false);
	if (!s)
		return false;
	*va = pa + seg_delta(s);
	return true;
}

bool vml_xlate_pfn_valid(const struct vml_xlate *x, uint64_t pfn)
{
	uint64_t addr = pfn << x->page_shift;

	if (!x->mb || addr >> x->page_shift != pfn)
		return false;
	return vml_memblock_is_map_memory(x->mb, addr);
}

bool vml_xlate_virt_addr_valid(const struct vml_xlate *x, uint64_t va)
{
	uint64_t pa;

	if (va < x->page_offset || (x->high_memory && va >= x->high_memory))
		return false;
	if (vml_xlate_virt_to_phys(x, va, &pa) != VML_XLATE_LINEAR)
		return false;
	return vml_xlate_pfn_valid(x, pa >> x->page_shift);
}
