/* SPDX-License-Identifier: MIT */
/*
 * `make bench`: the page-table engine against a naive mapper (naive_map.c)
 * and memset of the same table bytes, in the same run, on the workloads of
 * issue 11 (workloads.c) for arm64 4K/16K/64K, riscv64 sv48, arm LPAE and
 * arm short-descriptor, with the engine's tables in a flat pre-faulted
 * buffer and in simulated physical memory (table_mem.c). Every rep of the
 * three is timed in turn; min and median over the reps are shown. Each
 * result is checked by walking it (verify.c): exit 1 on any mismatch.
 *
 *   bench_pgtable [--smoke] [--reps N] [--format NAME] [--workload W]
 *                 [--window flat|physmem]
 *
 * --smoke: one rep, no 64 GiB case, no timing printed: the correctness
 * check only (tests/bench/test_bench_smoke.sh runs it in `make check`).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

#define MAX_REPS 1001
#define ARENA (256 * VML_SZ_1M) /* 64 GiB of 4K pages takes 128 MiB of tables */
#define SMOKE_ARENA (32 * VML_SZ_1M)
#define VERIFY_SAMPLES 1000

struct bench_fmt {
	const char *label;
	struct vml_pt_spec spec;
};

static const struct bench_fmt formats[] = {
    {"arm64-4K", {.arch = "arm64", .granule = 0x1000, .va_bits = 48}},
    {"arm64-16K", {.arch = "arm64", .granule = 0x4000, .va_bits = 48}},
    {"arm64-64K", {.arch = "arm64", .granule = 0x10000, .va_bits = 48}},
    {"riscv-sv48", {.arch = "riscv64", .mode = "sv48"}},
    {"arm-lpae", {.arch = "arm", .mode = "lpae"}},
    {"arm-short", {.arch = "arm", .mode = "short"}},
};
static const char *const workloads[] = {"W1", "W2", "W3", "W64p", "W64b"};

struct opts {
	bool smoke;
	unsigned int reps;
	const char *format, *workload, *window;
};

/* Memory shared by every case, faulted in once. */
struct arena {
	struct bench_mem flat;
	unsigned char *memset_buf;
	uint64_t naive_pool;
};

struct result {
	uint64_t entries, table_bytes;
	double eng[MAX_REPS], naive[MAX_REPS], mset[MAX_REPS];
};

static struct vml_pt_attrs bench_attrs(void)
{
	struct vml_pt_attrs a = {0};

	a.perm = VML_PT_READ | VML_PT_WRITE | VML_PT_GLOBAL | VML_PT_ACCESSED | VML_PT_DIRTY;
	a.memtype = VML_PT_MT_NORMAL;
	return a;
}

static int engine_rep(const struct bench_workload *w, struct vml_pt_ctx *ctx, double *ns)
{
	struct vml_pt_attrs a = bench_attrs();
	struct vml_diag d = {0};
	double t0;

	if (vml_pt_init(ctx, &d))
		return fprintf(stderr, "bench: vml_pt_init: %s\n", d.rule), -1;
	t0 = bench_now_ns();
	for (unsigned int i = 0; i < w->count; i++) {
		const struct bench_region *r = &w->regions[i];

		if (vml_pt_map(ctx, vml_va(r->va), vml_pa(r->pa), r->size, &a, w->flags, &d))
			return fprintf(stderr, "bench: vml_pt_map 0x%" PRIx64 ": %s\n", r->va,
				       d.rule),
			       -1;
	}
	*ns = bench_now_ns() - t0;
	return 0;
}

static int naive_rep(const struct bench_workload *w, struct bench_naive *n, double *ns)
{
	double t0;

	bench_naive_reset(n);
	t0 = bench_now_ns();
	for (unsigned int i = 0; i < w->count; i++)
		if (bench_naive_map(n, w->regions[i].va, w->regions[i].pa, w->regions[i].size,
				    w->flags))
			return fprintf(stderr, "bench: naive pool too small\n"), -1;
	*ns = bench_now_ns() - t0;
	return 0;
}

/* The entries the engine wrote: leaves plus one table entry per non-root table. */
static int count_entries(const struct vml_pt_ctx *ctx, struct result *res)
{
	struct vml_pt_stats st;

	if (vml_pt_count(ctx, &st))
		return -1;
	res->entries = st.total_tables - 1;
	for (unsigned int i = 0; i < ctx->fmt->levels; i++)
		res->entries += st.leaves[i];
	res->table_bytes = st.total_bytes;
	return 0;
}

static int warm_up(const struct bench_workload *w, struct bench_naive *n, struct bench_mem *m,
		   const struct vml_pt_format *f, double *scratch)
{
	struct vml_pt_ctx ctx = {.fmt = f};
	int err;

	if (naive_rep(w, n, scratch) || bench_mem_reset(m))
		return -1;
	bench_mem_bind(m, &ctx);
	err = engine_rep(w, &ctx, scratch);
	bench_mem_release(m);
	return err;
}

static int run_case(const struct opts *o, struct arena *ar, const struct vml_pt_format *f,
		    const struct bench_workload *w, enum bench_window win, struct result *res)
{
	struct bench_mem phys = {.kind = BENCH_PHYSMEM};
	struct bench_mem *m = win == BENCH_FLAT ? &ar->flat : &phys;
	struct vml_pt_attrs a = bench_attrs();
	struct bench_naive n;
	int err = 0;

	if (bench_naive_new(&n, f, &a, ar->naive_pool))
		return -1;
	for (unsigned int rep = 0; rep < o->reps && !err; rep++) {
		struct vml_pt_ctx ctx = {.fmt = f};

		/* A workload of one call would time cold code and data (the other
		 * two ran in between): each side runs it once untimed first. */
		if (w->count == 1 && w->mapped < 64 * VML_SZ_1G && !o->smoke &&
		    warm_up(w, &n, m, f, &res->naive[rep]))
			break;
		err = naive_rep(w, &n, &res->naive[rep]) || bench_mem_reset(m);
		if (err)
			break;
		bench_mem_bind(m, &ctx);
		err = engine_rep(w, &ctx, &res->eng[rep]);
		if (!err && rep == 0) {
			err = count_entries(&ctx, res);
			if (!err && bench_verify(w, &ctx, &n.walk_ctx, VERIFY_SAMPLES, 2026))
				err = 2;
		}
		bench_mem_release(m);
		if (!err)
			res->mset[rep] =
			    bench_memset_ns(ar->memset_buf, res->table_bytes, (int)rep);
	}
	bench_naive_delete(&n);
	return err;
}

static void print_header(void)
{
	printf("%-10s %-7s %-5s %10s %9s %9s %8s %8s %8s %8s %7s %7s %7s %9s %9s %6s\n", "format",
	       "window", "work", "entries", "eng min", "eng med", "eng", "naive", "naive", "memset",
	       "eng/nv", "eng/ms", "nv/ms", "eng", "naive", "ins/e");
	printf("%-10s %-7s %-5s %10s %9s %9s %8s %8s %8s %8s %7s %7s %7s %9s %9s %6s\n", "", "", "",
	       "", "ns/entry", "ns/entry", "ns/4K", "ns/entry", "ns/4K", "ns/entry", "", "", "",
	       "us/call", "us/call", "");
}

static void print_case(const char *label, enum bench_window win, const struct bench_workload *w,
		       struct result *res, unsigned int reps)
{
	double emin, emed, nmin, nmed, mmin, mmed, e = (double)res->entries;
	double pages = (double)w->mapped / 4096.0;

	bench_min_median(res->eng, reps, &emin, &emed);
	bench_min_median(res->naive, reps, &nmin, &nmed);
	bench_min_median(res->mset, reps, &mmin, &mmed);
	printf("%-10s %-7s %-5s %10" PRIu64
	       " %9.2f %9.2f %8.3f %8.2f %8.3f %8.3f %7.2f %7.1f %7.1f "
	       "%9.2f %9.2f %6s\n",
	       label, win == BENCH_FLAT ? "flat" : "physmem", w->name, res->entries, emin / e,
	       emed / e, emed / pages, nmed / e, nmed / pages, mmed / e, emed / nmed, emed / mmed,
	       nmed / mmed, emed / 1e3 / w->count, nmed / 1e3 / w->count, "n/a");
	fflush(stdout);
}

static int parse(int argc, char **argv, struct opts *o)
{
	*o = (struct opts){.reps = 11};
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--smoke"))
			o->smoke = true;
		else if (!strcmp(argv[i], "--reps") && i + 1 < argc)
			o->reps = (unsigned int)atoi(argv[++i]);
		else if (!strcmp(argv[i], "--format") && i + 1 < argc)
			o->format = argv[++i];
		else if (!strcmp(argv[i], "--workload") && i + 1 < argc)
			o->workload = argv[++i];
		else if (!strcmp(argv[i], "--window") && i + 1 < argc)
			o->window = argv[++i];
		else
			return fprintf(stderr,
				       "usage: bench_pgtable [--smoke] [--reps N] [--format NAME] "
				       "[--workload W1|W2|W3|W64p|W64b] [--window flat|physmem]\n"),
			       -1;
	}
	if (o->smoke)
		o->reps = 1;
	if (o->reps < 1 || o->reps > MAX_REPS)
		return fprintf(stderr, "bench_pgtable: --reps must be 1..%d\n", MAX_REPS), -1;
	return 0;
}

static int run_all(const struct opts *o, struct arena *ar)
{
	static struct result res;
	unsigned int cases = 0;

	for (size_t fi = 0; fi < VML_ARRAY_SIZE(formats); fi++) {
		struct vml_pt_format f;

		if (o->format && strcmp(o->format, formats[fi].label))
			continue;
		if (vml_pt_format_lookup(&f, &formats[fi].spec, NULL))
			return fprintf(stderr, "bench: no format %s\n", formats[fi].label), 1;
		for (size_t wi = 0; wi < VML_ARRAY_SIZE(workloads); wi++) {
			struct bench_workload w;

			if ((o->workload && strcmp(o->workload, workloads[wi])) ||
			    (o->smoke && workloads[wi][1] == '6') ||
			    !bench_workload_make(&w, workloads[wi], &f))
				continue;
			for (int win = BENCH_FLAT; win <= BENCH_PHYSMEM; win++) {
				if (o->window &&
				    strcmp(o->window, win == BENCH_FLAT ? "flat" : "physmem"))
					continue;
				int err = run_case(o, ar, &f, &w, (enum bench_window)win, &res);

				if (err)
					return fprintf(stderr, "bench: %s %s failed\n",
						       formats[fi].label, w.name),
					       1;
				if (o->smoke)
					printf("ok %s %s %s: %" PRIu64 " entries agree\n",
					       formats[fi].label, w.name,
					       win == BENCH_FLAT ? "flat" : "physmem", res.entries);
				else
					print_case(formats[fi].label, (enum bench_window)win, &w,
						   &res, o->reps);
				cases++;
			}
			bench_workload_free(&w);
		}
	}
	if (o->smoke)
		printf("%u passed, 0 failed\n", cases);
	return 0;
}

int main(int argc, char **argv)
{
	struct opts o;
	struct arena ar;
	uint64_t arena;
	int rc;

	if (parse(argc, argv, &o))
		return 2;
	arena = o.smoke ? SMOKE_ARENA : ARENA;
	ar.naive_pool = arena;
	if (bench_flat_new(&ar.flat, arena) || !(ar.memset_buf = malloc(arena)))
		return fprintf(stderr, "bench: out of memory\n"), 1;
	memset(ar.memset_buf, 1, arena);
	if (!o.smoke) {
		printf(
		    "vmlayout page-table bench: %u reps; ns/entry = time / (leaves + table entries "
		    "the engine wrote); ns/4K = time per 4 KiB mapped; ratios of medians; "
		    "instructions per entry: n/a (no perf counters here)\n",
		    o.reps);
		print_header();
	}
	rc = run_all(&o, &ar);
	bench_flat_delete(&ar.flat);
	free(ar.memset_buf);
	return rc;
}
