/* SPDX-License-Identifier: MIT */
/*
 * DOC: hugetlb_cma_reserve() (mm/hugetlb.c v6.1, v6.12)
 *
 * cmdline_parse_hugetlb_cma() keeps one total, hugetlb_cma_size (a plain
 * size replaces it, "N:SIZE" sets node N's size and adds to it), and
 * hugetlb_cma_size_in_node[]. hugetlb_cma_reserve(order) drops the nodes
 * that are offline ("invalid node") or below one gigantic page, refuses a
 * total below one, then walks the online nodes: each node's own size, or
 * else DIV_ROUND_UP(total, nr_online_nodes) rounded up to a gigantic page
 * until the total is reached. See include/vmlayout/hugetlb_cma.h.
 */
#include "vmlayout/hugetlb_cma.h"

#define EINVAL_K 22 /* the kernel's errno values in its warning */
#define ENOMEM_K 12

struct node_size {
	uint64_t nid, size;
};

/* The node sizes as cmdline_parse_hugetlb_cma() leaves them (ascending
 * nid, as hugetlb_cma_reserve()'s loop over MAX_NUMNODES), and the total. */
static uint64_t parse_sizes(const struct vml_kernel_config *cfg, unsigned int max_numnodes,
			    struct node_size *nodes, unsigned int *n)
{
	unsigned int stop_word = ~0u;
	uint64_t total = 0;

	*n = 0;
	for (unsigned int i = 0; i < cfg->n_hugetlb_cma && i < VML_MAX_HUGETLB_CMA_ARGS; i++) {
		const struct vml_hugetlb_cma_arg *a = &cfg->hugetlb_cma[i];
		unsigned int j = 0;

		if (a->word == stop_word)
			continue;
		if (!a->node) {
			total = a->size;
			continue;
		}
		if (a->nid >= max_numnodes) { /* "break": the rest of the word */
			stop_word = a->word;
			continue;
		}
		while (j < *n && nodes[j].nid < a->nid)
			j++;
		if (j == *n || nodes[j].nid != a->nid) {
			for (unsigned int k = *n; k > j; k--)
				nodes[k] = nodes[k - 1];
			nodes[j].nid = a->nid;
			(*n)++;
		}
		nodes[j].size = a->size;
		total += a->size;
	}
	return total;
}

static bool node_online(const struct vml_layout *lo, const struct vml_hugetlb_cma_env *env,
			uint64_t nid)
{
	if (!env->numa || !lo->n_nodes)
		return nid == 0;
	for (unsigned int i = 0; i < lo->n_nodes; i++)
		if ((uint64_t)lo->nodes[i].nid == nid)
			return true;
	return false;
}

/* cma_declare_contiguous_nid(0, size, 0, align, ..., false, nid) on a
 * 64-bit arch (no highmem). Return: 0, or the kernel's -errno as positive. */
static int declare(struct vml_memblock *mb, struct vml_layout *lo,
		   const struct vml_hugetlb_cma_env *env, int nid, uint64_t *size,
		   struct vml_diag *diag, int *err)
{
	const uint64_t align = vml_max(env->align, env->cma.align);
	const uint64_t limit = vml_memblock_end_of_DRAM(mb);
	/* v6.12: NUMA_NO_NODE without CONFIG_NUMA; v6.1 keeps nid, which
	 * memblock ignores there */
	const int alloc_nid = env->numa ? nid : VML_NUMA_NO_NODE;
	struct vml_cma_env msg = env->cma;
	vml_phys_t addr = 0;
	int ret = VML_ENOMEM;

	msg.has_nid = env->numa;
	msg.nid = nid;
	*err = 0;
	*size = vml_align_up(*size, align);
	if (*size > limit) {
		vml_layout_kmsg(lo,
				"cma: Size (0x%016llx) of region at 0x0000000000000000 exceeds "
				"limit (0x%016llx)\n",
				*size, limit, 0, 0);
		vml_cma_failed_msg(lo, &msg, *size);
		*err = EINVAL_K;
		return VML_OK;
	}
	if (!mb->bottom_up && limit >= VML_SZ_4G + *size) {
		vml_memblock_set_bottom_up(mb, true);
		ret = vml_memblock_alloc_range_nid(mb, *size, align, VML_SZ_4G, limit, alloc_nid,
						   true, &addr, NULL);
		vml_memblock_set_bottom_up(mb, false);
	}
	if (ret)
		ret = vml_memblock_alloc_range_nid(mb, *size, align, 0, limit, alloc_nid, true,
						   &addr, NULL);
	if (ret) {
		vml_cma_failed_msg(lo, &msg, *size);
		*err = ENOMEM_K;
		return VML_OK;
	}
	vml_cma_reserved_msg(lo, &msg, addr, *size);
	ret = vml_layout_add_reservation(lo, VML_HUGETLB_CMA_NAME, addr, *size, true, diag);
	if (!ret)
		lo->reservations[lo->n_reservations - 1].cma = true;
	return ret;
}

/* Drop the offline nodes and those below one gigantic page; returns
 * whether a node's own size is left. */
static bool check_nodes(struct vml_layout *lo, const struct vml_hugetlb_cma_env *env,
			struct node_size *nodes, unsigned int n, uint64_t *total)
{
	bool node_specific = false;

	for (unsigned int i = 0; i < n; i++) {
		if (!nodes[i].size)
			continue;
		if (!node_online(lo, env, nodes[i].nid)) {
			vml_layout_kmsg(lo, "hugetlb_cma: invalid node %lld specified\n",
					nodes[i].nid, 0, 0, 0);
		} else if (nodes[i].size < env->gigantic) {
			vml_layout_kmsg(lo,
					"hugetlb_cma: cma area of node %lld should be at least "
					"%llu MiB\n",
					nodes[i].nid, env->gigantic >> 20, 0, 0);
		} else {
			node_specific = true;
			continue;
		}
		*total -= nodes[i].size;
		nodes[i].size = 0;
	}
	return node_specific;
}

static uint64_t own_size(const struct node_size *nodes, unsigned int n, uint64_t nid)
{
	for (unsigned int i = 0; i < n; i++)
		if (nodes[i].nid == nid)
			return nodes[i].size;
	return 0;
}

int vml_hugetlb_cma_reserve(struct vml_memblock *mb, struct vml_layout *lo,
			    const struct vml_kernel_config *cfg,
			    const struct vml_hugetlb_cma_env *env, struct vml_diag *diag)
{
	struct node_size nodes[VML_MAX_HUGETLB_CMA_ARGS];
	const unsigned int n_online = env->numa && lo->n_nodes ? lo->n_nodes : 1;
	unsigned int n;
	uint64_t total = parse_sizes(cfg, env->max_numnodes, nodes, &n), per_node = 0;
	uint64_t reserved = 0;
	bool node_specific;

	if (!total)
		return VML_OK;
	node_specific = check_nodes(lo, env, nodes, n, &total);
	if (!total)
		return VML_OK;
	if (total < env->gigantic) {
		vml_layout_kmsg(lo, "hugetlb_cma: cma area should be at least %llu MiB\n",
				env->gigantic >> 20, 0, 0, 0);
		return VML_OK;
	}
	if (!node_specific) {
		per_node = vml_align_up((total + n_online - 1) / n_online, env->gigantic);
		vml_layout_kmsg(lo, "hugetlb_cma: reserve %llu MiB, up to %llu MiB per node\n",
				total >> 20, per_node >> 20, 0, 0);
	}
	for (unsigned int i = 0; i < n_online; i++) {
		const int nid = env->numa && lo->n_nodes ? lo->nodes[i].nid : 0;
		uint64_t size = node_specific ? own_size(nodes, n, (uint64_t)nid)
					      : vml_min(per_node, total - reserved);
		int err, ret;

		if (node_specific && !size)
			continue;
		size = vml_align_up(size, env->gigantic);
		ret = declare(mb, lo, env, nid, &size, diag, &err);
		if (ret)
			return ret;
		if (err) {
			/* pr_warn() without a newline in the kernel */
			vml_layout_kmsg(lo,
					"hugetlb_cma: reservation failed: err %lld, node %lld\n",
					(uint64_t) - (int64_t)err, (uint64_t)(int64_t)nid, 0, 0);
			continue;
		}
		reserved += size;
		vml_layout_kmsg(lo, "hugetlb_cma: reserved %llu MiB on node %lld\n", size >> 20,
				(uint64_t)(int64_t)nid, 0, 0);
		if (reserved >= total)
			break;
	}
	return VML_OK;
}

uint64_t vml_hugetlb_cma_bytes(const struct vml_layout *lo)
{
	uint64_t n = 0;

	for (unsigned int i = 0; i < lo->n_reservations; i++)
		if (vml_str_eq(lo->reservations[i].name, VML_HUGETLB_CMA_NAME))
			n += lo->reservations[i].size;
	return n;
}
