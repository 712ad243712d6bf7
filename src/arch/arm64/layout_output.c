/* SPDX-License-Identifier: MIT */
/*
 * DOC: what the arm64 policy publishes: regions, linear segments, the table
 *
 * arm64 6.x prints no "Virtual kernel memory layout" at boot; the layout
 * is documented by Documentation/arm64/memory.rst (v6.1;
 * Documentation/arch/arm64/memory.rst later, tables deleted in v6.14). The
 * lines are that table, in the order and with the labels of the version:
 * v6.1's "fixed mappings (top down)" fills the gap below PCI I/O and the
 * vmemmap sits at the top; from v6.9 the vmemmap, PCI I/O and fixmap sit
 * under -1 GiB .. -8 MiB. Regions are published in address order; "kernel"
 * lies inside "vmalloc" (the image's home since v4.6).
 */
#include "arch/arm64/layout_arm64.h"

static int region(struct arm64_state *st, const char *name, uint64_t start, uint64_t end)
{
	return vml_layout_add_region(st->lo, name, start, end, st->diag);
}

int vml_arm64_regions(struct arm64_state *st)
{
	uint64_t text = st->modules_end + st->kaslr_offset;
	int ret = region(st, "linear", st->linear_start, st->page_end);

	if (!ret && st->cfg->kasan)
		ret = region(st, "kasan", st->kasan_start, st->kasan_end);
	if (!ret)
		ret = region(st, "modules", st->modules_vaddr, st->modules_end);
	if (!ret)
		ret = region(st, "vmalloc", st->vmalloc_start, st->vmalloc_end);
	if (!ret)
		ret = region(st, "kernel", text, text + st->image_size);
	return ret ? ret : st->prof->top_regions(st);
}

/* v6.1: the fixmap, PCI I/O and vmemmap, upwards. */
int vml_arm64_regions_top_v6_1(struct arm64_state *st)
{
	int ret = region(st, "fixmap", st->fixaddr_tot_start, st->fixaddr_top);

	if (!ret)
		ret = region(st, "pci_io", st->pci_io_start, st->pci_io_end);
	return ret ? ret : region(st, "vmemmap", st->vmemmap_used, st->vmemmap_end);
}

/* v6.9+: the vmemmap, PCI I/O and fixmap, upwards. */
int vml_arm64_regions_top_v6_9(struct arm64_state *st)
{
	int ret = region(st, "vmemmap", st->vmemmap_used, st->vmemmap_end);

	if (!ret)
		ret = region(st, "pci_io", st->pci_io_start, st->pci_io_end);
	return ret ? ret : region(st, "fixmap", st->fixaddr_tot_start, st->fixaddr_top);
}

static int row(struct arm64_state *st, const char *label, uint64_t start, uint64_t end)
{
	return vml_layout_add_line(st->lo, "  ", label, start, end, VML_UNIT_MB, st->diag);
}

static const char guard[] = "[guard region]";

/* v6.1 Documentation/arm64/memory.rst, above vmalloc. */
int vml_arm64_rows_v6_1(struct arm64_state *st)
{
	int ret = row(st, "fixed mappings (top down)", st->vmalloc_end, st->fixaddr_top);

	if (!ret)
		ret = row(st, guard, st->fixaddr_top, st->pci_io_start);
	if (!ret)
		ret = row(st, "PCI I/O space", st->pci_io_start, st->pci_io_end);
	if (!ret)
		ret = row(st, guard, st->pci_io_end, st->vmemmap_start);
	if (!ret)
		ret = row(st, "vmemmap", st->vmemmap_start, st->vmemmap_end);
	if (!ret)
		ret = row(st, guard, st->vmemmap_end, 0);
	return ret;
}

/* v6.9+ (the stale v6.13 tables redrawn with the v6.12 formulas). */
int vml_arm64_rows_v6_9(struct arm64_state *st)
{
	int ret = row(st, guard, st->vmalloc_end, st->vmemmap_used);

	if (!ret)
		ret = row(st, "vmemmap", st->vmemmap_used, st->vmemmap_end);
	if (!ret)
		ret = row(st, guard, st->vmemmap_end, st->pci_io_start);
	if (!ret)
		ret = row(st, "PCI I/O space", st->pci_io_start, st->pci_io_end);
	if (!ret)
		ret = row(st, "[unused]", st->pci_io_end, st->fixaddr_tot_start);
	if (!ret)
		ret = row(st, "fixed mappings (top down)", st->fixaddr_tot_start, st->fixaddr_top);
	if (!ret)
		ret = row(st, guard, st->fixaddr_top, 0);
	return ret;
}

/* A tiny string builder for the title (the core has no snprintf). */
struct title {
	char *buf;
	size_t len, cap;
};

static void put_str(struct title *t, const char *s)
{
	while (*s && t->len + 1 < t->cap)
		t->buf[t->len++] = *s++;
	t->buf[t->len] = '\0';
}

static void put_uint(struct title *t, uint64_t v)
{
	char digits[24];
	int n = 0;

	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n && t->len + 1 < t->cap)
		t->buf[t->len++] = digits[--n];
	t->buf[t->len] = '\0';
}

/* "AArch64 Linux memory layout with 4KB pages + 4 levels (48-bit)::", the
 * 52-bit variants "(52-bit with HW support)" (as memory.rst) and "(52-bit
 * build on a 48-bit CPU)" (or "run at 48 bits: arm64.nolva" when the
 * command line hides the CPU's feature), with the levels the CPU walks (an
 * LPA2 build on a CPU without LPA2 starts one level lower:
 * early_map_kernel() v6.12). */
static void title(struct arm64_state *st)
{
	struct title t = {st->lo->lines_title, 0, sizeof(st->lo->lines_title)};
	unsigned int levels = st->levels;

	if (st->va_bits == 52 && st->vabits_actual != 52 && st->page_shift != 16)
		levels--;
	put_str(&t, "AArch64 Linux memory layout with ");
	put_uint(&t, st->page_size >> 10);
	put_str(&t, "KB pages + ");
	put_uint(&t, levels);
	put_str(&t, " levels (");
	put_uint(&t, st->va_bits);
	if (st->va_bits == 52 && st->vabits_actual == 52) {
		put_str(&t, "-bit with HW support)::");
	} else if (st->va_bits == 52 && (st->ov.no_lva || st->ov.no_lpa2) &&
		   !(st->cfg->cpu_va_bits && st->cfg->cpu_va_bits < 52)) {
		put_str(&t, "-bit build run at ");
		put_uint(&t, st->vabits_actual);
		put_str(&t, " bits: arm64.nolva)::");
	} else if (st->va_bits == 52) {
		put_str(&t, "-bit build on a ");
		put_uint(&t, st->vabits_actual);
		put_str(&t, "-bit CPU)::");
	} else {
		put_str(&t, "-bit)::");
	}
}

int vml_arm64_table(struct arm64_state *st)
{
	int ret;

	st->lo->lines_style = VML_LINES_MEMORY_RST;
	/* arm64 prints no layout at boot (commit 071929dbdd86, "arm64: Stop
	 * printing the virtual memory layout") */
	st->lo->lines_label = "vmlayout's summary: arm64 prints no layout at boot; shown as "
			      "the kernel's Documentation/arm64/memory.rst table";
	title(st);
	/* TASK_SIZE_64 = 1 << vabits_actual (asm/processor.h) */
	ret = row(st, "user", 0, 1ULL << st->vabits_actual);
	/* as memory.rst: the logical map row spans up to _PAGE_END(VA_BITS_MIN)
	 * and the KASAN shadow is a bracketed row inside it */
	if (!ret)
		ret = row(st, "kernel logical memory map", st->linear_start,
			  st->cfg->kasan ? st->kasan_end : st->page_end);
	if (!ret && st->cfg->kasan)
		ret = vml_layout_add_line(st->lo, " [", "[kasan shadow region]", st->kasan_start,
					  st->kasan_end, VML_UNIT_MB, st->diag);
	if (!ret)
		ret = row(st, "modules", st->modules_vaddr, st->modules_end);
	if (!ret)
		ret = row(st, "vmalloc", st->vmalloc_start, st->vmalloc_end);
	return ret ? ret : st->prof->top_rows(st);
}

/* map_mem(): every memblock memory range outside NOMAP, at __phys_to_virt(). */
int vml_arm64_linear_segments(struct arm64_state *st)
{
	struct vml_memblock_iter it = VML_MEMBLOCK_ITER_INIT;
	vml_phys_t start, end;
	int ret = VML_OK;

	while (!ret && vml_memblock_next_mem_range(st->mb, &it, VML_MEMBLOCK_NONE, &start, &end))
		ret = vml_layout_add_segment(st->lo, vml_arm64_phys_to_virt(st, start), start,
					     end - start, st->diag);
	return ret;
}
