/* SPDX-License-Identifier: MIT */
/*
 * DOC: the page-table pages setup_vm_final() takes from memblock (v6.12)
 *
 * paging_init() -> setup_vm_final() (arch/riscv/mm/init.c v6.12) builds
 * swapper_pg_dir with the fixmap pt_ops: every missing table below the
 * root is memblock_phys_alloc(PAGE_SIZE, PAGE_SIZE) (alloc_p4d_fixmap(),
 * alloc_pud_fixmap(), alloc_pmd_fixmap(), alloc_pte_fixmap()), top-down,
 * right after the KFENCE pool. Two walks take them:
 * - create_linear_mapping_page_table(): the image's text [_start,
 *   __init_data_begin) and rodata [__start_rodata, _data) and the pool are
 *   NOMAP while every other memory range (from __pa(PAGE_OFFSET) on) is
 *   mapped in best_map_size() steps; then the text and rodata aliases and
 *   the pool (4K);
 * - create_kernel_page_table(swapper_pg_dir, false): PMD_SIZE leaves over
 *   [kernel_map.virt_addr, + kernel_map.size).
 * The root and the fixmap's tables are the image's (swapper_pg_dir,
 * fixmap_p4d/_pud/_pmd/_pte): a walk through them takes nothing. Without
 * a System.map the image is taken as one NOMAP block of whole 2 MiB.
 * The tables' PAs are not handed to the boot tables (boot_tables.c takes
 * its own from the final memblock): only how many, and where, for MemTotal.
 */
#include "arch/riscv/layout_policy.h"

#define FINAL_TABLES_NAME "page tables (setup_vm_final)"
#define MAX_LEVELS 4	 /* tables below the root: Sv57's P4D, PUD, PMD, PTE */
#define MAX_INTERVALS 64 /* separate runs of tables per level */

/* The tables of one level that exist, as sorted disjoint runs of ids
 * (va >> the VA one table covers). */
struct level_ids {
	uint64_t first[MAX_INTERVALS], last[MAX_INTERVALS];
	unsigned int n;
};

struct final_tables {
	struct riscv_state *st;
	struct level_ids lv[MAX_LEVELS]; /* lv[0]: PTE tables (2 MiB each) */
	unsigned int n_levels;		 /* levels below the root */
	uint64_t pages;
	int err;
};

/* Add ids [a, b] to @l; returns how many were not there. */
static uint64_t add_ids(struct level_ids *l, uint64_t a, uint64_t b, int *err)
{
	uint64_t had = 0;
	unsigned int i = 0, j;

	while (i < l->n && l->last[i] + 1 < a)
		i++;
	/* runs i .. j-1 touch or overlap [a, b]: merge them */
	for (j = i; j < l->n && l->first[j] <= b + 1; j++) {
		uint64_t lo = vml_max(a, l->first[j]), hi = vml_min(b, l->last[j]);

		had += hi >= lo ? hi - lo + 1 : 0;
	}
	if (j > i) {
		l->first[i] = vml_min(a, l->first[i]);
		l->last[i] = vml_max(b, l->last[j - 1]);
		for (unsigned int k = j; k < l->n; k++) {
			l->first[i + 1 + k - j] = l->first[k];
			l->last[i + 1 + k - j] = l->last[k];
		}
		l->n -= j - i - 1;
		return b - a + 1 - had;
	}
	if (l->n == MAX_INTERVALS) {
		*err = VML_ENOMEM;
		return 0;
	}
	for (unsigned int k = l->n; k > i; k--) {
		l->first[k] = l->first[k - 1];
		l->last[k] = l->last[k - 1];
	}
	l->first[i] = a;
	l->last[i] = b;
	l->n++;
	return b - a + 1;
}

/* create_pgd_mapping() of [va, va + size) with leaves of 2^@leaf_shift:
 * the tables from the one holding the leaves up to the one under the root. */
static void walk(struct final_tables *t, uint64_t va, uint64_t size, unsigned int leaf_shift)
{
	for (unsigned int k = (leaf_shift - 12) / 9; size && k < t->n_levels; k++) {
		unsigned int shift = 21 + 9 * k;

		t->pages += add_ids(&t->lv[k], va >> shift, (va + size - 1) >> shift, &t->err);
	}
}

/* best_map_size() (v6.12): P4D only with Sv57, PUD only with Sv48/Sv57,
 * 4K only with debug_pagealloc. */
static unsigned int best_map_shift(const struct final_tables *t, uint64_t pa, uint64_t va,
				   uint64_t size)
{
	const unsigned int va_bits = t->st->va_bits;

	if (t->st->lo->debug_pagealloc)
		return 12;
	if (va_bits >= 57 && !((pa | va) & ((1ULL << 39) - 1)) && size >= (1ULL << 39))
		return 39;
	if (va_bits >= 48 && !((pa | va) & (VML_SZ_1G - 1)) && size >= VML_SZ_1G)
		return 30;
	if (!((pa | va) & (VML_SZ_2M - 1)) && size >= VML_SZ_2M)
		return 21;
	return 12;
}

/* create_linear_mapping_range(start, end, fixed_map_size, ...) */
static void linear_range(struct final_tables *t, uint64_t start, uint64_t end, bool pages)
{
	for (uint64_t pa = start; pa < end;) {
		uint64_t va = riscv_va(t->st, pa);
		unsigned int shift = pages ? 12 : best_map_shift(t, pa, va, end - pa);
		uint64_t step = 1ULL << shift;

		/* 4K steps run to the next 2 MiB boundary, where a larger step
		 * may start (to the end when every step is 4K) */
		if (shift == 12)
			step = (pages || t->st->lo->debug_pagealloc
				    ? end
				    : vml_min(end, vml_align_down(pa, VML_SZ_2M) + VML_SZ_2M)) -
			       pa;
		walk(t, va, step, shift);
		pa += step;
	}
}

/* [s, e) less the sorted, disjoint @cut ranges */
static void linear_outside(struct final_tables *t, uint64_t s, uint64_t e, const uint64_t (*cut)[2],
			   unsigned int n)
{
	for (unsigned int i = 0; i < n && s < e; i++) {
		uint64_t lo = vml_max(s, cut[i][0]), hi = vml_min(e, cut[i][1]);

		if (lo >= hi)
			continue;
		if (s < lo)
			linear_range(t, s, lo, false);
		s = hi;
	}
	if (s < e)
		linear_range(t, s, e, false);
}

/* The PA of an image symbol (System.map VA; _start is _text rounded down
 * to 2 MiB, as boot_tables.c vml_riscv_boot_image() takes it). */
static uint64_t image_pa(const struct riscv_state *st, uint64_t sym)
{
	return st->kernel_phys + sym - vml_align_down(st->cfg->image.text, VML_SZ_2M);
}

/* The NOMAP text and rodata blocks (sorted), and the pool's. */
static unsigned int nomap_cuts(const struct riscv_state *st, uint64_t pool, uint64_t pool_size,
			       uint64_t (*cut)[2])
{
	const struct vml_kernel_image *im = &st->cfg->image;
	unsigned int n = 0;

	if (im->known && im->end > im->text && im->start_rodata) {
		uint64_t idb =
		    im->init_data_begin ? im->init_data_begin : im->init_begin + VML_SZ_2M;
		uint64_t data =
		    im->data ? im->data
			     : vml_align_up(im->end_rodata ? im->end_rodata : im->start_rodata,
					    VML_SZ_2M);

		cut[n][0] = st->kernel_phys;
		cut[n++][1] = image_pa(st, idb);
		cut[n][0] = image_pa(st, im->start_rodata);
		cut[n++][1] = image_pa(st, data);
	} else if (st->kernel_size) {
		cut[n][0] = st->kernel_phys;
		cut[n++][1] = vml_align_up(st->kernel_phys + st->kernel_size, VML_SZ_2M);
	}
	if (pool_size) {
		unsigned int i = n++;

		for (; i > 0 && cut[i - 1][0] > pool; i--) {
			cut[i][0] = cut[i - 1][0];
			cut[i][1] = cut[i - 1][1];
		}
		cut[i][0] = pool;
		cut[i][1] = pool + pool_size;
	}
	return n;
}

/* How many table pages setup_vm_final() takes. */
static int count_tables(struct final_tables *t, uint64_t pool, uint64_t pool_size)
{
	struct riscv_state *st = t->st;
	struct vml_memblock_iter it = VML_MEMBLOCK_ITER_INIT;
	uint64_t cut[3][2];
	unsigned int n = nomap_cuts(st, pool, pool_size, cut);
	vml_phys_t start, end;

	t->n_levels = (st->va_bits - 12) / 9 - 1;
	/* the fixmap's tables are the image's: its ids exist at every level */
	for (unsigned int k = 0; k < t->n_levels; k++)
		(void)add_ids(&t->lv[k], st->fixaddr_start >> (21 + 9 * k),
			      (st->fixaddr_top - 1) >> (21 + 9 * k), &t->err);
	while (vml_memblock_next_mem_range(st->mb, &it, VML_MEMBLOCK_NONE, &start, &end)) {
		if (start <= st->phys_ram_base && st->phys_ram_base < end)
			start = st->phys_ram_base;
		linear_outside(t, start, end, (const uint64_t(*)[2])cut, n);
	}
	/* the text and rodata aliases, then the pool in 4K pages */
	for (unsigned int i = 0; i < n; i++)
		linear_range(t, cut[i][0], cut[i][1], pool_size && cut[i][0] == pool);
	/* create_kernel_page_table(swapper_pg_dir, false) */
	if (st->kernel_size)
		walk(t, st->kernel_virt, vml_align_up(st->kernel_size, VML_SZ_2M), 21);
	if (t->err)
		return vml_fail(st->diag, t->err,
				"too many separate runs of linear-map page tables to count", 0, 0,
				-1);
	return VML_OK;
}

int vml_riscv_setup_vm_final_tables(struct riscv_state *st, uint64_t pool, uint64_t pool_size)
{
	struct final_tables t;
	struct vml_reservation *run = NULL;
	int ret;

	vml_zero(&t, sizeof(t));
	t.st = st;
	ret = count_tables(&t, pool, pool_size);
	for (uint64_t i = 0; !ret && i < t.pages; i++) {
		vml_phys_t pa;

		/* memblock_phys_alloc(PAGE_SIZE, PAGE_SIZE): BUG_ON failure */
		ret = vml_memblock_phys_alloc_range(st->mb, VML_SZ_4K, VML_SZ_4K, 0,
						    VML_MEMBLOCK_ALLOC_ACCESSIBLE, &pa, st->diag);
		if (ret)
			break;
		if (run && pa + VML_SZ_4K == run->base) {
			run->base = pa;
			run->size += VML_SZ_4K;
			continue;
		}
		ret = vml_layout_add_reservation(st->lo, FINAL_TABLES_NAME, pa, VML_SZ_4K, false,
						 st->diag);
		run = ret ? NULL : &st->lo->reservations[st->lo->n_reservations - 1];
	}
	return ret;
}
