/* SPDX-License-Identifier: MIT */
/*
 * DOC: the nodes' memory blocks on their way into memblock
 *
 * v6.1 drivers/base/arch_numa.c numa_add_memblk() gives memblock.memory the
 * node at once (memblock_set_node()). v6.12 (mm/numa_memblks.c, the code
 * x86 had) collects the blocks in numa_meminfo (NR_NODE_MEMBLKS = 2 *
 * MAX_NUMNODES of them, "too many memblk ranges" past that), then
 * numa_cleanup_meminfo() drops blocks that miss memblock.memory, trims the
 * others to [memblock_start_of_DRAM(), memblock_end_of_DRAM()) and merges
 * two blocks of one node when no other node's block lies between them
 * ("NUMA: Node N [mem ...] + [mem ...] -> [mem ...]"), and
 * numa_register_meminfo() sets each block's node on memblock.memory and,
 * through numa_clear_kernel_node_hotplug(), on memblock.reserved: the
 * reservations made before arch_numa_init() print " on node N" in
 * memblock=debug's dump, those made after print none. Overlapping blocks
 * cannot come from a board (vml_board_check() refuses overlapping banks).
 */
#include "numa_internal.h"

int vml_numa_add_memblk(struct numa_parse *p, int nid, uint64_t start, uint64_t end)
{
	if (numa_v6_1(p)) {
		if (vml_memblock_set_node(p->mb, start, end - start, &p->mb->memory, nid, p->diag))
			return VML_ENOMEM;
		p->parsed[nid] = true;
		return VML_OK;
	}
	if (start == end)
		return VML_OK; /* numa_add_memblk_to(): zero length ignored */
	if (p->nr_blks >= 2ULL * (uint64_t)p->r->max_numnodes ||
	    p->nr_blks >= VML_BOARD_MAX_MEMORY) {
		vml_layout_kmsg(p->lo, "too many memblk ranges\n", 0, 0, 0, 0);
		return VML_EINVAL;
	}
	p->blk[p->nr_blks++] = (struct numa_blk){start, end, nid};
	p->parsed[nid] = true; /* of_numa_parse_memory_nodes(), dummy_numa_init() */
	return VML_OK;
}

static void remove_blk(struct numa_parse *p, unsigned int i)
{
	for (p->nr_blks--; i < p->nr_blks; i++)
		p->blk[i] = p->blk[i + 1];
}

/* numa_cleanup_meminfo()'s first pass (the dropped blocks go to
 * numa_reserved_meminfo, which nothing here reads). */
static void trim(struct numa_parse *p)
{
	const uint64_t low = vml_memblock_start_of_DRAM(p->mb);
	const uint64_t high = vml_memblock_end_of_DRAM(p->mb);

	for (unsigned int i = 0; i < p->nr_blks; i++) {
		struct numa_blk *b = &p->blk[i];

		if (!vml_memblock_overlaps_region(p->mb, &p->mb->memory, b->start,
						  b->end - b->start)) {
			remove_blk(p, i--);
			continue;
		}
		b->start = vml_max(b->start, low);
		b->end = vml_min(b->end, high);
		if (b->start >= b->end)
			remove_blk(p, i--);
	}
}

/* Another node's block lies in [start, end). */
static bool other_node_between(const struct numa_parse *p, int nid, uint64_t start, uint64_t end)
{
	for (unsigned int k = 0; k < p->nr_blks; k++)
		if (p->blk[k].nid != nid && start < p->blk[k].end && end > p->blk[k].start)
			return true;
	return false;
}

static void merge(struct numa_parse *p)
{
	for (unsigned int i = 0; i < p->nr_blks; i++) {
		for (unsigned int j = i + 1; j < p->nr_blks; j++) {
			struct numa_blk *bi = &p->blk[i], *bj = &p->blk[j];
			uint64_t start = vml_min(bi->start, bj->start);
			uint64_t end = vml_max(bi->end, bj->end);
			const uint64_t args[] = {
			    (uint64_t)bi->nid, bi->start, bi->end - 1, bj->start,
			    bj->end - 1,       start,	  end - 1};

			if (bi->nid != bj->nid || other_node_between(p, bi->nid, start, end))
				continue;
			/* %#010Lx: "0x" and at least 8 digits, 0 included */
			vml_layout_kmsg_args(p->lo,
					     "NUMA: Node %llu [mem 0x%08llx-0x%08llx] + [mem "
					     "0x%08llx-0x%08llx] -> [mem 0x%08llx-0x%08llx]\n",
					     args, VML_ARRAY_SIZE(args));
			bi->start = start;
			bi->end = end;
			remove_blk(p, j--);
		}
	}
}

int vml_numa_meminfo_register(struct numa_parse *p)
{
	trim(p);
	merge(p);
	for (unsigned int i = 0; i < p->nr_blks; i++) {
		const struct numa_blk *b = &p->blk[i];

		if (vml_memblock_set_node(p->mb, b->start, b->end - b->start, &p->mb->memory,
					  b->nid, p->diag) ||
		    vml_memblock_set_node(p->mb, b->start, b->end - b->start, &p->mb->reserved,
					  b->nid, p->diag))
			return VML_ENOMEM;
	}
	return VML_OK;
}
