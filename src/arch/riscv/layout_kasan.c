/* SPDX-License-Identifier: MIT */
/*
 * DOC: riscv64 KASAN shadow memory taken from memblock at boot
 *
 * kasan_init() (arch/riscv/mm/kasan_init.c) gives real pages to the shadow
 * of every mapped memblock range and of the kernel image: shadow(va) =
 * (va >> 3) + KASAN_SHADOW_OFFSET. v6.12 (kasan_populate_pgd/p4d/pud/pmd):
 * from the top level down, a whole aligned block of the level's size is
 * one memblock_phys_alloc(size, size) when the range covers it (falling to
 * the next level when that fails), else the level below; 4 KiB pages at
 * the bottom, each PTE table a page. v5.10 (populate()): one page per
 * shadow page, modelled as one allocation of them all. The upper tables
 * (a few pages) are not counted (docs/riscv64.md).
 */
#include "arch/riscv/layout_policy.h"

#define RISCV_KASAN_OFFSET_5_10 0xdfffffc800000000ULL /* KASAN_SHADOW_END - 2^61 */
#define RISCV_KASAN_OFFSET_6_X 0xdfffffff00000000ULL  /* CONFIG_KASAN_SHADOW_OFFSET */

static const char kasan_shadow_name[] = "kasan shadow";
static const char kasan_pte_name[] = "kasan pte table";

static uint64_t shadow(uint64_t va, uint64_t offset)
{
	return (va >> 3) + offset;
}

/* One memblock allocation; the record of the previous one grows when this
 * one sits right below it (top-down allocations do), so the hundreds of
 * blocks of a large shadow stay a few reservation records. */
static int alloc_shadow(struct riscv_state *st, const char *name, uint64_t size, uint64_t align)
{
	struct vml_layout *lo = st->lo;
	struct vml_reservation *last =
	    lo->n_reservations ? &lo->reservations[lo->n_reservations - 1] : NULL;
	vml_phys_t base;
	int ret = vml_memblock_phys_alloc_range(st->mb, size, align, 0,
						VML_MEMBLOCK_ALLOC_ACCESSIBLE, &base, st->diag);

	if (ret)
		return ret;
	if (last && last->name == name && base + size == last->base) {
		last->base = base;
		last->size += size;
		return VML_OK;
	}
	return vml_layout_add_reservation(lo, name, base, size, false, st->diag);
}

/* One aligned block per whole block the range covers, largest level first;
 * what is left over in 4 KiB pages, one PTE table per 2 MiB they touch. */
static int populate_blocks(struct riscv_state *st, uint64_t va, uint64_t end)
{
	/* PGDIR_SIZE, P4D_SIZE, PUD_SIZE, PMD_SIZE (runtime-folded levels keep
	 * their sizes in the ladder, asm/pgtable-64.h) */
	const uint64_t sizes[4] = {st->pgdir_size, 1ULL << 39, VML_SZ_1G, VML_SZ_2M};
	uint64_t last_pte_table = ~0ULL;
	int ret = VML_OK;

	while (!ret && va < end) {
		uint64_t step = VML_SZ_4K;

		for (int i = 0; i < 4; i++) {
			if (sizes[i] > st->pgdir_size || !vml_is_aligned(va, sizes[i]) ||
			    end - va < sizes[i])
				continue;
			if (!alloc_shadow(st, kasan_shadow_name, sizes[i], sizes[i])) {
				step = sizes[i];
				break;
			}
		}
		if (step == VML_SZ_4K) {
			if (vml_align_down(va, VML_SZ_2M) != last_pte_table) {
				last_pte_table = vml_align_down(va, VML_SZ_2M);
				ret = alloc_shadow(st, kasan_pte_name, VML_SZ_4K, VML_SZ_4K);
			}
			if (!ret)
				ret = alloc_shadow(st, kasan_shadow_name, VML_SZ_4K, VML_SZ_4K);
		}
		va += step;
	}
	return ret;
}

static int populate(struct riscv_state *st, uint64_t va_start, uint64_t va_end, bool pages)
{
	uint64_t offset = pages ? RISCV_KASAN_OFFSET_5_10 : RISCV_KASAN_OFFSET_6_X;
	uint64_t s = vml_align_down(shadow(va_start, offset), VML_SZ_4K);
	uint64_t e = vml_align_up(shadow(va_end, offset), VML_SZ_4K);

	if (s >= e)
		return VML_OK;
	if (pages)
		return alloc_shadow(st, kasan_shadow_name, e - s, VML_SZ_4K);
	return populate_blocks(st, s, e);
}

/* The linear map's ranges (for_each_mem_range: NOMAP skipped), then the
 * image: [MODULES_END, MODULES_VADDR + SZ_2G) = [_start, PFN_ALIGN(_end)) in
 * 6.x; 5.10's image is in the linear map already. */
static int kasan_shadow(struct riscv_state *st, bool pages)
{
	struct vml_memblock_iter it = VML_MEMBLOCK_ITER_INIT;
	vml_phys_t start, end;
	int ret = VML_OK;

	if (!st->cfg->kasan)
		return VML_OK;
	while (!ret && vml_memblock_next_mem_range(st->mb, &it, VML_MEMBLOCK_NONE, &start, &end)) {
		uint64_t s = riscv_va(st, start), e = riscv_va(st, end);

		if (s >= e) /* 5.10: a bank below the load address wraps */
			continue;
		ret = populate(st, s, e, pages);
	}
	if (!ret && !pages)
		ret = populate(st, st->modules_end, st->modules_vaddr + 2 * VML_SZ_1G, false);
	return ret;
}

int vml_riscv_kasan_pages_5_10(struct riscv_state *st)
{
	return kasan_shadow(st, true);
}

int vml_riscv_kasan_blocks_6_x(struct riscv_state *st)
{
	return kasan_shadow(st, false);
}
