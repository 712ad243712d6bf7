/* SPDX-License-Identifier: MIT */
/*
 * arm TTBR0/TTBR1 split (src/arch/arm/pt_split.c) and the table PA limit,
 * through the registry and the engine. Geometry from ARMv7 ARM DDI 0406C:
 * short-descriptor TTBCR.N (B3.5.4): TTBR0 covers [0, 2^(32-N)) with a
 * first-level table of 4096 >> N entries; LPAE T0SZ/T1SZ (B3.6.4): a region
 * of input size 32 - tsz starts at level 1 with 2^(2-tsz) entries when
 * tsz <= 1, at level 2 with 2^(11-tsz) entries when tsz >= 2.
 *
 * LPAE 2 MiB kernel RW block at PA P (pte_lpae.c): valid 0x1, AttrIndx 7
 * (WRITEALLOC) at 4:2 = 0x1c, AP[2:1] = 00, SH = 11 at 9:8 = 0x300, AF
 * 0x400, XN bit 54 = 0x0040000000000000 (no execution at any level, so PXN
 * stays clear): P | 0x004000000000071d.
 */
#include <stdlib.h>

#include "check.h"
#include "pt_harness.h"

#define ARENA_BASE 0x40000000ULL
#define ARENA_SIZE 0x1000000ULL
#define LPAE_RW_BLOCK 0x004000000000071dULL

static int build(struct vml_pt_format *f, const char *mode, uint64_t split, unsigned int half,
		 struct vml_diag *d)
{
	struct vml_pt_spec spec = {.arch = "arm", .mode = mode, .split = split, .half = half};

	return vml_pt_format_lookup(f, &spec, d);
}

static void check_geometry(const struct vml_pt_format *f, int first_level, unsigned int levels,
			   unsigned int index_bits, uint32_t table_size, uint64_t va_first,
			   uint64_t va_last)
{
	CHECK_EQ_INT(f->first_level, first_level);
	CHECK_EQ_INT(f->levels, levels);
	CHECK_EQ_INT(f->level[0].index_bits, index_bits);
	CHECK_EQ_INT(f->level[0].table_size, table_size);
	CHECK_EQ_INT(f->level[0].table_align, table_size);
	CHECK_EQ_U64(f->va_first, va_first);
	CHECK_EQ_U64(f->va_last, va_last);
}

static uint64_t reg(const struct vml_pt_format *f, bool have0, bool have1, const char *name)
{
	struct vml_pt_roots roots = {{have0, have1}, {vml_pa(0x1000), vml_pa(0x8000)}};
	struct vml_pt_regs regs = {0};

	f->ops->registers(f, &roots, &regs);
	for (unsigned int i = 0; i < regs.count; i++)
		if (!strcmp(regs.reg[i].name, name))
			return regs.reg[i].value;
	return ~0ULL;
}

/* Linux 3G/1G (T1SZ = 2): TTBR1 is a 512-entry level-2 table for
 * 0xc0000000..0xffffffff; TTBR0 (T0SZ = 0) a 4-entry level-1 table whose
 * entry 3 is never used. TTBCR = EAE 0x80000000 | T1SZ 2 << 16. */
static void test_lpae_3g(void)
{
	struct vml_pt_format lo, hi;

	CHECK_EQ_INT(build(&lo, "lpae", 0xc0000000, 0, NULL), 0);
	CHECK_EQ_INT(build(&hi, "lpae", 0xc0000000, 1, NULL), 0);
	check_geometry(&lo, 1, 3, 2, 32, 0, 0xbfffffff);
	check_geometry(&hi, 2, 2, 9, 4096, 0xc0000000, 0xffffffff);
	CHECK_EQ_INT(hi.level[1].shift, 12);
	CHECK_EQ_U64(reg(&lo, true, true, "ttbcr"), 0x80020000);
	CHECK_EQ_U64(reg(&hi, true, true, "ttbcr"), 0x80020000);
	CHECK_EQ_U64(reg(&lo, false, true, "ttbcr"), 0x80020080);  /* + EPD0 bit 7 */
	CHECK_EQ_U64(reg(&lo, true, false, "ttbcr"), 0x80820000);  /* + EPD1 bit 23 */
	CHECK_EQ_U64(reg(&lo, true, true, "ttbr1"), 0x8000);
}

/* 2G: T1SZ = 1 (as Linux), TTBR1 a 2-entry level-1 table of 16 bytes;
 * 3.5G: T1SZ = 3, 2^(11-3) = 256 level-2 entries, 2 KiB; 1G: T0SZ = 2,
 * TTBR0 a 512-entry level-2 table, TTBR1 the 4-entry level-1 table. */
static void test_lpae_other_splits(void)
{
	struct vml_pt_format f;

	CHECK_EQ_INT(build(&f, "lpae", 0x80000000, 1, NULL), 0);
	check_geometry(&f, 1, 3, 1, 16, 0x80000000, 0xffffffff);
	CHECK_EQ_U64(reg(&f, true, true, "ttbcr"), 0x80010000);
	CHECK_EQ_INT(build(&f, "lpae", 0xe0000000, 1, NULL), 0);
	check_geometry(&f, 2, 2, 8, 2048, 0xe0000000, 0xffffffff);
	CHECK_EQ_U64(reg(&f, true, true, "ttbcr"), 0x80030000);
	CHECK_EQ_INT(build(&f, "lpae", 0x40000000, 0, NULL), 0);
	check_geometry(&f, 2, 2, 9, 4096, 0, 0x3fffffff);
	CHECK_EQ_U64(reg(&f, true, true, "ttbcr"), 0x80000002);
	CHECK_EQ_INT(build(&f, "lpae", 0x40000000, 1, NULL), 0);
	check_geometry(&f, 1, 3, 2, 32, 0x40000000, 0xffffffff);
}

/* TTBCR.N = 1 (2G): TTBR0 table 16 KiB >> 1 = 8 KiB, 2048 entries; N = 2
 * (1G): 4 KiB, 1024 entries; TTBR1 always the full 16 KiB table. PD0 is
 * bit 4, PD1 bit 5. */
static void test_short_splits(void)
{
	struct vml_pt_format f;

	CHECK_EQ_INT(build(&f, "short", 0x80000000, 0, NULL), 0);
	check_geometry(&f, 1, 2, 11, 8192, 0, 0x7fffffff);
	CHECK_EQ_U64(reg(&f, true, true, "ttbcr"), 1);
	CHECK_EQ_U64(reg(&f, true, false, "ttbcr"), 0x21);
	CHECK_EQ_U64(reg(&f, true, false, "ttbr1"), 0); /* not TTBR0's root */
	CHECK_EQ_INT(build(&f, "short", 0x40000000, 0, NULL), 0);
	check_geometry(&f, 1, 2, 10, 4096, 0, 0x3fffffff);
	CHECK_EQ_U64(reg(&f, false, true, "ttbcr"), 0x12);
	CHECK_EQ_INT(build(&f, "short", 0x40000000, 1, NULL), 0);
	check_geometry(&f, 1, 2, 12, 16384, 0x40000000, 0xffffffff);
}

static void test_bad_splits(void)
{
	struct vml_pt_format f = {0};
	struct vml_diag d = {0};

	/* 3G is not 2^(32-N): the short format cannot split there. */
	CHECK_EQ_INT(build(&f, "short", 0xc0000000, 0, &d), VML_ERANGE);
	CHECK_EQ_U64(d.addr, 0xc0000000);
	CHECK_EQ_INT(f.levels, 0); /* untouched */
	CHECK_EQ_INT(build(&f, "short", 0x01000000, 0, NULL), VML_ERANGE); /* N = 8 */
	CHECK_EQ_INT(build(&f, "lpae", 0x30000000, 0, NULL), VML_ERANGE);
	CHECK_EQ_INT(build(&f, "lpae", 0x100000000ULL, 0, NULL), VML_EINVAL);
	CHECK_EQ_INT(build(&f, "lpae", 0, 1, NULL), VML_EINVAL);
	{
		struct vml_pt_spec spec = {.arch = "arm64", .granule = 4096, .split = 1ULL << 47};

		CHECK_EQ_INT(vml_pt_format_lookup(&f, &spec, NULL), VML_EINVAL);
	}
}

static uint64_t read64(struct bump *b, uint64_t pa)
{
	const uint8_t *p = bump_window(b, vml_pa(pa), 8);
	uint64_t v = 0;

	for (int i = 8; i-- > 0;)
		v = v << 8 | p[i];
	return v;
}

struct first_leaf {
	uint64_t va, n;
};

static int note_leaf(void *arg, const struct vml_pt_range *r)
{
	struct first_leaf *fl = arg;

	if (!fl->n++)
		fl->va = vml_va_addr(r->va);
	return 0;
}

/* The 3G TTBR1 tree: 0xffe00000 is level-2 index (0xffe00000 >> 21) & 511
 * = 511, at root + 511 * 8 = root + 0xff8; the iterator gives it back at
 * 0xc0000000 + 511 * 2 MiB; VAs below the split are not this tree's. */
static void test_lpae_3g_tree(void)
{
	struct vml_pt_format hi;
	struct bump *b = bump_new(ARENA_BASE, ARENA_SIZE);
	struct vml_pt_ctx ctx;
	struct vml_pt_attrs a = attrs_kernel_rw();
	struct vml_pt_walk w;
	struct first_leaf fl = {0, 0};
	struct vml_diag d = {0};

	CHECK_EQ_INT(build(&hi, "lpae", 0xc0000000, 1, NULL), 0);
	ctx_setup(&ctx, &hi, b, true, NULL);
	CHECK_EQ_INT(vml_pt_init(&ctx, NULL), 0);
	CHECK_EQ_U64(vml_pa_addr(ctx.root), ARENA_BASE + ARENA_SIZE - 4096);
	CHECK_EQ_U64(ctx.va_start, 0xc0000000);
	CHECK_EQ_U64(ctx.va_last, 0xffffffff);
	CHECK_EQ_INT(vml_pt_map(&ctx, vml_va(0xffe00000), vml_pa(0x60000000), 0x200000, &a, 0, NULL),
		     0);
	CHECK_EQ_U64(read64(b, vml_pa_addr(ctx.root) + 0xff8), 0x60000000 | LPAE_RW_BLOCK);
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(0xfffff123), &w, NULL), 0);
	CHECK_EQ_U64(vml_pa_addr(w.pa), 0x601ff123);
	CHECK_EQ_INT(w.level, 2);
	CHECK_EQ_INT(vml_pt_for_each_leaf(&ctx, note_leaf, &fl), 0);
	CHECK_EQ_U64(fl.va, 0xffe00000);
	CHECK_EQ_U64(fl.n, 1);
	CHECK_EQ_INT(vml_pt_map(&ctx, vml_va(0xbfe00000), vml_pa(0), 0x200000, &a, 0, &d),
		     VML_ERANGE);
	CHECK_EQ_INT(vml_pt_walk(&ctx, vml_va(0xbfffffff), &w, NULL), VML_ERANGE);
	bump_delete(b);
}

/* Short N = 2: TTBR0's 1 KiB-entry table ends at 0x3ff00000 (index 1023,
 * byte 4092); TTBR1's full table holds 0x40000000 at index 1024 (byte
 * 4096). Sections: P | 0x1141e (test_pgtable_arm_short.c). */
static void test_short_1g_trees(void)
{
	struct vml_pt_format lo, hi;
	struct bump *b = bump_new(ARENA_BASE, ARENA_SIZE);
	struct vml_pt_ctx c0, c1;
	struct vml_pt_attrs a = attrs_kernel_rw();
	const uint8_t *p;

	CHECK_EQ_INT(build(&lo, "short", 0x40000000, 0, NULL), 0);
	CHECK_EQ_INT(build(&hi, "short", 0x40000000, 1, NULL), 0);
	ctx_setup(&c0, &lo, b, false, NULL);
	ctx_setup(&c1, &hi, b, true, NULL);
	CHECK_EQ_INT(vml_pt_init(&c0, NULL), 0);
	CHECK_EQ_INT(vml_pt_init(&c1, NULL), 0);
	CHECK_EQ_U64(vml_pa_addr(c0.root), ARENA_BASE + ARENA_SIZE - 4096);
	/* 0x40fff000 - 16 KiB = 0x40ffb000, aligned down to 16 KiB. */
	CHECK_EQ_U64(vml_pa_addr(c1.root), 0x40ff8000);
	CHECK_EQ_INT(vml_pt_map(&c0, vml_va(0x3ff00000), vml_pa(0x80000000), 0x100000, &a, 0, NULL),
		     0);
	CHECK_EQ_INT(vml_pt_map(&c1, vml_va(0x40000000), vml_pa(0x80100000), 0x100000, &a, 0, NULL),
		     0);
	CHECK_EQ_INT(vml_pt_map(&c0, vml_va(0x40000000), vml_pa(0), 0x100000, &a, 0, NULL),
		     VML_ERANGE);
	p = bump_window(b, c0.root, 4096);
	CHECK_EQ_U64(p[4092] | p[4093] << 8 | p[4094] << 16 | (uint32_t)p[4095] << 24,
		     0x80000000u | 0x1141e);
	p = bump_window(b, c1.root, 16384);
	CHECK_EQ_U64(p[4096] | p[4097] << 8 | p[4098] << 16 | (uint32_t)p[4099] << 24,
		     0x80100000u | 0x1141e);
	bump_delete(b);
}

/* Table PA bits: short 32, LPAE 40, riscv 56, arm64 its PA size. A root the
 * allocator places at 4 GiB is refused for short (and given back). */
static void test_table_pa_limit(void)
{
	struct vml_pt_format f;
	struct vml_pt_spec rv = {.arch = "riscv64", .mode = "sv39"};
	struct vml_pt_spec a64 = {.arch = "arm64", .granule = 4096, .va_bits = 48, .pa_bits = 44};
	struct bump *b = bump_new(0x100000000ULL, ARENA_SIZE);
	struct vml_pt_ctx ctx;
	struct vml_diag d = {0};

	CHECK_EQ_INT(build(&f, "short", 0, 0, NULL), 0);
	CHECK_EQ_U64(vml_pt_table_limit(&f), 1ULL << 32);
	ctx_setup(&ctx, &f, b, false, NULL);
	CHECK_EQ_INT(vml_pt_init(&ctx, &d), VML_ERANGE);
	CHECK_EQ_U64(d.addr, 0x100000000ULL + ARENA_SIZE - 16384);
	CHECK_EQ_INT(b->depth, 0);
	CHECK_EQ_INT(b->bad_frees, 0);
	CHECK_EQ_INT(build(&f, "lpae", 0, 0, NULL), 0);
	CHECK_EQ_U64(vml_pt_table_limit(&f), 1ULL << 40);
	ctx_setup(&ctx, &f, b, false, NULL);
	CHECK_EQ_INT(vml_pt_init(&ctx, NULL), 0);
	CHECK_EQ_INT(vml_pt_format_lookup(&f, &rv, NULL), 0);
	CHECK_EQ_U64(vml_pt_table_limit(&f), 1ULL << 56);
	CHECK_EQ_INT(vml_pt_format_lookup(&f, &a64, NULL), 0);
	CHECK_EQ_U64(vml_pt_table_limit(&f), 1ULL << 44);
	bump_delete(b);
}

/* A second-level table placed beyond 4 GiB is refused at allocation time
 * and every table byte and the allocator stay as they were. */
static void test_table_beyond_limit_refused(void)
{
	struct vml_pt_format f;
	struct bump *b = bump_new(0xfffff000ULL - 16384, 0x10000);
	struct vml_pt_ctx ctx;
	struct vml_pt_attrs a = attrs_kernel_rw();
	struct vml_diag d = {0};
	uint64_t next;

	/* Arena [0xffffb000, 0x10000b000): the 16 KiB root fits below 4 GiB at
	 * 0xffffc000 (top-down, aligned); the next 1 KiB table goes above. */
	CHECK_EQ_INT(build(&f, "short", 0, 0, NULL), 0);
	b->next = 0x100000000ULL;
	ctx_setup(&ctx, &f, b, false, NULL);
	CHECK_EQ_INT(vml_pt_init(&ctx, NULL), 0);
	CHECK_EQ_U64(vml_pa_addr(ctx.root), 0xffffc000ULL);
	b->next = 0x100001000ULL;
	next = b->next;
	CHECK_EQ_INT(vml_pt_map(&ctx, vml_va(0x1000), vml_pa(0x1000), 0x1000, &a, 0, &d),
		     VML_ERANGE);
	CHECK_EQ_U64(d.addr, 0x100000c00ULL);
	CHECK_EQ_U64(b->next, next);
	CHECK_EQ_INT(b->bad_frees, 0);
	bump_delete(b);
}

int main(void)
{
	RUN_TEST(test_lpae_3g);
	RUN_TEST(test_lpae_other_splits);
	RUN_TEST(test_short_splits);
	RUN_TEST(test_bad_splits);
	RUN_TEST(test_lpae_3g_tree);
	RUN_TEST(test_short_1g_trees);
	RUN_TEST(test_table_pa_limit);
	RUN_TEST(test_table_beyond_limit_refused);
	return CHECK_DONE("test_pgtable_arm_split");
}
