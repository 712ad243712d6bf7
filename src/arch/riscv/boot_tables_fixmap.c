/* SPDX-License-Identifier: MIT */
/*
 * DOC: riscv64 boot page tables: the fixmap as boot leaves it (v6.12)
 *
 * arch/riscv/mm/init.c v6.12: setup_vm() links the image's .bss tables
 * fixmap_p4d (Sv57), fixmap_pud (Sv48+), fixmap_pmd and fixmap_pte (under
 * the PMD of FIXADDR_START) and create_fdt_early_page_table() maps the FDT
 * at FIX_FDT with two PMD leaves of PAGE_KERNEL, [dtb_pa & ~(PMD_SIZE - 1),
 * + 4 MiB), whatever its size; setup_vm_final() points swapper_pg_dir's
 * entry for FIXADDR_START at the same tables (fixmap_pgd_next) and clears
 * FIX_PTE, FIX_PMD, FIX_PUD, FIX_P4D after using them for its table walks.
 * Nothing unmaps the FDT. FIXADDR_TOP = PCI_IO_START, FIXADDR_SIZE =
 * PMD_SIZE + FIX_FDT_SIZE (4 MiB): the layout's "fixmap" region; FIX_FDT =
 * FIX_FDT_SIZE / PAGE_SIZE, FIX_PTE the next slot (asm/fixmap.h).
 *
 * The engine makes a table only for a mapping: fixmap_pte is made by
 * setting and clearing FIX_PTE, as setup_vm_final() does. earlycon=sbi (the
 * boards') maps nothing; an MMIO earlycon's FIX_EARLYCON_MEM_BASE slot is
 * not built (docs/riscv64.md).
 */
#include "arch/riscv/boot_tables.h"

int vml_riscv_boot_fixmap(struct vml_pt_ctx *ctx, void *image_cb, const struct vml_layout *lo,
			  struct vml_diag *diag)
{
	const struct vml_vregion *r = vml_layout_find_region(lo, "fixmap");
	struct vml_pt_attrs a = vml_riscv_prot(VML_RISCV_PAGE_KERNEL);
	const uint32_t flags = VML_PT_NO_CONT_MAPPINGS;
	uint64_t fdt_va, fix_pte, dtb = 0;
	bool has_dtb = false;
	void *main_cb = ctx->cb;
	int ret;

	if (!r || r->end - r->start < VML_SZ_2M + 2 * VML_SZ_2M)
		return VML_OK;
	for (unsigned int i = 0; i < lo->n_reservations; i++)
		if (vml_str_eq(lo->reservations[i].name, "dtb")) {
			dtb = lo->reservations[i].base;
			has_dtb = true;
		}
	fdt_va = r->end - 2 * VML_SZ_2M;
	fix_pte = fdt_va - VML_SZ_4K;
	ctx->cb = image_cb;
	ret = vml_pt_map(ctx, vml_va(fix_pte), ctx->root, VML_SZ_4K, &a,
			 flags | VML_PT_NO_BLOCK_MAPPINGS, diag);
	if (!ret)
		ret = vml_pt_unmap(ctx, vml_va(fix_pte), VML_SZ_4K, 0, diag);
	for (unsigned int i = 0; !ret && has_dtb && i < 2; i++)
		ret = vml_pt_map(ctx, vml_va(fdt_va + i * VML_SZ_2M),
				 vml_pa(vml_align_down(dtb, VML_SZ_2M) + i * VML_SZ_2M), VML_SZ_2M,
				 &a, flags, diag);
	ctx->cb = main_cb;
	return ret;
}
