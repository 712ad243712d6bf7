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
 *
 * The option string is split into words as a shell would quote them
 * (blanks separate words; '...' is literal; "..." and a backslash escape
 * one character) but nothing is expanded: no $VAR, no *, no ~, no command.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

#define PTDUMP_LAYOUT_MAX_WORDS 127

/* Split @opts into @words (pointers into @buf, a copy of it). Returns the
 * word count, or -1 with @why set for an unterminated quote or too many
 * words. */
static int split_words(const char *opts, char *buf, char **words, const char **why)
{
	const char *p = opts;
	char *out = buf;
	int n = 0;

	for (;;) {
		char quote = 0;

		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (!*p)
			return n;
		if (n == PTDUMP_LAYOUT_MAX_WORDS) {
			*why = "more than 127 words";
			return -1;
		}
		words[n++] = out;
		for (; *p && (quote || (*p != ' ' && *p != '\t' && *p != '\n')); p++) {
			if (quote == '\'' && *p == '\'') {
				quote = 0;
			} else if (quote == '\'') {
				*out++ = *p;
			} else if (*p == '\\' && p[1] && (!quote || p[1] == '"' || p[1] == '\\')) {
				*out++ = *++p;
			} else if (*p == '"') {
				quote = quote ? 0 : '"';
			} else if (*p == '\'' && !quote) {
				quote = '\'';
			} else {
				*out++ = *p;
			}
		}
		if (quote) {
			*why = "a quote is not closed";
			return -1;
		}
		*out++ = '\0';
	}
}

static int layout_from_words(const char *opts, int argc, char **argv, struct vml_layout *lo)
{
	static struct layout_args args;
	struct vml_memblock mb;
	struct vml_diag diag = {0, NULL, 0, 0, -1};
	int ret = layout_args_parse(argc, argv, &args);

	if (ret == LAYOUT_ARGS_HELP) {
		fprintf(stderr,
			"vmlayout ptdump: --layout-markers '%s': --help is not a layout option "
			"here; see vmlayout layout --help\n",
			opts);
		return -1;
	}
	if (ret)
		return -1;
	if (args.cfg.arch != VML_ARCH_ARM) {
		fprintf(stderr, "vmlayout ptdump: --layout-markers: markers are known for --arch "
				"arm only\n");
		return -1;
	}
	vml_memblock_init(&mb, lo_memory, 256, lo_reserved, 256, ~0ULL, VML_SZ_4K);
	ret = vml_layout_compute(&args.board, &args.cfg, &mb, lo, &diag);
	if (ret)
		fprintf(stderr, "vmlayout ptdump: --layout-markers '%s': %s\n", opts,
			diag.rule ? diag.rule : "the layout cannot be computed");
	return ret ? -1 : 0;
}

int ptdump_layout_compute(const char *opts, struct vml_layout *lo)
{
	static char prog[] = "vmlayout ptdump --layout-markers";
	char *argv[PTDUMP_LAYOUT_MAX_WORDS + 2];
	char *buf = malloc(strlen(opts) + 1);
	const char *why = "out of memory";
	int n = buf ? split_words(opts, buf, argv + 1, &why) : -1, ret;

	if (n < 0) {
		fprintf(stderr,
			"vmlayout ptdump: --layout-markers '%s': not a list of options: %s\n", opts,
			why);
		free(buf);
		return VML_EXIT_INPUT;
	}
	argv[0] = prog;
	argv[n + 1] = NULL;
	ret = layout_from_words(opts, n + 1, argv, lo);
	free(buf);
	return ret ? VML_EXIT_INPUT : 0;
}
