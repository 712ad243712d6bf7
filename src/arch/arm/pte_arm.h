/* SPDX-License-Identifier: MIT */
/*
 * DOC: 32-bit ARM translation-table formats (short-descriptor and LPAE)
 *
 * Short-descriptor: ARMv7 ARM (DDI 0406C) B3.5; LPAE long-descriptor:
 * B3.6 (the same layouts as Arm ARM DDI 0487 G5.4 / G5.5 for AArch32).
 * Linux's use: arch/arm/include/asm/pgtable-2level-hwdef.h,
 * pgtable-3level-hwdef.h, arch/arm/mm/proc-v7-3level.S (v6.18).
 *
 * Without a split both formats have one root covering [0, 2^32): short
 * with TTBCR.N = 0 (a 16 KiB first-level table), LPAE with T0SZ = 0 (a
 * 4-entry first-level table). With a split (struct vml_pt_spec.split, see
 * pt_split.c) the family builds one format per half, each with its own VA
 * range, root level and root size; arch_data holds the TTBCR split fields
 * so that either half's registers() gives the same TTBCR.
 */
#ifndef VMLAYOUT_ARCH_ARM_PTE_ARM_H
#define VMLAYOUT_ARCH_ARM_PTE_ARM_H

#include "vmlayout/pgtable_format.h"

/* struct vml_pt_spec.options for arch "arm". */
#define VML_ARM_OPT_NO_SUPERSECTIONS (1u << 0) /* short: no 16 MiB groups at level 1 */
#define VML_ARM_OPT_NO_LARGE_PAGES (1u << 1)   /* short: no 64 KiB groups at level 2 */
/* short: Linux's packing ("short-linux", pte_linux.c); set by the family
 * for --format short-linux, not by users. */
#define VML_ARM_OPT_LINUX (1u << 2)

/* struct vml_pt_format.arch_data of the arm formats. */
#define ARM_DATA_TTBCR 0 /* short: N; LPAE: T0SZ | T1SZ << 16 */
#define ARM_DATA_SPLIT 1 /* the first VA of the TTBR1 half; 0 = no split */

/* TTBCR bits (DDI 0406C B4.1.153). */
#define ARM_TTBCR_PD0 (1u << 4)	  /* short: no walk on a TTBR0 TLB miss */
#define ARM_TTBCR_PD1 (1u << 5)	  /* short: no walk on a TTBR1 TLB miss */
#define ARM_TTBCR_EPD0 (1u << 7)  /* LPAE: the same for TTBR0 */
#define ARM_TTBCR_EPD1 (1u << 23) /* LPAE: the same for TTBR1 */
#define ARM_TTBCR_EAE (1u << 31)

/* encode_table() flags of the short format: the domain of the L1 page-table
 * descriptor, which is the domain of every page below it. */
#define VML_ARM_TABLE_DOMAIN(d) VML_PT_TABLE_DOMAIN(d)

/* Short-descriptor fields. */
#define ARM_S_L1_TYPE_MASK 0x3u
#define ARM_S_L1_PAGE_TABLE 0x1u /* [1:0] = 01 */
#define ARM_S_L1_SECTION 0x2u	 /* [1:0] = 1x, bit 0 = PXN */
#define ARM_S_PXN_L1 (1u << 0)
#define ARM_S_B (1u << 2)
#define ARM_S_C (1u << 3)
#define ARM_S_SECT_XN (1u << 4)
#define ARM_S_DOMAIN_SHIFT 5
#define ARM_S_SECT_IMP (1u << 9)
#define ARM_S_SECT_AP_SHIFT 10
#define ARM_S_SECT_TEX_SHIFT 12
#define ARM_S_SECT_AP2 (1u << 15)
#define ARM_S_SECT_S (1u << 16)
#define ARM_S_SECT_NG (1u << 17)
#define ARM_S_SUPERSECTION (1u << 18)
#define ARM_S_SECT_NS (1u << 19)
#define ARM_S_TABLE_PXN (1u << 2)
#define ARM_S_TABLE_NS (1u << 3)
#define ARM_S_TABLE_BIT4 (1u << 4) /* PMD_BIT4 (pgtable-2level-hwdef.h) */
#define ARM_S_L2_LARGE 0x1u	   /* [1:0] = 01 */
#define ARM_S_L2_SMALL 0x2u	   /* [1:0] = 1x, bit 0 = XN */
#define ARM_S_SMALL_XN (1u << 0)
#define ARM_S_L2_AP_SHIFT 4
#define ARM_S_SMALL_TEX_SHIFT 6
#define ARM_S_L2_AP2 (1u << 9)
#define ARM_S_L2_S (1u << 10)
#define ARM_S_L2_NG (1u << 11)
#define ARM_S_LARGE_TEX_SHIFT 12
#define ARM_S_LARGE_XN (1u << 15)

/* LPAE long-descriptor fields. */
#define ARM_L_VALID (1ULL << 0)
#define ARM_L_TABLE_OR_PAGE (1ULL << 1)
#define ARM_L_ATTRINDX_SHIFT 2
#define ARM_L_NS (1ULL << 5)
#define ARM_L_AP_SHIFT 6 /* AP[2:1] in bits 7:6 */
#define ARM_L_SH_SHIFT 8
#define ARM_L_AF (1ULL << 10)
#define ARM_L_NG (1ULL << 11)
#define ARM_L_OA_MASK 0x000000fffffff000ULL /* bits 39:12 */
#define ARM_L_CONT (1ULL << 52)
#define ARM_L_PXN (1ULL << 53)
#define ARM_L_XN (1ULL << 54)
#define ARM_L_SW_IGNORED_MASK (0x1ffULL << 55) /* bits 63:55 of a leaf */
#define ARM_L_PXNTABLE (1ULL << 59)
#define ARM_L_XNTABLE (1ULL << 60)
#define ARM_L_APTABLE_NO_PL0 (1ULL << 61)
#define ARM_L_APTABLE_RO (1ULL << 62)
#define ARM_L_NSTABLE (1ULL << 63)

/* Linux's LPAE MAIR0/MAIR1 (arch/arm/mm/proc-v7-3level.S, v6.18): index 0
 * UNCACHED 0x00, 1 BUFFERABLE 0x44, 2 WRITETHROUGH 0xaa, 3 WRITEBACK 0xee,
 * 4 DEV_SHARED 0x04, 7 WRITEALLOC 0xff. */
#define ARM_LPAE_MAIR0 0xeeaa4400u
#define ARM_LPAE_MAIR1 0xff000004u

/* DACR with every domain "client" (01): accesses are checked against AP. */
#define ARM_DACR_ALL_CLIENT 0x55555555u

/*
 * The access permissions both formats share, in the short-descriptor's
 * three-bit form AP[2]:AP[1:0] (DDI 0406C table B3-8, SCTLR.AFE = 0) plus XN
 * and PXN. LPAE's AP[2:1] is the subset with AP[0] = 1.
 */
struct arm_perm_bits {
	unsigned int ap; /* AP2 << 2 | AP[1:0] */
	bool xn;
	bool pxn;
};

int vml_arm_perm_encode(uint32_t perm, struct arm_perm_bits *out);
uint32_t vml_arm_perm_decode(const struct arm_perm_bits *bits);

/* A Linux PTE's fields as the hardware descriptor will hold them (pte_linux.c). */
struct arm_linux_fields {
	unsigned int ap; /* AP[2]:AP[1:0], AP[0] = 1 */
	bool xn;
	unsigned int mt; /* TEX[0]:C:B, the TEX-remap index = L_PTE_MT_* >> 2 */
	bool shared;
};

/* Linux's own 2-level PTE bits (arch/arm/include/asm/pgtable-2level.h, v6.1):
 * the software half of a packed PTE page (pte_linux.c, ptdump_bits.c). */
#define L_PTE_VALID (1u << 0)
#define L_PTE_YOUNG (1u << 1)
#define L_PTE_MT_SHIFT 2
#define L_PTE_MT_MASK (0xfu << L_PTE_MT_SHIFT)
#define L_PTE_DIRTY (1u << 6)
#define L_PTE_RDONLY (1u << 7)
#define L_PTE_USER (1u << 8)
#define L_PTE_XN (1u << 9)
#define L_PTE_SHARED (1u << 10)
#define L_PTE_NONE (1u << 11)
/* L_PMD_SECT_RDONLY (pgtable-3level.h): Linux's software read-only bit of
 * an LPAE section, in the ignored bits 58:55. */
#define ARM_L_PMD_SECT_RDONLY (1ULL << 58)
/* L_PTE_DIRTY and L_PTE_RDONLY (pgtable-3level.h v6.1): the software bits
 * Linux keeps in an LPAE page descriptor's ignored bits. */
#define ARM_L_PTE_DIRTY (1ULL << 55)
#define ARM_L_PTE_RDONLY (1ULL << 58)

/* PTE_EXT_NG (pgtable-2level-hwdef.h): the ext bit for a not-global page. */
#define ARM_PTE_EXT_NG (1u << 11)

uint32_t vml_arm_linux_pte(uint32_t pa, const struct arm_linux_fields *f);
uint32_t vml_arm_linux_set_pte_ext(uint32_t pte, uint32_t ext);
uint32_t vml_arm_linux_pte_of_hw(uint32_t hw);

/* Linux's TEX remap (proc-v7-2level.S, v6.1): PRRR, NMRR, and SCTLR.TRE. */
#define ARM_LINUX_PRRR 0xff0a81a8u
#define ARM_LINUX_NMRR 0x40e040e0u
#define ARM_SCTLR_TRE (1u << 28)

extern const struct vml_pt_format_ops vml_arm_short_ops;
extern const struct vml_pt_format_ops vml_arm_short_linux_ops;
extern const struct vml_pt_format_ops vml_arm_lpae_ops;

void vml_arm_short_fill(struct vml_pt_format *f, unsigned int pa_bits, uint32_t options);
void vml_arm_lpae_fill(struct vml_pt_format *f, unsigned int pa_bits);
int vml_arm_split_apply(struct vml_pt_format *f, uint64_t split, unsigned int half,
			struct vml_diag *diag);

extern const struct vml_pt_family vml_pt_family_arm;

#endif
