/* SPDX-License-Identifier: MIT */
/*
 * DOC: alloc_large_system_hash()'s sizing and its boot line
 *
 * mm/page_alloc.c (v3.4, v6.1), mm/mm_init.c (v6.12): without a count from
 * the command line, the kernel's free low pages rounded up to a MiB, one
 * bucket per 2^scale bytes (on 64-bit kernels scale grows by one for each
 * factor of 4 past 64 GiB: ADAPT_SCALE, not in v3.4, whose ARM is 32-bit
 * anyway), at least one page of buckets; then rounded up to a power of
 * two and limited to 1/16 of all memory and to 2^31 buckets.
 */
#include "vmlayout/large_system_hash.h"

#define ADAPT_SCALE_BASE (64ULL << 30)
#define ADAPT_SCALE_SHIFT 2

static uint64_t roundup_pow_of_two(uint64_t n)
{
	uint64_t p = 1;

	while (p < n && p < (1ULL << 63))
		p <<= 1;
	return p;
}

static unsigned int ilog2_u64(uint64_t n)
{
	unsigned int l = 0;

	while (n >>= 1)
		l++;
	return l;
}

static uint64_t entries_from_memory(const struct vml_hash_request *r)
{
	uint64_t n = vml_align_up(r->nr_kernel_pages, (1ULL << 20) >> r->page_shift);
	unsigned int scale = r->scale;

	if (r->adapt)
		for (uint64_t adapt = ADAPT_SCALE_BASE >> r->page_shift; adapt < n;
		     adapt <<= ADAPT_SCALE_SHIFT)
			scale++;
	if (scale > r->page_shift)
		n >>= scale - r->page_shift;
	else
		n <<= r->page_shift - scale;
	if (n * r->bucketsize < (1ULL << r->page_shift))
		n = (1ULL << r->page_shift) / r->bucketsize;
	return n;
}

struct vml_hash_table vml_large_system_hash(const struct vml_hash_request *r)
{
	uint64_t n = r->numentries ? r->numentries : entries_from_memory(r);
	uint64_t max = ((r->nr_all_pages << r->page_shift) >> 4) / r->bucketsize;
	struct vml_hash_table t;

	n = vml_min(roundup_pow_of_two(n), vml_min(max, 0x80000000ULL));
	t.entries = 1ULL << ilog2_u64(n ? n : 1);
	t.size = r->bucketsize * t.entries;
	return t;
}

bool vml_hashdist(const struct vml_kernel_config *cfg, unsigned int memory_nodes)
{
	if (!cfg->numa)
		return false;
	if (cfg->hashdist_set)
		return (uint32_t)cfg->hashdist != 0;
	return memory_nodes > 1;
}

int vml_vfs_caches_init_early(struct vml_layout *lo, const struct vml_kernel_config *cfg,
			      const struct vml_vfs_hash_tables *t, vml_hash_alloc_fn alloc,
			      void *ctx)
{
	const uint64_t long_mask = t->long_bits < 64 ? (1ULL << t->long_bits) - 1 : ~0ULL;
	const struct {
		const char *name, *kernel_name;
		unsigned int scale;
		uint64_t entries;
	} tables[] = {{"dentry hash", "Dentry cache", 13, cfg->dhash_entries & long_mask},
		      {"inode hash", "Inode-cache", 14, cfg->ihash_entries & long_mask}};
	int ret = VML_OK;

	for (unsigned int i = 0; !ret && i < VML_ARRAY_SIZE(tables); i++) {
		struct vml_hash_request r = t->memory;
		struct vml_hash_table table;

		r.numentries = tables[i].entries;
		r.scale = tables[i].scale;
		table = vml_large_system_hash(&r);
		ret = alloc(ctx, tables[i].name, table.size);
		if (!ret && t->print)
			vml_large_system_hash_msg(lo, tables[i].kernel_name, &table, r.page_shift,
						  t->v3_4);
	}
	return ret;
}

void vml_vfs_caches_init_late(struct vml_layout *lo, const struct vml_kernel_config *cfg,
			      const struct vml_vfs_hash_tables *t,
			      const struct vml_huge_vmalloc *hv)
{
	const uint64_t long_mask = t->long_bits < 64 ? (1ULL << t->long_bits) - 1 : ~0ULL;
	const struct {
		const char *kernel_name;
		unsigned int scale;
		uint64_t entries;
	} tables[] = {{"Dentry cache", 13, cfg->dhash_entries & long_mask},
		      {"Inode-cache", 14, cfg->ihash_entries & long_mask}};

	for (unsigned int i = 0; i < VML_ARRAY_SIZE(tables); i++) {
		struct vml_hash_request r = t->memory;
		struct vml_hash_table table;
		uint64_t per_node;
		bool huge;

		r.numentries = tables[i].entries;
		r.scale = tables[i].scale;
		table = vml_large_system_hash(&r);
		/* __vmalloc_node_range(): NUMA_NO_NODE divides the size by the
		 * online nodes; PMD_SHIFT from PMD_SIZE a node, else
		 * arch_vmap_pte_supported_shift(); a shift above PAGE_SHIFT
		 * makes the area's page_order > 0 */
		per_node = table.size / (hv->online_nodes ? hv->online_nodes : 1);
		huge = hv->allowed && (per_node >= hv->pmd_size ||
				       (hv->cont_pte_size && per_node >= hv->cont_pte_size));
		vml_large_system_hash_msg_where(lo, tables[i].kernel_name, &table, r.page_shift,
						huge ? "vmalloc hugepage" : "vmalloc");
	}
}

/* get_order(): the smallest order whose pages hold @size (0 below a page). */
static uint64_t get_order(uint64_t size, unsigned int page_shift)
{
	uint64_t order = 0;

	while ((1ULL << (order + page_shift)) < size)
		order++;
	return order;
}

void vml_large_system_hash_msg_where(struct vml_layout *lo, const char *name,
				     const struct vml_hash_table *t, unsigned int page_shift,
				     const char *where)
{
	const uint64_t args[] = {t->entries, get_order(t->size, page_shift), t->size};

	/* "%s" for @where would be a second name: the two kinds are literal */
	vml_layout_kmsg_name_args(
	    lo,
	    vml_str_eq(where, "vmalloc")
		? "%s hash table entries: %llu (order: %llu, %llu bytes, vmalloc)\n"
		: "%s hash table entries: %llu (order: %llu, %llu bytes, vmalloc hugepage)\n",
	    name, args, 3);
}

void vml_large_system_hash_msg(struct vml_layout *lo, const char *name,
			       const struct vml_hash_table *t, unsigned int page_shift, bool v3_4)
{
	const uint64_t v3_4_order = (uint64_t)((int64_t)ilog2_u64(t->size) - (int64_t)page_shift);
	const uint64_t args[] = {t->entries, v3_4 ? v3_4_order : get_order(t->size, page_shift),
				 t->size};

	vml_layout_kmsg_name_args(
	    lo,
	    v3_4 ? "%s hash table entries: %llu (order: %lld, %llu bytes)\n"
		 : "%s hash table entries: %llu (order: %llu, %llu bytes, linear)\n",
	    name, args, 3);
}
