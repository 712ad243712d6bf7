/* SPDX-License-Identifier: MIT */
/*
 * The naive mapper the engine is measured against: what someone writes by
 * hand for one known format. Each leaf is a template (the format's own
 * encode_leaf of PA 0 with the bench's attributes, taken once) ORed with
 * the output address; tables come zeroed from a pre-faulted pool; the
 * largest leaf the flags allow is used, no contiguous hint; the last level
 * is one tight loop. No planning, no atomicity, no log, no window callback:
 * it is the floor, not a competitor. Its tables are walked by the engine's
 * own walker (walk_ctx) to check both agree.
 */
#include <stdlib.h>
#include <string.h>

#include "bench.h"

#define NAIVE_POOL_PA 0x40000000ULL

/* Where a table entry keeps the next table's address, per format. */
static uint64_t oa_mask(const struct vml_pt_format *f)
{
	if (!strcmp(f->arch, "riscv64"))
		return ((1ULL << 44) - 1) << 10; /* PPN[43:0] in bits 53:10 */
	if (f->entry_size == 4)
		return 0xfffffc00ULL; /* short: L2 table address [31:10] */
	if (!strcmp(f->arch, "arm"))
		return 0xfffffff000ULL; /* LPAE: [39:12] */
	return 0xfffffffff000ULL;	/* arm64 48-bit PA: [47:12] */
}

static uint64_t naive_alloc(struct bench_naive *n, unsigned int li)
{
	const struct vml_pt_level *l = &n->f->level[li];
	uint64_t pa = (n->next + l->table_align - 1) & ~((uint64_t)l->table_align - 1);

	if (pa + l->table_size > n->pool_pa + n->pool_size)
		return 0;
	memset(n->pool + (pa - n->pool_pa), 0, l->table_size);
	n->next = pa + l->table_size;
	return pa;
}

static int walk_alloc(void *cb, uint64_t size, uint64_t align, vml_paddr_t *out)
{
	struct bench_naive *n = cb;
	uint64_t pa = naive_alloc(n, 0);

	(void)size;
	(void)align;
	*out = vml_pa(pa);
	return pa ? 0 : VML_ENOMEM;
}

static void walk_free(void *cb, vml_paddr_t table, uint64_t size)
{
	(void)cb;
	(void)table;
	(void)size;
}

static void *walk_window(void *cb, vml_paddr_t pa, uint64_t size)
{
	struct bench_naive *n = cb;
	uint64_t a = vml_pa_addr(pa);

	if (a < n->pool_pa || a - n->pool_pa > n->pool_size ||
	    size > n->pool_size - (a - n->pool_pa))
		return NULL;
	return n->pool + (a - n->pool_pa);
}

int bench_naive_new(struct bench_naive *n, const struct vml_pt_format *f,
		    const struct vml_pt_attrs *attrs, uint64_t pool_size)
{
	memset(n, 0, sizeof(*n));
	n->f = f;
	n->pool = aligned_alloc(65536, pool_size);
	if (!n->pool)
		return -1;
	memset(n->pool, 0x5a, pool_size);
	n->pool_pa = NAIVE_POOL_PA;
	n->pool_size = pool_size;
	n->oa_shift = !strcmp(f->arch, "riscv64") ? 2 : 0;
	for (unsigned int li = 0; li < f->levels; li++) {
		int level = f->first_level + (int)li;

		if (f->level[li].leaf_ok)
			n->leaf_tmpl[li] = f->ops->encode_leaf(f, level, vml_pa(0), attrs);
		if (li + 1 < f->levels)
			n->table_tmpl[li] = f->ops->encode_table(f, level, vml_pa(0), 0);
	}
	n->walk_ctx.fmt = f;
	n->walk_ctx.alloc_table = walk_alloc;
	n->walk_ctx.free_table = walk_free;
	n->walk_ctx.window = walk_window;
	n->walk_ctx.cb = n;
	return 0;
}

void bench_naive_delete(struct bench_naive *n)
{
	free(n->pool);
	n->pool = NULL;
}

void bench_naive_reset(struct bench_naive *n)
{
	n->next = n->pool_pa;
	vml_pt_init(&n->walk_ctx, NULL); /* allocates and clears the root */
	n->root = n->pool + (vml_pa_addr(n->walk_ctx.root) - n->pool_pa);
}

static void put(unsigned char *t, unsigned int esize, uint64_t idx, uint64_t raw)
{
	if (esize == 8)
		((uint64_t *)(void *)t)[idx] = raw;
	else
		((uint32_t *)(void *)t)[idx] = (uint32_t)raw;
}

static uint64_t get(const unsigned char *t, unsigned int esize, uint64_t idx)
{
	return esize == 8 ? ((const uint64_t *)(const void *)t)[idx]
			  : ((const uint32_t *)(const void *)t)[idx];
}

/* @cnt leaves from entry @idx: the tight loop. */
static void put_leaves(const struct bench_naive *n, unsigned char *t, unsigned int li, uint64_t idx,
		       uint64_t cnt, uint64_t pa)
{
	uint64_t raw = n->leaf_tmpl[li] | (pa >> n->oa_shift);
	uint64_t step = (1ULL << n->f->level[li].shift) >> n->oa_shift;

	if (n->f->entry_size == 8) {
		uint64_t *e = (uint64_t *)(void *)t + idx;

		for (uint64_t k = 0; k < cnt; k++)
			e[k] = raw + k * step;
	} else {
		uint32_t *e = (uint32_t *)(void *)t + idx;

		for (uint64_t k = 0; k < cnt; k++)
			e[k] = (uint32_t)(raw + k * step);
	}
}

static int map_level(struct bench_naive *n, unsigned char *t, unsigned int li, uint64_t va,
		     uint64_t pa, uint64_t end, bool blocks)
{
	const struct vml_pt_format *f = n->f;
	const struct vml_pt_level *l = &f->level[li];
	uint64_t span = 1ULL << l->shift, entries = 1ULL << l->index_bits;
	uint64_t idx = (va >> l->shift) & (entries - 1);
	bool last = li + 1 == f->levels;

	while (va < end) {
		if (l->leaf_ok && (last || blocks) && !((va | pa) & (span - 1)) &&
		    end - va >= span) {
			uint64_t cnt = (end - va) >> l->shift;

			cnt = cnt < entries - idx ? cnt : entries - idx;
			put_leaves(n, t, li, idx, cnt, pa);
			idx += cnt;
			va += cnt * span;
			pa += cnt * span;
			continue;
		}
		uint64_t next = (va & ~(span - 1)) + span, raw = get(t, f->entry_size, idx), child;

		next = next < end ? next : end;
		if (!raw) {
			child = naive_alloc(n, li + 1);
			if (!child)
				return -1;
			raw = n->table_tmpl[li] | (child >> n->oa_shift);
			put(t, f->entry_size, idx, raw);
		}
		child = (raw & oa_mask(f)) << n->oa_shift;
		if (map_level(n, n->pool + (child - n->pool_pa), li + 1, va, pa, next, blocks))
			return -1;
		idx++;
		pa += next - va;
		va = next;
	}
	return 0;
}

int bench_naive_map(struct bench_naive *n, uint64_t va, uint64_t pa, uint64_t size, uint32_t flags)
{
	return map_level(n, n->root, 0, va, pa, va + size, !(flags & VML_PT_NO_BLOCK_MAPPINGS));
}
