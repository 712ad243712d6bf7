/* SPDX-License-Identifier: MIT */
/*
 * vmlayout compare: the same board and kernel under each way of reclaiming
 * the virtual space that physical holes waste (seed 002 "Virtual Memory
 * Reclaim"): none (NO_VM_RECLAIM), "don't map the largest hole"
 * (DONT_MAP_HOLE_AFTER_MEMBANK0: hole-aware virt/phys translation) and
 * intermixed lowmem and vmalloc (ENABLE_VMALLOC_SAVING / the 2014 RFC: the
 * holes' virtual ranges become vmalloc space). These are msm-3.4 options, so
 * the comparison runs the 3.4 profile.
 */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/layout_args.h"
#include "vmlayout/layout_policy.h"

#define MB_REGIONS 256

struct strategy {
	enum vml_reclaim reclaim;
	const char *name;
	const char *kconfig;
};

static const struct strategy strategies[] = {
    {VML_RECLAIM_NONE, "none", "NO_VM_RECLAIM"},
    {VML_RECLAIM_DONT_MAP_HOLE, "dont-map-hole", "DONT_MAP_HOLE_AFTER_MEMBANK0"},
    {VML_RECLAIM_VMALLOC_SAVING, "intermix", "ENABLE_VMALLOC_SAVING"},
};

struct outcome {
	int ret;
	const char *rule;
	uint64_t lowmem_limit, high_memory, vmalloc_start, lowmem_ram, highmem_ram;
	uint64_t low_total_kb, high_total_kb;
	uint64_t vmalloc_space; /* all virtual space vmalloc may use */
	uint64_t wasted;	/* lowmem virtual space that maps nothing */
};

static void summarise(const struct vml_layout *lo, struct outcome *o)
{
	uint64_t holes = 0;

	for (unsigned int i = 0; i < lo->n_regions; i++)
		if (!strcmp(lo->regions[i].name, "vmalloc_hole"))
			holes += lo->regions[i].end - lo->regions[i].start;
	o->lowmem_limit = lo->lowmem_limit;
	o->high_memory = lo->high_memory;
	o->vmalloc_start = lo->vmalloc_start;
	o->lowmem_ram = lo->lowmem_ram;
	o->highmem_ram = lo->highmem_ram;
	o->low_total_kb = lo->low_total_kb;
	o->high_total_kb = lo->high_total_kb;
	o->vmalloc_space = lo->vmalloc_end - lo->vmalloc_start + holes;
	o->wasted = lo->high_memory - lo->page_offset - lo->lowmem_ram - holes;
}

static void run_one(const struct layout_args *args, enum vml_reclaim reclaim, struct outcome *o)
{
	static struct vml_memblock_region mem[MB_REGIONS], res[MB_REGIONS];
	static struct vml_layout lo;
	struct vml_kernel_config cfg = args->cfg;
	struct vml_memblock mb;
	struct vml_diag diag = {0, NULL, 0, 0, -1};

	cfg.reclaim = reclaim;
	vml_memblock_init(&mb, mem, MB_REGIONS, res, MB_REGIONS, ~0ULL, VML_SZ_4K);
	memset(o, 0, sizeof(*o));
	o->ret = vml_layout_compute(&args->board, &cfg, &mb, &lo, &diag);
	o->rule = diag.rule;
	if (!o->ret)
		summarise(&lo, o);
}

static void print_text(const struct outcome *out)
{
	printf("%-14s %-29s %10s %11s %13s %10s %11s %9s %9s %10s %9s\n", "strategy",
	       "Kconfig (msm-3.4)", "lowmem end", "high_memory", "VMALLOC_START", "lowmem RAM",
	       "highmem RAM", "LowTotal", "HighTotal", "vmalloc VA", "wasted VA");
	for (size_t i = 0; i < VML_ARRAY_SIZE(strategies); i++) {
		const struct outcome *o = &out[i];

		printf("%-14s %-29s ", strategies[i].name, strategies[i].kconfig);
		if (o->ret) {
			printf("refused: %s\n", o->rule ? o->rule : "error");
			continue;
		}
		printf("0x%08llx  0x%08llx    0x%08llx %6llu MiB  %6llu MiB %6llu MB %6llu MB "
		       "%6llu MiB "
		       "%5llu MiB\n",
		       (unsigned long long)o->lowmem_limit, (unsigned long long)o->high_memory,
		       (unsigned long long)o->vmalloc_start,
		       (unsigned long long)(o->lowmem_ram >> 20),
		       (unsigned long long)(o->highmem_ram >> 20),
		       (unsigned long long)(o->low_total_kb >> 10),
		       (unsigned long long)(o->high_total_kb >> 10),
		       (unsigned long long)(o->vmalloc_space >> 20),
		       (unsigned long long)(o->wasted >> 20));
	}
}

static void print_json(const struct outcome *out)
{
	printf("{\n  \"profile\": \"3.4\",\n  \"strategies\": [");
	for (size_t i = 0; i < VML_ARRAY_SIZE(strategies); i++) {
		const struct outcome *o = &out[i];

		printf("%s\n    {\"name\": \"%s\", \"kconfig\": \"%s\", ", i ? "," : "",
		       strategies[i].name, strategies[i].kconfig);
		if (o->ret) {
			printf("\"refused\": \"%s\"}", o->rule ? o->rule : "error");
			continue;
		}
		printf("\"lowmem_limit_phys\": \"0x%llx\", \"high_memory\": \"0x%llx\", "
		       "\"vmalloc_start\": \"0x%llx\", \"lowmem_ram\": \"0x%llx\", "
		       "\"highmem_ram\": \"0x%llx\", \"vmalloc_space\": \"0x%llx\", "
		       "\"wasted_lowmem_va\": \"0x%llx\", \"LowTotal_kB\": %llu, \"HighTotal_kB\": "
		       "%llu}",
		       (unsigned long long)o->lowmem_limit, (unsigned long long)o->high_memory,
		       (unsigned long long)o->vmalloc_start, (unsigned long long)o->lowmem_ram,
		       (unsigned long long)o->highmem_ram, (unsigned long long)o->vmalloc_space,
		       (unsigned long long)o->wasted, (unsigned long long)o->low_total_kb,
		       (unsigned long long)o->high_total_kb);
	}
	printf("\n  ]\n}\n");
}

int cmd_compare(int argc, char **argv)
{
	static struct layout_args args;
	struct outcome out[VML_ARRAY_SIZE(strategies)];
	const struct vml_layout_policy *policy;
	int ret = layout_args_parse(argc, argv, &args);

	if (ret == LAYOUT_ARGS_HELP) {
		printf("usage: vmlayout compare [the options of vmlayout layout]\n"
		       "Runs the board under each msm-3.4 hole-reclaim strategy (none, "
		       "dont-map-hole, intermix)\nand prints lowmem, highmem, vmalloc space and "
		       "the lowmem virtual space left unused.\n");
		return VML_EXIT_OK;
	}
	if (ret)
		return VML_EXIT_INPUT;
	/* The strategies are msm-3.4's: without --kernel, that profile. */
	if (!args.kernel_given && args.cfg.arch == VML_ARCH_ARM)
		strcpy(args.cfg.profile, "3.4");
	policy = vml_layout_policy_find(args.cfg.arch, args.cfg.profile);
	if (!policy || strcmp(policy->profile, "3.4")) {
		fprintf(stderr,
			"vmlayout: --kernel %s: the hole-reclaim strategies are msm-3.4 "
			"options; compare them with --kernel 3.4\n",
			args.cfg.profile);
		return VML_EXIT_INPUT;
	}
	for (size_t i = 0; i < VML_ARRAY_SIZE(strategies); i++)
		run_one(&args, strategies[i].reclaim, &out[i]);
	if (args.json)
		print_json(out);
	else
		print_text(out);
	return fflush(stdout) ? VML_EXIT_INTERNAL : VML_EXIT_OK;
}
