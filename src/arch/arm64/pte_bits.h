/* SPDX-License-Identifier: MIT */
/*
 * DOC: VMSAv8-64 stage-1 descriptor bits
 *
 * Positions from the Arm ARM (DDI 0487, "VMSAv8-64 translation table
 * format descriptors"); Linux's names in comments are from
 * arch/arm64/include/asm/pgtable-hwdef.h (v6.12).
 */
#ifndef VMLAYOUT_ARCH_ARM64_PTE_BITS_H
#define VMLAYOUT_ARCH_ARM64_PTE_BITS_H

#include "vmlayout/pgtable_format.h"

#define A64_BIT(n) (1ULL << (n))
#define A64_GENMASK(hi, lo) ((~0ULL >> (63 - (hi))) & (~0ULL << (lo)))

#define A64_TYPE_MASK 3ULL
#define A64_TYPE_BLOCK 1ULL /* PMD_TYPE_SECT */
#define A64_TYPE_TABLE 3ULL /* PMD_TYPE_TABLE, and PTE_TYPE_PAGE at level 3 */

#define A64_ATTRINDX_SHIFT 2
#define A64_ATTRINDX_MASK (7ULL << A64_ATTRINDX_SHIFT)
#define A64_NS A64_BIT(5)
#define A64_AP_USER A64_BIT(6)	 /* AP[1], PTE_USER */
#define A64_AP_RDONLY A64_BIT(7) /* AP[2], PTE_RDONLY */
#define A64_SH_SHIFT 8
#define A64_SH_MASK (3ULL << A64_SH_SHIFT)
#define A64_SH_INNER (3ULL << A64_SH_SHIFT)
#define A64_SH_OUTER (2ULL << A64_SH_SHIFT)
#define A64_AF A64_BIT(10)
#define A64_NG A64_BIT(11)
#define A64_DBM A64_BIT(51) /* PTE_DBM, Linux's PTE_WRITE */
#define A64_CONT A64_BIT(52)
#define A64_PXN A64_BIT(53)
#define A64_UXN A64_BIT(54)

/* Table descriptor attributes. */
#define A64_TABLE_AF A64_BIT(10) /* used with FEAT_HAFT only */
#define A64_PXNTABLE A64_BIT(59)
#define A64_UXNTABLE A64_BIT(60)
#define A64_APTABLE_NO_EL0 A64_BIT(61)
#define A64_APTABLE_RO A64_BIT(62)
#define A64_NSTABLE A64_BIT(63)

/* Linux's MAIR layout: AttrIndx values (arch/arm64/include/asm/memory.h,
 * v6.1 and v6.12) and MAIR_EL1 at boot (proc.S MAIR_EL1_SET, sysreg.h):
 * NORMAL 0xff, NORMAL_TAGGED 0xff until MTE turns it into 0xf0, NORMAL_NC
 * 0x44, DEVICE_nGnRnE 0x00, DEVICE_nGnRE 0x04. */
#define A64_MT_NORMAL 0
#define A64_MT_NORMAL_TAGGED 1
#define A64_MT_NORMAL_NC 2
#define A64_MT_DEVICE_nGnRnE 3
#define A64_MT_DEVICE_nGnRE 4
#define A64_MAIR_EL1_BOOT 0x000000040044ffffULL

/* struct vml_pt_format.arch_flags and arch_data for arm64. */
#define A64_FMT_LPA2 (1u << 0) /* TCR.DS = 1: LPA2 encodings, level -1 (4K) */
#define A64_FMT_PA52 (1u << 1) /* 64K granule, 52-bit PA (FEAT_LPA) */
#define A64_DATA_PAGE_SHIFT 0  /* arch_data[0]: 12, 14 or 16 */

/* Options for struct vml_pt_spec.options (--arch arm64). */
#define VML_ARM64_OPT_LPA2 (1u << 0) /* use TCR.DS=1 even below 52-bit VA */
#define VML_ARM64_OPT_PA52 (1u << 1) /* 64K: 52-bit PA below 52-bit VA */

extern const struct vml_pt_format_ops vml_arm64_pte_ops;
void vml_arm64_pgtable_registers(const struct vml_pt_format *f, const struct vml_pt_roots *roots,
				 struct vml_pt_regs *out);
void vml_arm64_pgtable_roots(const struct vml_pt_format *f, const struct vml_pt_regs *regs,
			     struct vml_pt_roots *out);

#endif
