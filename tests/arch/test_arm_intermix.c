/* SPDX-License-Identifier: MIT */
/*
 * General intermix on the 6.1 profile (vmlayout's model of the 2014 RFC
 * "Intermix lowmem and vmalloc", docs/arm32.md): the msm8974 board of seed
 * 002 examples 7-9 with its two holes gives the same lowmem as msm-3.4's
 * ENABLE_VMALLOC_SAVING (608 MiB), and random boards keep the rule's
 * invariants against the plain layout of the same board.
 */
#include "check.h"
#include "vmlayout/layout.h"

#define M(x) ((uint64_t)(x) << 20)

static struct vml_memblock_region mem_r[256], res_r[256];
static struct vml_layout lo;
static struct vml_memblock mb;

static int run(const struct vml_board *b, enum vml_reclaim reclaim, uint64_t vmalloc)
{
	struct vml_kernel_config c;
	struct vml_diag d = {0};

	vml_kernel_config_init_profile(&c, VML_ARCH_ARM, "6.1");
	c.reclaim = reclaim;
	c.vmalloc_set = true;
	c.vmalloc_size = vmalloc;
	vml_memblock_init(&mb, mem_r, 256, res_r, 256, ~0ULL, 4096);
	return vml_layout_compute(b, &c, &mb, &lo, &d);
}

static uint64_t region_bytes(const char *name)
{
	uint64_t n = 0;

	for (unsigned int i = 0; i < lo.n_regions; i++)
		if (!strcmp(lo.regions[i].name, name))
			n += lo.regions[i].end - lo.regions[i].start;
	return n;
}

/* 2 GiB at 0, holes [0x05b00000, +2 MiB) and [0x07500000, +171 MiB),
 * vmalloc=400M. Plain 6.1: vmalloc_limit = 0xff800000 - 400M - 8M -
 * 0xc0000000 = 0x26000000 (435 MiB of RAM below it). Intermix: the 173 MiB
 * of holes below the limit move it to 0x26000000 + 173M = 0x30d00000 (608
 * MiB of RAM, as msm-3.4 example 9), high_memory 0xf0d00000, VMALLOC_START
 * the next 8 MiB boundary past it + 8 MiB gap = 0xf1000000; vmalloc space =
 * [0xf1000000, 0xff800000) 232 MiB + the holes' 173 MiB = 405 MiB. */
static void test_msm8974_holes(void)
{
	struct vml_board b;

	vml_board_init(&b);
	b.memory[0] = (struct vml_range64){0, M(2048)};
	b.n_memory = 1;
	b.memory[0].size = M(0x5b);
	b.memory[1] = (struct vml_range64){0x05d00000, M(0x18)};
	b.memory[2] = (struct vml_range64){0x12000000, M(2048) - 0x12000000};
	b.n_memory = 3;
	CHECK_EQ_INT(run(&b, VML_RECLAIM_NONE, M(400)), 0);
	CHECK_EQ_U64(lo.lowmem_limit, 0x26000000);
	CHECK_EQ_U64(lo.lowmem_ram >> 20, 435);
	CHECK_EQ_INT(run(&b, VML_RECLAIM_VMALLOC_SAVING, M(400)), 0);
	CHECK_EQ_U64(lo.lowmem_limit, 0x30d00000);
	CHECK_EQ_U64(lo.high_memory, 0xf0d00000);
	CHECK_EQ_U64(lo.vmalloc_start, 0xf1000000);
	CHECK_EQ_U64(lo.lowmem_ram >> 20, 608);
	CHECK_EQ_U64(region_bytes("vmalloc_hole"), M(173));
	CHECK_EQ_U64(lo.vmalloc_total, M(232) + M(173));
	CHECK_EQ_INT(lo.n_segments, 3); /* three lowmem pieces, linear */
}

/* Holes bigger than vmalloc=: vmalloc keeps 16 MiB at the top. */
static void test_holes_exceed_vmalloc(void)
{
	struct vml_board b;

	vml_board_init(&b);
	b.memory[0] = (struct vml_range64){0x80000000, M(16)};
	b.memory[1] = (struct vml_range64){0x80000000 + M(512), M(1024)};
	b.n_memory = 2;
	CHECK_EQ_INT(run(&b, VML_RECLAIM_VMALLOC_SAVING, M(240)), 0);
	/* limit = 0xff800000 - 240M - 8M - 0xc0000000 + 0x80000000 (0xb0000000) +
	 * 224 MiB (240 - 16): 0xbe000000 */
	CHECK_EQ_U64(lo.lowmem_limit, 0xbe000000);
	/* high_memory 0xfe000000, VMALLOC_START 0xfe800000: 16 MiB at the top */
	CHECK_EQ_U64(lo.vmalloc_start, 0xfe800000);
}

/* Moving the limit up takes in a hole that lay above it: iterate. RAM
 * [0, 300M) [350M, 420M) [460M, ...) above 0x80000000, vmalloc=600M:
 * L0 = 0xff800000 - 600M - 8M - 0xc0000000 = 1016M - 608M = 408M; holes
 * below 408M: 50M -> 458M; below 458M: 50M + 38M -> 496M; below 496M: 90M
 * -> 498M; stable. 498M of VA holds 408M of RAM (one pass would stop at
 * 458M, inside the second hole, and end lowmem at 420M). */
static void test_limit_takes_in_more_holes(void)
{
	struct vml_board b;

	vml_board_init(&b);
	b.memory[0] = (struct vml_range64){0x80000000, M(300)};
	b.memory[1] = (struct vml_range64){0x80000000 + M(350), M(70)};
	b.memory[2] = (struct vml_range64){0x80000000 + M(460), M(1024)};
	b.n_memory = 3;
	CHECK_EQ_INT(run(&b, VML_RECLAIM_VMALLOC_SAVING, M(600)), 0);
	CHECK_EQ_U64(lo.lowmem_limit, 0x80000000 + M(498));
	CHECK_EQ_U64(lo.lowmem_ram, M(408));
	CHECK_EQ_U64(region_bytes("vmalloc_hole"), M(90));
}

static uint64_t rng = 0x1234567;

static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static void test_random_boards(void)
{
	unsigned int checked = 0;

	for (int n = 0; n < 2000; n++) {
		struct vml_board b;
		uint64_t base = 0x80000000, p = base, plain_ram, plain_limit;
		uint64_t vmalloc = M(64 + rnd() % 600);

		vml_board_init(&b);
		for (unsigned int i = 0; i < 1 + rnd() % 4; i++) {
			uint64_t size = M(16 + rnd() % 700);

			b.memory[b.n_memory++] = (struct vml_range64){p, size};
			p += size + M(rnd() % 200);
			if (p >= 0x100000000ULL)
				break;
			if (b.memory[b.n_memory - 1].base + size > 0x100000000ULL)
				b.memory[b.n_memory - 1].size =
				    0x100000000ULL - b.memory[b.n_memory - 1].base;
		}
		if (run(&b, VML_RECLAIM_NONE, vmalloc))
			continue;
		plain_ram = lo.lowmem_ram;
		plain_limit = lo.lowmem_limit;
		if (run(&b, VML_RECLAIM_VMALLOC_SAVING, vmalloc))
			continue;
		checked++;
		/* lowmem only grows, by at most the holes it takes in */
		CHECK(lo.lowmem_ram >= plain_ram);
		CHECK(lo.lowmem_limit >= plain_limit);
		CHECK(lo.lowmem_ram - plain_ram <= region_bytes("vmalloc_hole"));
		/* the linear map stays linear, and the lowmem VA that maps no RAM
		 * is exactly the holes' VA given to vmalloc */
		CHECK_EQ_U64(lo.high_memory - lo.page_offset, lo.lowmem_limit - lo.phys_offset);
		CHECK_EQ_U64(lo.lowmem_limit - lo.phys_offset - lo.lowmem_ram,
			     region_bytes("vmalloc_hole"));
		/* vmalloc space never shrinks below vmalloc= minus the rounding */
		CHECK(lo.vmalloc_total + M(8) >= vmalloc || lo.vmalloc_total >= M(16));
		CHECK(lo.vmalloc_start > lo.high_memory);
		if (check_failures_in_test)
			return;
	}
	CHECK(checked > 1000);
}

int main(void)
{
	RUN_TEST(test_msm8974_holes);
	RUN_TEST(test_holes_exceed_vmalloc);
	RUN_TEST(test_limit_takes_in_more_holes);
	RUN_TEST(test_random_boards);
	return CHECK_DONE("test_arm_intermix");
}
