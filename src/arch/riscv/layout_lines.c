/* SPDX-License-Identifier: MIT */
/*
 * DOC: riscv64 regions, the boot-log block and the linear map's leaves
 *
 * The block is print_vm_layout() of arch/riscv/mm/init.c (CONFIG_DEBUG_VM):
 * "%12s : 0x%08lx - 0x%08lx   (%4ld <unit>)". v5.10 prints fixmap in kB and
 * the rest in MB (print_mlk/print_mlm), with the macros' inclusive *_END
 * values; v6.x (v6.12, v6.18) picks the unit per line (print_ml: TB from
 * 10 TiB, GB from 10 GiB, MB from 10 MiB, else kB) and adds modules, kasan
 * (CONFIG_KASAN) and kernel (virt_addr .. ADDRESS_SPACE_END).
 */
#include "arch/riscv/layout_policy.h"

/* print_ml()'s unit choice (v6.12 mm/init.c). */
static enum vml_line_unit ml_unit(uint64_t start, uint64_t end)
{
	uint64_t diff = end - start;

	if ((diff >> 40) >= 10)
		return VML_UNIT_TB;
	if ((diff >> 30) >= 10)
		return VML_UNIT_GB;
	if ((diff >> 20) >= 10)
		return VML_UNIT_MB;
	return VML_UNIT_KB;
}

static int line(struct riscv_state *st, const char *label, uint64_t start, uint64_t end,
		enum vml_line_unit unit)
{
	return vml_layout_add_line(st->lo, "", label, start, end, unit, st->diag);
}

static int ml(struct riscv_state *st, const char *label, uint64_t start, uint64_t end)
{
	return line(st, label, start, end, ml_unit(start, end));
}

/* Labels as "%12s " prints them (the host adds ": "). */
#define L_FIXMAP "      fixmap "
#define L_PCI_IO "      pci io "
#define L_VMEMMAP "     vmemmap "
#define L_VMALLOC "     vmalloc "
#define L_MODULES "     modules "
#define L_LOWMEM "      lowmem "
#define L_KASAN "       kasan "
#define L_KERNEL "      kernel "

int vml_riscv_boot_log_5_10(struct riscv_state *st)
{
	int ret = line(st, L_FIXMAP, st->fixaddr_start, st->fixaddr_top, VML_UNIT_KB);

	ret = ret ? ret : line(st, L_PCI_IO, st->pci_io_start, st->pci_io_end, VML_UNIT_MB);
	ret = ret ? ret : line(st, L_VMEMMAP, st->vmemmap_start, st->vmemmap_end, VML_UNIT_MB);
	ret = ret ? ret : line(st, L_VMALLOC, st->vmalloc_start, st->vmalloc_end, VML_UNIT_MB);
	ret = ret ? ret : line(st, L_LOWMEM, st->page_offset, st->high_memory, VML_UNIT_MB);
	return ret;
}

int vml_riscv_boot_log_6_x(struct riscv_state *st)
{
	int ret = ml(st, L_FIXMAP, st->fixaddr_start, st->fixaddr_top);

	ret = ret ? ret : ml(st, L_PCI_IO, st->pci_io_start, st->pci_io_end);
	ret = ret ? ret : ml(st, L_VMEMMAP, st->vmemmap_start, st->vmemmap_end);
	ret = ret ? ret : ml(st, L_VMALLOC, st->vmalloc_start, st->vmalloc_end);
	ret = ret ? ret : ml(st, L_MODULES, st->modules_vaddr, st->modules_end);
	ret = ret ? ret : ml(st, L_LOWMEM, st->page_offset, st->high_memory);
	if (!ret && st->cfg->kasan)
		ret = ml(st, L_KASAN, st->kasan_start, st->kasan_end);
	ret = ret ? ret : ml(st, L_KERNEL, st->kernel_virt, RISCV_ADDRESS_SPACE_END);
	return ret;
}

/* The named regions, [start, end) exclusive (5.10's inclusive ends + 1). */
int vml_riscv_regions(struct riscv_state *st)
{
	struct vml_layout *lo = st->lo;
	struct vml_diag *d = st->diag;
	/* both end at PAGE_OFFSET (5.10's VMALLOC_END is PAGE_OFFSET - 1) */
	uint64_t vm_end = st->page_offset;
	uint64_t mod_end =
	    st->modules_end == st->page_offset - 1 ? st->page_offset : st->modules_end;
	int ret = 0;

	ret |= vml_layout_add_region(lo, "fixmap", st->fixaddr_start, st->fixaddr_top, d);
	ret |= vml_layout_add_region(lo, "pci_io", st->pci_io_start, st->pci_io_end, d);
	ret |= vml_layout_add_region(lo, "vmemmap", st->vmemmap_start, st->vmalloc_start, d);
	ret |= vml_layout_add_region(lo, "vmalloc", st->vmalloc_start, vm_end, d);
	ret |= vml_layout_add_region(lo, "linear", st->page_offset, st->linear_end, d);
	if (st->cfg->kasan)
		ret |= vml_layout_add_region(lo, "kasan", st->kasan_start, st->kasan_end, d);
	if (st->cfg->modules)
		ret |= vml_layout_add_region(lo, "modules", st->modules_vaddr, mod_end, d);
	ret |= vml_layout_add_region(lo, "kernel", st->kernel_virt,
				     vml_align_up(st->kernel_virt + st->kernel_size, VML_SZ_4K), d);
	return ret ? VML_ENOMEM : VML_OK;
}

/* best_map_size(): v5.10 takes one size per memblock range (PMD_SIZE when
 * its base and size are 2 MiB aligned, else PAGE_SIZE); v6.x per step: P4D
 * (sv57), PUD (sv48/57), PMD, else 4 KiB, when pa and va are aligned. */
static uint64_t leaf(const struct riscv_state *st, uint64_t pa, uint64_t size)
{
	uint64_t va = riscv_va(st, pa);
	const uint64_t sizes[3] = {1ULL << 39, VML_SZ_1G, VML_SZ_2M};

	for (int i = 0; i < 3; i++) {
		if (i == 0 && st->va_bits < 57)
			continue;
		if (i == 1 && st->va_bits < 48)
			continue;
		if (!(pa & (sizes[i] - 1)) && !(va & (sizes[i] - 1)) && size >= sizes[i])
			return sizes[i];
	}
	return VML_SZ_4K;
}

/* The leaves best_map_size() steps give [pa, end) (5.10: one size for a
 * whole range), counted into @n (512G, 1G, 2M, 4K). */
static void count_leaves(const struct riscv_state *st, uint64_t pa, uint64_t end, uint64_t *n)
{
	const bool v5 = st->prof->boot_log == vml_riscv_boot_log_5_10;
	uint64_t range_sz = ((pa | (end - pa)) & (VML_SZ_2M - 1)) ? VML_SZ_4K : VML_SZ_2M;

	while (pa < end) {
		uint64_t sz = v5 ? range_sz : leaf(st, pa, end - pa);

		n[sz == VML_SZ_4K ? 3 : sz == VML_SZ_2M ? 2 : sz == VML_SZ_1G ? 1 : 0]++;
		pa += sz;
	}
}

/* 6.x create_linear_mapping_page_table(): the early KFENCE pool is NOMAP
 * while the memory ranges are mapped, then mapped alone with PAGE_SIZE. */
static const struct vml_reservation *kfence_pool(const struct riscv_state *st)
{
	for (unsigned int i = 0; i < st->lo->n_reservations; i++)
		if (vml_str_eq(st->lo->reservations[i].name, "kfence pool"))
			return &st->lo->reservations[i];
	return NULL;
}

/* The linear segments, and the leaves as a note (the tables come later;
 * STRICT_KERNEL_RWX's split around the image's text and rodata is not
 * applied here: `vmlayout boot-tables` builds the real ones). */
void vml_riscv_linear_map_notes(struct riscv_state *st)
{
	struct vml_memblock_iter it = VML_MEMBLOCK_ITER_INIT;
	const struct vml_reservation *pool = kfence_pool(st);
	uint64_t n[4] = {0, 0, 0, 0}; /* 512G, 1G, 2M, 4K */
	vml_phys_t start, end;

	while (vml_memblock_next_mem_range(st->mb, &it, VML_MEMBLOCK_NONE, &start, &end)) {
		/* setup_vm_final(): only the range holding __pa(PAGE_OFFSET) is
		 * clipped to it; 5.10 maps a bank wholly below the load address
		 * at __va(pa), below PAGE_OFFSET (6.x: none is below) */
		uint64_t pa = start < st->phys_ram_base && st->phys_ram_base < end
				  ? st->phys_ram_base
				  : start;

		if (pa < st->phys_ram_base)
			vml_layout_kmsg(st->lo,
					"vmlayout: RAM at 0x%llx lies below the load address: "
					"5.10 maps it below PAGE_OFFSET, at 0x%llx\n",
					pa, riscv_va(st, pa), 0, 0);
		vml_layout_add_segment(st->lo, riscv_va(st, pa), pa, end - pa, NULL);
		if (pool && pool->base >= pa && pool->base + pool->size <= end) {
			count_leaves(st, pa, pool->base, n);
			n[3] += pool->size / VML_SZ_4K;
			count_leaves(st, pool->base + pool->size, end, n);
		} else {
			count_leaves(st, pa, end, n);
		}
	}
	vml_layout_kmsg(st->lo,
			"vmlayout: linear map leaves (best_map_size): %llu x 512G, %llu x 1G, "
			"%llu x 2M, %llu x 4K\n",
			n[0], n[1], n[2], n[3]);
}
