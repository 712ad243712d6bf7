/* SPDX-License-Identifier: MIT */
/*
 * Property test of the hole-reclaim strategies (none, hole, intermix) on
 * both 32-bit ARM profiles: random boards with random holes (gaps between
 * banks, msm qcom,memblock-remove ranges on 3.4, no-map carve-outs on 6.1),
 * random VMSPLIT, vmalloc= and LPAE. For every layout computed:
 *   - every lowmem physical page (mapped memory below the lowmem limit)
 *     maps to exactly one virtual address inside [PAGE_OFFSET, high_memory)
 *     and back, consecutive pages to consecutive addresses, and no two
 *     lowmem ranges share a virtual address; no page above the limit or in
 *     a hole has a linear address;
 *   - no vmalloc piece overlaps a lowmem mapping, another vmalloc piece or
 *     any other region (the static areas the kernel puts inside vmalloc
 *     space, PCI I/O, excepted);
 *   - high_memory and every region lie inside the 32-bit address space
 *     (start < end <= 2^32, no wrap), vmalloc pieces above PAGE_OFFSET and
 *     below VMALLOC_END;
 * and a refused configuration names its rule and leaves memblock empty.
 * Usage: test_arm_reclaim_property [seed]
 */
#include <stdlib.h>

#include "check.h"
#include "vmlayout/layout.h"
#include "vmlayout/xlate.h"

#define M(x) ((uint64_t)(x) << 20)
#define PG 0x1000ULL

static struct vml_memblock_region mem_r[256], res_r[256];
static struct vml_layout lo;
static struct vml_memblock mb;
static uint64_t rng_state;
static uint64_t pages_checked;

static uint64_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static uint64_t pick(uint64_t n)
{
	return rnd() % n;
}

/* 1-5 banks from a 128 MiB aligned base, MiB-granular gaps (mostly below
 * 256 MiB, where msm counts them), sometimes an msm remove range (3.4) or a
 * no-map carve-out (6.1) inside a bank. */
static void random_board(struct vml_board *b, const struct vml_kernel_config *c)
{
	bool is34 = !strcmp(c->profile, "3.4");
	uint64_t base = (pick(8) << 28) & 0xffffffffULL, p = base;
	unsigned int n = 1 + (unsigned int)pick(5);

	vml_board_init(b);
	for (unsigned int i = 0; i < n; i++) {
		uint64_t size = M(8 + pick(pick(3) ? 200 : 1200));

		if (p + size > 0x100000000ULL)
			size = 0x100000000ULL - p;
		if (size < M(8))
			break;
		b->memory[b->n_memory++] = (struct vml_range64){p, size};
		p += size + M(1 + pick(pick(4) ? 40 : 300));
		if (p >= 0x100000000ULL - M(8))
			break;
	}
	if (pick(3) == 0) {
		const struct vml_range64 *bank = &b->memory[pick(b->n_memory)];
		uint64_t off = M(pick(bank->size >> 20)), len = M(1 + pick(32));

		if (off + len < bank->size && off) {
			if (is34) {
				b->remove[b->n_remove++] =
				    (struct vml_range64){bank->base + off, len};
			} else {
				struct vml_board_reserved *r = &b->reserved[b->n_reserved++];

				vml_zero(r, sizeof(*r));
				strcpy(r->name, "carveout");
				r->base = bank->base + off;
				r->size = len;
				r->nomap = true;
			}
		}
	}
}

static void random_config(struct vml_kernel_config *c)
{
	static const unsigned int splits[] = {3, 3, 0x30, 2, 1};

	vml_kernel_config_init_profile(c, VML_ARCH_ARM, pick(2) ? "6.1" : "3.4");
	c->reclaim = (enum vml_reclaim)pick(3);
	c->arm_lpae = pick(5) == 0;
	c->vmsplit = splits[pick(5)];
	if (c->vmsplit == 0x30 && c->arm_lpae)
		c->vmsplit = 3;
	c->highmem = pick(8) != 0;
	c->pci = pick(2);
	if (pick(3)) {
		c->vmalloc_set = true;
		c->vmalloc_size = M(16 + pick(900));
	}
}

static bool is_space(const char *name)
{
	return !strcmp(name, "vmalloc") || !strcmp(name, "vmalloc_hole");
}

static bool overlap(uint64_t a0, uint64_t a1, uint64_t b0, uint64_t b1)
{
	return a0 < b1 && b0 < a1;
}

/* Every mapped page below the limit, both ways; the first failure is
 * reported with the page. */
static void check_lowmem_pages(const struct vml_xlate *x)
{
	struct vml_memblock_iter it = VML_MEMBLOCK_ITER_INIT;
	uint64_t prev_vend = 0;
	vml_phys_t start, end;

	while (vml_memblock_next_mem_range(&mb, &it, VML_MEMBLOCK_NONE, &start, &end)) {
		uint64_t s = vml_align_up(start, PG), e = vml_min(end, lo.lowmem_limit) & ~(PG - 1);
		uint64_t va0 = 0, va = 0, back = 0;

		if (s >= e)
			continue;
		CHECK(vml_xlate_phys_to_virt(x, s, &va0));
		/* ranges ascend in VA too: no two share an address */
		CHECK(va0 >= prev_vend);
		for (uint64_t pa = s; pa < e; pa += PG) {
			bool ok = vml_xlate_phys_to_virt(x, pa, &va) && va == va0 + (pa - s) &&
				  va >= lo.page_offset && va < lo.high_memory &&
				  vml_xlate_virt_to_phys(x, va, &back) == VML_XLATE_LINEAR &&
				  back == pa && vml_xlate_virt_addr_valid(x, va);

			pages_checked++;
			if (!ok) {
				fprintf(stderr, "  page 0x%llx: va 0x%llx back 0x%llx\n",
					(unsigned long long)pa, (unsigned long long)va,
					(unsigned long long)back);
				check_failures_in_test++;
				return;
			}
		}
		prev_vend = va0 + (e - s);
		/* the page past the range's lowmem part has no linear address
		 * unless the next range starts right there */
		if (e == lo.lowmem_limit)
			CHECK(!vml_xlate_phys_to_virt(x, e, &va));
	}
}

static void check_regions(void)
{
	const uint64_t top = 0x100000000ULL;

	CHECK(lo.high_memory > lo.page_offset && lo.high_memory <= top);
	for (unsigned int i = 0; i < lo.n_regions; i++) {
		const struct vml_vregion *r = &lo.regions[i];

		CHECK(r->start < r->end && r->end <= top);
		if (!is_space(r->name))
			continue;
		CHECK(r->start >= lo.page_offset && r->end <= lo.vmalloc_end);
		for (unsigned int s = 0; s < lo.n_segments; s++)
			CHECK(!overlap(r->start, r->end, lo.segments[s].virt,
				       lo.segments[s].virt + lo.segments[s].size));
		for (unsigned int j = 0; j < lo.n_regions; j++) {
			const struct vml_vregion *o = &lo.regions[j];

			if (j == i || !strcmp(o->name, "lowmem") || !strcmp(o->name, "pci_io"))
				continue;
			if (overlap(r->start, r->end, o->start, o->end)) {
				fprintf(stderr,
					"  %s [0x%llx, 0x%llx) overlaps %s [0x%llx, 0x%llx)\n",
					r->name, (unsigned long long)r->start,
					(unsigned long long)r->end, o->name,
					(unsigned long long)o->start, (unsigned long long)o->end);
				check_failures_in_test++;
			}
		}
	}
	for (unsigned int s = 0; s < lo.n_segments; s++)
		CHECK(lo.segments[s].virt >= lo.page_offset &&
		      lo.segments[s].virt + lo.segments[s].size <= lo.high_memory);
}

static void test_random_boards_every_strategy(void)
{
	unsigned int ok = 0, refused = 0, per_reclaim[3] = {0}, per_profile[2] = {0};

	for (unsigned int iter = 0; iter < 800 && !check_failures_in_test; iter++) {
		struct vml_board b;
		struct vml_kernel_config c;
		struct vml_diag d = {0, NULL, 0, 0, -1};
		struct vml_xlate x;

		random_config(&c);
		random_board(&b, &c);
		vml_memblock_init(&mb, mem_r, 256, res_r, 256, ~0ULL, PG);
		if (vml_layout_compute(&b, &c, &mb, &lo, &d)) {
			CHECK(d.rule != NULL);
			CHECK_EQ_INT(mb.memory.cnt + mb.reserved.cnt, 0);
			refused++;
			continue;
		}
		ok++;
		per_reclaim[c.reclaim]++;
		per_profile[c.profile[0] == '6']++;
		CHECK_EQ_INT(vml_xlate_init(&x, &lo, &mb, NULL), 0);
		check_lowmem_pages(&x);
		check_regions();
		if (check_failures_in_test)
			fprintf(stderr, "  iteration %u: profile %s reclaim %d split %#x lpae %d\n",
				iter, c.profile, (int)c.reclaim, c.vmsplit, c.arm_lpae);
	}
	printf("  %u layouts (none %u, hole %u, intermix %u; 3.4 %u, 6.1 %u), %u refused, "
	       "%llu lowmem pages checked\n",
	       ok, per_reclaim[0], per_reclaim[1], per_reclaim[2], per_profile[0], per_profile[1],
	       refused, (unsigned long long)pages_checked);
	CHECK(ok > 700);
	CHECK(per_reclaim[0] > 150 && per_reclaim[1] > 150 && per_reclaim[2] > 150);
}

int main(int argc, char **argv)
{
	rng_state = argc > 1 ? strtoull(argv[1], NULL, 0) : 0x7265636c61696d21ULL;
	printf("seed 0x%llx\n", (unsigned long long)rng_state);
	RUN_TEST(test_random_boards_every_strategy);
	return CHECK_DONE("test_arm_reclaim_property");
}
