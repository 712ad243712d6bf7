/* SPDX-License-Identifier: MIT */
/*
 * vmlayout compare: the same board and kernel under each way of reclaiming
 * the virtual space that physical holes waste (seed 002 "Virtual Memory
 * Reclaim"): none (NO_VM_RECLAIM), "don't map the largest hole"
 * (DONT_MAP_HOLE_AFTER_MEMBANK0: hole-aware virt/phys translation) and
 * intermixed lowmem and vmalloc (ENABLE_VMALLOC_SAVING / the 2014 RFC: the
 * holes' virtual ranges become vmalloc space), for each vmalloc= of
 * --vmalloc and each VMSPLIT of --split, in one table. These are msm-3.4
 * options, so without --kernel the comparison runs the 3.4 profile (6.1
 * models all three too: docs/arm32.md).
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cli/commands.h"
#include "cli/layout_args.h"
#include "cli/vmalloc_space.h"
#include "host/suggest.h"
#include "vmlayout/arch.h"
#include "vmlayout/host_input.h"
#include "vmlayout/layout_policy.h"
#include "vmlayout/xlate.h"

#define MB_REGIONS 256
#define COMPARE_MAX_VMALLOC 16
#define COMPARE_MAX_SPLIT 5
/* a static area per region and piece of space, each cutting a free block
 * in two */
#define VMAREA_NODES VML_VMAREA_NODES(2 * VML_LAYOUT_MAX_REGIONS * VML_LAYOUT_MAX_REGIONS + 64)

struct strategy {
	enum vml_reclaim reclaim;
	const char *name; /* as --reclaim names it */
	const char *kconfig;
};

static const struct strategy strategies[] = {
    {VML_RECLAIM_NONE, "none", "NO_VM_RECLAIM"},
    {VML_RECLAIM_DONT_MAP_HOLE, "hole", "DONT_MAP_HOLE_AFTER_MEMBANK0"},
    {VML_RECLAIM_VMALLOC_SAVING, "intermix", "ENABLE_VMALLOC_SAVING"},
};
#define N_STRATEGIES VML_ARRAY_SIZE(strategies)

/* The VMSPLIT choice (arch/arm/Kconfig): the value kept in cfg.vmsplit. */
static const char *const split_names[] = {"3G", "3G_OPT", "2G", "1G"};
static const unsigned int split_values[] = {3, 0x30, 2, 1};

struct outcome {
	int ret;
	const char *rule;
	uint64_t lowmem_limit, high_memory, vmalloc_start, lowmem_ram, highmem_ram;
	uint64_t low_total_kb, high_total_kb;
	uint64_t vmalloc_space; /* all virtual space vmalloc may use */
	uint64_t largest_run;	/* the largest free run after the static areas */
	uint64_t unused;	/* lowmem virtual space that maps nothing */
	enum vml_xlate_cost_kind cost;
	unsigned int cost_k;
};

struct plan {
	uint64_t vmalloc[COMPARE_MAX_VMALLOC]; /* 0: the configuration's */
	unsigned int n_vmalloc;
	unsigned int split[COMPARE_MAX_SPLIT]; /* cfg.vmsplit values; 0: the configuration's */
	unsigned int n_split;
};

static struct vml_vmarea_node vmarea_nodes[VMAREA_NODES];

static void summarise(const struct vml_layout *lo, const struct vml_memblock *mb, struct outcome *o)
{
	uint64_t holes = 0, mapped = 0;
	struct vml_vmarea va;
	struct vml_xlate x;

	for (unsigned int i = 0; i < lo->n_regions; i++)
		if (!strcmp(lo->regions[i].name, "vmalloc_hole"))
			holes += lo->regions[i].end - lo->regions[i].start;
	for (unsigned int i = 0; i < lo->n_segments; i++)
		mapped += lo->segments[i].size;
	o->lowmem_limit = lo->lowmem_limit;
	o->high_memory = lo->high_memory;
	o->vmalloc_start = lo->vmalloc_start;
	o->lowmem_ram = lo->lowmem_ram;
	o->highmem_ram = lo->highmem_ram;
	o->low_total_kb = lo->low_total_kb;
	o->high_total_kb = lo->high_total_kb;
	o->vmalloc_space = lo->vmalloc_end - lo->vmalloc_start + holes;
	/* the lowmem VA [PAGE_OFFSET, high_memory) that neither maps RAM nor is
	 * a vmalloc piece: holes and no-map carve-outs left in the linear map */
	o->unused = lo->high_memory - lo->page_offset -
		    vml_min(mapped + holes, lo->high_memory - lo->page_offset);
	vml_vmarea_init(&va, vmarea_nodes, VMAREA_NODES, VML_SZ_4K);
	if (!vmalloc_space_build(&va, lo, NULL, NULL))
		o->largest_run = vml_vmarea_largest_free(&va);
	if (!vml_xlate_init(&x, lo, mb, NULL))
		o->cost = vml_xlate_cost(&x, &o->cost_k);
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
		summarise(&lo, &mb, o);
}

static unsigned long long mib(uint64_t bytes)
{
	return (unsigned long long)(bytes >> 20);
}

static const char *split_name(const struct vml_kernel_config *cfg)
{
	static char custom[16];

	if (cfg->page_offset_set) {
		snprintf(custom, sizeof(custom), "%#llx", (unsigned long long)cfg->page_offset);
		return custom;
	}
	for (size_t i = 0; i < VML_ARRAY_SIZE(split_values); i++)
		if (cfg->vmsplit == split_values[i])
			return split_names[i];
	return "3G"; /* the Kconfig default */
}

static void cost_text(const struct outcome *o, char *buf, size_t cap)
{
	if (o->cost == VML_XLATE_COST_SUB)
		snprintf(buf, cap, "1 sub");
	else if (o->cost == VML_XLATE_COST_CMP_SUB)
		snprintf(buf, cap, "cmp+sub");
	else
		snprintf(buf, cap, "O(log k), k=%u", o->cost_k);
}

/* One table under 100 columns; every size in MiB (the first line says so). */
static void print_header(const char *profile)
{
	printf("profile %s; sizes in MiB (lowmem, highmem: RAM; vmalloc: all its VA; largest: "
	       "its\nlargest free run; unused: lowmem VA that maps nothing; virt_to_phys: "
	       "__pa() cost)\n",
	       profile);
	printf("%-6s %-8s %8s %6s %7s %8s %9s %7s %7s %6s  %s\n", "split", "strategy",
	       "vmalloc=", "lowmem", "highmem", "LowTotal", "HighTotal", "vmalloc", "largest",
	       "unused", "virt_to_phys");
}

/* "refused:" and the rule, wrapped to stay under 100 columns. */
static void print_refusal(const char *rule)
{
	const size_t indent = 25;
	size_t col = indent + 8;

	printf("refused:");
	while (*rule) {
		size_t word = strcspn(rule, " ");

		if (col + 1 + word > 96) {
			printf("\n%*s", (int)indent, "");
			col = indent;
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

static void print_row(const char *split, const char *name, uint64_t vmalloc,
		      const struct outcome *o)
{
	char vm[32] = "default", cost[32];

	if (vmalloc)
		snprintf(vm, sizeof(vm), "%lluM", mib(vmalloc));
	printf("%-6s %-8s %8s ", split, name, vm);
	if (o->ret) {
		print_refusal(o->rule ? o->rule : "error");
		return;
	}
	cost_text(o, cost, sizeof(cost));
	printf("%6llu %7llu %8llu %9llu %7llu %7llu %6llu  %s\n", mib(o->lowmem_ram),
	       mib(o->highmem_ram), (unsigned long long)(o->low_total_kb >> 10),
	       (unsigned long long)(o->high_total_kb >> 10), mib(o->vmalloc_space),
	       mib(o->largest_run), mib(o->unused), cost);
}

static void print_json_outcome(const struct outcome *o)
{
	char cost[32];

	cost_text(o, cost, sizeof(cost));
	printf("\"lowmem_limit_phys\": \"0x%llx\", \"high_memory\": \"0x%llx\", "
	       "\"vmalloc_start\": \"0x%llx\", \"lowmem_ram\": \"0x%llx\", "
	       "\"highmem_ram\": \"0x%llx\", \"vmalloc_space\": \"0x%llx\", "
	       "\"largest_vmalloc_run\": \"0x%llx\", \"wasted_lowmem_va\": \"0x%llx\", "
	       "\"virt_to_phys_cost\": \"%s\", \"LowTotal_kB\": %llu, \"HighTotal_kB\": %llu}",
	       (unsigned long long)o->lowmem_limit, (unsigned long long)o->high_memory,
	       (unsigned long long)o->vmalloc_start, (unsigned long long)o->lowmem_ram,
	       (unsigned long long)o->highmem_ram, (unsigned long long)o->vmalloc_space,
	       (unsigned long long)o->largest_run, (unsigned long long)o->unused, cost,
	       (unsigned long long)o->low_total_kb, (unsigned long long)o->high_total_kb);
}

static void print_json(const char *profile, const struct outcome *out, const char *const *splits,
		       const struct plan *p)
{
	size_t k = 0;

	printf("{\n  \"profile\": \"%s\",\n  \"strategies\": [", profile);
	for (unsigned int s = 0; s < p->n_split; s++)
		for (unsigned int v = 0; v < p->n_vmalloc; v++)
			for (size_t i = 0; i < N_STRATEGIES; i++, k++) {
				printf("%s\n    {\"name\": \"%s\", \"kconfig\": \"%s\", \"split\": "
				       "\"%s\", ",
				       k ? "," : "", strategies[i].name, strategies[i].kconfig,
				       splits[s]);
				if (p->vmalloc[v])
					printf("\"vmalloc\": \"0x%llx\", ",
					       (unsigned long long)p->vmalloc[v]);
				if (out[k].ret)
					printf("\"refused\": \"%s\"}",
					       out[k].rule ? out[k].rule : "error");
				else
					print_json_outcome(&out[k]);
			}
	printf("\n  ]\n}\n");
}

/* --vmalloc A,B,...: several vmalloc= values (sizes as memparse). */
static int parse_vmalloc_list(const char *list, struct plan *p)
{
	const char *s = list;

	p->n_vmalloc = 0;
	while (*s) {
		const char *end = NULL;
		uint64_t *v = &p->vmalloc[p->n_vmalloc];

		if (p->n_vmalloc == COMPARE_MAX_VMALLOC || vml_memparse(s, v, &end) || !*v ||
		    (end && *end && *end != ',')) {
			fprintf(stderr,
				"vmlayout compare: --vmalloc '%s': want sizes like 240M,400M "
				"(at most %d)\n",
				list, COMPARE_MAX_VMALLOC);
			return -1;
		}
		p->n_vmalloc++;
		s = end && *end == ',' ? end + 1 : end ? end : s + strlen(s);
	}
	return p->n_vmalloc ? 0 : -1;
}

/* --split 3G,2G,...: the VMSPLIT choices of arch/arm/Kconfig. */
static int parse_split_list(const char *list, struct plan *p)
{
	char word[16];
	const char *s = list;

	p->n_split = 0;
	do {
		size_t len = strcspn(s, ","), i;
		const char *near;

		snprintf(word, sizeof(word), "%.*s", (int)(len < 15 ? len : 15), s);
		for (i = 0; i < VML_ARRAY_SIZE(split_names); i++)
			if (!strcasecmp(word, split_names[i]))
				break;
		if (i == VML_ARRAY_SIZE(split_names) || len >= sizeof(word) ||
		    p->n_split == COMPARE_MAX_SPLIT) {
			near = vml_suggest(word, split_names, VML_ARRAY_SIZE(split_names));
			fprintf(
			    stderr,
			    "vmlayout compare: --split '%s': '%s' is not a VMSPLIT choice%s%s%s "
			    "(3G, 3G_OPT, 2G, 1G; at most %d)\n",
			    list, word, near ? "; did you mean " : "", near ? near : "",
			    near ? "?" : "", COMPARE_MAX_SPLIT);
			return -1;
		}
		p->split[p->n_split++] = split_values[i];
		s += len;
	} while (*s++ == ',');
	return 0;
}

static int print_help(void)
{
	printf("usage: vmlayout compare [the options of vmlayout layout] [--vmalloc A,B,...]\n"
	       "                        [--split 3G,3G_OPT,2G,1G]\n"
	       "Runs the board under each hole-reclaim strategy (none, hole, intermix), for\n"
	       "each vmalloc= of --vmalloc and each VMSPLIT of --split, and prints one table:\n"
	       "lowmem and highmem RAM, LowTotal, HighTotal, the vmalloc space and its largest\n"
	       "free run, the lowmem virtual space left unused (MiB) and what __pa() costs.\n"
	       "Profile: 3.4 (msm-3.4) unless --kernel names another (6.1 models all three).\n");
	return VML_EXIT_OK;
}

/* Split the compare options from the layout ones. */
static int collect(int argc, char **argv, char **layout_argv, const char **vm, const char **sp)
{
	int n = 0;

	for (int i = 0; i < argc && n < 158; i++) {
		if (!strcmp(argv[i], "--vmalloc") && i + 1 < argc)
			*vm = argv[++i];
		else if (!strcmp(argv[i], "--split") && i + 1 < argc)
			*sp = argv[++i];
		else
			layout_argv[n++] = argv[i];
	}
	layout_argv[n] = NULL;
	return n;
}

static void run_all(const struct layout_args *args, const struct plan *p, struct outcome *out,
		    const char **splits)
{
	static struct layout_args one;
	size_t k = 0;

	for (unsigned int s = 0; s < p->n_split; s++) {
		for (unsigned int v = 0; v < p->n_vmalloc; v++) {
			one = *args;
			if (p->split[s]) {
				one.cfg.vmsplit = p->split[s];
				one.cfg.page_offset_set = false;
			}
			if (p->vmalloc[v]) {
				one.cfg.vmalloc_set = true;
				one.cfg.vmalloc_size = p->vmalloc[v];
			}
			splits[s] = split_name(&one.cfg);
			for (size_t i = 0; i < N_STRATEGIES; i++)
				run_one(&one, strategies[i].reclaim, &out[k++]);
		}
	}
}

int cmd_compare(int argc, char **argv)
{
	static struct layout_args args;
	static struct outcome out[N_STRATEGIES * COMPARE_MAX_VMALLOC * COMPARE_MAX_SPLIT];
	static char *layout_argv[160];
	static struct plan plan;
	const char *splits[COMPARE_MAX_SPLIT];
	const struct vml_layout_policy *policy;
	const struct vml_arch_desc *desc;
	const char *vm_list = NULL, *split_list = NULL;
	int n = collect(argc, argv, layout_argv, &vm_list, &split_list), ret;

	static const char *const own[] = {"--vmalloc", "--split"};

	memset(&plan, 0, sizeof(plan));
	plan.n_vmalloc = plan.n_split = 1;
	layout_args_command("compare", own, VML_ARRAY_SIZE(own));
	ret = layout_args_parse(n, layout_argv, &args);
	if (ret == LAYOUT_ARGS_HELP)
		return print_help();
	if (ret || (vm_list && parse_vmalloc_list(vm_list, &plan)) ||
	    (split_list && parse_split_list(split_list, &plan)))
		return VML_EXIT_INPUT;
	/* The strategies' reference profile (the arch's; msm-3.4's on arm)
	 * unless --kernel names one. */
	desc = vml_arch_find(args.cfg.arch);
	if (!desc || !desc->reclaim_profile) {
		fprintf(stderr,
			"vmlayout: --arch %s: the hole-reclaim strategies do not apply (its linear "
			"map has room for all RAM)\n",
			vml_arch_name(args.cfg.arch));
		return VML_EXIT_INPUT;
	}
	if (!args.kernel_given)
		strcpy(args.cfg.profile, desc->reclaim_profile);
	policy = vml_layout_policy_find(args.cfg.arch, args.cfg.profile);
	if (!policy) {
		fprintf(stderr,
			"vmlayout: --kernel %s: no layout profile of that name for --arch %s\n",
			args.cfg.profile, vml_arch_name(args.cfg.arch));
		return VML_EXIT_INPUT;
	}
	run_all(&args, &plan, out, splits);
	if (args.json) {
		print_json(policy->profile, out, splits, &plan);
	} else {
		size_t k = 0;

		print_header(policy->profile);
		for (unsigned int s = 0; s < plan.n_split; s++)
			for (unsigned int v = 0; v < plan.n_vmalloc; v++)
				for (size_t i = 0; i < N_STRATEGIES; i++, k++)
					print_row(splits[s], strategies[i].name, plan.vmalloc[v],
						  &out[k]);
	}
	return fflush(stdout) ? VML_EXIT_INTERNAL : VML_EXIT_OK;
}
