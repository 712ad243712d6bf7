/* SPDX-License-Identifier: MIT */
/*
 * `make bench`, layout throughput (issue 11 "Also measured"): how many
 * layouts per second vml_layout_compute() gives in-process, as `vmlayout
 * suggest` sweeps them, for
 * - the msm8974 board (boards/msm8974.dts, arm, kernel 3.4, its System.map),
 *   the inputs of `make run`, loaded once;
 * - a 64-bank board: 64 banks of 512 MiB, one every GiB from 2 GiB,
 *   arm64 6.18 (VML_BOARD_MAX_MEMORY banks).
 * Each timed batch computes the layout @batch times, each on a fresh
 * memblock; min and median per layout over 11 batches. Every result is
 * compared with the first (same vmalloc, lowmem, regions): exit 1 if not.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "vmlayout/board.h"
#include "vmlayout/config.h"
#include "vmlayout/host_input.h"
#include "vmlayout/layout.h"

#define REPS 11
#define BATCH 200
#define MB_REGIONS 256
#define TARGET_US 50.0

struct case_in {
	const char *name;
	struct vml_board board;
	struct vml_kernel_config cfg;
};

static int one_layout(const struct case_in *c, struct vml_layout *lo)
{
	static struct vml_memblock_region mem[MB_REGIONS], res[MB_REGIONS];
	struct vml_memblock mb;
	struct vml_diag d = {0};

	vml_memblock_init(&mb, mem, MB_REGIONS, res, MB_REGIONS, ~0ULL,
			  c->cfg.page_size ? c->cfg.page_size : VML_SZ_4K);
	if (vml_layout_compute(&c->board, &c->cfg, &mb, lo, &d))
		return fprintf(stderr, "bench_layout: %s: %s\n", c->name, d.rule), -1;
	return 0;
}

static bool same_layout(const struct vml_layout *a, const struct vml_layout *b)
{
	return a->vmalloc_start == b->vmalloc_start && a->vmalloc_end == b->vmalloc_end &&
	       a->high_memory == b->high_memory && a->lowmem_limit == b->lowmem_limit &&
	       a->n_regions == b->n_regions && a->lowmem_ram == b->lowmem_ram;
}

static int run(const struct case_in *c)
{
	static struct vml_layout first, lo;
	double per[REPS], min, med;

	if (one_layout(c, &first))
		return -1;
	for (int rep = 0; rep < REPS; rep++) {
		double t0 = bench_now_ns();

		for (int i = 0; i < BATCH; i++)
			if (one_layout(c, &lo))
				return -1;
		per[rep] = (bench_now_ns() - t0) / BATCH;
		if (!same_layout(&first, &lo))
			return fprintf(stderr, "bench_layout: %s: layouts differ\n", c->name), -1;
	}
	bench_min_median(per, REPS, &min, &med);
	printf("%-28s %10.1f %10.1f %12.0f   %s\n", c->name, min / 1e3, med / 1e3, 1e9 / med,
	       med / 1e3 <= TARGET_US ? "ok" : "OVER 50 us");
	return 0;
}

static int msm8974(struct case_in *c)
{
	struct vml_host_error err = {{0}};

	c->name = "msm8974 (arm 3.4)";
	vml_board_init(&c->board);
	if (vml_dt_load_file("boards/msm8974.dts", &c->board, &err) ||
	    vml_kernel_config_init_profile(&c->cfg, VML_ARCH_ARM, "3.4") ||
	    vml_sysmap_load("boards/msm8974.System.map", &c->cfg.image, &err))
		return fprintf(stderr, "bench_layout: msm8974: %s\n", err.msg), -1;
	return 0;
}

static int banks64(struct case_in *c)
{
	c->name = "64 banks (arm64 6.18)";
	vml_board_init(&c->board);
	snprintf(c->board.model, sizeof(c->board.model), "64 banks");
	for (unsigned int i = 0; i < VML_BOARD_MAX_MEMORY; i++)
		c->board.memory[i] =
		    (struct vml_range64){0x80000000ULL + i * 0x40000000ULL, 0x20000000ULL};
	c->board.n_memory = VML_BOARD_MAX_MEMORY;
	return vml_kernel_config_init_profile(&c->cfg, VML_ARCH_ARM64, "6.18") ? -1 : 0;
}

int main(void)
{
	static struct case_in cases[2];

	if (msm8974(&cases[0]) || banks64(&cases[1]))
		return 1;
	printf("vmlayout layout throughput: vml_layout_compute() in-process, %d batches of %d\n",
	       REPS, BATCH);
	printf("%-28s %10s %10s %12s   target\n", "board", "min us", "median us", "layouts/s");
	for (int i = 0; i < 2; i++)
		if (run(&cases[i]))
			return 1;
	return 0;
}
