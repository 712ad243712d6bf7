/* SPDX-License-Identifier: MIT */
/*
 * DOC: `vmlayout suggest`: the settings that keep lowmem largest
 *
 *   vmlayout suggest <the options of vmlayout layout> --need-vmalloc SIZE
 *                    [--need-contiguous SIZE] [--need-lowmem SIZE]
 *
 * Searches the hole-reclaim strategy (none, hole, intermix: the msm-3.4
 * profile unless --kernel names another), the VMSPLIT (3G, 3G_OPT, 2G, as
 * the configuration allows) and vmalloc= for the most lowmem RAM that still
 * leaves SIZE of virtual space to vmalloc (and a contiguous piece of
 * --need-contiguous, and at least --need-lowmem of lowmem). Lowmem shrinks
 * as vmalloc= grows, so for each strategy and split the first vmalloc= that
 * meets the need is the best: it steps by 1 MiB from SIZE (3.4 gives 8 MiB
 * less than asked, and VMALLOC_START moves in 8 MiB steps) up to SIZE + 64
 * MiB. Prints a line per candidate, the command line and Kconfig to use,
 * and what bound the choice.
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

struct need {
	uint64_t vmalloc, contiguous, lowmem;
};

static const struct {
	enum vml_reclaim reclaim;
	const char *name, *kconfig;
} strategies[] = {{VML_RECLAIM_NONE, "none", "CONFIG_NO_VM_RECLAIM=y"},
		  {VML_RECLAIM_DONT_MAP_HOLE, "hole", "CONFIG_DONT_MAP_HOLE_AFTER_MEMBANK0=y"},
		  {VML_RECLAIM_VMALLOC_SAVING, "intermix", "CONFIG_ENABLE_VMALLOC_SAVING=y"}};

static const struct {
	unsigned int vmsplit;
	const char *name, *kconfig;
} splits[] = {{3, "3G", "CONFIG_VMSPLIT_3G=y"},
	      {0x30, "3G_OPT", "CONFIG_VMSPLIT_3G_OPT=y"},
	      {2, "2G", "CONFIG_VMSPLIT_2G=y"}};

static void try_layout(const struct layout_args *args, size_t s, size_t sp, uint64_t vmalloc,
		       struct try_result *r)
{
	static struct vml_memblock_region mem[SUGGEST_REGIONS], res[SUGGEST_REGIONS];
	static struct vml_layout lo;
	struct vml_kernel_config cfg = args->cfg;
	struct vml_memblock mb;
	struct vml_diag diag = {0};

	cfg.reclaim = strategies[s].reclaim;
	cfg.vmsplit = splits[sp].vmsplit;
	cfg.page_offset_set = false;
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

static bool meets(const struct try_result *r, const struct need *n)
{
	return r->ok && r->vmalloc_space >= n->vmalloc && r->largest >= n->contiguous &&
	       r->lowmem_ram >= n->lowmem;
}

static int parse_size(const char *flag, const char *text, uint64_t *v)
{
	const char *end = NULL;

	if (!text)
		return 0;
	if (vml_memparse(text, v, &end) || (end && *end) || !*v) {
		fprintf(stderr, "vmlayout suggest: %s '%s': want a size like 300M\n", flag, text);
		return -1;
	}
	return 0;
}

static int parse_args(int argc, char **argv, struct layout_args *args, struct need *n)
{
	static char *layout_argv[160];
	const char *v = NULL, *c = NULL, *l = NULL;
	int k = 0, ret;

	for (int i = 0; i < argc && k < 158; i++) {
		if ((!strcmp(argv[i], "--need-vmalloc") || !strcmp(argv[i], "--min-vmalloc")) &&
		    i + 1 < argc)
			v = argv[++i];
		else if (!strcmp(argv[i], "--need-contiguous") && i + 1 < argc)
			c = argv[++i];
		else if (!strcmp(argv[i], "--need-lowmem") && i + 1 < argc)
			l = argv[++i];
		else
			layout_argv[k++] = argv[i];
	}
	layout_argv[k] = NULL;
	static const char *const own[] = {"--need-vmalloc", "--need-contiguous", "--need-lowmem"};

	layout_args_command("suggest", own, VML_ARRAY_SIZE(own));
	ret = layout_args_parse(k, layout_argv, args);
	if (ret)
		return ret;
	if (!v) {
		fprintf(stderr, "vmlayout suggest: give --need-vmalloc SIZE (e.g. 300M)\n");
		return -1;
	}
	return parse_size("--need-vmalloc", v, &n->vmalloc) ||
		       parse_size("--need-contiguous", c, &n->contiguous) ||
		       parse_size("--need-lowmem", l, &n->lowmem)
		   ? -1
		   : 0;
}

static void usage(void)
{
	printf("usage: vmlayout suggest <the options of vmlayout layout> --need-vmalloc SIZE\n"
	       "                        [--need-contiguous SIZE] [--need-lowmem SIZE]\n"
	       "Searches the reclaim strategy, VMSPLIT and vmalloc= for the most lowmem RAM\n"
	       "that leaves SIZE of vmalloc space (a contiguous piece of --need-contiguous,\n"
	       "at least --need-lowmem of lowmem), prints the command line and Kconfig to use\n"
	       "and what bound the choice. Exit 1 when nothing meets the need.\n");
}

/* Why the choice is what it is, in a few lines. */
static void explain(const struct need *n, const struct try_result *best, size_t s, size_t sp,
		    uint64_t v)
{
	printf("why: vmalloc=%lluM is the smallest that leaves %llu MiB of vmalloc space "
	       "(asked %llu MiB)",
	       (unsigned long long)(v >> 20), (unsigned long long)(best->vmalloc_space >> 20),
	       (unsigned long long)(n->vmalloc >> 20));
	if (n->contiguous)
		printf(" with a %llu MiB piece (asked %llu MiB)",
		       (unsigned long long)(best->largest >> 20),
		       (unsigned long long)(n->contiguous >> 20));
	printf(";\n     a larger vmalloc= would only take lowmem. %s with VMSPLIT_%s keeps the "
	       "most lowmem RAM\n     of the candidates above (%llu MiB).\n",
	       strategies[s].name, splits[sp].name, (unsigned long long)(best->lowmem_ram >> 20));
	if (splits[sp].vmsplit != 3)
		printf("     The price: VMSPLIT_%s gives user space %s of the 4 GiB (VMSPLIT_3G: "
		       "3 GiB).\n",
		       splits[sp].name, splits[sp].vmsplit == 2 ? "2 GiB" : "2.75 GiB");
}

int cmd_suggest(int argc, char **argv)
{
	static struct layout_args args;
	struct need n = {0};
	struct try_result best = {0};
	size_t best_s = 0, best_sp = 0;
	uint64_t best_v = 0;
	int ret = parse_args(argc, argv, &args, &n);

	if (ret == LAYOUT_ARGS_HELP) {
		usage();
		return VML_EXIT_OK;
	}
	if (ret)
		return VML_EXIT_INPUT;
	if (!args.kernel_given)
		strcpy(args.cfg.profile, "3.4");
	printf("%-9s %-7s %-9s %11s %12s %11s %10s\n", "strategy", "split",
	       "vmalloc=", "vmalloc VA", "largest run", "lowmem RAM", "LowTotal");
	for (size_t s = 0; s < VML_ARRAY_SIZE(strategies); s++)
		for (size_t sp = 0; sp < VML_ARRAY_SIZE(splits); sp++) {
			struct try_result r = {0};
			uint64_t v = n.vmalloc;
			char vm[32];
			int step;

			for (step = 0; step <= SUGGEST_STEPS; step++, v += VML_SZ_1M) {
				try_layout(&args, s, sp, v, &r);
				if (meets(&r, &n))
					break;
			}
			if (step > SUGGEST_STEPS)
				continue; /* refused, or never meets the need */
			snprintf(vm, sizeof(vm), "%lluM", (unsigned long long)(v >> 20));
			printf("%-9s %-7s %-9s %7llu MiB %8llu MiB %7llu MiB %7llu kB\n",
			       strategies[s].name, splits[sp].name, vm,
			       (unsigned long long)(r.vmalloc_space >> 20),
			       (unsigned long long)(r.largest >> 20),
			       (unsigned long long)(r.lowmem_ram >> 20),
			       (unsigned long long)r.low_total_kb);
			if (!best.ok || r.lowmem_ram > best.lowmem_ram) {
				best = r;
				best_s = s;
				best_sp = sp;
				best_v = v;
			}
		}
	if (!best.ok) {
		printf("nothing meets the need with vmalloc= up to %lluM\n",
		       (unsigned long long)((n.vmalloc >> 20) + SUGGEST_STEPS));
		return VML_EXIT_FOUND;
	}
	printf("use: --reclaim %s --set VMSPLIT_%s=y --cmdline vmalloc=%lluM\n",
	       strategies[best_s].name, splits[best_sp].name, (unsigned long long)(best_v >> 20));
	printf("kernel: %s %s, command line vmalloc=%lluM\n", strategies[best_s].kconfig,
	       splits[best_sp].kconfig, (unsigned long long)(best_v >> 20));
	if (!layout_args_bootloader_vmalloc_reaches(&args, best_v))
		printf("note: this .config's CONFIG_CMDLINE (%s) overrides the bootloader's "
		       "vmalloc=: put vmalloc=%lluM in CONFIG_CMDLINE (--set CMDLINE=...)\n",
		       args.cfg.cmdline_type == VML_CMDLINE_TYPE_FORCE ? "CMDLINE_FORCE"
								       : "CMDLINE_EXTEND",
		       (unsigned long long)(best_v >> 20));
	explain(&n, &best, best_s, best_sp, best_v);
	return fflush(stdout) ? VML_EXIT_INTERNAL : VML_EXIT_OK;
}
