// SPDX-License-Identifier: MIT
/*
 * DOC: the TTBR0/TTBR1 split of the 32-bit ARM VA space
 *
 * A split makes TTBR0 translate [0, split) and TTBR1 [split, 4 GiB). Each
 * half is its own format here (va_first/va_last), with the root the
 * architecture gives it:
 *
 * - short-descriptor, TTBCR.N = 1..7 (DDI 0406C B3.5.4): the split is at
 *   2^(32-N); TTBR0's first-level table has 4096 >> N entries (16 KiB >> N,
 *   aligned to its size), TTBR1's is the full 16 KiB table indexed by
 *   VA[31:20], of which only the entries at or above the split are used.
 *   3G is not a power of two: the short format cannot split there.
 * - LPAE, T0SZ/T1SZ (DDI 0406C B3.6.4, table B3-24 "TTBR0 and TTBR1
 *   address ranges"): with T1SZ = k > 0 and T0SZ = 0, TTBR1 translates the
 *   top 2^(32-k) bytes and TTBR0 everything below; with T0SZ = k > 0 and
 *   T1SZ = 0, TTBR0 translates [0, 2^(32-k)) and TTBR1 everything above.
 *   The walk of a region of input size 32 - tsz starts at level 1 when
 *   tsz <= 1 (2^(2-tsz) entries) and at level 2 when tsz >= 2 (2^(11-tsz)
 *   entries): Linux's 3G/1G split (T1SZ = 2, arch/arm/include/asm/
 *   pgtable-3level-hwdef.h TTBR1_SIZE, v6.1) has TTBR1 point at a level-2
 *   table of 512 entries covering 0xc0000000..0xffffffff, and 2G/2G
 *   (T1SZ = 1) at a 2-entry level-1 table. A split that is both forms (2G)
 *   uses T1SZ = 1, T0SZ = 0, as Linux does. 1G uses T0SZ = 2.
 */
#include "arch/arm/pte_arm.h"

#define ARM_VA_END (1ULL << 32)

static void set_range(struct vml_pt_format *f, uint64_t split, unsigned int half)
{
	f->va_split = VML_PT_VA_TWO_ROOTS;
	f->va_first = half ? split : 0;
	f->va_last = half ? ARM_VA_END - 1 : split - 1;
	f->arch_data[ARM_DATA_SPLIT] = split;
}

static int short_split(struct vml_pt_format *f, uint64_t split, unsigned int half,
		       struct vml_diag *diag)
{
	unsigned int n = 1;

	while (n <= 7 && split != ARM_VA_END >> n)
		n++;
	if (n > 7)
		return vml_fail(
		    diag, VML_ERANGE,
		    "arm short-descriptor splits at 2^(32-N) with TTBCR.N 1..7 (2G, 1G, "
		    "512M ... 32M)",
		    split, 0, -1);
	set_range(f, split, half);
	f->arch_data[ARM_DATA_TTBCR] = n;
	if (half == 0) {
		f->va_bits = 32 - n;
		f->level[0].index_bits = (uint8_t)(12 - n);
		f->level[0].table_size = 16384u >> n;
		f->level[0].table_align = 16384u >> n;
	}
	return 0;
}

/* The root of an LPAE region of input size 32 - @tsz. */
static void lpae_input_size(struct vml_pt_format *f, unsigned int tsz)
{
	struct vml_pt_level *root;

	f->va_bits = 32 - tsz;
	if (tsz >= 2) { /* start at level 2: drop level 1 */
		f->first_level = 2;
		f->levels = 2;
		f->level[0] = f->level[1];
		f->level[1] = f->level[2];
		f->level[2] = (struct vml_pt_level){0};
	}
	root = &f->level[0];
	root->index_bits = (uint8_t)(tsz >= 2 ? 11 - tsz : 2 - tsz);
	root->table_size = 8u << root->index_bits;
	root->table_align = root->table_size;
}

static int lpae_split(struct vml_pt_format *f, uint64_t split, unsigned int half,
		      struct vml_diag *diag)
{
	unsigned int t0sz = 0, t1sz = 0;

	for (unsigned int k = 1; k <= 7 && !t1sz; k++)
		if (split == ARM_VA_END - (ARM_VA_END >> k))
			t1sz = k;
	for (unsigned int k = 2; k <= 7 && !t1sz && !t0sz; k++)
		if (split == ARM_VA_END >> k)
			t0sz = k;
	if (!t0sz && !t1sz)
		return vml_fail(diag, VML_ERANGE,
				"arm LPAE splits at 4G - 2^(32-T1SZ) or 2^(32-T0SZ) (T1SZ, T0SZ "
				"1..7: 2G, 3G, 3.5G ... or 1G, 512M ... 32M)",
				split, 0, -1);
	set_range(f, split, half);
	f->arch_data[ARM_DATA_TTBCR] = t0sz | (uint64_t)t1sz << 16;
	lpae_input_size(f, half ? t1sz : t0sz);
	return 0;
}

/**
 * arm_split_apply() - make @f (just filled, one root) the format of one half
 * @f: an "arm" short or lpae format covering [0, 4 GiB)
 * @split: the first VA of the TTBR1 half
 * @half: 0 TTBR0, 1 TTBR1
 * @diag: filled on failure
 *
 * Return: 0; VML_ERANGE (@f unchanged) if the format cannot split at @split.
 */
int vml_arm_split_apply(struct vml_pt_format *f, uint64_t split, unsigned int half,
			struct vml_diag *diag)
{
	if (f->entry_size == 8)
		return lpae_split(f, split, half, diag);
	return short_split(f, split, half, diag);
}
