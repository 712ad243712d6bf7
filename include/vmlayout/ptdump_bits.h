/* SPDX-License-Identifier: MIT */
/*
 * DOC: the prot_bits rows of each arch's kernel_page_tables, as data
 *
 * Each arch's ptdump.c has a prot_bits[] table: the bits it decodes from an
 * entry and the words it prints for them. vmlayout keeps those tables in
 * the arch's folder (src/arch/<arch>/ptdump_bits.c), written with the
 * arch's own descriptor constants, so a bit is defined once; the host's
 * ptdump printers (src/host/ptdump_*.c) only walk and format.
 */
#ifndef VMLAYOUT_PTDUMP_BITS_H
#define VMLAYOUT_PTDUMP_BITS_H

#include "env.h"

/* One prot_bits row: " set" if (prot & mask) == val, else " clear" (if any). */
struct vml_ptdump_bits {
	uint64_t mask;
	uint64_t val;
	const char *set;
	const char *clear;
};

/* A table of rows. */
struct vml_ptdump_rows {
	const struct vml_ptdump_bits *row;
	size_t n;
};

/* arm64: arch/arm64/mm/ptdump.c pte_bits[] (v6.1 = v6.12). */
extern const struct vml_ptdump_rows vml_arm64_ptdump_pte;
/* riscv64: the single-bit rows of arch/riscv/mm/ptdump.c pte_bits[]
 * (v6.1; v6.12 prints N, MT and RSW first, then the same rows). */
extern const struct vml_ptdump_rows vml_riscv_ptdump_pte;
/* arm: arch/arm/mm/dump.c section_bits[] and pte_bits[], short and LPAE. */
extern const struct vml_ptdump_rows vml_arm_ptdump_short_section, vml_arm_ptdump_lpae_section;
extern const struct vml_ptdump_rows vml_arm_ptdump_short_pte, vml_arm_ptdump_lpae_pte;

struct vml_pt_attrs;
/* arm: the Linux PTE value dump.c reads for a page of these attributes
 * (2-level: Linux's own PTE; LPAE: the hardware PTE), and the prot of a
 * section entry as dump.c sees it (LPAE adds L_PMD_SECT_RDONLY with AP[2]). */
uint64_t vml_arm_ptdump_pte_prot(bool lpae, const struct vml_pt_attrs *a);
uint64_t vml_arm_ptdump_section_prot(bool lpae, uint64_t raw);

#endif
