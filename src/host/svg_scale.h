/* SPDX-License-Identifier: MIT */
/*
 * DOC: the piecewise address scale of the layout picture (host layer)
 *
 * A column of the picture is cut at every address where something starts
 * or ends; each band between two cuts gets its own height, growing with the
 * logarithm of its size, so a 4 KiB vectors page and a 125 TiB vmalloc area
 * are both readable. Inside a band the scale is linear. The picture marks
 * every cut as a scale break.
 */
#ifndef VMLAYOUT_HOST_SVG_SCALE_H
#define VMLAYOUT_HOST_SVG_SCALE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SVG_SCALE_MAX_CUTS 1024
/* The height of a band of 4 KiB or less, and what each doubling adds. */
#define SVG_BAND_MIN_PX 12.0
#define SVG_BAND_PX_PER_DOUBLING 4.0

/* Addresses are end-exclusive; an end of 0 stands for 2^64 (as in
 * struct vml_vregion) and is kept as UINT64_MAX, the top of the column. */
struct svg_scale {
	uint64_t cut[SVG_SCALE_MAX_CUTS]; /* ascending, unique */
	double y[SVG_SCALE_MAX_CUTS];	  /* pixel row of each cut; higher address, smaller y */
	size_t n;
	bool full; /* a cut was dropped: more than SVG_SCALE_MAX_CUTS */
};

void vml_svg_scale_init(struct svg_scale *s);
/* Add a cut at @addr (an end of 0 means 2^64). */
void vml_svg_scale_cut(struct svg_scale *s, uint64_t addr, bool is_end);
/* Sort the cuts and give each band its height, the top cut at @top. */
void vml_svg_scale_finish(struct svg_scale *s, double top);
/* Make the column @factor times taller (from its top), e.g. to make room
 * for its labels. */
void vml_svg_scale_stretch(struct svg_scale *s, double factor);
double vml_svg_scale_height(const struct svg_scale *s);
/* The pixel row of @addr; addresses outside the cuts clamp to the ends. */
double vml_svg_scale_y(const struct svg_scale *s, uint64_t addr, bool is_end);
/* The height a band of @size bytes gets before any stretch. */
double vml_svg_band_height(uint64_t size);

#endif
