/* SPDX-License-Identifier: MIT */
/*
 * DOC: `vmlayout vmalloc`: a workload on the layout's vmalloc space
 *
 *   vmlayout vmalloc <the options of vmlayout layout> --alloc SIZE[,SIZE...]
 *
 * Builds the vmalloc allocator (include/vmlayout/vmarea.h) over the
 * layout's vmalloc space (every "vmalloc" and, under intermix,
 * "vmalloc_hole" piece), takes out the static areas the kernel reserves in
 * it first (any other region of the layout inside it: PCI I/O, the arm64
 * kernel image), then allocates each SIZE as vmalloc() would (page
 * aligned, one guard page) and prints /proc/vmallocinfo-style lines,
 * VmallocTotal, VmallocUsed and the largest free chunk (vmlayout's line). Exit 1 when an
 * allocation does not fit (the lines before it are printed).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/layout_args.h"
#include "cli/vmalloc_space.h"
#include "vmlayout/host_input.h"
#include "vmlayout/vmarea.h"

#define VMALLOC_REGIONS 256
#define VMALLOC_MAX_ALLOCS 4096
/* each allocation and each static area (one per region and piece of space)
 * cuts a free block in two */
#define VMALLOC_NODES                                                                              \
	VML_VMAREA_NODES(2 * VMALLOC_MAX_ALLOCS +                                                  \
			 2 * VML_LAYOUT_MAX_REGIONS * VML_LAYOUT_MAX_REGIONS + 64)

static struct vml_memblock_region memory_regions[VMALLOC_REGIONS];
static struct vml_memblock_region reserved_regions[VMALLOC_REGIONS];
static struct vml_vmarea_node nodes[VMALLOC_NODES];

static void print_static(void *ctx, const char *name, uint64_t start, uint64_t end)
{
	const struct vml_layout *lo = ctx;

	printf("0x%0*" PRIx64 "-0x%0*" PRIx64 " %7" PRIu64 " %s (static)\n", (int)lo->addr_digits,
	       start, (int)lo->addr_digits, end, end - start, name);
}

static int parse_sizes(const char *list, uint64_t *size, unsigned int *n)
{
	char *copy = strdup(list), *save = NULL;
	int rc = 0;

	*n = 0;
	for (char *tok = copy ? strtok_r(copy, ",", &save) : NULL; tok && !rc;
	     tok = strtok_r(NULL, ",", &save)) {
		const char *end = NULL;

		if (*n == VMALLOC_MAX_ALLOCS || vml_memparse(tok, &size[*n], &end) ||
		    (end && *end) || !size[*n]) {
			fprintf(stderr,
				"vmlayout vmalloc: --alloc '%s': want sizes like 4K,1M,64M "
				"(at most %d, none 0)\n",
				tok, VMALLOC_MAX_ALLOCS);
			rc = -1;
		}
		(*n)++;
	}
	free(copy);
	return copy && *n && !rc ? 0 : -1;
}

int cmd_vmalloc(int argc, char **argv)
{
	static struct layout_args args;
	static struct vml_layout layout;
	static uint64_t size[VMALLOC_MAX_ALLOCS];
	static char *layout_argv[160];
	struct vml_memblock mb;
	struct vml_diag diag = {0, NULL, 0, 0, -1};
	struct vml_vmarea va;
	const char *alloc = NULL;
	unsigned int n_sizes = 0;
	uint64_t used_pages_bytes = 0;
	int n = 0, found = 0;

	for (int i = 0; i < argc && n < 158; i++) {
		if (!strcmp(argv[i], "--alloc") && i + 1 < argc)
			alloc = argv[++i];
		else
			layout_argv[n++] = argv[i];
	}
	layout_argv[n] = NULL;
	if (n < argc - 2 * !!alloc) {
		fprintf(stderr, "vmlayout vmalloc: too many arguments\n");
		return VML_EXIT_INPUT;
	}
	{
		static const char *const own[] = {"--alloc"};
		int ret;

		layout_args_command("vmalloc", own, VML_ARRAY_SIZE(own));
		ret = layout_args_parse(n, layout_argv, &args);

		if (ret == LAYOUT_ARGS_HELP) {
			printf("usage: vmlayout vmalloc <the options of vmlayout layout> --alloc "
			       "SIZE[,SIZE...]\n"
			       "Allocates each SIZE in the layout's vmalloc space as vmalloc() "
			       "does (lowest fit,\none guard page) after the static areas, and "
			       "prints /proc/vmallocinfo-style lines,\nVmallocTotal, VmallocUsed "
			       "and the largest free chunk. Exit 1 when one does not fit.\n");
			return VML_EXIT_OK;
		}
		if (ret)
			return VML_EXIT_INPUT;
	}
	if (!alloc || parse_sizes(alloc, size, &n_sizes)) {
		if (!alloc)
			fprintf(stderr, "vmlayout vmalloc: give --alloc SIZE[,SIZE...]\n");
		return VML_EXIT_INPUT;
	}
	vml_memblock_init(&mb, memory_regions, VMALLOC_REGIONS, reserved_regions, VMALLOC_REGIONS,
			  ~0ULL, args.cfg.page_size ? args.cfg.page_size : 4096);
	if (vml_layout_compute(&args.board, &args.cfg, &mb, &layout, &diag)) {
		fprintf(stderr, "vmlayout vmalloc: %s\n", diag.rule ? diag.rule : "no layout");
		return VML_EXIT_INPUT;
	}
	vml_vmarea_init(&va, nodes, VMALLOC_NODES, mb.page_size);
	if (vmalloc_space_build(&va, &layout, print_static, &layout)) {
		fprintf(stderr, "vmlayout vmalloc: the layout's vmalloc pieces overlap\n");
		return VML_EXIT_INTERNAL;
	}
	for (unsigned int i = 0; i < n_sizes; i++) {
		uint64_t bytes = vml_align_up(size[i], mb.page_size), a;
		int d = (int)layout.addr_digits;

		if (vml_vmarea_alloc(&va, bytes, mb.page_size, 0, ~0ULL, &a)) {
			printf("alloc #%u of %" PRIu64
			       " bytes: no room (vmalloc: allocation failure)\n",
			       i + 1, bytes);
			found = 1;
			continue;
		}
		used_pages_bytes += bytes;
		printf("0x%0*" PRIx64 "-0x%0*" PRIx64 " %7" PRIu64 " alloc#%u pages=%" PRIu64
		       " vmalloc\n",
		       d, a, d, a + bytes + mb.page_size, bytes + mb.page_size, i + 1,
		       bytes / mb.page_size);
	}
	/* /proc/meminfo (fs/proc/meminfo.c v6.1): VmallocTotal is the area's
	 * size, VmallocUsed the pages vmalloc() holds (vmalloc_nr_pages()); the
	 * static areas and the guard pages are in neither. */
	printf("VmallocTotal:   %8" PRIu64 " kB\nVmallocUsed:    %8" PRIu64 " kB\n",
	       layout.vmalloc_total >> 10, used_pages_bytes >> 10);
	printf("vmalloc space after the static areas: %" PRIu64 " kB, largest free "
	       "chunk: %" PRIu64 " kB\n",
	       va.total >> 10, vml_vmarea_largest_free(&va) >> 10);
	return fflush(stdout) ? VML_EXIT_INTERNAL : found ? VML_EXIT_FOUND : VML_EXIT_OK;
}
