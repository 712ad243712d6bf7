/* SPDX-License-Identifier: MIT */
/*
 * DOC: the device tree blob as the board's firmware describes it
 *
 * What the kernel reads from a flattened device tree before it lays out
 * memory, following drivers/of/fdt.c of v6.1 (and msm-3.4's
 * arch/arm/mach-msm/memory.c for qcom,memblock-remove):
 *   - root #address-cells/#size-cells, 1 and 1 when absent
 *     (OF_ROOT_NODE_*_CELLS_DEFAULT in drivers/of/of_private.h; the DT
 *     spec's default of 2 address cells is not what the kernel uses);
 *   - the root's children (only those in v6.1's early_init_dt_scan_memory)
 *     with device_type = "memory" and an
 *     available status: linux,usable-memory if present, else reg;
 *     zero-size entries skipped; their numa-node-id, if any, goes with each
 *     bank (drivers/of/of_numa.c of_numa_parse_memory_nodes(), v6.12);
 *   - the header's /memreserve/ entries (early_init_fdt_scan_reserved_mem);
 *   - qcom,memblock-remove on any node (msm dt_scan_for_memory_reserve; the
 *     msm kernel also requires the node's compatible to be one a driver
 *     exports, which vmlayout cannot know: every node counts);
 *   - /chosen (dt_chosen.c) and /reserved-memory (dt_reserved.c);
 *   - the cpus' numa-node-id and the NUMA distance map (dt_numa.c).
 * Where the kernel skips a malformed property with a log line, we fail: a
 * layout computed from half a device tree would be silently wrong.
 */
#include <stdlib.h>
#include <string.h>

#include "host/dt_internal.h"

/* The machine name: "model", else the first "compatible" string (as
 * of_flat_dt_get_machine_name). */
static int dt_scan_model(struct vml_dt_ctx *c)
{
	int len;
	const char *s = fdt_getprop(c->fdt, 0, "model", &len);
	const char *prop = "model";

	if (!s) {
		s = fdt_getprop(c->fdt, 0, "compatible", &len);
		prop = "compatible";
		if (s && strnlen(s, (size_t)len) < (size_t)len)
			len = (int)strlen(s) + 1;
	}
	if (!s)
		return VML_OK;
	return vml_dt_copy_string(c, 0, prop, s, len, c->board->model, sizeof(c->board->model));
}

/* "numa-node-id": one u32 cell (of_property_read_u32 in of_numa.c v6.12). */
static int dt_memory_nid(struct vml_dt_ctx *c, int node, bool *has, uint32_t *nid)
{
	char path[VML_DT_PATH_LEN];
	int len;
	const fdt32_t *p = fdt_getprop(c->fdt, node, "numa-node-id", &len);

	*has = p != NULL;
	*nid = 0;
	if (!p)
		return VML_OK;
	if (len != 4)
		return vml_host_error_set(
		    c->err, VML_EINVAL,
		    "%s: node %s: property numa-node-id is %d bytes, want one "
		    "4-byte cell",
		    c->name, vml_dt_path(c, node, path, sizeof(path)), len);
	*nid = fdt32_to_cpu(*p);
	return VML_OK;
}

static int dt_scan_memory_node(struct vml_dt_ctx *c, int node)
{
	const char *prop = "linux,usable-memory";
	const fdt32_t *p;
	bool has_nid;
	uint32_t nid;
	int n, rc;

	if (!vml_dt_has_prop(c, node, prop))
		prop = "reg";
	rc = dt_memory_nid(c, node, &has_nid, &nid);
	if (rc == VML_OK)
		rc = vml_dt_get_pairs(c, node, prop, c->addr_cells, c->size_cells, &p, &n);
	for (int i = 0; rc == VML_OK && i < n; i++) {
		struct vml_range64 r = vml_dt_pair(p, i, c->addr_cells, c->size_cells);

		if (r.size == 0) {
			if (!c->board->has_unsized_memory) {
				c->board->has_unsized_memory = true;
				c->board->unsized_memory_base = r.base;
			}
			continue;
		}
		if (c->board->n_memory == VML_BOARD_MAX_MEMORY)
			return vml_dt_too_many(c, node, "memory banks", VML_BOARD_MAX_MEMORY);
		c->board->memory_has_nid[c->board->n_memory] = has_nid;
		c->board->memory_nid[c->board->n_memory] = nid;
		c->board->memory[c->board->n_memory++] = r;
	}
	return rc;
}

static int dt_scan_memory(struct vml_dt_ctx *c)
{
	int node;

	fdt_for_each_subnode(node, c->fdt, 0)
	{
		int len, rc;
		const void *type = fdt_getprop(c->fdt, node, "device_type", &len);

		if (!vml_dt_prop_is_string(type, len, "memory") || !vml_dt_node_available(c, node))
			continue;
		rc = dt_scan_memory_node(c, node);
		if (rc)
			return rc;
	}
	return VML_OK;
}

static int dt_scan_memreserve(struct vml_dt_ctx *c)
{
	int n = fdt_num_mem_rsv(c->fdt);

	if (n < 0)
		return vml_host_error_set(c->err, VML_EINVAL,
					  "%s: the /memreserve/ table is unreadable: %s", c->name,
					  fdt_strerror(n));
	if (n > VML_BOARD_MAX_RESERVED)
		return vml_host_error_set(c->err, VML_ENOMEM,
					  "%s: %d /memreserve/ entries, more than vmlayout's limit "
					  "of %d",
					  c->name, n, VML_BOARD_MAX_RESERVED);
	for (int i = 0; i < n; i++) {
		struct vml_range64 *r = &c->board->memreserve[i];

		fdt_get_mem_rsv(c->fdt, i, &r->base, &r->size);
	}
	c->board->n_memreserve = (unsigned int)n;
	return VML_OK;
}

static int dt_memblock_remove_node(struct vml_dt_ctx *c, int node)
{
	char path[VML_DT_PATH_LEN];
	int len;
	const fdt32_t *p = fdt_getprop(c->fdt, node, "qcom,memblock-remove", &len);

	if (!p)
		return VML_OK;
	/* msm: "Memory remove malformed" when the length is 0 or not 2 cells a hole. */
	if (len == 0 || len % 8)
		return vml_host_error_set(c->err, VML_EINVAL,
					  "%s: node %s: property qcom,memblock-remove is %d bytes; "
					  "want <start size> pairs of 32-bit cells (a non-zero "
					  "multiple of 8 bytes)",
					  c->name, vml_dt_path(c, node, path, sizeof(path)), len);
	for (int i = 0; i < len / 8; i++) {
		struct vml_range64 r = vml_dt_pair(p, i, 1, 1);

		if (r.size == 0)
			continue;
		if (c->board->n_remove == VML_BOARD_MAX_RESERVED)
			return vml_dt_too_many(c, node, "qcom,memblock-remove ranges",
					       VML_BOARD_MAX_RESERVED);
		c->board->remove[c->board->n_remove++] = r;
	}
	return VML_OK;
}

static int dt_scan_memblock_remove(struct vml_dt_ctx *c)
{
	for (int node = fdt_next_node(c->fdt, -1, NULL); node >= 0;
	     node = fdt_next_node(c->fdt, node, NULL)) {
		int rc = dt_memblock_remove_node(c, node);

		if (rc)
			return rc;
	}
	return VML_OK;
}

static uint32_t be32_at(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/*
 * The structure block's tokens, walked with 64-bit offsets before libfdt
 * sees them: libfdt 1.6.1 (Debian 12) keeps offsets in ints, so a property
 * length near 2^32 wraps and fdt_check_full() loops forever. Every token
 * and property must lie inside the block, every name offset inside the
 * strings block, and the block must end with FDT_END. Returns NULL or the
 * rule broken.
 */
static const char *dt_struct_block_rule(const void *blob)
{
	const unsigned char *b = blob;
	uint64_t off = fdt_off_dt_struct(blob), end = off + (uint64_t)fdt_size_dt_struct(blob);
	uint64_t strings = fdt_size_dt_strings(blob), total = fdt_totalsize(blob);

	if (fdt_version(blob) < 17)
		end = total; /* no size_dt_struct before version 17 */
	if (off > total || end > total)
		return "the structure block lies outside the blob";
	while (off + 4 <= end) {
		uint32_t tag = be32_at(b + off);

		off += 4;
		if (tag == FDT_BEGIN_NODE) {
			while (off < end && b[off])
				off++;
			off = (off + 4) & ~3ULL; /* the NUL, then padding to 4 */
		} else if (tag == FDT_PROP) {
			uint64_t len, nameoff;

			if (off + 8 > end)
				return "a property header runs past the structure block";
			len = be32_at(b + off);
			nameoff = be32_at(b + off + 4);
			if (len > end - off - 8)
				return "a property's length runs past the structure block";
			if (nameoff >= strings)
				return "a property's name lies outside the strings block";
			off = (off + 8 + len + 3) & ~3ULL;
		} else if (tag == FDT_END) {
			return NULL;
		} else if (tag != FDT_END_NODE && tag != FDT_NOP) {
			return "an unknown token in the structure block";
		}
	}
	return "the structure block has no FDT_END";
}

/* Reject what libfdt cannot walk safely, with the reason in words. */
static int dt_check_blob(const void *blob, size_t size, const char *name,
			 struct vml_host_error *err)
{
	int rc;

	if (size < sizeof(struct fdt_header))
		return vml_host_error_set(err, VML_EINVAL,
					  "%s: %zu bytes is too small for a device tree blob (its "
					  "header alone is %zu)",
					  name, size, sizeof(struct fdt_header));
	if (fdt_magic(blob) != FDT_MAGIC)
		return vml_host_error_set(err, VML_EINVAL,
					  "%s: not a device tree blob: the magic is 0x%08x, want "
					  "0x%08x",
					  name, fdt_magic(blob), FDT_MAGIC);
	if (fdt_totalsize(blob) > size)
		return vml_host_error_set(
		    err, VML_EINVAL,
		    "%s: truncated device tree blob: the header's totalsize is "
		    "%u bytes but only %zu are there",
		    name, fdt_totalsize(blob), size);
	/* libfdt 1.6's fdt_check_full() reads a NULL strings block on blobs
	 * older than version 16; dtc has written version 17 since 2007 and
	 * the kernel's own checks want 16 or later (scripts/dtc/libfdt). */
	if (fdt_version(blob) < 16 || fdt_last_comp_version(blob) > 17)
		return vml_host_error_set(
		    err, VML_EINVAL,
		    "%s: device tree blob version %u (compatible with %u); "
		    "vmlayout reads versions 16 and 17 (dtc -O dtb writes 17)",
		    name, fdt_version(blob), fdt_last_comp_version(blob));
	rc = fdt_check_header(blob);
	if (rc)
		return vml_host_error_set(err, VML_EINVAL, "%s: bad device tree header: %s", name,
					  fdt_strerror(rc));
	{
		const char *rule = dt_struct_block_rule(blob);

		if (rule)
			return vml_host_error_set(err, VML_EINVAL,
						  "%s: malformed device tree blob: %s", name, rule);
	}
	rc = fdt_check_full(blob, size);
	if (rc)
		return vml_host_error_set(
		    err, VML_EINVAL, "%s: malformed device tree blob (libfdt fdt_check_full): %s",
		    name, fdt_strerror(rc));
	return VML_OK;
}

static int dt_scan_all(struct vml_dt_ctx *c)
{
	int rc = vml_dt_cells_prop(c, 0, "#address-cells", 1, &c->addr_cells);

	if (!rc)
		rc = vml_dt_cells_prop(c, 0, "#size-cells", 1, &c->size_cells);
	if (!rc)
		rc = dt_scan_model(c);
	if (!rc)
		rc = dt_scan_memory(c);
	if (!rc)
		rc = vml_dt_scan_chosen(c);
	if (!rc)
		rc = dt_scan_memreserve(c);
	if (!rc)
		rc = vml_dt_scan_reserved_memory(c);
	if (!rc)
		rc = dt_scan_memblock_remove(c);
	if (!rc)
		rc = vml_dt_scan_cpus(c);
	if (!rc)
		rc = vml_dt_scan_numa(c);
	if (!rc)
		rc = vml_dt_scan_dma_ranges(c);
	if (!rc)
		rc = vml_dt_scan_unflatten(c);
	return rc;
}

int vml_dt_load_blob(const void *blob, size_t size, const char *name, struct vml_board *board,
		     struct vml_host_error *err)
{
	struct vml_board *next;
	struct vml_dt_ctx c = {blob, name, 1, 1, NULL, err};
	int rc = dt_check_blob(blob, size, name, err);

	if (rc)
		return rc;
	next = malloc(sizeof(*next)); /* about 50 KiB: kept off the stack */
	if (!next)
		return vml_host_error_set(err, VML_ENOMEM, "%s: out of memory", name);
	vml_board_init(next);
	c.board = next;
	rc = dt_scan_all(&c);
	/* The blob's size, for a --dtb-phys reservation (the kernel reserves
	 * totalsize bytes: early_init_fdt_reserve_self(), v6.1). */
	next->dtb_size = fdt_totalsize(blob);
	if (!rc)
		*board = *next;
	free(next);
	return rc;
}
