/* SPDX-License-Identifier: MIT */
/*
 * The layout picture's geometry: the piecewise scales of both columns, the
 * nesting of items, every text and its box (title, headers, labels with
 * their leader lines, legend), and the check that no two boxes overlap.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "host/svg_picture.h"
#include "vmlayout/arch.h"

#define MARGIN 16.0
#define LEADER_W 48.0 /* from a column to its labels */
#define COL_W 170.0
#define GAP_W 200.0  /* between the columns: the linear map */
#define INSET 9.0    /* a nested item's indent on each side */
#define STRIP_W 16.0 /* a reserved strip */
#define LABEL_GAP 3.0
#define LEGEND_SWATCH 22.0

static struct pic_text *add_text(struct picture *p, enum pic_text_role role, const char *s,
				 double font_px, double x, double top, bool anchor_end)
{
	struct pic_text *t;

	if (p->n_texts == PIC_MAX_TEXTS)
		return NULL;
	t = &p->texts[p->n_texts++];
	memset(t, 0, sizeof(*t));
	t->role = role;
	snprintf(t->text, sizeof(t->text), "%s", s);
	t->font_px = font_px;
	t->anchor_end = anchor_end;
	t->x = x;
	t->baseline = vml_svg_text_baseline(top, font_px);
	t->box = vml_svg_text_box(t->text, font_px, x, t->baseline, anchor_end);
	return t;
}

/* Move a text so that its box's top is @top (x unchanged). */
static void text_to(struct pic_text *t, double x, double top)
{
	t->x = x;
	t->baseline = vml_svg_text_baseline(top, t->font_px);
	t->box = vml_svg_text_box(t->text, t->font_px, x, t->baseline, t->anchor_end);
}

static int hex_digits(uint64_t v)
{
	int n = 1;

	while (v >>= 4)
		n++;
	return n;
}

/* "0x%0*llx", with 2^64 (an end of 0) written out. */
static void addr_text(char *buf, size_t cap, uint64_t a, unsigned int digits, bool is_end)
{
	if (is_end && a == 0)
		snprintf(buf, cap, "0x1%0*d", (int)digits, 0);
	else
		snprintf(buf, cap, "0x%0*" PRIx64, (int)digits, a);
}

static void item_label(const struct pic_column *c, const struct pic_item *it, char *buf, size_t cap)
{
	char s[24], e[24], size[24];

	addr_text(s, sizeof(s), it->start, c->digits, false);
	addr_text(e, sizeof(e), it->end, c->digits, true);
	vml_pic_size_text(size, sizeof(size), it->end - it->start);
	if (it->kind == PIC_MARKER)
		snprintf(buf, cap, "%s %s", it->name, s);
	else if (it->end == it->start)
		snprintf(buf, cap, "%s at %s (empty)", it->name, s);
	else
		snprintf(buf, cap, "%s %s-%s (%s)", it->name, s, e, size);
}

/* An earlier reservation of the same name in @it: its name is listed. */
static bool listed_before(const struct vml_layout *lo, const struct pic_item *it, unsigned int i)
{
	for (unsigned int j = 0; j < i; j++) {
		const struct vml_reservation *r = &lo->reservations[j];

		if (r->base < it->end && r->base + r->size > it->start &&
		    vml_str_eq(r->name, lo->reservations[i].name))
			return true;
	}
	return false;
}

/* memblock.reserved: which of the modelled reservations lie in it, each
 * name once. */
static void reserved_names(const struct vml_layout *lo, const struct pic_item *it, char *buf,
			   size_t cap)
{
	size_t n = 0;

	buf[0] = '\0';
	for (unsigned int i = 0; i < lo->n_reservations && n + 1 < cap; i++) {
		const struct vml_reservation *r = &lo->reservations[i];

		if (r->base < it->end && r->base + r->size > it->start && !listed_before(lo, it, i))
			n += (size_t)snprintf(buf + n, cap - n, "%s%s", n ? ", " : "", r->name);
	}
}

/* A label: the item's name, range and size; a reservation's label adds
 * what it holds, cut to a readable length. */
static void item_text(const struct picture *p, const struct pic_column *c,
		      const struct pic_item *it, char *buf, size_t cap)
{
	char names[PIC_TIP_LEN / 2];
	size_t n;

	item_label(c, it, buf, cap);
	if (it->kind != PIC_RESERVED)
		return;
	reserved_names(p->lo, it, names, sizeof(names));
	if (strlen(names) > 40)
		strcpy(names + 37, "...");
	n = strlen(buf);
	if (names[0])
		snprintf(buf + n, cap - n, ": %s", names);
}

static void item_tip(const struct picture *p, const struct pic_column *c, struct pic_item *it)
{
	char label[PIC_TEXT_LEN], names[160];

	item_label(c, it, label, sizeof(label));
	if (it->kind == PIC_RESERVED) {
		reserved_names(p->lo, it, names, sizeof(names));
		snprintf(it->tip, sizeof(it->tip), "%s\n%s%s%s", label,
			 vml_pic_kind_meaning(it->kind), names[0] ? "; holds: " : "", names);
	} else {
		snprintf(it->tip, sizeof(it->tip), "%s\n%s", label, vml_pic_kind_meaning(it->kind));
	}
}

/* Positions, for containment: an end of 0 is 2^64. */
static bool contains(const struct pic_item *outer, const struct pic_item *inner)
{
	uint64_t oe = outer->end ? outer->end : UINT64_MAX;
	uint64_t ie = inner->end ? inner->end : UINT64_MAX;

	return outer->start <= inner->start && ie <= oe;
}

static void item_depths(struct pic_column *c)
{
	for (size_t i = 0; i < c->n; i++) {
		struct pic_item *it = &c->items[i];

		it->depth = 0;
		if (it->kind == PIC_RESERVED || it->kind == PIC_MARKER)
			continue;
		for (size_t j = 0; j < c->n; j++) {
			const struct pic_item *o = &c->items[j];
			bool same = o->start == it->start && o->end == it->end;

			if (j != i && o->kind != PIC_RESERVED && o->kind != PIC_UNUSED &&
			    o->kind != PIC_MARKER && contains(o, it) && (!same || j < i))
				it->depth++;
		}
	}
}

static void column_cuts(struct pic_column *c)
{
	uint64_t top = 0;

	vml_svg_scale_init(&c->scale);
	for (size_t i = 0; i < c->n; i++) {
		vml_svg_scale_cut(&c->scale, c->items[i].start, false);
		vml_svg_scale_cut(&c->scale, c->items[i].end, true);
		if (c->items[i].end > top || c->items[i].end == 0)
			top = c->items[i].end ? vml_max(top, c->items[i].end) : UINT64_MAX;
	}
	/* at least 8 digits, as the kernel prints 32-bit addresses */
	c->digits =
	    (unsigned int)vml_max(8, (uint64_t)hex_digits(top == UINT64_MAX ? top : top - 1));
}

/* The linear map's segments (and the 64-bit kernel image's own mapping)
 * must start and end on cuts of both columns, so their bands are exact. */
static void mapping_cuts(struct picture *p)
{
	const struct vml_layout *lo = p->lo;
	const struct vml_vregion *k = vml_layout_find_region(lo, "kernel");

	for (unsigned int i = 0; i < lo->n_segments; i++) {
		const struct vml_linear_segment *s = &lo->segments[i];

		vml_svg_scale_cut(&p->va.scale, s->virt, false);
		vml_svg_scale_cut(&p->va.scale, s->virt + s->size, true);
		vml_svg_scale_cut(&p->pa.scale, s->phys, false);
		vml_svg_scale_cut(&p->pa.scale, s->phys + s->size, false);
	}
	if (k && k->end > k->start && lo->kimage_voffset) {
		vml_svg_scale_cut(&p->pa.scale, k->start - lo->kimage_voffset, false);
		vml_svg_scale_cut(&p->pa.scale, k->end - lo->kimage_voffset, false);
	}
}

static void item_rects(struct pic_column *c)
{
	for (size_t i = 0; i < c->n; i++) {
		struct pic_item *it = &c->items[i];

		it->y_top = vml_svg_scale_y(&c->scale, it->end, true);
		it->y_bottom = vml_svg_scale_y(&c->scale, it->start, false);
		if (it->kind == PIC_RESERVED) {
			it->x = c->x + c->w - STRIP_W;
			it->w = STRIP_W;
		} else {
			it->x = c->x + INSET * it->depth;
			it->w = c->w - 2 * INSET * it->depth;
		}
	}
}

static int cmp_lane(const void *a, const void *b)
{
	const struct pic_lane_entry *x = a, *y = b;

	if (x->want != y->want)
		return x->want < y->want ? -1 : 1;
	return x->depth < y->depth ? -1 : x->depth > y->depth;
}

static double label_height(void)
{
	return SVG_LINE_EM * PIC_FONT_PX;
}

/* The item's name in its label's id: the layout's own name for its regions
 * (as the JSON output has them), else its kind. */
static const char *item_key(const struct pic_item *it)
{
	if (it->kind == PIC_REGION || it->kind == PIC_SECTION)
		return it->name;
	return it->kind == PIC_RECLAIMED ? "vmalloc_hole" : vml_pic_css(it->kind);
}

/* The labels of a column: created here, placed by place_lane(). */
static int column_labels(struct picture *p, struct pic_column *c, double *widest)
{
	*widest = 0;
	for (size_t i = 0; i < c->n; i++) {
		struct pic_item *it = &c->items[i];
		char text[PIC_TEXT_LEN];
		struct pic_text *t;

		item_text(p, c, it, text, sizeof(text));
		item_tip(p, c, it);
		t = add_text(p, PIC_TEXT_LABEL, text, PIC_FONT_PX, 0, 0, c->is_virtual);
		if (!t)
			return -1;
		snprintf(t->id, sizeof(t->id), "%s/%s/0x%" PRIx64 "/0x%" PRIx64,
			 c->is_virtual ? "va" : "pa", item_key(it), it->start, it->end);
		it->text = p->n_texts - 1;
		*widest = t->box.w > *widest ? t->box.w : *widest;
	}
	return 0;
}

static double lane_need(const struct pic_column *c)
{
	return (double)c->n * (label_height() + LABEL_GAP);
}

static int place_lane(struct picture *p, struct pic_column *c, double lo, double hi, double lane_x)
{
	struct pic_scratch *w = &p->scratch;
	struct pic_lane_entry *e = w->lane;
	double *want = w->want, *h = w->h, *top = w->top;

	for (size_t i = 0; i < c->n; i++) {
		e[i].want = (c->items[i].y_top + c->items[i].y_bottom) / 2;
		e[i].h = label_height();
		e[i].item = i;
		e[i].depth = c->items[i].depth;
	}
	qsort(e, c->n, sizeof(e[0]), cmp_lane);
	for (size_t i = 0; i < c->n; i++) {
		want[i] = e[i].want;
		h[i] = e[i].h;
	}
	if (vml_svg_labels_stack(want, h, c->n, LABEL_GAP, lo, hi, top, w->clusters))
		return -1;
	for (size_t i = 0; i < c->n; i++) {
		const struct pic_item *it = &c->items[e[i].item];
		struct pic_text *t = &p->texts[it->text];

		text_to(t, lane_x, top[i]);
		t->leader = true;
		t->from_x = c->is_virtual ? it->x : it->x + it->w;
		t->from_y = e[i].want;
	}
	return 0;
}

/* Lines of at most @width characters from @s, cut at spaces; each added as
 * a @role text at @x from *@y down. */
static int wrapped_text(struct picture *p, enum pic_text_role role, const char *s, size_t width,
			double font_px, double x, double *y)
{
	char line[PIC_TEXT_LEN];

	width = width < sizeof(line) - 1 ? width : sizeof(line) - 1;
	while (*s) {
		size_t n = strlen(s);

		if (n > width) {
			n = width;
			while (n > width / 2 && s[n] != ' ')
				n--;
			if (s[n] != ' ')
				n = width;
		}
		memcpy(line, s, n);
		line[n] = '\0';
		if (!add_text(p, role, line, font_px, x, *y, false))
			return -1;
		*y += SVG_LINE_EM * font_px + 2;
		s += n;
		while (*s == ' ')
			s++;
	}
	return 0;
}

static const char *reclaim_name(enum vml_reclaim r)
{
	switch (r) {
	case VML_RECLAIM_DONT_MAP_HOLE:
		return "hole (DONT_MAP_HOLE_AFTER_MEMBANK0)";
	case VML_RECLAIM_VMALLOC_SAVING:
		return "intermix (ENABLE_VMALLOC_SAVING)";
	default:
		return "none";
	}
}

static int title_texts(struct picture *p, const struct vml_picture_info *info, double *y)
{
	const struct vml_layout *lo = p->lo;
	const struct vml_kernel_config *cfg = info ? info->cfg : NULL;
	const struct vml_arch_desc *desc = vml_arch_find(lo->arch);
	char line[3 * PIC_TEXT_LEN];
	size_t n, wrap = (size_t)((p->width - 2 * MARGIN) / (SVG_ADVANCE_EM * PIC_FONT_PX));

	snprintf(p->title, sizeof(p->title), "Virtual memory layout: %s",
		 info && info->board && info->board[0] ? info->board : "(board from flags)");
	if (!add_text(p, PIC_TEXT_TITLE, p->title, PIC_TITLE_PX, MARGIN, *y, false))
		return -1;
	*y += SVG_LINE_EM * PIC_TITLE_PX + 4;
	n = (size_t)snprintf(line, sizeof(line),
			     "%s, kernel profile %s (%s); PAGE_OFFSET 0x%0*" PRIx64,
			     vml_arch_name(lo->arch), lo->profile, lo->profile_src,
			     (int)p->va.digits, lo->page_offset);
	if (cfg && desc && desc->tables_kind && desc->reclaim_profile)
		snprintf(line + n, sizeof(line) - n, "; %s; hole reclaim: %s",
			 desc->tables_kind(cfg), reclaim_name(cfg->reclaim));
	else if (cfg)
		snprintf(line + n, sizeof(line) - n, "; %llu KiB pages",
			 (unsigned long long)((cfg->page_size ? cfg->page_size : 4096) >> 10));
	if (wrapped_text(p, PIC_TEXT_TITLE, line, wrap, PIC_FONT_PX, MARGIN, y))
		return -1;
	if (info && info->options && info->options[0]) {
		snprintf(line, sizeof(line), "options: %s", info->options);
		if (wrapped_text(p, PIC_TEXT_TITLE, line, wrap, PIC_FONT_PX, MARGIN, y))
			return -1;
	}
	*y += 8;
	return 0;
}

static int header_texts(struct picture *p, double y)
{
	const char *v = "virtual (high addresses at the top)";
	const char *ph = "physical";

	if (!add_text(p, PIC_TEXT_HEADER, v, PIC_FONT_PX, p->va.x, y, false) ||
	    !add_text(p, PIC_TEXT_HEADER, ph, PIC_FONT_PX, p->pa.x, y, false))
		return -1;
	return 0;
}

static bool kind_present(const struct picture *p, enum pic_kind k)
{
	for (size_t i = 0; i < p->va.n; i++)
		if (p->va.items[i].kind == k)
			return true;
	for (size_t i = 0; i < p->pa.n; i++)
		if (p->pa.items[i].kind == k)
			return true;
	return false;
}

static int legend_entry(struct picture *p, const char *css, const char *fill, const char *stroke,
			bool line, const char *text)
{
	struct pic_legend *l = &p->legend[p->n_legend];

	if (p->n_legend == VML_ARRAY_SIZE(p->legend) ||
	    !add_text(p, PIC_TEXT_LEGEND, text, PIC_FONT_PX, 0, 0, false))
		return -1;
	l->css = css;
	l->fill = fill;
	l->stroke = stroke;
	l->line = line;
	l->text = p->n_texts - 1;
	p->n_legend++;
	return 0;
}

static int legend_entries(struct picture *p, bool image_mapping)
{
	static const struct pic_item sample = {.kind = PIC_REGION};

	for (int k = 0; k < PIC_N_KINDS; k++) {
		struct pic_item it = sample;

		it.kind = (enum pic_kind)k;
		if (kind_present(p, it.kind) &&
		    legend_entry(p, vml_pic_css(it.kind), vml_pic_fill(&it),
				 it.kind == PIC_MARKER ? "#000" : "#333", it.kind == PIC_MARKER,
				 vml_pic_kind_meaning(it.kind)))
			return -1;
	}
	if (p->lo->n_segments &&
	    legend_entry(p, "linear", "#c8ebc8", "#2a7a2a", false,
			 "the linear map: a virtual range and the RAM it maps"))
		return -1;
	if (image_mapping && legend_entry(p, "image-map", "#f6d3ad", "#a05a10", false,
					  "the kernel image's own mapping (kimage_voffset)"))
		return -1;
	if (legend_entry(p, "break", "none", "#000", true,
			 "scale break: the scale changes at every such mark") ||
	    legend_entry(p, "leader", "none", "#777", true,
			 "leader line: joins a label to the middle of its item"))
		return -1;
	return 0;
}

/* Legend entries in as many columns as fit, then the note on the scale. */
static int legend_layout(struct picture *p, double y, double *bottom)
{
	double widest = 0, col_w, x0 = MARGIN;
	size_t per_row;
	char note[2 * PIC_TEXT_LEN];

	for (size_t i = 0; i < p->n_legend; i++) {
		const struct svg_box *b = &p->texts[p->legend[i].text].box;

		widest = b->w > widest ? b->w : widest;
	}
	col_w = LEGEND_SWATCH + 8 + widest + 24;
	per_row = (size_t)((p->width - 2 * MARGIN) / col_w);
	per_row = per_row ? per_row : 1;
	for (size_t i = 0; i < p->n_legend; i++) {
		struct pic_legend *l = &p->legend[i];
		double lx = x0 + (double)(i % per_row) * col_w;
		double ly = y + (double)(i / per_row) * (label_height() + 5);

		l->x = lx;
		l->y = ly;
		text_to(&p->texts[l->text], lx + LEGEND_SWATCH + 8, ly);
	}
	y += (double)((p->n_legend + per_row - 1) / per_row) * (label_height() + 5) + 6;
	snprintf(note, sizeof(note),
		 "Scale: piecewise, not linear. Each column is cut wherever an item starts or "
		 "ends; a band between two cuts is %.0f px plus %.0f px per doubling of its size "
		 "above 4 KiB (4 KiB %.0f px, 1 MiB %.0f px, 1 GiB %.0f px), then both columns are "
		 "stretched to one height that holds their labels. Read sizes from the labels: "
		 "[start-end) and size.",
		 SVG_BAND_MIN_PX, SVG_BAND_PX_PER_DOUBLING, vml_svg_band_height(4096),
		 vml_svg_band_height(1ULL << 20), vml_svg_band_height(1ULL << 30));
	if (wrapped_text(p, PIC_TEXT_LEGEND, note,
			 (size_t)((p->width - 2 * MARGIN) / (SVG_ADVANCE_EM * PIC_FONT_PX)),
			 PIC_FONT_PX, MARGIN, &y))
		return -1;
	*bottom = y;
	return 0;
}

static int check_boxes(struct picture *p, struct vml_host_error *err)
{
	struct svg_box *boxes = p->scratch.boxes;
	size_t i, j;

	for (i = 0; i < p->n_texts; i++) {
		const struct svg_box *b = &p->texts[i].box;

		boxes[i] = *b;
		if (b->x < 0 || b->y < 0 || b->x + b->w > p->width || b->y + b->h > p->height)
			return vml_host_error_set(err, VML_ERANGE,
						  "the picture: text '%s' lies outside it",
						  p->texts[i].text);
	}
	if (vml_svg_labels_find_overlap(boxes, p->n_texts, &i, &j))
		return vml_host_error_set(err, VML_ERANGE,
					  "the picture: texts '%s' and '%s' would overlap",
					  p->texts[i].text, p->texts[j].text);
	return 0;
}

static int columns(struct picture *p, const struct vml_picture_info *info,
		   struct vml_host_error *err)
{
	p->va.is_virtual = true;
	p->va.header = "virtual";
	p->pa.header = "physical";
	if (vml_pic_virtual_items(p, info) || vml_pic_physical_items(p))
		return vml_host_error_set(
		    err, VML_ERANGE, "the picture: more than %d items in a column", PIC_MAX_ITEMS);
	item_depths(&p->va);
	item_depths(&p->pa);
	column_cuts(&p->va);
	column_cuts(&p->pa);
	mapping_cuts(p);
	if (p->va.scale.full || p->pa.scale.full)
		return vml_host_error_set(err, VML_ERANGE,
					  "the picture: more than %d scale cuts in a column",
					  SVG_SCALE_MAX_CUTS);
	return 0;
}

/* Scales of both columns from @top, stretched to one height that holds
 * every label. */
static void scales(struct picture *p, double top)
{
	double hv, hp, h;

	vml_svg_scale_finish(&p->va.scale, top);
	vml_svg_scale_finish(&p->pa.scale, top);
	hv = vml_svg_scale_height(&p->va.scale);
	hp = vml_svg_scale_height(&p->pa.scale);
	h = hv > hp ? hv : hp;
	h = lane_need(&p->va) > h ? lane_need(&p->va) : h;
	h = lane_need(&p->pa) > h ? lane_need(&p->pa) : h;
	if (hv > 0)
		vml_svg_scale_stretch(&p->va.scale, h / hv);
	if (hp > 0)
		vml_svg_scale_stretch(&p->pa.scale, h / hp);
}

int vml_pic_build(struct picture *p, const struct vml_layout *lo, const struct vml_memblock *mb,
		  const struct vml_picture_info *info, struct vml_host_error *err)
{
	double y = MARGIN, va_lane_w, pa_lane_w, top, h, bottom;
	int ret;

	memset(p, 0, sizeof(*p));
	p->lo = lo;
	p->mb = mb;
	ret = columns(p, info, err);
	if (ret)
		return ret;
	if (column_labels(p, &p->va, &va_lane_w) || column_labels(p, &p->pa, &pa_lane_w))
		goto too_many;
	p->va.x = MARGIN + va_lane_w + LEADER_W;
	p->va.w = p->pa.w = COL_W;
	p->pa.x = p->va.x + COL_W + GAP_W;
	p->width = p->pa.x + COL_W + LEADER_W + pa_lane_w + MARGIN;
	if (title_texts(p, info, &y))
		goto too_many;
	if (header_texts(p, y))
		goto too_many;
	top = y + label_height() + 10;
	scales(p, top);
	h = vml_svg_scale_height(&p->va.scale);
	item_rects(&p->va);
	item_rects(&p->pa);
	if (place_lane(p, &p->va, top - 4, top + h + 4, p->va.x - LEADER_W) ||
	    place_lane(p, &p->pa, top - 4, top + h + 4, p->pa.x + COL_W + LEADER_W))
		goto too_many;
	if (legend_entries(p, lo->kimage_voffset && vml_layout_find_region(lo, "kernel")) ||
	    legend_layout(p, top + h + 28, &bottom))
		goto too_many;
	p->height = bottom + MARGIN;
	return check_boxes(p, err);
too_many:
	return vml_host_error_set(err, VML_ERANGE,
				  "the picture: its labels do not fit (more than %d texts)",
				  PIC_MAX_TEXTS);
}
