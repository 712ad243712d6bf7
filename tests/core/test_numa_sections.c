/* SPDX-License-Identifier: MIT */
/*
 * The section queries of src/core/numa_sections.c (mm/sparse.c
 * memblocks_present(), v6.1, v6.12), which search the sorted memory
 * regions, against a reference that reads every region: random boards
 * with unaligned banks, banks without a whole page, several per section,
 * random nodes; section sizes of 2^27 (arm64 4K/16K, riscv64) and of a few
 * pages (many regions per section and sections per region).
 */
#include "check.h"
#include "vmlayout/numa.h"

#define MAX_REGIONS 96

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* The reference: every region, in order; the last that touches wins. */
static int ref_nid(const struct vml_memblock *mb, uint64_t section, unsigned int bits)
{
	int nid = -1;

	for (unsigned int i = 0; i < mb->memory.cnt; i++) {
		const struct vml_memblock_region *m = &mb->memory.regions[i];
		uint64_t s = vml_align_up(m->base, mb->page_size);
		uint64_t e = vml_align_down(m->base + m->size, mb->page_size);

		if (s < e && section >= s >> bits && section <= (e - 1) >> bits)
			nid = m->nid >= 0 && m->nid < mb->max_numnodes ? m->nid : 0;
	}
	return nid;
}

static bool ref_next(const struct vml_memblock *mb, unsigned int bits, uint64_t from,
		     uint64_t *found)
{
	bool any = false;

	for (unsigned int i = 0; i < mb->memory.cnt; i++) {
		const struct vml_memblock_region *m = &mb->memory.regions[i];
		uint64_t s = vml_align_up(m->base, mb->page_size);
		uint64_t e = vml_align_down(m->base + m->size, mb->page_size);

		if (s >= e || (e - 1) >> bits < from)
			continue;
		if (!any || vml_max(s >> bits, from) < *found)
			*found = vml_max(s >> bits, from);
		any = true;
	}
	return any;
}

static void one_board(unsigned int bits)
{
	static struct vml_memblock_region mem[MAX_REGIONS], res[4];
	struct vml_memblock mb;
	uint64_t base = rng() % (1ULL << (bits + 3));
	const unsigned int n = 1 + (unsigned int)(rng() % 60);

	vml_memblock_init(&mb, mem, MAX_REGIONS, res, 4, ~0ULL, 4096);
	mb.max_numnodes = 8;
	for (unsigned int i = 0; i < n; i++) {
		/* sizes from a few bytes (no whole page) to several sections,
		 * gaps from none (touching: merged if the nodes agree) up */
		uint64_t size = 1 + rng() % (rng() % 4 ? 3ULL << bits : 6000);
		uint64_t gap = rng() % 3 ? rng() % (2ULL << bits) : 0;

		CHECK_EQ_INT(vml_memblock_add_node(&mb, base, size, (int)(rng() % 4), 0, NULL), 0);
		base += size + gap;
	}
	for (unsigned int q = 0; q < 200; q++) {
		const uint64_t section = rng() % ((base >> bits) + 3);
		uint64_t got = 0, want = 0;
		const bool g = vml_numa_next_present_section(&mb, bits, section, &got);
		const bool w = ref_next(&mb, bits, section, &want);

		CHECK_EQ_INT(vml_numa_section_nid(&mb, section, bits), ref_nid(&mb, section, bits));
		CHECK_EQ_INT(g, w);
		if (g && w)
			CHECK_EQ_U64(got, want);
	}
}

static void test_against_reference(void)
{
	for (unsigned int i = 0; i < 300; i++)
		one_board(i % 2 ? 27 : 14);
}

int main(void)
{
	RUN_TEST(test_against_reference);
	return CHECK_DONE("test_numa_sections");
}
