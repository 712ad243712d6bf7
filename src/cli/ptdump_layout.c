/* SPDX-License-Identifier: MIT */
/*
 * DOC: a layout's address markers (and linear map) for the arm ptdump
 *
 * The kernel's arch/arm/mm/dump.c (v6.1; v6.12 is the same) prints these
 * markers, in this order, with CONFIG_KASAN off (the Debian armmp kernels):
 *
 *   MODULES_VADDR              "Modules"         (PAGE_OFFSET - 16 MiB)
 *   PAGE_OFFSET                "Kernel Mapping"
 *   VMALLOC_START              "vmalloc() Area"  (set in ptdump_initialize())
 *   FDT_FIXED_BASE             "FDT Area"        (0xff800000; older kernels
 *                                                 had "vmalloc() End" here)
 *   FIXADDR_START              "Fixmap Area"
 *   VECTORS_BASE               "Vectors"         (0xffff0000)
 *   VECTORS_BASE + 2 pages     "Vectors End"
 *
 * Each comes from the layout vmlayout computes for the same options as
 * `vmlayout layout`: its modules, dtb, fixmap and vectors regions,
 * page_offset and vmalloc_start.
 */
#include <stdio.h>
#include <string.h>
#include <wordexp.h>

#include "cli/commands.h"
#include "cli/layout_args.h"
#include "cli/ptdump_layout.h"

#define ARM_PAGE_SIZE 0x1000ULL

static struct vml_memblock_region lo_memory[256], lo_reserved[256];

static uint64_t region_start(const struct vml_layout *lo, const char *name, uint64_t dflt)
{
	const struct vml_vregion *r = vml_layout_find_region(lo, name);

	return r ? r->start : dflt;
}

size_t ptdump_layout_arm_markers(const struct vml_layout *lo, struct vml_ptdump_marker *out)
{
	/* Fallbacks are the kernel's constants where a layout lacks the region. */
	uint64_t vectors = region_start(lo, "vectors", 0xffff0000ULL);
	const struct vml_ptdump_marker m[PTDUMP_LAYOUT_MARKERS] = {
	    {region_start(lo, "modules", lo->page_offset - 0x1000000ULL), "Modules"},
	    {lo->page_offset, "Kernel Mapping"},
	    {lo->vmalloc_start, "vmalloc() Area"},
	    {region_start(lo, "dtb", 0xff800000ULL), "FDT Area"},
	    {region_start(lo, "fixmap", 0xffc80000ULL), "Fixmap Area"},
	    {vectors, "Vectors"},
	    {vectors + 2 * ARM_PAGE_SIZE, "Vectors End"},
	};

	memcpy(out, m, sizeof(m));
	return PTDUMP_LAYOUT_MARKERS;
}

int ptdump_layout_compute(const char *opts, struct vml_layout *lo)
{
	static struct layout_args args;
	static char prog[] = "vmlayout ptdump --layout-markers";
	struct vml_memblock mb;
	struct vml_diag diag = {0, NULL, 0, 0, -1};
	wordexp_t we;
	char *argv[128];
	int ret;

	if (wordexp(opts, &we, WRDE_NOCMD) || we.we_wordc >= sizeof(argv) / sizeof(argv[0])) {
		fprintf(stderr, "vmlayout ptdump: --layout-markers '%s': not a list of options\n",
			opts);
		return VML_EXIT_INPUT;
	}
	argv[0] = prog;
	for (size_t i = 0; i < we.we_wordc; i++)
		argv[i + 1] = we.we_wordv[i];
	ret = layout_args_parse((int)we.we_wordc + 1, argv, &args);
	if (!ret && args.cfg.arch != VML_ARCH_ARM) {
		fprintf(stderr, "vmlayout ptdump: --layout-markers: markers are known for --arch "
				"arm only\n");
		ret = -1;
	}
	if (!ret) {
		vml_memblock_init(&mb, lo_memory, 256, lo_reserved, 256, ~0ULL, VML_SZ_4K);
		ret = vml_layout_compute(&args.board, &args.cfg, &mb, lo, &diag);
		if (ret)
			fprintf(stderr, "vmlayout ptdump: --layout-markers '%s': %s\n", opts,
				diag.rule ? diag.rule : "the layout cannot be computed");
	}
	wordfree(&we);
	return ret ? VML_EXIT_INPUT : 0;
}
