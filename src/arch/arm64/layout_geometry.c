/* SPDX-License-Identifier: MIT */
/*
 * DOC: arm64 build-time geometry and the fixed virtual layout
 *
 * arch/arm64/Kconfig (which VA_BITS each granule allows), asm/pgtable-hwdef.h
 * (levels), asm/memory.h and asm/pgtable.h (PAGE_OFFSET, PAGE_END,
 * MODULES_*, VMEMMAP_*, PCI_IO_*, FIXADDR_TOP, VMALLOC_*), asm/fixmap.h
 * (the fixmap slots), mm/init.c (ARM64_MEMSTART_ALIGN), for v6.1, v6.12 and
 * v6.18. The two shapes of the top of the VA space are two hooks:
 * arm64_top_v6_1 (vmemmap at the very top, v5.11 .. v6.8) and
 * arm64_top_v6_9 (vmemmap, PCI I/O and fixmap under -1 GiB .. -8 MiB).
 */
#include "arch/arm64/layout_arm64.h"

/* _PAGE_OFFSET(va) = -(1 << va), _PAGE_END(va) = -(1 << (va - 1)) */
static uint64_t page_offset_of(unsigned int va)
{
	return 0 - (1ULL << va);
}

static uint64_t page_end_of(unsigned int va)
{
	return 0 - (1ULL << (va - 1));
}

/* The VA_BITS choices of arch/arm64/Kconfig ("Virtual address space size"):
 * 36 needs 16K, 39 4K, 42 64K, 47 16K, 48 any; 52 needs 64K in v6.1
 * (ARM64_VA_BITS_52 depends on ARM64_64K_PAGES) and any granule with LPA2
 * (v6.9+). */
static bool va_bits_allowed(const struct arm64_state *st)
{
	switch (st->va_bits) {
	case 36:
	case 47:
		return st->page_shift == 14;
	case 39:
		return st->page_shift == 12;
	case 42:
		return st->page_shift == 16;
	case 48:
		return true;
	case 52:
		return st->page_shift == 16 || st->prof->lpa2;
	default:
		return false;
	}
}

static int page_shift_of(uint64_t page_size, unsigned int *shift)
{
	switch (page_size) {
	case VML_SZ_4K:
		*shift = 12;
		return VML_OK;
	case 4 * VML_SZ_4K:
		*shift = 14;
		return VML_OK;
	case VML_SZ_64K:
		*shift = 16;
		return VML_OK;
	default:
		return VML_EINVAL;
	}
}

/* vabits_actual: VA_BITS unless a 52-bit build runs on a CPU without LVA
 * (64K) or LPA2 (4K/16K), where kernel/pi/map_kernel.c early_map_kernel()
 * (v6.12; head.S, which sets vabits_actual, v6.1) falls back to
 * VA_BITS_MIN; from v6.9 arm64.nolva (id_aa64mmfr2.varange=0) on the
 * command line hides the feature the same way (idreg_override.c). */
static unsigned int actual_va_bits(const struct arm64_state *st)
{
	unsigned int cpu = st->cfg->cpu_va_bits;
	bool hidden = st->page_shift == 16 ? st->ov.no_lva : st->ov.no_lpa2;

	if (st->va_bits == 52 && ((cpu && cpu < 52) || hidden))
		return st->va_bits_min;
	return st->va_bits;
}

/* PHYS_MASK_SHIFT (asm/pgtable-prot.h v6.12): CONFIG_ARM64_PA_BITS, or 48 on
 * an LPA2 build whose CPU lacks LPA2. ARM64_PA_BITS_52 is forced on 4K/16K
 * 52-bit builds (Kconfig: ARM64_PA_BITS_48 depends on 64K || !VA_BITS_52). */
static unsigned int phys_mask_shift(const struct arm64_state *st)
{
	bool lpa2 = st->va_bits == 52 && st->page_shift != 16;
	unsigned int pa = st->cfg->pa_bits ? st->cfg->pa_bits : 48;

	if (lpa2)
		return st->vabits_actual == 52 ? 52 : 48;
	return pa;
}

/* ARM64_MEMSTART_ALIGN (asm/kernel-pgtable.h v6.1, mm/init.c v6.12):
 * 1 << max(PUD_SHIFT (4K) | CONT_PMD_SHIFT (16K) | PMD_SHIFT (64K),
 * SECTION_SIZE_BITS): 1 GiB, 1 GiB (32 x 32 MiB), 512 MiB. */
static uint64_t memstart_align(unsigned int page_shift)
{
	return page_shift == 16 ? 512 * VML_SZ_1M : VML_SZ_1G;
}

/* KASAN_SHADOW_END = (1 << (64 - s)) + KASAN_SHADOW_OFFSET; with the Kconfig
 * default offsets (arch/arm64/Kconfig KASAN_SHADOW_OFFSET) it is always
 * _PAGE_END(VA_BITS_MIN). KASAN_SHADOW_START = END - (1 << (vabits_actual -
 * s)); s = 3 (generic) or 4 (software tags). PAGE_END = KASAN_SHADOW_START
 * (asm/memory.h v6.1, v6.12). */
static void kasan_bounds(struct arm64_state *st)
{
	unsigned int s = st->cfg->kasan == 2 ? 4 : 3;

	if (!st->cfg->kasan) {
		st->page_end = page_end_of(st->va_bits_min);
		return;
	}
	st->kasan_end = page_end_of(st->va_bits_min);
	st->kasan_start = st->kasan_end - (1ULL << (st->vabits_actual - s));
	st->page_end = st->kasan_start;
}

int vml_arm64_geometry(struct arm64_state *st)
{
	const struct vml_kernel_config *cfg = st->cfg;

	if (page_shift_of(cfg->page_size, &st->page_shift))
		return vml_fail(st->diag, VML_EINVAL, "arm64 pages are 4K, 16K or 64K",
				cfg->page_size, 0, -1);
	st->page_size = 1ULL << st->page_shift;
	st->va_bits = cfg->va_bits;
	if (!va_bits_allowed(st))
		return vml_fail(st->diag, VML_EINVAL,
				"this kernel's Kconfig offers no such VA_BITS for this page size "
				"(36: 16K; 39: 4K; 42: 64K; 47: 16K; 48: any; 52: 64K, and 4K/16K "
				"from v6.9)",
				st->va_bits, st->page_size, -1);
	/* VA_BITS_MIN (asm/memory.h): 48, or 47 with 16K (v6.9+), above 48 */
	st->va_bits_min = st->va_bits > 48 ? (st->page_shift == 14 ? 47 : 48) : st->va_bits;
	st->vabits_actual = actual_va_bits(st);
	/* ARM64_HW_PGTABLE_LEVELS(va_bits) = (va_bits - 4) / (PAGE_SHIFT - 3) */
	st->levels = (st->va_bits - 4) / (st->page_shift - 3);
	st->phys_mask_shift = phys_mask_shift(st);
	st->memstart_align = memstart_align(st->page_shift);

	st->page_offset = page_offset_of(st->va_bits);
	st->linear_start = page_offset_of(st->vabits_actual);
	kasan_bounds(st);
	st->modules_vaddr = page_end_of(st->va_bits_min);
	st->modules_end = st->modules_vaddr + (vml_arm64_since(st, st->prof->modules_vsize_2g_since)
						   ? 2 * VML_SZ_1G
						   : st->prof->modules_vsize);
	st->vmalloc_start = st->modules_end;
	st->prof->top_of_va(st);
	/* arm64_memblock_init(): linear_region_size = PAGE_END -
	 * _PAGE_OFFSET(vabits_actual); the nVHE KVM cap to 2^51 is not modelled
	 * (VHE assumed) */
	st->linear_region_size = st->page_end - st->linear_start;
	return VML_OK;
}

static uint64_t vmemmap_used_start(const struct arm64_state *st)
{
	/* the struct pages of [PAGE_OFFSET, _PAGE_OFFSET(vabits_actual)) are
	 * never used: VMEMMAP_UNUSED_NPAGES (asm/pgtable.h v6.12) */
	return st->vmemmap_start +
	       ((st->linear_start - st->page_offset) >> st->page_shift) * ARM64_STRUCT_PAGE_SIZE;
}

static void fixmap_bounds(struct arm64_state *st)
{
	struct arm64_fixmap fx;

	st->prof->fixmap(st, &fx);
	st->fixaddr_start = st->fixaddr_top - (fx.permanent_end << st->page_shift);
	st->fixaddr_tot_start = st->fixaddr_top - (fx.total_end << st->page_shift);
	/* FIX_ENTRY_TRAMP_TEXT1 is the last permanent slot: one page above
	 * FIXADDR_START */
	st->kpti_tramp_va =
	    st->cfg->unmap_kernel_at_el0 ? st->fixaddr_start + (1ULL << st->page_shift) : 0;
}

/* v6.1 asm/memory.h, asm/pgtable.h:
 *   VMEMMAP_SHIFT = PAGE_SHIFT - STRUCT_PAGE_MAX_SHIFT
 *   VMEMMAP_SIZE  = (_PAGE_END(VA_BITS_MIN) - PAGE_OFFSET) >> VMEMMAP_SHIFT
 *   VMEMMAP_START = -(1 << (VA_BITS - VMEMMAP_SHIFT)), END = START + SIZE
 *   PCI_IO_END = VMEMMAP_START - 8M, PCI_IO_START = PCI_IO_END - 16M
 *   FIXADDR_TOP = VMEMMAP_START - 32M, VMALLOC_END = VMEMMAP_START - 256M */
void vml_arm64_top_v6_1(struct arm64_state *st)
{
	unsigned int shift = st->page_shift - ARM64_STRUCT_PAGE_SHIFT;

	st->vmemmap_start = 0 - (1ULL << (st->va_bits - shift));
	st->vmemmap_end =
	    st->vmemmap_start + ((page_end_of(st->va_bits_min) - st->page_offset) >> shift);
	st->vmemmap_used = vmemmap_used_start(st);
	st->pci_io_end = st->vmemmap_start - VML_SZ_8M;
	st->pci_io_start = st->pci_io_end - ARM64_PCI_IO_SIZE;
	st->fixaddr_top = st->vmemmap_start - 32 * VML_SZ_1M;
	st->vmalloc_end = st->vmemmap_start - 256 * VML_SZ_1M;
	fixmap_bounds(st);
}

/* v6.9+ (v6.12, v6.18 asm/memory.h, asm/pgtable.h):
 *   VMEMMAP_SIZE  = ((_PAGE_END(VA_BITS_MIN) - PAGE_OFFSET) >> PAGE_SHIFT) * 64
 *   VMEMMAP_END   = -1G, VMEMMAP_START = VMEMMAP_END - VMEMMAP_SIZE
 *   PCI_IO_START  = VMEMMAP_END + 8M, PCI_IO_END = PCI_IO_START + 16M
 *   FIXADDR_TOP   = -8M
 *   VMALLOC_END   = VMEMMAP_START + VMEMMAP_UNUSED_NPAGES * 64 - 8M */
void vml_arm64_top_v6_9(struct arm64_state *st)
{
	uint64_t range = page_end_of(st->va_bits_min) - st->page_offset;

	st->vmemmap_end = 0 - VML_SZ_1G;
	st->vmemmap_start = st->vmemmap_end - (range >> st->page_shift) * ARM64_STRUCT_PAGE_SIZE;
	st->vmemmap_used = vmemmap_used_start(st);
	st->pci_io_start = st->vmemmap_end + VML_SZ_8M;
	st->pci_io_end = st->pci_io_start + ARM64_PCI_IO_SIZE;
	st->fixaddr_top = 0 - VML_SZ_8M;
	st->vmalloc_end = st->vmemmap_used - VML_SZ_8M;
	fixmap_bounds(st);
}

/*
 * The fixmap (asm/fixmap.h): ACPI_APEI_GHES's 2 slots and ARM_SDE_INTERFACE's
 * 2 more, UNMAP_KERNEL_AT_EL0's 3 trampoline slots and RELOCATABLE's data
 * slot, as the config says (defconfig: GHES and the trampoline with its data
 * page, no SDEI; Debian's 6.1 arm64 config has SDEI too), v6.18's FIX_VNCR
 * with KVM (NR_CPUS + 1). Common tail:
 * FIX_EARLYCON_MEM_BASE, FIX_TEXT_POKE0 after FIX_FDT, 7 early_ioremap slots
 * of NR_FIX_BTMAPS = 256K / PAGE_SIZE + 1 pages, then the page-table slots.
 */
static uint64_t btmap_pages(const struct arm64_state *st)
{
	return 7 * ((256 * VML_SZ_1K >> st->page_shift) + 1);
}

static void fixmap_tail(const struct arm64_state *st, uint64_t fix_fdt, uint64_t kvm_slots,
			unsigned int table_slots, struct arm64_fixmap *fx)
{
	const struct vml_kernel_config *c = st->cfg;
	const uint64_t ghes = c->acpi_apei_ghes ? (c->arm_sde_interface ? 4 : 2) : 0;
	const uint64_t tramp = c->unmap_kernel_at_el0 ? 3 + c->relocatable : 0;

	/* FIX_EARLYCON_MEM_BASE, FIX_TEXT_POKE0, [FIX_VNCR_END..FIX_VNCR], GHES,
	 * trampoline; __end_of_permanent_fixed_addresses is the next index */
	fx->permanent_end = fix_fdt + 2 + kvm_slots + ghes + tramp + 1;
	fx->total_end = fx->permanent_end + btmap_pages(st) + table_slots;
}

/* v6.1: FIX_FDT = FIX_FDT_END + (MAX_FDT_SIZE + 2M) / PAGE_SIZE - 1, with
 * FIX_FDT_END = 1; FIX_PTE, FIX_PMD, FIX_PUD, FIX_PGD. */
void vml_arm64_fixmap_v6_1(const struct arm64_state *st, struct arm64_fixmap *fx)
{
	uint64_t fix_fdt = 1 + ((ARM64_MAX_FDT_SIZE + VML_SZ_2M) >> st->page_shift) - 1;

	fixmap_tail(st, fix_fdt, 0, 4, fx);
}

/* v6.12: FIX_FDT = FIX_FDT_END + DIV_ROUND_UP(MAX_FDT_SIZE, PAGE_SIZE) + 1;
 * FIX_P4D added to the page-table slots. */
void vml_arm64_fixmap_v6_12(const struct arm64_state *st, struct arm64_fixmap *fx)
{
	uint64_t fix_fdt = 1 + (ARM64_MAX_FDT_SIZE >> st->page_shift) + 1;

	fixmap_tail(st, fix_fdt, 0, 5, fx);
}

/* v6.18: as v6.12, plus CONFIG_KVM's FIX_VNCR_END, FIX_VNCR = FIX_VNCR_END +
 * NR_CPUS (NR_CPUS + 1 slots). */
void vml_arm64_fixmap_v6_18(const struct arm64_state *st, struct arm64_fixmap *fx)
{
	uint64_t fix_fdt = 1 + (ARM64_MAX_FDT_SIZE >> st->page_shift) + 1;
	unsigned int nr_cpus = st->cfg->nr_cpus ? st->cfg->nr_cpus : st->prof->nr_cpus_default;

	/* FIX_VNCR_END..FIX_VNCR only with CONFIG_KVM (arm64 defconfig: y):
	 * NR_CPUS + 1 slots, NR_CPUS from the .config (Debian: 256) */
	fixmap_tail(st, fix_fdt, st->cfg->kvm ? nr_cpus + 1 : 0, 5, fx);
}

/* __phys_to_virt(): (pa - PHYS_OFFSET) | PAGE_OFFSET (asm/memory.h) */
uint64_t vml_arm64_phys_to_virt(const struct arm64_state *st, uint64_t pa)
{
	return (pa - st->memstart_addr) | st->page_offset;
}
