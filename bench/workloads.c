/* SPDX-License-Identifier: MIT */
/*
 * The workloads of issue 11, from a fixed seed:
 * W1   1 GiB of pages (NO_BLOCK | NO_CONT) at VA 1 GiB + 2 MiB: not aligned
 *      to anything above 2 MiB, so it spans two upper-level entries.
 * W2   the same range with blocks and the contiguous hint allowed: one call
 *      of about 512 2 MiB blocks on 4K formats.
 * W3   1000 regions, sizes log-uniform 4 KiB..64 MiB (8 MiB on the 32-bit
 *      arm formats: 1000 regions of up to 64 MiB do not fit in 4 GiB),
 *      page-aligned, random gaps, mapped in random order; PA = VA + 1 GiB
 *      (so blocks can be used where a region is large enough).
 * W64p 64 GiB of pages at VA 64 GiB, PA 128 GiB (64-bit formats only).
 * W64b the same with blocks allowed.
 */
#include <stdlib.h>
#include <string.h>

#include "bench.h"

#define W1_VA (VML_SZ_1G + VML_SZ_2M)
#define W1_PA (2 * VML_SZ_1G + VML_SZ_2M)
#define W3_REGIONS 1000
#define W3_VA 0x1000000ULL /* 16 MiB */

uint64_t bench_rand(uint64_t *state)
{
	/* splitmix64 */
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* log-uniform in [lo, hi], aligned down to @page (at least @page). */
static uint64_t log_uniform(uint64_t *seed, uint64_t lo, uint64_t hi, uint64_t page)
{
	double u = (double)(bench_rand(seed) >> 11) / 9007199254740992.0;
	double lnlo = __builtin_log((double)lo), lnhi = __builtin_log((double)hi);
	uint64_t v = (uint64_t)__builtin_exp(lnlo + u * (lnhi - lnlo));

	v &= ~(page - 1);
	return v < page ? page : v;
}

static bool one_region(struct bench_workload *w, uint64_t va, uint64_t pa, uint64_t size)
{
	w->count = 1;
	w->regions = malloc(sizeof(*w->regions));
	w->regions[0] = (struct bench_region){va, pa, size};
	w->mapped = size;
	return true;
}

static bool make_w3(struct bench_workload *w, const struct vml_pt_format *f, uint64_t page)
{
	uint64_t seed = 11, va = W3_VA;
	uint64_t max = f->va_bits <= 32 ? VML_SZ_8M : 64 * VML_SZ_1M;

	w->count = W3_REGIONS;
	w->regions = malloc(W3_REGIONS * sizeof(*w->regions));
	w->mapped = 0;
	for (unsigned int i = 0; i < W3_REGIONS; i++) {
		uint64_t size = log_uniform(&seed, VML_SZ_4K, max, page);
		uint64_t gap = log_uniform(&seed, VML_SZ_4K, max / 4, page);

		w->regions[i] = (struct bench_region){va, va + VML_SZ_1G, size};
		w->mapped += size;
		va += size + gap;
	}
	/* Fisher-Yates: the map calls come in random order. */
	for (unsigned int i = W3_REGIONS - 1; i > 0; i--) {
		unsigned int j = (unsigned int)(bench_rand(&seed) % (i + 1));
		struct bench_region t = w->regions[i];

		w->regions[i] = w->regions[j];
		w->regions[j] = t;
	}
	return true;
}

bool bench_workload_make(struct bench_workload *w, const char *name, const struct vml_pt_format *f)
{
	uint64_t page = 1ULL << f->level[f->levels - 1].shift;

	memset(w, 0, sizeof(*w));
	w->name = name;
	if (!strcmp(name, "W1") || !strcmp(name, "W2")) {
		w->flags = name[1] == '1' ? VML_PT_NO_BLOCK_MAPPINGS | VML_PT_NO_CONT_MAPPINGS : 0;
		w->what = name[1] == '1' ? "1 GiB, pages, VA 1G+2M" : "1 GiB, blocks, VA 1G+2M";
		return one_region(w, W1_VA, W1_PA, VML_SZ_1G);
	}
	if (!strcmp(name, "W3")) {
		w->what = "1000 regions, log-uniform, random order";
		return make_w3(w, f, page);
	}
	if (f->va_bits <= 32)
		return false;
	w->flags = name[3] == 'p' ? VML_PT_NO_BLOCK_MAPPINGS | VML_PT_NO_CONT_MAPPINGS : 0;
	w->what = name[3] == 'p' ? "64 GiB, pages" : "64 GiB, blocks";
	return one_region(w, 64 * VML_SZ_1G, 128 * VML_SZ_1G, 64 * VML_SZ_1G);
}

void bench_workload_free(struct bench_workload *w)
{
	free(w->regions);
	w->regions = NULL;
}

bool bench_workload_pa(const struct bench_workload *w, uint64_t va, uint64_t *pa)
{
	for (unsigned int i = 0; i < w->count; i++) {
		const struct bench_region *r = &w->regions[i];

		if (va >= r->va && va - r->va < r->size) {
			*pa = r->pa + (va - r->va);
			return true;
		}
	}
	return false;
}
