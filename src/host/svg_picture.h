/* SPDX-License-Identifier: MIT */
/*
 * DOC: the layout picture as data (host layer)
 *
 * vml_report_svg() and vml_report_html() first build the whole picture
 * here -- the items of the virtual and the physical column, their piecewise
 * scales, every text with its box, the leader lines -- check that no two
 * text boxes overlap, and only then write anything. A picture that would
 * overprint is refused, never drawn.
 */
#ifndef VMLAYOUT_HOST_SVG_PICTURE_H
#define VMLAYOUT_HOST_SVG_PICTURE_H

#include "host/svg_labels.h"
#include "host/svg_scale.h"
#include "vmlayout/host_input.h"
#include "vmlayout/report.h"

#define PIC_MAX_ITEMS 512
#define PIC_MAX_TEXTS 1200
#define PIC_NAME_LEN 64
#define PIC_TEXT_LEN 192
#define PIC_TIP_LEN 512
#define PIC_FONT_PX 11.0
#define PIC_TITLE_PX 13.0

enum pic_kind {
	PIC_REGION,    /* a region the kernel names: lowmem, vmalloc, fixmap, ... */
	PIC_SECTION,   /* a section of the kernel image */
	PIC_RECLAIMED, /* vmalloc space in a hole's lowmem VA (intermix) */
	PIC_WASTED,    /* lowmem VA that maps nothing */
	PIC_NO_RAM,    /* linear-map VA with no RAM behind it (64-bit) */
	PIC_UNUSED,    /* VA between the regions */
	PIC_RAM_LOW,   /* RAM below arm_lowmem_limit */
	PIC_RAM_HIGH,  /* RAM above it (highmem) */
	PIC_RAM,       /* RAM (64-bit: all of it in the linear map) */
	PIC_NOMAP,     /* RAM the kernel does not map (no-map) */
	PIC_HOLE,      /* no RAM between two banks */
	PIC_RESERVED,  /* memblock.reserved */
	PIC_MARKER,    /* an address the kernel names: high_memory, arm_lowmem_limit */
	PIC_N_KINDS
};

struct pic_item {
	enum pic_kind kind;
	char name[PIC_NAME_LEN];
	uint64_t start, end; /* [start, end); end 0 is 2^64 */
	unsigned int depth;  /* how many other items of the column hold it */
	char tip[PIC_TIP_LEN];
	double x, w, y_top, y_bottom; /* its rectangle */
	size_t text;		      /* its label in picture.texts */
};

enum pic_text_role { PIC_TEXT_TITLE, PIC_TEXT_HEADER, PIC_TEXT_LABEL, PIC_TEXT_LEGEND };

struct pic_text {
	enum pic_text_role role;
	char text[PIC_TEXT_LEN];
	char id[PIC_NAME_LEN + 48]; /* labels: "va|pa/name/0xstart/0xend" */
	double font_px;
	bool anchor_end;
	double x, baseline;
	struct svg_box box;
	/* labels: the leader line from the item's edge to the label */
	bool leader;
	double from_x, from_y;
};

struct pic_column {
	const char *header;
	bool is_virtual;
	struct svg_scale scale;
	struct pic_item items[PIC_MAX_ITEMS];
	size_t n;
	bool full; /* an item was dropped */
	double x, w;
	unsigned int digits; /* hex digits of its addresses */
};

/* One line of the legend: a swatch (fill and CSS class) and its meaning. */
struct pic_legend {
	const char *css;
	const char *fill;
	const char *stroke; /* NULL: no outline */
	bool line;	    /* a line sample instead of a box */
	size_t text;
	double x, y;
};

/* One label of a lane, while the lane is laid out. */
struct pic_lane_entry {
	double want, h;
	size_t item;
	unsigned int depth;
};

/* Room vml_pic_build() works in (kept in the picture: no static state). */
struct pic_scratch {
	struct pic_lane_entry lane[PIC_MAX_ITEMS];
	double want[PIC_MAX_ITEMS], h[PIC_MAX_ITEMS], top[PIC_MAX_ITEMS];
	struct svg_cluster clusters[PIC_MAX_ITEMS];
	struct svg_box boxes[PIC_MAX_TEXTS];
};

struct picture {
	const struct vml_layout *lo;
	const struct vml_memblock *mb;
	struct pic_column va, pa;
	struct pic_text texts[PIC_MAX_TEXTS];
	size_t n_texts;
	struct pic_legend legend[PIC_N_KINDS + 8];
	size_t n_legend;
	double width, height;
	char title[PIC_TEXT_LEN];
	struct pic_scratch scratch;
};

/* Fill and CSS class of an item. */
const char *vml_pic_fill(const struct pic_item *it);
const char *vml_pic_css(enum pic_kind kind);
/* What a kind is, for the legend. */
const char *vml_pic_kind_meaning(enum pic_kind kind);
/* "608 MiB", "4 KiB", "125.9 TiB" (a size of 0 with end 0 and start 0 is
 * not possible: @size is end - start modulo 2^64). */
void vml_pic_size_text(char *buf, size_t cap, uint64_t size);

/* The items of each column (svg_picture_items.c). */
int vml_pic_virtual_items(struct picture *p, const struct vml_picture_info *info);
int vml_pic_physical_items(struct picture *p);
int vml_pic_add_item(struct pic_column *c, enum pic_kind kind, const char *name, uint64_t start,
		     uint64_t end);

/**
 * vml_pic_build() - lay out the whole picture of @lo
 * Return: 0, or VML_ERANGE with @err set when it cannot be drawn without two
 * texts overlapping, or holds more than it has room for.
 */
int vml_pic_build(struct picture *p, const struct vml_layout *lo, const struct vml_memblock *mb,
		  const struct vml_picture_info *info, struct vml_host_error *err);

/* vml_pic_build() into freshly allocated storage (free() it); NULL with *@ret
 * and @err set (report_svg.c). */
struct picture *vml_pic_new(const struct vml_layout *lo, const struct vml_memblock *mb,
			    const struct vml_picture_info *info, struct vml_host_error *err,
			    int *ret);
/* Writes the <svg> element (svg_emit.c). */
void vml_pic_emit_svg(FILE *out, const struct picture *p);
/* @s with &, <, > and " escaped. */
void vml_pic_xml_text(FILE *out, const char *s);

#endif
