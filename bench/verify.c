/* SPDX-License-Identifier: MIT */
/*
 * The bench's correctness check: walk VAs of a result with the engine's
 * walker, in the engine's tree and in the naive mapper's, and compare with
 * what the workload says. Sampled: both ends of every region, @samples
 * random VAs inside random regions and @samples anywhere in the mapped span
 * (holes included).
 */
#include <inttypes.h>
#include <stdio.h>

#include "bench.h"

static bool same_attrs(const struct vml_pt_attrs *a, const struct vml_pt_attrs *b)
{
	return ((a->perm ^ b->perm) & ~VML_PT_CONT) == 0 && a->memtype == b->memtype &&
	       a->share == b->share && a->domain == b->domain && a->arch_bits == b->arch_bits;
}

static unsigned int check_va(const struct bench_workload *w, const struct vml_pt_ctx *engine,
			     const struct vml_pt_ctx *naive, uint64_t va)
{
	struct vml_pt_walk we, wn;
	uint64_t want;
	bool mapped = bench_workload_pa(w, va, &want);
	int re = vml_pt_walk(engine, vml_va(va), &we, NULL);
	int rn = vml_pt_walk(naive, vml_va(va), &wn, NULL);
	const char *why = NULL;

	if ((re == 0) != mapped || (rn == 0) != mapped)
		why = "mapped or not";
	else if (mapped && (vml_pa_addr(we.pa) != want || vml_pa_addr(wn.pa) != want))
		why = "output address";
	else if (mapped && !same_attrs(&we.attrs, &wn.attrs))
		why = "attributes";
	if (!why)
		return 0;
	fprintf(stderr,
		"bench: %s mismatch at VA 0x%" PRIx64 ": workload %s 0x%" PRIx64
		", engine rc %d PA 0x%" PRIx64 ", naive rc %d PA 0x%" PRIx64 "\n",
		why, va, mapped ? "maps to" : "leaves unmapped", mapped ? want : 0, re,
		vml_pa_addr(we.pa), rn, vml_pa_addr(wn.pa));
	return 1;
}

unsigned int bench_verify(const struct bench_workload *w, const struct vml_pt_ctx *engine,
			  const struct vml_pt_ctx *naive, unsigned int samples, uint64_t seed)
{
	uint64_t lo = ~0ULL, hi = 0,
		 page = 1ULL << engine->fmt->level[engine->fmt->levels - 1].shift;
	unsigned int bad = 0;

	for (unsigned int i = 0; i < w->count; i++) {
		const struct bench_region *r = &w->regions[i];

		lo = r->va < lo ? r->va : lo;
		hi = r->va + r->size > hi ? r->va + r->size : hi;
		bad += check_va(w, engine, naive, r->va);
		bad += check_va(w, engine, naive, r->va + r->size - page);
		bad +=
		    check_va(w, engine, naive, r->va + r->size); /* just past: a hole or the next */
	}
	for (unsigned int i = 0; i < samples && bad < 10; i++) {
		const struct bench_region *r = &w->regions[bench_rand(&seed) % w->count];

		bad += check_va(w, engine, naive, r->va + bench_rand(&seed) % r->size);
		bad += check_va(w, engine, naive, lo + bench_rand(&seed) % (hi - lo));
	}
	return bad;
}
