/* SPDX-License-Identifier: MIT */
/*
 * Benchmark of the layout translation and the vmalloc-space allocator
 * (issue 9 §2, §3; docs/performance.md "Translation and the vmalloc
 * allocator").
 *
 * 1. vml_xlate_virt_to_phys() on a 768 MiB lowmem at 0xc0000000 cut by 0, 1,
 *    4 and 64 evenly spread holes (intermix: one offset, k + 1 pieces; and
 *    the hole strategy's two offsets for 1 hole), 2^20 random addresses
 *    inside the pieces, against plain linear arithmetic (v - offset after a
 *    range check) in the same run: a call to an out-of-line function like
 *    the library's (the goal's baseline) and the same arithmetic inlined.
 * 2. vml_vmarea alloc + free per operation with 10^3, 3 10^3, .. 10^6 live
 *    areas in fragmented space (1.5 n areas allocated, a random third
 *    freed, then each operation frees a random live area and allocates 1..8
 *    pages); the tree nodes visited per operation (vml_vmarea.steps), the
 *    tree's height and the memory its nodes take beside the time.
 * Min and median of 11 repetitions; a check walks every result.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vmlayout/vmarea.h"
#include "vmlayout/xlate.h"

#define REPS 11
#define LOOKUPS (1u << 20)
#define PAGE_OFFSET 0xc0000000ULL
#define PHYS_OFFSET 0x80000000ULL
#define LOWMEM (768ULL << 20)

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static uint64_t rng = 0x243f6a8885a308d3ULL;

static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

struct timing {
	double min, median; /* ns per operation */
};

static struct timing summarise(double *t, unsigned int n, double ops)
{
	qsort(t, n, sizeof(*t), cmp_double);
	return (struct timing){t[0] / ops, t[n / 2] / ops};
}

/* The lowmem cut by @holes holes of 1 MiB (intermix: one offset) or, with
 * @two_offsets, the hole strategy's single hole squeezed out. */
static void make_layout(struct vml_layout *lo, unsigned int holes, bool two_offsets)
{
	uint64_t piece = LOWMEM / (holes + 1) & ~((1ULL << 20) - 1), v = PAGE_OFFSET,
		 p = PHYS_OFFSET;

	memset(lo, 0, sizeof(*lo));
	lo->page_offset = PAGE_OFFSET;
	lo->high_memory = PAGE_OFFSET + LOWMEM;
	for (unsigned int i = 0; i <= holes; i++) {
		lo->segments[lo->n_segments++] =
		    (struct vml_linear_segment){v, p, piece - (1ULL << 20) * (i < holes)};
		p += piece;
		v += two_offsets ? piece - (1ULL << 20) : piece;
	}
}

static uint64_t addr[LOOKUPS];

static void random_addresses(const struct vml_layout *lo)
{
	for (unsigned int i = 0; i < LOOKUPS; i++) {
		const struct vml_linear_segment *s = &lo->segments[rnd() % lo->n_segments];

		addr[i] = s->virt + (rnd() % s->size & ~7ULL);
	}
}

/* Plain linear arithmetic, out of line as the library's call is, with the
 * library's signature; noipa: the loop must not learn from its body which
 * registers it keeps, as it cannot for the library's (a static function
 * called with that knowledge saved two moves a lookup, a tenth of plain). */
__attribute__((noipa)) static enum vml_xlate_how plain_v2p(const struct vml_xlate *x, uint64_t va,
							   uint64_t *pa)
{
	if (va - x->page_offset >= x->high_memory - x->page_offset)
		return VML_XLATE_NONE;
	*pa = va - x->offset;
	return VML_XLATE_LINEAR;
}

/* One loop per kind, each its own function of the same shape: a single
 * loop that chose the kind on each lookup compiled differently for each
 * (the compiler took the plain call out of the choice, not the library's,
 * which paid two more taken branches per lookup: about 1 ns against 1 ns). */
__attribute__((noinline)) static uint64_t loop_plain_call(const struct vml_xlate *x)
{
	uint64_t s = 0, pa = 0;

	for (unsigned int i = 0; i < LOOKUPS; i++)
		s += plain_v2p(x, addr[i], &pa) == VML_XLATE_LINEAR ? pa : 0;
	return s;
}

__attribute__((noinline)) static uint64_t loop_plain_inline(const struct vml_xlate *x)
{
	uint64_t s = 0;

	for (unsigned int i = 0; i < LOOKUPS; i++) {
		uint64_t va = addr[i];

		s += va - x->page_offset < x->high_memory - x->page_offset ? va - x->offset : 0;
	}
	return s;
}

__attribute__((noinline)) static uint64_t loop_xlate(const struct vml_xlate *x)
{
	uint64_t s = 0, pa = 0;

	for (unsigned int i = 0; i < LOOKUPS; i++)
		s += vml_xlate_virt_to_phys(x, addr[i], &pa) == VML_XLATE_LINEAR ? pa : 0;
	return s;
}

enum kind { PLAIN_CALL, PLAIN_INLINE, XLATE };

static double time_lookups(const struct vml_xlate *x, enum kind k, uint64_t *sum)
{
	double t0 = now_ns();
	uint64_t s = k == PLAIN_CALL	 ? loop_plain_call(x)
		     : k == PLAIN_INLINE ? loop_plain_inline(x)
					 : loop_xlate(x);

	__asm__ volatile("" : : "r"(s) : "memory");
	*sum = s;
	return now_ns() - t0;
}

static int bench_xlate_case(const char *label, unsigned int holes, bool two_offsets)
{
	static struct vml_layout lo;
	struct vml_xlate x;
	double t[3][REPS];
	struct timing r[3];
	uint64_t sum;
	unsigned int bad = 0;

	make_layout(&lo, holes, two_offsets);
	if (vml_xlate_init(&x, &lo, NULL, NULL))
		return 1;
	random_addresses(&lo);
	for (unsigned int i = 0; i < LOOKUPS; i += 97) { /* check: every answer is right */
		uint64_t pa = 0, back = 0;

		bad += vml_xlate_virt_to_phys(&x, addr[i], &pa) != VML_XLATE_LINEAR ||
		       !vml_xlate_phys_to_virt(&x, pa, &back) || back != addr[i];
	}
	for (int rep = 0; rep < REPS; rep++)
		for (int k = 0; k < 3; k++)
			t[k][rep] = time_lookups(&x, (enum kind)k, &sum);
	for (int k = 0; k < 3; k++)
		r[k] = summarise(t[k], REPS, LOOKUPS);
	printf("%-22s %6u %8.2f %8.2f %8.2f %8.2f %8.2f %6.2fx %s\n", label, lo.n_segments,
	       r[XLATE].min, r[XLATE].median, r[PLAIN_CALL].min, r[PLAIN_INLINE].min,
	       r[PLAIN_CALL].median, r[XLATE].min / r[PLAIN_CALL].min, bad ? "WRONG" : "ok");
	return bad != 0;
}

static double chase_ns(size_t bytes);

/* The pair at 10^3 live areas (its tree fits the first-level caches):
 * the base of the floor column. */
static double pair_small_ns;

/* Allocator: n live areas, fragmented; ns per (free + alloc). Beside it
 * the floor for this machine: the pair at 10^3 plus two loads at the
 * latency of a working set as large as the tree, since the free goes to a
 * random area and the lowest fit lands on a random leaf too, two leaves
 * no cache holds once the tree outgrows them. */
static int bench_vmarea(unsigned int n)
{
	const uint64_t pg = 4096, base = 1ULL << 40;
	unsigned int total = n + n / 2, ops = 100000, cap = VML_VMAREA_NODES(2 * total + 2);
	struct vml_vmarea_node *nodes =
	    aligned_alloc(_Alignof(struct vml_vmarea_node), sizeof(*nodes) * cap);
	uint64_t *live = malloc(sizeof(*live) * total);
	struct vml_vmarea va;
	double t[REPS];
	unsigned int n_live = 0, bad = 0;

	if (!nodes || !live)
		return 1;
	vml_vmarea_init(&va, nodes, cap, pg);
	bad |= vml_vmarea_add_space(&va, base, base + (uint64_t)total * 16 * pg) != 0;
	for (unsigned int i = 0; i < total && !bad; i++)
		bad |= vml_vmarea_alloc(&va, pg * (1 + rnd() % 8), pg, 0, ~0ULL, &live[n_live++]);
	while (n_live > n && !bad) { /* free a random third: fragmented space */
		unsigned int i = (unsigned int)(rnd() % n_live);

		bad |= vml_vmarea_free(&va, live[i]) != 0;
		live[i] = live[--n_live];
	}
	va.steps = 0;
	for (int rep = 0; rep < REPS && !bad; rep++) {
		double t0 = now_ns();

		unsigned int next = (unsigned int)(rnd() % n_live);

		for (unsigned int op = 0; op < ops && !bad; op++) {
			unsigned int i = next;

			/* The next victim's slot of live[] (12 MiB at 10^6) asked
			 * for now: its miss is the harness's, not the allocator's. */
			next = (unsigned int)(rnd() % n_live);
			__builtin_prefetch(&live[next]);
			bad |= vml_vmarea_free(&va, live[i]) != 0;
			bad |= vml_vmarea_alloc(&va, pg * (1 + rnd() % 8), pg, 0, ~0ULL, &live[i]);
		}
		t[rep] = now_ns() - t0;
	}
	bad |= va.n_busy != n;
	if (!bad) {
		struct timing r = summarise(t, REPS, ops);

		size_t tree_bytes = (size_t)(va.cap - va.n_spare) * sizeof(*nodes);
		double floor_ns;

		if (!pair_small_ns)
			pair_small_ns = r.min;
		floor_ns = pair_small_ns + 2 * chase_ns(tree_bytes);
		printf("%9u %10.1f %10.1f %8.2f %6.2f %6u %9.0f %7.1f %6.2fx %6.2fx\n", n, r.min,
		       r.median, (double)va.steps / ((double)ops * REPS), log2((double)n),
		       va.height, (double)tree_bytes / 1024, floor_ns, r.min / pair_small_ns,
		       r.min / floor_ns);
	}
	free(nodes);
	free(live);
	return bad;
}

/* ns per load along a random cycle through @bytes: the latency of the
 * cache level (or memory) that holds that much, for the allocator's
 * figures: what a descent pays per node once the tree outgrows a level. */
static double chase_ns(size_t bytes)
{
	size_t n = bytes / sizeof(size_t), *next = malloc(n * sizeof(size_t)), at = 0;
	unsigned int loads = 1u << 22;
	double best = 1e30;

	if (!next)
		return 0;
	for (size_t i = 0; i < n; i++)
		next[i] = i;
	for (size_t i = n - 1; i > 0; i--) { /* Sattolo: one cycle through all */
		size_t j = (size_t)(rnd() % i), t = next[i];

		next[i] = next[j];
		next[j] = t;
	}
	for (int rep = 0; rep < 5; rep++) {
		double t0 = now_ns();

		for (unsigned int k = 0; k < loads; k++)
			at = next[at];
		best = fmin(best, (now_ns() - t0) / loads);
	}
	__asm__ volatile("" : : "r"(at));
	free(next);
	return best;
}

int main(void)
{
	int bad = 0;

	printf("virt_to_phys, ns per lookup (%u random addresses, min/median of %d)\n", LOOKUPS,
	       REPS);
	printf("%-22s %6s %8s %8s %8s %8s %8s %7s %s\n", "case", "pieces", "xlate", "xlate_md",
	       "plain", "inline", "plain_md", "ratio", "check");
	bad |= bench_xlate_case("0 holes", 0, false);
	bad |= bench_xlate_case("1 hole (intermix)", 1, false);
	bad |= bench_xlate_case("1 hole (hole: 2 offs)", 1, true);
	bad |= bench_xlate_case("4 holes (intermix)", 4, false);
	bad |= bench_xlate_case("64 holes (intermix)", 64, false);
	printf("\nvmarea free + alloc, ns per pair (fragmented, min/median of %d)\n", REPS);
	printf("(%u pairs a repetition; floor: the 10^3 pair plus two loads over a working set as\n"
	       " large as the tree; growth: min / the 10^3 min, the goal <= log2 n / log2 10^3)\n",
	       100000u);
	printf("%9s %10s %10s %8s %6s %6s %9s %7s %7s %7s\n", "live", "min", "median", "nodes/op",
	       "log2 n", "height", "tree KiB", "floor", "growth", "/floor");
	for (unsigned int n = 1000; n <= 1000000; n *= 10) {
		bad |= bench_vmarea(n);
		if (n < 1000000)
			bad |= bench_vmarea(3 * n);
	}
	printf("\nmemory latency, ns per dependent load over a working set (min of 5)\n");
	for (size_t kb = 32; kb <= 128 * 1024; kb *= 4)
		printf("%9zu KiB %8.1f\n", kb, chase_ns(kb << 10));
	if (bad)
		fprintf(stderr, "bench_xlate: a result was wrong\n");
	return bad;
}
