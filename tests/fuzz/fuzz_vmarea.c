/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: the vmalloc-space allocator (include/vmlayout/vmarea.h) under
 * a sequence of operations read from the input, each one checked against a
 * model of the space, one state per page, that knows nothing of the tree.
 *
 * Input: byte 0 the node capacity (bit 7 set: room for every block the
 * space can hold, so no call may fail for want of nodes; else 1..127
 * nodes, so the allocator runs out of them), byte 1 bit 0 puts the space
 * in the last pages below 2^64 (the window's end and the guard page near
 * the wrap), bit 1 declares the span (vml_vmarea_init_span(): compact
 * leaves of 32-bit page offsets), bit 2 with it a span that ends below
 * pages that add_space asks for (refused); then operations of five bytes:
 * op, a, b, c, d.
 *
 * Checked beyond the sanitizers, after every call: the result the model
 * predicts (an alloc's address is the lowest aligned start whose area and
 * guard page fit inside one free run and the window, as
 * alloc_vmap_area()'s lowest fit in mm/vmalloc.c v6.1); a refused call,
 * VML_ENOMEM included, changes nothing; the live areas in address order,
 * the bytes used and of space, and the largest free block equal the model's.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "vmlayout/vmarea.h"

#define FVA_PAGES 600
#define FVA_PG 4096ULL

enum { FVA_NONE, FVA_FREE, FVA_BUSY, FVA_STATIC };

struct fva_model {
	uint8_t state[FVA_PAGES];
	uint16_t busy_len[FVA_PAGES]; /* at an area's first page: its pages, guard included */
	uint64_t base;
	unsigned int span; /* pages from base that add_space accepts */
	bool roomy;	   /* nodes for every block: VML_ENOMEM only for want of space */
};

struct fva_seen {
	uint64_t start[FVA_PAGES], size[FVA_PAGES];
	unsigned int n;
	bool bad;
};

static uint64_t fva_addr(const struct fva_model *m, unsigned int page)
{
	return m->base + page * FVA_PG;
}

static void fva_collect(void *ctx, uint64_t start, uint64_t size)
{
	struct fva_seen *s = ctx;

	if (s->n == FVA_PAGES) {
		s->bad = true;
		return;
	}
	s->start[s->n] = start;
	s->size[s->n++] = size;
}

/* The allocator's visible state equals the model's. */
static void fva_compare(struct vml_vmarea *va, const struct fva_model *m)
{
	static struct fva_seen seen;
	uint64_t total = 0, used = 0, largest = 0, run = 0;
	unsigned int n = 0;

	seen.n = 0;
	seen.bad = false;
	vml_vmarea_for_each_busy(va, fva_collect, &seen);
	FUZZ_CHECK(!seen.bad);
	for (unsigned int p = 0; p < FVA_PAGES; p++) {
		total += m->state[p] == FVA_FREE || m->state[p] == FVA_BUSY ? FVA_PG : 0;
		run = m->state[p] == FVA_FREE ? run + FVA_PG : 0;
		largest = run > largest ? run : largest;
		if (m->state[p] != FVA_BUSY || !m->busy_len[p])
			continue;
		used += m->busy_len[p] * FVA_PG;
		FUZZ_CHECK(n < seen.n && seen.start[n] == fva_addr(m, p) &&
			   seen.size[n] == m->busy_len[p] * FVA_PG);
		n++;
	}
	FUZZ_CHECK(n == seen.n && n == va->n_busy);
	FUZZ_CHECK(va->total == total && va->used == used);
	FUZZ_CHECK(vml_vmarea_largest_free(va) == largest);
}

/* Pages [p, p + n) all in @state (and inside the model). */
static bool fva_all(const struct fva_model *m, unsigned int p, unsigned int n, uint8_t state)
{
	if (p + n > FVA_PAGES)
		return false;
	for (unsigned int k = p; k < p + n; k++)
		if (m->state[k] != state)
			return false;
	return true;
}

static void fva_set(struct fva_model *m, unsigned int p, unsigned int n, uint8_t state)
{
	memset(m->state + p, state, n);
	memset(m->busy_len + p, 0, n * sizeof(m->busy_len[0]));
}

static void fva_add_space(struct vml_vmarea *va, struct fva_model *m, unsigned int p,
			  unsigned int n)
{
	bool fits = n && p + n <= m->span;

	for (unsigned int k = p; fits && k < p + n; k++)
		fits = m->state[k] == FVA_NONE;
	int rc = vml_vmarea_add_space(va, fva_addr(m, p), fva_addr(m, p + n));

	FUZZ_CHECK(rc == (fits ? 0 : VML_EINVAL) || (fits && !m->roomy && rc == VML_ENOMEM));
	if (!rc)
		fva_set(m, p, n, FVA_FREE);
}

static void fva_reserve(struct vml_vmarea *va, struct fva_model *m, unsigned int p, unsigned int n)
{
	int rc = vml_vmarea_reserve(va, fva_addr(m, p), n * FVA_PG);
	bool fits = n && fva_all(m, p, n, FVA_FREE);

	FUZZ_CHECK(fits ? rc == 0 || (!m->roomy && rc == VML_ENOMEM) : rc != 0);
	if (!rc)
		fva_set(m, p, n, FVA_STATIC);
}

/* The model's lowest fit: the first page, aligned to @align_pages, at or
 * above @lo, whose @n pages are free and end by page @hi. */
static int fva_lowest_fit(const struct fva_model *m, unsigned int n, unsigned int align_pages,
			  unsigned int lo, unsigned int hi)
{
	for (unsigned int p = lo; p + n <= hi && p + n <= FVA_PAGES; p++)
		if ((fva_addr(m, p) / FVA_PG) % align_pages == 0 && fva_all(m, p, n, FVA_FREE))
			return (int)p;
	return -1;
}

static void fva_alloc(struct vml_vmarea *va, struct fva_model *m, const uint8_t *op)
{
	unsigned int pages = op[1] % 17, align_pages = 1u << (op[2] % 4);
	unsigned int lo = op[3] * 2u, hi = lo + op[4] * 3u;
	uint64_t align = op[2] >= 252 ? 3 * FVA_PG : align_pages * FVA_PG, addr = 1;
	uint64_t vend = hi >= FVA_PAGES ? ~0ULL : fva_addr(m, hi);
	int rc = vml_vmarea_alloc(va, pages * FVA_PG, align, fva_addr(m, lo), vend, &addr);
	int want;

	if (!pages || op[2] >= 252) {
		FUZZ_CHECK(rc == VML_EINVAL && addr == 1);
		return;
	}
	want = fva_lowest_fit(m, pages + 1, align_pages, lo, hi);
	FUZZ_CHECK(want < 0 ? rc == VML_ENOMEM : rc == 0 || (!m->roomy && rc == VML_ENOMEM));
	if (rc) {
		FUZZ_CHECK(addr == 1);
		return;
	}
	FUZZ_CHECK(addr == fva_addr(m, (unsigned int)want));
	fva_set(m, (unsigned int)want, pages + 1, FVA_BUSY);
	m->busy_len[want] = (uint16_t)(pages + 1);
}

/* Free the @k-th live area of the model (any address when none), or, for
 * @stray, an address inside or beside it that is no area's start. */
static void fva_free(struct vml_vmarea *va, struct fva_model *m, unsigned int k, bool stray)
{
	unsigned int found = FVA_PAGES, live = 0;
	uint64_t addr;
	int rc;

	for (unsigned int p = 0; p < FVA_PAGES; p++)
		live += m->state[p] == FVA_BUSY && m->busy_len[p];
	for (unsigned int p = 0, i = 0; live && p < FVA_PAGES; p++)
		if (m->state[p] == FVA_BUSY && m->busy_len[p] && i++ == k % live)
			found = p;
	addr = found < FVA_PAGES ? fva_addr(m, found) : fva_addr(m, k % FVA_PAGES);
	if (stray || found == FVA_PAGES) {
		addr += stray ? (k & 1 ? FVA_PG : 8) : 0;
		FUZZ_CHECK(vml_vmarea_free(va, addr) == VML_ENOENT);
		return;
	}
	rc = vml_vmarea_free(va, addr);
	FUZZ_CHECK(rc == 0);
	fva_set(m, found, m->busy_len[found], FVA_FREE);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct vml_vmarea_node nodes[VML_VMAREA_NODES(2 * FVA_PAGES + 2)];
	static struct fva_model m;
	struct vml_vmarea va;
	unsigned int cap;

	if (size < 2)
		return 0;
	cap = data[0] & 0x80 ? VML_VMAREA_NODES(2 * FVA_PAGES + 2) : 1u + (data[0] & 0x7f);
	memset(&m, 0, sizeof(m));
	m.roomy = data[0] & 0x80;
	m.base = data[1] & 1 ? 0ULL - (FVA_PAGES + 8) * FVA_PG : 1ULL << 40;
	/* data[1] bit 1: compact leaves over a declared span (bit 2: a span
	 * that ends before the pages add_space may ask for) */
	m.span = data[1] & 2 && data[1] & 4 ? 512 : FVA_PAGES;
	if (data[1] & 2)
		vml_vmarea_init_span(&va, nodes, cap, FVA_PG, m.base, fva_addr(&m, m.span));
	else
		vml_vmarea_init(&va, nodes, cap, FVA_PG);
	for (size_t at = 2; at + 5 <= size; at += 5) {
		const uint8_t *op = data + at;
		unsigned int p = op[1] | (op[3] & 1u) << 8, n = op[2] % 40;

		switch (op[0] % 5) {
		case 0:
			fva_add_space(&va, &m, p, n);
			break;
		case 1:
			fva_reserve(&va, &m, p, n % 8);
			break;
		case 2:
		case 3:
			fva_alloc(&va, &m, op);
			break;
		default:
			fva_free(&va, &m, op[1], op[2] & 1);
			break;
		}
		fva_compare(&va, &m);
	}
	return 0;
}
