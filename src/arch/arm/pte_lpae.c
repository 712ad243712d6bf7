// SPDX-License-Identifier: MIT
/*
 * DOC: 32-bit ARM LPAE (long-descriptor) entries
 *
 * ARMv7 ARM DDI 0406C B3.6: three levels with 64-bit entries; level 1
 * resolves VA[31:30] when TTBCR.T0SZ = 0 (a 32-byte table of 4 entries),
 * levels 2 and 3 nine bits each. Bits[1:0]: x0 invalid, 01 block (1 GiB at
 * level 1, 2 MiB at level 2; reserved at level 3), 11 table (levels 1-2) or
 * page (level 3). Output addresses are 40 bits (OA[39:12]); the contiguous
 * hint (bit 52) groups 16 entries. Memory types index Linux's MAIR0/MAIR1
 * (pte_arm.h).
 */
#include "arch/arm/pte_arm.h"

/* arch_bits: raw bits kept verbatim, and a marker (in the RES0 bits 51:40,
 * never written) saying XN/PXN were not the canonical pair for the
 * decoded permissions and are given raw in bits 54:53. */
#define LPAE_XN_RAW (1ULL << 40)
#define LPAE_ATTRINDX_MASK (7ULL << ARM_L_ATTRINDX_SHIFT)
#define LPAE_SH01 (1ULL << ARM_L_SH_SHIFT)
#define LPAE_KEEP (ARM_L_NS | ARM_L_SW_IGNORED_MASK | LPAE_ATTRINDX_MASK | LPAE_SH01)
#define LPAE_RES0_HIGH (0xfffULL << 40) /* bits 51:40 */
#define LPAE_TABLE_ATTRS                                                                           \
	(ARM_L_PXNTABLE | ARM_L_XNTABLE | ARM_L_APTABLE_NO_PL0 | ARM_L_APTABLE_RO | ARM_L_NSTABLE)

static const uint8_t lpae_attrindx[VML_PT_MT_COUNT] = {
    [VML_PT_MT_NORMAL] = 7,	   /* WRITEALLOC, 0xff */
    [VML_PT_MT_NORMAL_TAGGED] = 7, /* refused by check_attrs */
    [VML_PT_MT_NORMAL_NC] = 1,	   /* BUFFERABLE, 0x44 */
    [VML_PT_MT_DEVICE_nGnRnE] = 0, /* UNCACHED (strongly ordered), 0x00 */
    [VML_PT_MT_DEVICE_nGnRE] = 4,  /* DEV_SHARED, 0x04 */
};

static const uint8_t lpae_sh[3] = {
    [VML_PT_SH_INNER] = 3,
    [VML_PT_SH_OUTER] = 2,
    [VML_PT_SH_NONE] = 0,
};

static uint64_t lpae_encode_invalid(const struct vml_pt_format *f, int level)
{
	(void)f;
	(void)level;
	return 0;
}

/* PXNTable keeps PL1 from executing below; XNTable would stop PL1 as well,
 * so "no user exec" is only encoded together with "no exec". */
static uint64_t lpae_encode_table(const struct vml_pt_format *f, int level, vml_paddr_t table,
				  uint32_t table_flags)
{
	uint64_t raw = (vml_pa_addr(table) & ARM_L_OA_MASK) | ARM_L_VALID | ARM_L_TABLE_OR_PAGE;

	(void)f;
	(void)level;
	if (table_flags & VML_PT_TABLE_NO_EXEC)
		raw |= ARM_L_PXNTABLE;
	if ((table_flags & VML_PT_TABLE_NO_EXEC) && (table_flags & VML_PT_TABLE_NO_USER_EXEC))
		raw |= ARM_L_XNTABLE;
	return raw;
}

static uint64_t lpae_encode_leaf(const struct vml_pt_format *f, int level, vml_paddr_t pa,
				 const struct vml_pt_attrs *a)
{
	struct arm_perm_bits pb = {5, true, false};
	uint64_t idx = (a->arch_bits & LPAE_ATTRINDX_MASK) >> ARM_L_ATTRINDX_SHIFT;
	uint64_t raw = ARM_L_VALID | (vml_pa_addr(pa) & ARM_L_OA_MASK);

	vml_arm_perm_encode(a->perm & VML_PT_PERM_MASK, &pb);
	if (a->arch_bits & LPAE_XN_RAW) {
		pb.xn = a->arch_bits & ARM_L_XN;
		pb.pxn = a->arch_bits & ARM_L_PXN;
	}
	if (!idx && a->memtype < VML_PT_MT_COUNT)
		idx = lpae_attrindx[a->memtype];
	raw |= level == vml_pt_last_level(f) ? ARM_L_TABLE_OR_PAGE : 0;
	raw |= idx << ARM_L_ATTRINDX_SHIFT;
	raw |= (uint64_t)(pb.ap >> 1) << ARM_L_AP_SHIFT; /* AP[2:1] */
	raw |= (uint64_t)lpae_sh[a->share < 3 ? a->share : 0] << ARM_L_SH_SHIFT;
	raw |= (a->perm & VML_PT_ACCESSED) ? ARM_L_AF : 0;
	raw |= (a->perm & VML_PT_GLOBAL) ? 0 : ARM_L_NG;
	raw |= (a->perm & VML_PT_CONT) ? ARM_L_CONT : 0;
	raw |= pb.pxn ? ARM_L_PXN : 0;
	raw |= pb.xn ? ARM_L_XN : 0;
	return raw | (a->arch_bits & (ARM_L_NS | ARM_L_SW_IGNORED_MASK | LPAE_SH01));
}

static enum vml_pte_kind lpae_decode_table(uint64_t raw, struct vml_pt_entry *out)
{
	uint32_t perm = VML_PT_PERM_MASK;

	if (raw & ARM_L_PXNTABLE)
		perm &= ~VML_PT_EXEC;
	if (raw & ARM_L_XNTABLE)
		perm &= ~(VML_PT_EXEC | VML_PT_USER_EXEC);
	if (raw & ARM_L_APTABLE_NO_PL0)
		perm &= ~(VML_PT_USER_READ | VML_PT_USER_WRITE | VML_PT_USER_EXEC);
	if (raw & ARM_L_APTABLE_RO)
		perm &= ~(VML_PT_WRITE | VML_PT_USER_WRITE);
	out->addr = vml_pa(raw & ARM_L_OA_MASK);
	out->attrs.perm = perm;
	out->attrs.arch_bits = raw & LPAE_TABLE_ATTRS;
	return out->kind = VML_PTE_TABLE;
}

static uint8_t lpae_memtype(uint64_t idx, uint64_t *arch_bits)
{
	for (uint8_t mt = 0; mt < VML_PT_MT_COUNT; mt++)
		if (mt != VML_PT_MT_NORMAL_TAGGED && lpae_attrindx[mt] == idx)
			return mt;
	*arch_bits |= idx << ARM_L_ATTRINDX_SHIFT;
	return VML_PT_MT_NORMAL;
}

static void lpae_decode_leaf_attrs(uint64_t raw, struct vml_pt_attrs *a)
{
	struct arm_perm_bits pb = {(unsigned int)((raw >> ARM_L_AP_SHIFT) & 3) << 1 | 1,
				   raw & ARM_L_XN, raw & ARM_L_PXN};
	struct arm_perm_bits canon = {0, false, false};
	unsigned int sh = (raw >> ARM_L_SH_SHIFT) & 3;

	a->perm = vml_arm_perm_decode(&pb);
	vml_arm_perm_encode(a->perm, &canon);
	if (canon.xn != pb.xn || canon.pxn != pb.pxn)
		a->arch_bits |= LPAE_XN_RAW | (raw & (ARM_L_XN | ARM_L_PXN));
	a->perm |= (raw & ARM_L_AF) ? VML_PT_ACCESSED : 0;
	a->perm |= (raw & ARM_L_NG) ? 0 : VML_PT_GLOBAL;
	a->perm |= (raw & ARM_L_CONT) ? VML_PT_CONT : 0;
	a->memtype = lpae_memtype((raw >> ARM_L_ATTRINDX_SHIFT) & 7, &a->arch_bits);
	a->share = sh == 3 ? VML_PT_SH_INNER : sh == 2 ? VML_PT_SH_OUTER : VML_PT_SH_NONE;
	a->arch_bits |= raw & (ARM_L_NS | ARM_L_SW_IGNORED_MASK | (sh == 1 ? LPAE_SH01 : 0));
}

/* Reserved encodings decode as invalid: level 3 with bits[1:0] = 01, RES0
 * bits 51:40 set, or a block whose OA has bits below its size. */
static enum vml_pte_kind lpae_decode(const struct vml_pt_format *f, int level, uint64_t raw,
				     struct vml_pt_entry *out)
{
	bool last = level == vml_pt_last_level(f);
	uint64_t below = (1ULL << vml_pt_level(f, level)->shift) - 1;

	*out = (struct vml_pt_entry){0};
	if (!(raw & ARM_L_VALID) || (raw & LPAE_RES0_HIGH))
		return out->kind = VML_PTE_INVALID;
	if (!(raw & ARM_L_TABLE_OR_PAGE) && (last || !vml_pt_level(f, level)->leaf_ok))
		return out->kind = VML_PTE_INVALID;
	if ((raw & ARM_L_TABLE_OR_PAGE) && !last)
		return lpae_decode_table(raw, out);
	if (raw & ARM_L_OA_MASK & below)
		return out->kind = VML_PTE_INVALID;
	out->addr = vml_pa(raw & ARM_L_OA_MASK);
	lpae_decode_leaf_attrs(raw, &out->attrs);
	return out->kind = VML_PTE_LEAF;
}

/* lpae_decode()'s leaves, with the contiguous bit. */
static bool lpae_is_cont_leaf(const struct vml_pt_format *f, int level, uint64_t raw)
{
	bool last = level == vml_pt_last_level(f);
	uint64_t below = (1ULL << vml_pt_level(f, level)->shift) - 1;

	if (!(raw & ARM_L_VALID) || !(raw & ARM_L_CONT) || (raw & LPAE_RES0_HIGH))
		return false;
	if (raw & ARM_L_TABLE_OR_PAGE ? !last : last || !vml_pt_level(f, level)->leaf_ok)
		return false;
	return !(raw & ARM_L_OA_MASK & below);
}

/* LPAE has no "no access" and no "PL1 RW, PL0 RO" (AP[0] is always 1). */
static int lpae_check_attrs(const struct vml_pt_format *f, const struct vml_pt_attrs *a)
{
	struct arm_perm_bits pb;

	(void)f;
	if (vml_arm_perm_encode(a->perm & VML_PT_PERM_MASK, &pb) || !(pb.ap & 1))
		return VML_ENOTSUP;
	if (a->memtype >= VML_PT_MT_COUNT || a->memtype == VML_PT_MT_NORMAL_TAGGED ||
	    a->share > VML_PT_SH_NONE || a->domain != 0)
		return VML_ENOTSUP;
	if (a->arch_bits & ~(LPAE_KEEP | LPAE_XN_RAW | ARM_L_XN | ARM_L_PXN))
		return VML_ENOTSUP;
	return 0;
}

/*
 * Break-before-make (DDI 0406C B3.10.1; DDI 0487 G5.9.1 for AArch32): a
 * valid entry must go through invalid when the change alters the block
 * size (block <-> table), the output address, the memory type or
 * shareability, the contiguous hint or nG. Permission-only changes are
 * allowed live; Linux does them so (arch/arm/mm/init.c section_update(),
 * v6.18).
 */
static bool lpae_needs_bbm(const struct vml_pt_format *f, int level, uint64_t old, uint64_t new_,
			   uint32_t cpu_features)
{
	struct vml_pt_entry a, b;
	const uint64_t must_match = ARM_L_OA_MASK | LPAE_ATTRINDX_MASK | (3ULL << ARM_L_SH_SHIFT) |
				    ARM_L_NG | ARM_L_CONT | ARM_L_NS;

	(void)cpu_features;
	if (lpae_decode(f, level, old, &a) != lpae_decode(f, level, new_, &b))
		return true;
	if (a.kind == VML_PTE_TABLE)
		return vml_pa_addr(a.addr) != vml_pa_addr(b.addr);
	return (old ^ new_) & must_match;
}

/* TTBCR.EAE = 1 with T0SZ = T1SZ = 0 (TTBR0 walks the whole 4 GiB), or
 * the split's T0SZ/T1SZ and EPD0/EPD1 for a half with no tables. */
static void lpae_registers(const struct vml_pt_format *f, const struct vml_pt_roots *roots,
			   struct vml_pt_regs *out)
{
	uint64_t ttbcr = ARM_TTBCR_EAE | f->arch_data[ARM_DATA_TTBCR];

	if (f->arch_data[ARM_DATA_SPLIT]) {
		ttbcr |= roots->present[0] ? 0 : ARM_TTBCR_EPD0;
		ttbcr |= roots->present[1] ? 0 : ARM_TTBCR_EPD1;
	}
	out->count = 5;
	out->reg[0] = (struct vml_pt_reg){"ttbcr", ttbcr};
	out->reg[1] =
	    (struct vml_pt_reg){"ttbr0", roots->present[0] ? vml_pa_addr(roots->root[0]) : 0};
	out->reg[2] =
	    (struct vml_pt_reg){"ttbr1", roots->present[1] ? vml_pa_addr(roots->root[1]) : 0};
	out->reg[3] = (struct vml_pt_reg){"mair0", ARM_LPAE_MAIR0};
	out->reg[4] = (struct vml_pt_reg){"mair1", ARM_LPAE_MAIR1};
}

/* The inverse of lpae_registers(): with a split, each half walked unless
 * TTBCR.EPDn; without one, TTBR0 walks everything. */
static void lpae_roots_from_registers(const struct vml_pt_format *f, const struct vml_pt_regs *regs,
				      struct vml_pt_roots *out)
{
	uint64_t ttbcr = vml_pt_reg_value(regs, "ttbcr");
	bool split = f->arch_data[ARM_DATA_SPLIT] != 0;

	out->present[0] = !split || !(ttbcr & ARM_TTBCR_EPD0);
	out->present[1] = split && !(ttbcr & ARM_TTBCR_EPD1);
	out->root[0] = vml_pa(vml_pt_reg_value(regs, "ttbr0"));
	out->root[1] = vml_pa(split ? vml_pt_reg_value(regs, "ttbr1") : 0);
}

const struct vml_pt_format_ops vml_arm_lpae_ops = {
    .encode_invalid = lpae_encode_invalid,
    .encode_table = lpae_encode_table,
    .encode_leaf = lpae_encode_leaf,
    .decode = lpae_decode,
    .check_attrs = lpae_check_attrs,
    .needs_bbm = lpae_needs_bbm,
    .registers = lpae_registers,
    .roots_from_registers = lpae_roots_from_registers,
    .is_cont_leaf = lpae_is_cont_leaf,
};

void vml_arm_lpae_fill(struct vml_pt_format *f, unsigned int pa_bits)
{
	static const struct vml_pt_level levels[3] = {
	    {.shift = 30, .index_bits = 2, .table_size = 32, .table_align = 32, .leaf_ok = true},
	    {.shift = 21,
	     .index_bits = 9,
	     .table_size = 4096,
	     .table_align = 4096,
	     .leaf_ok = true,
	     .cont_entries = 16,
	     .cont_mask = ARM_L_CONT | ARM_L_VALID,
	     .cont_value = ARM_L_CONT | ARM_L_VALID},
	    {.shift = 12,
	     .index_bits = 9,
	     .table_size = 4096,
	     .table_align = 4096,
	     .leaf_ok = true,
	     .cont_entries = 16,
	     .cont_mask = ARM_L_CONT | ARM_L_VALID,
	     .cont_value = ARM_L_CONT | ARM_L_VALID},
	};

	vml_zero(f, sizeof(*f));
	f->arch = "arm";
	vml_copy(f->name, "lpae", 5);
	f->first_level = 1;
	f->fmt_flags |= VML_PT_FMT_NAMES_BY_LEVEL_NUMBER;
	f->levels = 3;
	f->va_bits = 32;
	f->pa_bits = pa_bits;
	/* Table descriptors and the 64-bit TTBRs hold 40-bit addresses. */
	f->table_pa_bits = 40;
	f->entry_size = 8;
	f->va_split = VML_PT_VA_ZERO_EXTEND;
	/* OA[39:12] in place in every leaf, contiguous members included. */
	f->oa_linear_bits = 40;
	/* Above level 3 bits[1:0] = 11 with RES0 51:40 clear is a table
	 * (lpae_decode()), OA[39:12] in place. */
	f->table_match =
	    (struct vml_pt_table_match){.mask = ARM_L_VALID | ARM_L_TABLE_OR_PAGE | LPAE_RES0_HIGH,
					.value = ARM_L_VALID | ARM_L_TABLE_OR_PAGE,
					.addr_mask = ARM_L_OA_MASK};
	vml_copy(f->level, levels, sizeof(levels));
	f->ops = &vml_arm_lpae_ops;
}
