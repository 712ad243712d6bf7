/* SPDX-License-Identifier: MIT */
/*
 * DOC: the zonelists' node order, where the distance table shows at boot
 *
 * mm/page_alloc.c (v6.1, v6.12) build_all_zonelists() at start_kernel():
 * for each possible node, ascending, build_zonelists() asks
 * find_next_best_node() for nodes until none is left and prints "Fallback
 * order for Node N: " and each node followed by a space. The local node
 * comes first (v6.12: only if it has memory); then, among the nodes with
 * memory (N_MEMORY) not used yet, the smallest (node_distance(local, n) +
 * (n < local)) * MAX_NUMNODES + node_load[n], the lowest node on a tie.
 * The penalty for a node with cpus never applies here: no cpu is in
 * node_to_cpumask_map before smp_prepare_cpus(). node_load[] starts at 0
 * for the whole build and a node gets one more each time it opens a new
 * distance group in some node's list.
 */
#include "numa_internal.h"

static bool has_memory(const struct vml_numa_node *n)
{
	uint64_t present = 0;

	for (unsigned int z = 0; z < n->n_zones; z++)
		present += n->zones[z].present_pages;
	return present != 0;
}

/* find_next_best_node(): an index into lo->nodes, -1 when none is left. */
static int next_best(const struct vml_layout *lo, const struct vml_numa_rules *r,
		     unsigned int local, bool *used, const unsigned int *load)
{
	const struct vml_numa_node *l = &lo->nodes[local];
	int best = -1;
	uint64_t min_val = ~0ULL;

	if (!used[local] && (r->flavour == VML_NUMA_V6_1 || has_memory(l)))
		return (int)local;
	for (unsigned int k = 0; k < lo->n_nodes; k++) {
		const struct vml_numa_node *n = &lo->nodes[k];
		uint64_t val;

		if (used[k] || !has_memory(n))
			continue;
		val = (uint64_t)vml_numa_node_distance(lo, l->nid, n->nid) + (n->nid < l->nid);
		val = val * (uint64_t)r->max_numnodes + load[k];
		if (val < min_val) {
			min_val = val;
			best = (int)k;
		}
	}
	return best;
}

static void put_number(char *buf, unsigned int *len, unsigned int cap, unsigned int v)
{
	char digits[10];
	unsigned int n = 0;

	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n && *len + 1 < cap)
		buf[(*len)++] = digits[--n];
	buf[*len] = 0;
}

static void put_char(char *buf, unsigned int *len, unsigned int cap, char c)
{
	if (*len + 1 < cap)
		buf[(*len)++] = c;
	buf[*len] = 0;
}

void vml_numa_fallback_order(struct vml_layout *lo, const struct vml_numa_rules *r)
{
	unsigned int load[VML_LAYOUT_MAX_NODES] = {0};

	for (unsigned int local = 0; local < lo->n_nodes; local++) {
		bool used[VML_LAYOUT_MAX_NODES] = {false};
		int prev = lo->nodes[local].nid, k;
		char line[VML_BOARD_NAME_LEN];
		unsigned int len = 0;

		put_number(line, &len, sizeof(line), (unsigned int)lo->nodes[local].nid);
		put_char(line, &len, sizeof(line), ':');
		while ((k = next_best(lo, r, local, used, load)) >= 0) {
			int nid = lo->nodes[k].nid;

			used[k] = true;
			if (vml_numa_node_distance(lo, lo->nodes[local].nid, nid) !=
			    vml_numa_node_distance(lo, lo->nodes[local].nid, prev))
				load[k]++;
			prev = nid;
			put_char(line, &len, sizeof(line), ' ');
			put_number(line, &len, sizeof(line), (unsigned int)nid);
		}
		put_char(line, &len, sizeof(line), ' ');
		vml_layout_kmsg_name(lo, "Fallback order for Node %s\n", line, 0, 0);
	}
}
