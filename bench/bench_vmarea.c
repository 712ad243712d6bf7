/* SPDX-License-Identifier: MIT */
/*
 * Benchmark of the vmalloc-space allocator (issue 9 §3, acceptance 5;
 * docs/performance.md "vmalloc allocator", second and third pass).
 *
 * vml_vmarea free + alloc per operation with 10^3, 3 10^3, .. 10^6 live
 * areas in fragmented space (1.5 n areas allocated, a random third freed,
 * then each operation frees a random live area and allocates 1..8 pages),
 * with the node storage on 4 KiB pages and on 2 MiB transparent huge pages
 * (bench/huge_pages.c): the same workload on both, one after the other in
 * one run. Beside the time: the tree nodes visited per operation
 * (vml_vmarea.steps), the tree's height and size, two read-only descents
 * to random leaves of the same tree, and a floor (the 10^3 pair plus two
 * random loads over a working set as large as the tree, on the same kind
 * of pages). Min and median of 11 repetitions; the
 * two storages must hand out the same areas, and a hash of every address
 * handed out is printed so that two builds can be compared.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "vmlayout/vmarea.h"

#define REPS 11
#define OPS 100000u
#define PG 4096ULL

static uint64_t rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* One allocator and its workload: n live areas at @live. */
struct run {
	struct bench_pages mem;
	struct vml_vmarea va;
	uint64_t *live, rng, hash;
	unsigned int n_live, next;
	double t[REPS], d[REPS]; /* pairs, descents */
	int bad;
};

static void note(struct run *r, uint64_t a)
{
	r->hash = (r->hash ^ a) * 0x100000001b3ULL; /* FNV-1a over the addresses */
}

static int run_setup(struct run *r, unsigned int n, bool huge)
{
	const uint64_t base = 1ULL << 40;
	unsigned int total = n + n / 2, cap = VML_VMAREA_NODES(2 * total + 2);

	memset(r, 0, sizeof(*r));
	r->rng = 0x243f6a8885a308d3ULL;
	r->hash = 0xcbf29ce484222325ULL;
	r->live = malloc(sizeof(*r->live) * total);
	if (!r->live || bench_pages_new(&r->mem, sizeof(struct vml_vmarea_node) * cap, huge))
		return 1;
	/* the space's span declared: compact leaves (32-bit page offsets) */
	vml_vmarea_init_span(&r->va, r->mem.p, cap, PG, base, base + (uint64_t)total * 16 * PG);
	r->bad |= vml_vmarea_add_space(&r->va, base, base + (uint64_t)total * 16 * PG) != 0;
	for (unsigned int i = 0; i < total && !r->bad; i++) {
		r->bad |= vml_vmarea_alloc(&r->va, PG * (1 + rnd(&r->rng) % 8), PG, 0, ~0ULL,
					   &r->live[r->n_live]) != 0;
		note(r, r->live[r->n_live++]);
	}
	while (r->n_live > n && !r->bad) { /* free a random third: fragmented space */
		unsigned int i = (unsigned int)(rnd(&r->rng) % r->n_live);

		r->bad |= vml_vmarea_free(&r->va, r->live[i]) != 0;
		r->live[i] = r->live[--r->n_live];
	}
	r->va.steps = 0;
	r->next = (unsigned int)(rnd(&r->rng) % r->n_live);
	return r->bad;
}

/* One repetition: OPS pairs, timed into @t. */
static void run_pairs(struct run *r, double *t)
{
	double t0 = bench_now_ns();

	for (unsigned int op = 0; op < OPS && !r->bad; op++) {
		unsigned int i = r->next;

		/* The next victim's slot of live[] (12 MiB at 10^6) asked for
		 * now: its miss is the harness's, not the allocator's. */
		r->next = (unsigned int)(rnd(&r->rng) % r->n_live);
		__builtin_prefetch(&r->live[r->next]);
		r->bad |= vml_vmarea_free(&r->va, r->live[i]) != 0;
		r->bad |= vml_vmarea_alloc(&r->va, PG * (1 + rnd(&r->rng) % 8), PG, 0, ~0ULL,
					   &r->live[i]) != 0;
		note(r, r->live[i]);
	}
	*t = bench_now_ns() - t0;
}

/* OPS times two descents to random leaves that change nothing: a free of
 * the page after a live area's start (inside the area, never a block's
 * start: VML_ENOENT after the leaf is read), the second area known one
 * step ahead as the pair's victims are. What a pair cannot go below
 * whatever it does in the leaves, timed into @t. */
static void run_descents(struct run *r, double *t)
{
	double t0 = bench_now_ns();
	uint64_t steps = r->va.steps;

	for (unsigned int op = 0; op < OPS && !r->bad; op++) {
		unsigned int i = r->next;

		r->next = (unsigned int)(rnd(&r->rng) % r->n_live);
		__builtin_prefetch(&r->live[r->next]);
		r->bad |= vml_vmarea_free(&r->va, r->live[i] + PG) != VML_ENOENT;
		r->bad |= vml_vmarea_free(&r->va, r->live[r->next] + PG) != VML_ENOENT;
	}
	*t = bench_now_ns() - t0;
	r->va.steps = steps; /* nodes/op counts the pairs */
}

static void run_delete(struct run *r)
{
	bench_pages_delete(&r->mem);
	free(r->live);
}

/* ns per load along a random cycle through @bytes on 4 KiB or huge pages:
 * the latency of where that much lives, what a descent pays per node once
 * the tree outgrows a cache level. */
static double chase_ns(size_t bytes, bool huge, uint64_t *rng)
{
	struct bench_pages pg;
	size_t n = bytes / sizeof(size_t), *next, at = 0;
	unsigned int loads = 1u << 22;
	double best = 1e30;

	if (bench_pages_new(&pg, bytes, huge))
		return 0;
	next = pg.p;
	for (size_t i = 0; i < n; i++)
		next[i] = i;
	for (size_t i = n - 1; i > 0; i--) { /* Sattolo: one cycle through all */
		size_t j = (size_t)(rnd(rng) % i), t = next[i];

		next[i] = next[j];
		next[j] = t;
	}
	for (int rep = 0; rep < 5; rep++) {
		double t0 = bench_now_ns();

		for (unsigned int k = 0; k < loads; k++)
			at = next[at];
		best = fmin(best, (bench_now_ns() - t0) / loads);
	}
	__asm__ volatile("" : : "r"(at));
	bench_pages_delete(&pg);
	return best;
}

/* The pair at 10^3 live areas (its tree fits the first-level caches), per
 * storage: the base of the growth and floor columns. */
static double pair_small_ns[2];

struct figures {
	double min, median, floor, descents;
	double huge_share; /* of the nodes on huge pages */
};

static struct figures figures_of(struct run *r, size_t tree_bytes, int huge, uint64_t *rng)
{
	struct figures f;
	double unused;

	bench_min_median(r->t, REPS, &f.min, &f.median);
	bench_min_median(r->d, REPS, &f.descents, &unused);
	f.min /= OPS;
	f.median /= OPS;
	f.descents /= OPS;
	if (!pair_small_ns[huge])
		pair_small_ns[huge] = f.min;
	f.floor = pair_small_ns[huge] + 2 * chase_ns(tree_bytes, huge, rng);
	return f;
}

static void print_figures(const struct figures *f, int huge)
{
	printf(" %6.1f %6.1f %6.1f %6.1f %5.2fx |", f->min, f->median, f->floor, f->descents,
	       f->min / pair_small_ns[huge]);
}

/* The pairs and the descents on one storage: a tree alone in the caches
 * (two trees of 32 MiB timed in turn, one repetition each, evicted each
 * other from the shared last-level cache: 10-15% slower at 10^6 for both). */
static int bench_storage(unsigned int n, int huge, struct figures *f, uint64_t *hash, uint64_t *rng)
{
	static struct run r;
	int bad = run_setup(&r, n, huge);

	for (int rep = 0; rep < REPS && !bad; rep++)
		run_pairs(&r, &r.t[rep]);
	for (int rep = 0; rep < REPS && !bad; rep++)
		run_descents(&r, &r.d[rep]);
	bad |= r.bad || r.va.n_busy != n || (*hash && *hash != r.hash);
	if (!bad) {
		size_t tree_bytes =
		    (size_t)(r.va.cap - r.va.n_spare) * sizeof(struct vml_vmarea_node);

		if (!*hash)
			printf("%8u %6.2f %3u %7.0f |", n,
			       (double)r.va.steps / ((double)OPS * REPS), r.va.height,
			       (double)tree_bytes / 1024);
		*hash = r.hash;
		*f = figures_of(&r, tree_bytes, huge, rng);
		f->huge_share = (double)bench_pages_huge_bytes(&r.mem) / (double)r.mem.bytes;
	}
	run_delete(&r);
	return bad;
}

/* Both storages, one after the other, the order swapped from one size to
 * the next (@turn). */
static int bench_vmarea(unsigned int n, int turn)
{
	uint64_t rng = 0x9e3779b97f4a7c15ULL, hash = 0;
	struct figures f[2];
	int bad = 0;

	for (int k = 0; k < 2 && !bad; k++)
		bad |= bench_storage(n, (k + turn) % 2, &f[(k + turn) % 2], &hash, &rng);
	if (bad)
		return bad;
	for (int h = 0; h < 2; h++)
		print_figures(&f[h], h);
	printf(" %4.0f%% %016llx\n", 100.0 * f[1].huge_share, (unsigned long long)hash);
	return 0;
}

/* With arguments: 10^3 (the base) and then those numbers of live areas
 * only, e.g. to see what a tree of some size costs. */
int main(int argc, char **argv)
{
	uint64_t rng = 0x9e3779b97f4a7c15ULL;
	int bad = 0;

	printf("vmarea free + alloc, ns per pair (fragmented; %u pairs a repetition, min/median "
	       "of %d;\n"
	       "node storage on 4 KiB pages and on huge pages, one after the other; floor: the "
	       "10^3\n"
	       "pair plus two loads over a working set as large as the tree on the same pages; "
	       "desc:\n"
	       "two descents to random leaves that change nothing (min); growth: min / the 10^3 "
	       "min,\n"
	       "the goal <= 2x at 10^6; huge: the share of the nodes the kernel put on huge "
	       "pages;\n"
	       "hash: of every area handed out, the same for both storages and any build)\n",
	       OPS, REPS);
	printf("%8s %6s %3s %7s | %-39s | %-39s |\n", "", "nodes", "", "tree", "4 KiB pages",
	       "huge pages");
	printf("%8s %6s %3s %7s |", "live", "/op", "ht", "KiB");
	for (int h = 0; h < 2; h++)
		printf(" %6s %6s %6s %6s %6s |", "min", "median", "floor", "desc", "growth");
	printf(" %5s %s\n", "huge", "areas hash");
	if (argc > 1) {
		bad |= bench_vmarea(1000, 0);
		for (int i = 1; i < argc; i++)
			bad |= bench_vmarea((unsigned int)strtoul(argv[i], NULL, 0), i);
		return bad;
	}
	for (unsigned int n = 1000, turn = 0; n <= 1000000; n *= 10) {
		bad |= bench_vmarea(n, turn++);
		if (n < 1000000)
			bad |= bench_vmarea(3 * n, turn++);
	}
	printf("\nmemory latency, ns per dependent load over a working set (min of 5)\n");
	printf("%9s %8s %8s\n", "KiB", "4 KiB", "huge");
	for (size_t kb = 32; kb <= 128 * 1024; kb *= 4)
		printf("%9zu %8.1f %8.1f\n", kb, chase_ns(kb << 10, false, &rng),
		       chase_ns(kb << 10, true, &rng));
	if (bad)
		fprintf(stderr, "bench_vmarea: a result was wrong\n");
	return bad;
}
