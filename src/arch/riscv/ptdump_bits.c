/* SPDX-License-Identifier: MIT */
/*
 * riscv64 ptdump rows: arch/riscv/mm/ptdump.c pte_bits[] of v6.1 (RSW as
 * bit 8 only, then D A G U X W R V, "." when clear). v6.12 prints N, MT and
 * a two-bit RSW first (host/ptdump_riscv.c), then the same single bits.
 */
#include "vmlayout/ptdump_bits.h"
#include "arch/riscv/pte_riscv.h"

#define RV_PTE_RSW_6_1 (1ULL << 8) /* _PAGE_SOFT of v6.1: one bit */

static const struct vml_ptdump_bits riscv_pte_bits[] = {
    {RV_PTE_RSW_6_1, RV_PTE_RSW_6_1, "RSW", "   "},
    {RV_PTE_D, RV_PTE_D, "D", "."},
    {RV_PTE_A, RV_PTE_A, "A", "."},
    {RV_PTE_G, RV_PTE_G, "G", "."},
    {RV_PTE_U, RV_PTE_U, "U", "."},
    {RV_PTE_X, RV_PTE_X, "X", "."},
    {RV_PTE_W, RV_PTE_W, "W", "."},
    {RV_PTE_R, RV_PTE_R, "R", "."},
    {RV_PTE_V, RV_PTE_V, "V", "."},
};

const struct vml_ptdump_rows vml_riscv_ptdump_pte = {riscv_pte_bits,
						     VML_ARRAY_SIZE(riscv_pte_bits)};
