/* SPDX-License-Identifier: MIT */
/*
 * DOC: of_numa_init(): the DT's cpus, memory nodes and distance map
 *
 * drivers/of/of_numa.c (v6.1; v6.12 the same but for the memory nodes'
 * return value), in the kernel's order:
 *   - of_numa_parse_cpu_nodes(): a cpu's numa-node-id puts its node in
 *     numa_nodes_parsed (a node without memory then gets a NODE_DATA); one
 *     >= MAX_NUMNODES only warns ("OF: NUMA: Node id N exceeds maximum
 *     value") and a property shorter than a cell is skipped unnoticed;
 *   - of_numa_parse_memory_nodes(): each bank of a memory node with an id
 *     goes to numa_add_memblk(); an id >= MAX_NUMNODES fails ("... exceeds
 *     maximum value", "OF: NUMA: bad property in memory node"); v6.12 also
 *     fails, silently, when the last memory node has no id (its
 *     of_property_read_u32() -EINVAL is what the function returns);
 *   - of_numa_parse_distance_map_v1() on the first numa-distance-map-v1
 *     node: "OF: NUMA: parsing numa-distance-map-v1", then each
 *     <a b distance> triple (a trailing one or two cells are ignored):
 *     a == b with a distance other than 10, or a != b with 10 or less,
 *     fails ("OF: NUMA: Invalid distance[nodeA -> nodeB] = D"), as do a
 *     missing matrix ("No distance-matrix property in distance-map") and an
 *     empty or ragged one ("Invalid distance-matrix"); otherwise node a is
 *     parsed (b is not), distance[a][b] is set, and distance[b][a] too when
 *     b > a (so a later b -> a entry can make it asymmetric). The values
 *     are u32 but printed and passed on as int.
 * Any failure makes numa_init() give up on the DT (numa.c). Each one also
 * gets a "vmlayout:" note naming the DT node and the rule.
 */
#include "numa_internal.h"

int vml_numa_check_model_limit(struct numa_parse *p, uint32_t nid, const char *what)
{
	if (nid < VML_LAYOUT_MAX_NODES)
		return VML_OK;
	return vml_fail(p->diag, VML_ERANGE, what, nid, VML_LAYOUT_MAX_NODES, -1);
}

static int of_numa_cpus(struct numa_parse *p, const struct vml_board *b)
{
	for (unsigned int i = 0; i < b->n_cpus; i++) {
		const struct vml_board_cpu *cpu = &b->cpus[i];
		uint32_t nid = cpu->nid.value;

		if (!cpu->nid.present)
			continue;
		if (cpu->nid.len < 4) {
			vml_layout_kmsg_name(
			    p->lo,
			    "vmlayout: %s: numa-node-id is %llu bytes, less than a "
			    "cell: of_numa_parse_cpu_nodes() skips it\n",
			    cpu->path, cpu->nid.len, 0);
			continue;
		}
		if (cpu->nid.len != 4)
			vml_layout_kmsg_name(p->lo,
					     "vmlayout: %s: numa-node-id is %llu bytes: the kernel "
					     "reads its first cell, %llu\n",
					     cpu->path, cpu->nid.len, nid);
		if (nid >= (uint32_t)p->r->max_numnodes) {
			vml_layout_kmsg(p->lo, "OF: NUMA: Node id %llu exceeds maximum value\n",
					nid, 0, 0, 0);
			vml_layout_kmsg_name(p->lo,
					     "vmlayout: %s: numa-node-id %llu is not below "
					     "MAX_NUMNODES (%llu): the kernel ignores it\n",
					     cpu->path, nid, (uint64_t)p->r->max_numnodes);
			continue;
		}
		if (vml_numa_check_model_limit(p, nid,
					       "a cpu's numa-node-id is beyond the 16 "
					       "NUMA nodes vmlayout models"))
			return VML_ERANGE;
		p->parsed[nid] = true;
	}
	return VML_OK;
}

static int of_numa_memory(struct numa_parse *p, const struct vml_board *b)
{
	bool any = false;

	for (unsigned int i = 0; i < b->n_memory; i++) {
		uint32_t nid = b->memory_nid[i];
		int ret;

		if (!b->memory_has_nid[i])
			continue;
		if (nid >= (uint32_t)p->r->max_numnodes) {
			vml_layout_kmsg(p->lo, "OF: NUMA: Node id %llu exceeds maximum value\n",
					nid, 0, 0, 0);
			vml_layout_kmsg(p->lo, "OF: NUMA: bad property in memory node\n", 0, 0, 0,
					0);
			return VML_EINVAL;
		}
		if (vml_numa_check_model_limit(p, nid,
					       "a memory node's numa-node-id is beyond "
					       "the 16 NUMA nodes vmlayout models"))
			return VML_ERANGE;
		ret = vml_numa_add_memblk(p, (int)nid, b->memory[i].base,
					  b->memory[i].base + b->memory[i].size);
		if (ret == VML_EINVAL)
			vml_layout_kmsg(p->lo, "OF: NUMA: bad property in memory node\n", 0, 0, 0,
					0);
		if (ret)
			return ret;
		any = true;
	}
	if (!numa_v6_1(p) && (b->memory_last_node_lacks_nid || !any)) {
		if (any)
			vml_layout_kmsg(p->lo,
					"vmlayout: the last memory node has no numa-node-id: v6.12 "
					"of_numa_parse_memory_nodes() returns -EINVAL and the DT's "
					"nodes are given up\n",
					0, 0, 0, 0);
		return VML_EINVAL;
	}
	return VML_OK;
}

/* (int)u32, as the kernel's %d and int parameters see the cell. */
static int64_t as_int(uint32_t v)
{
	return (int64_t)(int32_t)v;
}

static int bad_triple(struct numa_parse *p, const struct vml_board_distance_map *m, unsigned int i)
{
	const uint32_t *t = &m->cells[i];

	vml_layout_kmsg(p->lo, "OF: NUMA: Invalid distance[node%lld -> node%lld] = %lld\n",
			(uint64_t)as_int(t[0]), (uint64_t)as_int(t[1]), (uint64_t)as_int(t[2]), 0);
	vml_layout_kmsg_name(p->lo,
			     t[0] == t[1] ? "vmlayout: %s: distance-matrix entry %llu: a node's "
					    "distance to itself must be 10 (LOCAL_DISTANCE)\n"
					  : "vmlayout: %s: distance-matrix entry %llu: two nodes' "
					    "distance must be more than 10 (LOCAL_DISTANCE)\n",
			     m->path, i / 3, 0);
	return VML_EINVAL;
}

static int one_triple(struct numa_parse *p, const struct vml_board_distance_map *m, unsigned int i)
{
	uint32_t a = m->cells[i], b = m->cells[i + 1], d = m->cells[i + 2];

	if ((a == b && d != LOCAL_DISTANCE) || (a != b && d <= LOCAL_DISTANCE))
		return bad_triple(p, m, i);
	if (a >= (uint32_t)p->r->max_numnodes)
		vml_layout_kmsg_name(
		    p->lo,
		    "vmlayout: %s: distance-matrix entry %llu names node %llu, not "
		    "below MAX_NUMNODES: node_set() writes past numa_nodes_parsed "
		    "(vmlayout takes it as harmless)\n",
		    m->path, i / 3, a);
	else if (vml_numa_check_model_limit(p, a,
					    "a distance-matrix node is beyond the 16 "
					    "NUMA nodes vmlayout models"))
		return VML_ERANGE;
	else
		p->parsed[a] = true;
	vml_numa_set_distance(p, as_int(a), as_int(b), as_int(d));
	if (b > a)
		vml_numa_set_distance(p, as_int(b), as_int(a), as_int(d));
	return VML_OK;
}

static int of_numa_distance_map(struct numa_parse *p, const struct vml_board_distance_map *m)
{
	unsigned int count = m->matrix_len / 4;
	int ret = VML_OK;

	if (!m->present)
		return VML_OK;
	vml_layout_kmsg(p->lo, "OF: NUMA: parsing numa-distance-map-v1\n", 0, 0, 0, 0);
	if (!m->has_matrix) {
		vml_layout_kmsg(p->lo, "OF: NUMA: No distance-matrix property in distance-map\n", 0,
				0, 0, 0);
		vml_layout_kmsg_name(p->lo, "vmlayout: %s: no distance-matrix property\n", m->path,
				     0, 0);
		return VML_EINVAL;
	}
	if (m->matrix_len % 4)
		vml_layout_kmsg_name(p->lo,
				     "OF: size of distance-matrix in node %s is not a "
				     "multiple of 4\n",
				     m->path, 0, 0);
	if (!count || m->matrix_len % 4) {
		vml_layout_kmsg(p->lo, "OF: NUMA: Invalid distance-matrix\n", 0, 0, 0, 0);
		vml_layout_kmsg_name(p->lo,
				     "vmlayout: %s: distance-matrix is %llu bytes: it must be a "
				     "non-empty list of 32-bit cells\n",
				     m->path, m->matrix_len, 0);
		return VML_EINVAL;
	}
	for (unsigned int i = 0; !ret && i + 2 < count; i += 3)
		ret = one_triple(p, m, i);
	if (!ret && count % 3)
		vml_layout_kmsg_name(
		    p->lo,
		    "vmlayout: %s: distance-matrix ends with %llu cell(s) that "
		    "make no <node node distance> triple: the kernel ignores them\n",
		    m->path, count % 3, 0);
	return ret;
}

int vml_numa_of_init(struct numa_parse *p, const struct vml_board *b)
{
	int ret = of_numa_cpus(p, b);

	if (!ret)
		ret = of_numa_memory(p, b);
	if (!ret)
		ret = of_numa_distance_map(p, &b->distance_map);
	return ret;
}
