/* SPDX-License-Identifier: MIT */
/*
 * The SVG picture of a layout: the virtual address space on the left, the
 * physical one on the right, high addresses at the top (as seed 002 draws
 * them), and a band for every linear-map segment joining the two. Regions are
 * drawn to scale inside each column; a region too thin to see keeps a
 * minimum height so its label stays readable.
 */
#include <inttypes.h>
#include <string.h>

#include "vmlayout/arch.h"
#include "vmlayout/report.h"

#define SVG_W 900
#define SVG_H 760
#define COL_H 680
#define COL_Y 50
#define VCOL_X 150
#define PCOL_X 610
#define COL_W 140

struct axis {
	double lo, hi; /* address range shown */
};

static double y_of(const struct axis *a, uint64_t addr)
{
	double f = ((double)addr - a->lo) / (a->hi - a->lo);

	return COL_Y + COL_H - f * COL_H;
}

static const char *fill_for(const char *name)
{
	static const struct {
		const char *name, *colour;
	} colours[] = {{"lowmem", "#8fd18f"},  {"vmalloc", "#8fb8e8"}, {"vmalloc_hole", "#8fb8e8"},
		       {"modules", "#e8c88f"}, {"pkmap", "#d8a0d8"},   {"fixmap", "#e8e08f"},
		       {"vectors", "#e89f8f"}, {"dtb", "#c0c0c0"},     {"pci_io", "#b0d0d0"}};

	for (size_t i = 0; i < VML_ARRAY_SIZE(colours); i++)
		if (!strcmp(colours[i].name, name))
			return colours[i].colour;
	return "#dddddd";
}

static void box(FILE *out, double x, double y_top, double y_bottom, const char *fill,
		const char *label, uint64_t start, uint64_t end, int digits, int label_left)
{
	double h = y_bottom - y_top;

	if (h < 3)
		h = 3;
	fprintf(out,
		"  <rect x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\" "
		"stroke=\"#333\" stroke-width=\"0.5\"><title>%s 0x%0*" PRIx64 "-0x%0*" PRIx64
		"</title></rect>\n",
		x, y_top, COL_W, h, fill, label, digits, start, digits, end);
	fprintf(out,
		"  <text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"%s\">%s 0x%0*" PRIx64
		"</text>\n",
		label_left ? x - 6 : x + COL_W + 6, y_top + h / 2 + 3, label_left ? "end" : "start",
		label, digits, start);
}

static void virtual_column(FILE *out, const struct vml_layout *lo, const struct axis *va)
{
	int digits = (int)lo->addr_digits;

	for (unsigned int i = 0; i < lo->n_regions; i++) {
		const struct vml_vregion *r = &lo->regions[i];

		if (r->name[0] == '.') /* image sections lie inside lowmem */
			continue;
		box(out, VCOL_X, y_of(va, r->end), y_of(va, r->start), fill_for(r->name), r->name,
		    r->start, r->end, digits, 1);
	}
}

static void physical_column(FILE *out, const struct vml_layout *lo, const struct vml_memblock *mb,
			    const struct axis *pa)
{
	int digits = mb->phys_addr_max > 0xffffffffULL ? 10 : 8;

	for (unsigned int i = 0; i < mb->memory.cnt; i++) {
		const struct vml_memblock_region *r = &mb->memory.regions[i];
		uint64_t end = r->base + r->size;
		/* a bank that crosses arm_lowmem_limit is drawn as two pieces */
		uint64_t cut = vml_min(vml_max(lo->lowmem_limit, r->base), end);
		bool nomap = r->flags & VML_MEMBLOCK_NOMAP;

		if (cut > r->base)
			box(out, PCOL_X, y_of(pa, cut), y_of(pa, r->base),
			    nomap ? "#bbbbbb" : "#8fd18f", nomap ? "no-map" : "lowmem RAM", r->base,
			    cut, digits, 0);
		if (end > cut)
			box(out, PCOL_X, y_of(pa, end), y_of(pa, cut),
			    nomap ? "#bbbbbb" : "#f0c0a0", nomap ? "no-map" : "highmem RAM", cut,
			    end, digits, 0);
	}
	for (unsigned int i = 0; i < mb->reserved.cnt; i++) {
		const struct vml_memblock_region *r = &mb->reserved.regions[i];

		fprintf(out,
			"  <rect x=\"%d\" y=\"%.1f\" width=\"14\" height=\"%.1f\" fill=\"#c04040\">"
			"<title>reserved 0x%" PRIx64 "+0x%" PRIx64 "</title></rect>\n",
			PCOL_X + COL_W - 14, y_of(pa, r->base + r->size),
			y_of(pa, r->base) - y_of(pa, r->base + r->size) < 1
			    ? 1.0
			    : y_of(pa, r->base) - y_of(pa, r->base + r->size),
			r->base, r->size);
	}
	fprintf(out,
		"  <line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#000\" "
		"stroke-dasharray=\"4 2\"/>\n  <text x=\"%d\" y=\"%.1f\" font-size=\"10\" "
		"text-anchor=\"end\">arm_lowmem_limit 0x%" PRIx64 "</text>\n",
		PCOL_X - 20, PCOL_X + COL_W, y_of(pa, lo->lowmem_limit), y_of(pa, lo->lowmem_limit),
		PCOL_X - 24, y_of(pa, lo->lowmem_limit) + 3, lo->lowmem_limit);
}

static void linear_bands(FILE *out, const struct vml_layout *lo, const struct axis *va,
			 const struct axis *pa)
{
	for (unsigned int i = 0; i < lo->n_segments; i++) {
		const struct vml_linear_segment *s = &lo->segments[i];

		fprintf(out,
			"  <polygon points=\"%d,%.1f %d,%.1f %d,%.1f %d,%.1f\" fill=\"#8fd18f\" "
			"fill-opacity=\"0.35\" stroke=\"#4a4\" stroke-width=\"0.5\"/>\n",
			VCOL_X + COL_W, y_of(va, s->virt + s->size), PCOL_X,
			y_of(pa, s->phys + s->size), PCOL_X, y_of(pa, s->phys), VCOL_X + COL_W,
			y_of(va, s->virt));
	}
}

void vml_report_svg(FILE *out, const struct vml_layout *lo, const struct vml_memblock *mb)
{
	struct axis va = {0, lo->addr_digits > 8 ? 18446744073709551616.0 : 4294967296.0};
	struct axis pa = {(double)vml_memblock_start_of_DRAM(mb),
			  (double)vml_memblock_end_of_DRAM(mb)};

	/* the kernel half of a 32-bit space, from MODULES_VADDR up */
	if (lo->addr_digits == 8)
		va.lo = (double)(lo->page_offset - VML_SZ_16M);
	if (pa.hi <= pa.lo)
		pa.hi = pa.lo + 1;
	fprintf(
	    out,
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
	    "font-family=\"monospace\">\n"
	    "  <text x=\"%d\" y=\"24\" font-size=\"13\" text-anchor=\"middle\">virtual (%s "
	    "profile %s)</text>\n"
	    "  <text x=\"%d\" y=\"24\" font-size=\"13\" text-anchor=\"middle\">physical</text>\n",
	    SVG_W, SVG_H, VCOL_X + COL_W / 2, vml_arch_name(lo->arch), lo->profile,
	    PCOL_X + COL_W / 2);
	linear_bands(out, lo, &va, &pa);
	virtual_column(out, lo, &va);
	physical_column(out, lo, mb, &pa);
	fprintf(out, "</svg>\n");
}
