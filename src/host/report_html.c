/* SPDX-License-Identifier: MIT */
/*
 * The layout as a self-contained HTML page: the SVG picture inline (its
 * items carry <title> tooltips and highlight on hover), then the layout's
 * tables. No script, no style sheet, font or image from elsewhere.
 */
#include <inttypes.h>
#include <stdlib.h>

#include "host/svg_picture.h"

static const char page_style[] =
    "body { font-family: DejaVu Sans Mono, Liberation Mono, monospace; font-size: 13px;"
    " background: #fff; color: #000; margin: 16px; }\n"
    "table { border-collapse: collapse; margin: 6px 0 18px 0; }\n"
    "th, td { border: 1px solid #bbb; padding: 2px 8px; text-align: left; }\n"
    "td.n { text-align: right; }\n"
    "tr:hover td { background: #eef4ff; }\n"
    "h1 { font-size: 16px; } h2 { font-size: 14px; margin-top: 18px; }\n";

static void cell_addr(FILE *out, uint64_t v, unsigned int digits)
{
	fprintf(out, "<td>0x%0*" PRIx64 "</td>", (int)digits, v);
}

/* An end of 0 in a picture item is 2^64. */
static void cell_end(FILE *out, uint64_t v, unsigned int digits)
{
	if (v)
		cell_addr(out, v, digits);
	else
		fprintf(out, "<td>0x1%0*d</td>", (int)digits, 0);
}

static void cell_size(FILE *out, uint64_t size)
{
	char s[32];

	vml_pic_size_text(s, sizeof(s), size);
	fprintf(out, "<td class=\"n\">%s</td>", s);
}

static void figures(FILE *out, const struct vml_layout *lo)
{
	const struct {
		const char *name, *meaning;
		uint64_t v;
	} f[] = {
	    {"PAGE_OFFSET", "start of the linear map", lo->page_offset},
	    {"PHYS_OFFSET", "physical start of RAM at run time", lo->phys_offset},
	    {"high_memory", "end of the lowmem linear map (virtual)", lo->high_memory},
	    {"arm_lowmem_limit", "end of lowmem RAM (physical)", lo->lowmem_limit},
	    {"VMALLOC_START", "start of the vmalloc area", lo->vmalloc_start},
	    {"VMALLOC_END", "end of the vmalloc area", lo->vmalloc_end},
	    {"memblock limit", "memblock's current limit after the layout", lo->memblock_limit},
	    {"kimage_voffset", "VA(_text) - PA(_text) (arm64, riscv64)", lo->kimage_voffset},
	};

	fputs(
	    "<h2>Key figures</h2>\n<table>\n<tr><th>name</th><th>value</th><th>meaning</th></tr>\n",
	    out);
	for (size_t i = 0; i < VML_ARRAY_SIZE(f); i++)
		if (f[i].v)
			fprintf(out, "<tr><td>%s</td><td>0x%" PRIx64 "</td><td>%s</td></tr>\n",
				f[i].name, f[i].v, f[i].meaning);
	fputs("</table>\n", out);
}

static void regions(FILE *out, const struct picture *p)
{
	const struct pic_column *c = &p->va;

	fputs("<h2>Virtual address space (the picture's left column)</h2>\n<table>\n"
	      "<tr><th>item</th><th>start</th><th>end</th><th>size</th><th>what</th></tr>\n",
	      out);
	for (size_t i = 0; i < c->n; i++) {
		const struct pic_item *it = &c->items[i];

		fprintf(out, "<tr title=\"%s\"><td>", vml_pic_kind_meaning(it->kind));
		vml_pic_xml_text(out, it->name);
		fputs("</td>", out);
		cell_addr(out, it->start, c->digits);
		cell_end(out, it->end, c->digits);
		cell_size(out, it->end - it->start);
		fprintf(out, "<td>%s</td></tr>\n", vml_pic_kind_meaning(it->kind));
	}
	fputs("</table>\n", out);
}

static void segments(FILE *out, const struct picture *p)
{
	const struct vml_layout *lo = p->lo;

	fputs("<h2>Linear map</h2>\n<table>\n"
	      "<tr><th>virtual</th><th>physical</th><th>size</th></tr>\n",
	      out);
	for (unsigned int i = 0; i < lo->n_segments; i++) {
		const struct vml_linear_segment *s = &lo->segments[i];

		fputs("<tr>", out);
		cell_addr(out, s->virt, p->va.digits);
		cell_addr(out, s->phys, p->pa.digits);
		cell_size(out, s->size);
		fputs("</tr>\n", out);
	}
	fputs("</table>\n", out);
}

static void physical(FILE *out, const struct picture *p)
{
	const struct pic_column *c = &p->pa;

	fputs("<h2>Physical address space (the right column): memblock</h2>\n<table>\n"
	      "<tr><th>item</th><th>base</th><th>end</th><th>size</th><th>what</th></tr>\n",
	      out);
	for (size_t i = 0; i < c->n; i++) {
		const struct pic_item *it = &c->items[i];

		fputs("<tr title=\"", out);
		vml_pic_xml_text(out, it->tip);
		fprintf(out, "\"><td>%s</td>", it->name);
		cell_addr(out, it->start, c->digits);
		cell_end(out, it->end, c->digits);
		cell_size(out, it->end - it->start);
		fprintf(out, "<td>%s</td></tr>\n", vml_pic_kind_meaning(it->kind));
	}
	fputs("</table>\n", out);
}

static void reservations(FILE *out, const struct picture *p)
{
	const struct vml_layout *lo = p->lo;

	fputs("<h2>Modelled boot-time reservations</h2>\n<table>\n"
	      "<tr><th>name</th><th>base</th><th>size</th><th>freed at boot end</th></tr>\n",
	      out);
	for (unsigned int i = 0; i < lo->n_reservations; i++) {
		const struct vml_reservation *r = &lo->reservations[i];

		fputs("<tr><td>", out);
		vml_pic_xml_text(out, r->name);
		fputs("</td>", out);
		cell_addr(out, r->base, p->pa.digits);
		cell_size(out, r->size);
		fprintf(out, "<td>%s</td></tr>\n", r->freed_at_boot_end ? "yes" : "no");
	}
	fputs("</table>\n", out);
}

static void zones(FILE *out, const struct picture *p)
{
	const struct vml_layout *lo = p->lo;
	unsigned int shift = lo->page_shift ? lo->page_shift : 12;

	fputs("<h2>Zones</h2>\n<table>\n<tr><th>zone</th><th>start</th><th>end</th>"
	      "<th>spanned pages</th><th>present pages</th></tr>\n",
	      out);
	for (unsigned int i = 0; i < lo->n_zones; i++) {
		const struct vml_zone *z = &lo->zones[i];

		fprintf(out, "<tr><td>%s</td>", z->name);
		cell_addr(out, z->start_pfn << shift, p->pa.digits);
		cell_addr(out, z->end_pfn << shift, p->pa.digits);
		fprintf(out,
			"<td class=\"n\">%" PRIu64 "</td><td class=\"n\">%" PRIu64 "</td></tr>\n",
			z->end_pfn - z->start_pfn, z->present_pages);
	}
	fprintf(out,
		"</table>\n<h2>/proc/meminfo</h2>\n<table>\n"
		"<tr><td>MemTotal</td><td class=\"n\">%" PRIu64 " kB</td></tr>\n",
		lo->mem_total_kb);
	if (lo->highmem_totals)
		fprintf(out,
			"<tr><td>HighTotal</td><td class=\"n\">%" PRIu64 " kB</td></tr>\n"
			"<tr><td>LowTotal</td><td class=\"n\">%" PRIu64 " kB</td></tr>\n",
			lo->high_total_kb, lo->low_total_kb);
	fprintf(out,
		"<tr><td>VmallocTotal</td><td class=\"n\">%" PRIu64 " kB</td></tr>\n</table>\n",
		lo->vmalloc_total >> 10);
}

static void kmsgs(FILE *out, const struct vml_layout *lo)
{
	char line[512];

	if (!lo->n_kmsgs)
		return;
	fputs("<h2>Messages</h2>\n<pre>", out);
	for (unsigned int i = 0; i < lo->n_kmsgs && i < VML_LAYOUT_MAX_KMSGS; i++) {
		vml_report_kmsg_text(line, sizeof(line), &lo->kmsgs[i]);
		vml_pic_xml_text(out, line);
		fputc('\n', out);
	}
	fputs("</pre>\n", out);
}

int vml_report_html(FILE *out, const struct vml_layout *layout, const struct vml_memblock *mb,
		    const struct vml_picture_info *info, struct vml_host_error *err)
{
	int ret;
	struct picture *p = vml_pic_new(layout, mb, info, err, &ret);

	if (!p)
		return ret;
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>",
	      out);
	vml_pic_xml_text(out, p->title);
	fprintf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>", page_style);
	vml_pic_xml_text(out, p->title);
	fputs("</h1>\n<p>Hover over an item of the picture or a table row for what it is.</p>\n",
	      out);
	vml_pic_emit_svg(out, p);
	figures(out, layout);
	regions(out, p);
	segments(out, p);
	physical(out, p);
	reservations(out, p);
	zones(out, p);
	kmsgs(out, layout);
	fputs("</body>\n</html>\n", out);
	free(p);
	return 0;
}
