/* SPDX-License-Identifier: MIT */
/*
 * DOC: the vmemmap's page-table pages (see vmlayout/vmemmap_tables.h)
 */
#include "vmlayout/vmemmap_tables.h"

#include "vmlayout/error.h"

void vml_vmemmap_tables_exist(struct vml_vmemmap_tables *t, uint64_t va, uint64_t size,
			      unsigned int first_shift, unsigned int bits, unsigned int n_levels)
{
	if (!size)
		return;
	for (unsigned int k = 0; k < n_levels && k < VML_VMEMMAP_MAX_TABLE_LEVELS; k++) {
		unsigned int shift = first_shift + k * bits;

		if (shift >= 64)
			break;
		t->existing_first[k] = va >> shift;
		t->existing_last[k] = (va + size - 1) >> shift;
	}
	t->existing = true;
}

/* How many of the pieces [first, last] at level @k are not in the
 * existing range. */
static uint64_t not_existing(const struct vml_vmemmap_tables *t, unsigned int k, uint64_t first,
			     uint64_t last)
{
	uint64_t n = last - first + 1, lo, hi;

	if (!t->existing)
		return n;
	lo = vml_max(first, t->existing_first[k]);
	hi = vml_min(last, t->existing_last[k]);
	return hi >= lo ? n - (hi - lo + 1) : n;
}

uint64_t vml_vmemmap_new_tables(struct vml_vmemmap_tables *t, uint64_t va, uint64_t size,
				unsigned int first_shift, unsigned int bits, unsigned int n_levels)
{
	uint64_t n = 0;

	if (!size)
		return 0;
	for (unsigned int k = 0; k < n_levels && k < VML_VMEMMAP_MAX_TABLE_LEVELS; k++) {
		unsigned int shift = first_shift + k * bits;
		uint64_t first = va >> shift, last = (va + size - 1) >> shift;

		if (shift >= 64)
			break;
		/* sections come in ascending VA: a piece up to the last one
		 * seen has its table already */
		if (t->seen[k] && first <= t->last[k])
			first = t->last[k] + 1;
		if (last >= first)
			n += not_existing(t, k, first, last);
		if (!t->seen[k] || last > t->last[k])
			t->last[k] = last;
		t->seen[k] = true;
	}
	return n;
}

/* The last reservation, when it is a run of vmemmap tables that @pa
 * continues downwards. */
static struct vml_reservation *run_below(struct vml_layout *lo, uint64_t pa, uint64_t page)
{
	struct vml_reservation *r;

	if (!lo->n_reservations)
		return NULL;
	r = &lo->reservations[lo->n_reservations - 1];
	return vml_str_eq(r->name, VML_VMEMMAP_TABLES_NAME) && pa + page == r->base ? r : NULL;
}

int vml_vmemmap_take_tables(struct vml_memblock *mb, struct vml_layout *layout, uint64_t n,
			    uint64_t page, int nid, struct vml_diag *diag)
{
	for (uint64_t i = 0; i < n; i++) {
		struct vml_reservation *r;
		vml_phys_t pa;
		int ret;

		/* vmemmap_alloc_block_zero() -> __earlyonly_bootmem_alloc():
		 * memblock_alloc_try_nid_raw(PAGE_SIZE, PAGE_SIZE,
		 * __pa(MAX_DMA_ADDRESS), MEMBLOCK_ALLOC_ACCESSIBLE, node) */
		if (vml_memblock_alloc_nid(mb, page, page, 0, VML_MEMBLOCK_ALLOC_ACCESSIBLE, nid,
					   &pa, NULL))
			return vml_fail(diag, VML_ENOMEM, "no room for a vmemmap page table", 0,
					page, -1);
		r = run_below(layout, pa, page);
		if (r) {
			r->base = pa;
			r->size += page;
			continue;
		}
		ret = vml_layout_add_reservation(layout, VML_VMEMMAP_TABLES_NAME, pa, page, false,
						 diag);
		if (ret)
			return ret;
	}
	return VML_OK;
}

/* The next page of the pool, or 0 when the layout took no more. */
static vml_paddr_t pool_next(struct vml_vmemmap_table_pool *p)
{
	const struct vml_layout *lo = p->layout;

	for (; p->reservation < lo->n_reservations; p->reservation++, p->taken = 0) {
		const struct vml_reservation *r = &lo->reservations[p->reservation];

		if (!vml_str_eq(r->name, VML_VMEMMAP_TABLES_NAME) ||
		    (p->taken + 1) * p->page > r->size)
			continue;
		/* each run was taken downwards: its first page is its top */
		return vml_pa(r->base + r->size - (p->taken + 1) * p->page);
	}
	return vml_pa(0);
}

static int pool_alloc(void *cb, uint64_t size, uint64_t align, vml_paddr_t *out)
{
	struct vml_vmemmap_table_pool *p = cb;
	vml_paddr_t pa;

	if (size != p->page || align > p->page)
		return VML_EINVAL;
	pa = pool_next(p);
	if (!vml_pa_addr(pa))
		return VML_ENOMEM;
	p->taken++;
	p->handed++;
	*out = pa;
	return VML_OK;
}

/* A failed map gives its tables back last first: step back one page. */
static void pool_free(void *cb, vml_paddr_t table, uint64_t size)
{
	struct vml_vmemmap_table_pool *p = cb;

	(void)table;
	(void)size;
	if (p->taken) {
		p->taken--;
		p->handed--;
	}
}

static void *pool_window(void *cb, vml_paddr_t pa, uint64_t size)
{
	struct vml_vmemmap_table_pool *p = cb;

	return p->inner_window(p->inner_cb, pa, size);
}

void vml_vmemmap_pool_enter(struct vml_vmemmap_table_pool *pool, struct vml_pt_ctx *ctx,
			    const struct vml_layout *layout, uint64_t page)
{
	*pool = (struct vml_vmemmap_table_pool){
	    .layout = layout,
	    .page = page,
	    .inner_alloc = ctx->alloc_table,
	    .inner_free = ctx->free_table,
	    .inner_window = ctx->window,
	    .inner_cb = ctx->cb,
	};
	ctx->alloc_table = pool_alloc;
	ctx->free_table = pool_free;
	ctx->window = pool_window;
	ctx->cb = pool;
}

static uint64_t pool_pages(const struct vml_layout *lo, uint64_t page)
{
	uint64_t n = 0;

	for (unsigned int i = 0; i < lo->n_reservations; i++)
		if (vml_str_eq(lo->reservations[i].name, VML_VMEMMAP_TABLES_NAME))
			n += lo->reservations[i].size / page;
	return n;
}

int vml_vmemmap_pool_leave(struct vml_vmemmap_table_pool *pool, struct vml_pt_ctx *ctx,
			   struct vml_diag *diag)
{
	ctx->alloc_table = pool->inner_alloc;
	ctx->free_table = pool->inner_free;
	ctx->window = pool->inner_window;
	ctx->cb = pool->inner_cb;
	if (pool->handed != pool_pages(pool->layout, pool->page))
		return vml_fail(diag, VML_EINVAL,
				"the vmemmap's tables used fewer pages than the layout took at "
				"sparse_init()",
				0, pool->handed, -1);
	return VML_OK;
}
