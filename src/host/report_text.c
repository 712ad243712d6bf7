/* SPDX-License-Identifier: MIT */
/* The kernel's own text formats for a computed layout (see report.h). */
#include "vmlayout/report.h"

#include <inttypes.h>
#include <string.h>

bool vml_report_kmsg_is_note(const struct vml_kmsg *m)
{
	return !strncmp(m->fmt, "vmlayout:", 9);
}

void vml_report_kmsg_text(char *buf, size_t cap, const struct vml_kmsg *m)
{
	/* The formats are the core's static strings, each taking only
	 * unsigned long long arguments, after one leading %s for
	 * vml_layout_kmsg_name() (layout.h). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	if (m->name[0])
		snprintf(buf, cap, m->fmt, m->name, (unsigned long long)m->arg[0],
			 (unsigned long long)m->arg[1], (unsigned long long)m->arg[2],
			 (unsigned long long)m->arg[3], (unsigned long long)m->arg[4],
			 (unsigned long long)m->arg[5], (unsigned long long)m->arg[6],
			 (unsigned long long)m->arg[7]);
	else
		snprintf(buf, cap, m->fmt, (unsigned long long)m->arg[0],
			 (unsigned long long)m->arg[1], (unsigned long long)m->arg[2],
			 (unsigned long long)m->arg[3], (unsigned long long)m->arg[4],
			 (unsigned long long)m->arg[5], (unsigned long long)m->arg[6],
			 (unsigned long long)m->arg[7]);
#pragma GCC diagnostic pop
}

void vml_report_kmsgs_to(FILE *log, FILE *notes, const struct vml_layout *layout)
{
	for (unsigned int i = 0; i < layout->n_kmsgs; i++) {
		const struct vml_kmsg *m = &layout->kmsgs[i];
		/* the kernel's messages belong to the log; vmlayout's own notes
		 * are diagnostics, for stderr */
		FILE *stream = vml_report_kmsg_is_note(m) ? notes : log;
		char text[512];

		if (!stream)
			continue;
		vml_report_kmsg_text(text, sizeof(text), m);
		fputs(text, stream);
	}
}

void vml_report_kmsgs(FILE *out, const struct vml_layout *layout)
{
	vml_report_kmsgs_to(out, stderr, layout);
}

static uint64_t line_size(const struct vml_layout_line *l)
{
	uint64_t delta = l->end - l->start;

	switch (l->unit) {
	case VML_UNIT_MB:
		return delta >> 20;
	case VML_UNIT_MB_ACTUAL:
		return delta >> 20;
	case VML_UNIT_GB:
	case VML_UNIT_GB_MAXIMUM:
		return delta >> 30;
	case VML_UNIT_TB:
		return delta >> 40;
	case VML_UNIT_KB_ROUNDUP:
	case VML_UNIT_KB_UPPER_ROUNDUP:
		return (delta + 1023) >> 10;
	case VML_UNIT_KB:
	default:
		return delta >> 10;
	}
}

/* memory.rst's size column: the largest unit the size reaches, "~" and one
 * decimal (under 10) or none when it is not a whole number of them. */
static void rst_size(char *buf, size_t n, uint64_t bytes)
{
	static const char *const unit[] = {"PB", "TB", "GB", "MB", "KB"};
	unsigned int i = 0, shift = 50;

	while (shift > 10 && bytes < (1ULL << shift)) {
		shift -= 10;
		i++;
	}
	if (!(bytes & ((1ULL << shift) - 1)))
		snprintf(buf, n, "%" PRIu64 "%s", bytes >> shift, unit[i]);
	else if ((double)bytes / (double)(1ULL << shift) < 9.95)
		snprintf(buf, n, "~%.1f%s", (double)bytes / (double)(1ULL << shift), unit[i]);
	else
		snprintf(buf, n, "~%.0f%s", (double)bytes / (double)(1ULL << shift), unit[i]);
}

/* A Documentation/arch/arm64/memory.rst table (see layout.h lines_style). */
static void report_memory_rst(FILE *out, const struct vml_layout *layout)
{
	fprintf(out, "%s\n\n  Start\t\t\tEnd\t\t\tSize\t\tUse\n  ", layout->lines_title);
	for (int i = 0; i < 71; i++)
		fputc('-', out);
	fputc('\n', out);
	for (unsigned int i = 0; i < layout->n_lines; i++) {
		const struct vml_layout_line *l = &layout->lines[i];
		char size[32];

		rst_size(size, sizeof(size), l->end - l->start);
		fprintf(out, "%s%016" PRIx64 "\t%016" PRIx64 "%s\t%6s\t\t%s\n", l->prefix, l->start,
			l->end - 1, l->prefix[1] == '[' ? "]" : "", size, l->label);
	}
}

static const char *line_unit(const struct vml_layout_line *l)
{
	switch (l->unit) {
	case VML_UNIT_MB:
		return "MB";
	case VML_UNIT_GB:
		return "GB";
	case VML_UNIT_TB:
		return "TB";
	case VML_UNIT_KB_UPPER:
	case VML_UNIT_KB_UPPER_ROUNDUP:
		return "KB";
	case VML_UNIT_GB_MAXIMUM:
		return "GB maximum";
	case VML_UNIT_MB_ACTUAL:
		return "MB actual";
	default:
		return "kB";
	}
}

/* arm64 3.18 mem_init(): "%16lx" addresses (kernel VAs fill all 16
 * digits), "%6ld" sizes, the label carrying its own " : ". */
static void report_arm64_v3_18(FILE *out, const struct vml_layout *layout)
{
	for (unsigned int i = 0; i < layout->n_lines; i++) {
		const struct vml_layout_line *l = &layout->lines[i];

		fprintf(out, "%s%s0x%16" PRIx64 " - 0x%16" PRIx64 "   (%6" PRIu64 " %s)\n",
			l->prefix, l->label, l->start, l->end, line_size(l), line_unit(l));
	}
}

void vml_report_boot_log(FILE *out, const struct vml_layout *layout)
{
	int digits = (int)layout->addr_digits;

	if (layout->lines_label)
		fprintf(out, "[%s]\n", layout->lines_label);
	if (layout->lines_style == VML_LINES_MEMORY_RST) {
		report_memory_rst(out, layout);
		return;
	}
	fprintf(out, "Virtual kernel memory layout:\n");
	if (layout->lines_style == VML_LINES_ARM64_V3_18) {
		report_arm64_v3_18(out, layout);
		return;
	}
	for (unsigned int i = 0; i < layout->n_lines; i++) {
		const struct vml_layout_line *l = &layout->lines[i];

		fprintf(out, "%s%s: 0x%0*" PRIx64 " - 0x%0*" PRIx64 "   (%4" PRIu64 " %s)\n",
			l->prefix, l->label, digits, l->start, digits, l->end, line_size(l),
			line_unit(l));
	}
}

/* show_val_kb(): the label padded to 16 columns, then %8lu " kB". */
static void meminfo_line(FILE *out, const char *label, uint64_t kb)
{
	fprintf(out, "%-16s%8" PRIu64 " kB\n", label, kb);
}

void vml_report_meminfo(FILE *out, const struct vml_layout *layout)
{
	meminfo_line(out, "MemTotal:", layout->mem_total_kb);
	if (layout->highmem_totals) {
		meminfo_line(out, "HighTotal:", layout->high_total_kb);
		meminfo_line(out, "LowTotal:", layout->low_total_kb);
	}
	meminfo_line(out, "VmallocTotal:", layout->vmalloc_total >> 10);
}

void vml_report_mem_init_line(FILE *out, const struct vml_layout *layout)
{
	const struct vml_mem_init_info *m = &layout->mem_init;

	if (!m->valid)
		return;
	/* mem_init_print_info()'s pr_info() format, mm/page_alloc.c v6.1 */
	fprintf(out,
		"Memory: %" PRIu64 "K/%" PRIu64 "K available (%" PRIu64 "K kernel code, %" PRIu64
		"K rwdata, %" PRIu64 "K rodata, %" PRIu64 "K init, %" PRIu64 "K bss, %" PRIu64
		"K reserved, %" PRIu64 "K cma-reserved",
		m->available_kb, m->physpages_kb, m->code_kb, m->rwdata_kb, m->rodata_kb,
		m->init_kb, m->bss_kb, m->reserved_kb, m->cma_reserved_kb);
	if (m->highmem)
		fprintf(out, ", %" PRIu64 "K highmem", m->highmem_kb);
	fputs(")\n", out);
}

void vml_report_zones(FILE *out, const struct vml_layout *layout)
{
	const unsigned int shift = layout->page_shift ? layout->page_shift : 12;

	fprintf(out, "Zone ranges:\n");
	for (unsigned int i = 0; i < layout->n_zones; i++) {
		const struct vml_zone *z = &layout->zones[i];

		if (z->end_pfn <= z->start_pfn) {
			fprintf(out, "  %-8s empty\n", z->name);
			continue;
		}
		fprintf(out, "  %-8s [mem 0x%016" PRIx64 "-0x%016" PRIx64 "]\n", z->name,
			z->start_pfn << shift, (z->end_pfn << shift) - 1);
	}
}

void vml_report_zone_pages(FILE *out, const struct vml_layout *layout)
{
	fprintf(out, "[vmlayout's summary: pages per zone]\n");
	for (unsigned int i = 0; i < layout->n_zones; i++) {
		const struct vml_zone *z = &layout->zones[i];

		fprintf(out, "zone %-8s spanned %" PRIu64 " present %" PRIu64 "\n", z->name,
			z->end_pfn > z->start_pfn ? z->end_pfn - z->start_pfn : 0,
			z->present_pages);
	}
}

/* The kernel's %#018Lx: "0x" and 16 digits, zero included (lib/vsprintf.c
 * number() prints the prefix for 0 in base 16, unlike C's printf). */
static void print_mem(FILE *out, uint64_t first, uint64_t last)
{
	fprintf(out, "[mem 0x%016" PRIx64 "-0x%016" PRIx64 "]\n", first, last);
}

static int region_nid(const struct vml_memblock *mb, const struct vml_memblock_region *r)
{
	/* no node given (arm: !CONFIG_NUMA, memblock_get_region_node() is 0) */
	return r->nid >= 0 && r->nid < mb->max_numnodes ? r->nid : 0;
}

void vml_report_node_ranges(FILE *out, const struct vml_layout *layout,
			    const struct vml_memblock *mb)
{
	const unsigned int shift = layout->page_shift ? layout->page_shift : 12;
	uint64_t node_start[64], node_end[64];

	if (!layout->early_node_ranges)
		return;
	/* no ZONE_MOVABLE: kernelcore= and movablecore= are not modelled */
	fprintf(out, "Movable zone start for each node\n");
	fprintf(out, "Early memory node ranges\n");
	for (unsigned int n = 0; n < 64; n++)
		node_start[n] = ~0ULL, node_end[n] = 0;
	/* for_each_mem_pfn_range(): each memory region in whole pages, none
	 * printed when it holds no whole page */
	for (unsigned int i = 0; i < mb->memory.cnt; i++) {
		const struct vml_memblock_region *r = &mb->memory.regions[i];
		uint64_t start = (r->base + (1ULL << shift) - 1) >> shift;
		uint64_t end = (r->base + r->size) >> shift;
		int nid = region_nid(mb, r);

		if (start >= end)
			continue;
		fprintf(out, "  node %3d: ", nid);
		print_mem(out, start << shift, (end << shift) - 1);
		if (nid < 64) {
			node_start[nid] = vml_min(node_start[nid], start);
			node_end[nid] = vml_max(node_end[nid], end);
		}
	}
	/* free_area_init_node() for each possible node (with NUMA: the online
	 * ones; a memory-less one "as memoryless", mm/page_alloc.c v6.1,
	 * mm/mm_init.c v6.12), else for each node memory is on */
	for (int nid = 0; nid < 64; nid++) {
		bool online = !layout->n_nodes;

		for (unsigned int k = 0; k < layout->n_nodes; k++)
			online |= layout->nodes[k].nid == nid;
		if (online && node_end[nid] > node_start[nid]) {
			fprintf(out, "Initmem setup node %d ", nid);
			print_mem(out, node_start[nid] << shift, (node_end[nid] << shift) - 1);
		} else if (online && layout->n_nodes) {
			fprintf(out, "Initmem setup node %d as memoryless\n", nid);
		}
	}
}

/* %pa: "0x" and the phys_addr_t zero-padded to its width. */
static void print_pa(FILE *out, const struct vml_memblock *mb, uint64_t v)
{
	fprintf(out, "0x%0*" PRIx64, mb->phys_addr_max > 0xffffffffULL ? 16 : 8, v);
}

static void dump_type(FILE *out, const struct vml_memblock *mb,
		      const struct vml_memblock_type *type)
{
	fprintf(out, " %s.cnt  = 0x%x\n", type->name, type->cnt);
	for (unsigned int i = 0; i < type->cnt; i++) {
		const struct vml_memblock_region *r = &type->regions[i];

		fprintf(out, " %s[0x%x]\t[", type->name, i);
		print_pa(out, mb, r->base);
		fputc('-', out);
		print_pa(out, mb, r->base + r->size - 1);
		fputs("], ", out);
		print_pa(out, mb, r->size);
		/* CONFIG_NUMA: " on node %d" unless the region has no node
		 * (MAX_NUMNODES), memblock_dump() in mm/memblock.c v6.1 */
		if (r->nid >= 0 && r->nid != mb->max_numnodes)
			fprintf(out, " bytes on node %d flags: 0x%x\n", r->nid, r->flags);
		else
			fprintf(out, " bytes flags: 0x%x\n", r->flags);
	}
}

void vml_report_memblock(FILE *out, const struct vml_memblock *mb)
{
	fprintf(out, "MEMBLOCK configuration:\n memory size = ");
	print_pa(out, mb, mb->memory.total_size);
	fputs(" reserved size = ", out);
	print_pa(out, mb, mb->reserved.total_size);
	fputc('\n', out);
	dump_type(out, mb, &mb->memory);
	dump_type(out, mb, &mb->reserved);
}
