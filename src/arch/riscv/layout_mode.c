/* SPDX-License-Identifier: MIT */
/*
 * DOC: riscv64 paging mode: sv39, sv48 or sv57, and PAGE_OFFSET
 *
 * 5.10: sv39 only (CONFIG_VA_BITS 39, PAGE_OFFSET = CONFIG_PAGE_OFFSET,
 * arch/riscv/Kconfig v5.10). 6.x: set_satp_mode() of arch/riscv/mm/init.c
 * starts from sv57 and falls back: the early command line's no4lvl/no5lvl
 * (kernel/pi/cmdline_early.c, v6.4+), from 6.18 also the DT mmu-type of the
 * first available cpu (kernel/pi/fdt_early.c set_satp_mode_from_fdt), then
 * a probe: satp.MODE is WARL, a mode the CPU lacks does not stick. vmlayout
 * stands in for the probe with the widest mode the CPU takes: cpu_va_bits
 * when given, else the DT mmu-type, else VA_BITS (default 39).
 */
#include "arch/riscv/layout_policy.h"

/* PAGE_OFFSET_L4 / PAGE_OFFSET_L5 (asm/page.h v6.12; L5 is CONFIG_PAGE_OFFSET,
 * arch/riscv/Kconfig "default 0xff60000000000000 if 64BIT") */
#define RISCV_PAGE_OFFSET_L4 0xffffaf8000000000ULL
#define RISCV_PAGE_OFFSET_L5 0xff60000000000000ULL

static void use_mode(struct riscv_state *st, unsigned int va_bits)
{
	st->va_bits = va_bits;
	switch (va_bits) {
	case 57:
		st->satp_mode = RISCV_SATP_MODE_57;
		st->page_offset = RISCV_PAGE_OFFSET_L5;
		st->pgdir_size = 1ULL << 48;
		break;
	case 48:
		st->satp_mode = RISCV_SATP_MODE_48;
		st->page_offset = RISCV_PAGE_OFFSET_L4;
		st->pgdir_size = 1ULL << 39;
		break;
	default:
		st->satp_mode = RISCV_SATP_MODE_39;
		st->page_offset = st->prof->page_offset_l3;
		st->pgdir_size = 1ULL << 30;
		break;
	}
	/* KERN_VIRT_SIZE = (PTRS_PER_PGD / 2 * PGDIR_SIZE) / 2 (asm/pgtable.h v6.12) */
	st->kern_virt_size = 256 * st->pgdir_size / 2;
}

/* The widest mode the CPU takes, what the probe in set_satp_mode() finds:
 * cpu_va_bits when given (a CPU its DT understates), else the DT mmu-type,
 * else VA_BITS (default 39). */
static unsigned int cpu_mode(const struct riscv_state *st)
{
	if (st->cfg->cpu_va_bits)
		return st->cfg->cpu_va_bits;
	if (st->board->riscv_mmu_type)
		return st->board->riscv_mmu_type;
	return st->cfg->va_bits ? st->cfg->va_bits : 39;
}

static bool is_mode(unsigned int v)
{
	return v == 0 || v == 39 || v == 48 || v == 57;
}

static int check_va_bits(const struct riscv_state *st)
{
	if (!is_mode(st->cfg->va_bits) || !is_mode(st->cfg->cpu_va_bits))
		return vml_fail(
		    st->diag, VML_EINVAL, "riscv64 VA_BITS must be 39, 48 or 57 (sv39/sv48/sv57)",
		    st->cfg->cpu_va_bits ? st->cfg->cpu_va_bits : st->cfg->va_bits, 0, -1);
	return VML_OK;
}

/* 5.10: sv39 only. PAGE_OFFSET is CONFIG_PAGE_OFFSET (MAXPHYSMEM_128GB:
 * 0xffffffe000000000, or as --set PAGE_OFFSET gives it); KERN_VIRT_SIZE is
 * -PAGE_OFFSET (asm/page.h v5.10). */
int vml_riscv_mode_sv39_only(struct riscv_state *st)
{
	int ret = check_va_bits(st);

	if (ret)
		return ret;
	use_mode(st, 39);
	if (st->cfg->page_offset_set)
		st->page_offset = st->cfg->page_offset;
	if (st->page_offset & (st->pgdir_size - 1))
		return vml_fail(st->diag, VML_EINVAL,
				"PAGE_OFFSET must be PGDIR_SIZE (1 GiB) aligned (setup_vm BUG_ON)",
				st->page_offset, 0, -1);
	st->kern_virt_size = 0 - st->page_offset;
	if (st->cfg->no4lvl || st->cfg->no5lvl)
		vml_layout_kmsg(st->lo,
				"vmlayout: no4lvl/no5lvl are not 5.10 parameters: ignored\n", 0, 0,
				0, 0);
	return VML_OK;
}

/* The probe loop of set_satp_mode(): from @start down, the first mode the
 * CPU keeps in satp. */
static void probe(struct riscv_state *st, unsigned int start)
{
	unsigned int cpu = cpu_mode(st);

	use_mode(st, start < cpu ? start : cpu);
}

/* 6.4 .. 6.17 (v6.12 mm/init.c set_satp_mode, kernel/pi/cmdline_early.c):
 * no4lvl (strstr wins over no5lvl) stops at sv39 with no probe; no5lvl
 * drops sv57 and probes sv48. */
int vml_riscv_mode_probe_6_4(struct riscv_state *st)
{
	int ret = check_va_bits(st);

	if (ret)
		return ret;
	if (st->cfg->no4lvl)
		use_mode(st, 39);
	else
		probe(st, st->cfg->no5lvl ? 48 : 57);
	return VML_OK;
}

/* 6.18: limit = min_not_zero(cmdline, fdt) (mm/init.c set_satp_mode; the
 * fdt's mmu-type "riscv,sv39"/"riscv,sv48" limits, anything else does not).
 * The limit 39 needs no probe; 48 probes from sv48. */
int vml_riscv_mode_probe_6_18(struct riscv_state *st)
{
	unsigned int limit = st->cfg->no4lvl ? 39 : st->cfg->no5lvl ? 48 : 0;
	unsigned int fdt = st->board->riscv_mmu_type;
	int ret = check_va_bits(st);

	if (ret)
		return ret;
	if (fdt == 39 || fdt == 48)
		limit = limit && limit < fdt ? limit : fdt;
	if (limit == 39)
		use_mode(st, 39);
	else
		probe(st, limit ? limit : 57);
	return VML_OK;
}
