/* SPDX-License-Identifier: MIT */
/*
 * DOC: ptdump: page tables printed as /sys/kernel/debug/kernel_page_tables
 *
 * Freestanding core: the text goes to a caller's sink (text_sink.h); the
 * host's FILE wrapper is vml_ptdump_print() (ptdump_file.h). The kernel's
 * generic walker (mm/ptdump.c over
 * mm/pagewalk.c) hands every table entry of the kernel's VA range, valid
 * leaves and invalid entries alike, to the arch's note_page(); note_page()
 * merges runs of entries with the same level and masked attributes into one
 * line and prints the address markers it crosses. vmlayout does the same in
 * two steps:
 *
 * 1. vml_ptdump_for_each_entry() (ptdump_walk.c) gives, in VA order, every
 *    leaf entry (from vml_pt_for_each_leaf) and every invalid entry at the
 *    level where the walk meets it (found with vml_pt_walk), as the kernel's
 *    pagewalk reports holes at their real depth.
 * 2. The arch's printer (src/arch/<arch>/ptdump.c, reached through its
 *    descriptor's ptdump hooks) turns each entry into the kernel's (depth,
 *    value) and feeds the shared merging state machine (ptdump_state.c),
 *    which prints the lines in that arch's format for the named kernel
 *    version.
 *
 * Kernel versions: "6.1" and "6.12" (each style cites the files it follows).
 */
#ifndef VMLAYOUT_PTDUMP_H
#define VMLAYOUT_PTDUMP_H

#include "layout.h"
#include "pgtable.h"
#include "ptdump_bits.h"
#include "text_sink.h"

/* One address marker: "---[ name ]---" is printed when the walk reaches va. */
struct vml_ptdump_marker {
	uint64_t va;
	const char *name;
};

/**
 * struct vml_ptdump_entry - one table entry as the kernel's walker meets it
 * @va: the first VA the entry maps
 * @level: the format's level number of the entry
 * @leaf: true for a valid leaf; false for an invalid entry (a hole)
 * @raw: leaf: the entry's encoding (the format's encode_leaf of @range)
 * @range: leaf: as vml_pt_for_each_leaf gave it
 */
struct vml_ptdump_entry {
	uint64_t va;
	int level;
	bool leaf;
	uint64_t raw;
	struct vml_pt_range range;
};

typedef int (*vml_ptdump_entry_fn)(void *arg, const struct vml_ptdump_entry *e);

/**
 * vml_ptdump_for_each_entry() - every entry covering [start, last], VA order
 * @fmt: the format
 * @ctx: the tree, or NULL when no table exists (every root entry invalid)
 * @start, @last: first and last VA (inclusive, so the range may end at 2^64)
 * @fn, @arg: called per entry; a non-zero return stops the walk
 *
 * An invalid entry is reported once, at the level of the entry the walk
 * finds invalid, with the VA where its span meets the range.
 *
 * Return: 0, @fn's non-zero value, or VML_ERANGE if a table cannot be read.
 */
int vml_ptdump_for_each_entry(const struct vml_pt_format *fmt, const struct vml_pt_ctx *ctx,
			      uint64_t start, uint64_t last, vml_ptdump_entry_fn fn, void *arg);

/**
 * struct vml_ptdump_opts - what to print
 * @kernel: "6.1" or "6.12": the kernel whose ptdump format to follow
 * @markers, @nmarkers: the address markers, in the kernel's array order
 */
struct vml_ptdump_opts {
	const char *kernel;
	const struct vml_ptdump_marker *markers;
	size_t nmarkers;
};

/**
 * vml_ptdump_emit() - print the kernel's kernel_page_tables for a tree
 * @out: where the text goes
 * @fmt: the format; its arch names the printer (the arch descriptor's)
 * @trees: [0] the low half or only root, [1] the high half (arm64 TTBR1);
 *	either may be NULL (no table)
 * @o: kernel version and markers
 *
 * Each arch dumps what its kernel dumps (arm64 the TTBR1 half from
 * PAGE_OFFSET, riscv64 the kernel half from KERN_VIRT_START, arm the whole
 * 4 GiB with each half of a TTBR split from its own tree): see its
 * src/arch/<arch>/ptdump.c.
 *
 * Return: 0; VML_ENOTSUP if no arch of that name has a printer;
 * VML_EINVAL for a kernel version the printer does not follow;
 * VML_ERANGE if a table cannot be read.
 */
int vml_ptdump_emit(const struct vml_text_sink *out, const struct vml_pt_format *fmt,
		    const struct vml_pt_ctx *const trees[2], const struct vml_ptdump_opts *o);

/* The most markers an arch gives for a layout. */
#define VML_PTDUMP_MAX_LAYOUT_MARKERS (2 * VML_LAYOUT_MAX_REGIONS)

/**
 * vml_ptdump_layout_markers() - the kernel's address_markers[] for a layout
 * @lo: a computed layout
 * @m: at least VML_PTDUMP_MAX_LAYOUT_MARKERS entries
 *
 * Return: how many, in the kernel's array order (0 if the arch has none).
 */
size_t vml_ptdump_layout_markers(const struct vml_layout *lo, struct vml_ptdump_marker *m);

/* The ptdump format version ("6.1" or "6.12") whose lines a kernel of
 * @lo's profile prints; NULL if the arch has no printer. */
const char *vml_ptdump_kernel_of(const struct vml_layout *lo);

/**
 * struct vml_ptdump_wx - what the kernel's ptdump_check_wx() counts
 * @wx_pages: pages both kernel-writable and kernel-executable
 * @uxn_pages: pages a user may execute (arm64 counts them too)
 * @first_wx: the first W+X page's address (when @wx_pages)
 */
struct vml_ptdump_wx {
	uint64_t wx_pages, uxn_pages, first_wx;
};

/**
 * vml_ptdump_check_wx() - the kernel's W+X check (CONFIG_DEBUG_WX, run by
 * mark_readonly()) of a tree, with the arch's report lines
 * @out: where the lines go (nothing for a profile whose kernel has no check)
 * @lo: the layout whose kernel built @ctx
 * @ctx: its kernel tree (pages counted in the format's last-level size)
 * @wx: the counts
 *
 * Return: 0; VML_ENOTSUP if the arch has no check.
 */
int vml_ptdump_check_wx(const struct vml_text_sink *out, const struct vml_layout *lo,
			const struct vml_pt_ctx *ctx, struct vml_ptdump_wx *wx);

/**
 * struct vml_ptdump_wx_words - how an arch's ptdump_check_wx() words it
 * @who: the WARN_ONCE's prefix ("arm64/mm")
 * @failed: "FAILED" or "failed"
 * @addr_digits: hex digits of the address in the WARN line
 * @counts_uxn: the summary also counts non-UXN pages (arm64)
 */
struct vml_ptdump_wx_words {
	const char *who, *failed;
	unsigned int addr_digits;
	bool counts_uxn;
};

/* The lines ptdump_check_wx() prints for @wx: "passed", or the first W+X
 * range's WARN_ONCE (the kernel hashes its %p: vmlayout prints the
 * address) and the FAILED summary. */
void vml_ptdump_wx_lines(const struct vml_text_sink *out, const struct vml_ptdump_wx_words *w,
			 const struct vml_ptdump_wx *wx);

/**
 * struct vml_arch_ptdump - an arch's ptdump, reached from its descriptor
 * @print: vml_ptdump_emit() for this arch's formats
 * @layout_markers: vml_ptdump_layout_markers() for this arch's layouts
 * @kernel_of: the ptdump version a layout profile of this arch prints
 * @report_wx: ptdump_check_wx()'s lines for @wx, as @lo's kernel prints them
 */
struct vml_arch_ptdump {
	int (*print)(const struct vml_text_sink *out, const struct vml_pt_format *fmt,
		     const struct vml_pt_ctx *const trees[2], const struct vml_ptdump_opts *o);
	size_t (*layout_markers)(const struct vml_layout *lo, struct vml_ptdump_marker *m);
	const char *(*kernel_of)(const char *profile);
	void (*report_wx)(const struct vml_text_sink *out, const struct vml_layout *lo,
			  const struct vml_ptdump_wx *wx);
};

/*
 * The shared merging state machine (ptdump_state.c), after note_page() of
 * arch/arm64/mm/ptdump.c, arch/riscv/mm/ptdump.c and arch/arm/mm/dump.c.
 */

/* A finished run, handed to the style's printer. */
struct vml_ptdump_run {
	uint64_t start, end; /* end: the address of the note that ended it */
	int depth;	     /* the kernel's level: 0 PGD .. 4 PTE (arm: 1..5) */
	uint64_t prot;
	uint64_t pa;	    /* riscv: the physical address of the first entry */
	const char *domain; /* arm short-descriptor: the domain column */
};

enum vml_ptdump_marker_rule {
	VML_PTDUMP_MARKER_IF_TWICE, /* arm64: in the change branch and once more after */
	VML_PTDUMP_MARKER_WHILE,    /* riscv: every marker crossed */
	VML_PTDUMP_MARKER_ONCE,	    /* arm: one marker per change */
};

struct vml_ptdump_state;

struct vml_ptdump_style {
	bool print_holes; /* arm64 prints runs whose prot is 0 */
	bool use_domain;  /* arm short: a domain change ends a run */
	enum vml_ptdump_marker_rule marker_rule;
	int flush_depth; /* the level of the final flush note (-1, or arm's 0) */
	void (*print_run)(const struct vml_text_sink *out, const struct vml_ptdump_state *st,
			  const struct vml_ptdump_run *r);
	const void *data; /* the style's own tables */
};

struct vml_ptdump_state {
	const struct vml_text_sink *out;
	const struct vml_ptdump_style *style;
	const struct vml_ptdump_marker *markers;
	size_t nmarkers, marker;
	bool started;
	struct vml_ptdump_run cur;
};

/* Start a state machine (nothing printed yet). */
void vml_ptdump_state_init(struct vml_ptdump_state *st, const struct vml_text_sink *out,
			   const struct vml_ptdump_style *style, const struct vml_ptdump_opts *o);
/* note_page(addr, depth, prot): end the current run if anything changed. */
void vml_ptdump_note(struct vml_ptdump_state *st, uint64_t addr, int depth, uint64_t prot,
		     uint64_t pa, const char *domain);
/* The final note_page(0, flush level, 0) every walker ends with. */
void vml_ptdump_flush(struct vml_ptdump_state *st);
/* " %s" per row, in order (dump_prot()). */
void vml_ptdump_print_bits(const struct vml_text_sink *out, const struct vml_ptdump_bits *bits,
			   size_t n, uint64_t prot);
/* "%9lu%c": bytes >> 10, then >> 10 per unit while divisible by 1024. */
void vml_ptdump_print_size(const struct vml_text_sink *out, uint64_t bytes);

#endif
