/* SPDX-License-Identifier: MIT */
/*
 * DOC: VMSAv8-64 stage-1 descriptors: encode, decode, break-before-make rule
 *
 * Output-address encodings (Arm ARM DDI 0487, VMSAv8-64 table, block and page descriptors):
 * - 48-bit PA: OA[47:n] in bits [47:n].
 * - 64K granule with 52-bit PA (FEAT_LPA): OA[51:48] in bits [15:12].
 * - TCR.DS = 1 (FEAT_LPA2, 4K/16K): OA[49:n] in bits [49:n], OA[51:50] in
 *   bits [9:8]; the SH field is then taken from TCR, not the descriptor.
 *
 * Attribute mapping (arch-neutral -> arm64):
 * - kernel read is always granted by a valid entry (no way to say no);
 * - AP[2:1] = 00 EL1 RW, 01 EL1/EL0 RW, 10 EL1 RO, 11 EL1/EL0 RO: user
 *   write needs kernel write and user read; kernel write with user read
 *   only cannot be expressed;
 * - PXN = !EXEC, UXN = !USER_EXEC, nG = !GLOBAL, AF = ACCESSED;
 * - DBM is set for WRITE with DIRTY, as Linux's PROT_NORMAL sets PTE_WRITE
 *   (= DBM, pgtable-prot.h v6.12) on writable kernel pages; DBM on a
 *   read-only entry is kept in arch_bits;
 * - memory type -> AttrIndx by Linux's MAIR layout (pte_bits.h);
 * - everything else (NS, GP, software bits, PBHA, nT, AttrIndx 5..7, SH 01)
 *   is carried in arch_bits.
 */
#include "arch/arm64/pte_bits.h"

static unsigned int page_shift(const struct vml_pt_format *f)
{
	return (unsigned int)f->arch_data[A64_DATA_PAGE_SHIFT];
}

static bool is_lpa2(const struct vml_pt_format *f)
{
	return f->arch_flags & A64_FMT_LPA2;
}

/* The bits of a descriptor that hold address bits at or above @lo. */
static uint64_t addr_field(const struct vml_pt_format *f, unsigned int lo)
{
	if (is_lpa2(f))
		return A64_GENMASK(49, lo) | A64_GENMASK(9, 8);
	if (f->arch_flags & A64_FMT_PA52)
		return A64_GENMASK(47, lo) | A64_GENMASK(15, 12);
	return A64_GENMASK(47, lo);
}

static uint64_t encode_addr(const struct vml_pt_format *f, uint64_t pa, unsigned int lo)
{
	if (is_lpa2(f))
		return (pa & A64_GENMASK(49, lo)) | (((pa >> 50) & 3) << 8);
	if (f->arch_flags & A64_FMT_PA52)
		return (pa & A64_GENMASK(47, lo)) | (((pa >> 48) & 0xf) << 12);
	return pa & A64_GENMASK(47, lo);
}

static uint64_t decode_addr(const struct vml_pt_format *f, uint64_t raw, unsigned int lo)
{
	if (is_lpa2(f))
		return (raw & A64_GENMASK(49, lo)) | (((raw >> 8) & 3) << 50);
	if (f->arch_flags & A64_FMT_PA52)
		return (raw & A64_GENMASK(47, lo)) | (((raw >> 12) & 0xf) << 48);
	return raw & A64_GENMASK(47, lo);
}

static uint64_t arm64_encode_invalid(const struct vml_pt_format *f, int level)
{
	(void)f;
	(void)level;
	return 0;
}

static uint64_t arm64_encode_table(const struct vml_pt_format *f, int level, vml_paddr_t table,
				   uint32_t table_flags)
{
	uint64_t d = A64_TYPE_TABLE | encode_addr(f, vml_pa_addr(table), page_shift(f));

	(void)level;
	if (table_flags & VML_PT_TABLE_NO_EXEC)
		d |= A64_PXNTABLE;
	if (table_flags & VML_PT_TABLE_NO_USER_EXEC)
		d |= A64_UXNTABLE;
	return d;
}

static uint64_t ap_bits(uint32_t perm)
{
	uint64_t d = 0;

	if (!(perm & VML_PT_WRITE))
		d |= A64_AP_RDONLY;
	if (perm & VML_PT_USER_READ)
		d |= A64_AP_USER;
	return d;
}

static const uint8_t attrindx_of[VML_PT_MT_COUNT] = {
    [VML_PT_MT_NORMAL] = A64_MT_NORMAL,
    [VML_PT_MT_NORMAL_TAGGED] = A64_MT_NORMAL_TAGGED,
    [VML_PT_MT_NORMAL_NC] = A64_MT_NORMAL_NC,
    [VML_PT_MT_DEVICE_nGnRnE] = A64_MT_DEVICE_nGnRnE,
    [VML_PT_MT_DEVICE_nGnRE] = A64_MT_DEVICE_nGnRE,
};

static uint64_t arm64_encode_leaf(const struct vml_pt_format *f, int level, vml_paddr_t pa,
				  const struct vml_pt_attrs *a)
{
	const struct vml_pt_level *l = vml_pt_level(f, level);
	uint64_t d = level == vml_pt_last_level(f) ? A64_TYPE_TABLE : A64_TYPE_BLOCK;

	d |= encode_addr(f, vml_pa_addr(pa), l->shift);
	d |= (uint64_t)attrindx_of[a->memtype < VML_PT_MT_COUNT ? a->memtype : 0]
	     << A64_ATTRINDX_SHIFT;
	d |= ap_bits(a->perm);
	if (!is_lpa2(f))
		d |= a->share == VML_PT_SH_INNER   ? A64_SH_INNER
		     : a->share == VML_PT_SH_OUTER ? A64_SH_OUTER
						   : 0;
	if (a->perm & VML_PT_ACCESSED)
		d |= A64_AF;
	if (!(a->perm & VML_PT_GLOBAL))
		d |= A64_NG;
	if ((a->perm & VML_PT_WRITE) && (a->perm & VML_PT_DIRTY))
		d |= A64_DBM;
	if (a->perm & VML_PT_CONT)
		d |= A64_CONT;
	if (!(a->perm & VML_PT_EXEC))
		d |= A64_PXN;
	if (!(a->perm & VML_PT_USER_EXEC))
		d |= A64_UXN;
	return d | a->arch_bits;
}

static void decode_table(const struct vml_pt_format *f, uint64_t raw, struct vml_pt_entry *out)
{
	uint64_t known = A64_TYPE_MASK | addr_field(f, page_shift(f)) | A64_PXNTABLE |
			 A64_UXNTABLE | A64_APTABLE_NO_EL0 | A64_APTABLE_RO;
	uint32_t perm = VML_PT_PERM_MASK;

	if (raw & A64_PXNTABLE)
		perm &= ~VML_PT_EXEC;
	if (raw & A64_UXNTABLE)
		perm &= ~VML_PT_USER_EXEC;
	if (raw & A64_APTABLE_NO_EL0)
		perm &= ~(VML_PT_USER_READ | VML_PT_USER_WRITE | VML_PT_USER_EXEC);
	if (raw & A64_APTABLE_RO)
		perm &= ~(VML_PT_WRITE | VML_PT_USER_WRITE);
	out->kind = VML_PTE_TABLE;
	out->addr = vml_pa(decode_addr(f, raw, page_shift(f)));
	out->attrs.perm = perm;
	out->attrs.arch_bits = raw & ~known;
}

static uint32_t decode_perm(uint64_t raw)
{
	uint32_t p = VML_PT_READ;

	if (!(raw & A64_AP_RDONLY))
		p |= VML_PT_WRITE;
	if (raw & A64_AP_USER)
		p |= VML_PT_USER_READ | (p & VML_PT_WRITE ? VML_PT_USER_WRITE : 0);
	if (!(raw & A64_PXN))
		p |= VML_PT_EXEC;
	if (!(raw & A64_UXN))
		p |= VML_PT_USER_EXEC;
	if (!(raw & A64_NG))
		p |= VML_PT_GLOBAL;
	if (raw & A64_AF)
		p |= VML_PT_ACCESSED;
	if (raw & A64_CONT)
		p |= VML_PT_CONT;
	if ((raw & A64_DBM) && !(raw & A64_AP_RDONLY))
		p |= VML_PT_DIRTY;
	return p;
}

static void decode_leaf(const struct vml_pt_format *f, int level, uint64_t raw,
			struct vml_pt_entry *out)
{
	unsigned int shift = vml_pt_level(f, level)->shift;
	uint64_t known = A64_TYPE_MASK | addr_field(f, shift) | A64_AP_USER | A64_AP_RDONLY |
			 A64_AF | A64_NG | A64_CONT | A64_PXN | A64_UXN;
	uint64_t idx = (raw & A64_ATTRINDX_MASK) >> A64_ATTRINDX_SHIFT;
	uint64_t sh = raw & A64_SH_MASK;

	out->kind = VML_PTE_LEAF;
	out->addr = vml_pa(decode_addr(f, raw, shift));
	out->attrs.perm = decode_perm(raw);
	if (out->attrs.perm & VML_PT_DIRTY)
		known |= A64_DBM;
	if (idx <= A64_MT_DEVICE_nGnRE) {
		known |= A64_ATTRINDX_MASK;
		for (unsigned int m = 0; m < VML_PT_MT_COUNT; m++)
			if (attrindx_of[m] == idx)
				out->attrs.memtype = (uint8_t)m;
	}
	/* Under LPA2 the field is OA[51:50]; SH 01 is reserved: kept raw. */
	out->attrs.share = is_lpa2(f) ? VML_PT_SH_INNER : VML_PT_SH_NONE;
	if (!is_lpa2(f) && sh != A64_BIT(8)) {
		known |= A64_SH_MASK;
		out->attrs.share = sh == A64_SH_INNER	? VML_PT_SH_INNER
				   : sh == A64_SH_OUTER ? VML_PT_SH_OUTER
							: VML_PT_SH_NONE;
	}
	out->attrs.arch_bits = raw & ~known;
}

static void decode_table_at(const struct vml_pt_format *f, int level, uint64_t raw,
			    struct vml_pt_entry *out)
{
	(void)level;
	decode_table(f, raw, out);
}

/* Arm ARM, VMSAv8-64 "descriptor types": bits[1:0] 01 is a block where the level
 * allows one and reserved (a fault) elsewhere; 11 is a table above the last
 * level and a page at it. */
static enum vml_pte_kind arm64_decode(const struct vml_pt_format *f, int level, uint64_t raw,
				      struct vml_pt_entry *out)
{
	bool last = level == vml_pt_last_level(f);

	*out = (struct vml_pt_entry){0};
	if (!(raw & 1))
		return VML_PTE_INVALID;
	if ((raw & A64_TYPE_MASK) == A64_TYPE_TABLE)
		(last ? decode_leaf : decode_table_at)(f, level, raw, out);
	else if (!last && vml_pt_level(f, level)->leaf_ok)
		decode_leaf(f, level, raw, out);
	return out->kind;
}

/* arm64_decode()'s leaves, with the contiguous bit. */
static bool arm64_is_cont_leaf(const struct vml_pt_format *f, int level, uint64_t raw)
{
	bool last = level == vml_pt_last_level(f);

	if ((raw & (A64_CONT | 1)) != (A64_CONT | 1))
		return false;
	if ((raw & A64_TYPE_MASK) == A64_TYPE_TABLE)
		return last;
	return !last && vml_pt_level(f, level)->leaf_ok;
}

static int arm64_check_attrs(const struct vml_pt_format *f, const struct vml_pt_attrs *a)
{
	uint32_t p = a->perm;

	(void)f;
	if (!(p & VML_PT_READ) || a->memtype >= VML_PT_MT_COUNT || a->domain)
		return VML_ENOTSUP;
	if ((p & VML_PT_USER_WRITE) && (!(p & VML_PT_WRITE) || !(p & VML_PT_USER_READ)))
		return VML_ENOTSUP;
	if ((p & VML_PT_WRITE) && (p & VML_PT_USER_READ) && !(p & VML_PT_USER_WRITE))
		return VML_ENOTSUP;
	if (a->arch_bits & (A64_TYPE_MASK | A64_CONT))
		return VML_ENOTSUP;
	return 0;
}

/*
 * Which live changes need break-before-make: the rule Linux enforces in
 * pgattr_change_is_safe() (arch/arm64/mm/mmu.c, v6.12) for leaves, from the
 * Arm ARM's "break-before-make" requirements: the output address, the
 * descriptor type (table <-> block), the block size and the contiguous bit
 * may not change on a valid entry; of the attributes only PXN, AP[2], DBM,
 * nG (but not nG -> global) and the software bits may, and AttrIndx may
 * swap between Normal and Normal-Tagged. With FEAT_BBM level 2 (BBML2,
 * FEAT_BBM level 2, Arm ARM DDI 0487) a block may become a table of the same mapping and the
 * contiguous bit may change without a break.
 */
static bool arm64_needs_bbm(const struct vml_pt_format *f, int level, uint64_t old, uint64_t new_,
			    uint32_t cpu)
{
	const uint64_t safe =
	    A64_PXN | A64_AP_RDONLY | A64_DBM | A64_NG | A64_GENMASK(58, 55) | A64_BIT(63);
	struct vml_pt_entry eo, en;
	enum vml_pte_kind ko = arm64_decode(f, level, old, &eo);
	enum vml_pte_kind kn = arm64_decode(f, level, new_, &en);
	uint64_t diff = old ^ new_;

	if (ko != kn)
		return !(cpu & VML_PT_CPU_BBML2);
	if (ko == VML_PTE_TABLE)
		return vml_pa_addr(eo.addr) != vml_pa_addr(en.addr);
	if (vml_pa_addr(eo.addr) != vml_pa_addr(en.addr))
		return true;
	if ((old | new_) & A64_CONT) {
		if (!(cpu & VML_PT_CPU_BBML2))
			return true;
		diff &= ~A64_CONT;
	}
	if (old & ~new_ & A64_NG)
		return true;
	if (((old ^ new_) & A64_ATTRINDX_MASK) &&
	    ((old | new_) & A64_ATTRINDX_MASK) ==
		((uint64_t)A64_MT_NORMAL_TAGGED << A64_ATTRINDX_SHIFT) &&
	    !((old & new_) & A64_ATTRINDX_MASK))
		diff &= ~A64_ATTRINDX_MASK;
	return (diff & ~safe) != 0;
}

const struct vml_pt_format_ops vml_arm64_pte_ops = {
    .encode_invalid = arm64_encode_invalid,
    .encode_table = arm64_encode_table,
    .encode_leaf = arm64_encode_leaf,
    .decode = arm64_decode,
    .check_attrs = arm64_check_attrs,
    .needs_bbm = arm64_needs_bbm,
    .registers = vml_arm64_pgtable_registers,
    .roots_from_registers = vml_arm64_pgtable_roots,
    .is_cont_leaf = arm64_is_cont_leaf,
};
