/* SPDX-License-Identifier: MIT */
/*
 * DOC: label boxes of the layout picture (host layer)
 *
 * Every text of the picture is drawn in a monospace font whose advance is
 * known (SVG_ADVANCE_EM of the font size per character), so its box can be
 * computed before it is drawn. Region labels sit in a lane beside their
 * column, joined to the region by a leader line; vml_svg_labels_stack() places
 * them in that lane without overlap and vml_svg_labels_find_overlap() checks the
 * whole picture's boxes, so the generator refuses to draw overprinted text.
 */
#ifndef VMLAYOUT_HOST_SVG_LABELS_H
#define VMLAYOUT_HOST_SVG_LABELS_H

#include <stdbool.h>
#include <stddef.h>

/* DejaVu Sans Mono and Liberation Mono advance 0.602 and 0.600 em; a
 * little more leaves room for a fallback monospace font. */
#define SVG_ADVANCE_EM 0.62
/* A text line's box is this many font sizes tall (ascent plus descent). */
#define SVG_LINE_EM 1.25

struct svg_box {
	double x, y, w, h; /* top-left corner, width, height */
};

/* The box of @text drawn at font size @font_px with its baseline at
 * (@x, @baseline), anchored at its start (@anchor_end false) or end. */
struct svg_box vml_svg_text_box(const char *text, double font_px, double x, double baseline,
				bool anchor_end);
/* The baseline of a text whose box's top is @top. */
double vml_svg_text_baseline(double top, double font_px);
bool vml_svg_boxes_overlap(const struct svg_box *a, const struct svg_box *b);

/* A run of labels [first, last] stacked edge to edge from @top: the
 * scratch vml_svg_labels_stack() works in. */
struct svg_cluster {
	size_t first, last;
	double top, height, want_sum; /* want_sum: sum of (want - offset in cluster) */
};

/*
 * vml_svg_labels_stack() - place @n labels of heights @h in a lane [@lo, @hi]
 * @want: the centre each label would like (its region's middle), sorted
 *        ascending by the caller
 * @top: out: each label's top, in the same order
 * @gap: the space kept between two labels
 * @scratch: room for @n clusters
 *
 * Labels that would overlap are gathered into clusters, each centred on the
 * mean of what its members want and then kept inside the lane, so every
 * label moves as little as it can (leader lines stay short).
 *
 * Return: 0, or -1 when the labels and gaps do not fit in the lane.
 */
int vml_svg_labels_stack(const double *want, const double *h, size_t n, double gap, double lo,
			 double hi, double *top, struct svg_cluster *scratch);

/* The first pair (i < j) of @n boxes that overlap, in *@i, *@j; false when
 * none do. */
bool vml_svg_labels_find_overlap(const struct svg_box *boxes, size_t n, size_t *i, size_t *j);

#endif
