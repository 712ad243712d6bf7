/* SPDX-License-Identifier: MIT */
/*
 * DOC: riscv64 virtual areas and the kernel image's place
 *
 * The region formulas of arch/riscv/include/asm/pgtable.h and asm/kasan.h:
 * v5.10 (the kernel inside the linear map at PAGE_OFFSET, inclusive *_END
 * macros, a 2 MiB fixmap, modules in the vmalloc area within 2 GiB of _end,
 * arch/riscv/kernel/module.c) and v6.11+ (v6.12, v6.18: the kernel in the
 * last 2 GiB since v5.13, modules the 2 GiB below it, KASAN ending at
 * MODULES_LOWEST_VADDR, a 6 MiB fixmap with the 4 MiB FDT window).
 */
#include "arch/riscv/layout_policy.h"

#define RISCV_PCI_IO_SIZE VML_SZ_16M
/* STRUCT_PAGE_MAX_SHIFT: order_base_2(sizeof(struct page)) = 6 (64 bytes) */
#define RISCV_STRUCT_PAGE_MAX_SHIFT 6
#define RISCV_PAGE_SHIFT 12
#define RISCV_KASAN_SHADOW_SCALE_SHIFT 3

/* _end - _start: the System.map's image, else --kernel-image's size, else 0
 * (a vmlayout note says so). */
uint64_t vml_riscv_image_size(const struct riscv_state *st)
{
	const struct vml_kernel_config *cfg = st->cfg;

	if (cfg->image.known && cfg->image.end > cfg->image.text)
		return cfg->image.end - cfg->image.text;
	return cfg->image_size;
}

static uint64_t pfn_align(uint64_t va)
{
	return vml_align_up(va, VML_SZ_4K);
}

static void vmemmap_pci_fixmap(struct riscv_state *st, uint64_t fixmap_size)
{
	unsigned int shift =
	    st->va_bits - RISCV_PAGE_SHIFT - 1 + RISCV_STRUCT_PAGE_MAX_SHIFT; /* VMEMMAP_SHIFT */

	st->vmemmap_start = st->vmalloc_start - (1ULL << shift);
	st->pci_io_end = st->vmemmap_start;
	st->pci_io_start = st->pci_io_end - RISCV_PCI_IO_SIZE;
	st->fixaddr_top = st->pci_io_start;
	st->fixaddr_start = st->fixaddr_top - fixmap_size;
}

/* v5.10 asm/pgtable.h: VMALLOC_END = PAGE_OFFSET - 1, VMEMMAP_END =
 * VMALLOC_START - 1 (inclusive, as the boot log prints them),
 * FIXADDR_SIZE = PMD_SIZE; module.c VMALLOC_MODULE_START =
 * max(PFN_ALIGN(_end - SZ_2G), VMALLOC_START), modules end at VMALLOC_END;
 * asm/kasan.h: the shadow is [KERN_VIRT_START, + 2^(38-3)), KERN_VIRT_START
 * = -BIT(VA_BITS) + TASK_SIZE = -2^38. */
void vml_riscv_areas_5_10(struct riscv_state *st)
{
	const uint64_t kern_virt_start = 0 - (1ULL << 38);
	uint64_t end = st->kernel_virt + st->kernel_size;

	st->vmalloc_end = st->page_offset - 1;
	st->vmalloc_start = st->page_offset - (st->kern_virt_size >> 1);
	vmemmap_pci_fixmap(st, VML_SZ_2M);
	st->vmemmap_end = st->vmalloc_start - 1;
	st->modules_vaddr = vml_max(pfn_align(end - 2 * VML_SZ_1G), st->vmalloc_start);
	st->modules_end = st->vmalloc_end;
	st->linear_end = 0; /* KERN_VIRT_SIZE = -PAGE_OFFSET: up to 2^64 */
	if (st->cfg->kasan) {
		st->kasan_start = kern_virt_start;
		st->kasan_end = kern_virt_start + (1ULL << (38 - RISCV_KASAN_SHADOW_SCALE_SHIFT));
	}
}

/* v6.11+ (v6.12, v6.18) asm/pgtable.h: VMALLOC_SIZE = KERN_VIRT_SIZE / 2
 * below PAGE_OFFSET; vmemmap, PCI I/O (16 MiB) and the fixmap (PMD_SIZE +
 * FIX_FDT_SIZE = 2 + 4 MiB) below it; MODULES_VADDR = PFN_ALIGN(_end) -
 * SZ_2G, MODULES_END = PFN_ALIGN(_start); asm/kasan.h: KASAN_SHADOW_END =
 * MODULES_LOWEST_VADDR = KERNEL_LINK_ADDR - SZ_2G, KASAN_SHADOW_SIZE =
 * 2^(VA_BITS - 1 - 3), KASAN_SHADOW_START rounded down to PGDIR_SIZE. */
void vml_riscv_areas_6_11(struct riscv_state *st)
{
	const uint64_t modules_lowest = RISCV_KERNEL_LINK_ADDR - 2 * VML_SZ_1G;

	st->vmalloc_end = st->page_offset;
	st->vmalloc_start = st->page_offset - (st->kern_virt_size >> 1);
	vmemmap_pci_fixmap(st, VML_SZ_2M + 2 * VML_SZ_2M);
	st->vmemmap_end = st->vmalloc_start;
	st->modules_vaddr = pfn_align(st->kernel_virt + st->kernel_size) - 2 * VML_SZ_1G;
	st->modules_end = pfn_align(st->kernel_virt);
	st->linear_end = st->page_offset + st->kern_virt_size;
	if (st->cfg->kasan) {
		uint64_t size = 1ULL << (st->va_bits - 1 - RISCV_KASAN_SHADOW_SCALE_SHIFT);

		st->kasan_end = modules_lowest;
		st->kasan_start = (modules_lowest - size) & ~(st->pgdir_size - 1);
		/* sv57: PAGE_OFFSET + KERN_VIRT_SIZE passes KASAN_SHADOW_START by
		 * 0.25 PiB; the linear area is shown up to the shadow */
		if (st->linear_end > st->kasan_start)
			st->linear_end = st->kasan_start;
	}
}

static int check_kernel_phys(struct riscv_state *st)
{
	if (st->kernel_phys & (VML_SZ_2M - 1))
		return vml_fail(st->diag, VML_EINVAL,
				"the riscv64 kernel must be loaded 2 MiB aligned (setup_vm BUG_ON)",
				st->kernel_phys, 0, -1);
	return VML_OK;
}

/* v5.10 mm/init.c setup_vm(): va_pa_offset = PAGE_OFFSET - load_pa, so
 * _start runs at PAGE_OFFSET, inside the linear map, and PAGE_OFFSET maps
 * the load address. No KASLR in 5.10. */
int vml_riscv_kernel_in_linear_map_5_10(struct riscv_state *st)
{
	int ret = check_kernel_phys(st);

	if (ret)
		return ret;
	if (st->cfg->randomize_base)
		vml_layout_kmsg(st->lo,
				"vmlayout: riscv has no RANDOMIZE_BASE before 6.6: ignored\n", 0, 0,
				0, 0);
	st->phys_ram_base = st->kernel_phys;
	st->kernel_virt = st->page_offset;
	return VML_OK;
}

/* v6.6+ mm/init.c setup_vm(): KASLR (CONFIG_RANDOMIZE_BASE, not with
 * nokaslr): nr_pos = (PUD_SIZE - kernel_size) / PMD_SIZE, virt_offset =
 * (seed % nr_pos) * PMD_SIZE; the seed is Zkr's (when every cpu lists zkr,
 * kernel/pi/archrandom_early.c) or else /chosen/kaslr-seed
 * (kernel/pi/fdt_early.c). virt_addr = KERNEL_LINK_ADDR + virt_offset. */
int vml_riscv_kernel_last_2g_kaslr_6_6(struct riscv_state *st)
{
	const struct vml_kernel_config *cfg = st->cfg;
	int ret = check_kernel_phys(st);

	if (ret)
		return ret;
	if (cfg->randomize_base && !cfg->nokaslr) {
		uint64_t nr_pos;

		/* nr_pos would be 0: the kernel divides by zero */
		if (st->kernel_size > VML_SZ_1G - VML_SZ_2M)
			return vml_fail(st->diag, VML_EINVAL,
					"a KASLR kernel must fit in one PUD (1 GiB)", 0,
					st->kernel_size, -1);
		if (st->board->riscv_zkr)
			vml_layout_kmsg(
			    st->lo,
			    "vmlayout: every cpu lists Zkr: the kernel seeds KASLR from "
			    "the seed CSR; KASLR_SEED stands for its value\n",
			    0, 0, 0, 0);
		nr_pos = (VML_SZ_1G - st->kernel_size) / VML_SZ_2M;
		st->virt_offset = (cfg->kaslr_seed % nr_pos) * VML_SZ_2M;
		st->lo->kaslr_slots = nr_pos;
	}
	st->kernel_virt = RISCV_KERNEL_LINK_ADDR + st->virt_offset;
	/* BUG_ON(virt_addr + size > ADDRESS_SPACE_END - SZ_4K) */
	if (st->kernel_size > RISCV_ADDRESS_SPACE_END - VML_SZ_4K - st->kernel_virt)
		return vml_fail(st->diag, VML_EINVAL,
				"the riscv64 image must end below the last 4 KiB", st->kernel_virt,
				st->kernel_size, -1);
	return VML_OK;
}
