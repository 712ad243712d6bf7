/* SPDX-License-Identifier: MIT */
/*
 * arm64 ptdump rows: arch/arm64/mm/ptdump.c pte_bits[] (the same in v6.1
 * and v6.12; Device-GRE left in v5.14): valid " "/"F", USR, ro/RW, NX/"x ",
 * SHD, AF, NG, CON, "   "/BLK (the table bit), UXN, GP, then the memory
 * type by AttrIndx with the kernel's MAIR layout (asm/memory.h).
 */
#include "vmlayout/ptdump_bits.h"
#include "arch/arm64/pte_bits.h"

#define A64_VALID A64_BIT(0)
#define A64_TABLE_BIT A64_BIT(1) /* PTE_TABLE_BIT: set in tables and pages */
#define A64_GP A64_BIT(50)	 /* PTE_GP, BTI guarded page */
#define A64_ATTRINDX(i) ((uint64_t)(i) << A64_ATTRINDX_SHIFT)

static const struct vml_ptdump_bits arm64_pte_bits[] = {
    {A64_VALID, A64_VALID, " ", "F"},
    {A64_AP_USER, A64_AP_USER, "USR", "   "},
    {A64_AP_RDONLY, A64_AP_RDONLY, "ro", "RW"},
    {A64_PXN, A64_PXN, "NX", "x "},
    {A64_SH_INNER, A64_SH_INNER, "SHD", "   "},
    {A64_AF, A64_AF, "AF", "  "},
    {A64_NG, A64_NG, "NG", "  "},
    {A64_CONT, A64_CONT, "CON", "   "},
    {A64_TABLE_BIT, A64_TABLE_BIT, "   ", "BLK"},
    {A64_UXN, A64_UXN, "UXN", "   "},
    {A64_GP, A64_GP, "GP", "  "},
    {A64_ATTRINDX_MASK, A64_ATTRINDX(A64_MT_DEVICE_nGnRnE), "DEVICE/nGnRnE", NULL},
    {A64_ATTRINDX_MASK, A64_ATTRINDX(A64_MT_DEVICE_nGnRE), "DEVICE/nGnRE", NULL},
    {A64_ATTRINDX_MASK, A64_ATTRINDX(A64_MT_NORMAL_NC), "MEM/NORMAL-NC", NULL},
    {A64_ATTRINDX_MASK, A64_ATTRINDX(A64_MT_NORMAL), "MEM/NORMAL", NULL},
    {A64_ATTRINDX_MASK, A64_ATTRINDX(A64_MT_NORMAL_TAGGED), "MEM/NORMAL-TAGGED", NULL},
};

const struct vml_ptdump_rows vml_arm64_ptdump_pte = {arm64_pte_bits,
						     VML_ARRAY_SIZE(arm64_pte_bits)};
