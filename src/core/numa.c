/* SPDX-License-Identifier: MIT */
/*
 * DOC: arch_numa_init() on a DT: node ids, NODE_DATA, nodes' zones
 *
 * drivers/base/arch_numa.c numa_init() (v6.1, v6.12): the DT's description
 * (numa_of.c), v6.12's numa_meminfo (numa_meminfo.c), the distance table
 * (numa_distance.c), then numa_register_nodes(): every memory region on a
 * node, and a NODE_DATA for each node parsed, memory-less ones included
 * (mm/numa.c alloc_node_data() in v6.12). When the DT is given up,
 * dummy_numa_init(): one node 0 over all of RAM. include/vmlayout/numa.h
 * says what is left out.
 */
#include "numa_internal.h"

static bool valid_nid(const struct numa_parse *p, int nid)
{
	return nid >= 0 && nid < p->r->max_numnodes && nid < VML_LAYOUT_MAX_NODES;
}

/* v6.1 numa_register_nodes()'s check: every memory region on a node;
 * v6.12 memblock_validate_numa_coverage(0): no page without one. */
static int check_coverage(struct numa_parse *p)
{
	uint64_t lost = 0;

	for (unsigned int i = 0; i < p->mb->memory.cnt; i++) {
		const struct vml_memblock_region *m = &p->mb->memory.regions[i];

		if (valid_nid(p, m->nid))
			continue;
		if (numa_v6_1(p)) {
			vml_layout_kmsg(
			    p->lo,
			    "NUMA: Warning: invalid memblk node %lld [mem 0x%016llx-0x%016llx]\n",
			    (uint64_t)(int64_t)m->nid, m->base, m->base + m->size - 1, 0);
			return VML_EINVAL;
		}
		lost += (m->base + m->size) / p->r->page_size -
			vml_align_up(m->base, p->r->page_size) / p->r->page_size;
	}
	if (!lost)
		return VML_OK;
	vml_layout_kmsg(p->lo, "NUMA: no nodes coverage for %lluMB of %lluMB RAM\n",
			lost * p->r->page_size >> 20, p->mb->memory.total_size >> 20, 0, 0);
	return VML_EINVAL;
}

/* get_pfn_range_for_nid(): the node's whole pages, [0, 0) when none. */
static void pfn_range(const struct vml_memblock *mb, int nid, uint64_t page_size, uint64_t *start,
		      uint64_t *end)
{
	*start = ~0ULL;
	*end = 0;
	for (unsigned int i = 0; i < mb->memory.cnt; i++) {
		const struct vml_memblock_region *m = &mb->memory.regions[i];
		uint64_t s = vml_align_up(m->base, page_size) / page_size;
		uint64_t e = (m->base + m->size) / page_size;

		if (m->nid != nid || s >= e)
			continue;
		*start = vml_min(*start, s);
		*end = vml_max(*end, e);
	}
	if (*start >= *end)
		*start = *end = 0;
}

static int region_nid_at(const struct vml_memblock *mb, vml_phys_t pa)
{
	for (unsigned int i = 0; i < mb->memory.cnt; i++) {
		const struct vml_memblock_region *m = &mb->memory.regions[i];

		if (pa >= m->base && pa - m->base < m->size)
			return m->nid;
	}
	return VML_NUMA_NO_NODE;
}

/* setup_node_data(): NODE_DATA from memblock_phys_alloc_try_nid(size,
 * SMP_CACHE_BYTES, nid): the node first (top-down), then anywhere. */
static int setup_node_data(struct numa_parse *p, int nid)
{
	struct vml_numa_node *n = &p->lo->nodes[p->lo->n_nodes];
	uint64_t size = p->r->node_data_size;
	bool v6_1 = p->r->flavour == VML_NUMA_V6_1;
	vml_phys_t pa;

	n->nid = nid;
	pfn_range(p->mb, nid, p->r->page_size, &n->start_pfn, &n->end_pfn);
	if (n->start_pfn >= n->end_pfn) /* both: pr_fmt "NUMA: " */
		vml_layout_kmsg(p->lo, "NUMA: Initmem setup node %llu [<memory-less node>]\n",
				(uint64_t)nid, 0, 0, 0);
	if (vml_memblock_alloc_range_nid(p->mb, size, 64, 0, VML_MEMBLOCK_ALLOC_ACCESSIBLE, nid,
					 false, &pa, NULL))
		return vml_fail(p->diag, VML_ENOMEM, "no room for a node's NODE_DATA (pg_data_t)",
				0, size, -1);
	if (v6_1)
		vml_layout_kmsg(p->lo, "NUMA: NODE_DATA [mem %#010llx-%#010llx]\n", pa,
				pa + size - 1, 0, 0);
	else
		vml_layout_kmsg(p->lo, "NODE_DATA(%llu) allocated [mem %#010llx-%#010llx]\n",
				(uint64_t)nid, pa, pa + size - 1, 0);
	n->node_data = pa;
	n->node_data_size = size;
	n->node_data_nid = region_nid_at(p->mb, pa);
	if (n->node_data_nid != nid)
		vml_layout_kmsg(p->lo,
				v6_1 ? "NUMA: NODE_DATA(%llu) on node %lld\n"
				     : "    NODE_DATA(%llu) on node %lld\n",
				(uint64_t)nid, (uint64_t)(int64_t)n->node_data_nid, 0, 0);
	p->lo->n_nodes++;
	return vml_layout_add_reservation(p->lo, "NODE_DATA", pa, size, false, p->diag);
}

/* dummy_numa_init(): node 0 over [start of DRAM, end of DRAM). */
static int dummy_numa_init(struct numa_parse *p)
{
	vml_phys_t start = vml_memblock_start_of_DRAM(p->mb);
	vml_phys_t end = vml_memblock_end_of_DRAM(p->mb);

	if (p->r->numa_off)
		vml_layout_kmsg(p->lo, "NUMA: NUMA disabled\n", 0, 0, 0, 0);
	vml_layout_kmsg(p->lo, "NUMA: Faking a node at [mem 0x%016llx-0x%016llx]\n", start, end - 1,
			0, 0);
	return vml_numa_add_memblk(p, 0, start, end);
}

/* v6.12 numa_memblks_init()'s start: no node anywhere, no distance table. */
static void v6_12_reset(struct numa_parse *p)
{
	(void)vml_memblock_set_node(p->mb, 0, VML_MEMBLOCK_ALLOC_ANYWHERE, &p->mb->memory,
				    VML_NUMA_NO_NODE, NULL);
	(void)vml_memblock_set_node(p->mb, 0, VML_MEMBLOCK_ALLOC_ANYWHERE, &p->mb->reserved,
				    VML_NUMA_NO_NODE, NULL);
	vml_numa_free_distance(p);
}

/* numa_init(init_func): parse (@b, or the dummy without), then register
 * the nodes; VML_EINVAL when the kernel gives up (the table freed). */
static int numa_init(struct numa_parse *p, const struct vml_board *b)
{
	bool any = false;
	int ret;

	for (int i = 0; i < VML_LAYOUT_MAX_NODES; i++)
		p->parsed[i] = false;
	p->nr_blks = 0;
	p->lo->numa_faked = !b;
	if (!numa_v6_1(p))
		v6_12_reset(p);
	else if (vml_numa_alloc_distance(p))
		return VML_EINVAL;
	ret = b ? vml_numa_of_init(p, b) : dummy_numa_init(p);
	if (!ret && !numa_v6_1(p))
		ret = vml_numa_meminfo_register(p);
	for (int i = 0; i < VML_LAYOUT_MAX_NODES; i++)
		any |= p->parsed[i];
	if (!ret && !any) {
		vml_layout_kmsg(p->lo, "NUMA: No NUMA configuration found\n", 0, 0, 0, 0);
		ret = VML_EINVAL;
	}
	if (!ret)
		ret = check_coverage(p);
	if (ret) {
		vml_numa_free_distance(p);
		return ret;
	}
	for (int nid = 0; !ret && nid < VML_LAYOUT_MAX_NODES; nid++)
		if (p->parsed[nid])
			ret = setup_node_data(p, nid);
	return ret;
}

int vml_numa_init(struct vml_memblock *mb, const struct vml_board *board,
		  const struct vml_numa_rules *r, struct vml_layout *lo, struct vml_diag *diag)
{
	struct numa_parse p = {.mb = mb, .r = r, .lo = lo, .diag = diag};
	int ret = VML_EINVAL;

	lo->n_nodes = 0;
	vml_zero(&lo->numa_distance, sizeof(lo->numa_distance));
	if (!r->numa_off)
		ret = numa_init(&p, board);
	if (ret == VML_ERANGE || (ret == VML_ENOMEM && lo->n_nodes))
		return ret; /* beyond vmlayout's nodes; a NODE_DATA did not fit (panic) */
	if (!ret)
		return VML_OK;
	/* v6.1 leaves the DT's node ids on the regions it set: the dummy node
	 * covers all of RAM and overwrites them */
	return numa_init(&p, NULL);
}

void vml_numa_node_zones(struct vml_layout *lo, const struct vml_memblock *mb,
			 unsigned int page_shift)
{
	for (unsigned int k = 0; k < lo->n_nodes; k++) {
		struct vml_numa_node *n = &lo->nodes[k];

		n->n_zones = lo->n_zones;
		for (unsigned int z = 0; z < lo->n_zones; z++) {
			struct vml_zone *nz = &n->zones[z];
			uint64_t present = 0;

			*nz = lo->zones[z];
			nz->start_pfn = vml_min(vml_max(nz->start_pfn, n->start_pfn), n->end_pfn);
			nz->end_pfn = vml_min(vml_max(nz->end_pfn, n->start_pfn), n->end_pfn);
			for (unsigned int i = 0; i < mb->memory.cnt; i++) {
				const struct vml_memblock_region *m = &mb->memory.regions[i];
				uint64_t s =
				    vml_align_up(m->base, 1ULL << page_shift) >> page_shift;
				uint64_t e = (m->base + m->size) >> page_shift;

				s = vml_max(s, nz->start_pfn);
				e = vml_min(e, nz->end_pfn);
				if (m->nid == n->nid && e > s)
					present += e - s;
			}
			nz->present_pages = present;
		}
	}
}

unsigned int vml_numa_memory_nodes(const struct vml_layout *lo)
{
	unsigned int count = 0;

	for (unsigned int k = 0; k < lo->n_nodes; k++) {
		uint64_t present = 0;

		for (unsigned int z = 0; z < lo->nodes[k].n_zones; z++)
			present += lo->nodes[k].zones[z].present_pages;
		count += present != 0;
	}
	return count;
}
