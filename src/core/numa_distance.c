/* SPDX-License-Identifier: MIT */
/*
 * DOC: the NUMA distance table: where memblock puts it, what it accepts
 *
 * v6.1 drivers/base/arch_numa.c: numa_init() allocates the table before
 * parsing anything, nr_node_ids^2 bytes (nr_node_ids is still MAX_NUMNODES
 * then: 256 bytes with NODES_SHIFT 4), memblock_alloc(size, PAGE_SIZE), and
 * numa_free_distance() frees it when the DT is given up.
 * v6.12 mm/numa_memblks.c: no table until the first numa_set_distance(),
 * which sizes it (highest node in numa_nodes_parsed or numa_meminfo,
 * plus one)^2 at that moment: later, higher nodes are "out of bound";
 * numa_reset_distance() frees it. Both fill it with 10 on the diagonal and
 * 20 elsewhere and ignore, with one warning per boot each, a set with a
 * node outside the table or a distance that is not a u8 (or not 10 from a
 * node to itself).
 */
#include "numa_internal.h"

static const char *reservation_name = "numa_distance";

/* v6.12 numa_alloc_distance(): the highest node known, plus one. */
static unsigned int v6_12_count(const struct numa_parse *p)
{
	unsigned int cnt = 0;

	for (unsigned int i = 0; i < VML_LAYOUT_MAX_NODES; i++)
		if (p->parsed[i])
			cnt = i;
	for (unsigned int i = 0; i < p->nr_blks; i++)
		if (p->blk[i].start != p->blk[i].end && p->blk[i].nid > (int)cnt)
			cnt = (unsigned int)p->blk[i].nid;
	return cnt + 1;
}

int vml_numa_alloc_distance(struct numa_parse *p)
{
	struct vml_numa_distance *t = &p->lo->numa_distance;
	unsigned int cnt = numa_v6_1(p) ? (unsigned int)p->r->max_numnodes : v6_12_count(p);
	uint64_t size = (uint64_t)cnt * cnt;
	vml_phys_t pa;

	if (vml_memblock_alloc_try_nid(p->mb, size, p->r->page_size, 0,
				       VML_MEMBLOCK_ALLOC_ACCESSIBLE, &pa, NULL)) {
		if (!numa_v6_1(p)) /* v6.1: a WARN_ON() backtrace */
			vml_layout_kmsg(p->lo, "Warning: can't allocate distance table!\n", 0, 0, 0,
					0);
		p->distance_failed = true; /* v6.12: "(void *)1LU", no retry until reset */
		return VML_ENOMEM;
	}
	t->cnt = cnt;
	t->base = pa;
	t->size = size;
	for (unsigned int i = 0; i < VML_LAYOUT_MAX_NODES; i++)
		for (unsigned int j = 0; j < VML_LAYOUT_MAX_NODES; j++)
			t->d[i][j] = i == j ? LOCAL_DISTANCE : REMOTE_DISTANCE;
	return vml_layout_add_reservation(p->lo, reservation_name, pa, size, false, p->diag);
}

void vml_numa_free_distance(struct numa_parse *p)
{
	struct vml_numa_distance *t = &p->lo->numa_distance;

	if (t->cnt) {
		(void)vml_memblock_free(p->mb, t->base, t->size, NULL);
		for (unsigned int i = p->lo->n_reservations; i-- > 0;)
			if (p->lo->reservations[i].name == reservation_name) {
				vml_layout_remove_reservation(p->lo, i);
				break;
			}
	}
	t->cnt = 0;
	t->base = 0;
	t->size = 0;
	p->distance_failed = false;
}

/* numa_set_distance()'s warnings, each once per boot (@warned); v6.1
 * prefixes them "NUMA: " (pr_fmt), later versions do not. */
static void warn_once(struct numa_parse *p, bool *warned, const char *fmt_v6_1, const char *fmt,
		      int64_t from, int64_t to, int64_t distance)
{
	if (!*warned)
		vml_layout_kmsg(p->lo, numa_v6_1(p) ? fmt_v6_1 : fmt, (uint64_t)from, (uint64_t)to,
				(uint64_t)distance, 0);
	*warned = true;
}

void vml_numa_set_distance(struct numa_parse *p, int64_t from, int64_t to, int64_t distance)
{
	struct vml_numa_distance *t = &p->lo->numa_distance;

	if (!numa_v6_1(p) && !t->cnt && !p->distance_failed && vml_numa_alloc_distance(p))
		return;
	if (from >= t->cnt || to >= t->cnt || from < 0 || to < 0) {
		warn_once(p, &p->warned_bounds,
			  "NUMA: Warning: node ids are out of bound, from=%lld to=%lld "
			  "distance=%lld\n",
			  "Warning: node ids are out of bound, from=%lld to=%lld distance=%lld\n",
			  from, to, distance);
		return;
	}
	if (distance < 0 || distance > 0xff || (from == to && distance != LOCAL_DISTANCE)) {
		warn_once(p, &p->warned_param,
			  "NUMA: Warning: invalid distance parameter, from=%lld to=%lld "
			  "distance=%lld\n",
			  "Warning: invalid distance parameter, from=%lld to=%lld distance=%lld\n",
			  from, to, distance);
		return;
	}
	if (from < VML_LAYOUT_MAX_NODES && to < VML_LAYOUT_MAX_NODES)
		t->d[from][to] = (uint8_t)distance;
}

int vml_numa_node_distance(const struct vml_layout *lo, int from, int to)
{
	const struct vml_numa_distance *t = &lo->numa_distance;

	if (from < 0 || to < 0 || (unsigned int)from >= t->cnt || (unsigned int)to >= t->cnt ||
	    from >= VML_LAYOUT_MAX_NODES || to >= VML_LAYOUT_MAX_NODES)
		return from == to ? LOCAL_DISTANCE : REMOTE_DISTANCE;
	return t->d[from][to];
}
