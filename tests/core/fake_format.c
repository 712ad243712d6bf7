/* SPDX-License-Identifier: MIT */
/*
 * A fake translation-table format for engine tests (Hafnium's trick,
 * src/arch/fake/mm.c): 4 levels of 512 x 8-byte entries like 4K/48, but
 * every level encodes its entries differently (rotated by 8 x level + 3 bits
 * and XORed with a level constant), and the invalid entry is not zero. An
 * entry used at the wrong level, or a table the engine "cleared" with zeros,
 * decodes as garbage and the tests fail. Included by the tests that use it.
 *
 * Plain layout before the scramble: [1:0] kind (0 invalid, 1 table,
 * 2 leaf), [11:2] perm bits, [14:12] memtype, [15] spare, [59:16] address
 * bits [59:16]... (addresses are 4K-aligned: address >> 12 sits in [59:16]).
 */
#include "vmlayout/pgtable_format.h"

static uint64_t fake_rot(uint64_t v, unsigned int r)
{
	return r ? (v << r) | (v >> (64 - r)) : v;
}

static uint64_t fake_mask(int level)
{
	return 0x0123456789abcdefULL * (uint64_t)(level + 3);
}

static uint64_t fake_scramble(int level, uint64_t plain)
{
	return fake_rot(plain, 8u * (unsigned int)level + 3) ^ fake_mask(level);
}

static uint64_t fake_plain(int level, uint64_t raw)
{
	return fake_rot(raw ^ fake_mask(level), 64 - (8u * (unsigned int)level + 3));
}

static uint64_t fake_encode_invalid(const struct vml_pt_format *f, int level)
{
	(void)f;
	return fake_scramble(level, 0);
}

static uint64_t fake_encode_table(const struct vml_pt_format *f, int level, vml_paddr_t t,
				  uint32_t flags)
{
	(void)f;
	(void)flags;
	return fake_scramble(level, 1 | ((vml_pa_addr(t) >> 12) << 16));
}

static uint64_t fake_encode_leaf(const struct vml_pt_format *f, int level, vml_paddr_t pa,
				 const struct vml_pt_attrs *a)
{
	(void)f;
	return fake_scramble(level, 2 | ((uint64_t)(a->perm & 0x3ff) << 2) |
					((uint64_t)(a->memtype & 7) << 12) |
					((vml_pa_addr(pa) >> 12) << 16));
}

static enum vml_pte_kind fake_decode(const struct vml_pt_format *f, int level, uint64_t raw,
				     struct vml_pt_entry *out)
{
	uint64_t p = fake_plain(level, raw);

	*out = (struct vml_pt_entry){0};
	if ((p & 3) == 0 || (p & 3) == 3 || (p & 0x8000) || (p >> 60))
		return VML_PTE_INVALID;
	if ((p & 3) == 2 && !vml_pt_level(f, level)->leaf_ok)
		return VML_PTE_INVALID;
	if ((p & 3) == 1 && level == vml_pt_last_level(f))
		return VML_PTE_INVALID;
	out->kind = (p & 3) == 1 ? VML_PTE_TABLE : VML_PTE_LEAF;
	out->addr = vml_pa((p >> 16) << 12);
	out->attrs.perm =
	    out->kind == VML_PTE_TABLE ? VML_PT_PERM_MASK : (uint32_t)(p >> 2) & 0x3ff;
	out->attrs.memtype = (uint8_t)((p >> 12) & 7);
	return out->kind;
}

static int fake_check_attrs(const struct vml_pt_format *f, const struct vml_pt_attrs *a)
{
	(void)f;
	return a->share || a->domain || a->arch_bits || a->memtype > 7 ? VML_ENOTSUP : 0;
}

/* Fake rule: anything but a permission change needs break-before-make. */
static bool fake_needs_bbm(const struct vml_pt_format *f, int level, uint64_t old, uint64_t new_,
			   uint32_t cpu)
{
	struct vml_pt_entry a, b;

	(void)cpu;
	fake_decode(f, level, old, &a);
	fake_decode(f, level, new_, &b);
	return a.kind != b.kind || vml_pa_addr(a.addr) != vml_pa_addr(b.addr) ||
	       ((a.attrs.perm ^ b.attrs.perm) & VML_PT_CONT) || a.attrs.memtype != b.attrs.memtype;
}

static const struct vml_pt_format_ops fake_ops = {
    fake_encode_invalid,
    fake_encode_table,
    fake_encode_leaf,
    fake_decode,
    fake_check_attrs,
    fake_needs_bbm,
    NULL,
    NULL, /* encode_shadow: no packed tables */
    NULL, /* is_cont_leaf: the engine decodes */
    NULL, /* roots_from_registers: no registers */
};

static void fake_format_init(struct vml_pt_format *f)
{
	*f = (struct vml_pt_format){0};
	f->arch = "fake";
	f->first_level = 0;
	f->levels = 4;
	f->va_bits = 48;
	f->pa_bits = 44;
	f->entry_size = 8;
	f->va_split = VML_PT_VA_SIGN_EXTEND;
	f->ops = &fake_ops;
	for (unsigned int i = 0; i < 4; i++) {
		f->level[i].shift = (uint8_t)(12 + 9 * (3 - i));
		f->level[i].index_bits = 9;
		f->level[i].table_size = 4096;
		f->level[i].table_align = 4096;
		f->level[i].leaf_ok = i >= 1;
		f->level[i].cont_entries = i >= 2 ? 16 : 0;
	}
}
