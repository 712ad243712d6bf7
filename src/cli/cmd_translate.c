/* SPDX-License-Identifier: MIT */
/*
 * DOC: `vmlayout translate`: addresses through a computed layout
 *
 *   vmlayout translate <the options of vmlayout layout> [--virt|--phys] ADDR...
 *
 * Computes the layout as `vmlayout layout` does, builds its translation
 * (include/vmlayout/xlate.h) and answers for each ADDR what the kernel's
 * __virt_to_phys()/__phys_to_virt(), virt_addr_valid() and pfn_valid() do.
 * An address is taken as virtual when it lies at or above the lowest
 * kernel virtual region (the modules area on arm, the linear map on arm64
 * and riscv64), else as physical; --virt or --phys decides for all, and the
 * answer says which it took. Exit 1 when an address does not translate.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/layout_args.h"
#include "vmlayout/xlate.h"

#define TRANSLATE_MAX_ADDRS 256
#define TRANSLATE_REGIONS 256

static struct vml_memblock_region memory_regions[TRANSLATE_REGIONS];
static struct vml_memblock_region reserved_regions[TRANSLATE_REGIONS];

struct translate_args {
	char *layout_argv[160];
	int layout_argc;
	const char *addr[TRANSLATE_MAX_ADDRS];
	unsigned int n_addr;
	int force; /* 0 guess, 'v' virtual, 'p' physical */
	bool json, help;
};

static void usage(void)
{
	printf("usage: vmlayout translate <the options of vmlayout layout> [--virt|--phys] "
	       "ADDR...\n"
	       "  ADDR       an address (0x... or decimal); virtual at or above the lowest "
	       "kernel\n"
	       "             region, else physical (the answer says which it took)\n"
	       "  --virt     take every ADDR as virtual\n"
	       "  --phys     take every ADDR as physical\n"
	       "  --format text|json\n"
	       "Answers __virt_to_phys()/__phys_to_virt(), virt_addr_valid() and pfn_valid()\n"
	       "for the layout (every hole-reclaim strategy). Exit status: 0 all translated,\n"
	       "1 an address did not translate, 2 bad input (one line on stderr).\n");
}

static bool takes_value(const char *opt)
{
	return strcmp(opt, "-h") && strcmp(opt, "--help") && strcmp(opt, "-q") &&
	       strcmp(opt, "--quiet") && !strchr(opt, '=');
}

/* Addresses and --virt/--phys apart; everything else goes to layout_args. */
static int split(int argc, char **argv, struct translate_args *t)
{
	t->layout_argv[t->layout_argc++] = argv[0];
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--virt") || !strcmp(a, "--phys")) {
			t->force = a[2];
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			t->help = true;
		} else if (a[0] == '-' && a[1]) {
			if (t->layout_argc + 2 >= (int)VML_ARRAY_SIZE(t->layout_argv))
				return -1;
			if (!strcmp(a, "--format") && i + 1 < argc)
				t->json = !strcmp(argv[i + 1], "json");
			t->layout_argv[t->layout_argc++] = argv[i];
			if (takes_value(a) && i + 1 < argc)
				t->layout_argv[t->layout_argc++] = argv[++i];
		} else if (t->n_addr < TRANSLATE_MAX_ADDRS) {
			t->addr[t->n_addr++] = a;
		} else {
			return -1;
		}
	}
	t->layout_argv[t->layout_argc] = NULL;
	return 0;
}

static int parse_addr(const char *s, uint64_t *v)
{
	char *end;

	errno = 0;
	*v = strtoull(s, &end, 0);
	return *s && *s != '-' && !*end && !errno ? 0 : -1;
}

/* The lowest kernel virtual address: the start of the lowest region. */
static uint64_t kernel_va_floor(const struct vml_layout *lo)
{
	uint64_t floor = lo->page_offset;

	for (unsigned int i = 0; i < lo->n_regions; i++)
		if (lo->regions[i].start && lo->regions[i].start < floor)
			floor = lo->regions[i].start;
	return floor;
}

static const char *yes_no(bool b)
{
	return b ? "yes" : "no";
}

static void json_addr_or_null(bool known, uint64_t v)
{
	if (known)
		printf("\"0x%" PRIx64 "\"", v);
	else
		printf("null");
}

/* One address; returns 1 when it does not translate. */
static int answer(const struct vml_xlate *x, const struct vml_layout *lo, uint64_t a, bool virt,
		  bool json, const char *sep)
{
	static const char *const how_name[] = {"none", "linear map", "kernel image"};
	int digits = (int)lo->addr_digits;
	uint64_t out = 0;

	if (virt) {
		enum vml_xlate_how how = vml_xlate_virt_to_phys(x, a, &out);
		bool valid = vml_xlate_virt_addr_valid(x, a);

		if (json) {
			printf("%s\n    {\"address\": \"0x%" PRIx64
			       "\", \"taken_as\": \"virtual\", "
			       "\"via\": \"%s\", \"phys\": ",
			       sep, a, how_name[how]);
			json_addr_or_null(how != VML_XLATE_NONE, out);
			printf(", \"virt_addr_valid\": %s}", valid ? "true" : "false");
		} else if (how)
			printf("0x%0*" PRIx64 " virtual (%s) -> 0x%0*" PRIx64 " physical  "
			       "virt_addr_valid: %s\n",
			       digits, a, how_name[how], digits, out, yes_no(valid));
		else
			printf("0x%0*" PRIx64 " virtual: not in the linear map or the kernel image "
			       "(vmalloc, modules, fixmap, a hole's VA or unused)\n",
			       digits, a);
		return how ? 0 : 1;
	}
	{
		bool mapped = vml_xlate_phys_to_virt(x, a, &out);
		bool pfn = vml_xlate_pfn_valid(x, a >> x->page_shift);

		if (json) {
			printf("%s\n    {\"address\": \"0x%" PRIx64
			       "\", \"taken_as\": \"physical\", "
			       "\"virt\": ",
			       sep, a);
			json_addr_or_null(mapped, out);
			printf(", \"pfn_valid\": %s}", pfn ? "true" : "false");
		} else if (mapped)
			printf("0x%0*" PRIx64 " physical -> 0x%0*" PRIx64
			       " virtual (linear map)  pfn_valid: %s\n",
			       digits, a, digits, out, yes_no(pfn));
		else
			printf("0x%0*" PRIx64 " physical: not in the linear map (highmem, a hole, "
			       "no-map or not RAM)  pfn_valid: %s\n",
			       digits, a, yes_no(pfn));
		return mapped ? 0 : 1;
	}
}

int cmd_translate(int argc, char **argv)
{
	static struct translate_args t;
	static struct layout_args args;
	static struct vml_layout layout;
	struct vml_memblock mb;
	struct vml_diag diag = {0, NULL, 0, 0, -1};
	struct vml_xlate x;
	uint64_t addr[TRANSLATE_MAX_ADDRS];
	int found = 0;

	memset(&t, 0, sizeof(t));
	if (split(argc, argv, &t)) {
		fprintf(stderr, "vmlayout translate: too many arguments (at most %d addresses)\n",
			TRANSLATE_MAX_ADDRS);
		return VML_EXIT_INPUT;
	}
	if (t.help) {
		usage();
		return VML_EXIT_OK;
	}
	static const char *const own[] = {"--virt", "--phys"};

	layout_args_command("translate", own, VML_ARRAY_SIZE(own));
	if (layout_args_parse(t.layout_argc, t.layout_argv, &args))
		return VML_EXIT_INPUT;
	if (!t.n_addr) {
		fprintf(stderr, "vmlayout translate: give at least one ADDR to translate\n");
		return VML_EXIT_INPUT;
	}
	for (unsigned int i = 0; i < t.n_addr; i++)
		if (parse_addr(t.addr[i], &addr[i])) {
			fprintf(stderr,
				"vmlayout translate: '%s' is not an address (0x... or decimal)\n",
				t.addr[i]);
			return VML_EXIT_INPUT;
		}
	vml_memblock_init(&mb, memory_regions, TRANSLATE_REGIONS, reserved_regions,
			  TRANSLATE_REGIONS, ~0ULL, args.cfg.page_size ? args.cfg.page_size : 4096);
	if (vml_layout_compute(&args.board, &args.cfg, &mb, &layout, &diag) ||
	    vml_xlate_init(&x, &layout, &mb, &diag)) {
		fprintf(stderr, "vmlayout translate: %s (address 0x%llx)\n",
			diag.rule ? diag.rule : "the layout cannot be computed",
			(unsigned long long)diag.addr);
		return VML_EXIT_INPUT;
	}
	if (t.json)
		printf("{\n  \"translations\": [");
	for (unsigned int i = 0; i < t.n_addr; i++) {
		bool virt = t.force ? t.force == 'v' : addr[i] >= kernel_va_floor(&layout);

		found |= answer(&x, &layout, addr[i], virt, t.json, i ? "," : "");
	}
	if (t.json)
		printf("\n  ]\n}\n");
	return fflush(stdout) ? VML_EXIT_INTERNAL : found ? VML_EXIT_FOUND : VML_EXIT_OK;
}
