/* SPDX-License-Identifier: MIT */
/*
 * DOC: the arm64 "3.18" layout: the image in the linear map (seed 000)
 *
 * setup_arch() of the 3.18 era, in its order:
 * - head.S __calc_phys_offset: PHYS_OFFSET = where the image was loaded
 *   minus TEXT_OFFSET (0x80000), so RAM below the image's 2 MiB base is
 *   never part of the linear map;
 * - drivers/of/fdt.c early_init_dt_add_memory_arch(): banks page-masked,
 *   what lies below PHYS_OFFSET dropped ("Ignoring memory block/range");
 * - arch/arm64/mm/init.c arm64_memblock_init(): mem=, the image
 *   [_text, _end) reserved, then the DT's /memreserve/ and static
 *   /reserved-memory (no-map ones removed from memblock, as
 *   early_init_dt_reserve_memory_arch() of that era does);
 * - mem_init()'s "Virtual kernel memory layout:" block.
 * The asm/memory.h, asm/pgtable.h and asm/fixmap.h constants are in
 * vml_arm64_v3_18_geometry(). Zones and the boot allocations are not
 * modelled (docs/arm64.md "The 3.18 profile").
 */
#include "arch/arm64/layout_v3_18.h"

struct v3_18_state {
	const struct vml_board *board;
	const struct vml_kernel_config *cfg;
	struct vml_memblock *mb;
	struct vml_layout *lo;
	struct vml_diag *diag;
	struct arm64_v3_18_geometry g;
	uint64_t phys_offset, pa_text, image_size, high_memory;
};

static bool va_bits_offered(unsigned int page_shift, unsigned int va_bits)
{
	/* arch/arm64/Kconfig (v3.17+): ARM64_VA_BITS_39 depends on 4K,
	 * ARM64_VA_BITS_42 on 64K, ARM64_VA_BITS_48 on either; no 16K (v4.4) */
	if (va_bits == 48)
		return true;
	return page_shift == 12 ? va_bits == 39 : va_bits == 42;
}

int vml_arm64_v3_18_geometry(const struct vml_kernel_config *cfg, struct arm64_v3_18_geometry *g,
			     struct vml_diag *diag)
{
	uint64_t page = cfg->page_size ? cfg->page_size : VML_SZ_4K;
	uint64_t entries_shift;

	vml_zero(g, sizeof(*g));
	if (page != VML_SZ_4K && page != VML_SZ_64K)
		return vml_fail(diag, VML_EINVAL,
				"3.18 has 4K and 64K pages only (ARM64_16K_PAGES came in v4.4)",
				page, 0, -1);
	g->page_size = page;
	g->page_shift = page == VML_SZ_4K ? 12 : 16;
	g->va_bits = cfg->va_bits;
	if (!va_bits_offered(g->page_shift, g->va_bits))
		return vml_fail(
		    diag, VML_EINVAL,
		    "3.18 offers ARM64_VA_BITS 39 or 48 with 4K pages, 42 or 48 with 64K",
		    g->va_bits, page, -1);
	entries_shift = g->page_shift - 3;
	/* asm/pgtable-hwdef.h: levels = ceil((VA_BITS - PAGE_SHIFT) / (PAGE_SHIFT - 3)) */
	g->levels =
	    (unsigned int)((g->va_bits - g->page_shift + entries_shift - 1) / entries_shift);
	g->pmd_size = 1ULL << (g->page_shift + entries_shift);
	/* PUD_SIZE is PGDIR_SIZE when the PUD is folded (fewer than 4 levels) */
	g->pud_size = g->levels >= 4 ? 1ULL << (g->page_shift + 2 * entries_shift)
				     : 1ULL << (g->page_shift + (g->levels - 1) * entries_shift);
	/* asm/memory.h: PAGE_OFFSET = ~0 << (VA_BITS - 1); modules the 64M below */
	g->page_offset = ~0ULL << (g->va_bits - 1);
	g->modules_vaddr = g->page_offset - 64 * VML_SZ_1M;
	/* PCI_IO_END = MODULES_VADDR - 2M, PCI_IO_SIZE 16M, FIXADDR_TOP = PCI_IO_START - 2M */
	g->pci_io_end = g->modules_vaddr - VML_SZ_2M;
	g->pci_io_start = g->pci_io_end - VML_SZ_16M;
	g->fixaddr_top = g->pci_io_start - VML_SZ_2M;
	/* asm/fixmap.h: FIXADDR_SIZE = the permanent slots, FIX_HOLE and
	 * FIX_EARLYCON_MEM_BASE */
	g->fixaddr_start = g->fixaddr_top - 2 * page;
	/* asm/pgtable.h: VMEMMAP_SIZE = ALIGN((1 << (VA_BITS - PAGE_SHIFT)) *
	 * sizeof(struct page), PUD_SIZE); VMALLOC_END = PAGE_OFFSET - PUD_SIZE -
	 * VMEMMAP_SIZE - SZ_64K; vmemmap = VMALLOC_END + SZ_64K */
	g->vmemmap_size = vml_align_up((1ULL << (g->va_bits - g->page_shift)) * 64, g->pud_size);
	g->vmalloc_start = ~0ULL << g->va_bits;
	g->vmalloc_end = g->page_offset - g->pud_size - g->vmemmap_size - VML_SZ_64K;
	g->vmemmap_start = g->vmalloc_end + VML_SZ_64K;
	return VML_OK;
}

static uint64_t phys_to_virt(const struct v3_18_state *st, uint64_t pa)
{
	return pa - st->phys_offset + st->g.page_offset;
}

/* head.S: the image sits TEXT_OFFSET above a 2 MiB aligned PHYS_OFFSET
 * (Documentation/arm64/booting.txt of the era); without --kernel-image,
 * the first bank's first 2 MiB boundary. */
static int place_image(struct v3_18_state *st)
{
	const struct vml_kernel_config *cfg = st->cfg;
	const struct vml_board *b = st->board;

	if (cfg->load_phys_set)
		st->pa_text = cfg->load_phys;
	else if (b->n_memory)
		st->pa_text = vml_align_up(b->memory[0].base, VML_SZ_2M) + ARM64_V3_18_TEXT_OFFSET;
	if (cfg->image.known && cfg->image.end > cfg->image.text) {
		st->image_size = cfg->image.end - cfg->image.text;
		if (cfg->image.text != st->g.page_offset + ARM64_V3_18_TEXT_OFFSET)
			return vml_fail(st->diag, VML_EINVAL,
					"a 3.18 image is linked at PAGE_OFFSET + TEXT_OFFSET: "
					"System.map's _text is elsewhere",
					cfg->image.text, st->g.page_offset, -1);
	} else {
		st->image_size = cfg->image_size;
	}
	if (st->pa_text < ARM64_V3_18_TEXT_OFFSET ||
	    (st->pa_text - ARM64_V3_18_TEXT_OFFSET) & (VML_SZ_2M - 1))
		return vml_fail(st->diag, VML_EINVAL,
				"the image must sit TEXT_OFFSET (0x80000) above a 2 MiB boundary "
				"(booting.txt): --kernel-image PHYS",
				st->pa_text, ARM64_V3_18_TEXT_OFFSET, -1);
	st->phys_offset = st->pa_text - ARM64_V3_18_TEXT_OFFSET;
	return VML_OK;
}

/* early_init_dt_add_memory_arch() of the era: PAGE_MASK, then nothing
 * below PHYS_OFFSET (the linear map cannot reach it). */
static int add_memory(struct v3_18_state *st)
{
	const struct vml_board *b = st->board;
	const uint64_t mask = ~(st->g.page_size - 1);
	int ret = VML_OK;

	for (unsigned int i = 0; !ret && i < b->n_memory; i++) {
		uint64_t base = b->memory[i].base & mask, size = b->memory[i].size & mask;

		if (base + size < st->phys_offset) {
			vml_layout_kmsg(st->lo, "Ignoring memory block 0x%llx - 0x%llx\n", base,
					base + size, 0, 0);
			continue;
		}
		if (base < st->phys_offset) {
			vml_layout_kmsg(st->lo, "Ignoring memory range 0x%llx - 0x%llx\n", base,
					st->phys_offset, 0, 0);
			size -= st->phys_offset - base;
			base = st->phys_offset;
		}
		if (size)
			ret = vml_memblock_add(st->mb, base, size, st->diag);
	}
	if (!ret && !st->mb->memory.cnt)
		ret = vml_fail(st->diag, VML_EINVAL, "no RAM at or above PHYS_OFFSET",
			       st->phys_offset, 0, -1);
	return ret;
}

/* arm64_memblock_init(): mem=, the image, the DT's reservations. */
static int memblock_init(struct v3_18_state *st)
{
	const struct vml_board *b = st->board;
	int ret = VML_OK;

	if (st->cfg->n_mem_args)
		ret = vml_memblock_enforce_memory_limit(
		    st->mb, st->cfg->mem_size[st->cfg->n_mem_args - 1] & ~(st->g.page_size - 1),
		    st->diag);
	if (!ret && st->image_size &&
	    !vml_memblock_is_region_memory(st->mb, st->pa_text, st->image_size))
		ret = vml_fail(st->diag, VML_EINVAL,
			       "the image [_text, _end) must lie in memory the DT describes",
			       st->pa_text, st->image_size, -1);
	if (!ret && st->image_size) {
		ret = vml_memblock_reserve(st->mb, st->pa_text, st->image_size, st->diag);
		if (!ret)
			ret = vml_layout_add_reservation(st->lo, "kernel", st->pa_text,
							 st->image_size, false, st->diag);
	}
	for (unsigned int i = 0; !ret && i < b->n_memreserve; i++)
		ret = vml_memblock_reserve(st->mb, b->memreserve[i].base, b->memreserve[i].size,
					   st->diag);
	for (unsigned int i = 0; !ret && i < b->n_reserved; i++) {
		const struct vml_board_reserved *r = &b->reserved[i];

		if (!r->size || r->dynamic)
			continue;
		ret = r->nomap ? vml_memblock_remove(st->mb, r->base, r->size, st->diag)
			       : vml_memblock_reserve(st->mb, r->base, r->size, st->diag);
	}
	return ret;
}

/* The linear map's pieces: every memblock memory range at __va(). */
static int segments(struct v3_18_state *st)
{
	int ret = VML_OK;

	for (unsigned long i = 0; !ret && i < st->mb->memory.cnt; i++) {
		const struct vml_memblock_region *r = &st->mb->memory.regions[i];

		ret = vml_layout_add_segment(st->lo, phys_to_virt(st, r->base), r->base, r->size,
					     st->diag);
	}
	return ret;
}

static int regions(struct v3_18_state *st)
{
	const struct arm64_v3_18_geometry *g = &st->g;
	struct vml_layout *lo = st->lo;
	struct vml_diag *d = st->diag;
	int ret;

	ret = vml_layout_add_region(lo, "vmalloc", g->vmalloc_start, g->vmalloc_end, d);
	if (!ret)
		ret = vml_layout_add_region(lo, "vmemmap", g->vmemmap_start,
					    g->vmemmap_start + g->vmemmap_size, d);
	if (!ret)
		ret = vml_layout_add_region(lo, "fixmap", g->fixaddr_start, g->fixaddr_top, d);
	if (!ret)
		ret = vml_layout_add_region(lo, "pci_io", g->pci_io_start, g->pci_io_end, d);
	if (!ret)
		ret = vml_layout_add_region(lo, "modules", g->modules_vaddr, g->page_offset, d);
	if (!ret)
		ret = vml_layout_add_region(lo, "linear", g->page_offset, st->high_memory, d);
	if (!ret && st->image_size)
		ret = vml_layout_add_region(lo, "kernel", phys_to_virt(st, st->pa_text),
					    phys_to_virt(st, st->pa_text) + st->image_size, d);
	return ret;
}

/* virt_to_page(): vmemmap + pfn, 64-byte struct pages */
static uint64_t virt_to_page(const struct v3_18_state *st, uint64_t va)
{
	uint64_t pa = va - st->g.page_offset + st->phys_offset;

	return st->g.vmemmap_start + (pa >> st->g.page_shift) * 64;
}

/* mem_init()'s block (arch/arm64/mm/init.c of the era): its lines in order. */
static int lines(struct v3_18_state *st)
{
	const struct arm64_v3_18_geometry *g = &st->g;
	const struct vml_kernel_image *img = &st->cfg->image;
	struct vml_layout *lo = st->lo;
	struct vml_diag *d = st->diag;
	const char *const p = "    ";
	int ret;

	lo->lines_style = VML_LINES_ARM64_V3_18;
	ret = vml_layout_add_line(lo, p, "vmalloc : ", g->vmalloc_start, g->vmalloc_end,
				  VML_UNIT_GB, d);
	if (!ret)
		ret =
		    vml_layout_add_line(lo, p, "vmemmap : ", g->vmemmap_start,
					g->vmemmap_start + g->vmemmap_size, VML_UNIT_GB_MAXIMUM, d);
	if (!ret)
		ret =
		    vml_layout_add_line(lo, "              ", "", virt_to_page(st, g->page_offset),
					virt_to_page(st, st->high_memory), VML_UNIT_MB_ACTUAL, d);
	if (!ret)
		ret = vml_layout_add_line(lo, p, "fixed   : ", g->fixaddr_start, g->fixaddr_top,
					  VML_UNIT_KB_UPPER, d);
	if (!ret)
		ret = vml_layout_add_line(lo, p, "PCI I/O : ", g->pci_io_start, g->pci_io_end,
					  VML_UNIT_MB, d);
	if (!ret)
		ret = vml_layout_add_line(lo, p, "modules : ", g->modules_vaddr, g->page_offset,
					  VML_UNIT_MB, d);
	if (!ret)
		ret = vml_layout_add_line(lo, p, "memory  : ", g->page_offset, st->high_memory,
					  VML_UNIT_MB, d);
	if (ret || !img->known)
		return ret;
	ret = vml_layout_add_line(lo, "      ", ".init : ", img->init_begin, img->init_end,
				  VML_UNIT_KB_UPPER_ROUNDUP, d);
	if (!ret)
		ret = vml_layout_add_line(lo, "      ", ".text : ", img->text, img->etext,
					  VML_UNIT_KB_UPPER_ROUNDUP, d);
	if (!ret)
		ret = vml_layout_add_line(lo, "      ", ".data : ", img->sdata, img->edata,
					  VML_UNIT_KB_UPPER_ROUNDUP, d);
	return ret;
}

/* map_mem()'s 4K rule (mmu.c of the era): a bank starting below the
 * memblock limit is mapped from ALIGN(start, PMD_SIZE), the pages below
 * stay out of the linear map (they are still memblock memory: the kernel
 * counts them and may hand them out, unmapped). */
static void pmd_alignment_loss(struct v3_18_state *st)
{
	uint64_t limit = st->phys_offset + st->g.pud_size;

	if (st->g.page_shift != 12)
		return;
	for (unsigned long i = 0; i < st->mb->memory.cnt; i++) {
		uint64_t start = st->mb->memory.regions[i].base;
		uint64_t end = start + st->mb->memory.regions[i].size;
		uint64_t aligned = vml_align_up(start, st->g.pmd_size);

		if (start < limit && aligned != start)
			vml_layout_kmsg(
			    st->lo,
			    "vmlayout: 3.18 map_mem() maps the bank at 0x%llx from "
			    "0x%llx (PMD_SIZE aligned): %llu KiB left out of map_mem()\n",
			    start, vml_min(aligned, end), (vml_min(aligned, end) - start) >> 10, 0);
		if (end < limit)
			limit = end & ~(st->g.pmd_size - 1);
	}
}

/* Free memblock pages: not MemTotal (the boot allocations after
 * paging_init() are not modelled; docs/arm64.md). */
static void totals(struct v3_18_state *st)
{
	uint64_t mem = vml_memblock_phys_mem_size(st->mb);
	uint64_t res = vml_memblock_reserved_size(st->mb);

	st->lo->mem_total_kb = (mem > res ? mem - res : 0) >> 10;
	st->lo->lowmem_ram = mem;
}

static void publish(struct v3_18_state *st)
{
	struct vml_layout *lo = st->lo;

	lo->addr_digits = 16;
	lo->page_shift = st->g.page_shift;
	lo->page_offset = st->g.page_offset;
	lo->phys_offset = st->phys_offset;
	lo->high_memory = st->high_memory;
	lo->vmalloc_start = st->g.vmalloc_start;
	lo->vmalloc_end = st->g.vmalloc_end;
	lo->vmalloc_total = st->g.vmalloc_end - st->g.vmalloc_start;
	lo->memblock_limit = vml_memblock_get_current_limit(st->mb);
	/* the image runs from the linear map: VA(_text) - PA(_text) */
	lo->kimage_voffset = st->g.page_offset - st->phys_offset;
}

static int compute(const void *rules, const struct vml_board *board,
		   const struct vml_kernel_config *cfg, struct vml_memblock *mb,
		   struct vml_layout *lo, struct vml_diag *diag)
{
	struct v3_18_state st;
	int ret;

	(void)rules;
	vml_zero(&st, sizeof(st));
	st.board = board;
	st.cfg = cfg;
	st.mb = mb;
	st.lo = lo;
	st.diag = diag;
	ret = vml_arm64_v3_18_geometry(cfg, &st.g, diag);
	if (!ret)
		ret = place_image(&st);
	if (!ret)
		ret = add_memory(&st);
	if (!ret)
		ret = memblock_init(&st);
	if (ret)
		return ret;
	st.high_memory = phys_to_virt(&st, vml_memblock_end_of_DRAM(mb) - 1) + 1;
	ret = regions(&st);
	if (!ret)
		ret = segments(&st);
	if (!ret)
		ret = lines(&st);
	if (ret)
		return ret;
	pmd_alignment_loss(&st);
	totals(&st);
	publish(&st);
	return VML_OK;
}

const struct vml_layout_policy vml_arm64_policy_3_18 = {
    .arch = VML_ARCH_ARM64,
    .profile = "3.18",
    .source = "arch/arm64/kernel/head.S, arch/arm64/mm/init.c, mmu.c, asm/memory.h, "
	      "asm/pgtable.h, asm/fixmap.h, drivers/of/fdt.c of the 3.18 era (docs/arm64.md)",
    .first = {3, 18},
    .last = {3, 18},
    .rules = NULL,
    .compute = compute,
};
