/* SPDX-License-Identifier: MIT */
/*
 * DOC: virtual <-> physical translation of a computed layout
 *
 * What the kernel's __virt_to_phys()/__phys_to_virt(), virt_addr_valid()
 * and pfn_valid() answer for the layout vmlayout computed, whatever the
 * hole-reclaim strategy: plain linear map, msm's DONT_MAP_HOLE_AFTER_MEMBANK0
 * (hole-aware translation), intermixed lowmem and vmalloc. The translation
 * is built once from the layout's linear segments (and, on arm64 and
 * riscv64, the kernel image's own mapping at kimage_voffset): one or two
 * segments answer with no table and no branch on which one holds the
 * address (a compare picks the segment, one range check, one subtraction:
 * what the plain linear map costs, plus the compare); more through a table of
 * VML_XLATE_BUCKETS buckets over the segments' span: a bucket that lies
 * inside one segment holds that segment's offset (one load, one
 * subtraction), any other names the segments that reach into it, one or two
 * tested at once, more by binary search: O(1) when the segments are wider
 * than a bucket, O(log k) at worst (the segments of every policy are ordered
 * by both virtual and physical address). About 12 KiB.
 *
 * vml_xlate_cost() says what the kernel's own __pa() and is_vmalloc_addr()
 * cost under the layout's strategy, from the same structure: one
 * subtraction (one offset, lowmem one piece), a compare and a subtraction
 * (two offsets: msm's MEM_HOLE_*), or a search among k lowmem pieces
 * (intermix: vmalloc pieces between them).
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

#define VML_XLATE_BUCKETS 1024

/* One or two segments, by virtual or by physical address: an address
 * below @second can only be in segment [0], any other only in [1] (one
 * segment: both are that segment). More than two segments or none: sizes
 * 0, no address matches. */
struct vml_xlate_pair {
	uint64_t second;
	uint64_t start[2], size[2], delta[2]; /* delta: virt - phys */
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
	unsigned int n_runs;	       /* maximal runs of segments sharing virt - phys */
	unsigned int n_vmalloc_pieces; /* vmalloc pieces between lowmem pieces */
	/* bucket b of the virtual (physical) span [start + b << shift, +1 << shift)
	 * may hold segments vbucket[b] .. vbucket[b + 1] only */
	uint64_t vstart, pstart;
	uint64_t vspan; /* the table's: end of the last segment - vstart; 0: no table */
	struct vml_xlate_pair vpair, ppair; /* at most two segments: no table */
	unsigned int vshift, pshift;
	uint16_t vbucket[VML_XLATE_BUCKETS + 1], pbucket[VML_XLATE_BUCKETS + 1];
	uint64_t vfull[VML_XLATE_BUCKETS]; /* a bucket inside one segment: its virt - phys, | 1 */
};

enum vml_xlate_cost_kind {
	VML_XLATE_COST_SUB = 0, /* one offset, lowmem in one piece: __pa() is v - offset */
	VML_XLATE_COST_CMP_SUB, /* two offsets (msm MEM_HOLE_*): one compare, one subtraction */
	VML_XLATE_COST_SEARCH,	/* lowmem in k pieces (intermix) or k offsets: O(log k) */
};

/**
 * vml_xlate_init() - build the translation of @layout
 * @x: filled
 * @layout: a computed layout (not copied: must outlive @x)
 * @mb: the memblock the layout left (for pfn_valid()), or NULL
 *
 * Return: 0, or VML_EINVAL when the segments are not ordered by both
 * virtual and physical address or overlap (diag.index = the segment), or
 * when there are more than 16383 of them.
 */
int vml_xlate_init(struct vml_xlate *x, const struct vml_layout *layout,
		   const struct vml_memblock *mb, struct vml_diag *diag);

/* What the kernel's __pa() and is_vmalloc_addr() cost for this layout's
 * strategy; *k = the pieces (or offsets) a search looks among. */
enum vml_xlate_cost_kind vml_xlate_cost(const struct vml_xlate *x, unsigned int *k);

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
