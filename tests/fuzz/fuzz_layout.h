/* SPDX-License-Identifier: MIT */
/*
 * Shared by the harnesses that end in a layout: run vml_layout_compute()
 * on a board and a configuration as `vmlayout layout` does, and check the
 * contract layout.h gives for a failure (the memblock as it was, the layout
 * empty) and the few facts every successful 32-bit ARM layout has.
 */
#ifndef VMLAYOUT_FUZZ_LAYOUT_H
#define VMLAYOUT_FUZZ_LAYOUT_H

#include "fuzz_common.h"
#include "vmlayout/host_input.h"
#include "vmlayout/layout.h"
#include "vmlayout/memblock.h"

#define FUZZ_MB_REGIONS 256 /* as src/cli/cmd_layout.c */

/* A configuration for one of the arm profiles: "3.4" or "6.1", LPAE or not,
 * then the command line (the board's bootargs unless @cmdline). Returns 0
 * if the configuration could be made (a bad command line is an input
 * error, not a finding). */
static inline int fuzz_arm_config(struct vml_kernel_config *cfg, const char *profile, bool lpae,
				  const char *cmdline)
{
	struct vml_host_error err = {{0}};

	vml_kernel_config_init(cfg, VML_ARCH_ARM);
	snprintf(cfg->profile, sizeof(cfg->profile), "%s", profile);
	if (lpae && vml_kconfig_set(cfg, "CONFIG_ARM_LPAE=y", &err))
		abort(); /* a fixed, valid assignment */
	if (cmdline && vml_cmdline_parse(cmdline, cfg, &err)) {
		FUZZ_CHECK(fuzz_msg_ok(err.msg, sizeof(err.msg)));
		return -1;
	}
	return 0;
}

/* [base, base + size) not wholly inside one region of the memory the
 * layout kept (what memblock_is_region_memory() asks). */
static inline bool fuzz_range_outside_ram(const struct vml_memblock *mb, uint64_t base,
					  uint64_t size)
{
	if (!size)
		return false;
	for (unsigned int m = 0; m < mb->memory.cnt; m++) {
		const struct vml_memblock_region *r = &mb->memory.regions[m];

		if (base >= r->base && base - r->base < r->size &&
		    size <= r->size - (base - r->base))
			return false;
	}
	return true;
}

/* Compute the layout; returns vml_layout_compute()'s code. */
static inline int fuzz_layout_run(const struct vml_board *board,
				  const struct vml_kernel_config *cfg)
{
	static struct vml_memblock_region mem[FUZZ_MB_REGIONS], res[FUZZ_MB_REGIONS];
	static struct vml_layout layout;
	struct vml_memblock mb;
	struct vml_diag diag = {0, NULL, 0, 0, -1};
	int rc;

	vml_memblock_init(&mb, mem, FUZZ_MB_REGIONS, res, FUZZ_MB_REGIONS, ~0ULL,
			  cfg->page_size ? cfg->page_size : 4096);
	/* A layout left over from an earlier call, as a caller reusing its
	 * struct has: a failure must empty it. */
	layout.n_regions = 1;
	layout.n_zones = 1;
	rc = vml_layout_compute(board, cfg, &mb, &layout, &diag);
	if (rc) {
		/* layout.h: @mb exactly as it was, @layout empty, @diag filled. */
		FUZZ_CHECK(rc < 0);
		FUZZ_CHECK(diag.rule != NULL);
		FUZZ_CHECK(mb.memory.cnt == 0 && mb.reserved.cnt == 0);
		FUZZ_CHECK(mb.memory.total_size == 0 && mb.reserved.total_size == 0);
		/* Empty on every failure, a refused board included (fixed:
		 * corpus/dt_layout/stale-layout-after-board-check.dtb). */
		FUZZ_CHECK(layout.n_regions == 0 && layout.n_zones == 0);
		return rc;
	}
	/* What every 32-bit ARM layout has (arch/arm/include/asm/pgtable.h,
	 * arch/arm/mm/mmu.c, v6.1): lowmem below high_memory; VMALLOC_START the
	 * first 8 MiB boundary past high_memory (VMALLOC_OFFSET); vmalloc inside
	 * the 32-bit space; every piece of the linear map between PAGE_OFFSET
	 * and high_memory and below arm_lowmem_limit; zones that tile their
	 * span; totals that add up and never exceed the RAM. */
	FUZZ_CHECK(layout.page_offset <= layout.high_memory);
	FUZZ_CHECK(layout.vmalloc_start % 0x800000 == 0);
	FUZZ_CHECK(layout.high_memory < layout.vmalloc_start &&
		   layout.vmalloc_start - layout.high_memory <= 0x800000);
	FUZZ_CHECK(layout.vmalloc_start <= layout.vmalloc_end);
	FUZZ_CHECK(layout.vmalloc_end <= 0x100000000ULL);
	for (unsigned int i = 0; i < layout.n_segments; i++) {
		const struct vml_linear_segment *g = &layout.segments[i];

		/* RAM below PHYS_OFFSET (6.1 adds the 2nd.. ranges of
		 * linux,usable-memory-range with memblock_add(), drivers/of/
		 * fdt.c, wherever they are) is mapped below PAGE_OFFSET, at
		 * __phys_to_virt() as map_lowmem() would: an odd board, not
		 * checked here beyond its end (raised with the lead). */
		if (g->phys >= layout.phys_offset)
			FUZZ_CHECK(g->virt >= layout.page_offset);
		FUZZ_CHECK(g->virt + g->size <= layout.high_memory);
		FUZZ_CHECK(g->phys + g->size <= layout.lowmem_limit);
	}
	for (unsigned int z = 1; z < layout.n_zones; z++)
		FUZZ_CHECK(layout.zones[z].start_pfn == layout.zones[z - 1].end_pfn);
	FUZZ_CHECK(layout.mem_total_kb == layout.low_total_kb + layout.high_total_kb);
	/* Totals never exceed the RAM (fixed: corpus/dt_layout/
	 * reusable-pool-outside-ram.dtb and initrd-over-hole.dtb). */
	FUZZ_CHECK(layout.mem_total_kb * 1024 <= mb.memory.total_size);
	FUZZ_CHECK(layout.high_total_kb * 1024 <= layout.highmem_ram);
	for (unsigned int i = 0; i < layout.n_regions; i++)
		FUZZ_CHECK(layout.regions[i].start <= layout.regions[i].end);
	return 0;
}

#endif
