/* SPDX-License-Identifier: MIT */
/*
 * Where the engine's tables live during the bench, behind the engine's
 * alloc/free/window callbacks:
 * - flat: one buffer at physical BENCH_TABLE_PA, faulted in once, tables
 *   handed out top-down by a bump pointer (what a firmware with a static
 *   table pool does);
 * - physmem: memblock over the same physical range and the sparse simulated
 *   physical memory of src/host/physmem.c, new for each rep (what the CLI
 *   does).
 */
#include <stdlib.h>
#include <string.h>

#include "bench.h"

int bench_flat_new(struct bench_mem *m, uint64_t size)
{
	memset(m, 0, sizeof(*m));
	m->kind = BENCH_FLAT;
	m->buf = aligned_alloc(65536, size);
	if (!m->buf)
		return -1;
	memset(m->buf, 0x5a, size); /* faulted in; not zero, as the engine may not assume it */
	m->base = BENCH_TABLE_PA;
	m->size = size;
	return 0;
}

void bench_flat_delete(struct bench_mem *m)
{
	free(m->buf);
	m->buf = NULL;
}

int bench_mem_reset(struct bench_mem *m)
{
	if (m->kind == BENCH_FLAT) {
		m->next = m->base + m->size;
		return 0;
	}
	vml_memblock_init(&m->mb, m->mem, 4, m->res, 64, ~0ULL, VML_SZ_4K);
	if (vml_memblock_add(&m->mb, BENCH_TABLE_PA, 512 * VML_SZ_1M, NULL))
		return -1;
	m->pt = (struct vml_physmem_tables){.mb = &m->mb, .pm = vml_physmem_new()};
	return m->pt.pm ? 0 : -1;
}

void bench_mem_release(struct bench_mem *m)
{
	if (m->kind == BENCH_PHYSMEM) {
		vml_physmem_delete(m->pt.pm);
		m->pt.pm = NULL;
	}
}

static int flat_alloc(void *cb, uint64_t size, uint64_t align, vml_paddr_t *out)
{
	struct bench_mem *m = cb;
	uint64_t pa = (m->next - size) & ~(align - 1);

	if (m->next - m->base < size || pa < m->base)
		return VML_ENOMEM;
	m->next = pa;
	*out = vml_pa(pa);
	return 0;
}

static void flat_free(void *cb, vml_paddr_t table, uint64_t size)
{
	struct bench_mem *m = cb;

	/* Only ever the last table given (the engine frees in reverse order). */
	if (vml_pa_addr(table) == m->next)
		m->next += size;
}

static void *flat_window(void *cb, vml_paddr_t pa, uint64_t size)
{
	struct bench_mem *m = cb;
	uint64_t a = vml_pa_addr(pa);

	if (a < m->base || a - m->base > m->size || size > m->size - (a - m->base))
		return NULL;
	return m->buf + (a - m->base);
}

void bench_mem_bind(struct bench_mem *m, struct vml_pt_ctx *ctx)
{
	if (m->kind == BENCH_FLAT) {
		ctx->cb = m;
		ctx->alloc_table = flat_alloc;
		ctx->free_table = flat_free;
		ctx->window = flat_window;
	} else {
		/* physmem's own callbacks, as the CLI binds them
		 * (src/cli/pt_session.c open_tree()) */
		ctx->cb = &m->pt;
		ctx->alloc_table = vml_physmem_alloc_table;
		ctx->free_table = vml_physmem_free_table;
		ctx->window = vml_physmem_table_window;
		ctx->tables_zeroed = true; /* vml_physmem_alloc_table() zeroes, as the kernel's */
	}
}
