/* SPDX-License-Identifier: MIT */
/*
 * DOC: /reserved-memory: the carve-outs, recorded for the core to place
 *
 * drivers/of/fdt.c (fdt_scan_reserved_mem, __reserved_mem_check_root,
 * __reserved_mem_reserve_reg) and drivers/of/of_reserved_mem.c
 * (__reserved_mem_alloc_size), v6.1:
 *   - /reserved-memory's #address-cells and #size-cells must equal the
 *     root's and it must have "ranges", else the kernel ignores the whole
 *     node ("Reserved memory: unsupported node format, ignoring"); children
 *     are read with the root's cells;
 *   - children with a non-available status are skipped;
 *   - reg: every entry is reserved (or marked no-map); each becomes one
 *     record here (the kernel keeps only the first in reserved_mem[], which
 *     matters for the device binding, not for the layout);
 *   - no reg but "size": a dynamic region with "alignment" (address cells)
 *     and "alloc-ranges" (<address size> pairs) placed later by the core;
 *   - neither: not a reserved region, skipped as the kernel does.
 */
#include <string.h>

#include "host/dt_internal.h"

static bool reserved_compatible_with(const struct vml_dt_ctx *c, int node, const char *compat)
{
	return fdt_node_check_compatible(c->fdt, node, compat) == 0;
}

/* The flags and name shared by every record of one child. */
static int reserved_template(struct vml_dt_ctx *c, int node, struct vml_board_reserved *r)
{
	int len;
	const char *name = fdt_get_name(c->fdt, node, &len);

	memset(r, 0, sizeof(*r));
	if (!name)
		return vml_dt_too_many(c, node, "characters in the node name", len);
	vml_dt_copy_name(r->name, sizeof(r->name), name, (size_t)len);
	r->nomap = vml_dt_has_prop(c, node, "no-map");
	r->reusable = vml_dt_has_prop(c, node, "reusable");
	r->cma_default = vml_dt_has_prop(c, node, "linux,cma-default");
	r->shared_dma_pool = reserved_compatible_with(c, node, "shared-dma-pool");
	return VML_OK;
}

static int reserved_push(struct vml_dt_ctx *c, int node, const struct vml_board_reserved *r)
{
	if (c->board->n_reserved == VML_BOARD_MAX_RESERVED)
		return vml_dt_too_many(c, node, "/reserved-memory regions", VML_BOARD_MAX_RESERVED);
	c->board->reserved[c->board->n_reserved++] = *r;
	return VML_OK;
}

static int reserved_static(struct vml_dt_ctx *c, int node, struct vml_board_reserved *r)
{
	const fdt32_t *p;
	int n, rc = vml_dt_get_pairs(c, node, "reg", c->addr_cells, c->size_cells, &p, &n);

	for (int i = 0; rc == VML_OK && i < n; i++) {
		struct vml_range64 e = vml_dt_pair(p, i, c->addr_cells, c->size_cells);

		if (e.size == 0)
			continue; /* the kernel logs "failed to reserve" and goes on */
		r->base = e.base;
		r->size = e.size;
		rc = reserved_push(c, node, r);
	}
	return rc;
}

/* A property that must be exactly @cells cells long. */
static int reserved_number(struct vml_dt_ctx *c, int node, const char *prop, int cells,
			   const char *cells_name, bool *found, uint64_t *v)
{
	char path[VML_DT_PATH_LEN];
	int len;
	const fdt32_t *p = fdt_getprop(c->fdt, node, prop, &len);

	*found = p != NULL;
	if (!p)
		return VML_OK;
	if (len != cells * 4)
		return vml_host_error_set(c->err, VML_EINVAL,
					  "%s: node %s: property %s is %d bytes, want %d (the "
					  "root's %s = %d)",
					  c->name, vml_dt_path(c, node, path, sizeof(path)), prop,
					  len, cells * 4, cells_name, cells);
	*v = vml_dt_read_cells(p, cells);
	return VML_OK;
}

static int reserved_dynamic(struct vml_dt_ctx *c, int node, struct vml_board_reserved *r)
{
	char path[VML_DT_PATH_LEN];
	const fdt32_t *p;
	bool found;
	int n,
	    rc = reserved_number(c, node, "size", c->size_cells, "#size-cells", &found, &r->size);

	if (!rc)
		rc = reserved_number(c, node, "alignment", c->addr_cells, "#address-cells", &found,
				     &r->align);
	if (!rc && r->size == 0)
		rc = vml_host_error_set(c->err, VML_EINVAL, "%s: node %s: size is zero", c->name,
					vml_dt_path(c, node, path, sizeof(path)));
	if (!rc)
		rc =
		    vml_dt_get_pairs(c, node, "alloc-ranges", c->addr_cells, c->size_cells, &p, &n);
	if (rc)
		return rc;
	if (n > VML_BOARD_MAX_ALLOC_RANGES)
		return vml_dt_too_many(c, node, "alloc-ranges", VML_BOARD_MAX_ALLOC_RANGES);
	for (int i = 0; i < n; i++)
		r->alloc_ranges[i] = vml_dt_pair(p, i, c->addr_cells, c->size_cells);
	r->n_alloc_ranges = (unsigned int)n;
	r->dynamic = true;
	return reserved_push(c, node, r);
}

static int reserved_child(struct vml_dt_ctx *c, int node)
{
	struct vml_board_reserved r;
	int rc;

	if (!vml_dt_node_available(c, node))
		return VML_OK;
	rc = reserved_template(c, node, &r);
	if (rc)
		return rc;
	if (vml_dt_has_prop(c, node, "reg")) {
		c->board->n_reserved_reg_nodes++;
		return reserved_static(c, node, &r);
	}
	if (vml_dt_has_prop(c, node, "size"))
		return reserved_dynamic(c, node, &r);
	return VML_OK;
}

/* __reserved_mem_check_root(): the node's cells must be the root's. */
static int reserved_check_root(struct vml_dt_ctx *c, int node)
{
	static const char *const props[2] = {"#address-cells", "#size-cells"};
	const int root[2] = {c->addr_cells, c->size_cells};
	char path[VML_DT_PATH_LEN];

	for (int i = 0; i < 2; i++) {
		int len;
		const fdt32_t *p = fdt_getprop(c->fdt, node, props[i], &len);

		if (!p || len != 4 || (int)fdt32_to_cpu(*p) != root[i])
			return vml_host_error_set(
			    c->err, VML_EINVAL,
			    "%s: node %s: %s must be present and equal to the root's (%d); "
			    "the kernel (drivers/of/fdt.c) would ignore every reserved region",
			    c->name, vml_dt_path(c, node, path, sizeof(path)), props[i], root[i]);
	}
	if (!vml_dt_has_prop(c, node, "ranges"))
		return vml_host_error_set(c->err, VML_EINVAL,
					  "%s: node %s: has no ranges property; the kernel "
					  "(drivers/of/fdt.c) would ignore every reserved region",
					  c->name, vml_dt_path(c, node, path, sizeof(path)));
	return VML_OK;
}

int vml_dt_scan_reserved_memory(struct vml_dt_ctx *c)
{
	int child, rc, node = fdt_path_offset(c->fdt, "/reserved-memory");

	if (node < 0)
		return VML_OK;
	rc = reserved_check_root(c, node);
	if (rc)
		return rc;
	c->board->has_reserved_memory = true;
	fdt_for_each_subnode(child, c->fdt, node)
	{
		rc = reserved_child(c, child);
		if (rc)
			return rc;
	}
	return VML_OK;
}
