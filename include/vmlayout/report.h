/* SPDX-License-Identifier: MIT */
/*
 * DOC: reports of a computed layout (host layer)
 *
 * Text outputs reproduce the kernel's own formats: the boot log's
 * "Virtual kernel memory layout:" block (arch/arm/mm/init.c v3.4), the
 * /proc/meminfo lines (fs/proc/meminfo.c), the "Zone ranges:" lines
 * (mm/page_alloc.c v6.1) and memblock=debug's memblock_dump_all()
 * (mm/memblock.c v6.12); for the 3.4 profile, 3.4's own zone, mem_init()
 * and memblock lines instead (report_mm_v3_4.c). JSON carries every figure, addresses as "0x..."
 * strings; docs/json.md describes it.
 */
#ifndef VMLAYOUT_REPORT_H
#define VMLAYOUT_REPORT_H

#include <stdio.h>

#include "layout.h"
#include "memblock.h"

void vml_report_kmsgs(FILE *out, const struct vml_layout *layout);
/* The kernel's messages on @log, vmlayout's own notes ("vmlayout: ...") on
 * @notes (NULL: dropped, for --quiet). vml_report_kmsgs(out, l) is
 * vml_report_kmsgs_to(out, stderr, l). */
void vml_report_kmsgs_to(FILE *log, FILE *notes, const struct vml_layout *layout);
/* One message as text (the kernel's printk format with its arguments). */
void vml_report_kmsg_text(char *buf, size_t cap, const struct vml_kmsg *m);
/* True for vmlayout's own notes, as opposed to the kernel's messages. */
bool vml_report_kmsg_is_note(const struct vml_kmsg *m);
void vml_report_boot_log(FILE *out, const struct vml_layout *layout);
void vml_report_meminfo(FILE *out, const struct vml_layout *layout);
/* The kernel's "Memory: ...K/...K available (...)" line and its newline;
 * nothing when layout->mem_init is not valid. */
void vml_report_mem_init_line(FILE *out, const struct vml_layout *layout);
/* free_area_init()'s "Zone ranges:" block. */
void vml_report_zones(FILE *out, const struct vml_layout *layout);
/* vmlayout's own summary (labelled so): spanned and present pages per zone. */
void vml_report_zone_pages(FILE *out, const struct vml_layout *layout);
/* free_area_init()'s node lines (when layout->early_node_ranges): "Movable
 * zone start for each node", "Early memory node ranges" with one line per
 * memblock memory region, "Initmem setup node N [mem ...]". */
void vml_report_node_ranges(FILE *out, const struct vml_layout *layout,
			    const struct vml_memblock *mb);
/* memblock_dump_all()'s lines of @mb as it stands. */
void vml_report_memblock(FILE *out, const struct vml_memblock *mb);
/* memblock as it was where the kernel calls memblock_dump_all() (the
 * end of arm_memblock_init() on arm, bootmem_init() on arm64,
 * misc_mem_init() on riscv 6.x): @mb with reservations[
 * layout->memblock_dump_reservation..] given back, in heap copies of the
 * region arrays that vml_memblock_at_dump_release() frees. Return: 0, or
 * VML_ENOMEM (nothing to release). */
int vml_memblock_at_dump(const struct vml_layout *layout, const struct vml_memblock *mb,
			 struct vml_memblock *at_dump);
void vml_memblock_at_dump_release(struct vml_memblock *at_dump);
/* vml_report_memblock() of vml_memblock_at_dump(): what memblock=debug
 * prints. Return: 0, or VML_ENOMEM (nothing printed). */
int vml_report_memblock_at_dump(FILE *out, const struct vml_layout *layout,
				const struct vml_memblock *mb);
/* A v3.4 arm kernel's own lines, in 3.4's formats, when
 * layout->mm_log_v3_4.valid (nothing otherwise): mem_init()'s two "Memory:"
 * lines (arch/arm/mm/init.c v3.4); free_area_init_node()'s "On node 0
 * totalpages:" and zone lines and build_all_zonelists()'s "Built 1
 * zonelists ..." (mm/page_alloc.c v3.4), with a labelled line where the
 * kernel prints addresses vmlayout does not model. */
void vml_report_mem_init_v3_4(FILE *out, const struct vml_layout *layout,
			      const struct vml_memblock *mb);
void vml_report_zones_v3_4(FILE *out, const struct vml_layout *layout);
/* memblock_dump_all() in 3.4's format, of memblock as it was at the end of
 * arm_memblock_init() (the final lists less what paging_init() and later
 * reserved). Return: 0, or VML_ENOMEM (nothing printed). */
int vml_report_memblock_v3_4(FILE *out, const struct vml_layout *layout,
			     const struct vml_memblock *mb);
void vml_report_json(FILE *out, const struct vml_layout *layout, const struct vml_memblock *mb);
/* vml_report_json() with more keys: @more prints them (each as
 * `  "key": value,` and a newline) before "totals_kB". */
void vml_report_json_more(FILE *out, const struct vml_layout *layout, const struct vml_memblock *mb,
			  void (*more)(FILE *out, void *arg), void *arg);
/* What the picture's title says beyond the layout itself. */
struct vml_picture_info {
	const char *board;   /* the board: a DT's model or file name; NULL: none */
	const char *options; /* the options the layout was computed with; NULL: none */
	/* The kernel image's symbols (System.map): its sections are drawn
	 * (.text, .rodata, .init, .data, .bss, those it gives); NULL or not
	 * known: the sections the layout lists, if any. */
	const struct vml_kernel_image *image;
	/* The configuration: the title names LPAE and the hole-reclaim
	 * strategy; NULL: not named. */
	const struct vml_kernel_config *cfg;
};

struct vml_host_error;

/**
 * vml_report_svg() - the picture of a layout, as one SVG document
 * @info: the title's board and options and the image sections (may be NULL)
 *
 * The virtual and the physical address spaces side by side on piecewise
 * scales, joined by the linear map; every region, hole, wasted range and
 * reservation labelled with its range and size (docs/picture.md). Nothing
 * is written when the picture cannot be drawn without overprinting.
 *
 * Return: 0, or VML_ENOMEM / VML_ERANGE with @err set (no memory; more
 * labels than the picture can place without overlap).
 */
int vml_report_svg(FILE *out, const struct vml_layout *layout, const struct vml_memblock *mb,
		   const struct vml_picture_info *info, struct vml_host_error *err);
/**
 * vml_report_html() - a self-contained HTML page: the SVG picture (with
 * tooltips), then the layout's tables. Returns as vml_report_svg().
 */
int vml_report_html(FILE *out, const struct vml_layout *layout, const struct vml_memblock *mb,
		    const struct vml_picture_info *info, struct vml_host_error *err);

#endif
