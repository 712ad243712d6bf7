/* SPDX-License-Identifier: MIT */
/*
 * DOC: memblock iterators (for_each_mem_range, for_each_free_mem_range, ...)
 *
 * As __next_mem_range() and __next_mem_range_rev() of Linux mm/memblock.c
 * v6.12. A walk over list A alone yields A's regions one by one. A walk of
 * A minus B (the free ranges: memory minus reserved) steps through A's
 * regions and the gaps of B in lockstep and yields each intersection; gap
 * k of B is [end of B[k-1] (0 for k = 0), base of B[k] (PHYS_ADDR_MAX for
 * k = cnt)). Memory regions are skipped as should_skip_region() says:
 * those of another node when a valid node is asked for, NOMAP unless @flags
 * asks for it, DRIVER_MANAGED likewise, non-MIRROR when
 * @flags asks for MIRROR. HOTPLUG regions are skipped only under
 * movable_node, which this model treats as off.
 */
#include "core/memblock_internal.h"

static bool should_skip_region(const struct vml_memblock *mb, const struct vml_memblock_type *type,
			       const struct vml_memblock_region *m, int nid, uint32_t flags)
{
	if (type != &mb->memory)
		return false;
	if (vml_memblock_valid_node(mb, nid) && nid != m->nid)
		return true;
	if ((flags & VML_MEMBLOCK_MIRROR) && !(m->flags & VML_MEMBLOCK_MIRROR))
		return true;
	if (!(flags & VML_MEMBLOCK_NOMAP) && (m->flags & VML_MEMBLOCK_NOMAP))
		return true;
	if (!(flags & VML_MEMBLOCK_DRIVER_MANAGED) && (m->flags & VML_MEMBLOCK_DRIVER_MANAGED))
		return true;
	return false;
}

/* Gap @k of @b: [*gs, *ge). */
static void gap(const struct vml_memblock *mb, const struct vml_memblock_type *b, int64_t k,
		vml_phys_t *gs, vml_phys_t *ge)
{
	*gs = k ? b->regions[k - 1].base + b->regions[k - 1].size : 0;
	*ge = k < (int64_t)b->cnt ? b->regions[k].base : mb->phys_addr_max;
}

static bool next_range(const struct vml_memblock *mb, struct vml_memblock_iter *it, int nid,
		       uint32_t flags, const struct vml_memblock_type *a,
		       const struct vml_memblock_type *b, vml_phys_t *start, vml_phys_t *end)
{
	if (!it->started) {
		it->idx_a = it->idx_b = 0;
		it->started = true;
	}
	for (; it->idx_a < (int64_t)a->cnt; it->idx_a++) {
		const struct vml_memblock_region *m = &a->regions[it->idx_a];
		vml_phys_t m_start = m->base, m_end = m->base + m->size;

		if (should_skip_region(mb, a, m, nid, flags))
			continue;
		if (!b) {
			*start = m_start;
			*end = m_end;
			it->idx_a++;
			return true;
		}
		for (; it->idx_b < (int64_t)b->cnt + 1; it->idx_b++) {
			vml_phys_t r_start, r_end;

			gap(mb, b, it->idx_b, &r_start, &r_end);
			if (r_start >= m_end)
				break;
			if (m_start < r_end) {
				*start = vml_max(m_start, r_start);
				*end = vml_min(m_end, r_end);
				/* advance whichever of the two ends first */
				if (m_end <= r_end)
					it->idx_a++;
				else
					it->idx_b++;
				return true;
			}
		}
	}
	return false;
}

static bool prev_range(const struct vml_memblock *mb, struct vml_memblock_iter *it, int nid,
		       uint32_t flags, const struct vml_memblock_type *a,
		       const struct vml_memblock_type *b, vml_phys_t *start, vml_phys_t *end)
{
	if (!it->started) {
		it->idx_a = (int64_t)a->cnt - 1;
		it->idx_b = b ? (int64_t)b->cnt : 0;
		it->started = true;
	}
	for (; it->idx_a >= 0; it->idx_a--) {
		const struct vml_memblock_region *m = &a->regions[it->idx_a];
		vml_phys_t m_start = m->base, m_end = m->base + m->size;

		if (should_skip_region(mb, a, m, nid, flags))
			continue;
		if (!b) {
			*start = m_start;
			*end = m_end;
			it->idx_a--;
			return true;
		}
		for (; it->idx_b >= 0; it->idx_b--) {
			vml_phys_t r_start, r_end;

			gap(mb, b, it->idx_b, &r_start, &r_end);
			if (r_end <= m_start)
				break;
			if (m_end > r_start) {
				*start = vml_max(m_start, r_start);
				*end = vml_min(m_end, r_end);
				if (m_start >= r_start)
					it->idx_a--;
				else
					it->idx_b--;
				return true;
			}
		}
	}
	return false;
}

/**
 * vml_memblock_next_mem_range() - for_each_mem_range() step
 * @mb: the model
 * @it: the iterator, VML_MEMBLOCK_ITER_INIT before the first call
 * @flags: VML_MEMBLOCK_NOMAP to include NOMAP regions, etc.
 * @start, @end: the next memory region, [*start, *end)
 *
 * Return: true with a range, false when done.
 */
bool vml_memblock_next_mem_range(const struct vml_memblock *mb, struct vml_memblock_iter *it,
				 uint32_t flags, vml_phys_t *start, vml_phys_t *end)
{
	return next_range(mb, it, VML_NUMA_NO_NODE, flags, &mb->memory, NULL, start, end);
}

/* for_each_mem_range_rev() step: as vml_memblock_next_mem_range(), downwards. */
bool vml_memblock_prev_mem_range(const struct vml_memblock *mb, struct vml_memblock_iter *it,
				 uint32_t flags, vml_phys_t *start, vml_phys_t *end)
{
	return prev_range(mb, it, VML_NUMA_NO_NODE, flags, &mb->memory, NULL, start, end);
}

/* for_each_reserved_mem_range() step: every reserved region, in order. */
bool vml_memblock_next_reserved_range(const struct vml_memblock *mb, struct vml_memblock_iter *it,
				      vml_phys_t *start, vml_phys_t *end)
{
	return next_range(mb, it, VML_NUMA_NO_NODE, VML_MEMBLOCK_NONE, &mb->reserved, NULL, start,
			  end);
}

/**
 * vml_memblock_next_free_range() - for_each_free_mem_range() step
 * @mb, @it, @flags: as vml_memblock_next_mem_range()
 * @start, @end: the next piece of memory not reserved, [*start, *end)
 *
 * Pieces are cut at memory region boundaries too, as in the kernel.
 *
 * Return: true with a range, false when done.
 */
bool vml_memblock_next_free_range(const struct vml_memblock *mb, struct vml_memblock_iter *it,
				  uint32_t flags, vml_phys_t *start, vml_phys_t *end)
{
	return next_range(mb, it, VML_NUMA_NO_NODE, flags, &mb->memory, &mb->reserved, start, end);
}

/* for_each_free_mem_range_reverse() step: as above, from the top down. */
bool vml_memblock_prev_free_range(const struct vml_memblock *mb, struct vml_memblock_iter *it,
				  uint32_t flags, vml_phys_t *start, vml_phys_t *end)
{
	return prev_range(mb, it, VML_NUMA_NO_NODE, flags, &mb->memory, &mb->reserved, start, end);
}

/* for_each_free_mem_range(i, nid, flags, ...) step. */
bool vml_memblock_next_free_range_nid(const struct vml_memblock *mb, struct vml_memblock_iter *it,
				      int nid, uint32_t flags, vml_phys_t *start, vml_phys_t *end)
{
	return next_range(mb, it, nid, flags, &mb->memory, &mb->reserved, start, end);
}

/* for_each_free_mem_range_reverse(i, nid, flags, ...) step. */
bool vml_memblock_prev_free_range_nid(const struct vml_memblock *mb, struct vml_memblock_iter *it,
				      int nid, uint32_t flags, vml_phys_t *start, vml_phys_t *end)
{
	return prev_range(mb, it, nid, flags, &mb->memory, &mb->reserved, start, end);
}
