/* SPDX-License-Identifier: MIT */
/*
 * Benchmark of the layout translation (issue 9 §2; docs/performance.md
 * "Translation and the vmalloc allocator"; the allocator's bench is
 * bench/bench_vmarea.c).
 *
 * vml_xlate_virt_to_phys() on a 768 MiB lowmem at 0xc0000000 cut by 0, 1, 4
 * and 64 evenly spread holes (intermix: one offset, k + 1 pieces; and the
 * hole strategy's two offsets for 1 hole), 2^20 random addresses inside the
 * pieces, against plain linear arithmetic (v - offset after a range check)
 * in the same run: a call to an out-of-line function like the library's
 * (the goal's baseline) and the same arithmetic inlined.
 * Min and median of 11 repetitions; a check walks every result.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
	if (bad)
		fprintf(stderr, "bench_xlate: a result was wrong\n");
	return bad;
}
