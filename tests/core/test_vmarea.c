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

int main(void)
{
	RUN_TEST(test_lowest_fit_with_guard);
	RUN_TEST(test_pieces_and_static_areas);
	RUN_TEST(test_random_against_page_map);
	return CHECK_DONE("test_vmarea");
}
