/* SPDX-License-Identifier: MIT */
/*
 * DOC: `vmlayout boot-tables`: the kernel's own page tables after boot
 *
 *   vmlayout boot-tables <the `layout` options> [--rodata full|on|off|noalias]
 *       [--stage running|paging_init] [--inittext-end VA] [--debug-pagealloc]
 *       [--kfence none|late|early] [--out FILE] [--ptdump] [--walk VA]...
 *
 * Computes the layout exactly as `vmlayout layout` does (layout_args), then
 * builds the tables its kernel runs on (vmlayout/boot_tables.h: the arch's
 * boot_tables hooks, src/arch/<arch>/boot_tables*.c) in simulated physical
 * memory: the root (and what else the arch keeps in its image) from the
 * image pages the arch's plan names, every other table page top-down from
 * the layout's final memblock. Prints the tables and leaves per level as
 * `tables` does; --out writes the image and FILE.json as `tables --out`;
 * --format json prints the leaves as runs ("kernel_tables", as `layout
 * --format json` has them) and the W+X check's counts and lines instead;
 * --ptdump prints them as the profile's kernel ptdump would, with the
 * layout's address markers (the arch's); --walk translates VAs (crash
 * vtop's shape, as `vmlayout walk`). rodata= and debug_pagealloc= on the
 * kernel command line (--cmdline or /chosen/bootargs) count as the
 * layout's kernel takes them (lo->rodata_arg); --rodata overrides. An
 * option the arch's kernel does not have is refused by the arch's plan.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/kernel_tables_json.h"
#include "cli/layout_args.h"
#include "cli/pt_session.h"
#include "host/suggest.h"
#include "vmlayout/arch.h"
#include "vmlayout/boot_tables.h"
#include "vmlayout/kfence.h"
#include "vmlayout/ptdump_file.h"

#define BT_MB_REGIONS 256
#define BT_MAX_WALK 64
#define BT_MAX_CHANGES 64
#define BT_LOG_MAX (1u << 16)

/* One --set-memory OP:ADDR,SIZE. */
struct bt_change {
	char op[16];
	uint64_t addr, size;
};

struct bt_args {
	struct vml_boot_opts opts;
	bool rodata_given, kfence_given, ptdump;
	const char *out;
	const char *walk[BT_MAX_WALK];
	unsigned int nwalk;
	struct bt_change change[BT_MAX_CHANGES];
	unsigned int nchange;
	char *rest[PT_SESSION_MAX_ARGS * 2 + 1];
	int nrest;
};

/* rodata= and debug_pagealloc= from the kernel command line the layout
 * read (--cmdline or the DT's /chosen/bootargs), as the layout's kernel
 * took them (lo->rodata_arg and lo->debug_pagealloc: the arch's and
 * version's rules, warnings in the layout's messages); --rodata overrides,
 * --debug-pagealloc adds. */
static void default_from_cmdline(struct bt_args *a, const struct vml_layout *lo)
{
	static const enum vml_boot_rodata from_arg[] = {
	    [VML_RODATA_NONE] = VML_BOOT_RODATA_DEFAULT,
	    [VML_RODATA_FULL] = VML_BOOT_RODATA_FULL,
	    [VML_RODATA_ON] = VML_BOOT_RODATA_ON,
	    [VML_RODATA_OFF] = VML_BOOT_RODATA_OFF,
	    [VML_RODATA_NOALIAS] = VML_BOOT_RODATA_NOALIAS,
	};

	if (!a->rodata_given && lo->rodata_arg < VML_ARRAY_SIZE(from_arg))
		a->opts.rodata = from_arg[lo->rodata_arg];
	a->opts.text_writable =
	    a->rodata_given ? a->opts.rodata == VML_BOOT_RODATA_OFF : lo->kernel_text_writable;
	a->opts.debug_pagealloc = a->opts.debug_pagealloc || lo->debug_pagealloc;
}

/* Without --kfence, the .config's and the command line's: arm64's
 * kfence_early_init (a non-zero KFENCE_SAMPLE_INTERVAL, default 100, or the
 * early kfence.sample_interval=: arch/arm64/mm/mmu.c v6.12) takes the early
 * pool; otherwise KFENCE is built in and starts late
 * (arm64_kfence_can_set_direct_map()). */
static void default_kfence(struct bt_args *a, const struct vml_kernel_config *cfg)
{
	if (a->kfence_given || !cfg->kfence)
		return;
	a->opts.kfence = vml_kfence_early_init(cfg) ? VML_BOOT_KFENCE_EARLY : VML_BOOT_KFENCE_LATE;
}

static void usage(FILE *out)
{
	fprintf(out,
		"usage: vmlayout boot-tables <the `vmlayout layout` options> [options]\n"
		"  --rodata full|on|off|noalias  the rodata= mode (default: the command line's "
		"as the kernel takes it, else full)\n"
		"  --stage running|paging_init   after boot (default: mark_rodata_ro, the alias "
		"RO,\n"
		"                                free_initmem) or right after map_mem()\n"
		"  --inittext-end VA             __inittext_end (not in the System.map symbols "
		"read)\n"
		"  --debug-pagealloc             debug_pagealloc=on (forces pages)\n"
		"  --kfence none|late|early      KFENCE not built in; built in with "
		"sample_interval=0\n"
		"                                (forces pages); or with its early pool (2 MiB "
		"of pages);\n"
		"                                default: the .config's KFENCE and "
		"KFENCE_SAMPLE_INTERVAL\n"
		"  --out FILE                    write the table image (sparse) and FILE.json\n"
		"  --format json                 the leaves as runs and the W+X check, as JSON "
		"(docs/json.md)\n"
		"  --ptdump                      print the tables as kernel_page_tables\n"
		"  --walk VA                     translate VA (repeatable)\n"
		"  --init-data-begin VA          riscv64 6.x: __init_data_begin (default "
		"__init_begin + 2M)\n"
		"  --cpu-feature bbml2           arm64 6.18: every CPU has BBML2_NOABORT (the "
		"linear map\n"
		"                                keeps blocks under rodata=full; prints the table "
		"memory\n"
		"                                saved against a CPU without it)\n"
		"  --set-memory OP:ADDR,SIZE     after boot, a later permission change, in order "
		"(repeatable;\n"
		"                                arm64: ro|rw|x|nx = set_memory_*(), refused "
		"(-EINVAL) outside\n"
		"                                a VM_ALLOC vm area; alias-ro|alias-rw = their "
		"rodata_full\n"
		"                                linear-alias update; invalid|default = "
		"set_direct_map_*_noflush);\n"
		"                                prints the update record and the "
		"break-before-make check\n"
		"arm (6.1 profile: --rodata on|off, --stage), arm64 and riscv64 (6.x: --kfence "
		"late|early\nboth mean CONFIG_KFENCE's early pool; --inittext-end is arm64's). "
		"Exit status: 0 done, 1 a --walk VA is not "
		"mapped, 2 bad input, 3 "
		"internal error.\n");
}

static int parse_rodata(const char *v, enum vml_boot_rodata *r)
{
	static const char *const names[] = {"full", "on", "off", "noalias"};
	static const enum vml_boot_rodata vals[] = {VML_BOOT_RODATA_FULL, VML_BOOT_RODATA_ON,
						    VML_BOOT_RODATA_OFF, VML_BOOT_RODATA_NOALIAS};

	for (size_t i = 0; i < VML_ARRAY_SIZE(names); i++)
		if (!strcmp(v, names[i])) {
			*r = vals[i];
			return 0;
		}
	return -1;
}

/* The options without a value. */
/* boot-tables' own options, for the unknown-option suggestion. */
static const char *const bt_options[] = {
    "--rodata",		 "--stage", "--inittext-end", "--init-data-begin", "--out",
    "--kfence",		 "--walk",  "--cpu-feature",  "--set-memory",	   "--ptdump",
    "--debug-pagealloc",
};

static bool our_flag(struct bt_args *a, const char *opt)
{
	if (!strcmp(opt, "--ptdump"))
		a->ptdump = true;
	else if (!strcmp(opt, "--debug-pagealloc"))
		a->opts.debug_pagealloc = true;
	else
		return false;
	return true;
}

/* OP:ADDR,SIZE */
static int parse_change(struct bt_args *a, const char *v)
{
	const char *colon = strchr(v, ':'), *end;
	struct bt_change *c = &a->change[a->nchange];

	if (a->nchange >= BT_MAX_CHANGES) {
		fprintf(stderr, "vmlayout boot-tables: at most %d --set-memory\n", BT_MAX_CHANGES);
		return VML_EXIT_INPUT;
	}
	if (!colon || colon == v || (size_t)(colon - v) >= sizeof(c->op) ||
	    vml_memparse(colon + 1, &c->addr, &end) || *end != ',' ||
	    vml_memparse(end + 1, &c->size, &end) || *end) {
		fprintf(stderr, "vmlayout boot-tables: --set-memory '%s': takes OP:ADDR,SIZE\n", v);
		return VML_EXIT_INPUT;
	}
	memcpy(c->op, v, (size_t)(colon - v));
	c->op[colon - v] = 0;
	a->nchange++;
	return 0;
}

/* A value @opt does not take: its accepted values, and the closest. */
static int bad_value(const char *opt, const char *v, const char *const *names, size_t n)
{
	const char *near = vml_suggest(v, names, n);

	fprintf(stderr, "vmlayout boot-tables: %s %s: takes ", opt, v);
	for (size_t i = 0; i < n; i++)
		fprintf(stderr, "%s%s", i ? (i + 1 == n ? " or " : ", ") : "", names[i]);
	if (near)
		fprintf(stderr, "; did you mean %s?", near);
	fputc('\n', stderr);
	return VML_EXIT_INPUT;
}

static int our_option(struct bt_args *a, const char *opt, const char *v)
{
	const char *end;

	if (!strcmp(opt, "--rodata")) {
		static const char *const modes[] = {"full", "on", "off", "noalias"};

		if (parse_rodata(v, &a->opts.rodata))
			return bad_value(opt, v, modes, VML_ARRAY_SIZE(modes));
		a->rodata_given = true;
	} else if (!strcmp(opt, "--stage")) {
		if (!strcmp(v, "running"))
			a->opts.stage = VML_BOOT_RUNNING;
		else if (!strcmp(v, "paging_init"))
			a->opts.stage = VML_BOOT_PAGING_INIT;
		else {
			static const char *const stages[] = {"running", "paging_init"};

			return bad_value(opt, v, stages, VML_ARRAY_SIZE(stages));
		}
	} else if (!strcmp(opt, "--inittext-end")) {
		if (vml_memparse(v, &a->opts.inittext_end, &end) || *end) {
			fprintf(stderr, "vmlayout boot-tables: --inittext-end takes a VA\n");
			return VML_EXIT_INPUT;
		}
	} else if (!strcmp(opt, "--init-data-begin")) {
		if (vml_memparse(v, &a->opts.init_data_begin, &end) || *end) {
			fprintf(stderr, "vmlayout boot-tables: --init-data-begin takes a VA\n");
			return VML_EXIT_INPUT;
		}
	} else if (!strcmp(opt, "--out")) {
		a->out = v;
	} else if (!strcmp(opt, "--kfence")) {
		a->kfence_given = true;
		if (!strcmp(v, "none"))
			a->opts.kfence = VML_BOOT_KFENCE_NONE;
		else if (!strcmp(v, "late"))
			a->opts.kfence = VML_BOOT_KFENCE_LATE;
		else if (!strcmp(v, "early"))
			a->opts.kfence = VML_BOOT_KFENCE_EARLY;
		else {
			static const char *const kinds[] = {"none", "late", "early"};

			return bad_value(opt, v, kinds, VML_ARRAY_SIZE(kinds));
		}
	} else if (!strcmp(opt, "--cpu-feature")) {
		static const char *const features[] = {"bbml2"};

		if (strcmp(v, "bbml2"))
			return bad_value(opt, v, features, VML_ARRAY_SIZE(features));
		a->opts.cpu_features |= VML_PT_CPU_BBML2;
	} else if (!strcmp(opt, "--set-memory")) {
		return parse_change(a, v);
	} else if (!strcmp(opt, "--walk")) {
		uint64_t va;

		/* checked here, so a bad one stops before anything is printed */
		if (vml_memparse(v, &va, &end) || *end) {
			fprintf(stderr, "vmlayout boot-tables: --walk '%s' is not an address\n", v);
			return VML_EXIT_INPUT;
		}
		if (a->nwalk >= BT_MAX_WALK) {
			fprintf(stderr, "vmlayout boot-tables: at most %d --walk\n", BT_MAX_WALK);
			return VML_EXIT_INPUT;
		}
		a->walk[a->nwalk++] = v;
	} else {
		return -1;
	}
	return 0;
}

/* Our options out; the rest goes to layout_args_parse. */
static int split_args(struct bt_args *a, int argc, char **argv)
{
	a->rest[a->nrest++] = argv[0];
	for (int i = 1; i < argc; i++) {
		int err = -1;

		if (our_flag(a, argv[i]))
			continue;
		if (i + 1 < argc && !strncmp(argv[i], "--", 2))
			err = our_option(a, argv[i], argv[i + 1]);
		if (err > 0)
			return err;
		if (!err) {
			i++;
			continue;
		}
		if (a->nrest >= (int)VML_ARRAY_SIZE(a->rest) - 1) {
			fprintf(stderr, "vmlayout boot-tables: too many arguments\n");
			return VML_EXIT_INPUT;
		}
		a->rest[a->nrest++] = argv[i];
	}
	a->rest[a->nrest] = NULL;
	return 0;
}

static const char *level_name(const struct vml_pt_format *f, int level)
{
	static const char *const names[5] = {"PGD", "P4D", "PUD", "PMD", "PTE"};
	unsigned int index = (unsigned int)(level - f->first_level);
	unsigned int skip = f->levels < 5 ? 5 - f->levels : 0;

	return index == 0 ? "PGD" : names[skip + index < 5 ? skip + index : 4];
}

/* One VA, in the shape `vmlayout walk` prints (crash's vtop). */
static int walk_one(const struct vml_pt_ctx *ctx, const char *text)
{
	const struct vml_pt_format *f = ctx->fmt;
	struct vml_pt_walk w;
	uint64_t va;
	const char *end;
	int err;

	if (vml_memparse(text, &va, &end) || *end) {
		fprintf(stderr, "vmlayout boot-tables: --walk '%s' is not an address\n", text);
		return VML_EXIT_INPUT;
	}
	printf("VIRTUAL           PHYSICAL\n");
	err = vml_pt_walk(ctx, vml_va(va), &w, NULL);
	if (!err)
		printf("%-16" PRIx64 "  %" PRIx64 "\n", va, vml_pa_addr(w.pa));
	else if (err == VML_ERANGE)
		printf("%-16" PRIx64 "  (not mapped: outside the translated space)\n", va);
	else
		printf("%-16" PRIx64 "  (not mapped: invalid %s entry)\n", va,
		       level_name(f, w.level));
	if (err != VML_ERANGE) {
		printf("\nPAGE DIRECTORY: %" PRIx64 "\n", vml_pa_addr(ctx->root));
		for (unsigned int i = 0; i < w.depth; i++)
			printf("%6s: %" PRIx64 " => %" PRIx64 "\n",
			       level_name(f, f->first_level + (int)i), vml_pa_addr(w.entry_pa[i]),
			       w.raw[i]);
	}
	if (!err) {
		uint32_t p = w.attrs.perm;

		printf("  PAGE: %" PRIx64 "  (%" PRIu64 "K)\n",
		       vml_align_down(vml_pa_addr(w.pa), w.leaf_size), w.leaf_size >> 10);
		printf(" FLAGS: %s %s%s%s%s\n", w.level == vml_pt_last_level(f) ? "page" : "block",
		       p & VML_PT_READ ? "r" : "-", p & VML_PT_WRITE ? "w" : "-",
		       p & VML_PT_EXEC ? "x" : "-", w.cont ? " cont" : "");
	}
	printf("\n");
	return err ? VML_EXIT_FOUND : 0;
}

/* The image pages the plan names, as a table allocator of their own. */
/* Where build() says why it failed: stderr, or `layout`'s note buffer. */
static FILE *bt_err;

static struct vml_memblock_region img_mem[2], img_res[BT_MAX_WALK];
static struct vml_memblock img_mb;
static struct vml_physmem_tables img_tables;

static int image_area(struct pt_session *s, const struct vml_boot_plan *plan)
{
	const struct vml_pt_format *f = &plan->fmt;

	vml_memblock_init(&img_mb, img_mem, VML_ARRAY_SIZE(img_mem), img_res,
			  VML_ARRAY_SIZE(img_res), ~0ULL,
			  1ULL << vml_pt_level(f, vml_pt_last_level(f))->shift);
	if (vml_memblock_add(&img_mb, plan->image_tables_pa, plan->image_tables_size, NULL))
		return -1;
	vml_memblock_set_bottom_up(&img_mb, plan->image_tables_bottom_up);
	img_tables = (struct vml_physmem_tables){
	    .mb = &img_mb, .pm = s->tables.pm, .limit = s->tables.limit};
	return 0;
}

/* The tree the plan names, its root from the image. */
static int init_tree(struct pt_session *s, const struct vml_boot_plan *plan,
		     struct vml_memblock *mb)
{
	struct vml_pt_ctx *c = &s->ctx[plan->half];
	struct vml_diag d = {0, NULL, 0, 0, -1};

	s->fmt[0] = plan->fmt;
	s->fmt[1] = plan->fmt;
	s->tables.mb = mb;
	s->tables.limit = vml_pt_table_limit(&plan->fmt);
	s->tables.pm = vml_physmem_new();
	if (!s->tables.pm)
		return VML_EXIT_INTERNAL;
	if (image_area(s, plan)) {
		fprintf(bt_err,
			"vmlayout boot-tables: the image's table pages (0x%llx, size "
			"0x%llx) are not a valid range\n",
			(unsigned long long)plan->image_tables_pa,
			(unsigned long long)plan->image_tables_size);
		return VML_EXIT_INTERNAL;
	}
	c->fmt = &s->fmt[plan->half];
	c->upper = plan->half == 1;
	c->alloc_table = vml_physmem_alloc_table;
	c->free_table = vml_physmem_free_table;
	c->window = vml_physmem_table_window;
	c->tables_zeroed = true; /* vml_physmem_alloc_table() zeroes */
	c->cb = &img_tables;
	if (vml_pt_init(c, &d)) {
		fprintf(bt_err, "vmlayout boot-tables: no room for the root table (%s)\n", d.rule);
		return VML_EXIT_INPUT;
	}
	c->cb = &s->tables;
	s->have[plan->half] = true;
	return 0;
}

static bool quiet; /* no notes: a second build for a comparison */

static int build(struct pt_session *s, struct bt_args *a, const struct vml_layout *lo,
		 const struct layout_args *la, struct vml_memblock *mb, unsigned int *half)
{
	static struct vml_boot_plan plan;
	struct vml_diag d = {0, NULL, 0, 0, -1};
	int err;

	if (vml_boot_tables_plan(lo, &la->cfg, &a->opts, &plan, &d)) {
		fprintf(bt_err, "vmlayout boot-tables: --arch %s: %s", vml_arch_name(lo->arch),
			d.rule ? d.rule : "invalid input");
		if (d.addr)
			fprintf(bt_err, " (0x%llx)", (unsigned long long)d.addr);
		fputc('\n', bt_err);
		return VML_EXIT_INPUT;
	}
	err = init_tree(s, &plan, mb);
	if (err)
		return err;
	*half = plan.half;
	if (vml_boot_tables_build(&s->ctx[plan.half], lo, &plan, mb, &a->opts, &img_tables, &d)) {
		/* one line: the error alone, no note before it; an address
		 * only when the rule has one */
		fprintf(bt_err, "vmlayout boot-tables: %s",
			d.rule ? d.rule : "cannot build the tables");
		if (d.addr)
			fprintf(bt_err, " (at 0x%llx)", (unsigned long long)d.addr);
		fputc('\n', bt_err);
		return VML_EXIT_INPUT;
	}
	if (plan.image_defaults && !quiet && !la->quiet)
		fprintf(bt_err,
			"vmlayout boot-tables: no System.map: the image's segments are "
			"vmlayout's defaults (%s)\n",
			plan.image_doc);
	return 0;
}

static void print_record(FILE *out, const struct vml_pt_ctx *ctx, const struct vml_pt_log *log,
			 size_t from)
{
	for (size_t i = from; i < log->cnt; i++) {
		const struct vml_pt_update *u = &log->rec[i];

		if (u->kind == VML_PT_UPD_TLBI)
			fprintf(out, "  tlbi   %016" PRIx64 " +%" PRIx64 "\n", vml_va_addr(u->va),
				u->size);
		else
			fprintf(out,
				"  %-6s %016" PRIx64 " +%-8" PRIx64 " entry %" PRIx64
				": %016" PRIx64 " -> %016" PRIx64 "\n",
				u->kind == VML_PT_UPD_SHADOW ? "shadow"
							     : level_name(ctx->fmt, u->level),
				vml_va_addr(u->va), u->size, vml_pa_addr(u->entry), u->old,
				u->new_);
	}
}

/* --set-memory, in order, through the engine with its update record on,
 * printed to @out. */
static int apply_changes_to(FILE *out, struct pt_session *s, struct bt_args *a,
			    const struct vml_layout *lo, const struct vml_memblock *mb,
			    unsigned int half)
{
	static struct vml_pt_update rec[BT_LOG_MAX];
	static struct vml_pt_log log;
	static struct vml_pt_bbm_violation v[8];
	struct vml_pt_ctx *ctx = &s->ctx[half];
	size_t found = 0;
	int ret;

	log = (struct vml_pt_log){rec, 0, BT_LOG_MAX, 0};
	ctx->log = &log;
	ctx->log_all = true; /* a page made valid again is a change too */
	for (unsigned int i = 0; i < a->nchange; i++) {
		const struct bt_change *c = &a->change[i];
		struct vml_diag d = {0, NULL, 0, 0, -1};
		const char *noop = NULL;
		size_t from = log.cnt;
		int err = vml_boot_tables_change(ctx, lo, &a->opts, mb, c->op, c->addr, c->size,
						 &noop, &d);

		if (err) {
			fprintf(stderr, "vmlayout boot-tables: --set-memory %s:0x%llx,0x%llx: %s\n",
				c->op, (unsigned long long)c->addr, (unsigned long long)c->size,
				d.rule ? d.rule : "refused");
			ctx->log = NULL;
			return VML_EXIT_INPUT;
		}
		fprintf(out, "set-memory %s:0x%" PRIx64 ",0x%" PRIx64 ": %s (%zu records)\n", c->op,
			c->addr, c->size, noop ? noop : "done", log.cnt - from);
		print_record(out, ctx, &log, from);
	}
	ctx->log = NULL;
	ret = vml_pt_bbm_check(ctx->fmt, &log, ctx->cpu_features, v, VML_ARRAY_SIZE(v), &found);
	fprintf(out, "break-before-make check%s: %s", ctx->cpu_features ? " (BBML2_NOABORT)" : "",
		ret == 0	    ? "clean"
		: ret == VML_ERANGE ? "the record overflowed"
				    : "violations");
	for (size_t i = 0; i < found && i < VML_ARRAY_SIZE(v); i++)
		fprintf(out, "%s record %zu: %s", i ? ";" : "", v[i].index, v[i].rule);
	fprintf(out, "\n\n");
	return ret == VML_EPERM ? VML_EXIT_INTERNAL : 0;
}

/* The records go to a buffer that reaches stdout only when every change
 * was taken: a refused one leaves nothing on stdout (exit 2). */
static int apply_changes(struct pt_session *s, struct bt_args *a, const struct vml_layout *lo,
			 const struct vml_memblock *mb, unsigned int half, const char *before)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out;
	int err;

	if (!a->nchange) {
		fputs(before, stdout);
		return 0;
	}
	out = open_memstream(&buf, &len);
	if (!out) {
		fprintf(stderr, "vmlayout boot-tables: out of memory for the update record\n");
		return VML_EXIT_INTERNAL;
	}
	err = apply_changes_to(out, s, a, lo, mb, half);
	if (fclose(out)) {
		err = err ? err : VML_EXIT_INTERNAL;
	} else if (!err || err == VML_EXIT_INTERNAL) {
		fputs(before, stdout);
		fwrite(buf, 1, len, stdout);
	}
	free(buf);
	return err;
}

static uint64_t table_pages(const struct pt_session *s, unsigned int half)
{
	struct vml_pt_stats st = {0};

	if (vml_pt_count(&s->ctx[half], &st))
		return 0;
	return st.total_tables;
}

/* The same boot without BBML2_NOABORT (rodata=full then maps the linear
 * map with pages): its table pages, or 0 if it cannot be built. */
static uint64_t pages_without_bbml2(const struct bt_args *a, const struct layout_args *la)
{
	static struct bt_args b;
	static struct vml_layout lo2;
	static struct pt_session s2;
	static struct vml_memblock_region mem[BT_MB_REGIONS], res[BT_MB_REGIONS];
	struct vml_memblock mb;
	struct vml_diag d = {0, NULL, 0, 0, -1};
	unsigned int half = 0;
	uint64_t n = 0;

	b = *a;
	b.opts.cpu_features = 0;
	memset(&s2, 0, sizeof(s2));
	s2.cmd = "boot-tables";
	vml_memblock_init(&mb, mem, BT_MB_REGIONS, res, BT_MB_REGIONS, ~0ULL,
			  la->cfg.page_size ? la->cfg.page_size : VML_SZ_4K);
	quiet = true;
	if (!vml_layout_compute(&la->board, &la->cfg, &mb, &lo2, &d) &&
	    !build(&s2, &b, &lo2, la, &mb, &half))
		n = table_pages(&s2, half);
	quiet = false;
	vml_physmem_delete(s2.tables.pm);
	return n;
}

static void stdout_write(void *arg, const char *text, size_t len)
{
	(void)arg;
	fwrite(text, 1, len, stdout);
}

/* The kernel's W+X check of the tables, in its own lines: mark_readonly()
 * runs it once boot is done, with rodata= enabled; rodata=off prints
 * "Kernel memory protection disabled." instead (init/main.c v6.1, v6.12). */
static void check_wx(const struct bt_args *a, const struct vml_layout *lo,
		     const struct pt_session *s, unsigned int half)
{
	const struct vml_text_sink sink = {stdout_write, NULL};
	struct vml_ptdump_wx wx;

	if (a->opts.stage == VML_BOOT_PAGING_INIT)
		return;
	if (a->opts.rodata == VML_BOOT_RODATA_OFF) {
		printf("Kernel memory protection disabled.\n");
		return;
	}
	vml_ptdump_check_wx(&sink, lo, &s->ctx[half], &wx);
}

static void buf_write(void *arg, const char *text, size_t len)
{
	fwrite(text, 1, len, arg);
}

/* The W+X check as JSON: null where the kernel does not run it (rodata=off,
 * --stage paging_init, an arch or profile without it), else its counts and
 * the lines it prints. */
static void wx_json(const struct bt_args *a, const struct vml_layout *lo,
		    const struct pt_session *s, unsigned int half)
{
	char *lines = NULL;
	size_t len = 0;
	FILE *buf;
	struct vml_ptdump_wx wx = {0, 0, 0};
	int err;

	fputs("  \"wx_check\": ", stdout);
	buf = open_memstream(&lines, &len);
	if (!buf || a->opts.stage == VML_BOOT_PAGING_INIT ||
	    a->opts.rodata == VML_BOOT_RODATA_OFF) {
		if (buf)
			fclose(buf);
		free(lines);
		fputs("null", stdout);
		return;
	}
	{
		const struct vml_text_sink sink = {buf_write, buf};

		err = vml_ptdump_check_wx(&sink, lo, &s->ctx[half], &wx);
	}
	fclose(buf);
	if (err || !len) {
		fputs("null", stdout);
	} else {
		printf("{\"wx_pages\": %" PRIu64 ", \"uxn_pages\": %" PRIu64 ", \"lines\": [\"",
		       wx.wx_pages, wx.uxn_pages);
		for (size_t i = 0; i < len; i++) {
			if (lines[i] == '\n')
				fputs(i + 1 < len ? "\", \"" : "", stdout);
			else
				printf(lines[i] == '"' || lines[i] == '\\' ? "\\%c" : "%c",
				       lines[i]);
		}
		fputs("\"]}", stdout);
	}
	free(lines);
}

/* --format json: the leaves as `layout --format json`'s "kernel_tables"
 * (cli/kernel_tables_json.c) and the W+X check, nothing else on stdout. */
static int output_json(struct pt_session *s, const struct bt_args *a, const struct vml_layout *lo,
		       unsigned int half)
{
	int err;

	s->out = a->out;
	if (a->out && (err = pt_session_write_image(s)))
		return err;
	printf("{\n  \"arch\": \"%s\",\n  \"profile\": \"%s\",\n  ", vml_arch_name(lo->arch),
	       lo->profile);
	kernel_tables_json(stdout, &s->ctx[half], s->fmt[half].name, 0);
	fputs(",\n", stdout);
	wx_json(a, lo, s, half);
	fputs("\n}\n", stdout);
	return 0;
}

static int output(struct pt_session *s, struct bt_args *a, const struct vml_layout *lo,
		  unsigned int half)
{
	int err = 0, found = 0;

	s->out = a->out;
	if (a->out && (err = pt_session_write_image(s)))
		return err;
	pt_session_print_counts(s);
	check_wx(a, lo, s, half);
	if (a->ptdump) {
		static struct vml_ptdump_marker m[VML_PTDUMP_MAX_LAYOUT_MARKERS];
		const struct vml_pt_ctx *trees[2] = {s->have[0] ? &s->ctx[0] : NULL,
						     s->have[1] ? &s->ctx[1] : NULL};
		struct vml_ptdump_opts o = {vml_ptdump_kernel_of(lo), m, 0};
		struct vml_host_error herr = {{0}};

		o.nmarkers = vml_ptdump_layout_markers(lo, m);
		printf("\n");
		if (vml_ptdump_print(stdout, &s->fmt[0], trees, &o, &herr)) {
			fprintf(stderr, "vmlayout boot-tables: %s\n", herr.msg);
			return VML_EXIT_INPUT;
		}
	}
	if (a->nwalk)
		printf("\n");
	for (unsigned int i = 0; i < a->nwalk; i++) {
		int r = walk_one(&s->ctx[half], a->walk[i]);

		if (r == VML_EXIT_INPUT)
			return r;
		if (r)
			found = r;
	}
	return found;
}

int cmd_boot_tables(int argc, char **argv)
{
	static struct bt_args a;
	static struct layout_args la;
	static struct vml_layout lo;
	static struct pt_session s;
	static struct vml_memblock_region mem[BT_MB_REGIONS], res[BT_MB_REGIONS];
	struct vml_memblock mb;
	struct vml_diag d = {0, NULL, 0, 0, -1};
	unsigned int half = 0;
	uint64_t without = 0;
	char bbml2_line[256] = "";
	int err;

	memset(&a, 0, sizeof(a));
	memset(&s, 0, sizeof(s));
	s.cmd = "boot-tables";
	bt_err = stderr;
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return VML_EXIT_OK;
		}
	err = split_args(&a, argc, argv);
	if (err)
		return err;
	layout_args_command("boot-tables", bt_options, VML_ARRAY_SIZE(bt_options));
	err = layout_args_parse(a.nrest, a.rest, &la);
	if (err == LAYOUT_ARGS_HELP) {
		usage(stdout);
		return VML_EXIT_OK;
	}
	if (err)
		return VML_EXIT_INPUT;
	default_kfence(&a, &la.cfg);
	if (!vml_arch_find(la.cfg.arch) || !vml_arch_find(la.cfg.arch)->boot_tables) {
		char list[128];

		fprintf(stderr,
			"vmlayout boot-tables: --arch %s: vmlayout does not build this "
			"kernel's boot page tables (it does for %s)\n",
			vml_arch_name(la.cfg.arch), vml_arch_list(list, sizeof(list), true));
		return VML_EXIT_INPUT;
	}
	if (la.json && (a.ptdump || a.nwalk || a.nchange)) {
		fprintf(stderr, "vmlayout boot-tables: --format json prints the leaves only: "
				"--ptdump, --walk and --set-memory print text (give them without "
				"it)\n");
		return VML_EXIT_INPUT;
	}
	vml_memblock_init(&mb, mem, BT_MB_REGIONS, res, BT_MB_REGIONS, ~0ULL,
			  la.cfg.page_size ? la.cfg.page_size : VML_SZ_4K);
	if (vml_layout_compute(&la.board, &la.cfg, &mb, &lo, &d)) {
		fprintf(stderr, "vmlayout boot-tables: the layout: %s (address 0x%llx)\n",
			d.rule ? d.rule : "invalid input", (unsigned long long)d.addr);
		return VML_EXIT_INPUT;
	}
	default_from_cmdline(&a, &lo);
	if ((a.opts.cpu_features & VML_PT_CPU_BBML2) && !la.json)
		without = pages_without_bbml2(&a, &la);
	err = build(&s, &a, &lo, &la, &mb, &half);
	if (!err && without) {
		const struct vml_pt_format *f = &s.fmt[half];
		uint64_t with = table_pages(&s, half);
		uint64_t page = 1ULL << vml_pt_level(f, vml_pt_last_level(f))->shift;

		snprintf(bbml2_line, sizeof(bbml2_line),
			 "table memory: %" PRIu64 " pages (%" PRIu64 " KiB) with BBML2_NOABORT, "
			 "%" PRIu64 " pages (%" PRIu64 " KiB) on CPUs without it: %" PRId64
			 " pages saved\n\n",
			 with, with * page >> 10, without, without * page >> 10,
			 (int64_t)(without - with));
	}
	if (!err && la.json)
		err = output_json(&s, &a, &lo, half);
	else if (!err)
		err = apply_changes(&s, &a, &lo, &mb, half, bbml2_line);
	if (!err && !la.json)
		err = output(&s, &a, &lo, half);
	vml_physmem_delete(s.tables.pm);
	s.tables.pm = NULL;
	return err;
}

/* `layout --format json`'s "kernel_tables" (cli/commands.h). */
int boot_tables_json_for_layout(FILE *out, int argc, char **argv, const struct layout_args *la,
				const struct vml_layout *lo, const struct vml_memblock *mb)
{
	static struct bt_args a;
	static struct pt_session s;
	static struct vml_memblock_region mem[BT_MB_REGIONS], res[BT_MB_REGIONS];
	struct vml_memblock copy = *mb;
	char *why = NULL;
	size_t why_len = 0;
	unsigned int half = 0;
	int err;

	if (!vml_arch_find(lo->arch) || !vml_arch_find(lo->arch)->boot_tables ||
	    mb->memory.cnt > BT_MB_REGIONS || mb->reserved.cnt > BT_MB_REGIONS)
		return -1;
	memset(&a, 0, sizeof(a));
	memset(&s, 0, sizeof(s));
	s.cmd = "layout";
	memcpy(mem, mb->memory.regions, mb->memory.cnt * sizeof(*mem));
	memcpy(res, mb->reserved.regions, mb->reserved.cnt * sizeof(*res));
	copy.memory.regions = mem;
	copy.memory.max = BT_MB_REGIONS;
	copy.reserved.regions = res;
	copy.reserved.max = BT_MB_REGIONS;
	copy.trace = NULL;
	if (split_args(&a, argc, argv))
		return -1;
	default_kfence(&a, &la->cfg);
	default_from_cmdline(&a, lo);
	bt_err = open_memstream(&why, &why_len);
	if (!bt_err)
		return -1;
	quiet = true;
	err = build(&s, &a, lo, la, &copy, &half);
	quiet = false;
	fclose(bt_err);
	bt_err = stderr;
	if (err) {
		const char *prefix = "vmlayout boot-tables: ";
		const char *w =
		    why && !strncmp(why, prefix, strlen(prefix)) ? why + strlen(prefix) : why;
		size_t n = w ? strcspn(w, "\n") : 0;

		fprintf(out, "  \"kernel_tables_note\": \"");
		for (size_t i = 0; i < n; i++)
			fprintf(out, w[i] == '"' || w[i] == '\\' ? "\\%c" : "%c", w[i]);
		fprintf(out, "\",\n");
	} else {
		fputs("  ", out);
		kernel_tables_json(out, &s.ctx[half], s.fmt[half].name, 2);
		fputs(",\n", out);
	}
	free(why);
	vml_physmem_delete(s.tables.pm);
	s.tables.pm = NULL;
	return err ? -1 : 0;
}
