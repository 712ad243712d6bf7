/* SPDX-License-Identifier: MIT */
/*
 * DOC: `vmlayout boot-tables`: the arm64 or riscv64 kernel's swapper_pg_dir after boot
 *
 *   vmlayout boot-tables <the `layout` options> [--rodata full|on|off|noalias]
 *       [--stage running|paging_init] [--inittext-end VA] [--debug-pagealloc]
 *       [--kfence none|late|early] [--out FILE] [--ptdump] [--walk VA]...
 *
 * Computes the layout exactly as `vmlayout layout` does (layout_args), then
 * builds the kernel's own TTBR1 tables from it (src/arch/arm64/boot_tables.c)
 * in simulated physical memory, table pages taken top-down from the
 * layout's final memblock as early_pgtable_alloc() takes them (the root,
 * and from v6.12 the image's tables, from the image itself). Prints the
 * tables and leaves per level as `tables` does; --out writes the image and
 * FILE.json as `tables --out`; --ptdump prints them as the profile's
 * arch/arm64/mm/ptdump.c would, with the layout's address markers; --walk
 * translates VAs (crash vtop's shape, as `vmlayout walk`). rodata= on the
 * --cmdline is honoured (the last one wins); --rodata overrides it.
 *
 * --arch riscv64 (src/arch/riscv/boot_tables.c, docs/riscv64.md "Boot page
 * tables"): the one satp tree of the layout's mode, the root from the
 * image, the other tables from memblock; --init-data-begin VA gives
 * __init_data_begin; --ptdump follows arch/riscv/mm/ptdump.c.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arch/arm64/boot_tables.h"
#include "arch/riscv/boot_tables.h"
#include "cli/commands.h"
#include "cli/layout_args.h"
#include "cli/pt_session.h"
#include "vmlayout/ptdump.h"

#define BT_MB_REGIONS 256
#define BT_MAX_WALK 64

struct bt_args {
	struct vml_arm64_boot_opts opts;
	uint64_t init_data_begin; /* riscv64 --init-data-begin */
	bool rodata_given, ptdump;
	const char *out;
	const char *walk[BT_MAX_WALK];
	unsigned int nwalk;
	char *rest[PT_SESSION_MAX_ARGS * 2 + 1];
	int nrest;
};

static void usage(FILE *out)
{
	fprintf(out,
		"usage: vmlayout boot-tables <the `vmlayout layout` options> [options]\n"
		"  --rodata full|on|off|noalias  the rodata= mode (default: --cmdline's, else "
		"full)\n"
		"  --stage running|paging_init   after boot (default: mark_rodata_ro, the alias "
		"RO,\n"
		"                                free_initmem) or right after map_mem()\n"
		"  --inittext-end VA             __inittext_end (not in the System.map symbols "
		"read)\n"
		"  --debug-pagealloc             debug_pagealloc=on (forces pages)\n"
		"  --kfence none|late|early      KFENCE not built in; built in with "
		"sample_interval=0\n"
		"                                (forces pages); or with its early pool (2 MiB "
		"of pages)\n"
		"  --out FILE                    write the table image (sparse) and FILE.json\n"
		"  --ptdump                      print the tables as kernel_page_tables\n"
		"  --walk VA                     translate VA (repeatable)\n"
		"  --init-data-begin VA          riscv64 6.x: __init_data_begin (default "
		"__init_begin + 2M)\n"
		"arm64 and riscv64 (6.x: --kfence late|early both mean CONFIG_KFENCE's early "
		"pool;\n--inittext-end is arm64's). Exit status: 0 done, 1 a --walk VA is not "
		"mapped, 2 bad input, 3 "
		"internal error.\n");
}

static int parse_rodata(const char *v, enum vml_arm64_rodata *r)
{
	static const char *const names[] = {"full", "on", "off", "noalias"};
	static const enum vml_arm64_rodata vals[] = {VML_ARM64_RODATA_FULL, VML_ARM64_RODATA_ON,
						     VML_ARM64_RODATA_OFF,
						     VML_ARM64_RODATA_NOALIAS};

	for (size_t i = 0; i < VML_ARRAY_SIZE(names); i++)
		if (!strcmp(v, names[i])) {
			*r = vals[i];
			return 0;
		}
	return -1;
}

/* The options without a value. */
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

/* rodata= and debug_pagealloc= words of a --cmdline (the last one wins, as
 * early_param handlers run in order). */
static void scan_cmdline(struct bt_args *a, const char *cmdline)
{
	char buf[4096];

	if (strlen(cmdline) >= sizeof(buf))
		return;
	strcpy(buf, cmdline);
	for (char *w = strtok(buf, " \t\n"); w; w = strtok(NULL, " \t\n")) {
		if (!strncmp(w, "rodata=", 7))
			parse_rodata(w + 7, &a->opts.rodata);
		else if (!strncmp(w, "debug_pagealloc=", 16))
			a->opts.debug_pagealloc = !strcmp(w + 16, "on");
	}
}

static int our_option(struct bt_args *a, const char *opt, const char *v)
{
	const char *end;

	if (!strcmp(opt, "--rodata")) {
		if (parse_rodata(v, &a->opts.rodata)) {
			fprintf(stderr, "vmlayout boot-tables: --rodata takes full, on, off or "
					"noalias\n");
			return VML_EXIT_INPUT;
		}
		a->rodata_given = true;
	} else if (!strcmp(opt, "--stage")) {
		if (!strcmp(v, "running"))
			a->opts.stage = VML_ARM64_BOOT_RUNNING;
		else if (!strcmp(v, "paging_init"))
			a->opts.stage = VML_ARM64_BOOT_PAGING_INIT;
		else {
			fprintf(stderr, "vmlayout boot-tables: --stage takes running or "
					"paging_init\n");
			return VML_EXIT_INPUT;
		}
	} else if (!strcmp(opt, "--inittext-end")) {
		if (vml_memparse(v, &a->opts.inittext_end, &end) || *end) {
			fprintf(stderr, "vmlayout boot-tables: --inittext-end takes a VA\n");
			return VML_EXIT_INPUT;
		}
	} else if (!strcmp(opt, "--init-data-begin")) {
		if (vml_memparse(v, &a->init_data_begin, &end) || *end) {
			fprintf(stderr, "vmlayout boot-tables: --init-data-begin takes a VA\n");
			return VML_EXIT_INPUT;
		}
	} else if (!strcmp(opt, "--out")) {
		a->out = v;
	} else if (!strcmp(opt, "--kfence")) {
		if (!strcmp(v, "none"))
			a->opts.kfence = VML_ARM64_KFENCE_NONE;
		else if (!strcmp(v, "late"))
			a->opts.kfence = VML_ARM64_KFENCE_LATE;
		else if (!strcmp(v, "early"))
			a->opts.kfence = VML_ARM64_KFENCE_EARLY;
		else {
			fprintf(stderr,
				"vmlayout boot-tables: --kfence takes none, late or early\n");
			return VML_EXIT_INPUT;
		}
	} else if (!strcmp(opt, "--walk")) {
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
	const char *cmdline = NULL;
	enum vml_arm64_rodata given = VML_ARM64_RODATA_DEFAULT;

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
		if (!strcmp(argv[i], "--cmdline") && i + 1 < argc)
			cmdline = argv[i + 1];
		a->rest[a->nrest++] = argv[i];
	}
	a->rest[a->nrest] = NULL;
	if (a->rodata_given)
		given = a->opts.rodata;
	if (cmdline)
		scan_cmdline(a, cmdline);
	if (a->rodata_given)
		a->opts.rodata = given;
	return 0;
}

/* address_markers[] of arch/arm64/mm/ptdump.c (v6.1, v6.12): the layout's
 * regions in its (memory.rst) order, which is the markers' order, without
 * "kernel". */
static size_t markers(const struct vml_layout *lo, struct vml_ptdump_marker *m)
{
	static const char *const names[][3] = {
	    {"linear", "Linear Mapping start", "Linear Mapping end"},
	    {"kasan", "Kasan shadow start", "Kasan shadow end"},
	    {"modules", "Modules start", "Modules end"},
	    {"vmalloc", "vmalloc() area", "vmalloc() end"},
	    {"fixmap", "Fixmap start", "Fixmap end"},
	    {"pci_io", "PCI I/O start", "PCI I/O end"},
	    {"vmemmap", "vmemmap start", "vmemmap end"},
	};
	size_t n = 0;

	for (unsigned int r = 0; r < lo->n_regions; r++)
		for (size_t k = 0; k < VML_ARRAY_SIZE(names); k++)
			if (!strcmp(lo->regions[r].name, names[k][0])) {
				m[n++] =
				    (struct vml_ptdump_marker){lo->regions[r].start, names[k][1]};
				m[n++] =
				    (struct vml_ptdump_marker){lo->regions[r].end, names[k][2]};
			}
	return n;
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

static int format_for(const struct layout_args *la, struct vml_pt_format *f)
{
	const struct vml_kernel_config *c = &la->cfg;
	unsigned int va = c->va_bits;
	struct vml_pt_spec spec = {0};
	struct vml_diag d = {0};

	if (va == 52 && c->cpu_va_bits && c->cpu_va_bits < 52)
		va = c->cpu_va_bits;
	spec.arch = "arm64";
	spec.granule = c->page_size ? c->page_size : VML_SZ_4K;
	spec.va_bits = va;
	spec.pa_bits = c->pa_bits;
	if (vml_pt_format_lookup(f, &spec, &d)) {
		fprintf(stderr, "vmlayout boot-tables: no arm64 format for %u-bit VAs: %s\n", va,
			d.rule ? d.rule : "invalid");
		return VML_EXIT_INPUT;
	}
	return 0;
}

/* The image's own table pages (swapper_pg_dir's root; v6.12+ also the
 * image's tables, from init_pg_dir): the last pages of the image before the
 * early stack (vmlinux.lds.S: init_pg_dir, INIT_DIR_SIZE, 4K of stack,
 * _end), top-down. Where exactly they lie does not change a translation. */
static struct vml_memblock_region img_mem[2], img_res[BT_MAX_WALK];
static struct vml_memblock img_mb;
static struct vml_physmem_tables img_tables;

static int image_area(struct pt_session *s, const struct vml_arm64_image *img, uint64_t page)
{
	uint64_t end = vml_align_down(img->pa_text + (img->end - img->text) - VML_SZ_4K, page);
	uint64_t size = vml_min(32 * page, vml_align_down((img->end - img->text) / 4, page));

	vml_memblock_init(&img_mb, img_mem, VML_ARRAY_SIZE(img_mem), img_res,
			  VML_ARRAY_SIZE(img_res), ~0ULL, page);
	if (!size || vml_memblock_add(&img_mb, end - size, size, NULL))
		return -1;
	img_tables = (struct vml_physmem_tables){&img_mb, s->tables.pm, 0, s->tables.limit};
	return 0;
}

static int build(struct pt_session *s, struct bt_args *a, struct vml_layout *lo,
		 struct layout_args *la, struct vml_memblock *mb)
{
	struct vml_arm64_image img;
	struct vml_diag d = {0, NULL, 0, 0, -1};
	struct vml_pt_ctx *c = &s->ctx[1];
	int err = format_for(la, &s->fmt[0]);

	if (err)
		return err;
	s->fmt[1] = s->fmt[0];
	if (vml_arm64_boot_image(lo, &la->cfg, &a->opts, &img, &d)) {
		fprintf(stderr, "vmlayout boot-tables: %s (0x%llx)\n", d.rule,
			(unsigned long long)d.addr);
		return VML_EXIT_INPUT;
	}
	if (img.defaults)
		fprintf(stderr, "vmlayout boot-tables: no System.map: the image's segments are "
				"vmlayout's defaults (docs/arm64.md)\n");
	s->tables.mb = mb;
	s->tables.limit = vml_pt_table_limit(&s->fmt[0]);
	s->tables.pm = vml_physmem_new();
	if (!s->tables.pm)
		return VML_EXIT_INTERNAL;
	if (image_area(s, &img,
		       1ULL << vml_pt_level(&s->fmt[0], vml_pt_last_level(&s->fmt[0]))->shift)) {
		fprintf(stderr,
			"vmlayout boot-tables: the image is too small to hold its tables\n");
		return VML_EXIT_INPUT;
	}
	c->fmt = &s->fmt[1];
	c->upper = true;
	c->alloc_table = vml_physmem_alloc_table;
	c->free_table = vml_physmem_free_table;
	c->window = vml_physmem_table_window;
	c->cb = &img_tables; /* the root: swapper_pg_dir, in the image */
	if (vml_pt_init(c, &d)) {
		fprintf(stderr, "vmlayout boot-tables: no room for the root table (%s)\n", d.rule);
		return VML_EXIT_INPUT;
	}
	c->cb = &s->tables;
	s->have[1] = true;
	a->opts.image_cb = &img_tables;
	if (vml_arm64_boot_tables(c, lo, &img, mb, &a->opts, NULL, &d)) {
		fprintf(stderr, "vmlayout boot-tables: %s (at 0x%llx)\n",
			d.rule ? d.rule : "cannot build the tables", (unsigned long long)d.addr);
		return VML_EXIT_INPUT;
	}
	return 0;
}

/* address_markers[] of arch/riscv/mm/ptdump.c (v6.12): fixmap, PCI I/O,
 * vmemmap, vmalloc, "Linear mapping", KASAN, and (64-bit) modules and the
 * kernel mapping; the 5.10 profile stops at the linear map, its
 * VMALLOC_END being PAGE_OFFSET - 1 (asm/pgtable.h v5.10). */
static size_t riscv_markers(const struct vml_layout *lo, struct vml_ptdump_marker *m)
{
	static const char *const names[][3] = {
	    {"fixmap", "Fixmap start", "Fixmap end"},
	    {"pci_io", "PCI I/O start", "PCI I/O end"},
	    {"vmemmap", "vmemmap start", "vmemmap end"},
	    {"vmalloc", "vmalloc() area", "vmalloc() end"},
	    {"linear", "Linear mapping", NULL},
	    {"kasan", "Kasan shadow start", "Kasan shadow end"},
	    {"modules", "Modules/BPF mapping", NULL},
	    {"kernel", "Kernel mapping", NULL},
	};
	const bool v5 = !strcmp(lo->profile, "5.10");
	size_t n = 0;

	for (size_t k = 0; k < VML_ARRAY_SIZE(names); k++) {
		const struct vml_vregion *r = vml_layout_find_region(lo, names[k][0]);

		if (!r || (v5 && k >= 5))
			continue;
		m[n++] = (struct vml_ptdump_marker){r->start, names[k][1]};
		if (names[k][2])
			m[n++] = (struct vml_ptdump_marker){v5 && k == 3 ? r->end - 1 : r->end,
							    names[k][2]};
	}
	return n;
}

/* riscv64: the layout's satp mode; the root (swapper_pg_dir, in .bss) from
 * the image's last pages, the other tables top-down from memblock as the
 * fixmap pt_ops of setup_vm_final() take them (arch/riscv/mm/init.c). */
static int build_riscv(struct pt_session *s, struct bt_args *a, struct vml_layout *lo,
		       struct layout_args *la, struct vml_memblock *mb)
{
	static const char *const modes[] = {"sv39", "sv48", "sv57"};
	struct vml_riscv_boot_opts o = {0};
	struct vml_riscv_image img;
	struct vml_pt_spec spec = {0};
	struct vml_diag d = {0, NULL, 0, 0, -1};
	struct vml_pt_ctx *c = &s->ctx[0];
	unsigned int bits = vml_riscv_satp_bits(lo);

	if (a->opts.rodata == VML_ARM64_RODATA_NOALIAS) {
		fprintf(stderr, "vmlayout boot-tables: rodata=noalias is arm64's (riscv64 takes "
				"on, full or off)\n");
		return VML_EXIT_INPUT;
	}
	if (a->opts.inittext_end) {
		fprintf(stderr, "vmlayout boot-tables: --inittext-end is arm64's (riscv64: "
				"--init-data-begin)\n");
		return VML_EXIT_INPUT;
	}
	o.stage = a->opts.stage == VML_ARM64_BOOT_PAGING_INIT ? VML_RISCV_BOOT_PAGING_INIT
							      : VML_RISCV_BOOT_RUNNING;
	o.rodata_off = a->opts.rodata == VML_ARM64_RODATA_OFF;
	o.debug_pagealloc = a->opts.debug_pagealloc;
	o.kfence = a->opts.kfence != VML_ARM64_KFENCE_NONE;
	o.init_data_begin = a->init_data_begin;
	spec.arch = "riscv64";
	spec.mode = bits ? modes[(bits - 39) / 9] : "sv39";
	if (!bits || vml_pt_format_lookup(&s->fmt[0], &spec, &d)) {
		fprintf(stderr, "vmlayout boot-tables: no riscv64 format for this layout\n");
		return VML_EXIT_INTERNAL;
	}
	s->fmt[1] = s->fmt[0];
	if (vml_riscv_boot_image(lo, &la->cfg, &o, &img, &d)) {
		fprintf(stderr, "vmlayout boot-tables: %s (0x%llx)\n", d.rule,
			(unsigned long long)d.addr);
		return VML_EXIT_INPUT;
	}
	if (img.defaults)
		fprintf(stderr, "vmlayout boot-tables: no System.map: the image's segments are "
				"vmlayout's defaults (docs/riscv64.md)\n");
	s->tables.mb = mb;
	s->tables.limit = vml_pt_table_limit(&s->fmt[0]);
	s->tables.pm = vml_physmem_new();
	if (!s->tables.pm)
		return VML_EXIT_INTERNAL;
	{
		uint64_t end = img.pa_start + vml_align_down(img.end - img.start, VML_SZ_4K);

		vml_memblock_init(&img_mb, img_mem, VML_ARRAY_SIZE(img_mem), img_res,
				  VML_ARRAY_SIZE(img_res), ~0ULL, VML_SZ_4K);
		if (vml_memblock_add(&img_mb, end - 4 * VML_SZ_4K, 4 * VML_SZ_4K, NULL))
			return VML_EXIT_INTERNAL;
		img_tables = (struct vml_physmem_tables){&img_mb, s->tables.pm, 0, s->tables.limit};
	}
	c->fmt = &s->fmt[0];
	c->upper = false;
	c->alloc_table = vml_physmem_alloc_table;
	c->free_table = vml_physmem_free_table;
	c->window = vml_physmem_table_window;
	c->cb = &img_tables;
	if (vml_pt_init(c, &d)) {
		fprintf(stderr, "vmlayout boot-tables: no room for the root table (%s)\n", d.rule);
		return VML_EXIT_INPUT;
	}
	c->cb = &s->tables;
	s->have[0] = true;
	if (vml_riscv_boot_tables(c, lo, &img, mb, &o, NULL, &d)) {
		fprintf(stderr, "vmlayout boot-tables: %s (at 0x%llx)\n",
			d.rule ? d.rule : "cannot build the tables", (unsigned long long)d.addr);
		return VML_EXIT_INPUT;
	}
	return 0;
}

static int output(struct pt_session *s, struct bt_args *a, const struct vml_layout *lo)
{
	const bool rv = lo->arch == VML_ARCH_RISCV64;
	int err = 0, found = 0;

	s->out = a->out;
	if (a->out && (err = pt_session_write_image(s)))
		return err;
	pt_session_print_counts(s);
	if (a->ptdump) {
		static struct vml_ptdump_marker m[2 * VML_LAYOUT_MAX_REGIONS];
		const struct vml_pt_ctx *trees[2] = {rv ? &s->ctx[0] : NULL,
						     rv ? NULL : &s->ctx[1]};
		struct vml_ptdump_opts o = {strcmp(lo->profile, "6.1") ? "6.12" : "6.1", m, 0};
		struct vml_host_error herr = {{0}};

		/* riscv 5.10's ptdump rows are v6.1's (no N, MT, RSW(%d)) */
		if (rv && !strcmp(lo->profile, "5.10"))
			o.kernel = "6.1";
		o.nmarkers = rv ? riscv_markers(lo, m) : markers(lo, m);
		printf("\n");
		if (vml_ptdump_print(stdout, &s->fmt[0], trees, &o, &herr)) {
			fprintf(stderr, "vmlayout boot-tables: %s\n", herr.msg);
			return VML_EXIT_INPUT;
		}
	}
	if (a->nwalk)
		printf("\n");
	for (unsigned int i = 0; i < a->nwalk; i++) {
		int r = walk_one(&s->ctx[rv ? 0 : 1], a->walk[i]);

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
	int err;

	memset(&a, 0, sizeof(a));
	memset(&s, 0, sizeof(s));
	s.cmd = "boot-tables";
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return VML_EXIT_OK;
		}
	err = split_args(&a, argc, argv);
	if (err)
		return err;
	err = layout_args_parse(a.nrest, a.rest, &la);
	if (err == LAYOUT_ARGS_HELP) {
		usage(stdout);
		return VML_EXIT_OK;
	}
	if (err)
		return VML_EXIT_INPUT;
	if (la.cfg.arch != VML_ARCH_ARM64 && la.cfg.arch != VML_ARCH_RISCV64) {
		fprintf(stderr, "vmlayout boot-tables: only --arch arm64 and riscv64 are supported "
				"(the kernel's swapper_pg_dir)\n");
		return VML_EXIT_INPUT;
	}
	vml_memblock_init(&mb, mem, BT_MB_REGIONS, res, BT_MB_REGIONS, ~0ULL,
			  la.cfg.page_size ? la.cfg.page_size : VML_SZ_4K);
	if (vml_layout_compute(&la.board, &la.cfg, &mb, &lo, &d)) {
		fprintf(stderr, "vmlayout boot-tables: the layout: %s (address 0x%llx)\n",
			d.rule ? d.rule : "invalid input", (unsigned long long)d.addr);
		return VML_EXIT_INPUT;
	}
	err = la.cfg.arch == VML_ARCH_RISCV64 ? build_riscv(&s, &a, &lo, &la, &mb)
					      : build(&s, &a, &lo, &la, &mb);
	if (!err)
		err = output(&s, &a, &lo);
	vml_physmem_delete(s.tables.pm);
	s.tables.pm = NULL;
	return err;
}
