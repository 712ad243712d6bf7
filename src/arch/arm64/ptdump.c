/* SPDX-License-Identifier: MIT */
/*
 * DOC: arm64 kernel_page_tables, as arch/arm64/mm/ptdump.c prints it
 *
 * Followed: arch/arm64/mm/ptdump.c of v6.1 and of v6.12 (the note_page()
 * with the "st->mm &&" check and the markers built in ptdump_init()), over
 * mm/ptdump.c and mm/pagewalk.c of the same versions. Both print
 *
 *   "0x%016lx-0x%016lx   " "%9lu%c %s" [" %s" per prot_bits row] "\n"
 *
 * for every run, holes included (a hole has prot 0 and no attributes), from
 * PAGE_OFFSET to the top of the address space; the final flush is
 * note_page(0, -1, 0), so the last line ends at 0x0000000000000000.
 *
 * The prot_bits rows and their order are the same in both versions (Device-
 * GRE left in v5.14): valid " "/"F", USR, ro/RW, NX/"x ", SHD, AF, NG, CON,
 * "   "/BLK (the table bit), UXN, GP, then the memory type by AttrIndx with
 * the kernel's MAIR layout (arch/arm64/include/asm/memory.h: NORMAL 0,
 * NORMAL_TAGGED 1, NORMAL_NC 2, DEVICE_nGnRnE 3, DEVICE_nGnRE 4).
 *
 * Level names differ. The walker's depth is 0 PGD, 1 P4D, 2 PUD, 3 PMD,
 * 4 PTE; a table level of a CONFIG_PGTABLE_LEVELS = n kernel sits at depth
 * 4 - (levels below it), and a hole in the root is reported at depth 0
 * (pagewalk.c real_depth() skips folded levels).
 * - v6.1 names depth 2 "PGD" when n <= 3 and depth 3 "PGD" when n <= 2;
 * - v6.12 names them PGD, P4D, PUD, PMD, PTE and moves a note at depth 1
 *   (when P4D is folded, n < 5) or depth 2 (PUD folded, n < 4) to depth 0.
 *   So a 2-level kernel (64K pages, 42-bit VA) names its 512M blocks PMD.
 */
#include "arch/arm64/arm64_arch.h"

/* The prot_bits rows: src/arch/arm64/ptdump_bits.c. */
#define ARM64_ROWS (&vml_arm64_ptdump_pte)

struct arm64_names {
	const char *name[5];
};

/* The prot mask: every row's mask (ptdump_initialize()). */
static uint64_t arm64_prot_mask(void)
{
	uint64_t m = 0;

	for (size_t i = 0; i < ARM64_ROWS->n; i++)
		m |= ARM64_ROWS->row[i].mask;
	return m;
}

static void arm64_print_run(const struct vml_text_sink *out, const struct vml_ptdump_state *st,
			    const struct vml_ptdump_run *r)
{
	const struct arm64_names *n = st->style->data;

	vml_sink_str(out, "0x");
	vml_sink_hex(out, r->start, 16);
	vml_sink_str(out, "-0x");
	vml_sink_hex(out, r->end, 16);
	vml_sink_str(out, "   ");
	vml_ptdump_print_size(out, r->end - r->start);
	vml_sink_char(out, ' ');
	vml_sink_str(out, n->name[r->depth]);
	if (r->prot)
		vml_ptdump_print_bits(out, ARM64_ROWS->row, ARM64_ROWS->n, r->prot);
	vml_sink_char(out, '\n');
}

struct arm64_dump {
	const struct vml_pt_format *fmt;
	struct vml_ptdump_state st;
	bool v6_12;
	uint64_t mask;
};

/* The kernel's depth for an entry at @level (see the DOC above). */
static int arm64_depth(const struct arm64_dump *d, int level, bool leaf)
{
	unsigned int n = d->fmt->levels;
	unsigned int index = (unsigned int)(level - d->fmt->first_level);
	int depth = 4 - (int)(n - 1 - index);

	if (!leaf && index == 0)
		return 0; /* real_depth() */
	if (d->v6_12 && ((depth == 1 && n < 5) || (depth == 2 && n < 4)))
		return 0;
	return depth;
}

static int arm64_entry(void *arg, const struct vml_ptdump_entry *e)
{
	struct arm64_dump *d = arg;

	vml_ptdump_note(&d->st, e->va, arm64_depth(d, e->level, e->leaf),
			e->leaf ? e->raw & d->mask : 0, 0, NULL);
	return 0;
}

/* The TTBR1 half, trees[1]: from PAGE_OFFSET to the top. */
static int arm64_print(const struct vml_text_sink *out, const struct vml_pt_format *fmt,
		       const struct vml_pt_ctx *const trees[2], const struct vml_ptdump_opts *o)
{
	const struct vml_pt_ctx *ctx = trees[1];
	const struct arm64_names v6_1 = {{"PGD", "P4D", fmt->levels > 3 ? "PUD" : "PGD",
					  fmt->levels > 2 ? "PMD" : "PGD", "PTE"}};
	const struct arm64_names v6_12 = {{"PGD", "P4D", "PUD", "PMD", "PTE"}};
	struct vml_ptdump_style style = {true, false,		VML_PTDUMP_MARKER_IF_TWICE,
					 -1,   arm64_print_run, NULL};
	struct arm64_dump d = {fmt, {0}, false, arm64_prot_mask()};
	uint64_t page_offset = 0 - (1ULL << fmt->va_bits);
	int err;

	if (vml_str_eq(o->kernel, "6.12"))
		d.v6_12 = true;
	else if (!vml_str_eq(o->kernel, "6.1"))
		return VML_EINVAL;
	style.data = d.v6_12 ? &v6_12 : &v6_1;
	vml_ptdump_state_init(&d.st, out, &style, o);
	err = vml_ptdump_for_each_entry(fmt, ctx, page_offset, ~0ULL, arm64_entry, &d);
	vml_ptdump_flush(&d.st);
	return err;
}

/* address_markers[] of arch/arm64/mm/ptdump.c (v6.1, v6.12): the layout's
 * regions in its (memory.rst) order, which is the markers' order, without
 * "kernel". */
static size_t arm64_layout_markers(const struct vml_layout *lo, struct vml_ptdump_marker *m)
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
			if (vml_str_eq(lo->regions[r].name, names[k][0])) {
				m[n++] =
				    (struct vml_ptdump_marker){lo->regions[r].start, names[k][1]};
				m[n++] =
				    (struct vml_ptdump_marker){lo->regions[r].end, names[k][2]};
			}
	return n;
}

/* 6.1 prints the 6.1 lines; 6.12 and 6.18 the 6.12 ones (the same file). */
static const char *arm64_ptdump_kernel_of(const char *profile)
{
	return vml_str_eq(profile, "6.1") ? "6.1" : "6.12";
}

/* ptdump_check_wx() (arch/arm64/mm/ptdump.c v6.1, v6.12). v3.18 had no
 * W+X check (v4.10 added it). */
static void arm64_report_wx(const struct vml_text_sink *out, const struct vml_layout *lo,
			    const struct vml_ptdump_wx *wx)
{
	static const struct vml_ptdump_wx_words words = {"arm64/mm", "FAILED", 16, true};

	if (!vml_str_eq(lo->profile, "3.18"))
		vml_ptdump_wx_lines(out, &words, wx);
}

const struct vml_arch_ptdump vml_arm64_ptdump = {
    .print = arm64_print,
    .layout_markers = arm64_layout_markers,
    .kernel_of = arm64_ptdump_kernel_of,
    .report_wx = arm64_report_wx,
};
