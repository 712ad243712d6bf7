/* SPDX-License-Identifier: MIT */
/*
 * DOC: arm64 v6.1 paging_init(): the image's and the idmap's tables
 *
 * v6.1's paging_init() (arch/arm64/mm/mmu.c) takes every table it writes
 * from early_pgtable_alloc() (memblock_phys_alloc_range(PAGE_SIZE,
 * PAGE_SIZE, 0, MEMBLOCK_ALLOC_NOLEAKTRACE): one page each, top-down), in
 * this order:
 *   1. map_kernel(): the five image segments into the empty swapper_pg_dir
 *      (the fixmap's PGD entry is copied from init_pg_dir: no table);
 *   2. map_mem(): the linear map (layout_zones.c linear_map_tables());
 *   3. create_idmap(), after init_pg_dir is given back: [__idmap_text_start,
 *      __idmap_text_end) PAGE_KERNEL_ROX and, with CONFIG_UNMAP_KERNEL_AT_EL0,
 *      the 4-byte __idmap_kpti_flag PAGE_KERNEL, into the empty idmap_pg_dir
 *      (one more page first when VA_BITS < 48 and idmap_t0sz needs an extra
 *      level).
 * Debian 12's 6.1 (4K, 48 bits) takes 7 pages for 1. (a PUD, a PMD, a PTE
 * table for each 2 MiB piece the segments share or end in) and 4 for 3.
 * From v6.9 (the 6.12 profile) the image and the idmap are mapped from
 * tables inside the image (kernel/pi/map_kernel.c, mmu.c idmap_ptes[],
 * kpti_ptes[]): no memblock page.
 *
 * __create_pgd_mapping() needs a table at a level for every piece of that
 * level's size it touches, but a piece one block maps: PMD blocks, and PUD
 * blocks with 4K pages (pud_sect_supported()), where the VA, the end and
 * the PA are aligned and the flags allow blocks (alloc_init_pud(),
 * init_pmd(), v6.1). Where the idmap text and the flag are is not in the
 * System.map vmlayout reads: the text is taken at the last page of .text
 * (IDMAP_TEXT is the last input of .text, at most a page, before the .got
 * and the 64 KiB alignment of _etext: vmlinux.lds.S v6.1), the flag at the
 * first page of .data (arch/arm64/mm/proc.S puts it in .data, whose
 * objects from arch/ come early in the link order). Without a System.map
 * only _stext (_text + SEGMENT_ALIGN) and _end are known: the image is
 * counted as one segment, a lower bound, and the idmap takes the text at
 * _stext and the flag at the image's last page.
 */
#include "arch/arm64/boot_tables.h"
#include "arch/arm64/layout_arm64.h"

/* One __create_pgd_mapping() call: [va, va + size) at pa. */
struct pgd_mapping {
	uint64_t va, pa, size;
	bool blocks; /* NO_BLOCK_MAPPINGS not set */
};

/* Whether the 2^shift piece @piece (VA >> shift) is one block of @m. */
static bool block_maps(const struct pgd_mapping *m, uint64_t piece, unsigned int shift)
{
	const uint64_t lo = piece << shift, hi = lo + (1ULL << shift), mask = (1ULL << shift) - 1;

	return m->blocks && m->va <= lo && hi <= m->va + m->size && !((m->va ^ m->pa) & mask);
}

/* The tables below the root that @n mappings (sorted by VA, disjoint) need
 * in an empty tree of @levels levels. */
static uint64_t tables_below_root(const struct arm64_state *st, const struct pgd_mapping *m,
				  unsigned int n, unsigned int levels)
{
	const unsigned int bits = st->page_shift - 3;
	uint64_t tables = 0;

	for (unsigned int k = 1; k < levels; k++) {
		const unsigned int shift = st->page_shift + k * bits;
		/* PMD blocks; PUD blocks with 4K pages */
		const bool block_level = k == 1 || (k == 2 && st->page_shift == 12);
		uint64_t last = ~0ULL;

		for (unsigned int i = 0; i < n; i++) {
			uint64_t s = m[i].va >> shift, e = (m[i].va + m[i].size - 1) >> shift;

			for (uint64_t p = s; p <= e; p++) {
				/* a piece the previous mapping touched has its table */
				if (p == last)
					continue;
				if (!(block_level && block_maps(&m[i], p, shift)))
					tables++;
				last = p;
			}
		}
	}
	return tables;
}

/* The image's VA and PA of a link-time address. */
static uint64_t image_va(const struct arm64_state *st, uint64_t link)
{
	return link - st->cfg->image.text + st->modules_end + st->kaslr_offset;
}

static uint64_t image_pa(const struct arm64_state *st, uint64_t link)
{
	return link - st->cfg->image.text + st->pa_text;
}

static struct pgd_mapping segment(const struct arm64_state *st, uint64_t from, uint64_t to,
				  bool blocks)
{
	struct pgd_mapping m = {image_va(st, from), image_pa(st, from), to - from, blocks};

	return m;
}

/* map_kernel() v6.1: _stext.._etext, __start_rodata..__inittext_begin
 * (= __init_begin), __inittext_begin..__inittext_end, __initdata_begin
 * (= __inittext_end)..__initdata_end (= __init_end), _data..__end; blocks
 * everywhere (rodata only drops the contiguous bit). __inittext_end comes
 * from the System.map; without it (a System.map derived from a 6.1
 * /proc/kallsyms, which has text symbols only) the init section is counted
 * as one segment: the split adds a table only when __inittext_end falls
 * inside a 2M piece the init section otherwise covers whole (on Debian's
 * image it falls in __init_begin's piece). */
static uint64_t map_kernel_tables(const struct arm64_state *st)
{
	const struct vml_kernel_image *im = &st->cfg->image;
	struct pgd_mapping m[5];

	if (!im->known || !im->stext || !im->etext || !im->start_rodata || !im->init_begin ||
	    !im->init_end || !im->sdata || im->end <= im->sdata) {
		/* without the segments: [_stext, _end) as one */
		const uint64_t va = st->modules_end + st->kaslr_offset + VML_ARM64_SEGMENT_ALIGN;
		struct pgd_mapping one = {va, st->pa_text + VML_ARM64_SEGMENT_ALIGN,
					  st->image_size - VML_ARM64_SEGMENT_ALIGN, true};

		if (!st->image_size_known || st->image_size <= VML_ARM64_SEGMENT_ALIGN)
			return 0;
		return tables_below_root(st, &one, 1, st->levels);
	}
	m[0] = segment(st, im->stext, im->etext, true);
	m[1] = segment(st, im->start_rodata, im->init_begin, true);
	if (im->inittext_end <= im->init_begin || im->inittext_end >= im->init_end) {
		/* unknown: the init section as one segment, a lower bound */
		m[2] = segment(st, im->init_begin, im->init_end, true);
		m[3] = segment(st, im->sdata, im->end, true);
		return tables_below_root(st, m, 4, st->levels);
	}
	m[2] = segment(st, im->init_begin, im->inittext_end, true);
	m[3] = segment(st, im->inittext_end, im->init_end, true);
	m[4] = segment(st, im->sdata, im->end, true);
	return tables_below_root(st, m, 5, st->levels);
}

/* create_idmap() v6.1: the idmap text (the last page of .text), then the
 * KPTI flag (the first page of .data), VA = PA. */
static uint64_t create_idmap_tables(const struct arm64_state *st)
{
	const struct vml_kernel_image *im = &st->cfg->image;
	const unsigned int va_bits_min = st->va_bits_min;
	uint64_t text_pa, end_pa = st->pa_text + st->image_size, extra = 0, t0sz;
	struct pgd_mapping m[2];
	unsigned int n = 1;
	uint64_t fls = 0;

	if (!st->image_size_known)
		return 0;
	text_pa = im->known && im->etext > im->text ? image_pa(st, im->etext) - st->page_size
						    : st->pa_text + VML_ARM64_SEGMENT_ALIGN;
	/* idmap_t0sz = 63 - __fls(__pa_symbol(_end) | GENMASK(VA_BITS_MIN - 1, 0))
	 * (paging_init()); an extra level below VA_BITS 48 when it is smaller
	 * than 64 - VA_BITS_MIN */
	for (uint64_t x = end_pa | ((1ULL << va_bits_min) - 1); x > 1; x >>= 1)
		fls++;
	t0sz = 63 - fls;
	if (st->va_bits < 48 && t0sz < 64 - va_bits_min)
		extra = 1;
	m[0] = (struct pgd_mapping){text_pa, text_pa, st->page_size, true};
	if (st->cfg->unmap_kernel_at_el0) {
		uint64_t flag_pa = im->known && im->sdata > im->text
				       ? image_pa(st, im->sdata)
				       : vml_align_down(end_pa - 1, st->page_size);

		if (flag_pa == text_pa)
			return extra + tables_below_root(st, m, 1, st->levels);
		m[n++] = (struct pgd_mapping){flag_pa, flag_pa, st->page_size, true};
		if (m[1].va < m[0].va) {
			struct pgd_mapping t = m[0];

			m[0] = m[1];
			m[1] = t;
		}
	}
	return extra + tables_below_root(st, m, n, st->levels);
}

uint64_t vml_arm64_paging_init_image_tables(const struct arm64_state *st)
{
	return st->prof->paging_init_maps_image ? map_kernel_tables(st) : 0;
}

uint64_t vml_arm64_paging_init_idmap_tables(const struct arm64_state *st)
{
	return st->prof->paging_init_maps_image ? create_idmap_tables(st) : 0;
}
