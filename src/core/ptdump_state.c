/* SPDX-License-Identifier: MIT */
/*
 * DOC: the note_page() state machine shared by the three ptdump styles
 *
 * The kernel's note_page() (arch/arm64/mm/ptdump.c, arch/riscv/mm/ptdump.c,
 * arch/arm/mm/dump.c; v6.1 and v6.12) keeps one open run: its start, level
 * and masked attributes ("prot"). A note whose prot or level differs (arm:
 * or whose domain differs), or whose address reaches the next marker, ends
 * the run: the run is printed (arm64 also prints runs with prot 0, the
 * holes; riscv and arm do not), then the marker is passed, and the note
 * opens the next run. The three kernels differ only in how many markers
 * one note may pass (enum vml_ptdump_marker_rule) and in the line format,
 * which each style prints itself.
 */
#include "vmlayout/ptdump.h"

void vml_ptdump_state_init(struct vml_ptdump_state *st, const struct vml_text_sink *out,
			   const struct vml_ptdump_style *style, const struct vml_ptdump_opts *o)
{
	*st = (struct vml_ptdump_state){0};
	st->out = out;
	st->style = style;
	st->markers = o->markers;
	st->nmarkers = o->markers ? o->nmarkers : 0;
}

/* "---[ %s ]---\n" */
static void print_marker(const struct vml_text_sink *out, const char *name)
{
	vml_sink_str(out, "---[ ");
	vml_sink_str(out, name);
	vml_sink_str(out, " ]---\n");
}

/* marker[1].start_address: the kernel's list ends with { -1, NULL }. */
static bool reaches_next_marker(const struct vml_ptdump_state *st, uint64_t addr)
{
	return st->marker + 1 < st->nmarkers && addr >= st->markers[st->marker + 1].va;
}

static void pass_marker(struct vml_ptdump_state *st)
{
	st->marker++;
	print_marker(st->out, st->markers[st->marker].name);
}

static void open_run(struct vml_ptdump_state *st, uint64_t addr, int depth, uint64_t prot,
		     uint64_t pa, const char *domain)
{
	st->cur.start = addr;
	st->cur.depth = depth;
	st->cur.prot = prot;
	st->cur.pa = pa;
	st->cur.domain = domain;
}

void vml_ptdump_note(struct vml_ptdump_state *st, uint64_t addr, int depth, uint64_t prot,
		     uint64_t pa, const char *domain)
{
	const struct vml_ptdump_style *s = st->style;

	if (!st->started) {
		st->started = true;
		open_run(st, addr, depth, prot, pa, domain);
		if (st->nmarkers)
			print_marker(st->out, st->markers[0].name);
	} else if (prot != st->cur.prot || depth != st->cur.depth ||
		   (s->use_domain && domain != st->cur.domain) || reaches_next_marker(st, addr)) {
		if (st->cur.prot || s->print_holes) {
			st->cur.end = addr;
			s->print_run(st->out, st, &st->cur);
		}
		if (s->marker_rule == VML_PTDUMP_MARKER_WHILE)
			while (reaches_next_marker(st, addr))
				pass_marker(st);
		else if (reaches_next_marker(st, addr))
			pass_marker(st);
		open_run(st, addr, depth, prot, pa, domain);
	}
	if (s->marker_rule == VML_PTDUMP_MARKER_IF_TWICE && reaches_next_marker(st, addr))
		pass_marker(st);
}

void vml_ptdump_flush(struct vml_ptdump_state *st)
{
	vml_ptdump_note(st, 0, st->style->flush_depth, 0, 0, NULL);
}

void vml_ptdump_print_bits(const struct vml_text_sink *out, const struct vml_ptdump_bits *bits,
			   size_t n, uint64_t prot)
{
	for (size_t i = 0; i < n; i++) {
		const char *s = (prot & bits[i].mask) == bits[i].val ? bits[i].set : bits[i].clear;

		if (s) {
			vml_sink_char(out, ' ');
			vml_sink_str(out, s);
		}
	}
}

void vml_ptdump_print_size(const struct vml_text_sink *out, uint64_t bytes)
{
	static const char units[] = "KMGTPE";
	const char *unit = units;
	uint64_t delta = bytes >> 10;

	while (!(delta & 1023) && unit[1]) {
		delta >>= 10;
		unit++;
	}
	vml_sink_udec(out, delta, 9);
	vml_sink_char(out, *unit);
}
