/* SPDX-License-Identifier: MIT */
/*
 * DOC: which node each cpu lands on
 *
 * arm64 of_parse_and_init_cpus() and riscv setup_smp() (v6.1, v6.12) call
 * early_map_cpu_to_node(cpu, of_node_to_nid(dn)) for each cpu node, after
 * arch_numa_init(). of_node_to_nid() (drivers/of/of_numa.c) takes the
 * first numa-node-id up the tree from the cpu (the cpu, /cpus, the root);
 * one shorter than a cell stops the walk with "OF: NUMA: Invalid
 * \"numa-node-id\" property in node NAME"; an id that is no possible node
 * gives NUMA_NO_NODE. early_map_cpu_to_node() (drivers/base/arch_numa.c)
 * then takes node 0 for NUMA_NO_NODE, an id >= MAX_NUMNODES, or numa_off
 * ("numa=off", or set by dummy_numa_init()). The per-CPU first chunk is
 * allocated per group of cpus on their node (mm/percpu.c pcpu_fc_alloc());
 * vmlayout does not model it.
 */
#include "numa_internal.h"

static const char *basename_of(const char *path)
{
	const char *base = path;

	for (const char *s = path; *s; s++)
		if (*s == '/')
			base = s + 1;
	return base;
}

static struct vml_numa_node *online_node(struct vml_layout *lo, int nid)
{
	for (unsigned int k = 0; k < lo->n_nodes; k++)
		if (lo->nodes[k].nid == nid)
			return &lo->nodes[k];
	return NULL;
}

static int of_node_to_nid(struct vml_layout *lo, const struct vml_board *b,
			  const struct vml_board_cpu *cpu, const struct vml_numa_rules *r)
{
	const struct vml_board_nid *up[] = {&cpu->nid, &b->cpus_node_nid, &b->root_nid};
	const char *name[] = {basename_of(cpu->path), "cpus", ""};

	for (unsigned int i = 0; i < VML_ARRAY_SIZE(up); i++) {
		if (!up[i]->present)
			continue;
		if (up[i]->len < 4) {
			vml_layout_kmsg_name(
			    lo, "OF: NUMA: Invalid \"numa-node-id\" property in node %s\n", name[i],
			    0, 0);
			return VML_NUMA_NO_NODE;
		}
		if (up[i]->value < (uint32_t)r->max_numnodes && online_node(lo, (int)up[i]->value))
			return (int)up[i]->value;
		return VML_NUMA_NO_NODE;
	}
	return VML_NUMA_NO_NODE;
}

void vml_numa_map_cpus(struct vml_layout *lo, const struct vml_board *board,
		       const struct vml_numa_rules *r)
{
	for (unsigned int k = 0; k < lo->n_nodes; k++)
		vml_zero(lo->nodes[k].cpus, sizeof(lo->nodes[k].cpus));
	for (unsigned int i = 0; board && i < board->n_cpus; i++) {
		const struct vml_board_cpu *cpu = &board->cpus[i];
		int nid = of_node_to_nid(lo, board, cpu, r);
		struct vml_numa_node *n;

		if (nid < 0 || r->numa_off || lo->numa_faked)
			nid = 0;
		n = online_node(lo, nid);
		if (n)
			n->cpus[i / 64] |= 1ULL << (i % 64);
		else
			vml_layout_kmsg_name(
			    lo,
			    "vmlayout: %s: the kernel puts this cpu on node 0, which "
			    "is not online (no node of the DT is node 0)\n",
			    cpu->path, 0, 0);
	}
}
