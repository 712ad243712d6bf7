/* SPDX-License-Identifier: MIT */
/*
 * DOC: the kernel-section sizes of the boot log's "Memory:" line
 *
 * mem_init_print_info() (mm/page_alloc.c v6.1, mm/mm_init.c v6.12, the same
 * code in both): code = _etext - _stext, rwdata = _edata - _sdata, rodata =
 * __end_rodata - __start_rodata, init = __init_end - __init_begin (plus
 * _einittext - _sinittext, which it subtracts again when .init.text lies in
 * [__init_begin, __init_end), as it does in the arm, arm64 and riscv
 * vmlinux.lds.S), bss = __bss_stop - __bss_start; a section that starts
 * inside another is taken out of the outer one's size (its adj_init_size()
 * rules), each printed as bytes / 1024, rounded down.
 *
 * vmlayout does not read _sinittext/_einittext, so it cannot apply the rule
 * for .init inside .data (rwdata less the init data only): an image laid
 * out that way gets no line rather than a wrong one.
 */
#include "vmlayout/layout.h"

/* adj_init_size(): @pos inside [@start, @end) and @size > @adj: size - adj. */
static uint64_t without_inner(uint64_t start, uint64_t end, uint64_t size, uint64_t pos,
			      uint64_t adj)
{
	return start <= pos && pos < end && size > adj ? size - adj : size;
}

bool vml_mem_init_section_sizes(const struct vml_kernel_image *img, struct vml_mem_init_info *info)
{
	uint64_t code = img->etext - img->stext, rwdata = img->edata - img->sdata;
	uint64_t rodata = img->end_rodata - img->start_rodata;
	uint64_t init = img->init_end - img->init_begin;

	if (img->sdata <= img->init_begin && img->init_begin < img->edata)
		return false;
	code = without_inner(img->stext, img->etext, code, img->start_rodata, rodata);
	rwdata = without_inner(img->sdata, img->edata, rwdata, img->start_rodata, rodata);
	info->code_kb = code >> 10;
	info->rwdata_kb = rwdata >> 10;
	info->rodata_kb = rodata >> 10;
	info->init_kb = init >> 10;
	info->bss_kb = (img->bss_stop - img->bss_start) >> 10;
	return true;
}

/* page_alloc_init_late(), in kernel_init_freeable() (mm/mm_init.c v6.12):
 * "available" is nr_free_pages() then, after the kernel threads' stacks,
 * slabs and per-cpu pages the boot took, which vmlayout does not model. */
void vml_mem_init_late_note(struct vml_layout *lo)
{
	vml_layout_kmsg(lo,
			"vmlayout: this kernel prints the \"Memory:\" line from "
			"page_alloc_init_late() (v6.11+): its \"available\" is lower than "
			"vmlayout's by the pages the boot allocated before then\n",
			0, 0, 0, 0);
}
