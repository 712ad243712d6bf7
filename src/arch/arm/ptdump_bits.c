/* SPDX-License-Identifier: MIT */
/*
 * arm ptdump rows: arch/arm/mm/dump.c section_bits[] and pte_bits[] (v6.1,
 * the same in v6.12), for the short-descriptor (CONFIG_ARM_LPAE=n) and the
 * LPAE kernels. Sections are decoded from the hardware entry; pages from
 * Linux's own PTE (2-level) or the hardware PTE (LPAE), as dump.c reads
 * them. Memory types are the TEX-remap index (2-level: L_PTE_MT_*) or
 * AttrIndx (LPAE), with the kernel's names.
 */
#include "vmlayout/ptdump_bits.h"
#include "arch/arm/pte_arm.h"
#include "vmlayout/pgtable.h"

/* Short sections: AP[2] (APX, bit 15) and AP[1:0] (bits 11:10). */
#define S_AP_W (1ULL << ARM_S_SECT_AP_SHIFT)	    /* PMD_SECT_AP_WRITE */
#define S_AP_R (2ULL << ARM_S_SECT_AP_SHIFT)	    /* PMD_SECT_AP_READ */
#define S_AP_ALL (ARM_S_SECT_AP2 | S_AP_R | S_AP_W) /* PMD_SECT_AP_* */
#define MT(x) ((uint64_t)(x) << L_PTE_MT_SHIFT)
#define LPAE_AP_USER (1ULL << ARM_L_AP_SHIFT)	/* L_PTE_USER, AP[1] */
#define LPAE_AP_RDONLY (2ULL << ARM_L_AP_SHIFT) /* L_PTE_RDONLY, AP[2] */
#define LPAE_SH_INNER (3ULL << ARM_L_SH_SHIFT)	/* L_PTE_SHARED */

static const struct vml_ptdump_bits short_section_bits[] = {
    {S_AP_ALL, ARM_S_SECT_AP2 | S_AP_W, "    ro", NULL},
    {S_AP_ALL, S_AP_W, "    RW", NULL},
    {S_AP_ALL, S_AP_R, "USR ro", NULL},
    {S_AP_ALL, S_AP_R | S_AP_W, "USR RW", NULL},
    {ARM_S_SECT_XN, ARM_S_SECT_XN, "NX", "x "},
    {ARM_S_SECT_S, ARM_S_SECT_S, "SHD", "   "},
};

static const struct vml_ptdump_bits lpae_section_bits[] = {
    {LPAE_AP_USER, LPAE_AP_USER, "USR", NULL},
    {ARM_L_PMD_SECT_RDONLY | LPAE_AP_RDONLY, ARM_L_PMD_SECT_RDONLY | LPAE_AP_RDONLY, "ro", "RW"},
    {ARM_L_XN, ARM_L_XN, "NX", "x "},
    {LPAE_SH_INNER, LPAE_SH_INNER, "SHD", "   "},
};

/* Linux's 2-level PTE: L_PTE_MT_* in bits 5:2. */
static const struct vml_ptdump_bits short_pte_bits[] = {
    {L_PTE_USER, L_PTE_USER, "USR", "   "},    {L_PTE_RDONLY, L_PTE_RDONLY, "ro", "RW"},
    {L_PTE_XN, L_PTE_XN, "NX", "x "},	       {L_PTE_SHARED, L_PTE_SHARED, "SHD", "   "},
    {MT(0xf), MT(0x0), "SO/UNCACHED", NULL},   {MT(0xf), MT(0x1), "MEM/BUFFERABLE/WC", NULL},
    {MT(0xf), MT(0x2), "MEM/CACHED/WT", NULL}, {MT(0xf), MT(0x3), "MEM/CACHED/WBRA", NULL},
    {MT(0xf), MT(0x6), "MEM/MINICACHE", NULL}, {MT(0xf), MT(0x7), "MEM/CACHED/WBWA", NULL},
    {MT(0xf), MT(0x4), "DEV/SHARED", NULL},    {MT(0xf), MT(0xc), "DEV/NONSHARED", NULL},
    {MT(0xf), MT(0x9), "DEV/WC", NULL},	       {MT(0xf), MT(0xb), "DEV/CACHED", NULL},
};

/* The LPAE PTE: AttrIndx in bits 4:2 (pgtable-3level.h L_PTE_MT_*). */
static const struct vml_ptdump_bits lpae_pte_bits[] = {
    {LPAE_AP_USER, LPAE_AP_USER, "USR", "   "},
    {LPAE_AP_RDONLY, LPAE_AP_RDONLY, "ro", "RW"},
    {ARM_L_XN, ARM_L_XN, "NX", "x "},
    {LPAE_SH_INNER, LPAE_SH_INNER, "SHD", "   "},
    {MT(7), MT(0), "SO/UNCACHED", NULL},
    {MT(7), MT(1), "MEM/BUFFERABLE/WC", NULL},
    {MT(7), MT(2), "MEM/CACHED/WT", NULL},
    {MT(7), MT(3), "MEM/CACHED/WBRA", NULL},
    {MT(7), MT(7), "MEM/CACHED/WBWA", NULL},
    {MT(7), MT(4), "DEV/SHARED", NULL},
    {MT(7), MT(1), "DEV/WC", NULL},
    {MT(7), MT(3), "DEV/CACHED", NULL},
};

const struct vml_ptdump_rows vml_arm_ptdump_short_section = {short_section_bits,
							     VML_ARRAY_SIZE(short_section_bits)};
const struct vml_ptdump_rows vml_arm_ptdump_lpae_section = {lpae_section_bits,
							    VML_ARRAY_SIZE(lpae_section_bits)};
const struct vml_ptdump_rows vml_arm_ptdump_short_pte = {short_pte_bits,
							 VML_ARRAY_SIZE(short_pte_bits)};
const struct vml_ptdump_rows vml_arm_ptdump_lpae_pte = {lpae_pte_bits,
							VML_ARRAY_SIZE(lpae_pte_bits)};

uint64_t vml_arm_ptdump_pte_prot(bool lpae, const struct vml_pt_attrs *a)
{
	/* TEX-remap index (2-level) / AttrIndx (LPAE) of each neutral memory
	 * type: normal and normal-tagged WBWA 7, non-cacheable BUFFERABLE 1,
	 * strongly ordered UNCACHED 0, device DEV_SHARED 4 */
	static const uint8_t mt[VML_PT_MT_COUNT] = {7, 7, 1, 0, 4};
	uint64_t v = MT(mt[a->memtype < VML_PT_MT_COUNT ? a->memtype : 0]);
	bool user = a->perm & VML_PT_USER_READ, ro = !(a->perm & VML_PT_WRITE);
	bool xn = !(a->perm & (VML_PT_EXEC | VML_PT_USER_EXEC)), sh = a->share == VML_PT_SH_INNER;

	if (lpae)
		return v | (user ? LPAE_AP_USER : 0) | (ro ? LPAE_AP_RDONLY : 0) |
		       (xn ? ARM_L_XN : 0) | (sh ? LPAE_SH_INNER : 0);
	return v | (user ? L_PTE_USER : 0) | (ro ? L_PTE_RDONLY : 0) | (xn ? L_PTE_XN : 0) |
	       (sh ? L_PTE_SHARED : 0);
}

uint64_t vml_arm_ptdump_section_prot(bool lpae, uint64_t raw)
{
	if (lpae && (raw & LPAE_AP_RDONLY))
		raw |= ARM_L_PMD_SECT_RDONLY;
	return raw;
}
