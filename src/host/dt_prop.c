/* SPDX-License-Identifier: MIT */
/*
 * DOC: reading device-tree properties, with the sentence when one is wrong
 */
#include <stdio.h>
#include <string.h>

#include "host/dt_internal.h"

uint64_t vml_dt_read_cells(const fdt32_t *p, int n)
{
	uint64_t v = 0;

	for (int i = 0; i < n; i++)
		v = (v << 32) | fdt32_to_cpu(p[i]);
	return v;
}

const char *vml_dt_path(const struct vml_dt_ctx *c, int node, char *buf, int len)
{
	if (fdt_get_path(c->fdt, node, buf, len) < 0)
		snprintf(buf, (size_t)len, "(node at offset %d)", node);
	return buf;
}

bool vml_dt_prop_is_string(const void *p, int len, const char *want)
{
	return p && len == (int)strlen(want) + 1 && memcmp(p, want, (size_t)len) == 0;
}

bool vml_dt_node_available(const struct vml_dt_ctx *c, int node)
{
	int len;
	const void *status = fdt_getprop(c->fdt, node, "status", &len);

	return !status || vml_dt_prop_is_string(status, len, "okay") ||
	       vml_dt_prop_is_string(status, len, "ok");
}

bool vml_dt_has_prop(const struct vml_dt_ctx *c, int node, const char *prop)
{
	return fdt_getprop(c->fdt, node, prop, NULL) != NULL;
}

int vml_dt_get_pairs(const struct vml_dt_ctx *c, int node, const char *prop, int ac, int sc,
		     const fdt32_t **cells, int *n)
{
	char path[VML_DT_PATH_LEN];
	int len, entry = (ac + sc) * 4;
	const fdt32_t *p = fdt_getprop(c->fdt, node, prop, &len);

	*cells = p;
	*n = 0;
	if (!p)
		return VML_OK;
	if (len % entry)
		return vml_host_error_set(c->err, VML_EINVAL,
					  "%s: node %s: property %s is %d bytes, not a multiple of "
					  "%d (#address-cells %d + #size-cells %d, 4 bytes each)",
					  c->name, vml_dt_path(c, node, path, sizeof(path)), prop,
					  len, entry, ac, sc);
	*n = len / entry;
	return VML_OK;
}

struct vml_range64 vml_dt_pair(const fdt32_t *cells, int i, int ac, int sc)
{
	const fdt32_t *e = cells + i * (ac + sc);
	struct vml_range64 r = {vml_dt_read_cells(e, ac), vml_dt_read_cells(e + ac, sc)};

	return r;
}

int vml_dt_cells_prop(const struct vml_dt_ctx *c, int node, const char *prop, int dflt, int *out)
{
	char path[VML_DT_PATH_LEN];
	int len;
	const fdt32_t *p = fdt_getprop(c->fdt, node, prop, &len);
	uint32_t v;

	*out = dflt;
	if (!p)
		return VML_OK;
	if (len != 4)
		return vml_host_error_set(c->err, VML_EINVAL,
					  "%s: node %s: property %s is %d bytes, want one 4-byte "
					  "cell",
					  c->name, vml_dt_path(c, node, path, sizeof(path)), prop,
					  len);
	v = fdt32_to_cpu(*p);
	if (v < 1 || v > 2)
		return vml_host_error_set(c->err, v ? VML_ERANGE : VML_EINVAL,
					  "%s: node %s: %s = <%u>; vmlayout reads addresses and "
					  "sizes of 1 or 2 cells (at most 64 bits)",
					  c->name, vml_dt_path(c, node, path, sizeof(path)), prop,
					  v);
	*out = (int)v;
	return VML_OK;
}

int vml_dt_too_many(const struct vml_dt_ctx *c, int node, const char *what, int max)
{
	char path[VML_DT_PATH_LEN];

	return vml_host_error_set(c->err, VML_ENOMEM,
				  "%s: node %s: more %s than vmlayout's limit of %d", c->name,
				  vml_dt_path(c, node, path, sizeof(path)), what, max);
}

int vml_dt_copy_string(const struct vml_dt_ctx *c, int node, const char *prop, const char *s,
		       int len, char *dst, size_t cap)
{
	char path[VML_DT_PATH_LEN];
	size_t n;

	if (len <= 0 || s[len - 1] != '\0')
		return vml_host_error_set(c->err, VML_EINVAL,
					  "%s: node %s: property %s is not a NUL-terminated string",
					  c->name, vml_dt_path(c, node, path, sizeof(path)), prop);
	n = strlen(s);
	if (cap) /* 0: only checked */
		vml_dt_copy_name(dst, cap, s, n);
	return VML_OK;
}

/*
 * Names (model, node names) are only shown, never matched: a longer one is
 * shortened with "..." instead of refused, since the kernel sets no limit
 * (of_flat_dt_get_machine_name() and fdt_get_name() in v6.1 return the
 * blob's own string).
 */
void vml_dt_copy_name(char *dst, size_t cap, const char *s, size_t n)
{
	if (n < cap) {
		memcpy(dst, s, n);
		dst[n] = '\0';
		return;
	}
	memcpy(dst, s, cap - 4);
	memcpy(dst + cap - 4, "...", 4);
}
