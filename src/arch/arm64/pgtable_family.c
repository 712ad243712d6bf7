/* SPDX-License-Identifier: MIT */
/*
 * DOC: the arm64 VMSAv8-64 stage-1 formats, by granule and VA size
 *
 * Geometry (Arm ARM DDI 0487, "translation granule" tables and the
 * VMSAv8-64 descriptor formats): a granule of 2^s bytes resolves s - 3 VA bits per level; the
 * last level is 3, the root is the level that takes the remaining top bits
 * (4K/48: levels 0..3; 4K/52: -1..3; 16K/52: 0..3; 64K/52: 1..3).
 *
 * Leaves: level 3 pages always; blocks at 4K L1 (1G) and L2 (2M), 4K L0
 * (512G) with LPA2; 16K L2 (32M), L1 (64G) with LPA2; 64K L2 (512M), L1
 * (4T) with 52-bit PA.
 *
 * Contiguous groups (Linux CONT_PTES/CONT_PMDS, arch/arm64/include/asm/
 * pgtable-hwdef.h v6.12): 4K 16 pages / 16 x 2M; 16K 128 pages / 32 x 32M;
 * 64K 32 pages / 32 x 512M. The Arm ARM allows more (4K L1 blocks); the
 * kernel does not use them and neither do we.
 *
 * LPA2 (TCR.DS = 1) is used for 4K and 16K above 48-bit VA, or on request;
 * 64K at 52-bit VA uses the FEAT_LPA 52-bit PA encoding.
 */
#include "arch/arm64/pte_bits.h"

static void set_name(char *dst, size_t max, uint64_t granule, unsigned int va_bits, bool lpa2)
{
	const char *g = granule == VML_SZ_4K ? "4K" : granule == 0x4000 ? "16K" : "64K";
	size_t n = 0;

	while (*g && n + 1 < max)
		dst[n++] = *g++;
	dst[n++] = '/';
	dst[n++] = (char)('0' + va_bits / 10);
	dst[n++] = (char)('0' + va_bits % 10);
	for (const char *s = lpa2 ? "-lpa2" : ""; *s && n + 1 < max; s++)
		dst[n++] = *s;
	dst[n] = 0;
}

static bool block_ok(unsigned int ps, int level, bool lpa2, bool pa52)
{
	if (level == 3 || level == 2)
		return true;
	if (ps == 12)
		return level == 1 || (level == 0 && lpa2);
	if (ps == 14)
		return level == 1 && lpa2;
	return level == 1 && pa52;
}

static uint16_t cont_entries(unsigned int ps, int level)
{
	if (level == 3)
		return ps == 12 ? 16 : ps == 14 ? 128 : 32;
	if (level == 2)
		return ps == 12 ? 16 : 32;
	return 0;
}

static void set_levels(struct vml_pt_format *f, unsigned int ps, bool pa52)
{
	unsigned int bits = ps - 3;
	unsigned int n = (f->va_bits - ps + bits - 1) / bits;
	bool lpa2 = f->arch_flags & A64_FMT_LPA2;

	f->levels = n;
	f->first_level = 4 - (int)n;
	for (unsigned int i = 0; i < n; i++) {
		struct vml_pt_level *l = &f->level[i];
		int level = f->first_level + (int)i;

		l->shift = (uint8_t)(ps + (n - 1 - i) * bits);
		l->index_bits = (uint8_t)(i ? bits : f->va_bits - l->shift);
		l->table_size = 8u << l->index_bits;
		/* A TTBR root needs 64-byte alignment at least (Arm ARM TTBR.BADDR). */
		l->table_align = l->table_size < 64 ? 64 : l->table_size;
		l->leaf_ok = block_ok(ps, level, lpa2, pa52);
		l->cont_entries = cont_entries(ps, level);
		/* pte_format.c arm64_is_cont_leaf() */
		l->cont_mask = l->cont_value = A64_CONT | 1;
	}
}

static int arm64_build(struct vml_pt_format *out, const struct vml_pt_spec *spec,
		       struct vml_diag *diag)
{
	struct vml_pt_format f = {0};
	unsigned int ps, max_pa;
	bool lpa2, pa52;

	/* One format per granule and VA size: a mode or format name would be
	 * ignored, and an ignored misspelling is a wrong answer. */
	if (spec->mode)
		return vml_fail(diag, VML_EINVAL,
				"arm64 takes no format or mode name: its format is set by "
				"--granule (4K, 16K, 64K) and --va-bits",
				0, 0, -1);
	if (spec->granule != VML_SZ_4K && spec->granule != 0x4000 && spec->granule != VML_SZ_64K)
		return vml_fail(diag, VML_EINVAL, "arm64 granule must be 4K, 16K or 64K", 0,
				spec->granule, -1);
	ps = spec->granule == VML_SZ_4K ? 12 : spec->granule == 0x4000 ? 14 : 16;
	f.va_bits = spec->va_bits ? spec->va_bits : 48;
	if (f.va_bits < 36 || f.va_bits > 52)
		return vml_fail(diag, VML_ERANGE, "arm64 VA size must be 36 to 52 bits", 0,
				f.va_bits, -1);
	lpa2 = ps != 16 && (f.va_bits > 48 || (spec->options & VML_ARM64_OPT_LPA2));
	pa52 = ps == 16 && (f.va_bits > 48 || (spec->options & VML_ARM64_OPT_PA52));
	max_pa = lpa2 || pa52 ? 52 : 48;
	f.pa_bits = spec->pa_bits ? spec->pa_bits : max_pa;
	if (f.pa_bits < 32 || f.pa_bits > max_pa)
		return vml_fail(diag, VML_ERANGE,
				"arm64 PA size must be 32 to 48 bits (52 with LPA)", 0, f.pa_bits,
				-1);
	if (spec->split || spec->half)
		return vml_fail(diag, VML_EINVAL,
				"arm64 halves are fixed at the top and bottom of the VA space: no "
				"split option",
				0, 0, -1);
	f.arch = "arm64";
	/* Table descriptors and TTBRn hold the same OA bits as leaves. */
	f.table_pa_bits = f.pa_bits;
	f.entry_size = 8;
	f.va_split = VML_PT_VA_TWO_ROOTS;
	f.ops = &vml_arm64_pte_ops;
	f.arch_flags = (lpa2 ? A64_FMT_LPA2 : 0) | (pa52 ? A64_FMT_PA52 : 0);
	f.arch_data[A64_DATA_PAGE_SHIFT] = ps;
	/* OA[47:n] (LPA2: OA[49:n]) sit in place; what lies above (LPA2
	 * OA[51:50] in bits 9:8, 64K LPA OA[51:48] in 15:12) moves elsewhere,
	 * so leaves are linear only inside one 2^50 (2^48) block
	 * (pte_format.c encode_addr()). */
	f.oa_linear_bits = lpa2 ? 50 : 48;
	/* Above the last level bits[1:0] = 11 is a table (pte_format.c
	 * arm64_decode()) holding OA[47:ps] in place; LPA2 and 52-bit PA move
	 * the top bits elsewhere and declare nothing. */
	if (!lpa2 && !pa52)
		f.table_match = (struct vml_pt_table_match){.mask = A64_TYPE_MASK,
							    .value = A64_TYPE_TABLE,
							    .addr_mask = A64_GENMASK(47, ps)};
	set_levels(&f, ps, pa52);
	set_name(f.name, sizeof(f.name), spec->granule, f.va_bits, lpa2);
	*out = f;
	return 0;
}

/* "4K/48", "16K/52-lpa2": the inverse of set_name(). The name does not
 * say 64K's FEAT_LPA below 52-bit VA; a PA size above 48 bits does. */
static int arm64_spec_of_name(const char *name, struct vml_pt_spec *spec, struct vml_diag *diag)
{
	static const struct {
		const char *text;
		uint64_t granule;
	} granules[] = {{"4K/", VML_SZ_4K}, {"16K/", 0x4000}, {"64K/", VML_SZ_64K}};
	const char *p = NULL;

	for (unsigned int i = 0; i < VML_ARRAY_SIZE(granules) && !p; i++) {
		size_t n = 0;

		while (granules[i].text[n] && name[n] == granules[i].text[n])
			n++;
		if (!granules[i].text[n]) {
			p = name + n;
			spec->granule = granules[i].granule;
		}
	}
	if (!p || p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9' ||
	    (p[2] && !vml_str_eq(p + 2, "-lpa2")))
		return vml_fail(diag, VML_EINVAL,
				"arm64 format names are GRANULE/VA_BITS (4K/48, 16K/52-lpa2)", 0, 0,
				-1);
	spec->va_bits = (unsigned int)((p[0] - '0') * 10 + (p[1] - '0'));
	if (p[2])
		spec->options |= VML_ARM64_OPT_LPA2;
	if (spec->granule == VML_SZ_64K && spec->pa_bits > 48)
		spec->options |= VML_ARM64_OPT_PA52;
	return 0;
}

const struct vml_pt_family vml_pt_family_arm64 = {
    .arch = "arm64",
    .build = arm64_build,
    .spec_of_name = arm64_spec_of_name,
};
