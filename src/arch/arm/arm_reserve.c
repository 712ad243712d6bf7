/* SPDX-License-Identifier: MIT */
/*
 * DOC: boot-time reservations of 32-bit ARM and the /proc/meminfo totals
 *
 * The reservations that dominate MemTotal, in the order the kernel makes
 * them (arch/arm/mm/init.c arm_memblock_init(), v3.4 and v6.1): the kernel
 * image [_stext, _end), the initrd, swapper_pg_dir, the DT blob, /memreserve/
 * entries, /reserved-memory (6.x: drivers/of/of_reserved_mem.c), the default
 * CMA area (kernel/dma/contiguous.c, mm/cma.c); then paging_init()'s page
 * tables, vectors and zero page (arch/arm/mm/mmu.c) and the struct page
 * array (mm/mm_init.c alloc_node_mem_map, FLATMEM). Totals follow
 * memblock_free_all()/free_highpages(), plus what is freed at the end of
 * boot (init sections, initrd) and CMA pages, which the buddy allocator
 * manages. docs/arm32.md lists what is not modelled.
 */
#include "arch/arm/arm_reserve.h"
#include "arch/arm/arm_policy.h"
#include "vmlayout/dma_contiguous.h"

static int reserve(struct arm_state *st, const char *name, uint64_t base, uint64_t size, bool freed)
{
	int ret = vml_memblock_reserve(st->mb, base, size, st->diag);

	if (!ret)
		ret = vml_layout_add_reservation(st->lo, name, base, size, freed, st->diag);
	return ret;
}

static uint64_t image_pa(const struct arm_state *st, uint64_t va)
{
	return va - st->page_offset + st->phys_offset;
}

/* memblock_reserve(__pa(KERNEL_START), KERNEL_END - KERNEL_START); KERNEL_START
 * is _stext (arch/arm/include/asm/memory.h). */
static int reserve_kernel(struct arm_state *st)
{
	const struct vml_kernel_config *cfg = st->cfg;
	const struct vml_kernel_image *img = &cfg->image;
	uint64_t base, size;

	if (img->known) {
		uint64_t start = img->stext ? img->stext : img->text;

		/* The image is linked at PAGE_OFFSET + TEXT_OFFSET: a map below
		 * PAGE_OFFSET belongs to another kernel (or another VMSPLIT). */
		if (img->text < st->page_offset || img->end - st->page_offset > 0xffffffffULL)
			return vml_fail(st->diag, VML_EINVAL,
					"the System.map's _text .. _end does not lie above "
					"PAGE_OFFSET: the map is of another kernel or another "
					"VMSPLIT/PAGE_OFFSET",
					img->text, img->end - img->text, -1);
		base = image_pa(st, start);
		size = img->end - start;
		/* free_initmem(): [__init_begin, __init_end); a map without them
		 * frees nothing */
		if (img->init_begin && img->init_end > img->init_begin) {
			/* arch/arm/kernel/vmlinux.lds.S (v3.4, v6.1) puts .init
			 * inside [_stext, _end): free_initmem() hands back pages
			 * of that reservation, never pages already free */
			if (img->init_begin < start || img->init_end > img->end)
				return vml_fail(st->diag, VML_EINVAL,
						"the System.map's __init_begin .. __init_end must "
						"lie inside _stext .. _end (the image reservation "
						"free_initmem() frees them from)",
						img->init_begin, img->init_end - img->init_begin,
						-1);
			st->kernel_init_base = image_pa(st, img->init_begin);
			st->kernel_init_size = img->init_end - img->init_begin;
		}
	} else if (cfg->image_size) {
		base = st->phys_offset + st->text_offset;
		size = cfg->image_size;
	} else {
		vml_layout_kmsg(st->lo,
				"vmlayout: kernel image size unknown (give --system-map or "
				"--kernel-image): not reserved\n",
				0, 0, 0, 0);
		return VML_OK;
	}
	if (!vml_memblock_is_memory(st->mb, base) || base + size > st->lowmem_limit)
		return vml_fail(st->diag, VML_EINVAL,
				"the kernel image must lie in lowmem RAM (from PHYS_OFFSET + "
				"TEXT_OFFSET)",
				base, size, -1);
	return reserve(st, "kernel", base, size, false);
}

/* arm_initrd_init() (v6.1) / the v3.4 initrd checks. */
static int reserve_initrd(struct arm_state *st)
{
	const struct vml_kernel_config *cfg = st->cfg;
	const struct vml_board *board = st->board;
	uint64_t start, size, base, rsize;

	if (cfg->initrd_set) {
		start = cfg->initrd_start;
		size = cfg->initrd_size;
	} else if (board->has_initrd) {
		start = board->initrd_start;
		size = board->initrd_end - board->initrd_start;
	} else {
		return VML_OK;
	}
	if (!size)
		return VML_OK;
	/* drivers/of/fdt.c early_init_dt_check_for_initrd() (v6.1) stores the
	 * DT's 64-bit numbers in phys_initrd_start (phys_addr_t: 32 bits
	 * without LPAE) and phys_initrd_size (unsigned long: 32 bits): a range
	 * they cannot hold would be cut short silently; vmlayout refuses it. */
	if (size > 0xffffffffULL || start > st->mb->phys_addr_max ||
	    size - 1 > st->mb->phys_addr_max - start)
		return vml_fail(st->diag, VML_ERANGE,
				"the initrd does not fit 32-bit arm's phys_initrd_start "
				"(phys_addr_t) and phys_initrd_size (unsigned long): the kernel "
				"would truncate it",
				start, size, -1);
	base = vml_align_down(start, VML_SZ_4K);
	rsize = vml_align_up(size + (start - base), VML_SZ_4K);
	/* reserve_initrd_mem() (init/initramfs.c v6.1): memblock_is_region_memory(),
	 * the whole range inside one memory region (one crossing a hole is
	 * disabled) */
	if (!vml_memblock_is_region_memory(st->mb, base, rsize)) {
		vml_layout_kmsg(st->lo,
				"INITRD: 0x%08llx+0x%08llx is not a memory region - disabling "
				"initrd\n",
				start, size, 0, 0);
		return VML_OK;
	}
	if (vml_memblock_is_region_reserved(st->mb, base, rsize)) {
		vml_layout_kmsg(st->lo,
				"INITRD: 0x%08llx+0x%08llx overlaps in-use memory region - "
				"disabling initrd\n",
				start, size, 0, 0);
		return VML_OK;
	}
	st->initrd_base = base;
	st->initrd_size = rsize;
	return reserve(st, "initrd", base, rsize, true);
}

/* swapper_pg_dir sits PG_DIR_SIZE below the kernel (head.S); its reserved
 * size is SWAPPER_PG_DIR_SIZE (mmu.c): 16 KiB classic, 4 KiB + 4*512*8 LPAE. */
static int reserve_swapper(struct arm_state *st)
{
	uint64_t pg_dir_size = st->lpae ? 0x5000 : 0x4000;
	uint64_t swapper_size = st->lpae ? VML_SZ_4K + 4 * 512 * 8 : 2048 * 8;
	return reserve(st, "swapper_pg_dir", st->phys_offset + st->text_offset - pg_dir_size,
		       swapper_size, false);
}

/* 3.4 (arm_memblock_init() v3.4): the blob and /memreserve/; 3.4 had no
 * /reserved-memory, so the node is ignored with a note. */
int vml_arm_reserve_dt_and_memreserve(struct arm_state *st)
{
	const struct vml_board *board = st->board;
	int ret = VML_OK;

	if (board->has_dtb_phys && board->dtb_size)
		ret = reserve(st, "dtb", board->dtb_phys, board->dtb_size, false);
	for (unsigned int i = 0; !ret && i < board->n_memreserve; i++)
		ret = reserve(st, "memreserve", board->memreserve[i].base,
			      board->memreserve[i].size, false);
	if (!ret && board->n_reserved)
		vml_layout_kmsg(st->lo, "/reserved-memory is not parsed by 3.4 kernels: ignored\n",
				0, 0, 0, 0);
	return ret;
}

int vml_arm_reserve_early(struct arm_state *st)
{
	int ret = reserve_kernel(st);

	if (!ret)
		ret = reserve_initrd(st);
	if (!ret)
		ret = reserve_swapper(st);
	if (!ret)
		ret = st->prof->reserve_dt(st);
	if (!ret)
		ret = vml_arm_reserve_cma(st);
	return ret;
}

/* v6.3+ (mm/cma.c v6.12 cma_declare_contiguous_nid(), "mm/cma: fix
 * potential memory loss on cma_declare_contiguous_nid", in the mm tree
 * for v6.3): the bottom-up attempt from 4 GiB first, with a 64-bit
 * phys_addr_t and RAM reaching 4 GiB + size; then, if it failed, the
 * highmem attempt; then [base, limit). Nothing is lost. Observed on Debian
 * 13's 6.12.117-armmp-lpae (docs/conformance.md). */
static vml_phys_t cma_place_4g_first(struct arm_state *st, uint64_t base, uint64_t size,
				     uint64_t align, uint64_t limit)
{
	const uint64_t highmem_start = st->lowmem_limit;
	vml_phys_t addr = 0;

	if (st->lpae && !st->mb->bottom_up &&
	    vml_memblock_end_of_DRAM(st->mb) >= VML_SZ_4G + size) {
		vml_memblock_set_bottom_up(st->mb, true);
		if (vml_memblock_phys_alloc_range(st->mb, size, align, VML_SZ_4G, limit, &addr,
						  NULL))
			addr = 0;
		vml_memblock_set_bottom_up(st->mb, false);
	}
	if (!addr && base < highmem_start && highmem_start < limit) {
		if (vml_memblock_phys_alloc_range(st->mb, size, align, highmem_start, limit, &addr,
						  NULL))
			addr = 0;
		limit = highmem_start;
	}
	if (!addr && vml_memblock_phys_alloc_range(st->mb, size, align, base, limit, &addr, NULL))
		addr = 0;
	return addr;
}

/* The placement of cma_declare_contiguous_nid() (mm/cma.c) for a non-fixed
 * area, in v6.1's order: first the highmem attempt (when [base, limit)
 * crosses the lowmem boundary), then, with a 64-bit phys_addr_t and RAM
 * reaching 4 GiB + size, a bottom-up attempt from 4 GiB, whose result
 * *overwrites* the first one; then the fallback in [base, limit). When the
 * bottom-up attempt fails after a successful highmem attempt, the highmem
 * block stays reserved and is lost (v6.3 reorders the attempts:
 * cma_place_4g_first()). Observed on Debian 6.1.0-50-armmp-lpae:
 * docs/conformance.md. Returns 0 when nothing fits. */
static vml_phys_t cma_place(struct arm_state *st, uint64_t base, uint64_t size, uint64_t align,
			    uint64_t limit)
{
	const uint64_t highmem_start = st->lowmem_limit;
	vml_phys_t addr = 0, lost = 0;

	if (vml_arm_since(st, st->prof->cma_4g_first_since))
		return cma_place_4g_first(st, base, size, align, limit);
	if (base < highmem_start && highmem_start < limit) {
		if (vml_memblock_phys_alloc_range(st->mb, size, align, highmem_start, limit, &addr,
						  NULL))
			addr = 0;
		limit = highmem_start;
	}
	if (st->prof->cma_tries_above_4g && st->lpae && !st->mb->bottom_up &&
	    vml_memblock_end_of_DRAM(st->mb) >= VML_SZ_4G + size) {
		lost = addr;
		vml_memblock_set_bottom_up(st->mb, true);
		if (vml_memblock_phys_alloc_range(st->mb, size, align, VML_SZ_4G, limit, &addr,
						  NULL))
			addr = 0;
		vml_memblock_set_bottom_up(st->mb, false);
		if (lost && lost != addr)
			vml_layout_add_reservation(st->lo,
						   "cma first attempt (lost, mm/cma.c v6.1)", lost,
						   size, false, NULL);
	}
	if (!addr && vml_memblock_phys_alloc_range(st->mb, size, align, base, limit, &addr, NULL))
		addr = 0;
	return addr;
}

/* The 3.4 profile's request: CONFIG_CMA_SIZE_MBYTES below arm_dma_limit,
 * size and limit aligned, the limit capped to the end of DRAM; its cma= is
 * not modelled (a note). */
static void cma_request_v3_4(struct arm_state *st, uint64_t align, struct vml_cma_select *sel)
{
	const uint64_t end = vml_memblock_end_of_DRAM(st->mb);

	if (st->cfg->cma_arg_set)
		vml_layout_kmsg(st->lo,
				"vmlayout: cma= is not modelled for the 3.4 profile: "
				"CONFIG_CMA_SIZE_MBYTES is used\n",
				0, 0, 0, 0);
	sel->size = vml_align_up(st->cfg->cma_size_mbytes * VML_SZ_1M, align);
	sel->base = 0;
	sel->limit = vml_arm_dma_limit(st) & ~(align - 1);
	if (!sel->limit || sel->limit > end)
		sel->limit = end;
	sel->fixed = false;
}

/* dma_contiguous_reserve(arm_dma_limit) -> cma_declare_contiguous_nid()
 * (kernel/dma/contiguous.c, mm/cma.c v6.1): CONFIG_CMA_SIZE_MBYTES or, on
 * the 6.1 profile, cma=SIZE[@BASE[-LIMIT]] (core dma_contiguous.c: the
 * request, its checks, a fixed base); alignment CMA_MIN_ALIGNMENT_BYTES
 * (3.4: PAGE_SIZE << max(MAX_ORDER - 1, pageblock_order)), limit aligned
 * down to it, then capped to the end of DRAM; a fixed area may not cross
 * the lowmem boundary (highmem_start = arm_lowmem_limit). */
int vml_arm_reserve_cma(struct arm_state *st)
{
	const struct vml_kernel_config *cfg = st->cfg;
	const uint64_t align = st->prof->cma_alignment(st);
	const bool cmdline = st->prof->cma_cmdline;
	const struct vml_cma_env env = {
	    .align = align,
	    .highmem_start = st->lowmem_limit,
	    .pa_64bit = st->mb->phys_addr_max > 0xffffffffULL,
	};
	struct vml_cma_select sel;
	bool done = false, reserved = false;
	vml_phys_t addr;
	int ret;

	if (cmdline)
		vml_dma_contiguous_select(cfg, cfg->cma_size_mbytes * VML_SZ_1M,
					  vml_arm_dma_limit(st) /* ~0 without ZONE_DMA: capped */,
					  env.pa_64bit, false, &sel);
	else
		cma_request_v3_4(st, align, &sel);
	if (!cfg->cma || !sel.size || st->cma_size)
		return VML_OK;
	if (cmdline) {
		ret =
		    vml_cma_declare_checks(st->mb, st->lo, &sel, &env, &done, &reserved, st->diag);
		if (ret || (done && !reserved))
			return ret;
	}
	addr = sel.base;
	if (!done) {
		addr = cma_place(st, sel.base, sel.size, align, st->prof->cma_limit(st, sel.limit));
		if (!addr) {
			vml_cma_failed_msg(st->lo, &env, sel.size);
			return VML_OK;
		}
		vml_cma_reserved_msg(st->lo, &env, addr, sel.size);
	}
	st->cma_base = addr;
	st->cma_size = sel.size;
	vml_arm_note_cma_area(st, addr, sel.size);
	ret = vml_layout_add_reservation(st->lo, "cma", addr, sel.size, true, st->diag);
	if (!ret)
		st->lo->reservations[st->lo->n_reservations - 1].cma = true;
	return ret;
}

void vml_arm_note_cma_area(struct arm_state *st, uint64_t base, uint64_t size)
{
	if (st->n_cma_areas < VML_ARRAY_SIZE(st->cma_areas)) {
		st->cma_areas[st->n_cma_areas].base = base;
		st->cma_areas[st->n_cma_areas++].size = size;
	}
}

/* CMA alignment, 3.4 (drivers/base/dma-contiguous.c v3.4): PAGE_SIZE <<
 * max(MAX_ORDER - 1, pageblock_order). */
uint64_t vml_arm_cma_align_max_order(const struct arm_state *st)
{
	return VML_SZ_4K * st->max_order_pages;
}

/* CMA alignment, 6.x: CMA_MIN_ALIGNMENT_BYTES, one pageblock
 * (include/linux/cma.h v6.1). */
uint64_t vml_arm_cma_align_pageblock(const struct arm_state *st)
{
	return VML_SZ_4K * st->pageblock_pages;
}

/* msm-3.4: dma_contiguous_reserve(min(arm_dma_limit, arm_lowmem_limit)). */
uint64_t vml_arm_cma_limit_lowmem(const struct arm_state *st, uint64_t limit)
{
	return vml_min(limit, st->lowmem_limit);
}

/* 6.x: dma_contiguous_reserve(arm_dma_limit), capped to the end of DRAM
 * by the caller (cma_declare_contiguous_nid()). */
uint64_t vml_arm_cma_limit_dma(const struct arm_state *st, uint64_t limit)
{
	(void)st;
	return limit;
}

/* early_alloc(): memblock_alloc(size, size) under the current limit. */
int vml_arm_early_alloc(struct arm_state *st, const char *name, uint64_t size)
{
	return vml_arm_early_alloc_aligned(st, name, size, size);
}

int vml_arm_early_alloc_aligned(struct arm_state *st, const char *name, uint64_t size,
				uint64_t align)
{
	vml_phys_t addr;
	int ret = vml_memblock_alloc_try_nid(st->mb, size, align, 0, VML_MEMBLOCK_ALLOC_ACCESSIBLE,
					     &addr, st->diag);

	if (ret)
		return vml_fail(st->diag, VML_ENOMEM,
				"out of memory below the memblock limit for an early allocation",
				st->mb->current_limit, size, -1);
	return vml_layout_add_reservation(st->lo, name, addr, size, false, st->diag);
}

/* FLATMEM mem_map: [node start & ~(MAX_ORDER_NR_PAGES-1), ALIGN(end)) struct
 * pages (mm/mm_init.c alloc_node_mem_map, v6.1; mm/page_alloc.c v3.4). */
int vml_arm_alloc_mem_map(struct arm_state *st)
{
	uint64_t start_pfn = vml_memblock_start_of_DRAM(st->mb) >> 12;
	uint64_t end_pfn = vml_memblock_end_of_DRAM(st->mb) >> 12;
	uint64_t page_size = vml_arm_page_struct_size(st);
	uint64_t size, first = start_pfn & ~(st->max_order_pages - 1);
	vml_phys_t addr;
	int ret;

	end_pfn = vml_align_up(end_pfn, st->max_order_pages);
	size = (end_pfn - first) * page_size;
	ret = vml_memblock_alloc_try_nid(st->mb, size, 64, 0, VML_MEMBLOCK_ALLOC_ACCESSIBLE, &addr,
					 st->diag);
	if (ret)
		return vml_fail(st->diag, VML_ENOMEM, "no room for the struct page array (mem_map)",
				st->mb->current_limit, size, -1);
	st->mem_map_base = addr;
	st->mem_map_first_pfn = first;
	return vml_layout_add_reservation(st->lo, "mem_map", addr, size, false, st->diag);
}
