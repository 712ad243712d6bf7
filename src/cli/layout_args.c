/* SPDX-License-Identifier: MIT */
/* Parsing of the layout options: collect every flag first, then apply them
 * in a fixed order (arch, DT, quick flags, .config, --set, command line,
 * System.map), so the result does not depend on the flags' order. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/layout_args.h"
#include "cli/unknown_option.h"
#include "host/suggest.h"
#include "vmlayout/arch.h"
#include "vmlayout/boot_command_line.h"
#include "vmlayout/layout_policy.h"

#define MAX_REPEAT 64

struct raw_opts {
	const char *arch, *kernel, *dtb, *dtb_phys, *config, *cmdline, *sysmap, *image, *format;
	const char *kaslr_seed, *reclaim;
	bool quiet;
	const char *sets[MAX_REPEAT], *mems[MAX_REPEAT], *reserves[MAX_REPEAT];
	const char *nomaps[MAX_REPEAT], *removes[MAX_REPEAT], *initrd;
	unsigned int n_sets, n_mems, n_reserves, n_nomaps, n_removes;
};

static const char *cmd_name = "layout";
static const char *const *cmd_own;
static size_t cmd_n_own;

void layout_args_command(const char *cmd, const char *const *own, size_t n_own)
{
	cmd_name = cmd;
	cmd_own = own;
	cmd_n_own = n_own;
}

/* The option names @cmd_name takes: the layout ones, then its own. */
static void unknown_option(const struct option *longopts, const char *arg)
{
	const char *names[64];
	static char buf[64][24];
	size_t n = 0;

	for (size_t i = 0; longopts[i].name && n < 64; i++, n++) {
		snprintf(buf[n], sizeof(buf[n]), "--%s", longopts[i].name);
		names[n] = buf[n];
	}
	for (size_t i = 0; i < cmd_n_own && n < 64; i++)
		names[n++] = cmd_own[i];
	cli_unknown_option(cmd_name, arg, names, n);
}

static int fail(const char *msg)
{
	fprintf(stderr, "vmlayout: %s\n", msg);
	return -1;
}

static int push(const char **list, unsigned int *n, const char *value, const char *flag)
{
	if (*n >= MAX_REPEAT) {
		fprintf(stderr, "vmlayout: %s: at most %d occurrences\n", flag, MAX_REPEAT);
		return -1;
	}
	list[(*n)++] = value;
	return 0;
}

static int collect(int argc, char **argv, struct raw_opts *o)
{
	static const struct option longopts[] = {
	    {"arch", 1, 0, 'a'},	 {"kernel", 1, 0, 'k'},
	    {"dtb", 1, 0, 'd'},		 {"dtb-phys", 1, 0, 'D'},
	    {"config", 1, 0, 'c'},	 {"set", 1, 0, 's'},
	    {"cmdline", 1, 0, 'C'},	 {"system-map", 1, 0, 'S'},
	    {"kernel-image", 1, 0, 'I'}, {"mem", 1, 0, 'm'},
	    {"reserve", 1, 0, 'r'},	 {"nomap", 1, 0, 'n'},
	    {"remove", 1, 0, 'R'},	 {"initrd", 1, 0, 'i'},
	    {"format", 1, 0, 'f'},	 {"kaslr-seed", 1, 0, 'K'},
	    {"quiet", 0, 0, 'q'},	 {"reclaim", 1, 0, 'P'},
	    {"help", 0, 0, 'h'},	 {0, 0, 0, 0}};
	int c, ret = 0;

	optind = 1;
	opterr = 0;
	while (!ret && (c = getopt_long(argc, argv, ":hq", longopts, NULL)) != -1) {
		switch (c) {
		case 'a':
			o->arch = optarg;
			break;
		case 'k':
			o->kernel = optarg;
			break;
		case 'd':
			o->dtb = optarg;
			break;
		case 'D':
			o->dtb_phys = optarg;
			break;
		case 'c':
			o->config = optarg;
			break;
		case 's':
			ret = push(o->sets, &o->n_sets, optarg, "--set");
			break;
		case 'C':
			o->cmdline = optarg;
			break;
		case 'S':
			o->sysmap = optarg;
			break;
		case 'I':
			o->image = optarg;
			break;
		case 'm':
			ret = push(o->mems, &o->n_mems, optarg, "--mem");
			break;
		case 'r':
			ret = push(o->reserves, &o->n_reserves, optarg, "--reserve");
			break;
		case 'n':
			ret = push(o->nomaps, &o->n_nomaps, optarg, "--nomap");
			break;
		case 'R':
			ret = push(o->removes, &o->n_removes, optarg, "--remove");
			break;
		case 'i':
			o->initrd = optarg;
			break;
		case 'f':
			o->format = optarg;
			break;
		case 'K':
			o->kaslr_seed = optarg;
			break;
		case 'q':
			o->quiet = true;
			break;
		case 'P':
			o->reclaim = optarg;
			break;
		case 'h':
			return LAYOUT_ARGS_HELP;
		case ':':
			fprintf(stderr, "vmlayout: %s needs a value\n", argv[optind - 1]);
			return -1;
		default:
			unknown_option(longopts, argv[optind - 1]);
			return -1;
		}
	}
	if (!ret && optind < argc) {
		fprintf(stderr,
			"vmlayout: unexpected argument '%s'; every input is given with a flag "
			"(see vmlayout %s --help)\n",
			argv[optind], cmd_name);
		return -1;
	}
	return ret;
}

static int host_fail(int ret, const struct vml_host_error *err)
{
	if (ret)
		fprintf(stderr, "vmlayout: %s\n", err->msg);
	return ret ? -1 : 0;
}

/* --remove: the range is not RAM; split or trim the banks it touches. */
static int board_remove(struct vml_board *b, uint64_t base, uint64_t size)
{
	struct vml_board copy = *b;
	uint64_t end = base + size;

	copy.n_memory = 0;
	for (unsigned int i = 0; i < b->n_memory; i++) {
		uint64_t s = b->memory[i].base, e = s + b->memory[i].size;
		uint64_t piece[2][2] = {{s, vml_min(e, base)}, {vml_max(s, end), e}};

		if (e <= base || s >= end)
			piece[1][0] = e, piece[0][1] = e, piece[0][0] = s;
		for (int p = 0; p < 2; p++) {
			if (piece[p][1] <= piece[p][0])
				continue;
			if (copy.n_memory >= VML_BOARD_MAX_MEMORY)
				return fail(
				    "--remove: splitting the banks needs more than the board's "
				    "bank limit");
			copy.memory[copy.n_memory].base = piece[p][0];
			copy.memory[copy.n_memory++].size = piece[p][1] - piece[p][0];
		}
	}
	*b = copy;
	return 0;
}

static int add_reserved(struct vml_board *b, uint64_t base, uint64_t size, bool nomap)
{
	struct vml_board_reserved *r;

	if (b->n_reserved >= VML_BOARD_MAX_RESERVED)
		return fail("--nomap: too many reserved regions");
	r = &b->reserved[b->n_reserved++];
	memset(r, 0, sizeof(*r));
	snprintf(r->name, sizeof(r->name), "nomap@%llx", (unsigned long long)base);
	r->base = base;
	r->size = size;
	r->nomap = nomap;
	return 0;
}

/* --mem SIZE[@BASE]: without @BASE, the base of the DT's /memory entry of
 * size 0 (a bank the bootloader sizes at boot). */
static int parse_mem(const char *arg, const struct vml_board *b, uint64_t *size, uint64_t *base)
{
	struct vml_host_error err = {{0}};
	char with_base[96];

	if (strchr(arg, '@') || !b->has_unsized_memory)
		return host_fail(vml_parse_size_at_base("--mem", arg, size, base, &err), &err);
	if (strlen(arg) > 64)
		return fail("--mem: the size is too long to be a number");
	snprintf(with_base, sizeof(with_base), "%s@0x%llx", arg,
		 (unsigned long long)b->unsized_memory_base);
	return host_fail(vml_parse_size_at_base("--mem", with_base, size, base, &err), &err);
}

static int quick_flags(const struct raw_opts *o, struct vml_board *b)
{
	struct vml_host_error err = {{0}};
	uint64_t size, base;

	for (unsigned int i = 0; i < o->n_mems; i++) {
		if (parse_mem(o->mems[i], b, &size, &base))
			return -1;
		if (b->n_memory >= VML_BOARD_MAX_MEMORY)
			return fail("--mem: too many memory banks");
		b->memory[b->n_memory].base = base;
		b->memory[b->n_memory++].size = size;
	}
	for (unsigned int i = 0; i < o->n_removes; i++) {
		if (host_fail(vml_parse_size_at_base("--remove", o->removes[i], &size, &base, &err),
			      &err) ||
		    board_remove(b, base, size))
			return -1;
	}
	for (unsigned int i = 0; i < o->n_reserves; i++) {
		if (host_fail(
			vml_parse_size_at_base("--reserve", o->reserves[i], &size, &base, &err),
			&err))
			return -1;
		if (b->n_memreserve >= VML_BOARD_MAX_RESERVED)
			return fail("--reserve: too many reserved ranges");
		b->memreserve[b->n_memreserve].base = base;
		b->memreserve[b->n_memreserve++].size = size;
	}
	for (unsigned int i = 0; i < o->n_nomaps; i++)
		if (host_fail(vml_parse_size_at_base("--nomap", o->nomaps[i], &size, &base, &err),
			      &err) ||
		    add_reserved(b, base, size, true))
			return -1;
	if (o->initrd) {
		if (host_fail(vml_parse_size_at_base("--initrd", o->initrd, &size, &base, &err),
			      &err))
			return -1;
		b->has_initrd = true;
		b->initrd_start = base;
		b->initrd_end = base + size;
	}
	return 0;
}

/* Whether --reclaim strategies exist on @arch (its descriptor's
 * reclaim_profile). */
static bool reclaim_applies(enum vml_arch arch)
{
	const struct vml_arch_desc *d = vml_arch_find(arch);

	return d && d->reclaim_profile;
}

/* --arch NAME (default: the arch table's first, arm), from the arch table;
 * a misspelt name gets the closest one. */
static int parse_arch(const char *name, enum vml_arch *arch)
{
	const struct vml_arch_desc *desc = vml_arch_find_name(name ? name : vml_arches[0]->name);
	const char *names[8], *near;
	char list[128];
	size_t n = 0;

	if (desc) {
		*arch = desc->id;
		return 0;
	}
	for (const struct vml_arch_desc *const *a = vml_arches; *a && n < 8; a++)
		names[n++] = (*a)->name;
	near = vml_suggest(name, names, n);
	if (near)
		fprintf(stderr, "vmlayout: --arch %s: unknown architecture; did you mean %s?\n",
			name, near);
	else
		fprintf(stderr, "vmlayout: --arch %s: unknown architecture (%s)\n", name,
			vml_arch_list(list, sizeof(list), false));
	return -1;
}

/* --format NAME, one of the command's @formats (default text); a misspelt
 * one gets the closest and the list. */
static int parse_format(const char *name, struct layout_args *args, const char *const *formats,
			size_t n)
{
	char list[64];
	size_t len = 0;
	const char *near;

	if (!name || !strcmp(name, "text"))
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(name, formats[i]))
			continue;
		args->json = !strcmp(name, "json");
		args->svg = !strcmp(name, "svg");
		args->html = !strcmp(name, "html");
		return 0;
	}
	list[0] = '\0';
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(list + len, len < sizeof(list) ? sizeof(list) - len : 0,
					"%s%s", i ? ", " : "", formats[i]);
	near = vml_suggest(name, formats, n);
	fprintf(stderr, "vmlayout: --format %s: unknown format%s%s%s (%s)\n", name,
		near ? "; did you mean " : "", near ? near : "", near ? "?" : "", list);
	return -1;
}

/* Standard input can be read once: by one of --dtb, --config, --system-map. */
static int one_stdin(const struct raw_opts *o)
{
	int n = (o->dtb && !strcmp(o->dtb, "-")) + (o->config && !strcmp(o->config, "-")) +
		(o->sysmap && !strcmp(o->sysmap, "-"));

	return n > 1 ? fail("only one of --dtb, --config and --system-map can read standard "
			    "input ('-')")
		     : 0;
}

/* A DT without sized memory: U-Boot writes /memory at boot. Say so, and
 * how to give it. */
static int need_memory(const struct raw_opts *o, const struct vml_board *b)
{
	if (b->n_memory)
		return 0;
	if (b->has_unsized_memory)
		fprintf(stderr,
			"vmlayout: %s: its /memory node has size 0 (the bootloader fills it in at "
			"boot); give the RAM with --mem SIZE (at 0x%llx, the node's base) or "
			"--mem SIZE@BASE\n",
			o->dtb, (unsigned long long)b->unsized_memory_base);
	else
		fprintf(stderr,
			"vmlayout: %s: no /memory node gives any RAM (the bootloader adds it at "
			"boot); give the RAM with --mem SIZE@BASE\n",
			o->dtb ? o->dtb : "the board");
	return -1;
}

/* --reclaim none|hole|intermix: the msm-3.4 names NO_VM_RECLAIM,
 * DONT_MAP_HOLE_AFTER_MEMBANK0, ENABLE_VMALLOC_SAVING; one way at most. */
static int apply_reclaim(const struct raw_opts *o, struct layout_args *args)
{
	static const char *const names[] = {"none", "hole", "intermix"};
	static const enum vml_reclaim values[] = {VML_RECLAIM_NONE, VML_RECLAIM_DONT_MAP_HOLE,
						  VML_RECLAIM_VMALLOC_SAVING};
	const char *near;

	if (!o->reclaim)
		return 0;
	for (size_t i = 0; i < VML_ARRAY_SIZE(names); i++) {
		if (strcmp(o->reclaim, names[i]))
			continue;
		if (args->cfg.reclaim != VML_RECLAIM_NONE && args->cfg.reclaim != values[i]) {
			fprintf(stderr,
				"vmlayout: --reclaim %s: the configuration already picks "
				"another strategy; give one of them\n",
				o->reclaim);
			return -1;
		}
		if (values[i] != VML_RECLAIM_NONE && !reclaim_applies(args->cfg.arch)) {
			fprintf(stderr,
				"vmlayout: --reclaim %s: hole reclaim does not apply to --arch %s "
				"(its linear map has room for all its RAM)\n",
				o->reclaim, vml_arch_name(args->cfg.arch));
			return -1;
		}
		args->cfg.reclaim = values[i];
		return 0;
	}
	near = vml_suggest(o->reclaim, names, VML_ARRAY_SIZE(names));
	fprintf(stderr, "vmlayout: --reclaim %s: unknown strategy%s%s%s (none, hole, intermix)\n",
		o->reclaim, near ? "; did you mean " : "", near ? near : "", near ? "?" : "");
	return -1;
}

/* The KASLR seed: --kaslr-seed, else /chosen/kaslr-seed, else a --set
 * KASLR_SEED or none. */
static int apply_kaslr_seed(const struct raw_opts *o, struct layout_args *args)
{
	uint64_t seed;

	if (o->kaslr_seed) {
		char *end;

		errno = 0;
		seed = strtoull(o->kaslr_seed, &end, 0);
		if (!*o->kaslr_seed || *end || errno || o->kaslr_seed[0] == '-') {
			fprintf(stderr,
				"vmlayout: --kaslr-seed %s: want a 64-bit number (decimal or "
				"0x...)\n",
				o->kaslr_seed);
			return -1;
		}
	} else if (args->board.has_kaslr_seed && !args->cfg.kaslr_seed_set) {
		seed = args->board.kaslr_seed;
	} else {
		return 0;
	}
	args->cfg.kaslr_seed_set = true;
	args->cfg.kaslr_seed = seed;
	return 0;
}

/* The kernel's command line: --cmdline or the DT's bootargs (a 32-bit ARM
 * board without a DT boots with ATAGS: --cmdline is its ATAG_CMDLINE),
 * joined with the .config's CONFIG_CMDLINE as the kernel joins them
 * (src/core/boot_command_line.c). */
static int compose_cmdline(const struct raw_opts *o, struct layout_args *args, char *line,
			   size_t cap, int *flags)
{
	const struct vml_cmdline_sources src = {
	    .bootloader = o->cmdline ? o->cmdline
			  : o->dtb   ? args->board.bootargs
				     : NULL,
	    .atags = args->cfg.arch == VML_ARCH_ARM && !o->dtb,
	    .kernel_major = (unsigned int)strtoul(args->cfg.profile, NULL, 10),
	};
	const char *rule;

	*flags = vml_boot_command_line(&args->cfg, &src, line, cap, &rule);
	if (*flags < 0) {
		fprintf(stderr, "vmlayout: the kernel configuration's command-line type: %s\n",
			rule);
		return -1;
	}
	if (args->quiet)
		return 0;
	if (*flags & VML_BOOT_CMDLINE_EXTEND_UNUSED)
		fprintf(stderr,
			"vmlayout: CMDLINE_EXTEND is not used with a device tree by "
			"%s's drivers/of/fdt.c: the bootargs stand alone\n",
			args->cfg.profile);
	if (*flags & VML_BOOT_CMDLINE_BUILTIN_USED)
		fprintf(stderr, "vmlayout: the kernel command line (with CONFIG_CMDLINE): \"%s\"\n",
			line);
	return 0;
}

bool layout_args_bootloader_vmalloc_reaches(const struct layout_args *args, uint64_t vmalloc)
{
	static char line[VML_BUILTIN_CMDLINE_LEN + 64];
	static struct vml_kernel_config cfg;
	struct vml_host_error err = {{0}};
	char tag[40];
	const struct vml_cmdline_sources src = {
	    .bootloader = tag,
	    .atags = args->cfg.arch == VML_ARCH_ARM && !args->dtb_path,
	    .kernel_major = (unsigned int)strtoul(args->cfg.profile, NULL, 10),
	};
	const char *rule;

	snprintf(tag, sizeof(tag), "vmalloc=%lluM", (unsigned long long)(vmalloc >> 20));
	cfg = args->cfg;
	if (vml_boot_command_line(&cfg, &src, line, sizeof(line), &rule) < 0 ||
	    vml_cmdline_parse(line, &cfg, &err))
		return false;
	return cfg.vmalloc_set && cfg.vmalloc_size == vmalloc;
}

static int apply_config(const struct raw_opts *o, struct layout_args *args)
{
	struct vml_host_error err = {{0}};
	static char cmdline[VML_BOARD_BOOTARGS_LEN + VML_BUILTIN_CMDLINE_LEN + 2];
	int flags;

	if (o->config && host_fail(vml_kconfig_load_file(o->config, &args->cfg, &err), &err))
		return -1;
	for (unsigned int i = 0; i < o->n_sets; i++)
		if (host_fail(vml_kconfig_set(&args->cfg, o->sets[i], &err), &err))
			return -1;
	if (compose_cmdline(o, args, cmdline, sizeof(cmdline), &flags))
		return -1;
	if (host_fail(vml_cmdline_parse(cmdline, &args->cfg, &err), &err))
		return -1;
	args->cfg.cmdline_tag_ignored = flags & VML_BOOT_CMDLINE_TAG_IGNORED;
	if (o->sysmap && host_fail(vml_sysmap_load(o->sysmap, &args->cfg.image, &err), &err))
		return -1;
	if (apply_kaslr_seed(o, args) || apply_reclaim(o, args))
		return -1;
	if (o->image) {
		uint64_t size, phys;

		if (host_fail(
			vml_parse_size_at_base("--kernel-image", o->image, &size, &phys, &err),
			&err))
			return -1;
		args->cfg.image_size = size;
		args->cfg.load_phys = phys;
		args->cfg.load_phys_set = true;
	}
	return 0;
}

/* The arch's profiles, "a, b, c", from the policy table; the last one
 * registered (the newest) is the default. */
static const char *arch_profiles(enum vml_arch arch, char *buf, size_t cap, const char **newest)
{
	size_t n = 0;

	buf[0] = '\0';
	*newest = NULL;
	const struct vml_arch_desc *desc = vml_arch_find(arch);

	for (const struct vml_layout_policy *const *p = desc ? desc->policies : NULL; p && *p;
	     p++) {
		const struct vml_layout_policy *q = *p;

		if (q->first.major == q->last.major && q->first.minor == q->last.minor)
			n += (size_t)snprintf(buf + n, n < cap ? cap - n : 0, "%s%s", n ? ", " : "",
					      q->profile);
		else
			n += (size_t)snprintf(buf + n, n < cap ? cap - n : 0,
					      "%s%s for %u.%u .. %u.%u", n ? ", " : "", q->profile,
					      q->first.major, q->first.minor, q->last.major,
					      q->last.minor);
		*newest = (*p)->profile;
	}
	return buf;
}

static int apply_kernel(const struct raw_opts *o, struct layout_args *args)
{
	char list[256];
	const char *newest;
	const char *kernel = o->kernel;
	enum vml_arch arch = args->cfg.arch;

	arch_profiles(arch, list, sizeof(list), &newest);
	if (!kernel && !newest) {
		fprintf(stderr, "vmlayout: --arch %s: no layout profile is known for it\n",
			vml_arch_name(arch));
		return -1;
	}
	if (!kernel)
		kernel = newest;
	if (strlen(kernel) >= sizeof(args->cfg.profile) || !vml_layout_policy_find(arch, kernel)) {
		fprintf(stderr,
			"vmlayout: --kernel %s: no layout profile for it on --arch %s (%s)\n",
			kernel, vml_arch_name(arch), list);
		return -1;
	}
	strcpy(args->cfg.profile, kernel);
	args->kernel_given = o->kernel != NULL;
	return 0;
}

int layout_args_parse(int argc, char **argv, struct layout_args *args)
{
	static const char *const formats[] = {"text", "json"};

	return layout_args_parse_formats(argc, argv, args, formats, VML_ARRAY_SIZE(formats));
}

int layout_args_parse_formats(int argc, char **argv, struct layout_args *args,
			      const char *const *formats, size_t n_formats)
{
	struct raw_opts o;
	struct vml_host_error err = {{0}};
	enum vml_arch arch;
	int ret;

	memset(&o, 0, sizeof(o));
	memset(args, 0, sizeof(*args));
	ret = collect(argc, argv, &o);
	if (ret)
		return ret;
	if (parse_arch(o.arch, &arch) || one_stdin(&o))
		return -1;
	args->quiet = o.quiet;
	if (parse_format(o.format, args, formats, n_formats))
		return -1;
	vml_kernel_config_init(&args->cfg, arch);
	vml_board_init(&args->board);
	args->dtb_path = o.dtb;
	args->config_path = o.config;
	if (o.dtb && host_fail(vml_dt_load_file(o.dtb, &args->board, &err), &err))
		return -1;
	if (!o.dtb && !o.n_mems)
		return fail("no board: give --dtb FILE or at least one --mem SIZE@BASE");
	if (quick_flags(&o, &args->board) || need_memory(&o, &args->board) ||
	    apply_kernel(&o, args) || apply_config(&o, args))
		return -1;
	if (args->cfg.arch != arch && o.arch)
		return fail("--arch disagrees with the architecture of --config");
	if (o.dtb_phys) {
		uint64_t addr;

		if (host_fail(vml_memparse(o.dtb_phys, &addr, NULL), &err) || !o.dtb)
			return fail("--dtb-phys needs an address and a --dtb");
		args->board.has_dtb_phys = true;
		args->board.dtb_phys = addr; /* dtb_size: set by the DT loader */
	}
	return 0;
}
