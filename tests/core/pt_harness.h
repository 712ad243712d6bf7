/* SPDX-License-Identifier: MIT */
/*
 * Test harness for the page-table engine: a top-down bump allocator over
 * simulated physical memory that can fail its Nth allocation and checks
 * that frees come back in reverse order; table snapshots for "nothing
 * changed" checks. Included by tests/core/test_pgtable_*.c.
 */
#ifndef VMLAYOUT_TEST_PT_HARNESS_H
#define VMLAYOUT_TEST_PT_HARNESS_H

#include <stdlib.h>
#include <string.h>

#include "vmlayout/pgtable.h"
#include "vmlayout/physmem.h"

#define BUMP_STACK 65536

struct bump {
	struct vml_physmem *pm;
	uint64_t base, next;	    /* allocate downwards from next, not below base */
	uint64_t attempts;	    /* allocation calls so far */
	bool zero;		    /* new tables read as zero, not scribbled */
	int64_t fail_at;	    /* fail the call with this attempt number, -1 never */
	uint64_t depth;		    /* allocations outstanding */
	uint64_t stack[BUMP_STACK]; /* next before each allocation */
	uint64_t given[BUMP_STACK]; /* what each allocation returned */
	int bad_frees;		    /* frees out of order */
};

static inline int bump_alloc(void *cb, uint64_t size, uint64_t align, vml_paddr_t *out)
{
	struct bump *b = cb;
	uint64_t pa;

	if ((int64_t)b->attempts++ == b->fail_at || b->depth >= BUMP_STACK || b->next < size)
		return VML_ENOMEM;
	pa = vml_align_down(b->next - size, align);
	if (pa < b->base)
		return VML_ENOMEM;
	/* Scribble, so tests catch a table the engine forgot to clear; or
	 * zero, as an allocator the ctx says zeroes (tables_zeroed). */
	memset(vml_physmem_window(b->pm, pa, size), b->zero ? 0 : 0xa5, size);
	b->stack[b->depth] = b->next;
	b->given[b->depth++] = pa;
	b->next = pa;
	*out = vml_pa(pa);
	return 0;
}

static inline void bump_free(void *cb, vml_paddr_t table, uint64_t size)
{
	struct bump *b = cb;

	(void)size;
	if (!b->depth || b->given[b->depth - 1] != vml_pa_addr(table)) {
		b->bad_frees++;
		return;
	}
	b->next = b->stack[--b->depth];
}

static inline void *bump_window(void *cb, vml_paddr_t pa, uint64_t size)
{
	struct bump *b = cb;

	return vml_physmem_window(b->pm, vml_pa_addr(pa), size);
}

static inline struct bump *bump_new(uint64_t base, uint64_t size)
{
	struct bump *b = calloc(1, sizeof(*b));

	b->pm = vml_physmem_new();
	b->base = base;
	b->next = base + size;
	b->fail_at = -1;
	return b;
}

static inline void bump_delete(struct bump *b)
{
	vml_physmem_delete(b->pm);
	free(b);
}

static inline void ctx_setup(struct vml_pt_ctx *ctx, const struct vml_pt_format *f, struct bump *b,
			     bool upper, struct vml_pt_log *log)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->fmt = f;
	ctx->upper = upper;
	ctx->alloc_table = bump_alloc;
	ctx->free_table = bump_free;
	ctx->window = bump_window;
	ctx->cb = b;
	ctx->log = log;
}

/* A snapshot of every table's bytes, in tree order. */
struct snapshot {
	size_t n, cap;
	unsigned char *bytes;
	struct vml_pt_ctx *ctx;
};

static inline int snap_table(void *arg, int level, vml_paddr_t t, uint64_t size)
{
	struct snapshot *s = arg;
	unsigned char *p = s->ctx->window(s->ctx->cb, t, size);
	uint64_t pa = vml_pa_addr(t);

	(void)level;
	if (s->n + size + 16 > s->cap) {
		s->cap = (s->n + size + 16) * 2;
		s->bytes = realloc(s->bytes, s->cap);
	}
	memcpy(s->bytes + s->n, &pa, 8);
	memcpy(s->bytes + s->n + 8, &size, 8);
	memcpy(s->bytes + s->n + 16, p, size);
	s->n += size + 16;
	return 0;
}

static inline struct snapshot snapshot_take(struct vml_pt_ctx *ctx)
{
	struct snapshot s = {0, 0, NULL, ctx};

	vml_pt_for_each_table(ctx, snap_table, &s);
	return s;
}

static inline bool snapshot_same(const struct snapshot *a, const struct snapshot *b)
{
	return a->n == b->n && !memcmp(a->bytes, b->bytes, a->n);
}

/* Kernel RW normal memory, as the CLI's default (Linux PAGE_KERNEL). */
static inline struct vml_pt_attrs attrs_kernel_rw(void)
{
	struct vml_pt_attrs a = {0};

	a.perm = VML_PT_READ | VML_PT_WRITE | VML_PT_GLOBAL | VML_PT_ACCESSED | VML_PT_DIRTY;
	return a;
}

static inline struct vml_pt_attrs attrs_kernel_ro(void)
{
	struct vml_pt_attrs a = attrs_kernel_rw();

	a.perm &= ~(VML_PT_WRITE);
	return a;
}

static inline struct vml_pt_attrs attrs_kernel_rx(void)
{
	struct vml_pt_attrs a = attrs_kernel_ro();

	a.perm |= VML_PT_EXEC;
	return a;
}

static inline int arm64_format(struct vml_pt_format *f, uint64_t granule, unsigned int va_bits)
{
	struct vml_pt_spec spec = {.arch = "arm64", .granule = granule, .va_bits = va_bits};

	return vml_pt_format_lookup(f, &spec, NULL);
}

#endif
