/* SPDX-License-Identifier: MIT */
/*
 * DOC: virtual <-> physical translation of a computed layout
 *
 * What the kernel's __virt_to_phys()/__phys_to_virt(), virt_addr_valid()
 * and pfn_valid() answer for the layout vmlayout computed, whatever the
 * hole-reclaim strategy: plain linear map, msm's DONT_MAP_HOLE_AFTER_MEMBANK0
 * (hole-aware translation), intermixed lowmem and vmalloc. The translation
 * is built once from the layout's linear segments (and, on arm64 and
 * riscv64, the kernel image's own mapping at kimage_voffset): one segment
 * or one common offset answers in O(1), k segments in O(log k) by binary
 * search (the segments of every policy are ordered by both virtual and
 * physical address).
 *
 * Freestanding: it keeps pointers into the layout and the memblock, which
 * must outlive it.
 */
#ifndef VMLAYOUT_XLATE_H
#define VMLAYOUT_XLATE_H

#include "layout.h"
#include "memblock.h"

enum vml_xlate_how {
	VML_XLATE_NONE = 0,	/* not translated */
	VML_XLATE_LINEAR,	/* the linear map (lowmem on arm) */
	VML_XLATE_KERNEL_IMAGE, /* arm64/riscv64: the image's mapping (kimage_voffset) */
};

struct vml_xlate {
	const struct vml_linear_segment *seg; /* the layout's, ordered */
	unsigned int n;
	bool one_offset; /* every segment has virt - phys == offset */
	uint64_t offset;
	uint64_t image_start, image_end; /* [start, end) of the image mapping, or empty */
	uint64_t kimage_voffset;
	uint64_t page_offset, high_memory; /* arm virt_addr_valid() bounds */
	const struct vml_memblock *mb;	   /* for pfn_valid() */
	unsigned int page_shift;
};

/**
 * vml_xlate_init() - build the translation of @layout
 * @x: filled
 * @layout: a computed layout (not copied: must outlive @x)
 * @mb: the memblock the layout left (for pfn_valid()), or NULL
 *
 * Return: 0, or VML_EINVAL when the segments are not ordered by both
 * virtual and physical address or overlap (diag.index = the segment).
 */
int vml_xlate_init(struct vml_xlate *x, const struct vml_layout *layout,
		   const struct vml_memblock *mb, struct vml_diag *diag);

/* The physical address of @va through the linear map or the image mapping;
 * VML_XLATE_NONE when neither maps it. */
enum vml_xlate_how vml_xlate_virt_to_phys(const struct vml_xlate *x, uint64_t va, uint64_t *pa);
/* The linear-map address of @pa (__va); false when the linear map does not
 * cover it (highmem, a hole, below PHYS_OFFSET). */
bool vml_xlate_phys_to_virt(const struct vml_xlate *x, uint64_t pa, uint64_t *va);
/* pfn_valid(): the page is memory the kernel has a struct page for and maps
 * (arm 6.1 arch/arm/mm/init.c: memblock_is_map_memory()); false without a
 * memblock. */
bool vml_xlate_pfn_valid(const struct vml_xlate *x, uint64_t pfn);
/* virt_addr_valid(): a linear-map address below high_memory whose page is
 * pfn_valid() (arch/arm/include/asm/memory.h v6.1). */
bool vml_xlate_virt_addr_valid(const struct vml_xlate *x, uint64_t va);

#endif
