/* SPDX-License-Identifier: MIT */
/*
 * Label boxes of the layout picture: text metrics of a monospace font,
 * the placement of labels in a lane (leader-line layout) and the overlap
 * check the generator runs on every box before drawing.
 */
#include "host/svg_labels.h"

#include <string.h>

/* Characters of UTF-8 text (continuation bytes are not characters). */
static size_t text_chars(const char *text)
{
	size_t n = 0;

	for (const unsigned char *p = (const unsigned char *)text; *p; p++)
		n += (*p & 0xc0) != 0x80;
	return n;
}

struct svg_box vml_svg_text_box(const char *text, double font_px, double x, double baseline,
				bool anchor_end)
{
	struct svg_box b;

	b.w = (double)text_chars(text) * SVG_ADVANCE_EM * font_px;
	b.h = SVG_LINE_EM * font_px;
	b.x = anchor_end ? x - b.w : x;
	/* the baseline sits at 80 % of the line box: the ascent of the
	 * monospace fonts above is 0.76 em, their descent 0.24 em */
	b.y = baseline - 0.8 * b.h;
	return b;
}

double vml_svg_text_baseline(double top, double font_px)
{
	return top + 0.8 * SVG_LINE_EM * font_px;
}

bool vml_svg_boxes_overlap(const struct svg_box *a, const struct svg_box *b)
{
	return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

static void cluster_settle(struct svg_cluster *c, double lo, double hi)
{
	double n = (double)(c->last - c->first + 1);

	c->top = c->want_sum / n;
	if (c->top + c->height > hi)
		c->top = hi - c->height;
	if (c->top < lo)
		c->top = lo;
}

int vml_svg_labels_stack(const double *want, const double *h, size_t n, double gap, double lo,
			 double hi, double *top, struct svg_cluster *stack)
{
	size_t depth = 0;
	double need = 0;

	for (size_t i = 0; i < n; i++)
		need += h[i] + (i ? gap : 0);
	if (need > hi - lo)
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct svg_cluster c = {i, i, 0, h[i], want[i] - h[i] / 2};

		cluster_settle(&c, lo, hi);
		/* merge with the cluster above while the two overlap */
		while (depth && stack[depth - 1].top + stack[depth - 1].height + gap > c.top) {
			struct svg_cluster *p = &stack[--depth];
			double offset = p->height + gap;
			double members = (double)(c.last - c.first + 1);

			p->want_sum += c.want_sum - offset * members;
			p->height += gap + c.height;
			p->last = c.last;
			c = *p;
			cluster_settle(&c, lo, hi);
		}
		stack[depth++] = c;
	}
	for (size_t k = 0; k < depth; k++) {
		double y = stack[k].top;

		for (size_t i = stack[k].first; i <= stack[k].last; i++) {
			top[i] = y;
			y += h[i] + gap;
		}
	}
	return 0;
}

bool vml_svg_labels_find_overlap(const struct svg_box *boxes, size_t n, size_t *i, size_t *j)
{
	for (size_t a = 0; a < n; a++)
		for (size_t b = a + 1; b < n; b++)
			if (vml_svg_boxes_overlap(&boxes[a], &boxes[b])) {
				*i = a;
				*j = b;
				return true;
			}
	return false;
}
