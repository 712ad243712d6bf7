/* SPDX-License-Identifier: MIT */
/*
 * The translation of a computed layout (include/vmlayout/xlate.h): exact
 * answers on the msm8974 board (seed 002 example 8: the largest hole
 * squeezed out of the linear map; example 9: holes become vmalloc space),
 * and a property test over random boards of every arch and strategy against
 * a reference that scans every linear segment.
 */
#include "check.h"
#include "vmlayout/xlate.h"

static struct vml_memblock_region mem_r[256], res_r[256];
static struct vml_layout lo;
static struct vml_memblock mb;
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* msm8974: 2 GiB at 0, holes [0x05b00000, +2M) and [0x07500000, +171M). */
static int msm8974(enum vml_reclaim reclaim)
{
	struct vml_board b;
	struct vml_kernel_config c;
	struct vml_diag d = {0};

	vml_board_init(&b);
	b.memory[0] = (struct vml_range64){0, 0x80000000ULL};
	b.n_memory = 1;
	b.remove[0] = (struct vml_range64){0x05b00000, 2 << 20};
	b.remove[1] = (struct vml_range64){0x07500000, 171 << 20};
	b.n_remove = 2;
	vml_kernel_config_init_profile(&c, VML_ARCH_ARM, "3.4");
	c.reclaim = reclaim;
	c.vmalloc_set = true;
	c.vmalloc_size = 400ULL << 20;
	vml_memblock_init(&mb, mem_r, 256, res_r, 256, ~0ULL, 4096);
	return vml_layout_compute(&b, &c, &mb, &lo, &d);
}

static void test_dont_map_hole(void)
{
	struct vml_xlate x;
	uint64_t pa = 0, va = 0;

	CHECK_EQ_INT(msm8974(VML_RECLAIM_DONT_MAP_HOLE), 0);
	CHECK_EQ_INT(vml_xlate_init(&x, &lo, &mb, NULL), 0);
	/* below the hole: PAGE_OFFSET + pa */
	CHECK_EQ_INT(vml_xlate_virt_to_phys(&x, 0xc0100000, &pa), VML_XLATE_LINEAR);
	CHECK_EQ_U64(pa, 0x00100000);
	/* after the largest hole (0x07500000..0x12000000): the memory at
	 * 0x12000000 sits at 0xc7600000, 1 MiB after the hole's VA start (the
	 * 2 MiB congruence fix, msm find_memory_hole) */
	CHECK_EQ_INT(vml_xlate_virt_to_phys(&x, 0xc7600000, &pa), VML_XLATE_LINEAR);
	CHECK_EQ_U64(pa, 0x12000000);
	CHECK(vml_xlate_phys_to_virt(&x, 0x12345000, &va));
	CHECK_EQ_U64(va, 0xc7945000);
	/* the hole's own VA and PA translate to nothing */
	CHECK_EQ_INT(vml_xlate_virt_to_phys(&x, 0xc7500000, &pa), VML_XLATE_NONE);
	CHECK(!vml_xlate_phys_to_virt(&x, 0x08000000, &va));
	CHECK(!vml_xlate_pfn_valid(&x, 0x08000000 >> 12));
	CHECK(vml_xlate_pfn_valid(&x, 0x12000000 >> 12));
	CHECK(vml_xlate_virt_addr_valid(&x, 0xc7600000));
	CHECK(!vml_xlate_virt_addr_valid(&x, 0xc7500000));
}

static void test_intermix(void)
{
	struct vml_xlate x;
	uint64_t pa = 0;

	CHECK_EQ_INT(msm8974(VML_RECLAIM_VMALLOC_SAVING), 0);
	CHECK_EQ_INT(vml_xlate_init(&x, &lo, &mb, NULL), 0);
	CHECK_EQ_INT(x.n, 3); /* three lowmem pieces, one offset */
	CHECK(x.one_offset);
	/* the 171 MiB hole's VA [0xc7500000, 0xd2000000) is vmalloc space */
	CHECK_EQ_INT(vml_xlate_virt_to_phys(&x, 0xc7500000, &pa), VML_XLATE_NONE);
	CHECK(!vml_xlate_virt_addr_valid(&x, 0xd1fff000));
	CHECK_EQ_INT(vml_xlate_virt_to_phys(&x, 0xd2000000, &pa), VML_XLATE_LINEAR);
	CHECK_EQ_U64(pa, 0x12000000);
	CHECK(vml_xlate_virt_addr_valid(&x, 0xd2000000));
}

/* What __pa()/is_vmalloc_addr() cost per strategy on msm8974 (3.4):
 * none keeps one offset and lowmem in one VA piece; hole has two offsets
 * (MEM_HOLE_*); intermix puts vmalloc pieces between 3 lowmem pieces. */
static void test_cost_per_strategy(void)
{
	struct vml_xlate x;
	unsigned int k = 0;

	CHECK_EQ_INT(msm8974(VML_RECLAIM_NONE), 0);
	CHECK_EQ_INT(vml_xlate_init(&x, &lo, &mb, NULL), 0);
	CHECK_EQ_INT(vml_xlate_cost(&x, &k), VML_XLATE_COST_SUB);
	CHECK_EQ_INT(k, 1);
	CHECK_EQ_INT(msm8974(VML_RECLAIM_DONT_MAP_HOLE), 0);
	CHECK_EQ_INT(vml_xlate_init(&x, &lo, &mb, NULL), 0);
	CHECK_EQ_INT(vml_xlate_cost(&x, &k), VML_XLATE_COST_CMP_SUB);
	CHECK_EQ_INT(k, 2);
	CHECK_EQ_INT(msm8974(VML_RECLAIM_VMALLOC_SAVING), 0);
	CHECK_EQ_INT(vml_xlate_init(&x, &lo, &mb, NULL), 0);
	CHECK_EQ_INT(vml_xlate_cost(&x, &k), VML_XLATE_COST_SEARCH);
	CHECK_EQ_INT(k, 3);
}

/* The reference: a scan of every segment. */
static bool ref_v2p(uint64_t va, uint64_t *pa)
{
	for (unsigned int i = 0; i < lo.n_segments; i++) {
		const struct vml_linear_segment *s = &lo.segments[i];

		if (va >= s->virt && va - s->virt < s->size) {
			*pa = s->phys + (va - s->virt);
			return true;
		}
	}
	return false;
}

static void random_board(struct vml_board *b, struct vml_kernel_config *c)
{
	static const enum vml_arch arches[] = {VML_ARCH_ARM, VML_ARCH_ARM, VML_ARCH_ARM64,
					       VML_ARCH_RISCV64};
	enum vml_arch arch = arches[rnd() % 4];
	uint64_t base = arch == VML_ARCH_ARM ? (rnd() % 4) << 28 : 0x80000000ULL;

	vml_board_init(b);
	b->memory[0] = (struct vml_range64){base, (64 + rnd() % 2048) << 20};
	b->n_memory = 1;
	for (unsigned int i = 0; i < rnd() % 3; i++)
		b->remove[b->n_remove++] =
		    (struct vml_range64){base + ((1 + rnd() % 200) << 20), (1 + rnd() % 40) << 20};
	if (arch == VML_ARCH_ARM) {
		vml_kernel_config_init_profile(c, arch, rnd() % 2 ? "3.4" : "6.1");
		if (c->profile[0] == '3')
			c->reclaim = (enum vml_reclaim)(rnd() % 3);
	} else {
		vml_kernel_config_init_profile(c, arch, arch == VML_ARCH_ARM64 ? "6.12" : "6.12");
	}
}

static void test_random_layouts_agree_with_a_scan(void)
{
	unsigned int done = 0;

	for (int n = 0; n < 3000; n++) {
		struct vml_board b;
		struct vml_kernel_config c;
		struct vml_diag d = {0};
		struct vml_xlate x;

		random_board(&b, &c);
		vml_memblock_init(&mb, mem_r, 256, res_r, 256, ~0ULL, c.page_size);
		if (vml_layout_compute(&b, &c, &mb, &lo, &d))
			continue;
		done++;
		CHECK_EQ_INT(vml_xlate_init(&x, &lo, &mb, NULL), 0);
		for (int k = 0; k < 40; k++) {
			const struct vml_linear_segment *s =
			    lo.n_segments ? &lo.segments[rnd() % lo.n_segments] : NULL;
			uint64_t va = s ? s->virt + rnd() % (s->size + (16 << 20)) - (8 << 20)
					: lo.page_offset + (rnd() % (1ULL << 30));
			uint64_t pa = 0, want = 0, back = 0;
			enum vml_xlate_how how = vml_xlate_virt_to_phys(&x, va, &pa);
			bool linear = ref_v2p(va, &want);

			CHECK(linear == (how == VML_XLATE_LINEAR));
			if (linear) {
				CHECK_EQ_U64(pa, want);
				CHECK(vml_xlate_phys_to_virt(&x, pa, &back));
				CHECK_EQ_U64(back, va); /* __va(__pa(x)) == x on the linear map */
				/* mapped lowmem is memory the kernel maps */
				CHECK(vml_xlate_pfn_valid(&x, pa >> x.page_shift));
			}
			if (check_failures_in_test)
				return;
		}
	}
	CHECK(done > 1500);
}

/* 128 segments of random sizes and gaps (some tiny, so several share a
 * bucket), or 2-17 wide ones (buckets inside one segment answer from the
 * table): every page's lookup agrees with the scan, by virt and by phys. */
static void test_many_segments_against_a_scan(void)
{
	for (int round = 0; round < 50; round++) {
		struct vml_xlate x;
		uint64_t v = 0xc0000000, p = 0x80000000;

		bool large = round % 2; /* few segments wider than a bucket */

		vml_zero(&lo, sizeof(lo));
		lo.n_segments = large ? 2 + (unsigned int)(rnd() % 16) : VML_LAYOUT_MAX_SEGMENTS;
		for (unsigned int i = 0; i < lo.n_segments; i++) {
			uint64_t size = large	    ? (1 + rnd() % 4096) << 12
					: rnd() % 4 ? (1 + rnd() % 64) << 12
						    : (1 + rnd() % 4096) << 12;

			lo.segments[i] = (struct vml_linear_segment){v, p, size};
			v += size + ((rnd() % 3) << 12);
			p += size + ((rnd() % 5) << 12);
		}
		CHECK_EQ_INT(vml_xlate_init(&x, &lo, NULL, NULL), 0);
		for (uint64_t va = 0xc0000000 - 0x3000; va < v + 0x3000; va += 0x1000) {
			uint64_t pa = 0, want = 0, back = 0;
			bool linear = ref_v2p(va, &want);

			CHECK_EQ_INT(vml_xlate_virt_to_phys(&x, va, &pa) == VML_XLATE_LINEAR,
				     linear);
			if (linear) {
				CHECK_EQ_U64(pa, want);
				CHECK(vml_xlate_phys_to_virt(&x, pa, &back) && back == va);
			}
			if (check_failures_in_test)
				return;
		}
	}
}

/* The reference by physical address: a scan of every segment. */
static bool ref_p2v(uint64_t pa, uint64_t *va)
{
	for (unsigned int i = 0; i < lo.n_segments; i++) {
		const struct vml_linear_segment *s = &lo.segments[i];

		if (pa >= s->phys && pa - s->phys < s->size) {
			*va = s->virt + (pa - s->phys);
			return true;
		}
	}
	return false;
}

/* Both ways, @a against the scans. */
static void check_both_ways(const struct vml_xlate *x, uint64_t a)
{
	uint64_t got = 0, want = 0;
	bool linear = ref_v2p(a, &want);

	CHECK_EQ_INT(vml_xlate_virt_to_phys(x, a, &got),
		     linear ? VML_XLATE_LINEAR : VML_XLATE_NONE);
	if (linear)
		CHECK_EQ_U64(got, want);
	linear = ref_p2v(a, &want);
	CHECK_EQ_INT(vml_xlate_phys_to_virt(x, a, &got), linear);
	if (linear)
		CHECK_EQ_U64(got, want);
}

/* A size of 0, a byte, a page or up to 4 GiB. */
static uint64_t random_size(void)
{
	switch (rnd() % 4) {
	case 0:
		return rnd() % 2;
	case 1:
		return 4096;
	default:
		return 1 + rnd() % (1ULL << 32);
	}
}

/* Random in [0, @max]. */
static uint64_t upto(uint64_t max)
{
	return max == ~0ULL ? rnd() : rnd() % (max + 1);
}

/* One or two segments (the table-free path: which of the two holds an
 * address is picked by a compare, not looked up): anywhere in the 64-bit
 * space, touching or not, the second with the first's offset or another,
 * up against 0 and the top; every edge +-1 and random addresses, by virt
 * and by phys, agree with the scans; NONE outside. */
static void test_one_or_two_segments_at_every_edge(void)
{
	for (int round = 0; round < 20000; round++) {
		struct vml_xlate x;
		unsigned int n = 1 + (unsigned int)(rnd() % 2);
		uint64_t v = rnd() % 3 ? rnd() : 0, p = rnd() % 3 ? rnd() : 0, edges[16];
		uint64_t s0 = random_size(), s1 = random_size();

		if (rnd() % 4 == 0) /* up against the top of the address space */
			v = 0 - s0 - (n == 2 ? s1 : 0);
		/* the segments must fit without wrapping, ordered both ways */
		if (v + s0 < v || p + s0 < p ||
		    (n == 2 && (v + s0 + s1 < v + s0 || p + s0 + s1 < p + s0)))
			continue;
		vml_zero(&lo, sizeof(lo));
		lo.n_segments = n;
		lo.segments[0] = (struct vml_linear_segment){v, p, s0};
		if (n == 2) {
			uint64_t vroom = 0 - (v + s0 + s1), proom = 0 - (p + s0 + s1);
			uint64_t vgap = rnd() % 2 ? 0 : upto(vroom);
			uint64_t pgap = rnd() % 2 && vgap <= proom ? vgap : upto(proom);

			lo.segments[1] =
			    (struct vml_linear_segment){v + s0 + vgap, p + s0 + pgap, s1};
		}
		CHECK_EQ_INT(vml_xlate_init(&x, &lo, NULL, NULL), 0);
		for (unsigned int i = 0; i < n; i++) {
			const struct vml_linear_segment *s = &lo.segments[i];

			edges[8 * i + 0] = s->virt;
			edges[8 * i + 1] = s->virt + s->size;
			edges[8 * i + 2] = s->phys;
			edges[8 * i + 3] = s->phys + s->size;
			edges[8 * i + 4] = s->virt + rnd() % (s->size + 1);
			edges[8 * i + 5] = s->phys + rnd() % (s->size + 1);
			edges[8 * i + 6] = rnd();
			edges[8 * i + 7] = 0;
		}
		for (unsigned int e = 0; e < 8 * n; e++)
			for (uint64_t d = 0; d < 3; d++)
				check_both_ways(&x, edges[e] + d - 1);
		if (check_failures_in_test)
			return;
	}
}

int main(void)
{
	RUN_TEST(test_dont_map_hole);
	RUN_TEST(test_intermix);
	RUN_TEST(test_cost_per_strategy);
	RUN_TEST(test_random_layouts_agree_with_a_scan);
	RUN_TEST(test_many_segments_against_a_scan);
	RUN_TEST(test_one_or_two_segments_at_every_edge);
	return CHECK_DONE("test_xlate");
}
