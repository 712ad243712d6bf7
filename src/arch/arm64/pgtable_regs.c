/* SPDX-License-Identifier: MIT */
/*
 * DOC: arm64 translation registers for a set of tables (TCR_EL1, TTBRn_EL1, MAIR_EL1)
 *
 * Enough for an MMU to walk the tables vmlayout wrote: both halves with
 * write-back write-allocate inner-shareable walks, the granule, the size of
 * each half, IPS from the output-address size and DS for LPA2. A half
 * without tables is disabled (EPDn = 1). Field positions from the Arm ARM
 * TCR_EL1 description; the kernel builds its value in
 * arch/arm64/mm/proc.S __cpu_setup (v6.12), which also sets ASID, TBI,
 * HA/HD bits that do not change the walk.
 */
#include "arch/arm64/pte_bits.h"

#define TCR_T0SZ_SHIFT 0
#define TCR_EPD0 A64_BIT(7)
#define TCR_IRGN0_WBWA (1ULL << 8)
#define TCR_ORGN0_WBWA (1ULL << 10)
#define TCR_SH0_INNER (3ULL << 12)
#define TCR_TG0_SHIFT 14
#define TCR_T1SZ_SHIFT 16
#define TCR_EPD1 A64_BIT(23)
#define TCR_IRGN1_WBWA (1ULL << 24)
#define TCR_ORGN1_WBWA (1ULL << 26)
#define TCR_SH1_INNER (3ULL << 28)
#define TCR_TG1_SHIFT 30
#define TCR_IPS_SHIFT 32
#define TCR_DS A64_BIT(59)

/* TG0 and TG1 encode the granule differently (Arm ARM TCR_EL1.TGn). */
static uint64_t tg0(unsigned int page_shift)
{
	return page_shift == 12 ? 0 : page_shift == 16 ? 1 : 2;
}

static uint64_t tg1(unsigned int page_shift)
{
	return page_shift == 12 ? 2 : page_shift == 16 ? 3 : 1;
}

static uint64_t ips(unsigned int pa_bits)
{
	static const unsigned int sizes[] = {32, 36, 40, 42, 44, 48, 52};

	for (unsigned int i = 0; i < VML_ARRAY_SIZE(sizes); i++)
		if (pa_bits <= sizes[i])
			return i;
	return 6;
}

/* TTBRn_EL1.BADDR: with a 52-bit PA, BADDR[51:48] sits in bits [5:2]. */
static uint64_t ttbr(const struct vml_pt_format *f, vml_paddr_t root)
{
	uint64_t pa = vml_pa_addr(root);

	if (f->pa_bits > 48)
		return (pa & A64_GENMASK(47, 6)) | (((pa >> 48) & 0xf) << 2);
	return pa & A64_GENMASK(47, 1);
}

void vml_arm64_pgtable_registers(const struct vml_pt_format *f, const struct vml_pt_roots *roots,
				 struct vml_pt_regs *out)
{
	unsigned int ps = (unsigned int)f->arch_data[A64_DATA_PAGE_SHIFT];
	uint64_t tsz = 64 - f->va_bits;
	uint64_t tcr = (tsz << TCR_T0SZ_SHIFT) | (tsz << TCR_T1SZ_SHIFT) | TCR_IRGN0_WBWA |
		       TCR_ORGN0_WBWA | TCR_SH0_INNER | TCR_IRGN1_WBWA | TCR_ORGN1_WBWA |
		       TCR_SH1_INNER | (tg0(ps) << TCR_TG0_SHIFT) | (tg1(ps) << TCR_TG1_SHIFT) |
		       (ips(f->pa_bits) << TCR_IPS_SHIFT);

	if (f->arch_flags & A64_FMT_LPA2)
		tcr |= TCR_DS;
	if (!roots->present[0])
		tcr |= TCR_EPD0;
	if (!roots->present[1])
		tcr |= TCR_EPD1;
	out->count = 4;
	out->reg[0] = (struct vml_pt_reg){"ttbr0", roots->present[0] ? ttbr(f, roots->root[0]) : 0};
	out->reg[1] = (struct vml_pt_reg){"ttbr1", roots->present[1] ? ttbr(f, roots->root[1]) : 0};
	out->reg[2] = (struct vml_pt_reg){"tcr", tcr};
	out->reg[3] = (struct vml_pt_reg){"mair", A64_MAIR_EL1_BOOT};
}

/* TTBRn_EL1.BADDR back to a physical address (the inverse of ttbr()). */
static uint64_t baddr(const struct vml_pt_format *f, uint64_t ttbr_value)
{
	if (f->pa_bits > 48)
		return (ttbr_value & A64_GENMASK(47, 6)) | (((ttbr_value >> 2) & 0xf) << 48);
	return ttbr_value & A64_GENMASK(47, 1);
}

/* A half is walked unless TCR_EL1.EPDn disables it. */
void vml_arm64_pgtable_roots(const struct vml_pt_format *f, const struct vml_pt_regs *regs,
			     struct vml_pt_roots *out)
{
	uint64_t tcr = vml_pt_reg_value(regs, "tcr");

	out->present[0] = !(tcr & TCR_EPD0);
	out->present[1] = !(tcr & TCR_EPD1);
	out->root[0] = vml_pa(baddr(f, vml_pt_reg_value(regs, "ttbr0")));
	out->root[1] = vml_pa(baddr(f, vml_pt_reg_value(regs, "ttbr1")));
}
