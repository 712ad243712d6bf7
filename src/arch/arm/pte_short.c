// SPDX-License-Identifier: MIT
/*
 * DOC: 32-bit ARM short-descriptor entries
 *
 * ARMv7 ARM DDI 0406C B3.5: a 16 KiB first-level table of 4096 four-byte
 * entries (TTBCR.N = 0), each mapping 1 MiB: a section, one of 16 identical
 * entries of a 16 MiB supersection (PA[31:24] in bits 31:24, PA[35:32] in
 * 23:20, PA[39:36] in 8:5), or a pointer to a 1 KiB second-level table of
 * 256 entries: 4 KiB small pages, or 16 identical entries of a 64 KiB large
 * page. Memory types are TEX/C/B with SCTLR.TRE = 0 (table B3-10).
 *
 * The domain of a page is the one in the level-1 page-table descriptor
 * above it (small and large pages have none; VML_PT_FMT_DOMAIN_IN_TABLE):
 * encode_table takes it from VML_PT_TABLE_DOMAIN() in its flags, decode of
 * that descriptor reports it in attrs.domain, and the engine gives it to
 * the leaves below. Supersections have no domain field (domain 0), as
 * Linux's create_mapping() requires (arch/arm/mm/mmu.c, v6.18).
 *
 * SCTLR.AFE = 0, so there is no access flag: every valid leaf decodes with
 * VML_PT_ACCESSED.
 *
 * "short-linux" (VML_ARM_OPT_LINUX) is the same descriptors as Linux writes
 * them: tables below the root packed two to a 4 KiB page with Linux's PTEs
 * beside them (struct vml_pt_pack; pte_linux.c), pages written through
 * cpu_v7_set_pte_ext()'s rules, no large pages (that function always
 * writes small pages), and memory types as TEX-remap indexes
 * TEX[0]:C:B = L_PTE_MT_* (SCTLR.TRE = 1 with Linux's PRRR/NMRR,
 * proc-v7-2level.S v6.1) in sections and pages alike.
 */
#include "arch/arm/pte_arm.h"

/* arch_bits: descriptors are 32-bit, so bits 32+ hold what the neutral
 * model cannot: raw XN/PXN when they are not the canonical pair for the
 * decoded permissions, raw TEX/C/B for types other than the four named;
 * section bits 9 (IMP) and 19 (NS) are kept in place. */
#define S_XN_RAW (1ULL << 32)
#define S_XN_VAL (1ULL << 33)
#define S_PXN_VAL (1ULL << 34)
#define S_TEXCB_RAW (1ULL << 35)
#define S_TEXCB_SHIFT 36 /* TEX[2:0] C B, 5 bits */
#define S_TEXCB_MASK (0x1fULL << S_TEXCB_SHIFT)
#define S_SECT_KEEP ((uint64_t)(ARM_S_SECT_IMP | ARM_S_SECT_NS))
#define S_KEEP (S_XN_RAW | S_XN_VAL | S_PXN_VAL | S_TEXCB_RAW | S_TEXCB_MASK | S_SECT_KEEP)

/* TEX[2:0] << 2 | C << 1 | B for each named type (table B3-10). */
static const uint8_t short_texcb[VML_PT_MT_COUNT] = {
    [VML_PT_MT_NORMAL] = 0x7,	     /* 001 1 1: outer and inner write-back write-allocate */
    [VML_PT_MT_NORMAL_TAGGED] = 0x7, /* refused by check_attrs */
    [VML_PT_MT_NORMAL_NC] = 0x4,     /* 001 0 0: outer and inner non-cacheable */
    [VML_PT_MT_DEVICE_nGnRnE] = 0x0, /* 000 0 0: strongly-ordered */
    [VML_PT_MT_DEVICE_nGnRE] = 0x1,  /* 000 0 1: shareable device */
};

/* With TEX remap (short-linux): the L_PTE_MT_* index of each named type,
 * as Linux's mem_types[] give them (arch/arm/mm/mmu.c, v6.1): normal memory
 * WRITEALLOC 7, non-cacheable BUFFERABLE 1, device DEV_SHARED 4, strongly
 * ordered UNCACHED 0. */
static const uint8_t linux_texcb[VML_PT_MT_COUNT] = {
    [VML_PT_MT_NORMAL] = 0x7,	 [VML_PT_MT_NORMAL_TAGGED] = 0x7, /* refused by check_attrs */
    [VML_PT_MT_NORMAL_NC] = 0x1, [VML_PT_MT_DEVICE_nGnRnE] = 0x0, [VML_PT_MT_DEVICE_nGnRE] = 0x4,
};

static const uint8_t *texcb_table(const struct vml_pt_format *f)
{
	return (f->arch_flags & VML_ARM_OPT_LINUX) ? linux_texcb : short_texcb;
}

/* The fields one leaf encodes, independent of where the descriptor puts them. */
struct short_fields {
	struct arm_perm_bits pb;
	unsigned int texcb;
	bool s, ng;
};

static uint64_t short_encode_invalid(const struct vml_pt_format *f, int level)
{
	(void)f;
	(void)level;
	return 0;
}

static uint64_t short_encode_table(const struct vml_pt_format *f, int level, vml_paddr_t table,
				   uint32_t table_flags)
{
	uint32_t raw = ((uint32_t)vml_pa_addr(table) & 0xfffffc00u) | ARM_S_L1_PAGE_TABLE;

	(void)f;
	(void)level;
	raw |= VML_PT_TABLE_DOMAIN_OF(table_flags) << ARM_S_DOMAIN_SHIFT;
	raw |= (table_flags & VML_PT_TABLE_NO_EXEC) ? ARM_S_TABLE_PXN : 0;
	raw |= (table_flags & VML_PT_TABLE_KERNEL) ? ARM_S_TABLE_BIT4 : 0;
	return raw;
}

static void short_fields_of(const uint8_t *texcb, const struct vml_pt_attrs *a,
			    struct short_fields *sf)
{
	sf->pb = (struct arm_perm_bits){1, true, false};
	vml_arm_perm_encode(a->perm & VML_PT_PERM_MASK, &sf->pb);
	if (a->arch_bits & S_XN_RAW) {
		sf->pb.xn = a->arch_bits & S_XN_VAL;
		sf->pb.pxn = a->arch_bits & S_PXN_VAL;
	}
	sf->texcb = (a->arch_bits & S_TEXCB_RAW)
			? (unsigned int)((a->arch_bits & S_TEXCB_MASK) >> S_TEXCB_SHIFT)
			: texcb[a->memtype < VML_PT_MT_COUNT ? a->memtype : 0];
	sf->s = a->share != VML_PT_SH_NONE;
	sf->ng = !(a->perm & VML_PT_GLOBAL);
}

/* Section or supersection (level 1). */
static uint32_t short_encode_l1_leaf(uint64_t pa, const struct vml_pt_attrs *a,
				     const struct short_fields *sf)
{
	uint32_t raw = ARM_S_L1_SECTION | (sf->pb.pxn ? ARM_S_PXN_L1 : 0);

	raw |= (sf->texcb & 1) ? ARM_S_B : 0;
	raw |= (sf->texcb & 2) ? ARM_S_C : 0;
	raw |= sf->pb.xn ? ARM_S_SECT_XN : 0;
	raw |= (sf->pb.ap & 3) << ARM_S_SECT_AP_SHIFT;
	raw |= (sf->texcb >> 2) << ARM_S_SECT_TEX_SHIFT;
	raw |= (sf->pb.ap & 4) ? ARM_S_SECT_AP2 : 0;
	raw |= sf->s ? ARM_S_SECT_S : 0;
	raw |= sf->ng ? ARM_S_SECT_NG : 0;
	raw |= (uint32_t)(a->arch_bits & S_SECT_KEEP);
	if (a->perm & VML_PT_CONT) {
		raw |= ARM_S_SUPERSECTION | ((uint32_t)pa & 0xff000000u);
		raw |= (uint32_t)((pa >> 32) & 0xf) << 20;
		raw |= (uint32_t)((pa >> 36) & 0xf) << ARM_S_DOMAIN_SHIFT;
	} else {
		raw |= ((uint32_t)pa & 0xfff00000u) |
		       ((uint32_t)(a->domain & 0xf) << ARM_S_DOMAIN_SHIFT);
	}
	return raw;
}

/* Small or large page (level 2); these have no PXN. */
static uint32_t short_encode_l2_leaf(uint64_t pa, const struct vml_pt_attrs *a,
				     const struct short_fields *sf)
{
	uint32_t raw = ((sf->texcb & 1) ? ARM_S_B : 0) | ((sf->texcb & 2) ? ARM_S_C : 0);

	raw |= (sf->pb.ap & 3) << ARM_S_L2_AP_SHIFT;
	raw |= (sf->pb.ap & 4) ? ARM_S_L2_AP2 : 0;
	raw |= sf->s ? ARM_S_L2_S : 0;
	raw |= sf->ng ? ARM_S_L2_NG : 0;
	if (a->perm & VML_PT_CONT)
		return raw | ARM_S_L2_LARGE | ((uint32_t)pa & 0xffff0000u) |
		       ((sf->texcb >> 2) << ARM_S_LARGE_TEX_SHIFT) |
		       (sf->pb.xn ? ARM_S_LARGE_XN : 0);
	return raw | ARM_S_L2_SMALL | ((uint32_t)pa & 0xfffff000u) |
	       ((sf->texcb >> 2) << ARM_S_SMALL_TEX_SHIFT) | (sf->pb.xn ? ARM_S_SMALL_XN : 0);
}

/* short-linux pages: the Linux PTE, then what cpu_v7_set_pte_ext() makes
 * of it (pte_linux.c); check_attrs has kept AP[0] = 1 and TEX[2:1] = 0. */
static uint32_t linux_encode_l2_leaf(uint64_t pa, const struct short_fields *sf)
{
	struct arm_linux_fields lf = {sf->pb.ap, sf->pb.xn, sf->texcb & 7u, sf->s};

	return vml_arm_linux_set_pte_ext(vml_arm_linux_pte((uint32_t)pa, &lf),
					 sf->ng ? ARM_PTE_EXT_NG : 0);
}

static uint64_t short_encode_leaf(const struct vml_pt_format *f, int level, vml_paddr_t pa,
				  const struct vml_pt_attrs *a)
{
	struct short_fields sf;

	short_fields_of(texcb_table(f), a, &sf);
	if (level == f->first_level)
		return short_encode_l1_leaf(vml_pa_addr(pa), a, &sf);
	if (f->arch_flags & VML_ARM_OPT_LINUX)
		return linux_encode_l2_leaf(vml_pa_addr(pa), &sf);
	return short_encode_l2_leaf(vml_pa_addr(pa), a, &sf);
}

/* Fills the neutral attributes from the fields, wherever they came from. */
static void short_attrs_of(const uint8_t *texcb, const struct short_fields *sf,
			   struct vml_pt_attrs *a)
{
	struct arm_perm_bits canon = {0, false, false};

	a->perm |= vml_arm_perm_decode(&sf->pb) | VML_PT_ACCESSED | (sf->ng ? 0 : VML_PT_GLOBAL);
	vml_arm_perm_encode(a->perm & VML_PT_PERM_MASK, &canon);
	if (canon.xn != sf->pb.xn || canon.pxn != sf->pb.pxn)
		a->arch_bits |=
		    S_XN_RAW | (sf->pb.xn ? S_XN_VAL : 0) | (sf->pb.pxn ? S_PXN_VAL : 0);
	a->memtype = VML_PT_MT_NORMAL;
	for (uint8_t mt = 0; mt < VML_PT_MT_COUNT; mt++)
		if (mt != VML_PT_MT_NORMAL_TAGGED && texcb[mt] == sf->texcb)
			a->memtype = mt;
	if (texcb[a->memtype] != sf->texcb)
		a->arch_bits |= S_TEXCB_RAW | ((uint64_t)sf->texcb << S_TEXCB_SHIFT);
	a->share = sf->s ? VML_PT_SH_INNER : VML_PT_SH_NONE;
}

static enum vml_pte_kind short_decode_l1(const uint8_t *texcb, uint32_t raw,
					 struct vml_pt_entry *out)
{
	struct short_fields sf = {
	    .pb = {((raw & ARM_S_SECT_AP2) ? 4u : 0u) | ((raw >> ARM_S_SECT_AP_SHIFT) & 3),
		   raw & ARM_S_SECT_XN, raw & ARM_S_PXN_L1},
	    .texcb = ((raw >> ARM_S_SECT_TEX_SHIFT) & 7) << 2 | ((raw & ARM_S_C) ? 2 : 0) |
		     ((raw & ARM_S_B) ? 1 : 0),
	    .s = raw & ARM_S_SECT_S,
	    .ng = raw & ARM_S_SECT_NG,
	};
	uint64_t pa;

	if ((raw & ARM_S_L1_TYPE_MASK) == 0)
		return out->kind = VML_PTE_INVALID;
	if ((raw & ARM_S_L1_TYPE_MASK) == ARM_S_L1_PAGE_TABLE) {
		out->addr = vml_pa(raw & 0xfffffc00u);
		out->attrs.perm = VML_PT_PERM_MASK & ~((raw & ARM_S_TABLE_PXN) ? VML_PT_EXEC : 0);
		out->attrs.domain = (raw >> ARM_S_DOMAIN_SHIFT) & 0xf;
		return out->kind = VML_PTE_TABLE;
	}
	short_attrs_of(texcb, &sf, &out->attrs);
	out->attrs.arch_bits |= raw & S_SECT_KEEP;
	if (raw & ARM_S_SUPERSECTION) {
		pa = (raw & 0xff000000u) | ((uint64_t)((raw >> 20) & 0xf) << 32) |
		     ((uint64_t)((raw >> ARM_S_DOMAIN_SHIFT) & 0xf) << 36);
		out->attrs.perm |= VML_PT_CONT;
	} else {
		pa = raw & 0xfff00000u;
		out->attrs.domain = (raw >> ARM_S_DOMAIN_SHIFT) & 0xf;
	}
	out->addr = vml_pa(pa);
	return out->kind = VML_PTE_LEAF;
}

static enum vml_pte_kind short_decode_l2(const uint8_t *texcb, uint32_t raw,
					 struct vml_pt_entry *out)
{
	bool large = (raw & ARM_S_L1_TYPE_MASK) == ARM_S_L2_LARGE;
	unsigned int tex_shift = large ? ARM_S_LARGE_TEX_SHIFT : ARM_S_SMALL_TEX_SHIFT;
	struct short_fields sf = {
	    .pb = {((raw & ARM_S_L2_AP2) ? 4u : 0u) | ((raw >> ARM_S_L2_AP_SHIFT) & 3),
		   large ? (raw & ARM_S_LARGE_XN) != 0 : (raw & ARM_S_SMALL_XN) != 0, false},
	    .texcb = ((raw >> tex_shift) & 7) << 2 | ((raw & ARM_S_C) ? 2 : 0) |
		     ((raw & ARM_S_B) ? 1 : 0),
	    .s = raw & ARM_S_L2_S,
	    .ng = raw & ARM_S_L2_NG,
	};

	if ((raw & ARM_S_L1_TYPE_MASK) == 0)
		return out->kind = VML_PTE_INVALID;
	short_attrs_of(texcb, &sf, &out->attrs);
	if (large)
		out->attrs.perm |= VML_PT_CONT;
	out->addr = vml_pa(raw & (large ? 0xffff0000u : 0xfffff000u));
	return out->kind = VML_PTE_LEAF;
}

static enum vml_pte_kind short_decode(const struct vml_pt_format *f, int level, uint64_t raw,
				      struct vml_pt_entry *out)
{
	*out = (struct vml_pt_entry){0};
	if (raw >> 32)
		return out->kind = VML_PTE_INVALID;
	if (level == f->first_level)
		return short_decode_l1(texcb_table(f), (uint32_t)raw, out);
	return short_decode_l2(texcb_table(f), (uint32_t)raw, out);
}

/* short_decode()'s leaves with the contiguous hint: supersections at
 * level 1, large pages at level 2. */
static bool short_is_cont_leaf(const struct vml_pt_format *f, int level, uint64_t raw)
{
	uint32_t type = (uint32_t)raw & ARM_S_L1_TYPE_MASK;

	if (raw >> 32)
		return false;
	if (level == f->first_level)
		return type != 0 && type != ARM_S_L1_PAGE_TABLE && (raw & ARM_S_SUPERSECTION);
	return type == ARM_S_L2_LARGE;
}

/* Pages have no PXN, so "user may execute, kernel may not" cannot be
 * given at level 2; there is no outer-shareable without TEX remap. */
static int short_check_attrs(const struct vml_pt_format *f, const struct vml_pt_attrs *a)
{
	struct arm_perm_bits pb;

	if (vml_arm_perm_encode(a->perm & VML_PT_PERM_MASK, &pb) || pb.pxn)
		return VML_ENOTSUP;
	if (a->memtype >= VML_PT_MT_COUNT || a->memtype == VML_PT_MT_NORMAL_TAGGED ||
	    a->share == VML_PT_SH_OUTER || a->share > VML_PT_SH_NONE || a->domain > 15)
		return VML_ENOTSUP;
	if (a->arch_bits & ~S_KEEP)
		return VML_ENOTSUP;
	/* A Linux PTE says user (AP[1]) and read-only (APX) only, AP[0] is
	 * always 1 (cpu_v7_set_pte_ext()): no "kernel RW, user RO", no "no
	 * access"; and its memory type is TEX[0]:C:B only. */
	if ((f->arch_flags & VML_ARM_OPT_LINUX) &&
	    (!(pb.ap & 1) || ((a->arch_bits & S_TEXCB_RAW) &&
			      ((a->arch_bits & S_TEXCB_MASK) >> S_TEXCB_SHIFT) > 7)))
		return VML_ENOTSUP;
	return 0;
}

/*
 * Break-before-make (DDI 0406C B3.10.1): needed when the change alters
 * the size (section <-> table, supersection or large page <-> not), the
 * output address, the memory type (TEX/C/B), shareability or nG. AP, XN
 * and domain may change live: Linux's set_section_perms() rewrites live
 * sections that way (arch/arm/mm/init.c, v6.18).
 */
static bool short_needs_bbm(const struct vml_pt_format *f, int level, uint64_t old, uint64_t new_,
			    uint32_t cpu_features)
{
	struct vml_pt_entry a, b;

	(void)cpu_features;
	if (short_decode(f, level, old, &a) != short_decode(f, level, new_, &b))
		return true;
	if (vml_pa_addr(a.addr) != vml_pa_addr(b.addr))
		return true;
	if (a.kind == VML_PTE_TABLE)
		return false;
	return a.attrs.memtype != b.attrs.memtype || a.attrs.share != b.attrs.share ||
	       ((a.attrs.perm ^ b.attrs.perm) & (VML_PT_GLOBAL | VML_PT_CONT)) ||
	       ((a.attrs.arch_bits ^ b.attrs.arch_bits) & (S_TEXCB_RAW | S_TEXCB_MASK));
}

/* Without a split: TTBCR = 0 (N = 0, EAE = 0), TTBR0 walks all 4 GiB and
 * TTBR1 is set to the same root, as Linux does with swapper_pg_dir. With a
 * split: TTBCR.N, each TTBR its half's root, and PD0/PD1 for a half with
 * no tables (no walk, a fault). Every domain a client. */
static void short_registers(const struct vml_pt_format *f, const struct vml_pt_roots *roots,
			    struct vml_pt_regs *out)
{
	uint64_t root = roots->present[0] ? vml_pa_addr(roots->root[0]) : 0;
	uint64_t root1 = roots->present[1] ? vml_pa_addr(roots->root[1]) : 0;
	uint64_t ttbcr = f->arch_data[ARM_DATA_TTBCR];

	if (f->arch_data[ARM_DATA_SPLIT]) {
		ttbcr |= roots->present[0] ? 0 : ARM_TTBCR_PD0;
		ttbcr |= roots->present[1] ? 0 : ARM_TTBCR_PD1;
	} else if (!roots->present[1]) {
		root1 = root;
	}
	out->count = 4;
	out->reg[0] = (struct vml_pt_reg){"ttbcr", ttbcr};
	out->reg[1] = (struct vml_pt_reg){"ttbr0", root};
	out->reg[2] = (struct vml_pt_reg){"ttbr1", root1};
	out->reg[3] = (struct vml_pt_reg){"dacr", ARM_DACR_ALL_CLIENT};
	if (!(f->arch_flags & VML_ARM_OPT_LINUX))
		return;
	/* Memory types are TEX-remap indexes: Linux's PRRR/NMRR, TRE on. */
	out->count = 7;
	out->reg[4] = (struct vml_pt_reg){"prrr", ARM_LINUX_PRRR};
	out->reg[5] = (struct vml_pt_reg){"nmrr", ARM_LINUX_NMRR};
	out->reg[6] = (struct vml_pt_reg){"sctlr", ARM_SCTLR_TRE};
}

/* The inverse of short_registers(): with a split, each half walked unless
 * TTBCR.PDn; without one, TTBR0 walks everything. */
static void short_roots_from_registers(const struct vml_pt_format *f,
				       const struct vml_pt_regs *regs, struct vml_pt_roots *out)
{
	uint64_t ttbcr = vml_pt_reg_value(regs, "ttbcr");
	bool split = f->arch_data[ARM_DATA_SPLIT] != 0;

	out->present[0] = !split || !(ttbcr & ARM_TTBCR_PD0);
	out->present[1] = split && !(ttbcr & ARM_TTBCR_PD1);
	out->root[0] = vml_pa(vml_pt_reg_value(regs, "ttbr0"));
	out->root[1] = vml_pa(split ? vml_pt_reg_value(regs, "ttbr1") : 0);
}

/* The Linux PTE kept beside each short-linux page descriptor. */
static uint64_t linux_encode_shadow(const struct vml_pt_format *f, int level, uint64_t raw)
{
	(void)f;
	(void)level;
	return vml_arm_linux_pte_of_hw((uint32_t)raw);
}

const struct vml_pt_format_ops vml_arm_short_ops = {
    .encode_invalid = short_encode_invalid,
    .encode_table = short_encode_table,
    .encode_leaf = short_encode_leaf,
    .decode = short_decode,
    .check_attrs = short_check_attrs,
    .needs_bbm = short_needs_bbm,
    .registers = short_registers,
    .roots_from_registers = short_roots_from_registers,
    .is_cont_leaf = short_is_cont_leaf,
};

const struct vml_pt_format_ops vml_arm_short_linux_ops = {
    .encode_invalid = short_encode_invalid,
    .encode_table = short_encode_table,
    .encode_leaf = short_encode_leaf,
    .decode = short_decode,
    .check_attrs = short_check_attrs,
    .needs_bbm = short_needs_bbm,
    .registers = short_registers,
    .roots_from_registers = short_roots_from_registers,
    .encode_shadow = linux_encode_shadow,
    .is_cont_leaf = short_is_cont_leaf,
};

void vml_arm_short_fill(struct vml_pt_format *f, unsigned int pa_bits, uint32_t options)
{
	vml_zero(f, sizeof(*f));
	f->arch = "arm";
	vml_copy(f->name, "short", 6);
	f->first_level = 1;
	f->levels = 2;
	f->va_bits = 32;
	f->pa_bits = pa_bits;
	/* TTBRn and the first-level page-table descriptor hold PA[31:x]: every
	 * table lies below 4 GiB whatever the supersections reach. */
	f->table_pa_bits = 32;
	f->entry_size = 4;
	f->va_split = VML_PT_VA_ZERO_EXTEND;
	f->fmt_flags = VML_PT_FMT_DOMAIN_IN_TABLE | VML_PT_FMT_NAMES_BY_LEVEL_NUMBER |
		       VML_PT_FMT_CONT_SHARED_OA;
	/* Sections and pages hold PA[31:20] and PA[31:12] in place; every
	 * member of a supersection or large page holds the group's PA (bits
	 * above 4 GiB of a supersection move to 23:20 and 8:5). */
	f->oa_linear_bits = 32;
	/* A first-level page-table descriptor: bits[1:0] = 01 in a 32-bit
	 * word, PA[31:10] in place, the domain in bits 8:5 (short_decode_l1()). */
	f->table_match = (struct vml_pt_table_match){.mask = ~0xffffffffULL | ARM_S_L1_TYPE_MASK,
						     .value = ARM_S_L1_PAGE_TABLE,
						     .addr_mask = 0xfffffc00u,
						     .domain_shift = ARM_S_DOMAIN_SHIFT};
	/* Sections, small and large pages hold PA[31:0]; only supersections
	 * reach 36/40 bits (create_mapping() maps pfn >= 0x100000 with
	 * supersections or refuses, arch/arm/mm/mmu.c, v6.18). */
	f->level[0] =
	    (struct vml_pt_level){.shift = 20,
				  .index_bits = 12,
				  .table_size = 16384,
				  .table_align = 16384,
				  .leaf_ok = true,
				  .cont_entries = (options & VML_ARM_OPT_NO_SUPERSECTIONS) ? 0 : 16,
				  .leaf_pa_bits = 32,
				  /* a supersection: type 1x, bit 18 (short_is_cont_leaf()) */
				  .cont_mask = ~0xffffffffULL | ARM_S_SUPERSECTION | 2,
				  .cont_value = ARM_S_SUPERSECTION | 2};
	f->level[1] =
	    (struct vml_pt_level){.shift = 12,
				  .index_bits = 8,
				  .table_size = 1024,
				  .table_align = 1024,
				  .leaf_ok = true,
				  .cont_entries = (options & VML_ARM_OPT_NO_LARGE_PAGES) ? 0 : 16,
				  .leaf_pa_bits = 32,
				  .cont_pa_bits = 32,
				  /* a large page: type 01 */
				  .cont_mask = ~0xffffffffULL | ARM_S_L1_TYPE_MASK,
				  .cont_value = ARM_S_L2_LARGE};
	f->ops = &vml_arm_short_ops;
	f->arch_flags = options;
	if (!(options & VML_ARM_OPT_LINUX))
		return;
	/* pgtable-2level.h (v6.1): one 4 KiB page per pair of first-level
	 * entries, Linux pt 0/1 at +0/+1024, h/w pt 0/1 at +2048/+3072
	 * (PTE_HWTABLE_OFF = 2048); cpu_v7_set_pte_ext() writes small pages
	 * only, so no large pages. */
	vml_copy(f->name, "short-linux", 12);
	f->oa_linear_bits = 0; /* pages go through cpu_v7_set_pte_ext()'s rules: not declared */
	f->pack = (struct vml_pt_pack){4096, {2048, 3072}, {0, 1024}};
	f->level[1].cont_entries = 0;
	f->ops = &vml_arm_short_linux_ops;
}
