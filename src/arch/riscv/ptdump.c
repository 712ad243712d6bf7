/* SPDX-License-Identifier: MIT */
/*
 * DOC: riscv64 kernel_page_tables, as arch/riscv/mm/ptdump.c prints it
 *
 * Followed: arch/riscv/mm/ptdump.c of v6.1 and of v6.12, over mm/ptdump.c.
 * A run is printed only when its prot is not 0 (holes are not printed but
 * still end runs), as
 *
 *   "0x%016lx-0x%016lx   " " 0x%016lx " "%9lu%c %s" [" %s" per row] "\n"
 *
 * the third address being the physical address of the run's first entry
 * (PFN_PHYS(pte_pfn()); entries are merged without looking at their PAs).
 * One note may pass several markers (a while loop). The walk runs from
 * KERN_VIRT_START = -1UL << (VA_BITS - 1) to ULONG_MAX.
 *
 * Rows: v6.1 RSW (bit 8, "   " when clear), then D A G U X W R V, each "."
 * when clear, all tested as (prot & mask) == val. v6.12 prepends N
 * (Svnapot, bit 63) and MT(%s) (Svpbmt bits 62:61: NC, IO or ??; "  ..  "
 * when clear) and prints RSW(%d) for bits 9:8; a row prints its set string
 * when (prot & mask) != 0; pte_pfn() clears the napot order bit of the PFN.
 *
 * Levels: riscv64 kernels are built with CONFIG_PGTABLE_LEVELS = 5, so the
 * names are PGD, P4D, PUD, PMD, PTE with no renaming, and a mode with fewer
 * levels folds its upper levels at run time: the sv39 root is the PUD
 * level, the sv48 root the P4D level.
 */
#include "vmlayout/ptdump.h"
#include "arch/riscv/pte_riscv.h"
#include "arch/riscv/riscv_arch.h"

/* The fields of v6.12's dump_prot(), named once in the arch's header. */
#define RV_SOFT RV_PTE_RSW_MASK
#define RV_MT RV_PTE_PBMT_MASK
#define RV_MT_NC (RV_PBMT_NC << RV_PTE_PBMT_SHIFT)
#define RV_MT_IO (RV_PBMT_IO << RV_PTE_PBMT_SHIFT)
#define RV_NAPOT RV_PTE_N
#define RV_PFN_MASK RV_PTE_PPN_MASK

/* The single-bit rows: src/arch/riscv/ptdump_bits.c. */
#define RV_ROWS (&vml_riscv_ptdump_pte)

static const char *const rv_names[5] = {"PGD", "P4D", "PUD", "PMD", "PTE"};

struct rv_dump {
	const struct vml_pt_format *fmt;
	struct vml_ptdump_state st;
	bool v6_12;
};

static uint64_t rv_prot_mask(bool v6_12)
{
	uint64_t m = v6_12 ? RV_NAPOT | RV_MT | RV_SOFT : 0;

	for (size_t i = 0; i < RV_ROWS->n; i++)
		m |= RV_ROWS->row[i].mask;
	return m;
}

/* dump_prot() of v6.12: N, MT(%s), RSW(%d), then the single bits. */
static void rv_print_bits_6_12(const struct vml_text_sink *out, uint64_t prot)
{
	uint64_t mt = prot & RV_MT, soft = prot & RV_SOFT;

	vml_sink_str(out, prot & RV_NAPOT ? " N" : " .");
	if (mt) {
		vml_sink_str(out, " MT(");
		vml_sink_str(out, mt == RV_MT_NC ? "NC" : mt == RV_MT_IO ? "IO" : "??");
		vml_sink_char(out, ')');
	} else {
		vml_sink_str(out, "   ..  ");
	}
	if (soft) {
		vml_sink_str(out, " RSW(");
		vml_sink_udec(out, soft >> 8, 0);
		vml_sink_char(out, ')');
	} else {
		vml_sink_str(out, "   ..  ");
	}
	for (size_t i = 1; i < RV_ROWS->n; i++) {
		vml_sink_char(out, ' ');
		vml_sink_str(out, prot & RV_ROWS->row[i].mask ? RV_ROWS->row[i].set
							      : RV_ROWS->row[i].clear);
	}
}

static void rv_print_run(const struct vml_text_sink *out, const struct vml_ptdump_state *st,
			 const struct vml_ptdump_run *r)
{
	const bool *v6_12 = st->style->data;

	vml_sink_str(out, "0x");
	vml_sink_hex(out, r->start, 16);
	vml_sink_str(out, "-0x");
	vml_sink_hex(out, r->end, 16);
	vml_sink_str(out, "    0x");
	vml_sink_hex(out, r->pa, 16);
	vml_sink_char(out, ' ');
	vml_ptdump_print_size(out, r->end - r->start);
	vml_sink_char(out, ' ');
	vml_sink_str(out, rv_names[r->depth]);
	if (*v6_12)
		rv_print_bits_6_12(out, r->prot);
	else
		vml_ptdump_print_bits(out, RV_ROWS->row, RV_ROWS->n, r->prot);
	vml_sink_char(out, '\n');
}

/* PFN_PHYS(pte_pfn(pte)); v6.12 clears the napot order bit (pgtable.h). */
static uint64_t rv_pa(bool v6_12, uint64_t raw)
{
	uint64_t pfn = (raw & RV_PFN_MASK) >> 10;

	if (v6_12 && (raw & RV_NAPOT))
		pfn &= pfn - 1;
	return pfn << 12;
}

static int rv_entry(void *arg, const struct vml_ptdump_entry *e)
{
	struct rv_dump *d = arg;
	unsigned int index = (unsigned int)(e->level - d->fmt->first_level);
	int depth = 4 - (int)(d->fmt->levels - 1 - index);
	uint64_t raw = e->leaf ? e->raw : 0;

	vml_ptdump_note(&d->st, e->va, depth, raw & rv_prot_mask(d->v6_12), rv_pa(d->v6_12, raw),
			NULL);
	return 0;
}

/* The one root, trees[0]: from KERN_VIRT_START to the top. */
static int rv_print(const struct vml_text_sink *out, const struct vml_pt_format *fmt,
		    const struct vml_pt_ctx *const trees[2], const struct vml_ptdump_opts *o)
{
	const struct vml_pt_ctx *ctx = trees[0];
	struct rv_dump d = {fmt, {0}, false};
	struct vml_ptdump_style style = {false, false,	      VML_PTDUMP_MARKER_WHILE,
					 -1,	rv_print_run, &d.v6_12};
	uint64_t kern_virt_start = ~0ULL << (fmt->va_bits - 1);
	int err;

	if (vml_str_eq(o->kernel, "6.12"))
		d.v6_12 = true;
	else if (!vml_str_eq(o->kernel, "6.1"))
		return VML_EINVAL;
	vml_ptdump_state_init(&d.st, out, &style, o);
	err = vml_ptdump_for_each_entry(fmt, ctx, kern_virt_start, ~0ULL, rv_entry, &d);
	vml_ptdump_flush(&d.st);
	return err;
}

/* address_markers[] of arch/riscv/mm/ptdump.c (v6.12): fixmap, PCI I/O,
 * vmemmap, vmalloc, "Linear mapping", KASAN, and (64-bit) modules and the
 * kernel mapping; the 5.10 profile stops at the linear map, its
 * VMALLOC_END being PAGE_OFFSET - 1 (asm/pgtable.h v5.10). */
static size_t rv_layout_markers(const struct vml_layout *lo, struct vml_ptdump_marker *m)
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
	const bool v5 = vml_str_eq(lo->profile, "5.10");
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

/* 6.12 and 6.18 print 6.12's rows; 5.10's are 6.1's (no N, MT, RSW(%d)). */
static const char *rv_ptdump_kernel_of(const char *profile)
{
	return vml_str_eq(profile, "5.10") ? "6.1" : "6.12";
}

/* ptdump_check_wx() (arch/riscv/mm/ptdump.c v6.12; the 5.10 file was not
 * read: nothing printed for that profile). */
static void rv_report_wx(const struct vml_text_sink *out, const struct vml_layout *lo,
			 const struct vml_ptdump_wx *wx)
{
	static const struct vml_ptdump_wx_words words = {"riscv/mm", "failed", 16, false};

	if (!vml_str_eq(lo->profile, "5.10"))
		vml_ptdump_wx_lines(out, &words, wx);
}

const struct vml_arch_ptdump vml_riscv64_ptdump = {
    .print = rv_print,
    .layout_markers = rv_layout_markers,
    .kernel_of = rv_ptdump_kernel_of,
    .report_wx = rv_report_wx,
};
