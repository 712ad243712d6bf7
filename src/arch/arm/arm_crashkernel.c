/* SPDX-License-Identifier: MIT */
/*
 * DOC: 32-bit ARM's crash kernel reservation (crashkernel=)
 *
 * arch/arm/kernel/setup.c reserve_crashkernel(), v6.1, called by
 * setup_arch() after paging_init() (so after the page tables, mem_map and
 * the zones, before start_kernel()'s per-CPU area and hash tables):
 * parse_crashkernel() (kernel/crash_core.c, no ,high/,low) against
 * get_total_mem() = (max_low_pfn - min_low_pfn) << PAGE_SHIFT, the lowmem
 * span; the size is not page aligned. Without a base: CRASH_ALIGN (128 MiB)
 * aligned, in [CRASH_ALIGN, min(idmap_to_phys(0xffffffff), __pa(high_memory
 * - 1) + 1)), top-down (no idmap alias is modelled: the first bound is
 * 0xffffffff). With one: SECTION_SIZE aligned in [base, base + size), and the
 * kernel keeps the given base whatever the allocation returned (the same
 * address when it succeeds).
 *
 * Without LPAE phys_addr_t is 32 bits: crash_size and crash_base stay
 * unsigned long long (parse_crashkernel()'s), but memblock_phys_alloc_range()
 * takes phys_addr_t size, start and end, and crashk_res (resource_size_t)
 * keeps 32 bits too. So crashkernel=4160M reserves 64 MiB and prints
 * "Reserving 4160MB ..." (the message is cast from the 64-bit variables),
 * and crashkernel=64M@0x160000000 reserves at 0x60000000 and prints "at
 * 5632MB".
 */
#include "arch/arm/arm_policy.h"
#include "vmlayout/crashkernel.h"

/* memblock_phys_alloc_range() (mm/memblock.c v6.1), 0 for none, with the
 * kernel's size 0 (a 32-bit size cut to 0): memblock_find_in_range_node()
 * still returns its top-down candidate, round_down(the end of the highest
 * free range in [start, end), align), and memblock_reserve() of 0 bytes
 * reserves nothing. */
static vml_phys_t phys_alloc_range(struct arm_state *st, uint64_t size, uint64_t align,
				   uint64_t start, uint64_t end)
{
	struct vml_memblock_iter it = VML_MEMBLOCK_ITER_INIT;
	vml_phys_t s, e, got = 0;

	if (size)
		return vml_memblock_phys_alloc_range(st->mb, size, align, start, end, &got, NULL)
			   ? 0
			   : got;
	start = vml_max(start, VML_SZ_4K);
	end = vml_max(start, end);
	while (vml_memblock_next_free_range(st->mb, &it, VML_MEMBLOCK_NONE, &s, &e)) {
		s = vml_min(vml_max(s, start), end);
		e = vml_min(vml_max(e, start), end);
		if ((e & ~(align - 1)) >= s)
			got = e & ~(align - 1); /* the last one found is the highest */
	}
	return got;
}

int vml_arm_reserve_crashkernel(struct arm_state *st)
{
	const uint64_t crash_align = 128 * VML_SZ_1M;
	const uint64_t section = st->lpae ? VML_SZ_2M : VML_SZ_1M; /* SECTION_SIZE */
	const uint64_t min_low = vml_align_up(vml_memblock_start_of_DRAM(st->mb), VML_SZ_4K);
	const uint64_t total_mem = st->lowmem_limit > min_low ? st->lowmem_limit - min_low : 0;
	const uint64_t pa_mask = st->lpae ? ~0ULL : 0xffffffffULL; /* phys_addr_t */
	uint64_t size, base, max;
	vml_phys_t got;
	int ret;

	if (!st->prof->crashkernel) {
		vml_crashkernel_not_modelled(st->lo, st->cfg);
		return VML_OK;
	}
	/* #ifdef CONFIG_KEXEC (v6.1) */
	if (!st->cfg->kexec) {
		vml_crashkernel_not_built(st->lo, st->cfg, "KEXEC");
		return VML_OK;
	}
	ret = vml_parse_crashkernel_one(st->cfg->boot_command_line, total_mem, NULL,
					VML_CRASH_PARSE_V6_1, &size, &base, st->lo);
	if (ret == VML_EINVAL)
		vml_crashkernel_refused(st->lo);
	if (!ret && !size)
		vml_layout_kmsg(st->lo,
				"vmlayout: crashkernel= gives a size of 0: no crash kernel "
				"reserved (reserve_crashkernel() returns silently)\n",
				0, 0, 0, 0);
	if (ret || !size)
		return VML_OK;
	if (!base) {
		max = vml_min(0xffffffffULL, st->lowmem_limit);
		got = phys_alloc_range(st, size & pa_mask, crash_align, crash_align, max);
		if (!got) {
			vml_layout_kmsg(
			    st->lo, "crashkernel reservation failed - No suitable area found.\n", 0,
			    0, 0, 0);
			return VML_OK;
		}
		base = got;
	} else if (!phys_alloc_range(st, size & pa_mask, section, base & pa_mask,
				     (base + size) & pa_mask)) {
		vml_layout_kmsg(st->lo, "crashkernel reservation failed - memory is in use.\n", 0,
				0, 0, 0);
		return VML_OK;
	}
	vml_layout_kmsg(
	    st->lo, "Reserving %lluMB of memory at %lluMB for crashkernel (System RAM: %lluMB)\n",
	    size >> 20, base >> 20, total_mem >> 20, 0);
	if (!(size & pa_mask)) {
		vml_layout_kmsg(st->lo,
				"vmlayout: crashkernel= size 0x%llx is 0 as the 32-bit phys_addr_t "
				"that memblock_phys_alloc_range() takes: nothing is reserved\n",
				size, 0, 0, 0);
		return VML_OK;
	}
	/* crashk_res: [crash_base, crash_base + crash_size - 1] in 32 bits */
	return vml_crashkernel_record(st->lo, base & pa_mask, size & pa_mask, false, st->diag);
}
