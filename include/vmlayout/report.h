/* SPDX-License-Identifier: MIT */
/*
 * DOC: reports of a computed layout (host layer)
 *
 * Text outputs reproduce the kernel's own formats: the boot log's
 * "Virtual kernel memory layout:" block (arch/arm/mm/init.c v3.4), the
 * /proc/meminfo lines (fs/proc/meminfo.c), the "Zone ranges:" lines
 * (mm/page_alloc.c v6.1) and memblock=debug's memblock_dump_all()
 * (mm/memblock.c v6.12). JSON carries every figure, addresses as "0x..."
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
void vml_report_memblock(FILE *out, const struct vml_memblock *mb);
void vml_report_json(FILE *out, const struct vml_layout *layout, const struct vml_memblock *mb);
/* An SVG picture: virtual and physical columns joined by the linear map. */
void vml_report_svg(FILE *out, const struct vml_layout *layout, const struct vml_memblock *mb);

#endif
