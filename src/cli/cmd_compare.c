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
#include "vmlayout/host_input.h"
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

#define COMPARE_MAX_VMALLOC 16

static unsigned long long mib(uint64_t bytes)
{
	return (unsigned long long)(bytes >> 20);
}

/* One table under 100 columns, every size in MiB. */
static void print_header(void)
{
	printf("%-13s %8s %10s %10s %11s %8s %9s %10s %9s\n", "strategy", "vmalloc=", "VMALLOC_ST",
	       "lowmem RAM", "highmem RAM", "LowTotal", "HighTotal", "vmalloc VA", "wasted VA");
}

/* "refused:" and the rule, wrapped to stay under 100 columns. */
static void print_refusal(const char *rule)
{
	size_t col = 32;

	printf("refused:");
	while (*rule) {
		size_t word = strcspn(rule, " ");

		if (col + 1 + word > 96) {
			printf("\n%32s", "");
			col = 32;
		} else {
			putchar(' ');
			col++;
		}
		printf("%.*s", (int)word, rule);
		col += word;
		rule += word;
		while (*rule == ' ')
			rule++;
	}
	putchar('\n');
}

static void print_row(const char *name, uint64_t vmalloc, const struct outcome *o)
{
	char vm[32] = "default", cell[6][32];

	if (vmalloc)
		snprintf(vm, sizeof(vm), "%lluM", mib(vmalloc));
	printf("%-13s %8s ", name, vm);
	if (o->ret) {
		print_refusal(o->rule ? o->rule : "error");
		return;
	}
	snprintf(cell[0], sizeof(cell[0]), "%llu MiB", mib(o->lowmem_ram));
	snprintf(cell[1], sizeof(cell[1]), "%llu MiB", mib(o->highmem_ram));
	snprintf(cell[2], sizeof(cell[2]), "%llu MiB", (unsigned long long)(o->low_total_kb >> 10));
	snprintf(cell[3], sizeof(cell[3]), "%llu MiB",
		 (unsigned long long)(o->high_total_kb >> 10));
	snprintf(cell[4], sizeof(cell[4]), "%llu MiB", mib(o->vmalloc_space));
	snprintf(cell[5], sizeof(cell[5]), "%llu MiB", mib(o->wasted));
	printf("0x%08llx %10s %11s %8s %9s %10s %9s\n", (unsigned long long)o->vmalloc_start,
	       cell[0], cell[1], cell[2], cell[3], cell[4], cell[5]);
}

static void print_json(const char *profile, const struct outcome *out, const uint64_t *vmalloc,
		       unsigned int n_vmalloc)
{
	printf("{\n  \"profile\": \"%s\",\n  \"strategies\": [", profile);
	for (size_t k = 0; k < VML_ARRAY_SIZE(strategies) * n_vmalloc; k++) {
		const struct outcome *o = &out[k];
		size_t i = k % VML_ARRAY_SIZE(strategies);

		printf("%s\n    {\"name\": \"%s\", \"kconfig\": \"%s\", ", k ? "," : "",
		       strategies[i].name, strategies[i].kconfig);
		if (vmalloc[k / VML_ARRAY_SIZE(strategies)])
			printf("\"vmalloc\": \"0x%llx\", ",
			       (unsigned long long)vmalloc[k / VML_ARRAY_SIZE(strategies)]);
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

/* --vmalloc A,B,...: several vmalloc= values (sizes as memparse). */
static int parse_vmalloc_list(const char *list, uint64_t *v, unsigned int *n)
{
	const char *p = list;

	*n = 0;
	while (*p) {
		const char *end = NULL;

		if (*n == COMPARE_MAX_VMALLOC || vml_memparse(p, &v[*n], &end) || !v[*n] ||
		    (end && *end && *end != ',')) {
			fprintf(stderr,
				"vmlayout compare: --vmalloc '%s': want sizes like 240M,400M "
				"(at most %d)\n",
				list, COMPARE_MAX_VMALLOC);
			return -1;
		}
		(*n)++;
		p = end && *end == ',' ? end + 1 : end ? end : p + strlen(p);
	}
	return *n ? 0 : -1;
}

int cmd_compare(int argc, char **argv)
{
	static struct layout_args args;
	static struct outcome out[VML_ARRAY_SIZE(strategies) * COMPARE_MAX_VMALLOC];
	static char *layout_argv[160];
	uint64_t vmalloc[COMPARE_MAX_VMALLOC] = {0};
	unsigned int n_vmalloc = 1;
	const struct vml_layout_policy *policy;
	const char *list = NULL;
	int n = 0, ret;

	for (int i = 0; i < argc && n < 158; i++) {
		if (!strcmp(argv[i], "--vmalloc") && i + 1 < argc)
			list = argv[++i];
		else
			layout_argv[n++] = argv[i];
	}
	layout_argv[n] = NULL;
	ret = layout_args_parse(n, layout_argv, &args);
	if (ret == LAYOUT_ARGS_HELP) {
		printf("usage: vmlayout compare [the options of vmlayout layout] [--vmalloc "
		       "A,B,...]\n"
		       "Runs the board under each hole-reclaim strategy (none, dont-map-hole, "
		       "intermix),\nfor each vmalloc= of --vmalloc, and prints lowmem, highmem, "
		       "vmalloc space and\nthe lowmem virtual space left unused (MiB). Profile: "
		       "3.4 (msm-3.4) unless --kernel\nnames another (6.1: general intermix; "
		       "dont-map-hole is msm-3.4 only).\n");
		return VML_EXIT_OK;
	}
	if (ret || (list && parse_vmalloc_list(list, vmalloc, &n_vmalloc)))
		return VML_EXIT_INPUT;
	/* The strategies are msm-3.4's: without --kernel, that profile. */
	if (!args.kernel_given && args.cfg.arch == VML_ARCH_ARM)
		strcpy(args.cfg.profile, "3.4");
	policy = vml_layout_policy_find(args.cfg.arch, args.cfg.profile);
	if (!policy || args.cfg.arch != VML_ARCH_ARM) {
		fprintf(stderr,
			"vmlayout: --kernel %s: the hole-reclaim strategies are 32-bit ARM "
			"options; compare them with --arch arm and --kernel 3.4 or 6.1\n",
			args.cfg.profile);
		return VML_EXIT_INPUT;
	}
	for (unsigned int v = 0; v < n_vmalloc; v++) {
		struct layout_args one = args;

		if (vmalloc[v]) {
			one.cfg.vmalloc_set = true;
			one.cfg.vmalloc_size = vmalloc[v];
		}
		for (size_t i = 0; i < VML_ARRAY_SIZE(strategies); i++)
			run_one(&one, strategies[i].reclaim,
				&out[v * VML_ARRAY_SIZE(strategies) + i]);
	}
	if (args.json) {
		print_json(policy->profile, out, vmalloc, n_vmalloc);
	} else {
		print_header();
		for (unsigned int k = 0; k < VML_ARRAY_SIZE(strategies) * n_vmalloc; k++)
			print_row(strategies[k % VML_ARRAY_SIZE(strategies)].name,
				  vmalloc[k / VML_ARRAY_SIZE(strategies)], &out[k]);
	}
	return fflush(stdout) ? VML_EXIT_INTERNAL : VML_EXIT_OK;
}
