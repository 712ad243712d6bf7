/* SPDX-License-Identifier: MIT */
/*
 * DOC: PAGE_OFFSET, PHYS_OFFSET and the linear map of 32-bit ARM
 *
 * PAGE_OFFSET comes from CONFIG_PAGE_OFFSET or the VMSPLIT choice
 * (arch/arm/Kconfig: 0x40000000 / 0x80000000 / 0xC0000000, and 0xB0000000
 * for VMSPLIT_3G_OPT in 6.x, which is !ARM_LPAE only).
 *
 * PHYS_OFFSET: without ARM_PATCH_PHYS_VIRT it is CONFIG_PHYS_OFFSET. With
 * it, head.S derives it from where the kernel runs: the physical address
 * of _text minus TEXT_OFFSET, which must be 16 MiB aligned in 3.4
 * (arch/arm/kernel/head.S v3.4) and 2 MiB aligned in 6.x
 * (arch/arm/kernel/phys2virt.S v6.1). When the user gives no load address
 * we assume a zImage loaded in the lowest RAM bank with AUTO_ZRELADDR: the
 * decompressor masks its own address with 0xf8000000 (128 MiB) and, in
 * 6.x, fdt_check_mem_start() (arch/arm/boot/compressed/
 * fdt_check_mem_start.c, v5.12+) replaces a result that is not inside any
 * DT memory range by the lowest 32-bit memory base rounded up to 2 MiB.
 */
#include "arch/arm/arm_policy.h"

uint64_t vml_arm_va(const struct arm_state *st, uint64_t phys)
{
	/* msm mach/memory.h __phys_to_virt with MEM_HOLE_END_PHYS_OFFSET */
	if (st->hole_active && phys >= st->hole_end_phys)
		return (phys - st->hole_end_phys + st->hole_page_offset) & 0xffffffffULL;
	return (phys - st->phys_offset + st->page_offset) & 0xffffffffULL;
}

uint64_t vml_arm_dma_limit(const struct arm_state *st)
{
	if (!st->cfg->zone_dma)
		return st->phys_addr_max; /* (phys_addr_t)~0, arch/arm/mm/mm.h */
	if (st->cfg->zone_dma_size)
		return st->phys_offset + st->cfg->zone_dma_size - 1;
	return 0xffffffffULL;
}

uint64_t vml_arm_dma_pfn_limit(const struct arm_state *st)
{
	/* unsigned long is 32 bits: without ZONE_DMA, ~0ul >> PAGE_SHIFT. */
	if (!st->cfg->zone_dma)
		return 0xffffffffULL >> 12;
	return vml_arm_dma_limit(st) >> 12;
}

uint64_t vml_arm_page_struct_size(const struct arm_state *st)
{
	return 32 + (st->cfg->memcg ? 4 : 0);
}

uint64_t vml_arm_pa(const struct arm_state *st, uint64_t virt)
{
	if (st->hole_active && virt >= st->hole_page_offset)
		return virt - st->hole_page_offset + st->hole_end_phys;
	if (st->lpae)
		return virt - st->page_offset + st->phys_offset;
	return (virt - st->page_offset + st->phys_offset) & 0xffffffffULL;
}

static int page_offset_from_config(struct arm_state *st)
{
	const struct vml_kernel_config *cfg = st->cfg;

	if (cfg->page_offset_set) {
		st->page_offset = cfg->page_offset;
	} else {
		switch (cfg->vmsplit) {
		case 1:
			st->page_offset = 0x40000000;
			break;
		case 2:
			st->page_offset = 0x80000000;
			break;
		case 0x30:
			st->page_offset = 0xB0000000;
			break;
		default:
			st->page_offset = 0xC0000000;
			break;
		}
	}
	/* The kernel needs modules (16 MiB) below PAGE_OFFSET and the fixed
	 * areas above it; only the Kconfig values are sane, but any 16 MiB
	 * aligned value from 0x40000000 to 0xC0000000 keeps every rule
	 * meaningful. */
	if (st->page_offset < 0x40000000 || st->page_offset > 0xC0000000 ||
	    !vml_is_aligned(st->page_offset, VML_SZ_16M))
		return vml_fail(st->diag, VML_EINVAL,
				"PAGE_OFFSET must be a 16 MiB aligned address from 0x40000000 to "
				"0xc0000000 (arch/arm/Kconfig)",
				st->page_offset, 0, -1);
	if (st->page_offset == 0xB0000000 && st->lpae)
		return vml_fail(
		    st->diag, VML_EINVAL,
		    "VMSPLIT_3G_OPT (PAGE_OFFSET 0xb0000000) is not allowed with ARM_LPAE",
		    st->page_offset, 0, -1);
	return VML_OK;
}

static uint64_t lowest_bank(const struct vml_board *board)
{
	uint64_t lowest = ~0ULL;

	for (unsigned int i = 0; i < board->n_memory; i++)
		lowest = vml_min(lowest, board->memory[i].base);
	return lowest;
}

/* fdt_check_mem_start(): keep mem_start if some 32-bit DT range holds it,
 * else the lowest 32-bit base rounded up to 2 MiB. */
uint64_t vml_arm_fdt_check_mem_start(const struct vml_board *board, uint64_t mem_start)
{
	uint64_t fdt_mem_start = 0xffffffff;

	for (unsigned int i = 0; i < board->n_memory; i++) {
		uint64_t base = board->memory[i].base, size = board->memory[i].size;

		if (!size || base > 0xffffffffULL)
			continue;
		if (mem_start >= base && mem_start < base + size)
			return mem_start;
		fdt_mem_start = vml_min(fdt_mem_start, base);
	}
	if (fdt_mem_start == 0xffffffff)
		return mem_start;
	return vml_align_up(fdt_mem_start, VML_SZ_2M);
}

/* TEXT_OFFSET: _text - PAGE_OFFSET when a System.map gives _text (it is the
 * truth: multiplatform kernels with e.g. ARCH_MESON use 0x208000,
 * arch/arm/Makefile), else the configured value (0x8000 by default). */
static void text_offset_from_config(struct arm_state *st)
{
	const struct vml_kernel_config *cfg = st->cfg;

	st->text_offset = cfg->text_offset ? cfg->text_offset : 0x8000;
	if (cfg->image.known && cfg->image.text >= st->page_offset &&
	    cfg->image.text - st->page_offset < VML_SZ_16M)
		st->text_offset = cfg->image.text - st->page_offset;
}

static int phys_offset_from_load(struct arm_state *st)
{
	const struct vml_kernel_config *cfg = st->cfg;
	uint64_t text_offset = st->text_offset;

	if (cfg->load_phys_set) {
		if (cfg->load_phys < text_offset)
			return vml_fail(st->diag, VML_EINVAL,
					"the kernel load address is below TEXT_OFFSET",
					cfg->load_phys, 0, -1);
		st->phys_offset = cfg->load_phys - text_offset;
	} else {
		uint64_t pc = lowest_bank(st->board);

		if (pc == ~0ULL)
			return vml_fail(st->diag, VML_EINVAL, "the board has no memory", 0, 0, -1);
		st->phys_offset = pc & 0xf8000000ULL;
		if (st->prof->zimage_mem_start)
			st->phys_offset = st->prof->zimage_mem_start(st->board, st->phys_offset);
	}
	if (!vml_is_aligned(st->phys_offset, st->prof->phys_offset_align))
		return vml_fail(st->diag, VML_EINVAL, st->prof->phys_offset_align_rule,
				st->phys_offset, 0, -1);
	return VML_OK;
}

/* A bank that starts at or above 4 GiB cannot be addressed without LPAE.
 * 6.x drops it with "Ignoring memory block ..." (drivers/of/fdt.c
 * early_init_dt_add_memory_arch(), MAX_MEMBLOCK_ADDR, v6.1), which
 * dt_add_memory() models; only a board left with no bank below 4 GiB is an
 * error. 3.4's arm_add_memory() takes a 32-bit phys_addr_t and would alias
 * such a bank onto low memory (arch/arm/kernel/setup.c v3.4): refused. */
static int check_banks_fit(const struct arm_state *st)
{
	const struct vml_board *board = st->board;
	bool any_low = false;

	if (st->lpae)
		return VML_OK;
	for (unsigned int i = 0; i < board->n_memory; i++) {
		if (board->memory[i].base <= 0xffffffffULL) {
			any_low = true;
			continue;
		}
		if (!st->prof->ignores_banks_above_4g)
			return vml_fail(st->diag, VML_ERANGE,
					"a memory bank starts above 4 GiB, which needs "
					"CONFIG_ARM_LPAE (3.4 would alias it onto low memory)",
					board->memory[i].base, board->memory[i].size, (int)i);
	}
	if (board->n_memory && !any_low)
		return vml_fail(st->diag, VML_ERANGE,
				"every memory bank starts above 4 GiB: without CONFIG_ARM_LPAE "
				"the kernel ignores them all and has no memory",
				board->memory[0].base, board->memory[0].size, 0);
	return VML_OK;
}

/* arm_dma_limit = PHYS_OFFSET + arm_dma_zone_size - 1 must be an address
 * (arch/arm/mm/init.c setup_dma_zone(), v6.1): a size that runs past the
 * physical address space would wrap and make the DMA zone end below RAM. */
static int check_zone_dma_size(const struct arm_state *st)
{
	uint64_t size = st->cfg->zone_dma_size;

	if (!st->cfg->zone_dma || !size)
		return VML_OK;
	if (size - 1 > st->phys_addr_max - st->phys_offset)
		return vml_fail(st->diag, VML_ERANGE,
				"ZONE_DMA_SIZE runs past the end of the physical address space "
				"from PHYS_OFFSET (arm_dma_limit = PHYS_OFFSET + size - 1)",
				size, st->phys_offset, -1);
	return VML_OK;
}

int vml_arm_setup_offsets(struct arm_state *st)
{
	const struct vml_kernel_config *cfg = st->cfg;
	int ret;

	st->lpae = cfg->arm_lpae;
	/* PHYS_ADDR_MAX: phys_addr_t is 64-bit with LPAE (ARCH_PHYS_ADDR_T_64BIT),
	 * 32-bit without. */
	st->phys_addr_max = st->lpae ? ~0ULL : 0xffffffffULL;
	ret = check_banks_fit(st);
	if (!ret)
		ret = page_offset_from_config(st);
	if (ret)
		return ret;
	text_offset_from_config(st);
	/* MAX_ORDER_NR_PAGES = 1 << (MAX_ORDER - 1), MAX_ORDER 11 unless
	 * ARCH_FORCE_MAX_ORDER says otherwise (Debian 12's armmp: 12); from
	 * v6.4 MAX_ORDER is the largest order itself ("mm, treewide: redefine
	 * MAX_ORDER sanely", MAX_PAGE_ORDER in v6.12's include/linux/mmzone.h):
	 * 1 << ARCH_FORCE_MAX_ORDER, default 10 (Debian 13's armmp: 11, the
	 * same 2048 pages as 12 before). pageblock_order
	 * (include/linux/pageblock-flags.h v6.1, v6.12): HUGETLB_PAGE_ORDER
	 * (2 MiB pages: order 9, LPAE only) when HUGETLB_PAGE, capped at the
	 * largest order; else the largest order. */
	if (vml_arm_since(st, st->prof->max_order_inclusive_since))
		st->max_order_pages = 1ULL << (cfg->max_order ? cfg->max_order : 10);
	else
		st->max_order_pages = 1ULL << ((cfg->max_order ? cfg->max_order : 11) - 1);
	st->pageblock_pages = st->max_order_pages;
	if (st->lpae && cfg->hugetlb_page)
		st->pageblock_pages = vml_min(512, st->max_order_pages);
	if (cfg->arm_patch_phys_virt) {
		ret = phys_offset_from_load(st);
		return ret ? ret : check_zone_dma_size(st);
	}
	if (!cfg->phys_offset_set)
		return vml_fail(st->diag, VML_EINVAL,
				"CONFIG_PHYS_OFFSET must be set when ARM_PATCH_PHYS_VIRT is off", 0,
				0, -1);
	st->phys_offset = cfg->phys_offset;
	if (!vml_is_aligned(st->phys_offset, VML_SZ_1M) || st->phys_offset > 0xffffffffULL)
		return vml_fail(st->diag, VML_EINVAL,
				"CONFIG_PHYS_OFFSET must be a 1 MiB aligned 32-bit address",
				st->phys_offset, 0, -1);
	return check_zone_dma_size(st);
}
