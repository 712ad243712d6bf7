/* SPDX-License-Identifier: MIT */
/*
 * DOC: the arm64 "3.18" profile: the 2014 layout (seed 000's kernel)
 *
 * Before v4.6 the arm64 image lived inside the linear map: PHYS_OFFSET was
 * inferred from where the bootloader put the image (arch/arm64/kernel/head.S
 * __calc_phys_offset: load address - TEXT_OFFSET), and the linear map began
 * at PAGE_OFFSET = ~0 << (VA_BITS - 1) (asm/memory.h). The figures this
 * profile computes are shared by the layout (layout_v3_18.c) and the boot
 * tables (boot_tables_v3_18.c); docs/arm64.md "The 3.18 profile" says which
 * file each rule was read from and which could not be read at the v3.18 tag.
 */
#ifndef VMLAYOUT_ARCH_ARM64_LAYOUT_V3_18_H
#define VMLAYOUT_ARCH_ARM64_LAYOUT_V3_18_H

#include "vmlayout/layout_policy.h"

extern const struct vml_layout_policy vml_arm64_policy_3_18;

/* TEXT_OFFSET (arch/arm64/Makefile v3.x: 0x00080000) */
#define ARM64_V3_18_TEXT_OFFSET 0x80000ULL

/* The 3.18 geometry of one granule and VA size. */
struct arm64_v3_18_geometry {
	unsigned int page_shift, va_bits, levels;
	uint64_t page_size;
	uint64_t pmd_size; /* PMD_SIZE: 2 MiB (4K), 512 MiB (64K) */
	uint64_t pud_size; /* PUD_SIZE: PGDIR_SIZE when the PUD is folded */
	uint64_t page_offset, vmalloc_start, vmalloc_end, vmemmap_start, vmemmap_size;
	uint64_t modules_vaddr, pci_io_start, pci_io_end, fixaddr_start, fixaddr_top;
};

/**
 * vml_arm64_v3_18_geometry() - the 3.18 constants for @cfg's granule and VA
 * Return: 0; VML_EINVAL for a granule or VA size 3.18's Kconfig does not
 * offer (16K pages; VA_BITS other than 39/48 with 4K, 42/48 with 64K).
 */
int vml_arm64_v3_18_geometry(const struct vml_kernel_config *cfg, struct arm64_v3_18_geometry *g,
			     struct vml_diag *diag);

#endif
