/* SPDX-License-Identifier: MIT */
/*
 * DOC: the per-CPU first chunk's sizes
 *
 * mm/percpu.c pcpu_build_alloc_info(), pcpu_alloc_alloc_info(),
 * pcpu_setup_first_chunk() and pcpu_alloc_first_chunk() (v6.1, v6.12: the
 * same rules; v6.1 aligns a first chunk's region to lcm(PAGE_SIZE,
 * PCPU_BITMAP_BLOCK_SIZE), which is PAGE_SIZE), and the structures they size
 * (include/linux/percpu.h, mm/percpu-internal.h). Checked against the
 * Debian boots' "percpu: Embedded ..." lines and memblock=debug's
 * allocation sizes (tests/core/test_percpu.c).
 */
#include "vmlayout/percpu.h"

#define PCPU_MIN_ALLOC_SIZE 4	  /* 1 << PCPU_MIN_ALLOC_SHIFT */
#define PCPU_SLOT_BASE_SHIFT 5	  /* mm/percpu.c */
#define PCPU_BLOCK_MD_SIZE 32	  /* struct pcpu_block_md: 8 ints */
#define PCPU_CPU_MAP_ENTRY_SIZE 4 /* unsigned int cpu_map[] */

static uint64_t div_round_up(uint64_t n, uint64_t d)
{
	return (n + d - 1) / d;
}

/* A struct laid out member by member, as the C compiler does. */
struct struct_layout {
	uint64_t size, align;
};

static void member(struct struct_layout *s, uint64_t size, uint64_t align)
{
	s->size = vml_align_up(s->size, align) + size;
	s->align = vml_max(s->align, align);
}

uint64_t vml_pcpu_chunk_size(const struct vml_pcpu_chunk_layout *l)
{
	const uint64_t lw = l->long_bytes;
	struct struct_layout s = {0, 1};

	if (l->percpu_stats) {
		member(&s, 4, 4);   /* nr_alloc */
		member(&s, lw, lw); /* max_alloc_size */
	}
	member(&s, 2 * lw, lw);		      /* list */
	member(&s, 4, 4);		      /* free_bytes */
	member(&s, PCPU_BLOCK_MD_SIZE, 4);    /* chunk_md */
	if (l->base_addr_cacheline_aligned) { /* v6.12: bound_map moved up */
		member(&s, lw, lw);
		member(&s, lw, l->cache_bytes); /* base_addr */
		member(&s, lw, lw);		/* alloc_map */
	} else {
		member(&s, lw, lw); /* base_addr */
		member(&s, lw, lw); /* alloc_map */
		member(&s, lw, lw); /* bound_map */
	}
	member(&s, lw, lw); /* md_blocks */
	member(&s, lw, lw); /* data */
	member(&s, 1, 1);   /* immutable */
	member(&s, 1, 1);   /* isolated */
	member(&s, 4, 4);   /* start_offset */
	member(&s, 4, 4);   /* end_offset */
	if (l->obj_ext)
		member(&s, lw, lw); /* obj_cgroups (v6.1), obj_exts (v6.12) */
	member(&s, 4, 4);	    /* nr_pages */
	member(&s, 4, 4);	    /* nr_populated */
	member(&s, 4, 4);	    /* nr_empty_pop_pages */
	member(&s, 0, lw);	    /* populated[] */
	return vml_align_up(s.size, s.align);
}

/* The cpus grouped as the loop over cpu_possible_mask groups them: a new
 * group at the first cpu left, with every later one LOCAL_DISTANCE away
 * both ways (the arch_numa build: on the same node; a valid distance map
 * keeps two nodes more than LOCAL_DISTANCE apart) or, without
 * cpu_distance_fn, every cpu. */
static int group_cpus(const struct vml_pcpu_rules *r, const struct vml_pcpu_cpus *cpus,
		      struct vml_pcpu_alloc_info *ai, unsigned int *group_of)
{
	for (unsigned int i = 0; i < cpus->n; i++)
		group_of[i] = ~0u;
	for (unsigned int i = 0; i < cpus->n; i++) {
		struct vml_pcpu_group *g;

		if (group_of[i] != ~0u)
			continue;
		if (ai->nr_groups == VML_PCPU_MAX_GROUPS)
			return VML_EINVAL;
		g = &ai->groups[ai->nr_groups];
		g->first = i;
		g->nid = r->numa ? cpus->nid[i] : 0;
		for (unsigned int t = i; t < cpus->n; t++)
			if (group_of[t] == ~0u && (!r->numa || cpus->nid[t] == cpus->nid[i])) {
				group_of[t] = ai->nr_groups;
				g->nr_cpus++;
			}
		ai->nr_groups++;
	}
	return VML_OK;
}

/* Units per allocation: the largest that divides alloc_size into page
 * multiples, then the smallest number of allocations among those that
 * waste at most a third of the possible cpus (upa 1 always passes). */
static unsigned int best_upa(const struct vml_pcpu_alloc_info *ai, unsigned int max_upa,
			     unsigned int nr_possible, uint64_t page_size)
{
	unsigned int best = 0;
	uint64_t last_allocs = ~0ULL;

	for (unsigned int upa = max_upa; upa; upa--) {
		uint64_t allocs = 0, wasted = 0;

		if (ai->alloc_size % upa || (ai->alloc_size / upa) % page_size)
			continue;
		for (unsigned int g = 0; g < ai->nr_groups; g++) {
			uint64_t this_allocs = div_round_up(ai->groups[g].nr_cpus, upa);

			allocs += this_allocs;
			wasted += this_allocs * upa - ai->groups[g].nr_cpus;
		}
		if (wasted > nr_possible / 3)
			continue;
		if (allocs > last_allocs)
			break;
		last_allocs = allocs;
		best = upa;
	}
	return best;
}

int vml_pcpu_build_alloc_info(const struct vml_pcpu_rules *r, const struct vml_pcpu_cpus *cpus,
			      struct vml_pcpu_alloc_info *ai)
{
	unsigned int group_of[VML_PCPU_MAX_CPUS];
	uint64_t size_sum, min_unit_size, base_size;
	unsigned int upa;

	if (!cpus->n || cpus->n > VML_PCPU_MAX_CPUS || !r->page_size || !r->atom_size ||
	    r->atom_size % r->page_size)
		return VML_EINVAL;
	vml_zero(ai, sizeof(*ai));
	ai->atom_size = r->atom_size;
	size_sum = vml_align_up(r->static_size + r->reserved_size +
				    vml_max(r->dyn_size, r->dyn_early_size),
				r->page_size);
	ai->static_size = r->static_size;
	ai->reserved_size = r->reserved_size;
	ai->dyn_size = size_sum - r->static_size - r->reserved_size;
	min_unit_size = vml_max(size_sum, r->min_unit_size);
	ai->alloc_size = vml_align_up(min_unit_size, r->atom_size);
	upa = (unsigned int)vml_min(ai->alloc_size / min_unit_size, VML_PCPU_MAX_CPUS);
	while (ai->alloc_size % upa || (ai->alloc_size / upa) % r->page_size)
		upa--;
	if (group_cpus(r, cpus, ai, group_of))
		return VML_EINVAL;
	ai->upa = best_upa(ai, upa, cpus->n, r->page_size);
	ai->unit_size = ai->alloc_size / ai->upa;
	for (unsigned int g = 0; g < ai->nr_groups; g++) {
		ai->groups[g].nr_units = (unsigned int)vml_align_up(ai->groups[g].nr_cpus, ai->upa);
		ai->nr_units += ai->groups[g].nr_units;
	}
	/* struct pcpu_alloc_info: 7 size_t and an int, then groups[] of
	 * {int, unsigned long, unsigned int *}; the cpu maps after it */
	base_size = vml_align_up(7 * r->long_bytes + 4, r->long_bytes) +
		    ai->nr_groups * 3 * (uint64_t)r->long_bytes;
	base_size = vml_align_up(base_size, PCPU_CPU_MAP_ENTRY_SIZE);
	ai->ai_size =
	    vml_align_up(base_size + ai->nr_units * PCPU_CPU_MAP_ENTRY_SIZE, r->page_size);
	return VML_OK;
}

static unsigned int fls64(uint64_t v)
{
	unsigned int n = 0;

	for (; v; v >>= 1)
		n++;
	return n;
}

/* pcpu_alloc_first_chunk(tmp_addr, map_size): the region from the page
 * under tmp_addr to the page end past map_size; the chunk with one
 * populated bit a page, a bit per PCPU_MIN_ALLOC_SIZE in alloc_map and
 * (+1) in bound_map, a pcpu_block_md per page. */
static unsigned int first_chunk_sizes(const struct vml_pcpu_rules *r, uint64_t offset,
				      uint64_t map_size, uint64_t *sizes)
{
	const uint64_t lbits = 8ULL * r->long_bytes;
	uint64_t start = offset % r->page_size;
	uint64_t region = vml_align_up(start + map_size, r->page_size);
	uint64_t pages = region / r->page_size, bits = region / PCPU_MIN_ALLOC_SIZE;

	sizes[0] = r->chunk_size + div_round_up(pages, lbits) * r->long_bytes;
	sizes[1] = div_round_up(bits, lbits) * r->long_bytes;
	sizes[2] = div_round_up(bits + 1, lbits) * r->long_bytes;
	sizes[3] = pages * PCPU_BLOCK_MD_SIZE;
	return 4;
}

unsigned int vml_pcpu_setup_alloc_sizes(const struct vml_pcpu_rules *r,
					const struct vml_pcpu_alloc_info *ai,
					unsigned int nr_cpu_ids, uint64_t *sizes)
{
	/* the static part ends aligned to PCPU_MIN_ALLOC_SIZE; the dynamic
	 * part gives up what that adds */
	uint64_t static_size = vml_align_up(ai->static_size, PCPU_MIN_ALLOC_SIZE);
	uint64_t dyn = ai->dyn_size - (static_size - ai->static_size);
	unsigned int n = 0;
	/* pcpu_nr_slots: __pcpu_size_to_slot(unit) + the sidelined, free and
	 * to-depopulate slots + 1 */
	uint64_t slot = fls64(ai->unit_size) + 2 > PCPU_SLOT_BASE_SHIFT + 1
			    ? fls64(ai->unit_size) + 2 - PCPU_SLOT_BASE_SHIFT
			    : 1;

	sizes[n++] = ai->nr_groups * (uint64_t)r->long_bytes; /* group_offsets */
	sizes[n++] = ai->nr_groups * (uint64_t)r->long_bytes; /* group_sizes */
	sizes[n++] = nr_cpu_ids * 4ULL;			      /* unit_map */
	sizes[n++] = nr_cpu_ids * (uint64_t)r->long_bytes;    /* unit_off */
	sizes[n++] = (slot + 4) * 2 * r->long_bytes;	      /* pcpu_chunk_lists */
	if (ai->reserved_size)
		n += first_chunk_sizes(r, static_size, ai->reserved_size, sizes + n);
	n += first_chunk_sizes(r, static_size + ai->reserved_size, dyn, sizes + n);
	return n;
}
