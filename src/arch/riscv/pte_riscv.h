/* SPDX-License-Identifier: MIT */
/*
 * DOC: riscv64 page-table entries (Sv39, Sv48, Sv57), for tests and the CLI
 *
 * Bit positions from the RISC-V privileged spec (20211203, 4.3-4.6 "Sv32"
 * to "Sv57"), Svnapot and Svpbmt (same volume, chapters 5 and 6 of the 2023
 * edition) and Linux's names in arch/riscv/include/asm/pgtable-bits.h and
 * pgtable-64.h (v6.18).
 */
#ifndef VMLAYOUT_ARCH_RISCV_PTE_RISCV_H
#define VMLAYOUT_ARCH_RISCV_PTE_RISCV_H

#include "vmlayout/pgtable_format.h"

#define RV_PTE_V (1ULL << 0)
#define RV_PTE_R (1ULL << 1)
#define RV_PTE_W (1ULL << 2)
#define RV_PTE_X (1ULL << 3)
#define RV_PTE_U (1ULL << 4)
#define RV_PTE_G (1ULL << 5)
#define RV_PTE_A (1ULL << 6)
#define RV_PTE_D (1ULL << 7)
#define RV_PTE_RSW_MASK (3ULL << 8)
#define RV_PTE_PPN_SHIFT 10
#define RV_PTE_PPN_MASK (((1ULL << 44) - 1) << RV_PTE_PPN_SHIFT) /* bits 53:10 */
#define RV_PTE_RESERVED_MASK (0x7fULL << 54)			 /* bits 60:54 */
#define RV_PTE_PBMT_SHIFT 61
#define RV_PTE_PBMT_MASK (3ULL << RV_PTE_PBMT_SHIFT)
#define RV_PBMT_PMA 0ULL /* normal memory, the PMAs decide */
#define RV_PBMT_NC 1ULL	 /* non-cacheable, idempotent, weakly ordered */
#define RV_PBMT_IO 2ULL	 /* non-cacheable, non-idempotent, strongly ordered */
#define RV_PTE_N (1ULL << 63)

/* Svnapot: Linux supports only the 64 KiB size, NAPOT_CONT64KB_ORDER = 4
 * (arch/riscv/include/asm/pgtable-64.h, v6.18): 16 PTEs, PPN[3:0] = 1000b. */
#define RV_NAPOT_ORDER 4
#define RV_NAPOT_ENTRIES (1u << RV_NAPOT_ORDER)

/* satp.MODE values (privileged spec 4.1.11). */
#define RV_SATP_MODE_SV39 8ULL
#define RV_SATP_MODE_SV48 9ULL
#define RV_SATP_MODE_SV57 10ULL
#define RV_SATP_MODE_SHIFT 60
#define RV_SATP_ASID_SHIFT 44

/* struct vml_pt_spec.options for arch "riscv64". */
#define VML_RISCV_OPT_NO_SVNAPOT (1u << 0) /* CPU without Svnapot: no 64K groups */
#define VML_RISCV_OPT_NO_SVPBMT (1u << 1)  /* CPU without Svpbmt: normal memory only */

/* struct vml_pt_format.arch_flags, set by the builder. */
#define RV_FMT_SVNAPOT (1u << 0)
#define RV_FMT_SVPBMT (1u << 1)

extern const struct vml_pt_family vml_pt_family_riscv64;

#endif
