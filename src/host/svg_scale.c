/* SPDX-License-Identifier: MIT */
/*
 * The piecewise address scale of the layout picture: cuts at every
 * boundary, a logarithmic height per band, linear inside a band.
 */
#include "host/svg_scale.h"

#include <math.h>
#include <stdlib.h>

static uint64_t as_cut(uint64_t addr, bool is_end)
{
	return is_end && addr == 0 ? UINT64_MAX : addr;
}

void vml_svg_scale_init(struct svg_scale *s)
{
	s->n = 0;
	s->full = false;
}

void vml_svg_scale_cut(struct svg_scale *s, uint64_t addr, bool is_end)
{
	if (s->n == SVG_SCALE_MAX_CUTS) {
		s->full = true;
		return;
	}
	s->cut[s->n++] = as_cut(addr, is_end);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

double vml_svg_band_height(uint64_t size)
{
	double doublings = size > 4096 ? log2((double)size / 4096.0) : 0;

	return SVG_BAND_MIN_PX + SVG_BAND_PX_PER_DOUBLING * doublings;
}

void vml_svg_scale_finish(struct svg_scale *s, double top)
{
	size_t n = 0;

	qsort(s->cut, s->n, sizeof(s->cut[0]), cmp_u64);
	for (size_t i = 0; i < s->n; i++)
		if (!n || s->cut[i] != s->cut[n - 1])
			s->cut[n++] = s->cut[i];
	s->n = n;
	if (!n)
		return;
	/* the highest address at the top */
	s->y[n - 1] = top;
	for (size_t i = n - 1; i > 0; i--)
		s->y[i - 1] = s->y[i] + vml_svg_band_height(s->cut[i] - s->cut[i - 1]);
}

void vml_svg_scale_stretch(struct svg_scale *s, double factor)
{
	if (!s->n)
		return;
	for (size_t i = 0; i + 1 < s->n; i++)
		s->y[i] = s->y[s->n - 1] + (s->y[i] - s->y[s->n - 1]) * factor;
}

double vml_svg_scale_height(const struct svg_scale *s)
{
	return s->n ? s->y[0] - s->y[s->n - 1] : 0;
}

double vml_svg_scale_y(const struct svg_scale *s, uint64_t addr, bool is_end)
{
	size_t lo = 0, hi;

	if (!s->n)
		return 0;
	addr = as_cut(addr, is_end);
	if (addr <= s->cut[0])
		return s->y[0];
	if (addr >= s->cut[s->n - 1])
		return s->y[s->n - 1];
	/* the band [cut[lo], cut[lo + 1]) holding addr */
	hi = s->n - 1;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->cut[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	return s->y[lo] + (s->y[lo + 1] - s->y[lo]) *
			      ((double)(addr - s->cut[lo]) / (double)(s->cut[lo + 1] - s->cut[lo]));
}
