/* SPDX-License-Identifier: MIT */
/*
 * Property test of the 32-bit ARM layout policies: random boards (1-4 banks,
 * holes, unaligned edges, RAM above 4 GiB with LPAE), random vmalloc=,
 * split, HIGHMEM, profile and msm reclaim option. Every result must keep the
 * kernel's invariants (arch/arm/mm/mmu.c, arch/arm/include/asm/pgtable.h):
 * VMALLOC_START is the first 8 MiB multiple above high_memory, high_memory is
 * __va(arm_lowmem_limit - 1) + 1 for the plain linear map, 6.1 lowmem never
 * passes vmalloc_limit and VmallocTotal is at least vmalloc_size, the zones
 * tile [min_pfn, max_pfn) and count every memory page once, the totals never
 * exceed the RAM, and a failure leaves memblock empty.
 */
#include <stdlib.h>

#include "check.h"
#include "vmlayout/layout.h"

static struct vml_memblock_region mem_r[128], res_r[128];
static struct vml_layout lo;
static struct vml_memblock mb;
static uint64_t rng_state;

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

static void random_case(struct vml_board *b, struct vml_kernel_config *c)
{
	static const unsigned int splits[] = {0, 1, 2, 3, 0x30};
	uint64_t base = (0x40000000ULL + (pick(8) << 28)) & 0xffffffffULL;

	vml_board_init(b);
	vml_kernel_config_init(c, VML_ARCH_ARM);
	strcpy(c->profile, pick(2) ? "6.1" : "3.4");
	c->arm_lpae = pick(4) == 0;
	c->highmem = pick(6) != 0;
	c->vmsplit = splits[pick(5)];
	if (c->vmsplit == 0x30 && c->arm_lpae)
		c->vmsplit = 3;
	if (pick(2)) {
		c->vmalloc_set = true;
		c->vmalloc_size = (8 + pick(1200)) << 20;
	}
	if (!strcmp(c->profile, "3.4") && pick(3) == 0)
		c->reclaim = pick(2) ? VML_RECLAIM_VMALLOC_SAVING : VML_RECLAIM_NONE;
	c->zone_dma = pick(3) == 0;
	c->cma = pick(2);
	c->cma_size_mbytes = 16;
	for (unsigned int i = 1 + pick(4); i; i--) {
		uint64_t size = (1 + pick(1024)) << 20;

		if (pick(4) == 0)
			size += pick(1 << 20) & ~0xfffULL; /* unaligned end */
		if (b->n_memory && pick(2))
			base += (1 + pick(64)) << 20; /* a hole */
		if (!c->arm_lpae && base + size > 0x100000000ULL)
			break;
		b->memory[b->n_memory].base = base;
		b->memory[b->n_memory++].size = size;
		base += size;
		base = (base + 0xfffff) & ~0xfffffULL;
	}
}

static uint64_t memory_pages(void)
{
	uint64_t pages = 0;

	for (unsigned int i = 0; i < mb.memory.cnt; i++) {
		uint64_t s = (mb.memory.regions[i].base + 0xfff) >> 12;
		uint64_t e = (mb.memory.regions[i].base + mb.memory.regions[i].size) >> 12;

		pages += e > s ? e - s : 0;
	}
	return pages;
}

static void check_invariants(const struct vml_kernel_config *c, unsigned int iter)
{
	uint64_t present = 0, prev_end = 0;
	int bad = 0;

	bad |= lo.vmalloc_start % VML_SZ_8M != 0;
	bad |= lo.vmalloc_start <= lo.high_memory || lo.vmalloc_start - lo.high_memory > VML_SZ_8M;
	if (c->reclaim == VML_RECLAIM_NONE)
		bad |=
		    lo.high_memory !=
		    ((lo.lowmem_limit - 1 - lo.phys_offset + lo.page_offset) & 0xffffffffULL) + 1;
	if (!strcmp(lo.profile, "6.1")) {
		bad |= lo.lowmem_limit > lo.vmalloc_min;
		bad |= lo.vmalloc_total <
		       (c->vmalloc_set
			    ? (c->vmalloc_size < VML_SZ_16M
				   ? VML_SZ_16M
				   : vml_min(c->vmalloc_size,
					     lo.vmalloc_end - lo.page_offset - 40 * VML_SZ_1M))
			    : 240 * VML_SZ_1M);
	}
	for (unsigned int z = 0; z < lo.n_zones; z++) {
		if (z && lo.zones[z].start_pfn != prev_end)
			bad |= 1;
		prev_end =
		    lo.zones[z].end_pfn > lo.zones[z].start_pfn ? lo.zones[z].end_pfn : prev_end;
		present += lo.zones[z].present_pages;
	}
	if (c->highmem)
		bad |= present != memory_pages();
	bad |= lo.mem_total_kb * 1024 > memory_pages() * 4096;
	bad |= lo.high_total_kb * 1024 > lo.highmem_ram;
	bad |= lo.low_total_kb + lo.high_total_kb != lo.mem_total_kb;
	for (unsigned int s = 0; s < lo.n_segments; s++) {
		const struct vml_linear_segment *seg = &lo.segments[s];

		bad |= seg->virt < lo.page_offset || seg->virt + seg->size > lo.high_memory;
		bad |= seg->phys + seg->size > lo.lowmem_limit;
	}
	if (bad) {
		fprintf(
		    stderr,
		    "  iteration %u (%s): invariant broken: limit 0x%llx high 0x%llx vstart 0x%llx "
		    "vtotal 0x%llx MemTotal %llu\n",
		    iter, lo.profile, (unsigned long long)lo.lowmem_limit,
		    (unsigned long long)lo.high_memory, (unsigned long long)lo.vmalloc_start,
		    (unsigned long long)lo.vmalloc_total, (unsigned long long)lo.mem_total_kb);
		check_failures_in_test++;
	}
}

static void test_random_layouts_keep_invariants(void)
{
	unsigned int ok = 0, refused = 0;

	for (unsigned int iter = 0; iter < 4000 && check_failures_in_test < 5; iter++) {
		struct vml_board board;
		struct vml_kernel_config cfg;
		struct vml_diag diag = {0, NULL, 0, 0, -1};
		int ret;

		random_case(&board, &cfg);
		vml_memblock_init(&mb, mem_r, 128, res_r, 128, ~0ULL, 4096);
		ret = vml_layout_compute(&board, &cfg, &mb, &lo, &diag);
		if (ret) {
			/* a refusal names a rule and leaves memblock as it was */
			if (!diag.rule || mb.memory.cnt || mb.reserved.cnt) {
				fprintf(stderr,
					"  iteration %u: error %d without rule or restore\n", iter,
					ret);
				check_failures_in_test++;
			}
			refused++;
			continue;
		}
		ok++;
		check_invariants(&cfg, iter);
	}
	printf("  %u layouts checked, %u refused with a rule\n", ok, refused);
	CHECK(ok > 2000);
}

int main(int argc, char **argv)
{
	rng_state = argc > 1 ? strtoull(argv[1], NULL, 0) : 0x61726d33326c6179ULL;
	printf("seed 0x%llx\n", (unsigned long long)rng_state);
	RUN_TEST(test_random_layouts_keep_invariants);
	return CHECK_DONE("test_arm_layout_property");
}
