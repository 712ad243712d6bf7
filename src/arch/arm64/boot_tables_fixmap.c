/* SPDX-License-Identifier: MIT */
/*
 * DOC: arm64 boot page tables: the fixmap as boot leaves it
 *
 * Tables: early_fixmap_init() links the image's .bss tables bm_pud (more
 * than 3 levels, when the fixmap has its own top-level entry), bm_pmd and
 * bm_pte with plain table descriptors (__p4d_populate, __pud_populate,
 * __pmd_populate: no PXNTable/UXNTable). v6.1 (arch/arm64/mm/mmu.c): one
 * bm_pte, under the PMD of FIXADDR_START; v6.12 (arch/arm64/mm/fixmap.c):
 * one bm_pte per PMD of [FIXADDR_TOT_START, FIXADDR_TOP). The engine makes
 * a table only for a mapping, so an empty bm_pte is made by setting and
 * clearing a slot of its PMD (populate_pte_table()).
 *
 * Leaves left after boot:
 * - the FDT: setup_machine_fdt() (kernel/setup.c v6.1, v6.12) maps it at
 *   FIX_FDT with PAGE_KERNEL, then again with PAGE_KERNEL_RO
 *   (fixmap_remap_fdt(), create_mapping_noalloc(): NO_CONT_MAPPINGS), and
 *   never unmaps it. v6.1: SWAPPER_BLOCK_SIZE pieces (a PMD block with 4K
 *   pages, else pages) over [round_down(dt_phys, block), offset + size
 *   rounded up); v6.12: pages over [round_down(dt_phys, PAGE_SIZE),
 *   PAGE_ALIGN(offset + size)). The FDT is the layout's "dtb" reservation
 *   (memblock_reserve(dt_phys, fdt_totalsize)).
 * - earlycon's UART: earlycon_map() (drivers/tty/serial/earlycon.c)
 *   set_fixmap_io(FIX_EARLYCON_MEM_BASE, paddr & PAGE_MASK), with
 *   FIXMAP_PAGE_IO = PROT_DEVICE_nGnRE; nothing clears it.
 * - the KPTI trampoline (vml_arm64_boot_kpti_tramp(), after boot):
 *   map_entry_trampoline() (arch/arm64/mm/mmu.c, a core_initcall; v6.1
 *   always with UNMAP_KERNEL_AT_EL0, v6.12 only when
 *   arm64_kernel_unmapped_at_el0(), which on the CPU vmlayout takes (no
 *   E0PD, not Meltdown-affected) is kaslr_requires_kpti(): the image was
 *   moved) sets FIX_ENTRY_TRAMP_TEXT1 - i to the i-th page of
 *   [__entry_tramp_text_start, __entry_tramp_text_end) with
 *   rodata_enabled ? PAGE_KERNEL_ROX : PAGE_KERNEL_EXEC without PTE_NG
 *   ("always mapped and can therefore be global"), and with RELOCATABLE the
 *   next slot to the page after the text, PAGE_KERNEL_RO. Needs both
 *   symbols from the System.map; without them nothing is mapped.
 * FIX_TEXT_POKE0, early_ioremap()'s slots and FIX_P*D are cleared after
 * use.
 */
#include "arch/arm64/boot_tables.h"

struct fixmap {
	struct vml_pt_ctx *ctx;
	const struct vml_layout *lo;
	struct vml_diag *diag;
	uint64_t page, pmd;
	uint64_t top, tot_start; /* FIXADDR_TOP, FIXADDR_TOT_START */
	bool v6_1;
};

/* FIX_FDT (asm/fixmap.h, MAX_FDT_SIZE = 2M): v6.1 FIX_FDT_END + (MAX_FDT_SIZE
 * + 2M) / PAGE_SIZE - 1, v6.12 FIX_FDT_END + DIV_ROUND_UP(MAX_FDT_SIZE,
 * PAGE_SIZE) + 1, with FIX_FDT_END = 1. */
static uint64_t fix_fdt(const struct fixmap *fx)
{
	const uint64_t max_fdt = VML_SZ_2M;

	if (fx->v6_1)
		return 1 + (max_fdt + VML_SZ_2M) / fx->page - 1;
	return 1 + max_fdt / fx->page + 1;
}

static uint64_t fix_to_virt(const struct fixmap *fx, uint64_t idx)
{
	return fx->top - idx * fx->page;
}

static int fix_map(struct fixmap *fx, uint64_t va, uint64_t pa, uint64_t size,
		   enum vml_arm64_prot p, uint32_t flags)
{
	struct vml_pt_attrs a = vml_arm64_kernel_prot(fx->lo, p);

	return vml_pt_map(fx->ctx, vml_va(va), vml_pa(pa), size, &a, flags, fx->diag);
}

/* A bm_pte under the PMD holding @pmd_va: when that PMD has no table yet,
 * set and clear the lowest fixmap slot in it (for the PMD of FIX_PGD, the
 * last slot, that is FIX_PGD itself: paging_init() v6.1 sets it to
 * swapper_pg_dir and clears it; the page mapped is the root here too). */
static int populate_pte_table(struct fixmap *fx, uint64_t pmd_va)
{
	uint64_t slot = vml_max(vml_align_down(pmd_va, fx->pmd), fx->tot_start);
	struct vml_pt_walk w;
	int ret;

	if (!vml_pt_walk(fx->ctx, vml_va(slot), &w, NULL) ||
	    w.level == vml_pt_last_level(fx->ctx->fmt))
		return VML_OK; /* mapped already, or a bm_pte is there */
	/* the root's page: a 64K/48 root is 512 bytes */
	ret = fix_map(fx, slot, vml_align_down(vml_pa_addr(fx->ctx->root), fx->page), fx->page,
		      VML_ARM64_PAGE_KERNEL, VML_PT_NO_BLOCK_MAPPINGS | VML_PT_NO_CONT_MAPPINGS);
	if (!ret)
		ret = vml_pt_unmap(fx->ctx, vml_va(slot), fx->page, 0, fx->diag);
	return ret;
}

/* early_fixmap_init(): v6.1 the PMD of FIXADDR_START, v6.12 every PMD of
 * [FIXADDR_TOT_START, FIXADDR_TOP). */
static int early_fixmap_init(struct fixmap *fx, uint64_t fixaddr_start)
{
	int ret = VML_OK;

	if (fx->v6_1)
		return populate_pte_table(fx, fixaddr_start);
	/* by PMD index: FIXADDR_TOP may lie in the last PMD below 2^64 */
	for (uint64_t i = fx->tot_start / fx->pmd; !ret && i <= (fx->top - 1) / fx->pmd; i++)
		ret = populate_pte_table(fx, i * fx->pmd);
	return ret;
}

/* setup_machine_fdt(): fixmap_remap_fdt() with PAGE_KERNEL, then with
 * PAGE_KERNEL_RO. */
static int remap_fdt(struct fixmap *fx, uint64_t dt_phys, uint64_t size)
{
	uint64_t block = fx->v6_1 && fx->page == VML_SZ_4K ? VML_SZ_2M : fx->page;
	uint64_t base = vml_align_down(dt_phys, block), offset = dt_phys - base;
	uint64_t va = fix_to_virt(fx, fix_fdt(fx));
	uint64_t len = vml_align_up(offset + size, block);
	uint32_t flags = VML_PT_NO_CONT_MAPPINGS | (fx->v6_1 ? 0 : VML_PT_NO_BLOCK_MAPPINGS);
	int ret;

	if (!size)
		return VML_OK;
	ret = fix_map(fx, va, base, len, VML_ARM64_PAGE_KERNEL, flags);
	return ret ? ret : fix_map(fx, va, base, len, VML_ARM64_PAGE_KERNEL_RO, flags);
}

int vml_arm64_boot_fixmap(struct vml_pt_ctx *ctx, void *image_cb, const struct vml_layout *lo,
			  const struct vml_arm64_image *img, struct vml_diag *diag)
{
	const struct vml_vregion *r = vml_layout_find_region(lo, "fixmap");
	const struct vml_pt_format *f = ctx->fmt;
	struct fixmap fx = {ctx, lo, diag, 0, 0, 0, 0, false};
	void *main_cb = ctx->cb;
	uint64_t dt_phys = 0, dt_size = 0;
	int ret;

	if (!r || r->end <= r->start)
		return VML_OK;
	fx.page = 1ULL << vml_pt_level(f, vml_pt_last_level(f))->shift;
	fx.pmd = 1ULL << vml_pt_level(f, vml_pt_last_level(f) - 1)->shift;
	fx.top = r->end;
	fx.tot_start = r->start;
	fx.v6_1 = lo->profile && vml_str_eq(lo->profile, "6.1");
	for (unsigned int i = 0; i < lo->n_reservations; i++)
		if (vml_str_eq(lo->reservations[i].name, "dtb")) {
			dt_phys = lo->reservations[i].base;
			dt_size = lo->reservations[i].size;
		}
	ctx->cb = image_cb;
	/* FIXADDR_START lies in the PMD of the slot below FIX_FDT's window
	 * (FIX_EARLYCON_MEM_BASE): the permanent slots below it are few */
	ret = early_fixmap_init(&fx, fix_to_virt(&fx, fix_fdt(&fx) + 1));
	if (!ret && dt_size)
		ret = remap_fdt(&fx, dt_phys, dt_size);
	if (!ret && img->earlycon)
		ret = fix_map(&fx, fix_to_virt(&fx, fix_fdt(&fx) + 1),
			      vml_align_down(img->earlycon_pa, fx.page), fx.page,
			      VML_ARM64_PROT_DEVICE_nGnRE,
			      VML_PT_NO_BLOCK_MAPPINGS | VML_PT_NO_CONT_MAPPINGS);
	ctx->cb = main_cb;
	return ret;
}

int vml_arm64_boot_kpti_tramp(struct vml_pt_ctx *ctx, void *image_cb, const struct vml_layout *lo,
			      const struct vml_arm64_image *img, bool rodata_enabled,
			      struct vml_diag *diag)
{
	const struct vml_pt_format *f = ctx->fmt;
	uint64_t page = 1ULL << vml_pt_level(f, vml_pt_last_level(f))->shift;
	bool v6_1 = lo->profile && vml_str_eq(lo->profile, "6.1");
	struct vml_pt_attrs text =
	    vml_arm64_prot(rodata_enabled ? VML_ARM64_PAGE_KERNEL_ROX : VML_ARM64_PAGE_KERNEL_EXEC);
	struct vml_pt_attrs data = vml_arm64_kernel_prot(lo, VML_ARM64_PAGE_KERNEL_RO);
	uint64_t pa = vml_align_down(img->tramp_start - lo->kimage_voffset, page);
	uint64_t pages, va = lo->kpti_tramp_va;
	void *main_cb = ctx->cb;
	int ret = VML_OK;

	/* v6.12+: KPTI forced by KASLR only when kaslr_init() kept it
	 * enabled, an offset of at least MIN_KIMG_ALIGN (2 MiB: less means
	 * no seed, arch/arm64/kernel/kaslr.c) */
	if (!va || !img->tramp_start || (!v6_1 && lo->kaslr_offset < VML_SZ_2M))
		return VML_OK;
	pages = (img->tramp_end - img->tramp_start + page - 1) / page; /* DIV_ROUND_UP */
	if (img->tramp_end - img->tramp_start > 3 * page)
		return vml_fail(diag, VML_EINVAL,
				"the System.map's entry trampoline text is more than 3 pages "
				"(arch/arm64/kernel/vmlinux.lds.S asserts at most 3*PAGE_SIZE)",
				img->tramp_start, img->tramp_end - img->tramp_start, -1);
	ctx->cb = image_cb;
	/* TEXT1 - i lies i pages above TEXT1 */
	for (uint64_t i = 0; !ret && i < pages; i++)
		ret = vml_pt_map(ctx, vml_va(va + i * page), vml_pa(pa + i * page), page, &text,
				 VML_PT_NO_BLOCK_MAPPINGS | VML_PT_NO_CONT_MAPPINGS, diag);
	if (!ret && lo->kpti_tramp_data)
		ret = vml_pt_map(ctx, vml_va(va + pages * page), vml_pa(pa + pages * page), page,
				 &data, VML_PT_NO_BLOCK_MAPPINGS | VML_PT_NO_CONT_MAPPINGS, diag);
	ctx->cb = main_cb;
	return ret;
}
