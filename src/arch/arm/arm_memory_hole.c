/* SPDX-License-Identifier: MIT */
/*
 * DOC: DONT_MAP_HOLE_AFTER_MEMBANK0: the largest hole squeezed out of the
 * linear map
 *
 * msm-3.4 (arch/arm/mm/init.c find_memory_hole() and
 * arch/arm/mach-msm/include/mach/memory.h, e.g. the msm8974 trees of
 * CyanogenMod android_kernel_lge_hammerhead and android_kernel_sony_msm8974,
 * included by arch/arm/include/asm/memory.h) picks the largest gap between
 * two memory banks whose start lies within the first 256 MiB above
 * PHYS_OFFSET (MAX_HOLE_ADDRESS), and translates every physical address at
 * or above the gap's end through a second offset, MEM_HOLE_PAGE_OFFSET =
 * PAGE_OFFSET + (hole start - PHYS_OFFSET) + align, so that the memory after
 * the gap follows the memory before it in virtual space. align (0 or
 * 1 MiB) keeps virt and phys congruent modulo 2 MiB, which the 2 MiB
 * section pairs of the short-descriptor tables need: it leaves a 1 MiB
 * virtual hole. __virt_to_phys()/__phys_to_virt() then cost one compare
 * and one subtraction (vml_arm_va(), vml_arm_pa()).
 *
 * The 3.4 profile finds the hole in the meminfo banks (arm_meminfo_banks.c);
 * the 6.1 profile in the memory ranges the kernel maps (for_each_mem_range:
 * no-map carve-outs are holes too), at the top of each
 * adjust_lowmem_bounds() call (docs/arm32.md).
 */
#include "arch/arm/arm_policy.h"

#define ARM_MAX_HOLE_SPAN (256 * VML_SZ_1M) /* MAX_HOLE_ADDRESS - PHYS_OFFSET */

/* find_memory_hole()'s checks and the MEM_HOLE_* values for the gap
 * [start, end); a second call with the same gap prints nothing again. */
int vml_arm_memory_hole_set(struct arm_state *st, uint64_t hole_start, uint64_t hole_end)
{
	uint64_t offset, hole_end_virt, align = 0, page_offset;

	if (!vml_is_aligned(hole_start, VML_SZ_1M) || !vml_is_aligned(hole_end, VML_SZ_1M))
		return vml_fail(st->diag, VML_EINVAL,
				"the memory hole must start and end on 1 MiB boundaries for "
				"DONT_MAP_HOLE_AFTER_MEMBANK0 (msm find_memory_hole BUG())",
				hole_start, hole_end - hole_start, -1);
	/* MEM_HOLE_PAGE_OFFSET counts from PHYS_OFFSET: a gap below it (RAM
	 * under PHYS_OFFSET, which 6.1 maps only through usable-memory-range's
	 * later ranges) would wrap it, as msm's unsigned arithmetic would. */
	if (hole_start < st->phys_offset)
		return vml_fail(
		    st->diag, VML_EINVAL,
		    "the largest memory hole lies below PHYS_OFFSET: "
		    "DONT_MAP_HOLE_AFTER_MEMBANK0 maps the memory after it at "
		    "PAGE_OFFSET + (hole start - PHYS_OFFSET) (msm find_memory_hole()), "
		    "which would fall below PAGE_OFFSET",
		    hole_start, hole_end - hole_start, -1);
	offset = hole_start - st->phys_offset;
	hole_end_virt = st->page_offset + offset;
	if (vml_is_aligned(hole_end_virt, VML_SZ_2M) != vml_is_aligned(hole_end, VML_SZ_2M))
		align = vml_is_aligned(hole_end_virt, VML_SZ_2M) ? hole_end % VML_SZ_2M
								 : hole_end_virt % VML_SZ_2M;
	page_offset = st->page_offset + offset + align;
	if (st->hole_active && st->hole_end_phys == hole_end && st->hole_page_offset == page_offset)
		return VML_OK;
	if (align)
		vml_layout_kmsg(
		    st->lo,
		    "Physical memory hole is not aligned. There will be a virtual memory "
		    "hole from %llx to %llx\n",
		    hole_end_virt, hole_end_virt + align, 0, 0);
	st->hole_active = true;
	st->hole_end_phys = hole_end;	    /* MEM_HOLE_END_PHYS_OFFSET */
	st->hole_page_offset = page_offset; /* MEM_HOLE_PAGE_OFFSET */
	return VML_OK;
}

/* Among the gaps [prev_end, next) with prev_end <= MAX_HOLE_ADDRESS, the
 * largest; "current size <= new size": a tie goes to the later gap. */
static void consider_gap(const struct arm_state *st, uint64_t prev_end, uint64_t next,
			 uint64_t *start, uint64_t *end)
{
	if (prev_end > st->phys_offset + ARM_MAX_HOLE_SPAN || next <= prev_end)
		return;
	if (*end - *start <= next - prev_end) {
		*start = prev_end;
		*end = next;
	}
}

int vml_arm_find_memory_hole_banks(struct arm_state *st)
{
	uint64_t start = 0, end = 0;

	for (unsigned int i = 0; i + 1 < st->n_banks; i++)
		consider_gap(st, st->banks[i].start + st->banks[i].size, st->banks[i + 1].start,
			     &start, &end);
	return end ? vml_arm_memory_hole_set(st, start, end) : VML_OK;
}

int vml_arm_find_memory_hole_memblock(struct arm_state *st)
{
	struct vml_memblock_iter it = VML_MEMBLOCK_ITER_INIT;
	uint64_t start = 0, end = 0, prev_end = 0;
	vml_phys_t s, e;
	bool first = true;

	while (vml_memblock_next_mem_range(st->mb, &it, VML_MEMBLOCK_NONE, &s, &e)) {
		if (!first)
			consider_gap(st, prev_end, s, &start, &end);
		first = false;
		prev_end = e;
	}
	return end ? vml_arm_memory_hole_set(st, start, end) : VML_OK;
}

/* The physical address of the virtual @virt through the hole-aware
 * __virt_to_phys(), in u64 (adjust_lowmem_bounds()' own __pa() that does
 * not wrap): what vmalloc_limit becomes when the hole is squeezed out. */
uint64_t vml_arm_pa_nowrap(const struct arm_state *st, uint64_t virt)
{
	if (st->hole_active && virt >= st->hole_page_offset)
		return virt - st->hole_page_offset + st->hole_end_phys;
	return virt - st->page_offset + st->phys_offset;
}
