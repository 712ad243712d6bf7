/* SPDX-License-Identifier: MIT */
/*
 * vmlayout layout: the kernel's virtual memory layout for a board and a
 * kernel configuration. Inputs are applied in the kernel's order of
 * precedence: the DT, then the quick flags; Kconfig defaults, then
 * --config, then --set; /chosen/bootargs unless --cmdline is given.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/layout_args.h"
#include "vmlayout/host_input.h"
#include "vmlayout/report.h"

#define MB_REGIONS 256

static struct vml_memblock_region memory_regions[MB_REGIONS];
static struct vml_memblock_region reserved_regions[MB_REGIONS];

static void usage(FILE *out)
{
	fprintf(
	    out,
	    "usage: vmlayout layout [options]\n"
	    "  --arch NAME              architecture: arm (default), arm64 or riscv64\n"
	    "  --kernel VERSION         kernel profile (vmlayout --version lists them): arm 3.4 "
	    "(msm-3.4) or 6.1 (6.1..6.18), arm64 3.18, 6.1, 6.12, 6.18; "
	    "default: 6.1 on arm, 6.18 on arm64 and riscv64\n"
	    "  --dtb FILE               board device tree (.dts or .dtb)\n"
	    "  --dtb-phys ADDR          where the bootloader put the DT blob (reserved by "
	    "the kernel)\n"
	    "  --config FILE            kernel .config\n"
	    "  --set NAME=VALUE         one Kconfig option (repeatable; CONFIG_ optional)\n"
	    "  --cmdline STRING         the bootloader's command line (replaces "
	    "/chosen/bootargs; joined with the .config's CONFIG_CMDLINE as the kernel "
	    "joins them)\n"
	    "  --system-map FILE        System.map or /proc/kallsyms of the kernel\n"
	    "  --kernel-image SIZE@PHYS kernel image size and the physical address of _text\n"
	    "  --mem SIZE[@BASE]        a RAM bank (repeatable; no @BASE: the DT's size-0 bank)\n"
	    "  --reserve SIZE@BASE      a reserved range (/memreserve/)\n"
	    "  --nomap SIZE@BASE        a no-map reserved-memory carve-out\n"
	    "  --remove SIZE@BASE       a hole: RAM that is not there\n"
	    "  --initrd SIZE@BASE       the initrd\n"
	    "  --kaslr-seed N           the KASLR seed (else /chosen/kaslr-seed; arm64, riscv64)\n"
	    "  --format text|json|svg|html  output format (default text); svg: a picture of\n"
	    "                           the layout (piecewise scale, every region labelled);\n"
	    "                           html: a self-contained page with that picture, tooltips\n"
	    "                           and the layout's tables (docs/picture.md)\n"
	    "  -q, --quiet              no notes on stderr (the kernel's messages stay)\n"
	    "  --reclaim none|hole|intermix  msm-3.4's hole reclaim (NO_VM_RECLAIM,\n"
	    "                           DONT_MAP_HOLE_AFTER_MEMBANK0, ENABLE_VMALLOC_SAVING)\n"
	    "  (--dtb, --config and --system-map read standard input for '-')\n"
	    "Exit status: 0 done, 2 bad input (one line on stderr), 3 internal error.\n");
}

static int report_core_error(const struct layout_args *args, const struct vml_diag *diag)
{
	char where[64] = "", at[96] = "";

	if (diag->index >= 0)
		snprintf(where, sizeof(where), ", memory bank #%d in input order", diag->index);
	/* the address and size only when the rule names some */
	if (diag->addr || diag->size || where[0])
		snprintf(at, sizeof(at), " (address 0x%llx, size 0x%llx%s)",
			 (unsigned long long)diag->addr, (unsigned long long)diag->size, where);
	/* a rule about a Kconfig option names the .config it came from */
	if (args->config_path && diag->rule && strstr(diag->rule, "CONFIG_"))
		fprintf(stderr, "vmlayout: --config %s: %s%s\n",
			strcmp(args->config_path, "-") ? args->config_path : "(standard input)",
			diag->rule, at);
	else
		fprintf(stderr, "vmlayout: %s: %s%s\n",
			args->dtb_path ? args->dtb_path : "board and kernel configuration",
			diag->rule ? diag->rule : "invalid input", at);
	return diag->code == VML_ENOMEM && !diag->rule ? VML_EXIT_INTERNAL : VML_EXIT_INPUT;
}

/* memblock=debug: memblock_dbg() of mm/memblock.c. The calls are kept in
 * memory and printed only when the layout succeeds (a failed run prints
 * nothing on stdout), in the format of the kernel the layout followed. The
 * caller symbol (%pS, %pF) has no meaning here and is left out. */
struct trace_call {
	const char *op; /* the core's static string */
	vml_phys_t base, last;
};

struct trace_buffer {
	struct trace_call *calls;
	size_t n, cap;
	bool failed; /* out of memory: calls lost */
};

static void record_trace(void *ctx, const char *op, vml_phys_t base, vml_phys_t last,
			 uint32_t flags)
{
	struct trace_buffer *tb = ctx;

	(void)flags;
	if (tb->n == tb->cap) {
		size_t cap = tb->cap ? 2 * tb->cap : 64;
		struct trace_call *calls = realloc(tb->calls, cap * sizeof(*calls));

		if (!calls) {
			tb->failed = true;
			return;
		}
		tb->calls = calls;
		tb->cap = cap;
	}
	tb->calls[tb->n++] = (struct trace_call){op, base, last};
}

static void trace_start(struct trace_buffer *tb, struct vml_memblock *mb)
{
	mb->trace = record_trace;
	mb->trace_ctx = tb;
}

/* v6.x: "%s: [%pa-%pa] %pS\n", every memblock call, the range inclusive. */
static void print_trace_v6(const struct trace_buffer *tb, const struct vml_memblock *mb)
{
	int width = mb->phys_addr_max > 0xffffffffULL ? 16 : 8;

	for (size_t i = 0; i < tb->n; i++)
		printf("%s: [0x%0*llx-0x%0*llx]\n", tb->calls[i].op, width,
		       (unsigned long long)tb->calls[i].base, width,
		       (unsigned long long)tb->calls[i].last);
}

/* v3.4: only memblock_reserve() and memblock_free() print, as
 * "memblock_reserve: [%#016llx-%#016llx] %pF\n" and "   memblock_free: ..."
 * with the end exclusive (base + size) and the width counting the "0x"
 * (mm/memblock.c v3.4). */
static void print_trace_v3_4(const struct trace_buffer *tb)
{
	for (size_t i = 0; i < tb->n; i++) {
		const struct trace_call *c = &tb->calls[i];
		const char *name = !strcmp(c->op, "memblock_reserve")	  ? "memblock_reserve"
				   : !strcmp(c->op, "memblock_phys_free") ? "   memblock_free"
									  : NULL;

		if (name)
			printf("%s: [0x%014llx-0x%014llx]\n", name, (unsigned long long)c->base,
			       (unsigned long long)c->last + 1);
	}
}

static void trace_end(struct trace_buffer *tb, const struct vml_layout *lo,
		      const struct vml_memblock *mb, bool print)
{
	if (print && tb->failed)
		fprintf(stderr, "vmlayout: out of memory for the memblock=debug trace: "
				"some calls are not shown\n");
	if (print && lo->mm_log_v3_4.valid)
		print_trace_v3_4(tb);
	else if (print)
		print_trace_v6(tb, mb);
	free(tb->calls);
}

/* memblock_dump_all() prints only when memblock_debug is set (mm/memblock.c
 * v3.4 and v6.1; include/linux/memblock.h): without memblock=debug the dump
 * is vmlayout's summary of memblock at that point, and says so. */
static void memblock_dump_label(bool memblock_debug)
{
	if (!memblock_debug)
		fputs("[vmlayout's summary: memblock_dump_all()'s dump, which the kernel prints "
		      "only with memblock=debug]\n",
		      stdout);
}

/* v3.4: mem_init()'s "Memory:" lines come right before its layout block,
 * as the kernel prints them; the zone lines, then memblock_dump_all(). */
static int print_text_v3_4(const struct vml_layout *lo, const struct vml_memblock *mb,
			   bool memblock_debug)
{
	vml_report_mem_init_v3_4(stdout, lo, mb);
	vml_report_boot_log(stdout, lo);
	fputc('\n', stdout);
	vml_report_meminfo(stdout, lo);
	fputc('\n', stdout);
	vml_report_zones_v3_4(stdout, lo);
	vml_report_zone_pages(stdout, lo);
	fputc('\n', stdout);
	memblock_dump_label(memblock_debug);
	return vml_report_memblock_v3_4(stdout, lo, mb);
}

static int print_text(const struct vml_layout *lo, const struct vml_memblock *mb, bool quiet,
		      bool memblock_debug)
{
	vml_report_kmsgs_to(stdout, quiet ? NULL : stderr, lo);
	if (lo->mm_log_v3_4.valid)
		return print_text_v3_4(lo, mb, memblock_debug);
	vml_report_boot_log(stdout, lo);
	fputc('\n', stdout);
	vml_report_meminfo(stdout, lo);
	fputc('\n', stdout);
	if (lo->mem_init.valid) {
		vml_report_mem_init_line(stdout, lo);
		fputc('\n', stdout);
	}
	vml_report_zones(stdout, lo);
	vml_report_node_ranges(stdout, lo, mb);
	vml_report_zone_pages(stdout, lo);
	fputc('\n', stdout);
	memblock_dump_label(memblock_debug);
	return vml_report_memblock_at_dump(stdout, lo, mb);
}

/* The picture's "options:" line: the command line as given, less --format
 * and --quiet, which do not change the layout (shell-quoted where a word
 * needs it). */
static void picture_options(int argc, char **argv, char *buf, size_t cap)
{
	size_t n = 0;

	buf[0] = '\0';
	for (int i = 1; i < argc && n + 1 < cap; i++) {
		const char *a = argv[i];
		bool quote = strpbrk(a, " \t'\"\\$`*?;&|<>()") != NULL;

		if (!strcmp(a, "--format")) {
			i++;
			continue;
		}
		if (!strncmp(a, "--format=", 9) || !strcmp(a, "-q") || !strcmp(a, "--quiet"))
			continue;
		n += (size_t)snprintf(buf + n, cap - n, "%s%s%s%s", n ? " " : "", quote ? "'" : "",
				      a, quote ? "'" : "");
	}
	if (n >= cap && cap > 4)
		strcpy(buf + cap - 4, "...");
}

static int print_picture(const struct layout_args *args, int argc, char **argv,
			 const struct vml_layout *lo, const struct vml_memblock *mb)
{
	static char options[1024], board[2 * VML_BOARD_NAME_LEN + 8];
	struct vml_picture_info info = {board, options, &args->cfg.image, &args->cfg};
	struct vml_host_error err = {{0}};
	int ret;

	picture_options(argc, argv, options, sizeof(options));
	if (args->board.model[0] && args->dtb_path)
		snprintf(board, sizeof(board), "%s (%s)", args->board.model, args->dtb_path);
	else
		snprintf(board, sizeof(board), "%s",
			 args->board.model[0] ? args->board.model
			 : args->dtb_path     ? args->dtb_path
					      : "RAM from --mem");
	ret = args->html ? vml_report_html(stdout, lo, mb, &info, &err)
			 : vml_report_svg(stdout, lo, mb, &info, &err);
	if (ret) {
		fprintf(stderr, "vmlayout: %s\n", err.msg);
		return VML_EXIT_INTERNAL;
	}
	return VML_EXIT_OK;
}

struct json_tables {
	int argc;
	char **argv;
	const struct layout_args *args;
	const struct vml_layout *lo;
	const struct vml_memblock *mb;
};

static void json_tables(FILE *out, void *arg)
{
	const struct json_tables *t = arg;

	boot_tables_json_for_layout(out, t->argc, t->argv, t->args, t->lo, t->mb);
}

int cmd_layout(int argc, char **argv)
{
	static const char *const formats[] = {"text", "json", "svg", "html"};
	static struct layout_args args;
	static struct vml_layout layout;
	struct vml_memblock mb;
	struct vml_diag diag = {0, NULL, 0, 0, -1};
	struct trace_buffer trace = {0};
	int ret;

	ret = layout_args_parse_formats(argc, argv, &args, formats, VML_ARRAY_SIZE(formats));
	if (ret == LAYOUT_ARGS_HELP) {
		usage(stdout);
		return VML_EXIT_OK;
	}
	if (ret)
		return VML_EXIT_INPUT;
	vml_memblock_init(&mb, memory_regions, MB_REGIONS, reserved_regions, MB_REGIONS, ~0ULL,
			  args.cfg.page_size ? args.cfg.page_size : VML_SZ_4K);
	if (args.cfg.memblock_debug && !args.json && !args.svg && !args.html)
		trace_start(&trace, &mb);
	ret = vml_layout_compute(&args.board, &args.cfg, &mb, &layout, &diag);
	trace_end(&trace, &layout, &mb, ret == 0);
	if (ret)
		return report_core_error(&args, &diag);
	if (args.json || args.svg || args.html)
		vml_report_kmsgs_to(NULL, args.quiet ? NULL : stderr, &layout); /* notes only */
	if (args.json) {
		struct json_tables t = {argc, argv, &args, &layout, &mb};

		vml_report_json_more(stdout, &layout, &mb, json_tables, &t);
	} else if (args.svg || args.html) {
		ret = print_picture(&args, argc, argv, &layout, &mb);
		if (ret)
			return ret;
	} else if (print_text(&layout, &mb, args.quiet, args.cfg.memblock_debug)) {
		fprintf(stderr, "vmlayout: out of memory for the memblock dump\n");
		return VML_EXIT_INTERNAL;
	}
	return fflush(stdout) ? VML_EXIT_INTERNAL : VML_EXIT_OK;
}
