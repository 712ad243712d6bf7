/* SPDX-License-Identifier: MIT */
/* Translation of a computed layout (include/vmlayout/xlate.h). */
#include "vmlayout/xlate.h"

static uint64_t seg_delta(const struct vml_linear_segment *s)
{
	return s->virt - s->phys;
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
	for (unsigned int i = 0; i < x->n; i++) {
		const struct vml_linear_segment *s = &x->seg[i], *p = i ? &x->seg[i - 1] : NULL;

		if (p && (s->virt < p->virt + p->size || s->phys < p->phys + p->size))
			return vml_fail(diag, VML_EINVAL,
					"linear segments out of order or overlapping", s->virt,
					s->size, (int)i);
		if (seg_delta(s) != seg_delta(&x->seg[0]))
			x->one_offset = false;
	}
	x->offset = x->n ? seg_delta(&x->seg[0]) : 0;
	if (image && layout->kimage_voffset && image->end > image->start) {
		x->image_start = image->start;
		x->image_end = image->end;
		x->kimage_voffset = layout->kimage_voffset;
	}
	return VML_OK;
}

/* The segment holding @addr (by virt or phys), or NULL: O(log n). */
static const struct vml_linear_segment *find(const struct vml_xlate *x, uint64_t addr, bool virt)
{
	unsigned int lo = 0, hi = x->n;

	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;
		const struct vml_linear_segment *s = &x->seg[mid];
		uint64_t start = virt ? s->virt : s->phys;

		if (addr < start)
			hi = mid;
		else if (addr - start >= s->size)
			lo = mid + 1;
		else
			return s;
	}
	return NULL;
}

static bool in_span(const struct vml_xlate *x, uint64_t addr, bool virt)
{
	const struct vml_linear_segment *first = &x->seg[0], *last = &x->seg[x->n - 1];
	uint64_t start = virt ? first->virt : first->phys, end = (virt ? last->virt : last->phys);

	return addr >= start && addr - end < last->size;
}

enum vml_xlate_how vml_xlate_virt_to_phys(const struct vml_xlate *x, uint64_t va, uint64_t *pa)
{
	const struct vml_linear_segment *s;

	if (x->n && x->one_offset && x->n == 1 && in_span(x, va, true)) {
		*pa = va - x->offset; /* the plain linear map: O(1) */
		return VML_XLATE_LINEAR;
	}
	s = x->n ? find(x, va, true) : NULL;
	if (s) {
		*pa = va - seg_delta(s);
		return VML_XLATE_LINEAR;
	}
	if (va >= x->image_start && va < x->image_end) {
		*pa = va - x->kimage_voffset;
		return VML_XLATE_KERNEL_IMAGE;
	}
	return VML_XLATE_NONE;
}

bool vml_xlate_phys_to_virt(const struct vml_xlate *x, uint64_t pa, uint64_t *va)
{
	const struct vml_linear_segment *s;

	if (x->n == 1 && in_span(x, pa, false)) {
		*va = pa + x->offset;
		return true;
	}
	s = x->n ? find(x, pa, false) : NULL;
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
