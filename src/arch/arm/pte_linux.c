// SPDX-License-Identifier: MIT
/*
 * DOC: Linux's own PTEs of the classic 2-level ARM tables ("short-linux")
 *
 * Linux keeps, beside every hardware small-page descriptor, a "Linux PTE"
 * with the state the hardware has no bits for (arch/arm/include/asm/
 * pgtable-2level.h, v6.1): one 4 KiB page per 2 MiB of VA (PTRS_PER_PTE =
 * 512, PTE_HWTABLE_PTRS = 512, PTE_HWTABLE_OFF = 512 x 4 = 2048,
 * PTE_HWTABLE_SIZE = 2048) holds Linux pt 0 at +0, Linux pt 1 at +1024,
 * h/w pt 0 at +2048 and h/w pt 1 at +3072.
 *
 * Linux PTE bits (pgtable-2level.h): L_PTE_VALID = L_PTE_PRESENT bit 0,
 * L_PTE_YOUNG 1, L_PTE_MT_* bits 5:2 (UNCACHED 0x00, BUFFERABLE 0x04,
 * WRITETHROUGH 0x08, WRITEBACK 0x0c, DEV_SHARED 0x10, MINICACHE 0x18,
 * WRITEALLOC 0x1c, DEV_WC 0x24, DEV_CACHED 0x2c, DEV_NONSHARED 0x30,
 * VECTORS 0x3c), L_PTE_DIRTY 6, L_PTE_RDONLY 7, L_PTE_USER 8, L_PTE_XN 9,
 * L_PTE_SHARED 10, L_PTE_NONE 11; PA[31:12] in place.
 *
 * The hardware descriptor is what cpu_v7_set_pte_ext(ptep, pte, ext) writes
 * at ptep + 2048 (arch/arm/mm/proc-v7-2level.S, v6.1), step by step:
 *   hw = pte & ~0x3f0 & ~3        keeps PA, bit 11, S (10), C (3), B (2)
 *   hw |= ext | AP[0] (bit 4) | 2  ext is PTE_EXT_NG (bit 11) for nG
 *                                  mappings; type 1x: small page
 *   pte bit 4 (MT bit 2) -> TEX[0] (bit 6): TEX[0]:C:B = L_PTE_MT[2:0],
 *                                  the TEX-remap index (SCTLR.TRE = 1)
 *   RDONLY or not DIRTY -> APX (bit 9): no write until the page is dirty
 *   USER -> AP[1] (bit 5); XN -> XN (bit 0)
 *   not YOUNG, not VALID, or NONE -> hw = 0
 */
#include "arch/arm/pte_arm.h"

/* Hardware small-page bits (pgtable-2level-hwdef.h). */
#define PTE_TYPE_MASK 0x3u
#define PTE_TYPE_SMALL 0x2u
#define PTE_EXT_XN (1u << 0)
#define PTE_BUFFERABLE (1u << 2)
#define PTE_CACHEABLE (1u << 3)
#define PTE_EXT_AP0 (1u << 4)
#define PTE_EXT_AP1 (1u << 5)
#define PTE_EXT_TEX0 (1u << 6)
#define PTE_EXT_APX (1u << 9)
#define PTE_EXT_SHARED (1u << 10)

/**
 * arm_linux_pte() - the Linux PTE of a kernel page
 * @pa: the page's physical address (bits 31:12)
 * @f: AP (AP[2]:AP[1:0] as the hardware will have it; AP[0] must be 1),
 *	XN, the memory type as TEX[0]:C:B (the L_PTE_MT_* value, < 8) and S
 *
 * Linux's kernel memory types all carry L_PTE_PRESENT | L_PTE_YOUNG |
 * L_PTE_DIRTY (mem_types[], arch/arm/mm/mmu.c, v6.1), so the PTE has them.
 *
 * Return: the PTE.
 */
uint32_t vml_arm_linux_pte(uint32_t pa, const struct arm_linux_fields *f)
{
	uint32_t pte = (pa & 0xfffff000u) | L_PTE_VALID | L_PTE_YOUNG | L_PTE_DIRTY;

	pte |= (f->mt & 7u) << L_PTE_MT_SHIFT;
	pte |= (f->ap & 4) ? L_PTE_RDONLY : 0;
	pte |= (f->ap & 2) ? L_PTE_USER : 0;
	pte |= f->xn ? L_PTE_XN : 0;
	pte |= f->shared ? L_PTE_SHARED : 0;
	return pte;
}

/**
 * arm_linux_set_pte_ext() - the hardware descriptor cpu_v7_set_pte_ext() writes
 * @pte: the Linux PTE
 * @ext: extra hardware bits (PTE_EXT_NG for a not-global mapping)
 *
 * Return: the small-page descriptor, 0 for a PTE that is not young, not
 * valid, or PROT_NONE (see the DOC above for each step and its source).
 */
uint32_t vml_arm_linux_set_pte_ext(uint32_t pte, uint32_t ext)
{
	uint32_t hw = (pte & ~0x3f0u & ~PTE_TYPE_MASK) | ext | PTE_EXT_AP0 | PTE_TYPE_SMALL;
	uint32_t flipped = pte ^ L_PTE_DIRTY;

	if (pte & (1u << 4))
		hw |= PTE_EXT_TEX0;
	if (flipped & (L_PTE_RDONLY | L_PTE_DIRTY))
		hw |= PTE_EXT_APX;
	if (pte & L_PTE_USER)
		hw |= PTE_EXT_AP1;
	if (pte & L_PTE_XN)
		hw |= PTE_EXT_XN;
	if (!(pte & L_PTE_YOUNG) || !(pte & L_PTE_VALID) || (pte & L_PTE_NONE))
		hw = 0;
	return hw;
}

/**
 * arm_linux_pte_of_hw() - the Linux PTE behind a hardware descriptor
 * @hw: a small-page descriptor as arm_linux_set_pte_ext() makes them
 *
 * The inverse on what vmlayout writes (kernel pages: young and dirty, so
 * APX means L_PTE_RDONLY); the nG bit comes from ext, not from the PTE.
 *
 * Return: the Linux PTE; 0 for an invalid descriptor.
 */
uint32_t vml_arm_linux_pte_of_hw(uint32_t hw)
{
	struct arm_linux_fields f;

	if (!(hw & PTE_TYPE_MASK))
		return 0;
	f.ap = ((hw & PTE_EXT_APX) ? 4u : 0u) | ((hw & PTE_EXT_AP1) ? 2u : 0u) | 1u;
	f.xn = hw & PTE_EXT_XN;
	f.mt = ((hw & PTE_EXT_TEX0) ? 4u : 0u) | ((hw & PTE_CACHEABLE) ? 2u : 0u) |
	       ((hw & PTE_BUFFERABLE) ? 1u : 0u);
	f.shared = hw & PTE_EXT_SHARED;
	return vml_arm_linux_pte(hw, &f);
}
