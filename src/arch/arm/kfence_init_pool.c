/* SPDX-License-Identifier: MIT */
/*
 * DOC: kfence_init() on 32-bit ARM's lowmem map (the running stage)
 *
 * kfence_init_pool() (mm/kfence/core.c v6.1, v6.12) first asks
 * arch_kfence_init_pool() (arch/arm/include/asm/kfence.h, the same in
 * v6.1 and v6.12) for a pool mapped with pages: for each page of the pool
 * whose PMD (pmd_off_k(): 2 MiB in both formats; on the classic format
 * the first of the pair of 1 MiB entries) is a leaf, split_pmd_page()
 * takes a PTE table from the page allocator (pte_alloc_one_kernel()),
 * fills all PTRS_PER_PTE (512) entries with set_pte_ext(pfn_pte(pfn + i,
 * PAGE_KERNEL), 0) from __pa() of the PMD's start, and installs it with
 * pmd_populate_kernel() (classic: both 1 MiB entries, whatever the second
 * was; its _PAGE_KERNEL_TABLE sets PMD_BIT4 in the classic descriptor,
 * which early_pte_alloc()'s MT_MEMORY_RW prot_l1 lacks on ARMv6+:
 * build_mem_type_table(), arch/arm/mm/mmu.c). PAGE_KERNEL is pgprot_kernel
 * | L_PTE_XN (asm/pgtable.h), and build_mem_type_table() gives
 * pgprot_kernel and MT_MEMORY_RW's prot_pte the same bits (present, young,
 * dirty, the writealloc policy, shared on SMP), so the pages read as
 * map_lowmem()'s would. Then kfence_init_pool() protects the first two
 * pages and every object's right guard page: kfence_protect_page() is
 * set_memory_valid(addr, 1, 0) (arch/arm/mm/pageattr.c), which clears
 * L_PTE_VALID and writes the PTE again with set_pte_ext(): the classic
 * hardware PTE becomes 0 (cpu_v7_set_pte_ext(), proc-v7-2level.S), the
 * LPAE descriptor loses its valid bit 0 (L_PTE_VALID is the hardware's);
 * either way no leaf.
 */
#include "arch/arm/boot_tables.h"
#include "arch/arm/pte_arm.h"
#include "vmlayout/kfence.h"

#define ARM_PMD_SIZE VML_SZ_2M /* PMD_SIZE: pgtable-2level.h, pgtable-3level.h */

/* PAGE_KERNEL as set_pte_ext() writes it: MT_MEMORY_RW's page bits; LPAE
 * keeps Linux's L_PTE_DIRTY (bit 55) in the descriptor. */
static struct vml_pt_attrs page_kernel(bool lpae)
{
	struct vml_pt_attrs a = vml_arm_mem_type(VML_ARM_MT_MEMORY_RW);

	if (lpae)
		a.arch_bits |= ARM_L_PTE_DIRTY;
	return a;
}

/* split_pmd_page() when pmd_leaf(*pmd_off_k(@va)); a PMD already made of
 * pages (or a hole) stays as it is. The PMD is cleared first, as
 * pmd_populate_kernel() replaces it whole: the engine keeps a leaf that
 * already maps the same PA with the same attributes (the classic format's
 * MT_MEMORY_RW section reads as PAGE_KERNEL), even under
 * VML_PT_NO_BLOCK_MAPPINGS. */
static int split_pmd_leaf(struct vml_pt_ctx *ctx, uint64_t va, bool lpae, struct vml_diag *diag)
{
	const struct vml_pt_attrs a = page_kernel(lpae);
	const uint64_t pmd = vml_align_down(va, ARM_PMD_SIZE);
	struct vml_pt_walk w;
	int ret;

	if (vml_pt_walk(ctx, vml_va(pmd), &w, NULL) || w.leaf_size == VML_SZ_4K)
		return VML_OK;
	ret = vml_pt_unmap(ctx, vml_va(pmd), ARM_PMD_SIZE, 0, diag);
	return ret ? ret
		   : vml_pt_map(ctx, vml_va(pmd), w.pa, ARM_PMD_SIZE, &a,
				VML_PT_NO_BLOCK_MAPPINGS | VML_PT_NO_CONT_MAPPINGS |
				    VML_PT_KERNEL_TABLE_MAPPINGS,
				diag);
}

int vml_arm_kfence_init_pool(struct vml_pt_ctx *ctx, uint64_t pool_va, uint64_t pool_size,
			     struct vml_diag *diag)
{
	const bool lpae = ctx->fmt->entry_size == 8;
	int ret = VML_OK;

	for (uint64_t va = pool_va; !ret && va < pool_va + pool_size; va += VML_SZ_4K)
		ret = split_pmd_leaf(ctx, va, lpae, diag);
	if (!ret)
		ret = vml_kfence_protect_guards(ctx, pool_va, pool_size, VML_SZ_4K, diag);
	return ret;
}
