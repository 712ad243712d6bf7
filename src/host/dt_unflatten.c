// SPDX-License-Identifier: MIT
/*
 * The dry run of the kernel's unflatten_dt_nodes() and of_alias_scan() over
 * a blob, into the count include/vmlayout/of_unflatten.h sizes with the
 * kernel's struct sizes (drivers/of/fdt.c populate_node() and
 * populate_properties(), drivers/of/base.c of_alias_scan(), v6.1, v6.12).
 */
#include <string.h>

#include "dt_internal.h"

#define FDT_MAX_DEPTH 64 /* drivers/of/fdt.c: deeper nodes are skipped */
#define ALIAS_HOPS 8	 /* an alias naming an alias: a bound for loops */

static uint64_t round_to(uint64_t n, uint64_t a)
{
	return (n + a - 1) / a * a;
}

/* A name's bytes as each alignment pads them: [0] to 4, [1] to 8. */
static void count_name(uint64_t bytes, uint64_t *sums)
{
	sums[0] += round_to(bytes, 4);
	sums[1] += round_to(bytes, 8);
}

/* populate_properties()'s made-up "name": the unit name's last path
 * component up to its last '@', plus its NUL. */
static uint32_t made_up_name_bytes(const char *unit_name)
{
	const char *p = unit_name, *start = p, *at = NULL;

	for (; *p; p++) {
		if (*p == '@')
			at = p;
		else if (*p == '/')
			start = p + 1;
	}
	if (!at || at < start)
		at = p;
	return (uint32_t)(at - start) + 1;
}

/* One node's allocations: the node, its properties (/chosen's rng-seed
 * left out when @chosen_drop), a made-up "name" when it has none. */
static void count_node(const void *fdt, int node, const char *name, int name_len, bool chosen_drop,
		       struct vml_of_unflatten_count *c)
{
	bool has_name = false, dropped = false;
	int cur;

	c->nodes++;
	count_name((uint64_t)name_len + 1, c->node_name_bytes);
	fdt_for_each_property_offset(cur, fdt, node)
	{
		const char *pname;
		int len;

		if (!fdt_getprop_by_offset(fdt, cur, &pname, &len) || !pname)
			continue; /* the kernel warns and goes on */
		if (chosen_drop && !dropped && len > 0 && !strcmp(pname, "rng-seed")) {
			dropped = true; /* fdt_nop_property() takes the first */
			continue;
		}
		has_name |= !strcmp(pname, "name");
		c->properties++;
		c->last_tail = 0;
	}
	if (!has_name) {
		uint32_t bytes = made_up_name_bytes(name);

		c->made_up_names++;
		count_name(bytes, c->made_up_name_bytes);
		c->last_tail = bytes;
	}
}

/* The node and its parents all "okay" (or without a status). */
static bool available_path(const struct vml_dt_ctx *ctx, int node)
{
	for (; node >= 0; node = fdt_parent_offset(ctx->fdt, node))
		if (!vml_dt_node_available(ctx, node))
			return false;
	return true;
}

static int count_variant(const struct vml_dt_ctx *ctx, bool skip_unavailable, bool drop_rng_seed,
			 struct vml_of_unflatten_count *c)
{
	int chosen = fdt_path_offset(ctx->fdt, "/chosen");
	int depth = 0, node;

	if (chosen < 0)
		chosen = fdt_path_offset(ctx->fdt, "/chosen@0");
	memset(c, 0, sizeof(*c));
	for (node = 0; node >= 0 && depth >= 0; node = fdt_next_node(ctx->fdt, node, &depth)) {
		const char *name;
		int len;

		if (depth >= FDT_MAX_DEPTH - 1)
			continue;
		if (skip_unavailable && !vml_dt_node_available(ctx, node))
			continue;
		name = fdt_get_name(ctx->fdt, node, &len);
		if (!name) {
			char path[VML_DT_PATH_LEN];

			return vml_host_error_set(ctx->err, VML_EINVAL,
						  "%s: node %s: its name cannot be read (%s): the "
						  "kernel cannot unflatten this tree",
						  ctx->name,
						  vml_dt_path(ctx, node, path, sizeof(path)),
						  fdt_strerror(len));
		}
		count_node(ctx->fdt, node, name, len, drop_rng_seed && node == chosen, c);
	}
	if (node < 0 && node != -FDT_ERR_NOTFOUND)
		return vml_host_error_set(
		    ctx->err, VML_EINVAL,
		    "%s: the node walk failed (%s): the kernel cannot unflatten "
		    "this tree",
		    ctx->name, fdt_strerror(node));
	return VML_OK;
}

/* The child of @parent named exactly @name (@len bytes): the kernel's
 * path lookup compares whole unit names, unlike fdt_subnode_offset(). */
static int child_named(const void *fdt, int parent, const char *name, size_t len)
{
	int child;

	fdt_for_each_subnode(child, fdt, parent)
	{
		int n;
		const char *s = fdt_get_name(fdt, child, &n);

		if (s && (size_t)n == len && !memcmp(s, name, len))
			return child;
	}
	return -1;
}

static int find_by_path(const void *fdt, int aliases, const char *path, int hops);

/* The value of alias @name (@len bytes) resolved, or -1. */
static int alias_target(const void *fdt, int aliases, const char *name, size_t len, int hops)
{
	int cur;

	if (aliases < 0 || hops <= 0)
		return -1;
	fdt_for_each_property_offset(cur, fdt, aliases)
	{
		const char *pname;
		int vlen;
		const char *v = fdt_getprop_by_offset(fdt, cur, &pname, &vlen);

		if (v && pname && strlen(pname) == len && !strncmp(pname, name, len))
			return vlen > 0 && memchr(v, '\0', (size_t)vlen)
				   ? find_by_path(fdt, aliases, v, hops - 1)
				   : -1;
	}
	return -1;
}

/* of_find_node_by_path() (drivers/of/base.c of_find_node_opts_by_path()):
 * a full path, or an alias and a path below its node; ':' starts options. */
static int find_by_path(const void *fdt, int aliases, const char *path, int hops)
{
	const char *end = strchr(path, ':');
	int node = 0;

	if (!end)
		end = path + strlen(path);
	if (*path != '/') {
		const char *slash = memchr(path, '/', (size_t)(end - path));
		const char *stop = slash ? slash : end;

		node = alias_target(fdt, aliases, path, (size_t)(stop - path), hops);
		path = stop;
	}
	while (node >= 0 && path < end) {
		const char *next;

		while (path < end && *path == '/')
			path++;
		if (path == end)
			break;
		next = memchr(path, '/', (size_t)(end - path));
		if (!next)
			next = end;
		node = child_named(fdt, node, path, (size_t)(next - path));
		path = next;
	}
	return node;
}

/* of_alias_scan()'s loop: a property it keeps names a node that exists
 * and ends in a decimal id that fits an int (kstrtoint()). */
static void scan_aliases(const struct vml_dt_ctx *ctx, struct vml_of_unflatten_shape *shape)
{
	int aliases = child_named(ctx->fdt, 0, "aliases", 7), cur;

	if (aliases < 0)
		return;
	fdt_for_each_property_offset(cur, ctx->fdt, aliases)
	{
		const char *pname, *digits;
		int vlen, target;
		const char *v = fdt_getprop_by_offset(ctx->fdt, cur, &pname, &vlen);
		unsigned long long id = 0;

		if (!v || !pname || !strcmp(pname, "name") || !strcmp(pname, "phandle") ||
		    !strcmp(pname, "linux,phandle"))
			continue;
		if (vlen <= 0 || !memchr(v, '\0', (size_t)vlen))
			continue;
		target = find_by_path(ctx->fdt, aliases, v, ALIAS_HOPS);
		if (target < 0)
			continue;
		digits = pname + strlen(pname);
		while (digits > pname && digits[-1] >= '0' && digits[-1] <= '9')
			digits--;
		if (!*digits || strlen(digits) > 10)
			continue;
		for (const char *d = digits; *d; d++)
			id = id * 10 + (unsigned long long)(*d - '0');
		if (id > 0x7fffffffULL)
			continue;
		if (shape->n_aliases == VML_OF_MAX_ALIASES) {
			shape->n_aliases_unmodelled++;
			continue;
		}
		shape->aliases[shape->n_aliases++] = (struct vml_of_alias){
		    .stem_len = (uint16_t)(digits - pname),
		    .target_available = available_path(ctx, target),
		};
	}
}

int vml_dt_scan_unflatten(struct vml_dt_ctx *c)
{
	struct vml_of_unflatten_shape *shape = &c->board->dt_shape;
	int rc = VML_OK;

	memset(shape, 0, sizeof(*shape));
	for (int skip = 0; skip < 2 && !rc; skip++)
		for (int drop = 0; drop < 2 && !rc; drop++)
			rc = count_variant(c, skip, drop, &shape->count[skip][drop]);
	if (rc)
		return rc;
	scan_aliases(c, shape);
	shape->known = true;
	return VML_OK;
}
