/* SPDX-License-Identifier: MIT */
/*
 * Benchmark: map 64 GiB with the page-table engine, at page granularity
 * (NO_BLOCK | NO_CONT) and at block granularity (largest leaves, contiguous
 * hint), for each arm64 granule, with tables from memblock in simulated
 * physical memory. Reports ns per entry written (leaves + table entries)
 * and the ratio to memset() over the same number of table bytes, timed in
 * the same run. `make bench` runs it; docs/performance.md has the figures.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vmlayout/memblock.h"
#include "vmlayout/pgtable.h"
#include "vmlayout/physmem.h"

#define MAP_SIZE (64ULL << 30)
#define MAP_VA 0xffff000000000000ULL
#define MAP_PA (64ULL << 30)
#define TABLE_MEM_BASE (256ULL << 30)
#define TABLE_MEM_SIZE (1ULL << 30)

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static double memset_ns(uint64_t bytes)
{
	unsigned char *buf = malloc(bytes);
	double best = 1e30;

	for (int i = 0; i < 3; i++) {
		double t0 = now_ns();

		memset(buf, i + 1, bytes);
		__asm__ volatile("" : : "r"(buf) : "memory");
		if (now_ns() - t0 < best)
			best = now_ns() - t0;
	}
	free(buf);
	return best;
}

static int run(uint64_t granule, const char *gname, bool pages)
{
	struct vml_memblock_region mem[4], res[16];
	struct vml_memblock mb;
	struct vml_physmem_tables pt;
	struct vml_pt_spec spec = {.arch = "arm64", .granule = granule, .va_bits = 48};
	struct vml_pt_format f;
	struct vml_pt_ctx ctx = {0};
	struct vml_pt_attrs a = {0};
	struct vml_pt_stats st;
	uint64_t entries = 0;
	double t0, t;
	int err;

	vml_memblock_init(&mb, mem, 4, res, 16, ~0ULL, granule);
	vml_memblock_add(&mb, TABLE_MEM_BASE, TABLE_MEM_SIZE, NULL);
	pt = (struct vml_physmem_tables){.mb = &mb, .pm = vml_physmem_new()};
	if (vml_pt_format_lookup(&f, &spec, NULL))
		return 1;
	ctx.fmt = &f;
	ctx.upper = true;
	ctx.alloc_table = vml_physmem_alloc_table;
	ctx.free_table = vml_physmem_free_table;
	ctx.window = vml_physmem_table_window;
	ctx.cb = &pt;
	a.perm = VML_PT_READ | VML_PT_WRITE | VML_PT_GLOBAL | VML_PT_ACCESSED | VML_PT_DIRTY;
	if (vml_pt_init(&ctx, NULL))
		return 1;
	t0 = now_ns();
	err = vml_pt_map(&ctx, vml_va(MAP_VA), vml_pa(MAP_PA), MAP_SIZE, &a,
			 pages ? VML_PT_NO_BLOCK_MAPPINGS | VML_PT_NO_CONT_MAPPINGS : 0, NULL);
	t = now_ns() - t0;
	if (err || vml_pt_count(&ctx, &st))
		return 1;
	for (unsigned int i = 0; i < f.levels; i++)
		entries += st.leaves[i];
	entries += st.total_tables - 1; /* one table entry links each non-root table */
	double ms = memset_ns(st.total_bytes);

	printf("%-4s %-6s %10" PRIu64 " entries %7" PRIu64 " tables %10" PRIu64
	       " KiB  %8.1f ms  %6.2f ns/entry  memset %7.2f ms  ratio %6.1f\n",
	       gname, pages ? "pages" : "blocks", entries, st.total_tables, st.total_bytes >> 10,
	       t / 1e6, t / (double)entries, ms / 1e6, t / ms);
	vml_physmem_delete(pt.pm);
	return 0;
}

int main(void)
{
	static const struct {
		uint64_t g;
		const char *name;
	} gs[] = {{0x1000, "4K"}, {0x4000, "16K"}, {0x10000, "64K"}};

	printf("map 64 GiB at VA 0x%llx -> PA 0x%llx, arm64 48-bit VA\n",
	       (unsigned long long)MAP_VA, (unsigned long long)MAP_PA);
	for (unsigned int i = 0; i < 3; i++)
		for (int pages = 1; pages >= 0; pages--)
			if (run(gs[i].g, gs[i].name, pages)) {
				fprintf(stderr, "bench_pgtable_map: %s map failed\n", gs[i].name);
				return 1;
			}
	return 0;
}
