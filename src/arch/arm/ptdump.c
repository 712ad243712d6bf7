/* SPDX-License-Identifier: MIT */
/*
 * DOC: arm (32-bit) kernel_page_tables, as arch/arm/mm/dump.c prints it
 *
 * Followed: arch/arm/mm/dump.c of v6.1 and v6.12 (the version with the
 * domain column, level names and ptdump_info; the two print the same text).
 * Only runs with prot != 0 are printed:
 *
 *   "0x%08lx-0x%08lx   " "%9lu%c %s" [" %s" domain] [" %s" per row] "\n"
 *
 * The walk covers 0..4 GiB and ends with note_page(0, 0, 0): the delta is
 * unsigned long (32-bit) arithmetic. A note passes at most one marker.
 *
 * Levels (walk_pgd/p4d/pud/pmd/pte): 1 PGD, 2 P4D, 3 PUD, 4 PMD, 5 PTE. Only
 * 4 and 5 have names and rows: 4 is "PGD" on the 2-level short-descriptor
 * kernel and "PMD" with LPAE (CONFIG_PGTABLE_LEVELS > 2); 5 is "PTE".
 *
 * The values are the kernel's, not always the hardware's:
 * - sections (level 4) are hardware descriptors; the short-descriptor rows
 *   test APX/AP[1:0] together ("    ro", "    RW", "USR ro", "USR RW"), then
 *   XN and S; the LPAE rows are USR (no clear string), ro/RW from
 *   L_PMD_SECT_RDONLY (bit 58, set by Linux with AP[2]) | PMD_SECT_AP2, XN,
 *   SH (3 << 8);
 * - pages (level 5) are Linux PTEs: on the short-descriptor kernel the
 *   software ("shadow") PTE with L_PTE_* bits (pgtable-2level.h), on LPAE the
 *   hardware PTE whose AttrIndx is Linux's L_PTE_MT_* (pgtable-3level.h).
 *   With --format short-linux the tables hold Linux's PTEs beside the
 *   hardware ones, and those are read, as walk_pte() reads
 *   pte_offset_kernel(), the Linux half of the PTE page. Otherwise vmlayout
 *   builds them from the entry's attributes: normal memory is
 *   L_PTE_MT_WRITEALLOC, normal non-cacheable L_PTE_MT_BUFFERABLE, device
 *   L_PTE_MT_DEV_SHARED, strongly ordered L_PTE_MT_UNCACHED. On LPAE several
 *   L_PTE_MT_* values are equal, and dump_prot() prints every row that
 *   matches (e.g. BUFFERABLE and DEV/WC).
 *
 * The short-descriptor kernel walks a Linux PMD: two 1 MiB entries (2 MiB,
 * one page of PTEs). walk_pmd() notes pmd[0] (or walks the PTE page, both
 * halves, when pmd[0] is a table) and then notes pmd[1] only if it is a
 * section: an empty pmd[1] after a section is never noted, so sections
 * either side of it merge into one line, as on a real kernel. Domains
 * (asm/domain.h): KERNEL 0, USER 1, IO 2, VECTORS 3; a page has its
 * pmd[0]'s domain.
 *
 * An LPAE level-1 block (1 GiB), which Linux never makes, is shown as the
 * 512 sections it maps.
 */
#include "vmlayout/ptdump.h"
#include "arch/arm/arm_arch.h"

/* The prot_bits rows: src/arch/arm/ptdump_bits.c. */

struct arm_rows {
	const struct vml_ptdump_bits *bits[6];
	size_t num[6];
	const char *name[6];
};

static uint64_t rows_mask(const struct arm_rows *r, int depth)
{
	uint64_t m = 0;

	for (size_t i = 0; i < r->num[depth]; i++)
		m |= r->bits[depth][i].mask;
	return m;
}

static void arm_print_run(const struct vml_text_sink *out, const struct vml_ptdump_state *st,
			  const struct vml_ptdump_run *r)
{
	const struct arm_rows *rows = st->style->data;

	vml_sink_str(out, "0x");
	vml_sink_hex(out, r->start, 8);
	vml_sink_str(out, "-0x");
	vml_sink_hex(out, r->end & 0xffffffffu, 8);
	vml_sink_str(out, "   ");
	vml_ptdump_print_size(out, (r->end - r->start) & 0xffffffffu);
	vml_sink_char(out, ' ');
	vml_sink_str(out, rows->name[r->depth] ? rows->name[r->depth] : "(null)");
	if (r->domain) {
		vml_sink_char(out, ' ');
		vml_sink_str(out, r->domain);
	}
	if (rows->bits[r->depth])
		vml_ptdump_print_bits(out, rows->bits[r->depth], rows->num[r->depth], r->prot);
	vml_sink_char(out, '\n');
}

struct arm_dump {
	const struct vml_pt_format *fmt;
	const struct vml_pt_ctx *ctx;
	struct vml_ptdump_state st;
	struct arm_rows rows;
	bool lpae;
	uint64_t pair;	 /* short: the 2 MiB Linux PMD being walked */
	bool pmd0_table; /* ... whose first half is (shown as) a PTE page */
	bool pmd0_hole;	 /* ... whose first half is invalid, not yet noted */
	uint64_t domain_mb;
	const char *pte_domain;
};

static const char *domain_name(uint64_t desc)
{
	static const char *const names[4] = {"KERNEL ", "USER   ", "IO     ", "VECTORS"};
	unsigned int d = (unsigned int)(desc >> 5) & 0xf;

	return d < 4 ? names[d] : "unknown";
}

/* The Linux PTE value of a page (see the DOC above; the bits are the
 * arch's: src/arch/arm/ptdump_bits.c). */
static uint64_t linux_pte(const struct arm_dump *d, const struct vml_pt_attrs *a)
{
	return vml_arm_ptdump_pte_prot(d->lpae, a);
}

static uint64_t linux_section(const struct arm_dump *d, uint64_t raw)
{
	return vml_arm_ptdump_section_prot(d->lpae, raw) & rows_mask(&d->rows, 4);
}

static void note(struct arm_dump *d, uint64_t va, int depth, uint64_t prot, const char *domain)
{
	vml_ptdump_note(&d->st, va, depth, prot, 0, domain);
}

/* The domain of the level-1 table entry above @va (short-descriptor),
 * looked up once per MiB. */
static const char *table_domain(struct arm_dump *d, uint64_t va)
{
	struct vml_pt_walk w;

	if ((va & ~(VML_SZ_1M - 1)) != d->domain_mb) {
		d->domain_mb = va & ~(VML_SZ_1M - 1);
		vml_pt_walk(d->ctx, vml_va(va), &w, NULL);
		d->pte_domain = domain_name(w.depth ? w.raw[0] : 0);
	}
	return d->pte_domain;
}

/* The empty PTEs of one MiB of a Linux PTE page. */
static void empty_ptes(struct arm_dump *d, uint64_t va, const char *domain)
{
	for (uint64_t end = va + VML_SZ_1M; va < end; va += 0x1000)
		note(d, va, 5, 0, domain);
}

/*
 * walk_pmd() of the short-descriptor kernel, one entry at a time. Linux
 * fills both halves of a pair with one PTE page (__pmd_populate()), so
 * where vmlayout has a level-2 table in one half only, the other half is
 * shown as the empty half of that page.
 */
/* short-linux: the Linux PTE itself, read from beside the hardware entry,
 * as dump.c's walk_pte() reads pte_offset_kernel() (the Linux half of the
 * page). */
static uint64_t shadow_pte(const struct arm_dump *d, uint64_t va)
{
	struct vml_pt_walk w;

	vml_pt_walk(d->ctx, vml_va(va), &w, NULL);
	return w.shadow ? w.shadow_raw : 0;
}

static uint64_t page_prot(const struct arm_dump *d, const struct vml_ptdump_entry *e)
{
	if (d->ctx->fmt->pack.page_size)
		return shadow_pte(d, e->va) & rows_mask(&d->rows, 5);
	return linux_pte(d, &e->range.attrs) & rows_mask(&d->rows, 5);
}

static void short_entry(struct arm_dump *d, const struct vml_ptdump_entry *e, int depth)
{
	uint64_t pair = e->va & ~(VML_SZ_2M - 1);
	uint64_t prot = e->leaf ? (depth == 5 ? page_prot(d, e) : linux_section(d, e->raw)) : 0;

	if (!(e->va & VML_SZ_1M)) {
		if (pair != d->pair)
			d->pair = pair, d->pmd0_table = false, d->pmd0_hole = false;
		if (depth == 5)
			d->pmd0_table = true, note(d, e->va, 5, prot, table_domain(d, e->va));
		else if (e->leaf)
			note(d, e->va, 4, prot, domain_name(e->raw));
		else
			d->pmd0_hole = true; /* noted once pmd[1] is known */
		return;
	}
	if (d->pmd0_hole) {
		d->pmd0_hole = false;
		if (depth == 5)
			d->pmd0_table = true, empty_ptes(d, pair, table_domain(d, e->va));
		else
			note(d, pair, 4, 0, domain_name(0));
	}
	if (depth == 5) {
		note(d, e->va, 5, prot,
		     d->pmd0_table ? table_domain(d, pair) : table_domain(d, e->va));
		return;
	}
	if (d->pmd0_table && e->va == pair + VML_SZ_1M)
		empty_ptes(d, e->va, table_domain(d, pair));
	if (e->leaf)
		note(d, e->va, 4, prot, domain_name(e->raw));
}

static int arm_entry(void *arg, const struct vml_ptdump_entry *e)
{
	struct arm_dump *d = arg;
	/* By level number, whatever level a split half's root is at: short 1
	 * PGD (4), 2 PTE (5); LPAE 1 PUD (3), 2 PMD (4), 3 PTE (5). */
	int depth = e->level + (d->lpae ? 2 : 3);

	if (!d->lpae) {
		short_entry(d, e, depth);
	} else if (depth == 3 && e->leaf) { /* a 1 GiB block: its sections */
		for (uint64_t off = 0; off < e->range.size; off += VML_SZ_2M)
			note(d, e->va + off, 4, linux_section(d, e->raw), NULL);
	} else if (depth == 5) {
		note(d, e->va, 5, e->leaf ? linux_pte(d, &e->range.attrs) : 0, NULL);
	} else {
		note(d, e->va, depth, e->leaf && depth == 4 ? linux_section(d, e->raw) : 0, NULL);
	}
	return 0;
}

/* The entries of [first, last] through @ctx (or holes of @fmt, no tree). */
static int dump_half(struct arm_dump *d, const struct vml_pt_format *fmt,
		     const struct vml_pt_ctx *ctx, uint64_t first, uint64_t last)
{
	d->ctx = ctx;
	d->domain_mb = ~0ULL;
	return vml_ptdump_for_each_entry(ctx ? ctx->fmt : fmt, ctx, first, last, arm_entry, d);
}

/* @fmt is the TTBR0 (or only) format; with a split (fmt->va_last below
 * 4 GiB - 1) trees[0] is dumped up to the split and trees[1] from it. */
static int arm_print(const struct vml_text_sink *out, const struct vml_pt_format *fmt,
		     const struct vml_pt_ctx *const trees[2], const struct vml_ptdump_opts *o)
{
	struct arm_dump d = {fmt,   trees[0], {0},   {{0}, {0}, {0}}, false,
			     ~0ULL, false,    false, ~0ULL,	      NULL};
	uint64_t split = fmt->va_last && fmt->va_last < 0xffffffffULL ? fmt->va_last + 1 : 0;
	struct vml_ptdump_style style = {false, true,	       VML_PTDUMP_MARKER_ONCE,
					 0,	arm_print_run, &d.rows};
	int err;

	if (!vml_str_eq(o->kernel, "6.1") && !vml_str_eq(o->kernel, "6.12"))
		return VML_EINVAL;
	d.lpae = fmt->entry_size == 8;
	{
		const struct vml_ptdump_rows *sect =
		    d.lpae ? &vml_arm_ptdump_lpae_section : &vml_arm_ptdump_short_section;
		const struct vml_ptdump_rows *pte =
		    d.lpae ? &vml_arm_ptdump_lpae_pte : &vml_arm_ptdump_short_pte;

		d.rows.bits[4] = sect->row;
		d.rows.num[4] = sect->n;
		d.rows.bits[5] = pte->row;
		d.rows.num[5] = pte->n;
	}
	d.rows.name[4] = d.lpae ? "PMD" : "PGD";
	d.rows.name[5] = "PTE";
	vml_ptdump_state_init(&d.st, out, &style, o);
	/* The kernel walks one pgd over 4 GiB; with a split the same VAs come
	 * from the tree of their half. */
	if (!split)
		err = dump_half(&d, fmt, trees[0], 0, 0xffffffffULL);
	else if (!(err = dump_half(&d, fmt, trees[0], 0, split - 1)))
		err = dump_half(&d, fmt, trees[1], split, 0xffffffffULL);
	vml_ptdump_flush(&d.st);
	return err;
}

static uint64_t region_start(const struct vml_layout *lo, const char *name, uint64_t dflt)
{
	const struct vml_vregion *r = vml_layout_find_region(lo, name);

	return r ? r->start : dflt;
}

/*
 * address_markers[] of arch/arm/mm/dump.c (v6.1; v6.12 is the same) with
 * CONFIG_KASAN off (the Debian armmp kernels), in this order:
 *
 *   MODULES_VADDR              "Modules"         (PAGE_OFFSET - 16 MiB)
 *   PAGE_OFFSET                "Kernel Mapping"
 *   VMALLOC_START              "vmalloc() Area"  (set in ptdump_initialize())
 *   FDT_FIXED_BASE             "FDT Area"        (0xff800000; older kernels
 *                                                 had "vmalloc() End" here)
 *   FIXADDR_START              "Fixmap Area"
 *   VECTORS_BASE               "Vectors"         (0xffff0000)
 *   VECTORS_BASE + 2 pages     "Vectors End"
 *
 * each from the layout's modules, dtb, fixmap and vectors regions,
 * page_offset and vmalloc_start; the kernel's constants where a layout
 * lacks the region.
 */
static size_t arm_layout_markers(const struct vml_layout *lo, struct vml_ptdump_marker *out)
{
	uint64_t vectors = region_start(lo, "vectors", 0xffff0000ULL);
	const struct vml_ptdump_marker m[] = {
	    {region_start(lo, "modules", lo->page_offset - 0x1000000ULL), "Modules"},
	    {lo->page_offset, "Kernel Mapping"},
	    {lo->vmalloc_start, "vmalloc() Area"},
	    {region_start(lo, "dtb", 0xff800000ULL), "FDT Area"},
	    {region_start(lo, "fixmap", 0xffc80000ULL), "Fixmap Area"},
	    {vectors, "Vectors"},
	    {vectors + 2 * VML_SZ_4K, "Vectors End"},
	};

	vml_copy(out, m, sizeof(m));
	return VML_ARRAY_SIZE(m);
}

/* dump.c's lines of v6.1 (= v6.12) for every arm profile: arch/arm/mm/
 * dump.c arrived in v3.14, so a 3.4 kernel has no kernel_page_tables to
 * follow (docs/arm32.md). */
static const char *arm_ptdump_kernel_of(const char *profile)
{
	(void)profile;
	return "6.1";
}

/* ptdump_check_wx() (arch/arm/mm/dump.c v6.1). */
static void arm_report_wx(const struct vml_text_sink *out, const struct vml_layout *lo,
			  const struct vml_ptdump_wx *wx)
{
	static const struct vml_ptdump_wx_words words = {"arm/mm", "FAILED", 8, false};

	(void)lo;
	vml_ptdump_wx_lines(out, &words, wx);
}

const struct vml_arch_ptdump vml_arm_ptdump = {
    .print = arm_print,
    .layout_markers = arm_layout_markers,
    .kernel_of = arm_ptdump_kernel_of,
    .report_wx = arm_report_wx,
};
