/* SPDX-License-Identifier: MIT */
/*
 * DOC: the fixed virtual areas and the boot-log block
 *
 * Areas: arch/arm/include/asm/{memory,pgtable,fixmap,highmem}.h of v3.4 and
 * v6.1. The block is mem_init()'s "Virtual kernel memory layout:" of
 * arch/arm/mm/init.c v3.4 (MLK/MLM floor sizes, MLK_ROUNDUP for the image
 * sections); 6.x no longer prints it (commit 1c31d4e96b8c, v5.1), so the
 * 6.1 profile prints the same block with its own values and the fixmap line
 * as 4.15+ printed it (FIXADDR_START - FIXADDR_END). With msm
 * ENABLE_VMALLOC_SAVING the vmalloc/lowmem pair is replaced by
 * print_vmalloc_lowmem_info() (msm-3.4 init.c), a TAB and spaces included.
 */
#include "arch/arm/arm_policy.h"

#define ARM_VECTORS_BASE 0xffff0000ULL
#define ARM_PCI_IO_VIRT_BASE 0xfee00000ULL /* v6.1 memory.rst: fee00000-feffffff */
#define ARM_FDT_FIXED_BASE 0xff800000ULL
#define ARM_MAX_HOLE_SPAN (256 * VML_SZ_1M)

static uint64_t modules_vaddr(const struct arm_state *st)
{
	return st->page_offset - (st->cfg->thumb2_kernel ? VML_SZ_8M : VML_SZ_16M);
}

static uint64_t modules_end(const struct arm_state *st)
{
	return st->cfg->highmem ? st->page_offset - VML_SZ_2M : st->page_offset;
}

/* General intermix: the VA of every hole between mapped lowmem pieces is a
 * piece of vmalloc space ("vmalloc_hole"). */
static int intermix_hole_regions(struct arm_state *st)
{
	struct vml_memblock_iter it = VML_MEMBLOCK_ITER_INIT;
	vml_phys_t start, end;
	uint64_t prev_end = st->phys_offset;
	int ret = 0;

	while (vml_memblock_next_mem_range(st->mb, &it, VML_MEMBLOCK_NONE, &start, &end)) {
		if (start >= st->lowmem_limit)
			break;
		if (start > prev_end)
			ret |=
			    vml_layout_add_region(st->lo, "vmalloc_hole", vml_arm_va(st, prev_end),
						  vml_arm_va(st, start), st->diag);
		prev_end = vml_max(prev_end, end);
	}
	return ret;
}

int vml_arm_fixed_regions(struct arm_state *st)
{
	struct vml_layout *lo = st->lo;
	struct vml_diag *d = st->diag;
	uint64_t fdt_size = 2 * (st->lpae ? VML_SZ_2M : VML_SZ_1M); /* 2 * SECTION_SIZE */
	int ret = 0;

	ret |=
	    vml_layout_add_region(lo, "vectors", ARM_VECTORS_BASE, ARM_VECTORS_BASE + VML_SZ_4K, d);
	ret |= vml_layout_add_region(lo, "fixmap", st->prof->fixmap_start, st->prof->fixmap_end, d);
	if (st->prof->fdt_fixed_area)
		ret |= vml_layout_add_region(lo, "dtb", ARM_FDT_FIXED_BASE,
					     ARM_FDT_FIXED_BASE + fdt_size, d);
	ret |= vml_layout_add_region(lo, "vmalloc", st->vmalloc_start, st->prof->vmalloc_end, d);
	if (st->prof->pci_io_static_vm && st->cfg->pci)
		ret |= vml_layout_add_region(lo, "pci_io", ARM_PCI_IO_VIRT_BASE,
					     ARM_PCI_IO_VIRT_BASE + VML_SZ_2M, d);
	ret |= vml_layout_add_region(lo, "lowmem", st->page_offset, st->high_memory, d);
	if (st->intermix_holes)
		ret |= intermix_hole_regions(st);
	if (st->cfg->highmem)
		ret |= vml_layout_add_region(lo, "pkmap", st->page_offset - VML_SZ_2M,
					     st->page_offset, d);
	if (st->cfg->modules)
		ret |= vml_layout_add_region(lo, "modules", modules_vaddr(st), modules_end(st), d);
	return ret ? VML_ENOMEM : VML_OK;
}

/* print_vmalloc_lowmem_info() of msm-3.4: top vmalloc, then from the last
 * bank down: its lowmem line, and the vmalloc line of the gap below it. */
static int vmalloc_saving_lines(struct arm_state *st)
{
	static const char vm_prefix[] = "\t   ", low_prefix[] = "\t    ";
	int ret = vml_layout_add_line(st->lo, vm_prefix, "vmalloc ", st->vmalloc_start,
				      st->prof->vmalloc_end, VML_UNIT_MB, st->diag);

	for (int i = (int)st->n_banks - 1; !ret && i >= 0; i--) {
		const struct arm_bank *b = &st->banks[i];

		if (b->highmem)
			continue;
		ret =
		    vml_layout_add_line(st->lo, low_prefix, "lowmem ", vml_arm_va(st, b->start),
					vml_arm_va(st, b->start + b->size), VML_UNIT_MB, st->diag);
		if (!ret && i > 0) {
			const struct arm_bank *prev = &st->banks[i - 1];
			uint64_t prev_end = prev->start + prev->size;

			if (prev_end != b->start &&
			    prev_end <= st->phys_offset + ARM_MAX_HOLE_SPAN) {
				ret = vml_layout_add_line(
				    st->lo, vm_prefix, "vmalloc ", vml_arm_va(st, prev_end),
				    vml_arm_va(st, b->start), VML_UNIT_MB, st->diag);
				if (!ret)
					ret = vml_layout_add_region(
					    st->lo, "vmalloc_hole", vml_arm_va(st, prev_end),
					    vml_arm_va(st, b->start), st->diag);
			}
		}
	}
	return ret;
}

/* General intermix (6.1): the summary shows the pieces as msm-3.4's
 * print_vmalloc_lowmem_info() did, from the top down: the vmalloc area,
 * then each mapped lowmem piece and the vmalloc piece of the hole below
 * it. Too many pieces for the line table: the plain pair of lines. */
#define ARM_INTERMIX_MAX_PIECES 10

static int intermix_summary_lines(struct arm_state *st)
{
	static const char vm_prefix[] = "\t   ", low_prefix[] = "\t    ";
	struct vml_memblock_iter it = VML_MEMBLOCK_ITER_INIT;
	struct vml_range64 piece[ARM_INTERMIX_MAX_PIECES];
	unsigned int n = 0;
	vml_phys_t start, end;
	int ret;

	while (vml_memblock_next_mem_range(st->mb, &it, VML_MEMBLOCK_NONE, &start, &end)) {
		if (start >= st->lowmem_limit)
			break;
		if (n == ARM_INTERMIX_MAX_PIECES)
			return 1;
		piece[n++] = (struct vml_range64){start, vml_min(end, st->lowmem_limit) - start};
	}
	ret = vml_layout_add_line(st->lo, vm_prefix, "vmalloc ", st->vmalloc_start,
				  st->prof->vmalloc_end, VML_UNIT_MB, st->diag);
	while (!ret && n--) {
		ret = vml_layout_add_line(
		    st->lo, low_prefix, "lowmem ", vml_arm_va(st, piece[n].base),
		    vml_arm_va(st, piece[n].base + piece[n].size), VML_UNIT_MB, st->diag);
		if (!ret && n && piece[n - 1].base + piece[n - 1].size < piece[n].base)
			ret = vml_layout_add_line(
			    st->lo, vm_prefix, "vmalloc ",
			    vml_arm_va(st, piece[n - 1].base + piece[n - 1].size),
			    vml_arm_va(st, piece[n].base), VML_UNIT_MB, st->diag);
	}
	return ret;
}

/* One section's boot-log line and region; a section whose symbols the map
 * lacks (they read 0: a partial map or a kallsyms without them) is left
 * out rather than printed as a range that ends before it starts. */
static int image_section(struct arm_state *st, const char *prefix, const char *label,
			 const char *name, uint64_t start, uint64_t end)
{
	int ret;

	if (!start || !end || end < start)
		return VML_OK;
	ret = vml_layout_add_line(st->lo, prefix, label, start, end, VML_UNIT_KB_ROUNDUP, st->diag);
	return ret ? ret : vml_layout_add_region(st->lo, name, start, end, st->diag);
}

static int image_lines(struct arm_state *st)
{
	const struct vml_kernel_image *img = &st->cfg->image;
	static const char p6[] = "      ", p7[] = "       ";
	int ret = 0;

	if (!img->known)
		return VML_OK;
	ret |= image_section(st, p6, ".text ", ".text", img->text, img->etext);
	ret |= image_section(st, p6, ".init ", ".init", img->init_begin, img->init_end);
	ret |= image_section(st, p6, ".data ", ".data", img->sdata, img->edata);
	ret |= image_section(st, p7, ".bss ", ".bss", img->bss_start, img->bss_stop);
	return ret ? VML_ENOMEM : VML_OK;
}

int vml_arm_boot_log_lines(struct arm_state *st)
{
	static const char p4[] = "    ";
	struct vml_layout *lo = st->lo;
	struct vml_diag *d = st->diag;
	int ret = 0;

	if (!st->prof->prints_layout_block)
		lo->lines_label = "vmlayout's summary: this kernel prints no such block "
				  "since v5.1; shown in v3.4's format";
	ret |= vml_layout_add_line(lo, p4, "vector  ", ARM_VECTORS_BASE,
				   ARM_VECTORS_BASE + VML_SZ_4K, VML_UNIT_KB, d);
	ret |= vml_layout_add_line(lo, p4, "fixmap  ", st->prof->fixmap_start, st->prof->fixmap_end,
				   VML_UNIT_KB, d);
	if (st->prof->intermix_boot_log && st->cfg->reclaim == VML_RECLAIM_VMALLOC_SAVING) {
		ret |= vmalloc_saving_lines(st);
	} else {
		int pieces = st->intermix_holes ? intermix_summary_lines(st) : 1;

		if (pieces > 0) {
			ret |= vml_layout_add_line(lo, p4, "vmalloc ", st->vmalloc_start,
						   st->prof->vmalloc_end, VML_UNIT_MB, d);
			ret |= vml_layout_add_line(lo, p4, "lowmem  ", st->page_offset,
						   st->high_memory, VML_UNIT_MB, d);
		}
		ret |= pieces < 0 ? pieces : 0;
	}
	if (st->cfg->highmem)
		ret |= vml_layout_add_line(lo, p4, "pkmap   ", st->page_offset - VML_SZ_2M,
					   st->page_offset, VML_UNIT_MB, d);
	if (st->cfg->modules)
		ret |= vml_layout_add_line(lo, p4, "modules ", modules_vaddr(st), modules_end(st),
					   VML_UNIT_MB, d);
	ret |= image_lines(st);
	return ret ? VML_ENOMEM : VML_OK;
}
