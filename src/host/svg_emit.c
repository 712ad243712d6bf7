/* SPDX-License-Identifier: MIT */
/*
 * Writing a built layout picture as an <svg> element: an opaque
 * background, the linear map's bands, both columns with their scale breaks,
 * the leader lines, every text with its box in data-box="x y w h" (so tests
 * and browsers can check the layout), and the legend's swatches.
 */
#include <inttypes.h>
#include <string.h>

#include "host/svg_picture.h"

void vml_pic_xml_text(FILE *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			fputs("&amp;", out);
			break;
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '"':
			fputs("&quot;", out);
			break;
		default:
			fputc(*s, out);
		}
	}
}

static void defs(FILE *out)
{
	fputs(
	    "<defs>\n"
	    "<pattern id=\"pic-wasted\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
	    "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#fbe3e3\"/>"
	    "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#d04040\" stroke-width=\"2\"/>"
	    "</pattern>\n"
	    "<pattern id=\"pic-reclaimed\" width=\"6\" height=\"6\" "
	    "patternUnits=\"userSpaceOnUse\" "
	    "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#8fb8e8\"/>"
	    "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>"
	    "</pattern>\n"
	    "<pattern id=\"pic-unused\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
	    "patternTransform=\"rotate(-45)\"><rect width=\"6\" height=\"6\" fill=\"#ffffff\"/>"
	    "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#c8c8c8\" stroke-width=\"1\"/>"
	    "</pattern>\n"
	    "<pattern id=\"pic-regions\" width=\"24\" height=\"8\" patternUnits=\"userSpaceOnUse\">"
	    "<rect width=\"8\" height=\"8\" fill=\"#8fb8e8\"/><rect x=\"8\" width=\"8\" "
	    "height=\"8\" fill=\"#e8c88f\"/><rect x=\"16\" width=\"8\" height=\"8\" "
	    "fill=\"#d8a0d8\"/></pattern>\n"
	    "</defs>\n"
	    "<style>\n"
	    ".item:hover > rect, .map:hover > polygon { stroke: #000; stroke-width: 2; }\n"
	    "text { white-space: pre; }\n"
	    ".title { font-weight: bold; }\n"
	    "</style>\n",
	    out);
}

static void linear_map(FILE *out, const struct picture *p)
{
	const struct vml_layout *lo = p->lo;
	double xv = p->va.x + p->va.w, xp = p->pa.x;

	fputs("<g class=\"linear-map\">\n", out);
	for (unsigned int i = 0; i < lo->n_segments; i++) {
		const struct vml_linear_segment *s = &lo->segments[i];
		double vt = vml_svg_scale_y(&p->va.scale, s->virt + s->size, true);
		double vb = vml_svg_scale_y(&p->va.scale, s->virt, false);
		double pt = vml_svg_scale_y(&p->pa.scale, s->phys + s->size, false);
		double pb = vml_svg_scale_y(&p->pa.scale, s->phys, false);

		fprintf(
		    out,
		    "<g class=\"map\"><title>linear map: virtual 0x%" PRIx64 "-0x%" PRIx64
		    " maps physical 0x%" PRIx64 "-0x%" PRIx64 "</title>"
		    "<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f\" fill=\"#8fd18f\" "
		    "fill-opacity=\"0.35\"/>"
		    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#2a7a2a\"/>"
		    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
		    "stroke=\"#2a7a2a\"/></g>\n",
		    s->virt, s->virt + s->size, s->phys, s->phys + s->size, xv, vt, xp, pt, xp, pb,
		    xv, vb, xv, vt, xp, pt, xv, vb, xp, pb);
	}
	fputs("</g>\n", out);
}

/* The arm64/riscv64 kernel image's own mapping, VA = PA + kimage_voffset. */
static void image_map(FILE *out, const struct picture *p)
{
	const struct vml_layout *lo = p->lo;
	const struct vml_vregion *k = vml_layout_find_region(lo, "kernel");
	double xv = p->va.x + p->va.w, xp = p->pa.x;
	uint64_t ps, pe;

	if (!k || k->end <= k->start || !lo->kimage_voffset)
		return;
	ps = k->start - lo->kimage_voffset;
	pe = k->end - lo->kimage_voffset;
	fprintf(out,
		"<g class=\"map image-map\"><title>kernel image: virtual 0x%" PRIx64 "-0x%" PRIx64
		" maps physical 0x%" PRIx64 "-0x%" PRIx64 " (kimage_voffset 0x%" PRIx64 ")</title>"
		"<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f\" fill=\"#f0b070\" "
		"fill-opacity=\"0.45\" stroke=\"#a05a10\" stroke-dasharray=\"4 2\"/></g>\n",
		k->start, k->end, ps, pe, lo->kimage_voffset, xv,
		vml_svg_scale_y(&p->va.scale, k->end, true), xp,
		vml_svg_scale_y(&p->pa.scale, pe, false), xp,
		vml_svg_scale_y(&p->pa.scale, ps, false), xv,
		vml_svg_scale_y(&p->va.scale, k->start, false));
}

static void item(FILE *out, const struct picture *p, const struct pic_item *it)
{
	double h = it->y_bottom - it->y_top;
	double y = it->y_top;

	if (it->kind == PIC_MARKER) {
		fprintf(out, "<g class=\"item k-marker\" data-id=\"%s\"><title>",
			p->texts[it->text].id);
		vml_pic_xml_text(out, it->tip);
		fprintf(out,
			"</title><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
			"stroke=\"#000\" stroke-width=\"1.2\" stroke-dasharray=\"5 3\"/></g>\n",
			it->x - 6, y, it->x + it->w + 6, y);
		return;
	}
	if (h < 2) { /* an empty item: a line where it would start */
		y -= 1;
		h = 2;
	}
	fprintf(out, "<g class=\"item k-%s\" data-id=\"%s\"><title>", vml_pic_css(it->kind),
		p->texts[it->text].id);
	vml_pic_xml_text(out, it->tip);
	fprintf(out,
		"</title><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" "
		"stroke=\"%s\" stroke-width=\"%s\"/></g>\n",
		it->x, y, it->w, h, vml_pic_fill(it), it->kind == PIC_RESERVED ? "#802020" : "#333",
		it->kind == PIC_SECTION ? "0.8" : "0.6");
}

/* The scale-break mark "//" across a column edge at row @y. */
static void break_mark(FILE *out, double x, double y)
{
	fprintf(out,
		"<path class=\"break\" d=\"M%.1f %.1f l8 -4 M%.1f %.1f l8 -4\" stroke=\"#000\" "
		"stroke-width=\"0.8\"/>\n",
		x - 4, y + 1, x - 4, y + 4);
}

static void column(FILE *out, const struct picture *p, const struct pic_column *c)
{
	unsigned int max_depth = 0;

	fprintf(out, "<g class=\"column %s\">\n", c->is_virtual ? "virtual" : "physical");
	for (size_t i = 0; i < c->n; i++)
		max_depth = c->items[i].depth > max_depth ? c->items[i].depth : max_depth;
	/* outer items first, nested ones on top, reservations last */
	for (unsigned int d = 0; d <= max_depth; d++)
		for (size_t i = 0; i < c->n; i++)
			if (c->items[i].depth == d && c->items[i].kind != PIC_RESERVED &&
			    c->items[i].kind != PIC_MARKER)
				item(out, p, &c->items[i]);
	for (size_t i = 0; i < c->n; i++)
		if (c->items[i].kind == PIC_RESERVED)
			item(out, p, &c->items[i]);
	for (size_t i = 0; i < c->n; i++)
		if (c->items[i].kind == PIC_MARKER)
			item(out, p, &c->items[i]);
	for (size_t i = 1; i + 1 < c->scale.n; i++)
		break_mark(out, c->is_virtual ? c->x : c->x + c->w, c->scale.y[i]);
	fputs("</g>\n", out);
}

static void leaders(FILE *out, const struct picture *p)
{
	fputs("<g class=\"leaders\" stroke=\"#777\" stroke-width=\"0.7\" fill=\"none\">\n", out);
	for (size_t i = 0; i < p->n_texts; i++) {
		const struct pic_text *t = &p->texts[i];
		double cy = t->box.y + t->box.h / 2;
		double end = t->anchor_end ? t->box.x + t->box.w + 3 : t->box.x - 3;
		double knee = t->anchor_end ? t->from_x - 10 : t->from_x + 10;

		if (t->leader)
			fprintf(out, "<polyline points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\"/>\n",
				t->from_x, t->from_y, knee, t->from_y, end, cy);
	}
	fputs("</g>\n", out);
}

static const char *const role_class[] = {"title", "header", "label", "legend"};

static void texts(FILE *out, const struct picture *p)
{
	fputs("<g class=\"texts\">\n", out);
	for (size_t i = 0; i < p->n_texts; i++) {
		const struct pic_text *t = &p->texts[i];

		fprintf(out,
			"<text class=\"%s\" x=\"%.1f\" y=\"%.1f\" font-size=\"%.0f\"%s "
			"data-box=\"%.1f %.1f %.1f %.1f\"",
			role_class[t->role], t->x, t->baseline, t->font_px,
			t->anchor_end ? " text-anchor=\"end\"" : "", t->box.x, t->box.y, t->box.w,
			t->box.h);
		if (t->id[0])
			fprintf(out, " data-for=\"%s\"", t->id);
		fputc('>', out);
		vml_pic_xml_text(out, t->text);
		fputs("</text>\n", out);
	}
	fputs("</g>\n", out);
}

static void legend(FILE *out, const struct picture *p)
{
	fputs("<g class=\"legend\">\n", out);
	for (size_t i = 0; i < p->n_legend; i++) {
		const struct pic_legend *l = &p->legend[i];
		double h = SVG_LINE_EM * PIC_FONT_PX;

		if (!l->line)
			fprintf(
			    out,
			    "<rect class=\"swatch-%s\" x=\"%.1f\" y=\"%.1f\" width=\"22\" "
			    "height=\"%.1f\" fill=\"%s\" stroke=\"%s\" stroke-width=\"0.6\"/>\n",
			    l->css, l->x, l->y + 2, h - 4, l->fill, l->stroke);
		else if (!strcmp(l->css, "break"))
			break_mark(out, l->x + 11, l->y + h / 2);
		else
			fprintf(out,
				"<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
				"stroke=\"%s\"%s/>\n",
				l->x, l->y + h / 2, l->x + 22, l->y + h / 2, l->stroke,
				strcmp(l->css, "marker") ? "" : " stroke-dasharray=\"5 3\"");
	}
	fputs("</g>\n", out);
}

void vml_pic_emit_svg(FILE *out, const struct picture *p)
{
	fprintf(out,
		"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"vmlayout-picture\" "
		"width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
		"font-family=\"DejaVu Sans Mono, Liberation Mono, monospace\">\n<title>",
		p->width, p->height, p->width, p->height);
	vml_pic_xml_text(out, p->title);
	fputs("</title>\n", out);
	defs(out);
	fprintf(out,
		"<rect class=\"background\" x=\"0\" y=\"0\" width=\"%.0f\" height=\"%.0f\" "
		"fill=\"#ffffff\"/>\n",
		p->width, p->height);
	linear_map(out, p);
	image_map(out, p);
	column(out, p, &p->va);
	column(out, p, &p->pa);
	leaders(out, p);
	texts(out, p);
	legend(out, p);
	fputs("</svg>\n", out);
}
