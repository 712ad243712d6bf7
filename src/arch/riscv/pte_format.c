// SPDX-License-Identifier: MIT
/*
 * DOC: riscv64 translation-table formats Sv39, Sv48 and Sv57
 *
 * One format per paging mode: 3, 4 or 5 levels of 512 eight-byte entries,
 * 4 KiB tables, a leaf allowed at every level (4 KiB pages, 2 MiB, 1 GiB,
 * 512 GiB and 256 TiB superpages), VAs sign-extended from bit 38, 47 or 56
 * (privileged spec 20211203, 4.4-4.6). Svnapot gives the last level groups
 * of 16 identical PTEs mapping 64 KiB; Svpbmt the memory type in bits 62:61.
 * Both are on unless the spec's options turn them off.
 *
 * Attributes: R/W/X are shared between S- and U-mode; U = 1 makes a page a
 * user page, which S-mode reaches only with sstatus.SUM and never executes.
 * So the neutral model maps U = 0 to kernel R/W/X and U = 1 to user R/W/X
 * plus kernel R/W (as SUM gives). A and D are written preset, as Linux's
 * PAGE_KERNEL = 0xe7 does (arch/riscv/include/asm/pgtable.h, v6.18).
 */
#include "arch/riscv/pte_riscv.h"

#define RV_PAGE_SHIFT 12
#define RV_LEVEL_BITS 9
#define RV_PA_BITS 56

/* Levels are indexed from the root here (0 = root); the spec's level i is
 * levels - 1 - index. */
static bool rv_is_last(const struct vml_pt_format *f, int level)
{
	return level == vml_pt_last_level(f);
}

static uint64_t rv_ppn(uint64_t raw)
{
	return (raw & RV_PTE_PPN_MASK) >> RV_PTE_PPN_SHIFT;
}

static uint64_t rv_encode_invalid(const struct vml_pt_format *f, int level)
{
	(void)f;
	(void)level;
	return 0;
}

/* A pointer is V with R = W = X = 0; A, D, U, N and PBMT stay 0 as the spec
 * requires of non-leaf PTEs; Linux writes PAGE_TABLE = V only. No table
 * restriction exists on riscv, so @table_flags has nothing to encode. */
static uint64_t rv_encode_table(const struct vml_pt_format *f, int level, vml_paddr_t table,
				uint32_t table_flags)
{
	(void)f;
	(void)level;
	(void)table_flags;
	return ((vml_pa_addr(table) >> RV_PAGE_SHIFT) << RV_PTE_PPN_SHIFT) | RV_PTE_V;
}

/* R, W, X and U for a leaf with neutral permissions @perm (check_attrs has
 * accepted them). */
static uint64_t rv_perm_bits(uint32_t perm)
{
	uint64_t bits = 0;
	bool user = perm & (VML_PT_USER_READ | VML_PT_USER_WRITE | VML_PT_USER_EXEC);

	if (user) {
		bits |= RV_PTE_U;
		bits |= (perm & VML_PT_USER_READ) ? RV_PTE_R : 0;
		bits |= (perm & VML_PT_USER_WRITE) ? RV_PTE_W : 0;
		bits |= (perm & VML_PT_USER_EXEC) ? RV_PTE_X : 0;
	} else {
		bits |= (perm & VML_PT_READ) ? RV_PTE_R : 0;
		bits |= (perm & VML_PT_WRITE) ? RV_PTE_W : 0;
		bits |= (perm & VML_PT_EXEC) ? RV_PTE_X : 0;
	}
	bits |= (perm & VML_PT_GLOBAL) ? RV_PTE_G : 0;
	bits |= (perm & VML_PT_ACCESSED) ? RV_PTE_A : 0;
	bits |= (perm & VML_PT_DIRTY) ? RV_PTE_D : 0;
	return bits;
}

static uint64_t rv_pbmt(uint8_t memtype)
{
	switch (memtype) {
	case VML_PT_MT_NORMAL_NC:
		return RV_PBMT_NC;
	case VML_PT_MT_DEVICE_nGnRnE:
	case VML_PT_MT_DEVICE_nGnRE:
		return RV_PBMT_IO;
	default:
		return RV_PBMT_PMA;
	}
}

/* A Svnapot group stores the same PTE 16 times: PPN of the group base with
 * PPN[3:0] = 1000b (Svnapot, "NAPOT PTE encoding"; Linux pte_mknapot(),
 * arch/riscv/include/asm/pgtable.h, v6.18). */
static uint64_t rv_encode_leaf(const struct vml_pt_format *f, int level, vml_paddr_t pa,
			       const struct vml_pt_attrs *attrs)
{
	uint64_t ppn = vml_pa_addr(pa) >> RV_PAGE_SHIFT;
	uint64_t raw = RV_PTE_V | rv_perm_bits(attrs->perm) | (attrs->arch_bits & RV_PTE_RSW_MASK);

	(void)f;
	(void)level;
	if (attrs->perm & VML_PT_CONT) {
		ppn = (ppn & ~(uint64_t)(RV_NAPOT_ENTRIES - 1)) | (RV_NAPOT_ENTRIES >> 1);
		raw |= RV_PTE_N;
	}
	raw |= rv_pbmt(attrs->memtype) << RV_PTE_PBMT_SHIFT;
	return raw | (ppn << RV_PTE_PPN_SHIFT);
}

static void rv_decode_perm(uint64_t raw, struct vml_pt_attrs *a)
{
	if (raw & RV_PTE_U) {
		a->perm |= (raw & RV_PTE_R) ? VML_PT_USER_READ | VML_PT_READ : 0;
		a->perm |= (raw & RV_PTE_W) ? VML_PT_USER_WRITE | VML_PT_WRITE : 0;
		a->perm |= (raw & RV_PTE_X) ? VML_PT_USER_EXEC : 0;
	} else {
		a->perm |= (raw & RV_PTE_R) ? VML_PT_READ : 0;
		a->perm |= (raw & RV_PTE_W) ? VML_PT_WRITE : 0;
		a->perm |= (raw & RV_PTE_X) ? VML_PT_EXEC : 0;
	}
	a->perm |= (raw & RV_PTE_G) ? VML_PT_GLOBAL : 0;
	a->perm |= (raw & RV_PTE_A) ? VML_PT_ACCESSED : 0;
	a->perm |= (raw & RV_PTE_D) ? VML_PT_DIRTY : 0;
}

static const uint8_t rv_memtype_of_pbmt[3] = {
    [RV_PBMT_PMA] = VML_PT_MT_NORMAL,
    [RV_PBMT_NC] = VML_PT_MT_NORMAL_NC,
    [RV_PBMT_IO] = VML_PT_MT_DEVICE_nGnRE,
};

/* Whether the translation would raise a page fault on @raw for a reason the
 * spec lists (4.3.2 steps 3 and 5-6, Svnapot, Svpbmt): those decode as
 * invalid. A pointer with D, A, U, N or PBMT set uses bits reserved in
 * non-leaf PTEs, which the current spec also makes a page fault. */
static bool rv_faults(const struct vml_pt_format *f, int level, uint64_t raw)
{
	bool leaf = raw & (RV_PTE_R | RV_PTE_X);
	uint64_t pbmt = (raw & RV_PTE_PBMT_MASK) >> RV_PTE_PBMT_SHIFT;
	unsigned int low_ppn_bits = vml_pt_level(f, level)->shift - RV_PAGE_SHIFT;

	if (!(raw & RV_PTE_V) || (raw & RV_PTE_RESERVED_MASK) ||
	    ((raw & RV_PTE_W) && !(raw & RV_PTE_R)))
		return true;
	if ((pbmt && !(f->arch_flags & RV_FMT_SVPBMT)) || pbmt == 3)
		return true;
	if ((raw & RV_PTE_N) && !(f->arch_flags & RV_FMT_SVNAPOT))
		return true;
	if (!leaf)
		return rv_is_last(f, level) ||
		       (raw & (RV_PTE_D | RV_PTE_A | RV_PTE_U | RV_PTE_N | RV_PTE_PBMT_MASK));
	if (raw & RV_PTE_N)
		return !rv_is_last(f, level) ||
		       (rv_ppn(raw) & (RV_NAPOT_ENTRIES - 1)) != RV_NAPOT_ENTRIES >> 1;
	/* A superpage's PPN bits below its size must be zero (misaligned). */
	return (rv_ppn(raw) & ((1ULL << low_ppn_bits) - 1)) != 0;
}

static enum vml_pte_kind rv_decode(const struct vml_pt_format *f, int level, uint64_t raw,
				   struct vml_pt_entry *out)
{
	uint64_t ppn = rv_ppn(raw);

	*out = (struct vml_pt_entry){0};
	if (rv_faults(f, level, raw))
		return out->kind = VML_PTE_INVALID;
	if (!(raw & (RV_PTE_R | RV_PTE_X))) {
		out->addr = vml_pa(ppn << RV_PAGE_SHIFT);
		out->attrs.perm = VML_PT_PERM_MASK;
		out->attrs.arch_bits = raw & (RV_PTE_G | RV_PTE_RSW_MASK);
		return out->kind = VML_PTE_TABLE;
	}
	rv_decode_perm(raw, &out->attrs);
	if (raw & RV_PTE_N) {
		ppn &= ~(uint64_t)(RV_NAPOT_ENTRIES - 1);
		out->attrs.perm |= VML_PT_CONT;
	}
	out->addr = vml_pa(ppn << RV_PAGE_SHIFT);
	out->attrs.memtype = rv_memtype_of_pbmt[(raw & RV_PTE_PBMT_MASK) >> RV_PTE_PBMT_SHIFT];
	out->attrs.share = VML_PT_SH_INNER;
	out->attrs.arch_bits = raw & RV_PTE_RSW_MASK;
	return out->kind = VML_PTE_LEAF;
}

/* Kernel permissions on a user page are exactly what SUM gives: read and
 * write as the user has them, never execute. W without R is reserved. */
static int rv_check_attrs(const struct vml_pt_format *f, const struct vml_pt_attrs *a)
{
	uint32_t user = a->perm & (VML_PT_USER_READ | VML_PT_USER_WRITE | VML_PT_USER_EXEC);
	uint32_t kern = a->perm & (VML_PT_READ | VML_PT_WRITE | VML_PT_EXEC);
	uint32_t rwx = user ? user >> 3 : kern;

	if (user && kern != (user >> 3 & (VML_PT_READ | VML_PT_WRITE)))
		return VML_ENOTSUP;
	if (!(rwx & (VML_PT_READ | VML_PT_EXEC)) || ((rwx & VML_PT_WRITE) && !(rwx & VML_PT_READ)))
		return VML_ENOTSUP;
	if (a->memtype >= VML_PT_MT_COUNT || a->memtype == VML_PT_MT_NORMAL_TAGGED)
		return VML_ENOTSUP;
	if (a->memtype != VML_PT_MT_NORMAL && !(f->arch_flags & RV_FMT_SVPBMT))
		return VML_ENOTSUP;
	if (a->domain != 0 || (a->arch_bits & ~RV_PTE_RSW_MASK))
		return VML_ENOTSUP;
	return 0;
}

/*
 * RISC-V has no architectural break-before-make: a hart may use the old or
 * the new PTE until SFENCE.VMA (privileged spec 4.2.1), and Linux replaces
 * live linear-map leaves by tables without invalidating them first
 * (arch/riscv/mm/pageattr.c __split_linear_mapping_pmd, v6.18). A Svnapot
 * group is the exception: its 16 PTEs must agree, so Linux clears and
 * flushes the old entries before writing a NAPOT mapping or changing one
 * (clear_flush() in set_huge_pte_at(), arch/riscv/mm/hugetlbpage.c, v6.18).
 */
static bool rv_needs_bbm(const struct vml_pt_format *f, int level, uint64_t old, uint64_t new_,
			 uint32_t cpu_features)
{
	(void)f;
	(void)level;
	(void)cpu_features;
	return old != new_ && ((old | new_) & RV_PTE_N);
}

/* satp = MODE << 60 | ASID << 44 | PPN of the root (privileged spec 4.1.11). */
static void rv_registers(const struct vml_pt_format *f, const struct vml_pt_roots *roots,
			 struct vml_pt_regs *out)
{
	uint64_t root = roots->present[0] ? vml_pa_addr(roots->root[0]) : 0;

	out->count = 1;
	out->reg[0].name = "satp";
	out->reg[0].value = (f->arch_data[0] << RV_SATP_MODE_SHIFT) | (root >> RV_PAGE_SHIFT);
}

/* The one root: satp.PPN x 4 KiB (the inverse of rv_registers()). */
static void rv_roots_from_registers(const struct vml_pt_format *f, const struct vml_pt_regs *regs,
				    struct vml_pt_roots *out)
{
	uint64_t satp = vml_pt_reg_value(regs, "satp");

	(void)f;
	out->present[0] = true;
	out->present[1] = false;
	out->root[0] = vml_pa((satp & ((1ULL << RV_SATP_ASID_SHIFT) - 1)) << RV_PAGE_SHIFT);
	out->root[1] = vml_pa(0);
}

static const struct vml_pt_format_ops rv_ops = {
    .encode_invalid = rv_encode_invalid,
    .encode_table = rv_encode_table,
    .encode_leaf = rv_encode_leaf,
    .decode = rv_decode,
    .check_attrs = rv_check_attrs,
    .needs_bbm = rv_needs_bbm,
    .registers = rv_registers,
    .roots_from_registers = rv_roots_from_registers,
};

struct rv_mode {
	const char *name;
	unsigned int levels;
	uint64_t satp_mode;
};

static const struct rv_mode rv_modes[] = {
    {"sv39", 3, RV_SATP_MODE_SV39},
    {"sv48", 4, RV_SATP_MODE_SV48},
    {"sv57", 5, RV_SATP_MODE_SV57},
};

static const struct rv_mode *rv_find_mode(const char *name)
{
	for (size_t i = 0; name && i < VML_ARRAY_SIZE(rv_modes); i++) {
		const char *a = rv_modes[i].name, *b = name;

		while (*a && *a == *b)
			a++, b++;
		if (*a == 0 && *b == 0)
			return &rv_modes[i];
	}
	return NULL;
}

static void rv_fill(struct vml_pt_format *f, const struct rv_mode *m, unsigned int pa_bits,
		    uint32_t options)
{
	vml_zero(f, sizeof(*f));
	f->arch = "riscv64";
	vml_copy(f->name, m->name, 5);
	f->first_level = 0;
	f->levels = m->levels;
	f->va_bits = RV_PAGE_SHIFT + RV_LEVEL_BITS * m->levels;
	f->pa_bits = pa_bits;
	/* satp.PPN and a PTE's PPN are 44 bits: tables anywhere in 56 bits. */
	f->table_pa_bits = RV_PA_BITS;
	f->entry_size = 8;
	f->va_split = VML_PT_VA_SIGN_EXTEND;
	f->ops = &rv_ops;
	/* A leaf's PPN is PA[55:12] at bit 10 (PA >> 2), a Svnapot member's the
	 * group's PPN with PPN[3:0] = 1000b (rv_encode_leaf()). */
	f->oa_linear_bits = RV_PA_BITS;
	f->oa_stride_shift = 2;
	f->fmt_flags = VML_PT_FMT_CONT_SHARED_OA;
	/* A pointer: V set; R, W, X clear; D, A, U, N, PBMT and the reserved
	 * bits clear (rv_faults()); its table is at PPN << 12. */
	f->table_match = (struct vml_pt_table_match){
	    .mask = RV_PTE_V | RV_PTE_R | RV_PTE_W | RV_PTE_X | RV_PTE_U | RV_PTE_A | RV_PTE_D |
		    RV_PTE_N | RV_PTE_PBMT_MASK | RV_PTE_RESERVED_MASK,
	    .value = RV_PTE_V,
	    .addr_mask = RV_PTE_PPN_MASK,
	    .addr_shift = RV_PAGE_SHIFT - RV_PTE_PPN_SHIFT};
	f->arch_flags = ((options & VML_RISCV_OPT_NO_SVNAPOT) ? 0 : RV_FMT_SVNAPOT) |
			((options & VML_RISCV_OPT_NO_SVPBMT) ? 0 : RV_FMT_SVPBMT);
	f->arch_data[0] = m->satp_mode;
	for (unsigned int i = 0; i < m->levels; i++) {
		struct vml_pt_level *l = &f->level[i];

		l->shift = (uint8_t)(RV_PAGE_SHIFT + RV_LEVEL_BITS * (m->levels - 1 - i));
		l->index_bits = RV_LEVEL_BITS;
		l->table_size = 4096;
		l->table_align = 4096;
		l->leaf_ok = true;
	}
	if (f->arch_flags & RV_FMT_SVNAPOT) {
		struct vml_pt_level *l = &f->level[m->levels - 1];

		/* a Svnapot leaf: V and N set (rv_decode()) */
		l->cont_entries = RV_NAPOT_ENTRIES;
		l->cont_mask = l->cont_value = RV_PTE_N | RV_PTE_V;
	}
}

/* Builds "sv39", "sv48" or "sv57". va_bits, if given, must be the mode's;
 * pa_bits at most 56 (PPN is 44 bits). */
static int rv_build(struct vml_pt_format *out, const struct vml_pt_spec *spec,
		    struct vml_diag *diag)
{
	const struct rv_mode *m = rv_find_mode(spec->mode);
	unsigned int pa_bits = spec->pa_bits ? spec->pa_bits : RV_PA_BITS;

	if (!m)
		return vml_fail(diag, VML_EINVAL, "riscv64 paging mode must be sv39, sv48 or sv57",
				0, 0, -1);
	if (spec->granule && spec->granule != VML_SZ_4K)
		return vml_fail(diag, VML_EINVAL, "riscv64 pages are 4 KiB", spec->granule, 0, -1);
	if (spec->va_bits && spec->va_bits != RV_PAGE_SHIFT + RV_LEVEL_BITS * m->levels)
		return vml_fail(diag, VML_ERANGE, "riscv64 VA bits are fixed by the paging mode",
				spec->va_bits, 0, -1);
	if (pa_bits < 32 || pa_bits > RV_PA_BITS)
		return vml_fail(diag, VML_ERANGE, "riscv64 PA bits must be 32..56", pa_bits, 0, -1);
	if (spec->split || spec->half)
		return vml_fail(diag, VML_EINVAL, "riscv64 has one root: no TTBR split", 0, 0, -1);
	rv_fill(out, m, pa_bits, spec->options);
	return 0;
}

/* The format's name is the paging mode (rv_build() checks it). */
static int rv_spec_of_name(const char *name, struct vml_pt_spec *spec, struct vml_diag *diag)
{
	(void)diag;
	spec->mode = name;
	return 0;
}

const struct vml_pt_family vml_pt_family_riscv64 = {
    .arch = "riscv64",
    .build = rv_build,
    .spec_of_name = rv_spec_of_name,
};
