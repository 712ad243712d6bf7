/* SPDX-License-Identifier: MIT */
/*
 * DONT_MAP_HOLE_AFTER_MEMBANK0 on the 6.1 profile (src/arch/arm/
 * arm_memory_hole.c): msm-3.4's find_memory_hole() and MEM_HOLE_* translation
 * (arch/arm/mm/init.c, arch/arm/mach-msm/include/mach/memory.h of the msm8974
 * trees) applied to the memblock ranges of 6.1's adjust_lowmem_bounds()
 * (arch/arm/mm/mmu.c v6.1). Every expected value is worked by hand in the
 * comment above its check.
 */
#include "check.h"
#include "vmlayout/layout.h"
#include "vmlayout/xlate.h"

#define M(x) ((uint64_t)(x) << 20)

static struct vml_memblock_region mem_r[256], res_r[256];
static struct vml_layout lo;
static struct vml_memblock mb;
static struct vml_diag diag;

static int run(const struct vml_board *b, enum vml_reclaim reclaim, uint64_t vmalloc)
{
	struct vml_kernel_config c;

	vml_kernel_config_init_profile(&c, VML_ARCH_ARM, "6.1");
	c.reclaim = reclaim;
	if (vmalloc) {
		c.vmalloc_set = true;
		c.vmalloc_size = vmalloc;
	}
	vml_zero(&diag, sizeof(diag));
	vml_memblock_init(&mb, mem_r, 256, res_r, 256, ~0ULL, 4096);
	return vml_layout_compute(b, &c, &mb, &lo, &diag);
}

static unsigned int kmsgs_with(const char *needle)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < lo.n_kmsgs; i++)
		n += strstr(lo.kmsgs[i].fmt, needle) != NULL;
	return n;
}

static void bank(struct vml_board *b, uint64_t base, uint64_t size)
{
	b->memory[b->n_memory++] = (struct vml_range64){base, size};
}

/* The msm8974 board of seed 002 examples 7-9: RAM [0, 2 GiB) less the gaps
 * [0x05b00000, +2 MiB) and [0x07500000, 0x12000000) (171 MiB), vmalloc=400M.
 * vmalloc_min (virt) = 0xff800000 - 400 MiB - 8 MiB = 0xe6000000.
 * Largest gap starting below MAX_HOLE_ADDRESS (0x10000000): the 171 MiB one;
 * offset 0x07500000, hole_end_virt 0xc7500000 is an odd MiB while 0x12000000
 * is 2 MiB aligned, so align = 1 MiB and MEM_HOLE_PAGE_OFFSET = 0xc7600000.
 * vmalloc_limit = __pa(0xe6000000) = 0xe6000000 - 0xc7600000 + 0x12000000 =
 * 0x30a00000, as msm-3.4's example 8. Lowmem RAM 91 + 24 + 490 = 605 MiB
 * (none: 435, intermix: 608); high_memory = __va(0x309fffff) + 1 =
 * 0xe6000000, VMALLOC_START 0xe6800000, VmallocTotal 400 MiB. */
static void test_msm8974(void)
{
	struct vml_board b;
	struct vml_xlate x;
	uint64_t pa = 0, va = 0;

	vml_board_init(&b);
	bank(&b, 0, 0x05b00000);
	bank(&b, 0x05d00000, M(24));
	bank(&b, 0x12000000, 0x80000000ULL - 0x12000000);
	CHECK_EQ_INT(run(&b, VML_RECLAIM_DONT_MAP_HOLE, M(400)), 0);
	CHECK_EQ_U64(lo.vmalloc_min, 0x30a00000);
	CHECK_EQ_U64(lo.lowmem_limit, 0x30a00000);
	CHECK_EQ_U64(lo.high_memory, 0xe6000000);
	CHECK_EQ_U64(lo.vmalloc_start, 0xe6800000);
	CHECK_EQ_U64(lo.vmalloc_total, M(400));
	CHECK_EQ_U64(lo.lowmem_ram, M(605));
	CHECK_EQ_U64(lo.highmem_ram, M(2048 - 173 - 605));
	CHECK_EQ_INT(kmsgs_with("Physical memory hole is not aligned"), 1);
	CHECK_EQ_INT(lo.n_segments, 3);
	CHECK_EQ_U64(lo.segments[1].virt, 0xc5d00000);
	CHECK_EQ_U64(lo.segments[2].virt, 0xc7600000);
	CHECK_EQ_U64(lo.segments[2].phys, 0x12000000);
	CHECK_EQ_U64(lo.segments[2].size, 0x30a00000 - 0x12000000);
	CHECK_EQ_INT(vml_xlate_init(&x, &lo, &mb, NULL), 0);
	CHECK_EQ_INT(vml_xlate_virt_to_phys(&x, 0xe5fff000, &pa), VML_XLATE_LINEAR);
	CHECK_EQ_U64(pa, 0x309ff000);
	CHECK(vml_xlate_phys_to_virt(&x, 0x12000000, &va));
	CHECK_EQ_U64(va, 0xc7600000);
	/* the 1 MiB virtual hole left by the congruence fix maps nothing */
	CHECK_EQ_INT(vml_xlate_virt_to_phys(&x, 0xc7500000, &pa), VML_XLATE_NONE);
}

/* Seed 002 example 6 on 6.1: banks 0x80000000 + 136 MiB and 0x90000000 +
 * 768 MiB, vmalloc=400M. The gap [0x88800000, 0x90000000) (120 MiB) starts
 * below 0x90000000 = MAX_HOLE_ADDRESS; 0xc8800000 and 0x90000000 are both
 * 2 MiB aligned: align 0, MEM_HOLE_PAGE_OFFSET 0xc8800000, no message.
 * vmalloc_limit = 0xe6000000 - 0xc8800000 + 0x90000000 = 0xad800000; lowmem
 * RAM 136 + 472 = 608 MiB, highmem 296 MiB (none: 488 and 416). */
static void test_seed002_example6(void)
{
	struct vml_board b;

	vml_board_init(&b);
	bank(&b, 0x80000000, M(136));
	bank(&b, 0x90000000, M(768));
	CHECK_EQ_INT(run(&b, VML_RECLAIM_NONE, M(400)), 0);
	CHECK_EQ_U64(lo.lowmem_ram, M(488));
	CHECK_EQ_U64(lo.highmem_ram, M(416));
	CHECK_EQ_INT(run(&b, VML_RECLAIM_DONT_MAP_HOLE, M(400)), 0);
	CHECK_EQ_U64(lo.lowmem_limit, 0xad800000);
	CHECK_EQ_U64(lo.high_memory, 0xe6000000);
	CHECK_EQ_U64(lo.lowmem_ram, M(608));
	CHECK_EQ_U64(lo.highmem_ram, M(296));
	CHECK_EQ_INT(kmsgs_with("Physical memory hole is not aligned"), 0);
}

/* Only a gap whose start lies within 256 MiB of PHYS_OFFSET counts: RAM
 * [0x80000000, +300 MiB) and [+400 MiB, +1 GiB): the gap starts at
 * +300 MiB, so the layout is the plain one (lowmem_limit 0xb0000000 with
 * the default 240 MiB: 0xff800000 - 248 MiB - 0xc0000000 + 0x80000000). */
static void test_gap_above_256m_is_not_taken(void)
{
	struct vml_board b;

	vml_board_init(&b);
	bank(&b, 0x80000000, M(300));
	bank(&b, 0x80000000 + M(400), M(1024));
	CHECK_EQ_INT(run(&b, VML_RECLAIM_DONT_MAP_HOLE, 0), 0);
	CHECK_EQ_U64(lo.lowmem_limit, 0xb0000000);
	CHECK_EQ_U64(lo.lowmem_ram, M(300) + M(768 - 400));
	CHECK_EQ_INT(lo.n_segments, 2);
	CHECK_EQ_U64(lo.segments[1].virt - lo.segments[1].phys, 0xc0000000 - 0x80000000);
}

/* Two gaps of 32 MiB: "current size <= new size" takes the later one.
 * RAM [0x80000000, +64M) [+96M, +128M) [+160M, +1 GiB), default vmalloc:
 * the hole is [+128M, +160M), MEM_HOLE_PAGE_OFFSET 0xc8000000; vmalloc_min
 * 0xf0000000 -> 0xf0000000 - 0xc8000000 + 0x8a000000 = 0xb2000000. */
static void test_tie_goes_to_the_later_gap(void)
{
	struct vml_board b;

	vml_board_init(&b);
	bank(&b, 0x80000000, M(64));
	bank(&b, 0x80000000 + M(96), M(32));
	bank(&b, 0x80000000 + M(160), M(1024) - M(160));
	CHECK_EQ_INT(run(&b, VML_RECLAIM_DONT_MAP_HOLE, 0), 0);
	CHECK_EQ_U64(lo.lowmem_limit, 0xb2000000);
	CHECK_EQ_U64(lo.segments[2].virt, 0xc8000000);
	CHECK_EQ_U64(lo.segments[1].virt, 0xc6000000); /* linear below the hole */
}

/* A gap edge off a 1 MiB boundary: msm's find_memory_hole() BUG()s; the
 * layout is refused with the rule and memblock is left empty. */
static void test_unaligned_gap_refused(void)
{
	struct vml_board b;

	vml_board_init(&b);
	bank(&b, 0x80000000, M(64) + 0x80000);
	bank(&b, 0x80000000 + M(96), M(512));
	CHECK_EQ_INT(run(&b, VML_RECLAIM_DONT_MAP_HOLE, 0), VML_EINVAL);
	CHECK(diag.rule && strstr(diag.rule, "1 MiB boundaries"));
	CHECK_EQ_INT(mb.memory.cnt, 0);
}

/* A no-map carve-out is a hole of the mapped ranges: 1 GiB at 0x80000000
 * with no-map [0x88000000, +64 MiB), default vmalloc. The first
 * adjust_lowmem_bounds() sees one range; the second (after
 * arm_memblock_init() marked the carve-out) the gap [0x88000000,
 * 0x8c000000): MEM_HOLE_PAGE_OFFSET 0xc8000000, vmalloc_limit =
 * 0xf0000000 - 0xc8000000 + 0x8c000000 = 0xb4000000. The zones count the
 * no-map pages as present (6.1 free_area_init walks memblock.memory), so
 * lowmem RAM is 0xb4000000 - 0x80000000 = 832 MiB of which 768 are mapped. */
static void test_nomap_carveout_is_the_hole(void)
{
	struct vml_board b;

	vml_board_init(&b);
	bank(&b, 0x80000000, M(1024));
	b.reserved[0] = (struct vml_board_reserved){
	    .name = "modem", .base = 0x88000000, .size = M(64), .nomap = true};
	b.n_reserved = 1;
	CHECK_EQ_INT(run(&b, VML_RECLAIM_DONT_MAP_HOLE, 0), 0);
	CHECK_EQ_U64(lo.lowmem_limit, 0xb4000000);
	CHECK_EQ_U64(lo.high_memory, 0xf0000000);
	CHECK_EQ_U64(lo.lowmem_ram, M(832));
	CHECK_EQ_INT(lo.n_segments, 2);
	CHECK_EQ_U64(lo.segments[1].virt, 0xc8000000);
	CHECK_EQ_U64(lo.segments[1].phys, 0x8c000000);
}

int main(void)
{
	RUN_TEST(test_msm8974);
	RUN_TEST(test_seed002_example6);
	RUN_TEST(test_gap_above_256m_is_not_taken);
	RUN_TEST(test_tie_goes_to_the_later_gap);
	RUN_TEST(test_unaligned_gap_refused);
	RUN_TEST(test_nomap_carveout_is_the_hole);
	return CHECK_DONE("test_arm_dont_map_hole");
}
