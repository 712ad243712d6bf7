/* SPDX-License-Identifier: MIT */
/*
 * Property test of the riscv64 layout policies: random boards (1-3 banks,
 * bases anywhere from 0 to 64 GiB, sizes 32 MiB .. 256 GiB, edges on 4 KiB),
 * random profile, CPU paging mode, DT mmu-type, no4lvl/no5lvl, KASAN,
 * KASLR seed, CMA, mem= and image size and place. Every result must keep the
 * kernel's invariants (arch/riscv/include/asm/pgtable.h, mm/init.c):
 * the areas below PAGE_OFFSET are contiguous (fixmap, PCI I/O, vmemmap,
 * vmalloc) with their sizes; the mode is the one set_satp_mode() picks;
 * every mapped RAM byte lies in the linear area; high_memory is
 * __va(end of DRAM); 6.x: phys_ram_base is the DRAM start & ~2M, the image
 * sits 2 MiB aligned in [KERNEL_LINK_ADDR, + 1 GiB) with the modules the
 * 2 GiB below its end, KASAN (when on) ends at 0xffffffff00000000 and does
 * not meet the linear area; the zones tile [min_pfn, max_pfn) and count every
 * mapped page once; MemTotal never exceeds RAM; a failure leaves memblock
 * and the layout empty.
 */
#include <stdlib.h>

#include "check.h"
#include "vmlayout/layout.h"

#define G(x) ((uint64_t)(x) << 30)
#define M(x) ((uint64_t)(x) << 20)

static struct vml_memblock_region mem_r[128], res_r[128];
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

static uint64_t pick(uint64_t n)
{
	return rnd() % n;
}

static const unsigned int modes[3] = {39, 48, 57};

static void random_case(struct vml_board *b, struct vml_kernel_config *c)
{
	static const char *const profiles[] = {"5.10", "6.12", "6.18", "6.12.9", "6.18.3"};
	uint64_t base = pick(2) ? 0x80000000ULL : pick(64) << 30;

	vml_board_init(b);
	vml_kernel_config_init(c, VML_ARCH_RISCV64);
	strcpy(c->profile, profiles[pick(5)]);
	c->cpu_va_bits = pick(3) ? modes[pick(3)] : 0;
	b->riscv_mmu_type = pick(3) ? modes[pick(3)] : 0;
	c->no4lvl = pick(6) == 0;
	c->no5lvl = pick(5) == 0;
	c->kasan = pick(3) == 0;
	c->randomize_base = pick(2);
	c->kaslr_seed = rnd();
	c->nokaslr = pick(5) == 0;
	c->cma = pick(3) == 0;
	c->cma_size_mbytes = 16 + pick(256);
	c->image_size = pick(8) ? (M(8) + pick(M(60))) & ~0xfffULL : 0;
	if (pick(4) == 0) {
		c->n_mem_args = 1;
		c->mem_size[0] = M(64) + pick(G(64));
	}
	for (unsigned int i = 1 + pick(3); i; i--) {
		uint64_t size =
		    pick(4) ? M(32) + (pick(G(8)) & ~0xfffULL) : G(1) + (pick(G(256)) & ~0xfffULL);

		if (pick(5) == 0)
			base += pick(M(2)) & ~0xfffULL; /* an edge off 2 MiB */
		b->memory[b->n_memory].base = base;
		b->memory[b->n_memory].size = size;
		b->n_memory++;
		base += size + (pick(2) ? 0 : pick(G(4)) & ~0xfffULL);
	}
	if (pick(3) == 0) {
		c->load_phys_set = true;
		c->load_phys = vml_align_down(b->memory[0].base + pick(b->memory[0].size), M(2));
	}
}

/* set_satp_mode()'s pick with vmlayout's stand-in for the probe. */
static unsigned int want_mode(const struct vml_board *b, const struct vml_kernel_config *c)
{
	unsigned int cpu = c->cpu_va_bits      ? c->cpu_va_bits
			   : b->riscv_mmu_type ? b->riscv_mmu_type
					       : c->va_bits;
	unsigned int start = c->no4lvl ? 39 : c->no5lvl ? 48 : 57;

	if (!strcmp(c->profile, "5.10"))
		return 39;
	if (!strncmp(c->profile, "6.18", 4) && !c->no4lvl &&
	    (b->riscv_mmu_type == 39 || b->riscv_mmu_type == 48) && b->riscv_mmu_type < start)
		start = b->riscv_mmu_type;
	if (start == 39)
		return 39;
	return start < cpu ? start : cpu;
}

static uint64_t region_size(const char *name)
{
	const struct vml_vregion *r = vml_layout_find_region(&lo, name);

	return r ? r->end - r->start : 0;
}

static const struct vml_vregion *reg(const char *name)
{
	static const struct vml_vregion none = {"", 0, 0};
	const struct vml_vregion *r = vml_layout_find_region(&lo, name);

	CHECK(r != NULL);
	return r ? r : &none;
}

static void check_areas(const struct vml_kernel_config *c, bool v5, unsigned int va_bits)
{
	CHECK_EQ_U64(reg("fixmap")->end, reg("pci_io")->start);
	CHECK_EQ_U64(reg("pci_io")->end, reg("vmemmap")->start);
	CHECK_EQ_U64(reg("vmemmap")->end, reg("vmalloc")->start);
	CHECK_EQ_U64(reg("vmalloc")->end, lo.page_offset);
	CHECK_EQ_U64(reg("linear")->start, lo.page_offset);
	CHECK_EQ_U64(region_size("fixmap"), v5 ? M(2) : M(6));
	CHECK_EQ_U64(region_size("pci_io"), M(16));
	/* VMEMMAP_SIZE = 2^(VA_BITS - 12 - 1 + 6) */
	CHECK_EQ_U64(region_size("vmemmap"), 1ULL << (va_bits - 7));
	CHECK_EQ_U64(lo.vmalloc_start, reg("vmalloc")->start);
	if (c->kasan && !v5) {
		CHECK_EQ_U64(reg("kasan")->end, 0xffffffff00000000ULL);
		CHECK(reg("linear")->end <= reg("kasan")->start);
	}
}

static void check_kernel(const struct vml_kernel_config *c, bool v5)
{
	const struct vml_vregion *k = reg("kernel"), *m = reg("modules");

	if (v5) {
		CHECK_EQ_U64(k->start, lo.page_offset);
		CHECK_EQ_U64(m->end, lo.page_offset);
		return;
	}
	CHECK(k->start >= 0xffffffff80000000ULL);
	CHECK(k->end <= 0xffffffffc0000000ULL || k->end == k->start);
	CHECK(vml_is_aligned(k->start, M(2)));
	if (!c->randomize_base || c->nokaslr)
		CHECK_EQ_U64(k->start, 0xffffffff80000000ULL);
	CHECK_EQ_U64(m->end, k->start);
	CHECK_EQ_U64(m->start, k->end - G(2));
}

static void check_physical(bool v5)
{
	struct vml_memblock_iter it = VML_MEMBLOCK_ITER_INIT;
	const uint64_t dram_end = vml_memblock_end_of_DRAM(&mb);
	const uint64_t linear_end = reg("linear")->end;
	uint64_t pages = 0, present = 0;
	vml_phys_t start, end;

	if (!v5)
		CHECK_EQ_U64(lo.phys_offset, vml_memblock_start_of_DRAM(&mb) & ~(M(2) - 1));
	CHECK_EQ_U64(lo.high_memory, lo.page_offset + dram_end - lo.phys_offset);
	while (vml_memblock_next_mem_range(&mb, &it, VML_MEMBLOCK_NOMAP, &start, &end)) {
		pages += (end >> 12) - (vml_align_up(start, 4096) >> 12);
		if (end > lo.phys_offset && linear_end)
			CHECK(lo.page_offset + (end - 1 - lo.phys_offset) < linear_end);
	}
	for (unsigned int i = 0; i < lo.n_zones; i++) {
		present += lo.zones[i].present_pages;
		if (i)
			CHECK_EQ_U64(lo.zones[i].start_pfn, lo.zones[i - 1].end_pfn);
	}
	CHECK_EQ_U64(lo.zones[lo.n_zones - 1].end_pfn, dram_end >> 12);
	CHECK_EQ_U64(present, pages);
	CHECK(lo.mem_total_kb * 1024 <= vml_memblock_phys_mem_size(&mb));
}

static unsigned int n_ok, n_refused;

static void one_case(void)
{
	struct vml_board b;
	struct vml_kernel_config c;
	struct vml_diag d;
	bool v5;
	int ret;

	random_case(&b, &c);
	v5 = !strcmp(c.profile, "5.10");
	vml_memblock_init(&mb, mem_r, 128, res_r, 128, ~0ULL, 4096);
	ret = vml_layout_compute(&b, &c, &mb, &lo, &d);
	if (ret) {
		n_refused++;
		if (getenv("RV_WHY"))
			fprintf(stderr, "refused: %s (%s)\n", d.rule ? d.rule : "?", c.profile);
		CHECK_EQ_INT(mb.memory.cnt, 0);
		CHECK_EQ_INT(lo.n_regions, 0);
		CHECK(d.rule != NULL);
		return;
	}
	{
		unsigned int va_bits = lo.page_offset == 0xff60000000000000ULL	 ? 57
				       : lo.page_offset == 0xffffaf8000000000ULL ? 48
										 : 39;

		CHECK_EQ_INT(va_bits, want_mode(&b, &c));
		check_areas(&c, v5, va_bits);
	}
	check_kernel(&c, v5);
	check_physical(v5);
	n_ok++;
}

static void test_random_boards_keep_invariants(void)
{
	unsigned int ok_before = 0;

	for (int i = 0; i < 3000; i++) {
		one_case();
		if (check_failures_in_test && !ok_before) {
			fprintf(stderr, "  first failure at case %d\n", i);
			ok_before = 1;
		}
		if (check_failures_in_test > 20)
			break;
	}
	/* the cases must mostly compute, or the invariants test nothing */
	printf("  %u computed, %u refused\n", n_ok, n_refused);
	CHECK(n_ok > 2000);
}

int main(void)
{
	RUN_TEST(test_random_boards_keep_invariants);
	return CHECK_DONE("test_riscv_layout_property");
}
