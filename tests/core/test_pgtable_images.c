/* SPDX-License-Identifier: MIT */
/*
 * Byte-identical table images: random sequences of map, unmap and protect
 * on every format (and the fake one that scrambles each level), each ending
 * in one 64-bit hash of every table's address and bytes, every update-log
 * record and every return code. tests/core/golden/pgtable_images.txt holds
 * the hashes the engine gave before issue 11's fast paths (main at
 * 49ddfed): any optimisation must give the same
 * bytes, the same log and the same refusals; and the same with each
 * format's linear-OA declaration removed. `test_pgtable_images --print`
 * prints the current hashes in the golden's format.
 */
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "fake_format.c"
#include "pt_harness.h"

#define GOLDEN "tests/core/golden/pgtable_images.txt"
#define SEEDS 16
#define OPS 24
#define ARENA_BASE 0x80000000ULL /* 2 GiB: below every format's table limit */
#define ARENA_SIZE 0x10000000ULL
#define LOG_MAX (1u << 18)

struct img_fmt {
	const char *name;
	struct vml_pt_spec spec;
	uint64_t pa_center; /* PAs straddle it: where an encoding changes */
};

static const struct img_fmt img_formats[] = {
    {"arm64-4K-39", {.arch = "arm64", .granule = 0x1000, .va_bits = 39}, 1ULL << 32},
    {"arm64-4K-48", {.arch = "arm64", .granule = 0x1000, .va_bits = 48}, 1ULL << 40},
    {"arm64-4K-52", {.arch = "arm64", .granule = 0x1000, .va_bits = 52}, 1ULL << 50},
    {"arm64-16K-47", {.arch = "arm64", .granule = 0x4000, .va_bits = 47}, 1ULL << 36},
    {"arm64-16K-48", {.arch = "arm64", .granule = 0x4000, .va_bits = 48}, 1ULL << 44},
    {"arm64-16K-52", {.arch = "arm64", .granule = 0x4000, .va_bits = 52}, 1ULL << 50},
    {"arm64-64K-42", {.arch = "arm64", .granule = 0x10000, .va_bits = 42}, 1ULL << 34},
    {"arm64-64K-48", {.arch = "arm64", .granule = 0x10000, .va_bits = 48}, 1ULL << 40},
    {"arm64-64K-52", {.arch = "arm64", .granule = 0x10000, .va_bits = 52}, 1ULL << 48},
    {"riscv-sv39", {.arch = "riscv64", .mode = "sv39"}, 1ULL << 33},
    {"riscv-sv48", {.arch = "riscv64", .mode = "sv48"}, 1ULL << 45},
    {"riscv-sv57", {.arch = "riscv64", .mode = "sv57"}, 1ULL << 55},
    {"arm-lpae", {.arch = "arm", .mode = "lpae"}, 1ULL << 32},
    {"arm-short", {.arch = "arm", .mode = "short"}, 1ULL << 32},
    {"arm-short-linux", {.arch = "arm", .mode = "short-linux"}, 1ULL << 31},
    {"fake", {.arch = NULL}, 1ULL << 40},
};

static uint64_t rnd(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 0x100000001b3ULL;
	return h;
}

/* A power-of-two-ish size between @page and @max, page-aligned. */
static uint64_t rnd_size(uint64_t *s, uint64_t page, uint64_t max)
{
	unsigned int lo = (unsigned int)__builtin_ctzll(page),
		     hi = 63 - (unsigned int)__builtin_clzll(max);
	unsigned int bits = lo + (unsigned int)(rnd(s) % (hi - lo + 1));
	uint64_t v = (1ULL << bits) + (rnd(s) % 4 == 0 ? (rnd(s) % (1ULL << bits)) : 0);

	v &= ~(page - 1);
	return v < page ? page : v > max ? max : v;
}

static struct vml_pt_attrs img_attrs(uint64_t r)
{
	struct vml_pt_attrs a = attrs_kernel_rw();

	switch (r % 5) {
	case 1:
		return attrs_kernel_ro();
	case 2:
		return attrs_kernel_rx();
	case 3:
		a.memtype = VML_PT_MT_DEVICE_nGnRE;
		break;
	default:
		break;
	}
	return a;
}

static uint32_t img_flags(uint64_t r)
{
	uint32_t fl = 0;

	fl |= r % 5 == 0 ? VML_PT_NO_BLOCK_MAPPINGS : 0;
	fl |= (r >> 8) % 5 == 0 ? VML_PT_NO_CONT_MAPPINGS : 0;
	fl |= (r >> 16) % 10 == 0 ? VML_PT_NO_REPLACE : 0;
	fl |= (r >> 24) % 10 == 0 ? VML_PT_NO_EXEC_MAPPINGS : 0;
	return fl;
}

/* One random op; returns its return code. */
static int one_op(struct vml_pt_ctx *ctx, uint64_t *s, uint64_t wbase, uint64_t wsize,
		  uint64_t pbase)
{
	const struct vml_pt_format *f = ctx->fmt;
	uint64_t page = 1ULL << f->level[f->levels - 1].shift;
	uint64_t size = rnd_size(s, page, wsize / 16 < 0x10000000 ? wsize / 16 : 0x10000000);
	uint64_t va = wbase + (rnd(s) % (wsize - size)) / page * page;
	uint64_t pspan = f->va_bits > 32 ? 2 * wsize : 1ULL << 31; /* PAs in [pbase, +pspan) */
	uint64_t pa = pbase + (va - wbase) % pspan, kind = rnd(s) % 20;
	struct vml_pt_attrs a = img_attrs(rnd(s));
	uint32_t flags = img_flags(rnd(s));

	if (rnd(s) % 3 == 0)
		pa = pbase + (rnd(s) % pspan) / page * page;
	if (rnd(s) % 4 == 0) /* aligned to the leaf above the page, or misaligned by a page */
		va = vml_align_down(va, 1ULL << f->level[f->levels - 2].shift) +
		     (rnd(s) % 2 ? page : 0);
	if (kind < 14)
		return vml_pt_map(ctx, vml_va(va), vml_pa(pa), size, &a, flags, NULL);
	if (kind < 17)
		return vml_pt_unmap(ctx, vml_va(va), size, flags, NULL);
	return vml_pt_protect(ctx, vml_va(va), size, &a, flags, NULL);
}

/* Runs seed @seed on format @f and hashes the outcome; with @zeroed the
 * allocator zeroes new tables and the ctx says so (tables_zeroed). */
static uint64_t image_hash_z(const struct vml_pt_format *f, size_t fi, uint64_t seed, bool zeroed)
{
	static struct vml_pt_update rec[LOG_MAX];
	struct vml_pt_log log = {rec, 0, LOG_MAX, 0};
	struct bump *b = bump_new(ARENA_BASE, ARENA_SIZE);
	struct vml_pt_ctx ctx;
	uint64_t pa_center = img_formats[fi].pa_center;
	uint64_t s = seed * 7919 + fi * 104729 + 1, h = 0xcbf29ce484222325ULL, wbase, wsize;
	struct snapshot snap;

	ctx_setup(&ctx, f, b, false, &log);
	ctx.log_all = seed % 2;
	ctx.tables_zeroed = b->zero = zeroed;
	CHECK_EQ_INT(vml_pt_init(&ctx, NULL), 0);
	wsize = ctx.va_last - ctx.va_start + 1;
	wsize = wsize && wsize < (16ULL << 30) ? wsize : 16ULL << 30;
	wbase = ctx.va_start ? ctx.va_start : (f->va_bits > 32 ? 1ULL << 30 : 0);
	if (f->va_bits > 32 && wbase + wsize - 1 > ctx.va_last)
		wbase = ctx.va_start;
	for (int i = 0; i < OPS; i++) {
		int rc = one_op(&ctx, &s, wbase, wsize,
				vml_align_down(pa_center - (1ULL << 30), 1ULL << 30));

		h = fnv(h, &rc, sizeof(rc));
	}
	snap = snapshot_take(&ctx);
	h = fnv(h, snap.bytes, snap.n);
	for (size_t i = 0; i < log.cnt; i++) {
		uint64_t r[7] = {rec[i].kind, (uint64_t)rec[i].level,	 vml_va_addr(rec[i].va),
				 rec[i].size, vml_pa_addr(rec[i].entry), rec[i].old,
				 rec[i].new_};

		h = fnv(h, r, sizeof(r));
	}
	h = fnv(h, &log.dropped, sizeof(log.dropped));
	free(snap.bytes);
	bump_delete(b);
	return h;
}

static uint64_t image_hash(const struct vml_pt_format *f, size_t fi, uint64_t seed)
{
	return image_hash_z(f, fi, seed, false);
}

static bool build_format(const struct img_fmt *m, struct vml_pt_format *f)
{
	if (!m->spec.arch) {
		fake_format_init(f);
		return true;
	}
	return vml_pt_format_lookup(f, &m->spec, NULL) == 0;
}

static void print_hashes(void)
{
	for (size_t i = 0; i < VML_ARRAY_SIZE(img_formats); i++) {
		struct vml_pt_format f;

		if (!build_format(&img_formats[i], &f))
			continue;
		for (uint64_t seed = 0; seed < SEEDS; seed++)
			printf("%s %llu %016llx\n", img_formats[i].name, (unsigned long long)seed,
			       (unsigned long long)image_hash(&f, i, seed));
	}
}

static void test_images_match_golden(void)
{
	FILE *g = fopen(GOLDEN, "r");
	char name[32];
	unsigned long long seed, want;
	unsigned int cases = 0;

	CHECK(g != NULL);
	if (!g)
		return;
	while (fscanf(g, "%31s %llu %llx", name, &seed, &want) == 3) {
		struct vml_pt_format f;
		size_t i = 0;

		while (i < VML_ARRAY_SIZE(img_formats) && strcmp(img_formats[i].name, name))
			i++;
		CHECK(i < VML_ARRAY_SIZE(img_formats));
		if (i == VML_ARRAY_SIZE(img_formats) || !build_format(&img_formats[i], &f))
			continue;
		uint64_t got = image_hash(&f, i, seed);

		if (got != want)
			printf("  %s seed %llu: hash %016llx, golden %016llx\n", name, seed,
			       (unsigned long long)got, want);
		CHECK(got == want);
		cases++;
	}
	fclose(g);
	CHECK_EQ_U64(cases, (uint64_t)VML_ARRAY_SIZE(img_formats) * SEEDS);
}

/* The same sequences with the format's linearity declaration taken away
 * (every leaf encoded on its own) give the same hashes. */
static void test_linear_runs_match_per_leaf_encoding(void)
{
	for (size_t i = 0; i < VML_ARRAY_SIZE(img_formats); i++) {
		struct vml_pt_format f, plain;

		if (!build_format(&img_formats[i], &f) || !f.oa_linear_bits)
			continue;
		plain = f;
		plain.oa_linear_bits = 0;
		for (uint64_t seed = 0; seed < SEEDS; seed += 3)
			CHECK_EQ_U64(image_hash(&f, i, seed), image_hash(&plain, i, seed));
	}
}

/* A format's is_cont_leaf() says what its decode() says of the hint, and
 * every contiguous leaf passes the level's screen (cont_mask), on every
 * level: for random words, and for real leaves (with and without
 * the hint) and tables with a random bit flipped, so the reserved and
 * neighbouring encodings are reached. */
static void test_is_cont_leaf_matches_decode(void)
{
	uint64_t st = 0x5eed;

	for (size_t i = 0; i < VML_ARRAY_SIZE(img_formats); i++) {
		struct vml_pt_format f;

		if (!build_format(&img_formats[i], &f) || !f.ops->is_cont_leaf)
			continue;
		for (int level = f.first_level; level <= vml_pt_last_level(&f); level++) {
			const struct vml_pt_level *l = vml_pt_level(&f, level);

			for (unsigned int k = 0; k < 20000; k++) {
				struct vml_pt_attrs a = img_attrs(rnd(&st));
				uint64_t r = rnd(&st), pa = (r << l->shift) & ((1ULL << 32) - 1);
				uint64_t raw = rnd(&st);
				struct vml_pt_entry e;
				bool want;

				if (f.entry_size == 4)
					raw &= 0xffffffffu;
				if (k % 4 && l->leaf_ok) {
					a.perm |= k % 2 && l->cont_entries > 1 ? VML_PT_CONT : 0;
					raw = f.ops->encode_leaf(&f, level, vml_pa(pa), &a);
				} else if (k % 4 && level != vml_pt_last_level(&f)) {
					raw = f.ops->encode_table(&f, level, vml_pa(pa & ~0xfffULL),
								  0);
				}
				if (k % 8 > 1)
					raw ^= 1ULL << (rnd(&st) % (f.entry_size * 8));
				want = f.ops->decode(&f, level, raw, &e) == VML_PTE_LEAF &&
				       (e.attrs.perm & VML_PT_CONT);
				if (f.ops->is_cont_leaf(&f, level, raw) != want ||
				    (want && (raw & l->cont_mask) != l->cont_value)) {
					fprintf(stderr, "  %s level %d raw %#llx\n",
						img_formats[i].name, level,
						(unsigned long long)raw);
					CHECK(false);
					return;
				}
			}
		}
	}
}

/* The express plan (src/core/pgtable_express.c) gives what the general
 * plan gives: the golden sequences and more seeds, with each format's
 * table_match declaration (which the express plan needs) and without. */
static void test_express_plan_matches_general(void)
{
	for (size_t i = 0; i < VML_ARRAY_SIZE(img_formats); i++) {
		struct vml_pt_format f, plain;

		if (!build_format(&img_formats[i], &f) || !f.table_match.mask)
			continue;
		plain = f;
		plain.table_match = (struct vml_pt_table_match){0};
		/* Odd seeds log every write (log_all): the express plan declines. */
		for (uint64_t seed = 0; seed < 4 * SEEDS; seed += 2)
			CHECK_EQ_U64(image_hash(&f, i, seed), image_hash(&plain, i, seed));
	}
}

/* With an allocator that zeroes new tables and the ctx told so
 * (tables_zeroed), the engine writes no invalid entry into them and still
 * gives the golden sequences' hashes. */
static void test_zeroed_tables_match_golden(void)
{
	FILE *g = fopen(GOLDEN, "r");
	char name[32];
	unsigned long long seed, want;

	CHECK(g != NULL);
	while (g && fscanf(g, "%31s %llu %llx", name, &seed, &want) == 3) {
		struct vml_pt_format f;
		size_t i = 0;

		while (i < VML_ARRAY_SIZE(img_formats) && strcmp(img_formats[i].name, name))
			i++;
		if (i < VML_ARRAY_SIZE(img_formats) && build_format(&img_formats[i], &f) &&
		    seed % 4 == 0)
			CHECK_EQ_U64(image_hash_z(&f, i, seed, true), want);
	}
	if (g)
		fclose(g);
}

/* A raw word at @level: random, or a real table or leaf with a bit
 * flipped, so the neighbouring encodings are reached. */
static uint64_t some_entry(const struct vml_pt_format *f, int level, unsigned int k, uint64_t *st)
{
	const struct vml_pt_level *l = vml_pt_level(f, level);
	struct vml_pt_attrs a = img_attrs(rnd(st));
	uint64_t pa = (rnd(st) << l->shift) & ((1ULL << 32) - 1), raw = rnd(st);
	uint32_t tflags = (uint32_t)rnd(st) & (VML_PT_TABLE_NO_EXEC | VML_PT_TABLE_NO_USER_EXEC);

	if (f->fmt_flags & VML_PT_FMT_DOMAIN_IN_TABLE)
		tflags |= VML_PT_TABLE_DOMAIN(rnd(st));
	if (f->entry_size == 4)
		raw &= 0xffffffffu;
	if (k % 4 == 1 && l->leaf_ok) {
		a.perm |= k % 8 == 1 && l->cont_entries > 1 ? VML_PT_CONT : 0;
		raw = f->ops->encode_leaf(f, level, vml_pa(pa), &a);
	} else if (k % 4 >= 2) {
		raw = f->ops->encode_table(f, level, vml_pa(pa & ~0xfffULL), tflags);
	}
	if (k % 8 > 3)
		raw ^= 1ULL << (rnd(st) % (f->entry_size * 8));
	return raw;
}

/* A format's table_match says what its decode() says of table entries
 * above the last level: which are tables, their table and their domain. */
static void test_table_match_matches_decode(void)
{
	uint64_t st = 0x7ab1e;

	for (size_t i = 0; i < VML_ARRAY_SIZE(img_formats); i++) {
		struct vml_pt_format f;
		const struct vml_pt_table_match *m = &f.table_match;

		if (!build_format(&img_formats[i], &f) || !m->mask)
			continue;
		for (int level = f.first_level; level < vml_pt_last_level(&f); level++) {
			for (unsigned int k = 0; k < 40000; k++) {
				uint64_t raw = some_entry(&f, level, k, &st);
				struct vml_pt_entry e;
				bool table = f.ops->decode(&f, level, raw, &e) == VML_PTE_TABLE;
				bool ok = table == ((raw & m->mask) == m->value);

				if (ok && table)
					ok = vml_pa_addr(e.addr) == (raw & m->addr_mask)
									<< m->addr_shift &&
					     (!(f.fmt_flags & VML_PT_FMT_DOMAIN_IN_TABLE) ||
					      e.attrs.domain == ((raw >> m->domain_shift) & 0xf));
				if (!ok) {
					fprintf(stderr, "  %s level %d raw %#llx\n",
						img_formats[i].name, level,
						(unsigned long long)raw);
					CHECK(false);
					return;
				}
			}
		}
	}
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--print")) {
		print_hashes();
		return 0;
	}
	RUN_TEST(test_images_match_golden);
	RUN_TEST(test_linear_runs_match_per_leaf_encoding);
	RUN_TEST(test_is_cont_leaf_matches_decode);
	RUN_TEST(test_express_plan_matches_general);
	RUN_TEST(test_table_match_matches_decode);
	RUN_TEST(test_zeroed_tables_match_golden);
	return CHECK_DONE("test_pgtable_images");
}
