/* SPDX-License-Identifier: MIT */
/*
 * DOC: the 3.4-era bank model: meminfo, sanity_check_meminfo, msm options
 *
 * Follows arch/arm/kernel/setup.c (arm_add_memory, early_mem),
 * arch/arm/kernel/devtree.c and arch/arm/mm/mmu.c (early_vmalloc,
 * sanity_check_meminfo) of v3.4, plus the msm-3.4 additions: the
 * qcom,memblock-remove holes applied by init_very_early (adjust_meminfo),
 * ENABLE_VMALLOC_SAVING and DONT_MAP_HOLE_AFTER_MEMBANK0 (mach/memory.h,
 * mm/mmu.c, mm/init.c of the msm8974 trees). See docs/arm32.md.
 */
#include "arch/arm/arm_policy.h"

#define ARM34_DEFAULT_VMALLOC (240 * VML_SZ_1M)
#define ARM_VMALLOC_OFFSET VML_SZ_8M
#define ARM_MAX_HOLE_SPAN (256 * VML_SZ_1M) /* MAX_HOLE_ADDRESS - PHYS_OFFSET */

/* arm_add_memory() of v3.4: start up to a page, size down to pages, a bank
 * that wraps 32 bits truncated to end at 0xffffffff (losing its last page). */
static int add_bank(struct arm_state *st, uint64_t start, uint64_t size)
{
	struct arm_bank *bank;
	uint64_t aligned;

	if (st->n_banks >= ARM_NR_BANKS) {
		vml_layout_kmsg(st->lo, "NR_BANKS too low, ignoring memory at 0x%08llx\n", start, 0,
				0, 0);
		return VML_OK;
	}
	aligned = vml_align_up(start, VML_SZ_4K);
	size = aligned - start > size ? 0 : size - (aligned - start);
	if (!st->lpae && aligned + size > 0xffffffffULL) {
		vml_layout_kmsg(st->lo,
				"Truncating memory at 0x%08llx to fit in 32-bit physical address "
				"space\n",
				start, 0, 0, 0);
		size = 0xffffffffULL - aligned;
	}
	size = vml_align_down(size, VML_SZ_4K);
	if (!size)
		return VML_OK;
	bank = &st->banks[st->n_banks++];
	bank->start = aligned;
	bank->size = size;
	bank->highmem = false;
	return VML_OK;
}

/* msm adjust_meminfo(): split the bank that wholly contains the hole. */
static void remove_hole(struct arm_state *st, uint64_t start, uint64_t size)
{
	for (unsigned int i = 0; i < st->n_banks; i++) {
		struct arm_bank *bank = &st->banks[i];
		uint64_t bank_end = bank->start + bank->size;

		if (start < bank->start || start + size > bank_end)
			continue;
		if (st->n_banks >= ARM_NR_BANKS) {
			vml_layout_kmsg(st->lo,
					"NR_BANKS too low, ignoring memory hole at 0x%08llx\n",
					start, 0, 0, 0);
			return;
		}
		for (unsigned int j = st->n_banks; j > i + 1; j--)
			st->banks[j] = st->banks[j - 1];
		st->n_banks++;
		st->banks[i + 1].start = start + size;
		st->banks[i + 1].size = bank_end - (start + size);
		st->banks[i + 1].highmem = false;
		bank->size = start - bank->start;
		return;
	}
}

static void drop_empty_banks(struct arm_state *st)
{
	unsigned int j = 0;

	for (unsigned int i = 0; i < st->n_banks; i++)
		if (st->banks[i].size)
			st->banks[j++] = st->banks[i];
	st->n_banks = j;
}

static void sort_banks(struct arm_state *st)
{
	for (unsigned int i = 1; i < st->n_banks; i++) {
		struct arm_bank key = st->banks[i];
		unsigned int j = i;

		for (; j > 0 && st->banks[j - 1].start > key.start; j--)
			st->banks[j] = st->banks[j - 1];
		st->banks[j] = key;
	}
}

static int collect_banks(struct arm_state *st)
{
	const struct vml_board *board = st->board;
	const struct vml_kernel_config *cfg = st->cfg;

	for (unsigned int i = 0; i < board->n_memory; i++)
		add_bank(st, board->memory[i].base, board->memory[i].size);
	for (unsigned int i = 0; i < board->n_remove; i++)
		remove_hole(st, board->remove[i].base, board->remove[i].size);
	drop_empty_banks(st);
	/* early_mem(): the first mem= discards every bank known so far. */
	if (cfg->n_mem_args)
		st->n_banks = 0;
	for (unsigned int i = 0; i < cfg->n_mem_args; i++)
		add_bank(st, cfg->mem_start_set[i] ? cfg->mem_start[i] : st->phys_offset,
			 cfg->mem_size[i]);
	sort_banks(st);
	if (!st->n_banks)
		return vml_fail(st->diag, VML_EINVAL, "no usable RAM bank is left", 0, 0, -1);
	return VML_OK;
}

/* early_vmalloc() of v3.4: vmalloc_min = VMALLOC_END - N, with no
 * VMALLOC_OFFSET subtracted (the 8 MiB asymmetry fixed in 2021). */
static void compute_vmalloc_min(struct arm_state *st)
{
	const uint64_t vmalloc_end = st->prof->vmalloc_end;
	uint64_t reserve;

	if (!st->cfg->vmalloc_set) {
		st->vmalloc_min = vmalloc_end - ARM34_DEFAULT_VMALLOC - ARM_VMALLOC_OFFSET;
		return;
	}
	reserve = st->cfg->vmalloc_size;
	if (reserve < VML_SZ_16M) {
		reserve = VML_SZ_16M;
		vml_layout_kmsg(st->lo, "vmalloc area too small, limiting to %lluMB\n",
				reserve >> 20, 0, 0, 0);
	}
	if (reserve > vmalloc_end - (st->page_offset + 32 * VML_SZ_1M)) {
		reserve = vmalloc_end - (st->page_offset + 32 * VML_SZ_1M);
		vml_layout_kmsg(st->lo, "vmalloc area is too big, limiting to %lluMB\n",
				reserve >> 20, 0, 0, 0);
	}
	st->vmalloc_min = vmalloc_end - reserve;
}

/* ENABLE_VMALLOC_SAVING: every gap that starts below MAX_HOLE_ADDRESS
 * moves vmalloc_min up by its size (msm-3.4 sanity_check_meminfo). The
 * kernel adds without a cap: holes larger than the vmalloc= reservation
 * push vmalloc_min past VMALLOC_END (and past 2^32, where the pointer
 * wraps), leaving no vmalloc area at all. That kernel would not boot, so
 * the configuration is refused. */
static int vmalloc_saving_adjust(struct arm_state *st)
{
	uint64_t holes = 0;

	for (unsigned int i = 0; i + 1 < st->n_banks; i++) {
		uint64_t prev_end = st->banks[i].start + st->banks[i].size;
		uint64_t next = st->banks[i + 1].start;

		if (prev_end <= st->phys_offset + ARM_MAX_HOLE_SPAN && next > prev_end)
			holes += next - prev_end;
	}
	if (holes >= st->prof->vmalloc_end - st->vmalloc_min)
		return vml_fail(st->diag, VML_EINVAL,
				"ENABLE_VMALLOC_SAVING: the holes below MAX_HOLE_ADDRESS move "
				"vmalloc_min up by more than the vmalloc= reservation, past "
				"VMALLOC_END (msm-3.4 sanity_check_meminfo has no cap); give a "
				"larger vmalloc=",
				holes, st->prof->vmalloc_end - st->vmalloc_min, -1);
	st->vmalloc_min += holes;
	return VML_OK;
}

/* Split a lowmem bank at vmalloc_min (v3.4: "greatly simplifying things"). */
static bool split_bank(struct arm_state *st, unsigned int i)
{
	struct arm_bank *bank = &st->banks[i];
	uint64_t low_size = (st->vmalloc_min - vml_arm_va(st, bank->start)) & 0xffffffffULL;

	if (st->n_banks >= ARM_NR_BANKS) {
		vml_layout_kmsg(st->lo, "NR_BANKS too low, ignoring high memory\n", 0, 0, 0, 0);
		bank->size = low_size;
		return false;
	}
	for (unsigned int j = st->n_banks; j > i + 1; j--)
		st->banks[j] = st->banks[j - 1];
	st->n_banks++;
	st->banks[i + 1].start = vml_arm_pa(st, st->vmalloc_min - 1) + 1;
	st->banks[i + 1].size = bank->size - low_size;
	st->banks[i + 1].highmem = true;
	bank->size = low_size;
	return true;
}

static bool bank_in_vmalloc(const struct arm_state *st, const struct arm_bank *bank)
{
	uint64_t va = vml_arm_va(st, bank->start);

	return va >= st->vmalloc_min || va < st->page_offset;
}

/* The CONFIG_HIGHMEM=y branch of the v3.4 loop; "highmem" is sticky. */
static void classify_highmem(struct arm_state *st)
{
	bool highmem = false;

	for (unsigned int i = 0; i < st->n_banks; i++) {
		struct arm_bank *bank = &st->banks[i];
		uint64_t va = vml_arm_va(st, bank->start);

		if (bank->start > 0xffffffffULL || bank_in_vmalloc(st, bank))
			highmem = true;
		bank->highmem = highmem;
		if (!highmem && bank->size > st->vmalloc_min - va) {
			if (split_bank(st, i)) {
				i++;
				highmem = true;
			}
		}
	}
}

/* The CONFIG_HIGHMEM=n branch: drop or truncate, with the kernel's notes. */
static void drop_highmem(struct arm_state *st)
{
	unsigned int j = 0;
	bool highmem = false;

	for (unsigned int i = 0; i < st->n_banks; i++) {
		struct arm_bank bank = st->banks[i];
		uint64_t last = bank.start + bank.size - 1;
		uint64_t va = vml_arm_va(st, bank.start),
			 va_end = vml_arm_va(st, bank.start + bank.size);

		if (bank.start > 0xffffffffULL)
			highmem = true;
		if (highmem) {
			vml_layout_kmsg(st->lo,
					"Ignoring RAM at %.8llx-%.8llx (!CONFIG_HIGHMEM).\n",
					bank.start, last, 0, 0);
			continue;
		}
		if (bank_in_vmalloc(st, &bank)) {
			vml_layout_kmsg(st->lo,
					"Ignoring RAM at %.8llx-%.8llx (vmalloc region overlap).\n",
					bank.start, last, 0, 0);
			continue;
		}
		if (va_end > st->vmalloc_min || va_end < va) {
			uint64_t newsize = st->vmalloc_min - va;

			vml_layout_kmsg(
			    st->lo,
			    "Truncating RAM at %.8llx-%.8llx to -%.8llx (vmalloc region "
			    "overlap).\n",
			    bank.start, last, bank.start + newsize - 1, 0);
			bank.size = newsize;
		}
		bank.highmem = false;
		st->banks[j++] = bank;
	}
	st->n_banks = j;
}

static void drop_highmem_vipt(struct arm_state *st)
{
	unsigned int i;

	for (i = 0; i < st->n_banks; i++)
		if (st->banks[i].highmem)
			break;
	if (i < st->n_banks) {
		vml_layout_kmsg(st->lo,
				"HIGHMEM is not supported with VIPT aliasing cache, ignoring high "
				"memory\n",
				0, 0, 0, 0);
		st->n_banks = i;
	}
}

static int banks_to_memblock(struct arm_state *st)
{
	for (unsigned int i = 0; i < st->n_banks; i++) {
		int ret = vml_memblock_add(st->mb, st->banks[i].start, st->banks[i].size, st->diag);

		if (ret)
			return ret;
	}
	return VML_OK;
}

int vml_arm_sanity_check_meminfo(struct arm_state *st)
{
	int ret = collect_banks(st);

	if (ret)
		return ret;
	compute_vmalloc_min(st);
	if (st->cfg->reclaim == VML_RECLAIM_DONT_MAP_HOLE) {
		ret = vml_arm_find_memory_hole_banks(st);
		if (ret)
			return ret;
	} else if (st->cfg->reclaim == VML_RECLAIM_VMALLOC_SAVING) {
		ret = vmalloc_saving_adjust(st);
		if (ret)
			return ret;
	}
	if (st->cfg->highmem)
		classify_highmem(st);
	else
		drop_highmem(st);
	if (st->cfg->highmem && st->cfg->vipt_aliasing)
		drop_highmem_vipt(st);
	st->lowmem_limit = 0;
	for (unsigned int i = 0; i < st->n_banks; i++)
		if (!st->banks[i].highmem)
			st->lowmem_limit =
			    vml_max(st->lowmem_limit, st->banks[i].start + st->banks[i].size);
	if (!st->lowmem_limit)
		return vml_fail(
		    st->diag, VML_EINVAL,
		    "no RAM bank lies in lowmem: the first bank is below PHYS_OFFSET or "
		    "above vmalloc_min (v3.4 sanity_check_meminfo makes it all highmem)",
		    st->banks[0].start, st->banks[0].size, 0);
	st->high_memory = vml_arm_va(st, st->lowmem_limit - 1) + 1;
	st->memblock_limit = st->lowmem_limit;
	ret = banks_to_memblock(st);
	/* arm_memblock_init() v3.4: memblock_set_current_limit(arm_lowmem_limit) */
	if (!ret)
		vml_memblock_set_current_limit(st->mb, st->lowmem_limit);
	return ret;
}
