/* SPDX-License-Identifier: MIT */
/*
 * The vmalloc-space allocator: exact placements (lowest fit, guard page,
 * alignment, [vstart, vend), static areas, pieces of space, merging on
 * free), and a property test of random alloc/free sequences against a
 * reference that scans every page.
 */
#include <stdlib.h>

#include "check.h"
#include "vmlayout/vmarea.h"

#define PG 0x1000ULL
#define NODES 4096

static struct vml_vmarea_node nodes[NODES];

static void test_lowest_fit_with_guard(void)
{
	struct vml_vmarea va;
	uint64_t a = 0, b = 0, c = 0;

	vml_vmarea_init(&va, nodes, NODES, PG);
	CHECK_EQ_INT(vml_vmarea_add_space(&va, 0xf0000000, 0xff000000), 0);
	CHECK_EQ_INT(vml_vmarea_alloc(&va, 2 * PG, PG, 0, ~0ULL, &a), 0);
	CHECK_EQ_U64(a, 0xf0000000);
	/* 2 pages + the guard page: the next area starts 3 pages on */
	CHECK_EQ_INT(vml_vmarea_alloc(&va, PG, PG, 0, ~0ULL, &b), 0);
	CHECK_EQ_U64(b, 0xf0003000);
	/* 64 KiB alignment skips to the next boundary */
	CHECK_EQ_INT(vml_vmarea_alloc(&va, PG, 0x10000, 0, ~0ULL, &c), 0);
	CHECK_EQ_U64(c, 0xf0010000);
	CHECK_EQ_U64(va.used, 3 * PG + 2 * PG + 2 * PG);
	/* freeing the first leaves a 3-page hole that a 2-page area fits again */
	CHECK_EQ_INT(vml_vmarea_free(&va, a), 0);
	CHECK_EQ_INT(vml_vmarea_alloc(&va, 2 * PG, PG, 0, ~0ULL, &a), 0);
	CHECK_EQ_U64(a, 0xf0000000);
	CHECK_EQ_INT(vml_vmarea_free(&va, 0xf0001000), VML_ENOENT);
	/* a window: [vstart, vend) */
	CHECK_EQ_INT(vml_vmarea_alloc(&va, PG, PG, 0xf8000000, 0xf8002000, &a), 0);
	CHECK_EQ_U64(a, 0xf8000000);
	CHECK_EQ_INT(vml_vmarea_alloc(&va, PG, PG, 0xf8000000, 0xf8003000, &a), VML_ENOMEM);
	CHECK_EQ_INT(vml_vmarea_alloc(&va, 0, PG, 0, ~0ULL, &a), VML_EINVAL);
	CHECK_EQ_INT(vml_vmarea_alloc(&va, PG, 3 * PG, 0, ~0ULL, &a), VML_EINVAL);
}

static void test_pieces_and_static_areas(void)
{
	struct vml_vmarea va;
	uint64_t a = 0;

	/* intermix: vmalloc in two pieces, a static area in the upper one */
	vml_vmarea_init(&va, nodes, NODES, PG);
	CHECK_EQ_INT(vml_vmarea_add_space(&va, 0xc7500000, 0xd2000000), 0);
	CHECK_EQ_INT(vml_vmarea_add_space(&va, 0xf1000000, 0xff000000), 0);
	CHECK_EQ_INT(vml_vmarea_add_space(&va, 0xd1000000, 0xd3000000), VML_EINVAL); /* overlap */
	CHECK_EQ_INT(vml_vmarea_reserve(&va, 0xfee00000, 0x200000), 0);		     /* PCI I/O */
	CHECK_EQ_INT(vml_vmarea_reserve(&va, 0xfee00000, 0x1000), VML_ENOENT);
	CHECK_EQ_U64(va.total,
		     (0xd2000000ULL - 0xc7500000) + (0xff000000ULL - 0xf1000000) - 0x200000);
	/* the upper piece below the static area: 222 MiB > the 171 MiB hole's */
	CHECK_EQ_U64(vml_vmarea_largest_free(&va), 0xfee00000ULL - 0xf1000000);
	/* 172 MiB does not fit the 171 MiB piece: it goes to the upper one */
	CHECK_EQ_INT(vml_vmarea_alloc(&va, 172ULL << 20, PG, 0, ~0ULL, &a), 0);
	CHECK_EQ_U64(a, 0xf1000000);
	CHECK_EQ_INT(vml_vmarea_alloc(&va, 40ULL << 20, PG, 0, ~0ULL, &a), 0);
	CHECK_EQ_U64(a, 0xc7500000);
}

/* Reference: one byte per page, 0 no space, 1 free, 2 busy. */
#define REF_PAGES 4096
static unsigned char ref[REF_PAGES];
static uint64_t ref_start[REF_PAGES], ref_len[REF_PAGES];
static uint64_t rng = 88172645463325252ULL;

static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static bool ref_alloc(uint64_t base, uint64_t pages, uint64_t align_pages, uint64_t *addr)
{
	for (uint64_t p = 0; p + pages <= REF_PAGES; p++) {
		bool ok = ((base / PG + p) % align_pages) == 0;

		for (uint64_t k = 0; ok && k < pages; k++)
			ok = ref[p + k] == 1;
		if (ok) {
			for (uint64_t k = 0; k < pages; k++)
				ref[p + k] = 2;
			*addr = base + p * PG;
			return true;
		}
	}
	return false;
}

static void test_random_against_page_map(void)
{
	const uint64_t base = 0x40000000;
	uint64_t live[512];
	unsigned int n_live = 0;

	for (int round = 0; round < 20; round++) {
		struct vml_vmarea va;

		vml_vmarea_init(&va, nodes, NODES, PG);
		memset(ref, 0, sizeof(ref));
		n_live = 0;
		/* 1-4 pieces of space */
		for (uint64_t p = 0; p < REF_PAGES;) {
			uint64_t len = 16 + rnd() % 1200, gap = rnd() % 64;

			if (p + gap + len > REF_PAGES)
				break;
			CHECK_EQ_INT(vml_vmarea_add_space(&va, base + (p + gap) * PG,
							  base + (p + gap + len) * PG),
				     0);
			memset(ref + p + gap, 1, len);
			p += gap + len;
		}
		for (int op = 0; op < 2000; op++) {
			if (n_live && (rnd() % 3 == 0 || n_live == 512)) {
				unsigned int i = (unsigned int)(rnd() % n_live);
				uint64_t a = live[i], p = (a - base) / PG;

				CHECK_EQ_INT(vml_vmarea_free(&va, a), 0);
				for (uint64_t k = 0; k < ref_len[p]; k++)
					ref[p + k] = 1;
				live[i] = live[--n_live];
			} else {
				uint64_t pages = 1 + rnd() % 40, align = 1ULL << (rnd() % 4), a = 0,
					 want = 0;
				bool fit = ref_alloc(base, pages + 1, align, &want);
				int rc =
				    vml_vmarea_alloc(&va, pages * PG, align * PG, 0, ~0ULL, &a);

				CHECK_EQ_INT(rc, fit ? 0 : VML_ENOMEM);
				if (!rc) {
					CHECK_EQ_U64(a, want);
					ref_start[(a - base) / PG] = a;
					ref_len[(a - base) / PG] = pages + 1;
					live[n_live++] = a;
				}
			}
			if (check_failures_in_test)
				return;
		}
		/* free everything: the space is whole again */
		while (n_live)
			CHECK_EQ_INT(vml_vmarea_free(&va, live[--n_live]), 0);
		CHECK_EQ_U64(va.used, 0);
		CHECK_EQ_INT(va.n_busy, 0);
	}
}

/* Snapshot of what an operation must leave alone when it fails. */
struct snapshot {
	uint64_t total, used, largest;
	unsigned int n_busy, n_areas;
	uint64_t area[2 * 512];
};

static void snap_area(void *ctx, uint64_t start, uint64_t size)
{
	struct snapshot *s = ctx;

	if (s->n_areas < 512) {
		s->area[2 * s->n_areas] = start;
		s->area[2 * s->n_areas + 1] = size;
	}
	s->n_areas++;
}

static void take_snapshot(const struct vml_vmarea *va, struct snapshot *s)
{
	memset(s, 0, sizeof(*s));
	s->total = va->total;
	s->used = va->used;
	s->largest = vml_vmarea_largest_free(va);
	s->n_busy = va->n_busy;
	vml_vmarea_for_each_busy(va, snap_area, s);
}

/* The reference's first fit of @pages inside the window [w0, w1) (pages). */
static bool ref_fit_window(uint64_t base, uint64_t pages, uint64_t align_pages, uint64_t w0,
			   uint64_t w1, uint64_t *addr)
{
	for (uint64_t p = w0; p + pages <= w1 && p + pages <= REF_PAGES; p++) {
		bool ok = ((base / PG + p) % align_pages) == 0;

		for (uint64_t k = 0; ok && k < pages; k++)
			ok = ref[p + k] == 1;
		if (ok) {
			*addr = base + p * PG;
			return true;
		}
	}
	return false;
}

static uint64_t ref_largest_run(void)
{
	uint64_t best = 0, run = 0;

	for (unsigned int p = 0; p < REF_PAGES; p++) {
		run = ref[p] == 1 ? run + 1 : 0;
		best = run > best ? run : best;
	}
	return best * PG;
}

/* Random windows, static areas and failures against the reference map
 * (0 no space, 1 free, 2 busy, 3 static): every placement is the
 * reference's lowest fit, the largest free block is the reference's
 * longest free run, and a failed alloc or reserve leaves the live areas,
 * the totals and the largest block exactly as they were. */
static void test_random_windows_statics_and_failures(void)
{
	const uint64_t base = 0x80000000;
	unsigned int failures_seen = 0;

	for (int round = 0; round < 20; round++) {
		struct vml_vmarea va;
		uint64_t live[512];
		unsigned int n_live = 0;

		vml_vmarea_init(&va, nodes, NODES, PG);
		memset(ref, 0, sizeof(ref));
		for (uint64_t p = 0; p < REF_PAGES;) {
			uint64_t len = 8 + rnd() % 900, gap = rnd() % 64;

			if (p + gap + len > REF_PAGES)
				break;
			CHECK_EQ_INT(vml_vmarea_add_space(&va, base + (p + gap) * PG,
							  base + (p + gap + len) * PG),
				     0);
			memset(ref + p + gap, 1, len);
			p += gap + len;
		}
		for (int op = 0; op < 3000 && !check_failures_in_test; op++) {
			struct snapshot before, after;
			unsigned int kind = (unsigned int)(rnd() % 8);
			int rc;

			take_snapshot(&va, &before);
			if (kind == 0) { /* a static area: wholly free, or refused */
				uint64_t p = rnd() % REF_PAGES, len = 1 + rnd() % 16;
				bool all_free = p + len <= REF_PAGES;

				for (uint64_t k = 0; all_free && k < len; k++)
					all_free = ref[p + k] == 1;
				rc = vml_vmarea_reserve(&va, base + p * PG, len * PG);
				CHECK_EQ_INT(rc, all_free ? 0 : VML_ENOENT);
				if (!rc)
					memset(ref + p, 3, len);
			} else if (n_live && (kind < 4 || n_live == 512)) {
				unsigned int i = (unsigned int)(rnd() % n_live);
				uint64_t p = (live[i] - base) / PG;

				rc = vml_vmarea_free(&va, live[i]);
				CHECK_EQ_INT(rc, 0);
				memset(ref + p, 1, ref_len[p]);
				live[i] = live[--n_live];
			} else {
				uint64_t pages = 1 + rnd() % (rnd() % 4 ? 24 : 400);
				uint64_t align = 1ULL << (rnd() % 5), w0 = rnd() % REF_PAGES;
				uint64_t w1 = w0 + 1 + rnd() % (REF_PAGES - w0), a = 0, want = 0;
				bool fit = ref_fit_window(base, pages + 1, align, w0, w1, &want);

				rc = vml_vmarea_alloc(&va, pages * PG, align * PG, base + w0 * PG,
						      base + w1 * PG, &a);
				CHECK_EQ_INT(rc, fit ? 0 : VML_ENOMEM);
				if (!rc) {
					CHECK_EQ_U64(a, want);
					memset(ref + (a - base) / PG, 2, pages + 1);
					ref_len[(a - base) / PG] = pages + 1;
					live[n_live++] = a;
				}
			}
			take_snapshot(&va, &after);
			if (rc) { /* nothing changed */
				failures_seen++;
				CHECK(!memcmp(&before, &after, sizeof(before)));
			}
			CHECK_EQ_U64(vml_vmarea_largest_free(&va), ref_largest_run());
			CHECK_EQ_INT(va.n_busy, n_live);
		}
		/* a free of an address that is not a live area changes nothing */
		CHECK_EQ_INT(vml_vmarea_free(&va, base + 3), VML_ENOENT);
		while (n_live) {
			uint64_t p = (live[--n_live] - base) / PG;

			CHECK_EQ_INT(vml_vmarea_free(&va, live[n_live]), 0);
			memset(ref + p, 1, ref_len[p]);
		}
		CHECK_EQ_U64(va.used, 0);
		CHECK_EQ_U64(vml_vmarea_largest_free(&va), ref_largest_run());
	}
	CHECK(failures_seen > 1000);
}

int main(void)
{
	RUN_TEST(test_lowest_fit_with_guard);
	RUN_TEST(test_pieces_and_static_areas);
	RUN_TEST(test_random_against_page_map);
	RUN_TEST(test_random_windows_statics_and_failures);
	return CHECK_DONE("test_vmarea");
}
