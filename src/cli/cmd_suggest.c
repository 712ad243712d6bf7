/* SPDX-License-Identifier: MIT */
/*
 * DOC: `vmlayout suggest`: the vmalloc= that keeps lowmem largest
 *
 *   vmlayout suggest <the options of vmlayout layout> --min-vmalloc SIZE
 *
 * For each msm-3.4 hole-reclaim strategy (none, hole, intermix: the 3.4
 * profile, as `compare`) finds the smallest vmalloc= that leaves at least
 * SIZE of virtual space to vmalloc, and with it the most lowmem: lowmem
 * shrinks as vmalloc= grows, so the first value that meets SIZE is the
 * best. It steps vmalloc= by 1 MiB from SIZE (3.4 gives 8 MiB less than
 * asked, and the 8 MiB VMALLOC_OFFSET rounding moves in steps), up to
 * SIZE + 64 MiB. Prints one line per strategy and the best choice.
 */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/layout_args.h"
#include "vmlayout/host_input.h"

#define SUGGEST_REGIONS 256
#define SUGGEST_STEPS 64

struct try_result {
	bool ok;
	uint64_t vmalloc_space, largest, lowmem_ram, low_total_kb;
};

static void try_layout(const struct layout_args *args, enum vml_reclaim reclaim, uint64_t vmalloc,
		       struct try_result *r)
{
	static struct vml_memblock_region mem[SUGGEST_REGIONS], res[SUGGEST_REGIONS];
	static struct vml_layout lo;
	struct vml_kernel_config cfg = args->cfg;
	struct vml_memblock mb;
	struct vml_diag diag = {0};

	cfg.reclaim = reclaim;
	cfg.vmalloc_set = true;
	cfg.vmalloc_size = vmalloc;
	vml_memblock_init(&mb, mem, SUGGEST_REGIONS, res, SUGGEST_REGIONS, ~0ULL, VML_SZ_4K);
	memset(r, 0, sizeof(*r));
	if (vml_layout_compute(&args->board, &cfg, &mb, &lo, &diag))
		return;
	r->ok = true;
	r->largest = lo.vmalloc_end - lo.vmalloc_start;
	r->vmalloc_space = r->largest;
	for (unsigned int i = 0; i < lo.n_regions; i++)
		if (!strcmp(lo.regions[i].name, "vmalloc_hole")) {
			uint64_t size = lo.regions[i].end - lo.regions[i].start;

			r->vmalloc_space += size;
			r->largest = vml_max(r->largest, size);
		}
	r->lowmem_ram = lo.lowmem_ram;
	r->low_total_kb = lo.low_total_kb;
}

int cmd_suggest(int argc, char **argv)
{
	static const struct {
		enum vml_reclaim reclaim;
		const char *name;
	} strategies[] = {{VML_RECLAIM_NONE, "none"},
			  {VML_RECLAIM_DONT_MAP_HOLE, "hole"},
			  {VML_RECLAIM_VMALLOC_SAVING, "intermix"}};
	static struct layout_args args;
	static char *layout_argv[160];
	const char *min_text = NULL;
	uint64_t min = 0, best_low = 0;
	int n = 0, best = -1, ret;
	uint64_t best_vmalloc = 0;

	for (int i = 0; i < argc && n < 158; i++) {
		if (!strcmp(argv[i], "--min-vmalloc") && i + 1 < argc)
			min_text = argv[++i];
		else
			layout_argv[n++] = argv[i];
	}
	layout_argv[n] = NULL;
	ret = layout_args_parse(n, layout_argv, &args);
	if (ret == LAYOUT_ARGS_HELP) {
		printf(
		    "usage: vmlayout suggest <the options of vmlayout layout> --min-vmalloc SIZE\n"
		    "For each msm-3.4 hole-reclaim strategy, the smallest vmalloc= that leaves "
		    "SIZE\nto vmalloc, with the lowmem it keeps, and the best of them.\n");
		return VML_EXIT_OK;
	}
	if (ret)
		return VML_EXIT_INPUT;
	{
		const char *end = NULL;

		if (!min_text || vml_memparse(min_text, &min, &end) || (end && *end) || !min) {
			fprintf(stderr, "vmlayout suggest: give --min-vmalloc SIZE (e.g. 300M)\n");
			return VML_EXIT_INPUT;
		}
	}
	if (!args.kernel_given)
		strcpy(args.cfg.profile, "3.4");
	printf("%-9s %-10s %12s %12s %14s %11s\n", "strategy", "vmalloc=", "vmalloc VA",
	       "largest run", "lowmem RAM", "LowTotal");
	for (size_t s = 0; s < VML_ARRAY_SIZE(strategies); s++) {
		struct try_result r = {0};
		uint64_t v = min;
		int step;

		for (step = 0; step <= SUGGEST_STEPS; step++, v += VML_SZ_1M) {
			try_layout(&args, strategies[s].reclaim, v, &r);
			if (r.ok && r.vmalloc_space >= min)
				break;
		}
		if (step > SUGGEST_STEPS || !r.ok) {
			printf("%-9s none up to vmalloc=%lluM leaves %lluM to vmalloc\n",
			       strategies[s].name,
			       (unsigned long long)((min >> 20) + SUGGEST_STEPS),
			       (unsigned long long)(min >> 20));
			continue;
		}
		{
			char vm[32];

			snprintf(vm, sizeof(vm), "%lluM", (unsigned long long)(v >> 20));
			printf("%-9s %-10s %8llu MiB %8llu MiB %10llu MiB %8llu kB\n",
			       strategies[s].name, vm, (unsigned long long)(r.vmalloc_space >> 20),
			       (unsigned long long)(r.largest >> 20),
			       (unsigned long long)(r.lowmem_ram >> 20),
			       (unsigned long long)r.low_total_kb);
		}
		if (best < 0 || r.lowmem_ram > best_low) {
			best = (int)s;
			best_low = r.lowmem_ram;
			best_vmalloc = v;
		}
	}
	if (best < 0) {
		printf("no strategy leaves %lluM to vmalloc\n", (unsigned long long)(min >> 20));
		return VML_EXIT_FOUND;
	}
	printf("best: --reclaim %s --cmdline vmalloc=%lluM (%llu MiB of lowmem RAM)\n",
	       strategies[best].name, (unsigned long long)(best_vmalloc >> 20),
	       (unsigned long long)(best_low >> 20));
	return VML_EXIT_OK;
}
