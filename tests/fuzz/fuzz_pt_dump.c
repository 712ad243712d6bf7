/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: page tables read from arbitrary memory, as `walk --dump` and
 * `ptdump --dump` read a RAM dump: vml_pt_attach() over a memory dump
 * (memdump.h), vml_pt_walk(), vml_pt_for_each_table(),
 * vml_pt_check_readable(), vml_pt_for_each_leaf() and the arch's ptdump.
 *
 * Input: byte 0 the format (fuzz_pd_formats[]); byte 1 where a 4 KiB gap
 * cuts the memory in two pieces; bytes 2-3 the root's table slot; bytes
 * 4-35 four VAs to walk; the rest the memory (at most FUZZ_PD_MAX_MEM
 * bytes) at FUZZ_PD_BASE. Table entries are whatever the bytes say: they
 * may point into the gap, past the ends, at the root again.
 *
 * Checked beyond the sanitizers: every call returns 0, VML_ENOENT (a walk's
 * fault) or VML_ERANGE; a VML_ERANGE that names a table names one at a
 * level of the format that no piece holds whole (a table is never read
 * from outside the pieces: that would be a silent zero); a tree whose
 * tables all read (and are few enough to visit) passes the readable check,
 * iterates and prints; every leaf lies in the tree's VA range with its
 * level's span, and walking its first byte finds it (level and PA).
 */
#include "fuzz_common.h"
#include "vmlayout/memdump.h"
#include "vmlayout/ptdump.h"

#define FUZZ_PD_BASE 0x80000000ULL
#define FUZZ_PD_MAX_MEM 0x30000u /* 192 KiB */
#define FUZZ_PD_HEADER 36u
#define FUZZ_PD_MAX_TABLES 256 /* table visits; past it, only walks */
#define FUZZ_PD_MAX_LEAF_WALKS 64

static const struct vml_pt_spec fuzz_pd_formats[] = {
    {.arch = "arm64", .granule = 0x1000, .va_bits = 39},
    {.arch = "arm64", .granule = 0x1000, .va_bits = 48},
    {.arch = "arm64", .granule = 0x1000, .va_bits = 52},
    {.arch = "arm64", .granule = 0x4000, .va_bits = 47},
    {.arch = "arm64", .granule = 0x10000, .va_bits = 42},
    {.arch = "arm64", .granule = 0x10000, .va_bits = 52},
    {.arch = "riscv64", .mode = "sv39"},
    {.arch = "riscv64", .mode = "sv48"},
    {.arch = "riscv64", .mode = "sv57"},
    {.arch = "arm", .mode = "short"},
    {.arch = "arm", .mode = "short-linux"},
    {.arch = "arm", .mode = "lpae"},
    {.arch = "arm", .mode = "lpae", .split = 0xc0000000ULL, .half = 1},
    {.arch = "arm", .mode = "short", .split = 0x80000000ULL, .half = 1},
};
#define FUZZ_PD_NFORMATS (sizeof(fuzz_pd_formats) / sizeof(fuzz_pd_formats[0]))

static void fuzz_pd_discard(void *arg, const char *text, size_t len)
{
	(void)arg;
	(void)text;
	(void)len;
}

/* A table the window failed on: at a level of the format, held by no
 * piece (for a packed level, its whole pack page is not). */
static void fuzz_pd_check_unreachable(const struct vml_pt_ctx *ctx, const struct vml_memdump *m,
				      const struct vml_diag *d)
{
	const struct vml_pt_format *f = ctx->fmt;

	FUZZ_CHECK(d->code == VML_ERANGE);
	FUZZ_CHECK(d->index >= f->first_level && d->index <= vml_pt_last_level(f));
	if (vml_pt_packed(f, d->index))
		FUZZ_CHECK(!vml_memdump_find(m, vml_align_down(d->addr, f->pack.page_size),
					     f->pack.page_size));
	else
		FUZZ_CHECK(!vml_memdump_find(m, d->addr, d->size));
}

struct fuzz_pd_leaves {
	const struct vml_pt_ctx *ctx;
	unsigned int walked;
};

static int fuzz_pd_leaf(void *arg, const struct vml_pt_range *r)
{
	struct fuzz_pd_leaves *l = arg;
	const struct vml_pt_format *f = l->ctx->fmt;
	uint64_t va = vml_va_addr(r->va);
	struct vml_pt_walk w;

	FUZZ_CHECK(r->level >= f->first_level && r->level <= vml_pt_last_level(f));
	FUZZ_CHECK(r->size == 1ULL << vml_pt_level(f, r->level)->shift);
	FUZZ_CHECK((va & (r->size - 1)) == 0);
	if (f->va_split != VML_PT_VA_SIGN_EXTEND)
		FUZZ_CHECK(va >= l->ctx->va_start && va + (r->size - 1) <= l->ctx->va_last);
	if (l->walked++ >= FUZZ_PD_MAX_LEAF_WALKS)
		return 0;
	FUZZ_CHECK(vml_pt_walk(l->ctx, r->va, &w, NULL) == 0);
	FUZZ_CHECK(w.level == r->level);
	FUZZ_CHECK(vml_pa_addr(w.pa) == vml_pa_addr(r->pa));
	return 0;
}

static int fuzz_pd_count_table(void *arg, int level, vml_paddr_t table, uint64_t size)
{
	unsigned int *n = arg;

	(void)level;
	(void)table;
	(void)size;
	return ++*n > FUZZ_PD_MAX_TABLES;
}

/* Whole-tree reads, when the tree is small enough to visit. */
static void fuzz_pd_whole_tree(const struct vml_pt_ctx *ctx, const struct vml_memdump *m)
{
	static const struct vml_text_sink sink = {fuzz_pd_discard, NULL};
	const struct vml_ptdump_opts o = {"6.12", NULL, 0};
	const struct vml_pt_ctx *trees[2] = {ctx->upper ? NULL : ctx, ctx->upper ? ctx : NULL};
	struct fuzz_pd_leaves leaves = {ctx, 0};
	struct vml_diag d = {0};
	unsigned int tables = 0;
	int rc = vml_pt_for_each_table(ctx, fuzz_pd_count_table, &tables);

	if (rc == 1)
		return; /* too many table visits (aliased tables): walks only */
	FUZZ_CHECK(rc == 0 || rc == VML_ERANGE);
	if (rc == VML_ERANGE) {
		FUZZ_CHECK(vml_pt_check_readable(ctx, &d) == VML_ERANGE);
		fuzz_pd_check_unreachable(ctx, m, &d);
		return;
	}
	FUZZ_CHECK(vml_pt_check_readable(ctx, &d) == 0);
	FUZZ_CHECK(vml_pt_for_each_leaf(ctx, fuzz_pd_leaf, &leaves) == 0);
	FUZZ_CHECK(vml_ptdump_emit(&sink, ctx->fmt, trees, &o) == 0);
}

static uint64_t fuzz_pd_u64(const uint8_t *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t mem[FUZZ_PD_MAX_MEM];
	struct vml_memdump m = {0};
	struct vml_host_error err = {{0}};
	struct vml_pt_format f;
	struct vml_pt_ctx ctx = {0};
	struct vml_diag d = {0};
	struct vml_pt_spec spec;
	uint64_t len, gap, slots, root;

	if (size <= FUZZ_PD_HEADER + 0x1000)
		return 0;
	spec = fuzz_pd_formats[data[0] % FUZZ_PD_NFORMATS];
	FUZZ_CHECK(vml_pt_format_lookup(&f, &spec, NULL) == 0);
	len = vml_min(size - FUZZ_PD_HEADER, (uint64_t)FUZZ_PD_MAX_MEM);
	len = vml_align_down(len, 0x1000);
	memcpy(mem, data + FUZZ_PD_HEADER, len);
	/* [0, gap) and [gap + 4K, len): a 4 KiB hole (none when gap >= len). */
	gap = (uint64_t)data[1] * 0x1000;
	if (gap)
		FUZZ_CHECK(vml_memdump_add(&m, FUZZ_PD_BASE, vml_min(gap, len), mem, "low", &err) ==
			   0);
	if (gap + 0x1000 < len)
		FUZZ_CHECK(vml_memdump_add(&m, FUZZ_PD_BASE + gap + 0x1000, len - gap - 0x1000,
					   mem + gap + 0x1000, "high", &err) == 0);
	/* The root in one of the memory's root-sized slots (or just past it). */
	slots = len / f.level[0].table_align + 1;
	root = FUZZ_PD_BASE + ((data[2] | (uint64_t)data[3] << 8) % slots) * f.level[0].table_align;
	ctx.fmt = &f;
	ctx.upper = spec.half == 1 || vml_str_eq(spec.arch, "arm64");
	ctx.window = vml_memdump_window;
	ctx.cb = &m;
	if (vml_pt_attach(&ctx, vml_pa(root), &d)) {
		fuzz_pd_check_unreachable(&ctx, &m, &d);
		FUZZ_CHECK(d.addr == root && d.index == f.first_level);
		vml_memdump_free(&m);
		return 0;
	}
	for (unsigned int i = 0; i < 4; i++) {
		struct vml_pt_walk w;
		int rc;

		d = (struct vml_diag){0};
		rc = vml_pt_walk(&ctx, vml_va(fuzz_pd_u64(data + 4 + 8 * i)), &w, &d);
		FUZZ_CHECK(rc == 0 || rc == VML_ENOENT || rc == VML_ERANGE);
		if (rc == VML_ERANGE && d.size)
			fuzz_pd_check_unreachable(&ctx, &m, &d);
	}
	fuzz_pd_whole_tree(&ctx, &m);
	vml_memdump_free(&m);
	return 0;
}
