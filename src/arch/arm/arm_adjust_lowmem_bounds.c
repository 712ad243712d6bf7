/* SPDX-License-Identifier: MIT */
/*
 * DOC: the 6.x memblock model and adjust_lowmem_bounds()
 *
 * Follows drivers/of/fdt.c early_init_dt_add_memory_arch() (DT memory),
 * arch/arm/kernel/setup.c arm_add_memory()/early_mem() (mem=),
 * arch/arm/mm/mmu.c early_vmalloc() and adjust_lowmem_bounds(), v6.1
 * (unchanged through v6.18). adjust_lowmem_bounds() runs twice in
 * setup_arch(): before and after arm_memblock_init(); the caller runs it
 * again after the reservations.
 */
#include "arch/arm/arm_policy.h"

#define ARM_VMALLOC_OFFSET VML_SZ_8M
#define ARM_PMD_SIZE VML_SZ_2M

/* phys_addr_t is 32-bit without LPAE: a size handed to memblock_add()
 * loses its upper half. */
static uint64_t to_phys_addr_t(const struct arm_state *st, uint64_t v)
{
	return st->lpae ? v : (v & 0xffffffffULL);
}

static int dt_add_memory(struct arm_state *st, uint64_t base, uint64_t size)
{
	const uint64_t max_addr = st->lpae ? ~0ULL : 0xffffffffULL; /* MAX_MEMBLOCK_ADDR */
	const uint64_t phys_offset = st->phys_offset;		    /* MIN_MEMBLOCK_ADDR */

	if (size < VML_SZ_4K - (base & 0xfff)) {
		vml_layout_kmsg(st->lo, "Ignoring memory block 0x%llx - 0x%llx\n", base,
				base + size, 0, 0);
		st->drop_rule = "every bank is smaller than a page";
		return VML_OK;
	}
	if (!vml_is_aligned(base, VML_SZ_4K)) {
		size -= VML_SZ_4K - (base & 0xfff);
		base = vml_align_up(base, VML_SZ_4K);
	}
	size = vml_align_down(size, VML_SZ_4K);
	if (base > max_addr) {
		vml_layout_kmsg(st->lo, "Ignoring memory block 0x%llx - 0x%llx\n", base,
				base + size, 0, 0);
		st->drop_rule = "every bank lies above the 32-bit physical space of a kernel "
				"without LPAE";
		return VML_OK;
	}
	if (base + size - 1 > max_addr) {
		vml_layout_kmsg(st->lo, "Ignoring memory range 0x%llx - 0x%llx\n", max_addr + 1,
				base + size, 0, 0);
		size = max_addr - base + 1;
	}
	if (base + size < phys_offset) {
		vml_layout_kmsg(st->lo, "Ignoring memory block 0x%llx - 0x%llx\n", base,
				base + size, 0, 0);
		st->drop_rule = "every bank lies below PHYS_OFFSET (MIN_MEMBLOCK_ADDR)";
		return VML_OK;
	}
	if (base < phys_offset) {
		vml_layout_kmsg(st->lo, "Ignoring memory range 0x%llx - 0x%llx\n", base,
				phys_offset, 0, 0);
		size -= phys_offset - base;
		base = phys_offset;
	}
	if (size && !to_phys_addr_t(st, size))
		st->drop_rule =
		    "a bank of 4 GiB does not fit the 32-bit phys_addr_t of a kernel "
		    "without LPAE: memblock_add() gets size 0 (give CONFIG_ARM_LPAE=y or "
		    "a smaller bank)";
	return vml_memblock_add(st->mb, base, to_phys_addr_t(st, size), st->diag);
}

/* arm_add_memory() of v6.1, used by mem=. */
static int arm_add_memory(struct arm_state *st, uint64_t start, uint64_t size)
{
	uint64_t aligned = vml_align_up(start, VML_SZ_4K);

	size = aligned > start + size ? 0 : size - (aligned - start);
	if (!st->lpae) {
		if (aligned > 0xffffffffULL) {
			vml_layout_kmsg(
			    st->lo,
			    "Ignoring memory at 0x%08llx outside 32-bit physical address "
			    "space\n",
			    start, 0, 0, 0);
			return VML_OK;
		}
		if (aligned + size > 0xffffffffULL) {
			vml_layout_kmsg(st->lo,
					"Truncating memory at 0x%08llx to fit in 32-bit physical "
					"address space\n",
					start, 0, 0, 0);
			size = 0xffffffffULL - aligned;
		}
	}
	if (aligned < st->phys_offset) {
		if (aligned + size <= st->phys_offset) {
			vml_layout_kmsg(st->lo,
					"Ignoring memory below PHYS_OFFSET: 0x%08llx-0x%08llx\n",
					aligned, aligned + size, 0, 0);
			return VML_OK;
		}
		vml_layout_kmsg(st->lo, "Ignoring memory below PHYS_OFFSET: 0x%08llx-0x%08llx\n",
				aligned, st->phys_offset, 0, 0);
		size -= st->phys_offset - aligned;
		aligned = st->phys_offset;
	}
	size = vml_align_down(size, VML_SZ_4K);
	if (!size)
		return VML_OK;
	return vml_memblock_add(st->mb, aligned, size, st->diag);
}

static int collect_memory(struct arm_state *st)
{
	const struct vml_board *board = st->board;
	const struct vml_kernel_config *cfg = st->cfg;
	int ret;

	for (unsigned int i = 0; i < board->n_memory; i++) {
		ret = dt_add_memory(st, board->memory[i].base, board->memory[i].size);
		if (ret)
			return ret;
	}
	/* early_init_dt_check_for_usable_mem_range(): cap to the first range,
	 * add the others. */
	if (board->n_usable) {
		ret = vml_memblock_cap_memory_range(st->mb, board->usable[0].base,
						    board->usable[0].size, st->diag);
		for (unsigned int i = 1; !ret && i < board->n_usable; i++)
			ret = vml_memblock_add(st->mb, board->usable[i].base, board->usable[i].size,
					       st->diag);
		if (ret)
			return ret;
	}
	if (board->n_remove)
		vml_layout_kmsg(st->lo,
				"vmlayout: qcom,memblock-remove is an msm property: mainline "
				"kernels ignore it\n",
				0, 0, 0, 0);
	if (cfg->n_mem_args) {
		uint64_t start = vml_memblock_start_of_DRAM(st->mb);
		uint64_t end = vml_memblock_end_of_DRAM(st->mb);

		ret = vml_memblock_remove(st->mb, start, end - start, st->diag);
		if (ret)
			return ret;
	}
	for (unsigned int i = 0; i < cfg->n_mem_args; i++) {
		ret =
		    arm_add_memory(st, cfg->mem_start_set[i] ? cfg->mem_start[i] : st->phys_offset,
				   cfg->mem_size[i]);
		if (ret)
			return ret;
	}
	if (!st->mb->memory.cnt)
		return vml_fail(st->diag, VML_EINVAL,
				cfg->n_mem_args
				    ? "no usable RAM is left after mem= (arm_add_memory() "
				      "drops what lies below PHYS_OFFSET or past 4 GiB)"
				: st->drop_rule ? st->drop_rule
						: "no usable RAM is left after the kernel's rules",
				0, 0, -1);
	return VML_OK;
}

/* early_vmalloc() of v6.1: the size is exactly what vmalloc= asks. */
static void compute_vmalloc_size(struct arm_state *st)
{
	const uint64_t vmalloc_end = st->prof->vmalloc_end;
	uint64_t size = 240 * VML_SZ_1M, max;

	if (st->cfg->vmalloc_set) {
		size = st->cfg->vmalloc_size;
		if (size < VML_SZ_16M) {
			size = VML_SZ_16M;
			vml_layout_kmsg(st->lo, "vmalloc area is too small, limiting to %lluMiB\n",
					size >> 20, 0, 0, 0);
		}
		max = vmalloc_end - (st->page_offset + 32 * VML_SZ_1M + ARM_VMALLOC_OFFSET);
		if (size > max) {
			size = max;
			vml_layout_kmsg(st->lo, "vmalloc area is too big, limiting to %lluMiB\n",
					size >> 20, 0, 0, 0);
		}
	}
	st->vmalloc_size = size;
}

static int mark_first_region_head_nomap(struct arm_state *st)
{
	struct vml_memblock_iter it = VML_MEMBLOCK_ITER_INIT;
	vml_phys_t start, end;

	if (vml_memblock_next_mem_range(st->mb, &it, VML_MEMBLOCK_NONE, &start, &end) &&
	    !vml_is_aligned(start, ARM_PMD_SIZE))
		return vml_memblock_mark_nomap(st->mb, start,
					       vml_align_up(start, ARM_PMD_SIZE) - start, st->diag);
	return VML_OK;
}

/* Bytes of [phys_offset, limit) that are not mapped memory: the gaps
 * between memory regions and the no-map carve-outs. */
static uint64_t holes_below(const struct arm_state *st, uint64_t limit)
{
	struct vml_memblock_iter it = VML_MEMBLOCK_ITER_INIT;
	uint64_t mapped = 0;
	vml_phys_t start, end;

	while (vml_memblock_next_mem_range(st->mb, &it, VML_MEMBLOCK_NONE, &start, &end)) {
		start = vml_max(start, st->phys_offset);
		end = vml_min(end, limit);
		if (start < end)
			mapped += end - start;
	}
	return limit > st->phys_offset ? limit - st->phys_offset - mapped : 0;
}

/*
 * General intermix (vmlayout's model of the 2014 RFC "Intermix lowmem and
 * vmalloc", never merged; docs/arm32.md): the virtual range of every hole
 * below the lowmem limit becomes vmalloc space, so the limit moves up by
 * the holes' total; moving it can take in more holes, so this iterates to
 * the fixed point. The posted series computed vmalloc_limit before its
 * loop adjusted vmalloc_min, which made it ineffective; here the limit is
 * the adjusted one. vmalloc= still sizes all vmalloc space, so the area at
 * the top keeps at least 16 MiB (early_vmalloc()'s minimum).
 */
static uint64_t intermix_limit(struct arm_state *st, uint64_t vmalloc_limit)
{
	const uint64_t max_holes =
	    st->vmalloc_size > VML_SZ_16M ? st->vmalloc_size - VML_SZ_16M : 0;
	uint64_t limit = vmalloc_limit, holes = 0;

	for (int round = 0; round < 64; round++) {
		uint64_t h = vml_min(holes_below(st, limit), max_holes);

		if (h == holes)
			break;
		holes = h;
		limit = vmalloc_limit + holes;
	}
	if (holes == max_holes && holes_below(st, limit) > holes)
		vml_layout_kmsg(st->lo,
				"vmlayout: intermix: the holes below the lowmem limit exceed "
				"vmalloc=; lowmem gains %llu MiB and vmalloc keeps 16 MiB at the "
				"top\n",
				holes >> 20, 0, 0, 0);
	st->intermix_holes = holes;
	return limit;
}

/**
 * arm_adjust_lowmem_bounds() - adjust_lowmem_bounds() of v6.1
 */
static int arm_adjust_lowmem_bounds(struct arm_state *st)
{
	struct vml_memblock_iter it = VML_MEMBLOCK_ITER_INIT;
	uint64_t vmalloc_limit, lowmem_limit = 0, memblock_limit = 0;
	vml_phys_t start, end;
	int ret;

	/* DONT_MAP_HOLE_AFTER_MEMBANK0 on 6.1: the translation is set before
	 * anything uses it, from the ranges this call sees (the second call also
	 * sees arm_memblock_init()'s no-map carve-outs). */
	if (st->cfg->reclaim == VML_RECLAIM_DONT_MAP_HOLE) {
		ret = vml_arm_find_memory_hole_memblock(st);
		if (ret)
			return ret;
	}
	/* u64 arithmetic, not __pa(): no wrap-around with 32-bit phys_addr_t;
	 * through the hole-aware __pa() the limit moves up by the hole's size
	 * less the congruence fix, as msm-3.4's __pa(vmalloc_min) did. */
	vmalloc_limit =
	    vml_arm_pa_nowrap(st, st->prof->vmalloc_end - st->vmalloc_size - ARM_VMALLOC_OFFSET);
	st->vmalloc_min = vmalloc_limit;
	if (st->cfg->reclaim == VML_RECLAIM_VMALLOC_SAVING && st->prof->general_intermix)
		vmalloc_limit = intermix_limit(st, vmalloc_limit);
	ret = mark_first_region_head_nomap(st);
	if (ret)
		return ret;
	while (vml_memblock_next_mem_range(st->mb, &it, VML_MEMBLOCK_NONE, &start, &end)) {
		if (start >= vmalloc_limit)
			continue;
		if (end > lowmem_limit)
			lowmem_limit = vml_min(vmalloc_limit, end);
		if (!memblock_limit) {
			if (!vml_is_aligned(start, ARM_PMD_SIZE))
				memblock_limit = start;
			else if (!vml_is_aligned(end, ARM_PMD_SIZE))
				memblock_limit = lowmem_limit;
		}
	}
	if (!lowmem_limit)
		return vml_fail(st->diag, VML_EINVAL, "no RAM lies below the vmalloc limit",
				vmalloc_limit, 0, -1);
	st->lowmem_limit = lowmem_limit;
	st->high_memory = vml_arm_va(st, lowmem_limit - 1) + 1;
	if (!memblock_limit)
		memblock_limit = lowmem_limit;
	memblock_limit = vml_align_down(memblock_limit, ARM_PMD_SIZE);
	if (!st->cfg->highmem || st->cfg->vipt_aliasing) {
		uint64_t dram_end = vml_memblock_end_of_DRAM(st->mb);

		if (dram_end > lowmem_limit) {
			vml_layout_kmsg(st->lo, "Ignoring RAM at 0x%08llx-0x%08llx\n",
					memblock_limit, dram_end, 0, 0);
			vml_layout_kmsg(st->lo, "Consider using a HIGHMEM enabled kernel.\n", 0, 0,
					0, 0);
			ret = vml_memblock_remove(st->mb, memblock_limit, dram_end - memblock_limit,
						  st->diag);
			if (ret)
				return ret;
		}
	}
	st->memblock_limit = memblock_limit;
	vml_memblock_set_current_limit(st->mb, memblock_limit);
	return VML_OK;
}

int vml_arm_memblock_lowmem_bounds(struct arm_state *st)
{
	int ret = collect_memory(st);

	if (ret)
		return ret;
	compute_vmalloc_size(st);
	return arm_adjust_lowmem_bounds(st);
}

/* The second call, after arm_memblock_init(). */
int vml_arm_memblock_lowmem_bounds_again(struct arm_state *st)
{
	return arm_adjust_lowmem_bounds(st);
}
