/* SPDX-License-Identifier: MIT */
/*
 * DOC: the per-CPU first chunk's memblock allocations
 *
 * mm/percpu.c pcpu_embed_first_chunk(), pcpu_fc_alloc(), pcpu_fc_free(),
 * pcpu_setup_first_chunk() and pcpu_free_alloc_info() (v6.1, v6.12), in
 * their order (include/vmlayout/percpu.h). Every allocation is the
 * kernel's memblock_alloc*() call; the Debian boots' memblock=debug logs
 * show the same sequence (docs/conformance.md).
 */
#include "vmlayout/percpu.h"

void vml_pcpu_cpus_nodes(struct vml_pcpu_cpus *cpus, const struct vml_layout *lo)
{
	for (unsigned int i = 0; i < cpus->n; i++) {
		int b = cpus->board_cpu[i];

		/* no node: early_map_cpu_to_node()'s fallback to node 0
		 * (drivers/base/arch_numa.c v6.1, v6.12), online or not */
		cpus->nid[i] = 0;
		for (unsigned int k = 0; b >= 0 && k < lo->n_nodes; k++)
			if (lo->nodes[k].cpus[b / 64] & (1ULL << (b % 64)))
				cpus->nid[i] = lo->nodes[k].nid;
	}
}

void vml_pcpu_note_not_modelled(struct vml_layout *lo, const char *profile)
{
	if (profile)
		vml_layout_kmsg_name(lo,
				     "vmlayout: the %s profile does not model the per-CPU first "
				     "chunk: not reserved\n",
				     profile, 0, 0);
	else
		vml_layout_kmsg(lo,
				"vmlayout: the per-CPU first chunk is not reserved: its static "
				"size needs __per_cpu_start and __per_cpu_end (--system-map)\n",
				0, 0, 0, 0);
}

static int fail_alloc(struct vml_diag *diag, uint64_t size)
{
	return vml_fail(diag, VML_ENOMEM,
			"no memory for the per-CPU first chunk (the kernel panics: "
			"\"Failed to initialize percpu areas\")",
			0, size, -1);
}

/* memblock_alloc(size, align): anywhere below the current limit. */
static int alloc_any(struct vml_memblock *mb, uint64_t size, uint64_t align, vml_phys_t *out,
		     struct vml_diag *diag)
{
	if (vml_memblock_alloc_try_nid(mb, size, align, 0, VML_MEMBLOCK_ALLOC_ACCESSIBLE, out,
				       NULL))
		return fail_alloc(diag, size);
	return VML_OK;
}

/* pcpu_fc_alloc(): with CONFIG_NUMA the group's first cpu's node
 * (memblock_alloc_try_nid(), any node when that one is short), a cpu
 * without an online node from anywhere, with the kernel's message;
 * without NUMA memblock_alloc_from(). Both above __pa(MAX_DMA_ADDRESS),
 * else from 0. */
static int fc_alloc(struct vml_memblock *mb, const struct vml_pcpu_rules *r, unsigned int cpu,
		    int nid, uint64_t size, vml_phys_t *out, struct vml_layout *lo,
		    struct vml_diag *diag)
{
	int ret;

	if (r->numa && nid >= 0)
		ret = vml_memblock_alloc_nid(mb, size, r->atom_size, r->goal,
					     VML_MEMBLOCK_ALLOC_ACCESSIBLE, nid, out, NULL);
	else
		ret = vml_memblock_alloc_try_nid(mb, size, r->atom_size, r->goal,
						 VML_MEMBLOCK_ALLOC_ACCESSIBLE, out, NULL);
	if (r->numa && nid < 0)
		vml_layout_kmsg(lo, "percpu: cpu %llu has no node %lld or node-local memory\n", cpu,
				(uint64_t)(int64_t)nid, 0, 0);
	return ret ? fail_alloc(diag, size) : VML_OK;
}

/* The unused units and each used unit's tail past size_sum go back
 * (pcpu_fc_free() = memblock_free()); the used units are recorded, one
 * reservation per group when they touch. */
static int give_back(struct vml_memblock *mb, const struct vml_pcpu_alloc_info *ai,
		     const struct vml_pcpu_group *g, vml_phys_t base, struct vml_layout *lo,
		     struct vml_diag *diag)
{
	const uint64_t size_sum = ai->static_size + ai->reserved_size + ai->dyn_size;
	int ret = VML_OK;

	for (unsigned int i = 0; !ret && i < g->nr_units; i++) {
		vml_phys_t unit = base + i * ai->unit_size;

		if (i >= g->nr_cpus)
			ret = vml_memblock_free(mb, unit, ai->unit_size, diag);
		else if (ai->unit_size > size_sum)
			ret =
			    vml_memblock_free(mb, unit + size_sum, ai->unit_size - size_sum, diag);
		if (!ret && i < g->nr_cpus && ai->unit_size > size_sum)
			ret = vml_layout_add_reservation(lo, "percpu first chunk", unit, size_sum,
							 false, diag);
	}
	if (!ret && ai->unit_size == size_sum)
		ret = vml_layout_add_reservation(lo, "percpu first chunk", base,
						 g->nr_cpus * ai->unit_size, false, diag);
	return ret;
}

/* pcpu_setup_first_chunk()'s tables and the two first chunks' metadata. */
static int setup_first_chunk(struct vml_memblock *mb, const struct vml_pcpu_rules *r,
			     const struct vml_pcpu_alloc_info *ai, unsigned int nr_cpu_ids,
			     struct vml_layout *lo, struct vml_diag *diag)
{
	uint64_t sizes[13];
	unsigned int n = vml_pcpu_setup_alloc_sizes(r, ai, nr_cpu_ids, sizes);
	vml_phys_t at;
	int ret = VML_OK;

	for (unsigned int i = 0; !ret && i < n; i++) {
		ret = alloc_any(mb, sizes[i], r->cache_bytes, &at, diag);
		if (!ret)
			ret = vml_layout_add_reservation(lo, "percpu tables", at, sizes[i], false,
							 diag);
	}
	return ret;
}

/* pr_info("Embedded %zu pages/cpu s%zu r%zu d%zu u%zu\n") with pr_fmt
 * "percpu: " */
static void print_embedded(struct vml_layout *lo, const struct vml_pcpu_alloc_info *ai,
			   uint64_t page_size)
{
	const uint64_t size_sum = ai->static_size + ai->reserved_size + ai->dyn_size;
	const uint64_t args[] = {size_sum / page_size, ai->static_size, ai->reserved_size,
				 ai->dyn_size, ai->unit_size};

	vml_layout_kmsg_args(lo, "percpu: Embedded %llu pages/cpu s%llu r%llu d%llu u%llu\n", args,
			     5);
}

int vml_pcpu_embed_first_chunk(struct vml_memblock *mb, const struct vml_pcpu_rules *r,
			       const struct vml_pcpu_cpus *cpus, struct vml_layout *lo,
			       struct vml_diag *diag)
{
	struct vml_pcpu_alloc_info ai;
	vml_phys_t ai_base, areas, base[VML_PCPU_MAX_GROUPS];
	uint64_t areas_size;
	int ret;

	if (vml_pcpu_build_alloc_info(r, cpus, &ai))
		return vml_fail(diag, VML_EINVAL,
				"the per-CPU first chunk needs a possible cpu, at most 16 "
				"groups and an atom that is a multiple of the page",
				0, cpus->n, -1);
	areas_size = vml_align_up(ai.nr_groups * (uint64_t)r->long_bytes, r->page_size);
	ret = alloc_any(mb, ai.ai_size, r->page_size, &ai_base, diag);
	if (!ret)
		ret = alloc_any(mb, areas_size, r->cache_bytes, &areas, diag);
	for (unsigned int g = 0; !ret && g < ai.nr_groups; g++) {
		unsigned int first = ai.groups[g].first;

		ret = fc_alloc(mb, r, cpus->id[first], cpus->nid[first],
			       ai.groups[g].nr_units * ai.unit_size, &base[g], lo, diag);
	}
	/* the copies and the unused parts, after all the allocations */
	for (unsigned int g = 0; !ret && g < ai.nr_groups; g++)
		ret = give_back(mb, &ai, &ai.groups[g], base[g], lo, diag);
	if (ret)
		return ret;
	print_embedded(lo, &ai, r->page_size);
	ret = setup_first_chunk(mb, r, &ai, cpus->nr_cpu_ids, lo, diag);
	if (!ret)
		ret = vml_memblock_free(mb, ai_base, ai.ai_size, diag);
	return ret ? ret : vml_memblock_free(mb, areas, areas_size, diag);
}

int vml_pcpu_setup_per_cpu_areas(struct vml_memblock *mb, const struct vml_kernel_config *cfg,
				 const struct vml_board *board, struct vml_pcpu_rules *r,
				 const char *unmodelled, unsigned int nr_cpus,
				 vml_pcpu_possible_fn possible, struct vml_layout *lo,
				 struct vml_diag *diag)
{
	struct vml_pcpu_cpus cpus;
	struct vml_board none;

	if (unmodelled || !cfg->image.known || !cfg->image.per_cpu_known) {
		vml_pcpu_note_not_modelled(lo, unmodelled);
		return VML_OK;
	}
	if (!board) {
		vml_board_init(&none);
		board = &none;
	}
	r->static_size = cfg->image.per_cpu_size;
	possible(board, nr_cpus, cfg->nr_cpus_arg, &cpus, lo);
	vml_pcpu_cpus_nodes(&cpus, lo);
	return vml_pcpu_embed_first_chunk(mb, r, &cpus, lo, diag);
}
