/* SPDX-License-Identifier: MIT */
/*
 * DOC: the device tree's NUMA description beyond /memory
 *
 * What drivers/of/of_numa.c of_numa_init() (v6.1, v6.12) reads besides the
 * memory nodes' numa-node-id (dt.c), recorded as found so that the core
 * can apply the kernel's rules, messages and fallbacks to bad values:
 *   - every /cpus child for_each_of_cpu_node() visits (drivers/of/base.c
 *     of_get_next_cpu_node(): named "cpu" before any '@', or of
 *     device_type "cpu"; status "fail" or "fail-..." skipped, "disabled"
 *     kept) and its numa-node-id, and that of /cpus and of the root, where
 *     of_node_to_nid() looks when a cpu has none;
 *   - the first node of the whole tree whose compatible list holds
 *     "numa-distance-map-v1" (of_find_compatible_node(): DT order, any
 *     status, strcasecmp) and its distance-matrix, cells as read;
 *   - whether the last node of device_type "memory" (for_each_node_by_type():
 *     every node, any status) lacks numa-node-id, or there is none: v6.12
 *     then gives up.
 * A numa-node-id of the wrong length is kept as read: of_property_read_u32()
 * fails on fewer than 4 bytes and takes the first cell of more, and the core
 * says so.
 */
#include <string.h>
#include <strings.h>

#include "host/dt_internal.h"

static struct vml_board_nid read_nid(const struct vml_dt_ctx *c, int node)
{
	struct vml_board_nid n = {false, 0, 0};
	int len;
	const fdt32_t *p = fdt_getprop(c->fdt, node, "numa-node-id", &len);

	if (!p)
		return n;
	n.present = true;
	n.len = (uint32_t)len;
	if (len >= 4)
		n.value = fdt32_to_cpu(p[0]);
	return n;
}

/* of_node_name_eq(np, "cpu") || __of_node_is_type(np, "cpu") */
static bool is_of_cpu_node(const struct vml_dt_ctx *c, int node)
{
	const char *name = fdt_get_name(c->fdt, node, NULL);
	int len;
	const void *type = fdt_getprop(c->fdt, node, "device_type", &len);

	if (name && (!strcmp(name, "cpu") || !strncmp(name, "cpu@", 4)))
		return true;
	return vml_dt_prop_is_string(type, len, "cpu");
}

/* __of_device_is_fail(): status "fail" or "fail-..." */
static bool is_fail(const struct vml_dt_ctx *c, int node)
{
	int len;
	const char *s = fdt_getprop(c->fdt, node, "status", &len);

	if (!s || len <= 0 || s[len - 1] != '\0')
		return false;
	return !strcmp(s, "fail") || !strncmp(s, "fail-", 5);
}

/* of_n_addr_cells(cpu): #address-cells of /cpus, else of the root, else
 * OF_ROOT_NODE_ADDR_CELLS_DEFAULT (1) (drivers/of/base.c v6.1, v6.12) */
static int addr_cells(const struct vml_dt_ctx *c, int parent)
{
	int nodes[] = {parent, 0};

	for (unsigned int i = 0; i < VML_ARRAY_SIZE(nodes); i++) {
		int len;
		const fdt32_t *p = fdt_getprop(c->fdt, nodes[i], "#address-cells", &len);

		if (p && len >= 4)
			return (int)fdt32_to_cpu(p[0]);
	}
	return 1;
}

/* of_get_cpu_hwid(cpu, 0) and of_read_number(): the low 64 bits */
static void read_hwid(const struct vml_dt_ctx *c, int node, int ac, struct vml_board_cpu *cpu)
{
	int len;
	const fdt32_t *p = fdt_getprop(c->fdt, node, "reg", &len);

	if (!p || ac <= 0 || (int64_t)ac * 4 > len)
		return;
	cpu->has_hwid = true;
	for (int i = 0; i < ac; i++)
		cpu->hwid = (cpu->hwid << 32) | fdt32_to_cpu(p[i]);
}

static void copy_prefix(char *dst, size_t cap, const char *src, int len)
{
	size_t n = 0;

	for (; n + 1 < cap && (int)n < len && src[n]; n++)
		dst[n] = src[n];
	dst[n] = 0;
}

static bool string_prop(const struct vml_dt_ctx *c, int node, const char *name, char *dst,
			size_t cap)
{
	int len;
	const char *p = fdt_getprop(c->fdt, node, name, &len);

	if (!p || len <= 0 || !memchr(p, 0, (size_t)len))
		return false;
	copy_prefix(dst, cap, p, len);
	return true;
}

static bool stringlist_has(const struct vml_dt_ctx *c, int node, const char *name, const char *s)
{
	int len;
	const char *p = fdt_getprop(c->fdt, node, name, &len);

	return p && len > 0 && fdt_stringlist_contains(p, len, s);
}

/* What setup_per_cpu_areas()'s possible cpus depend on (arm64
 * smp_init_cpus(), riscv setup_smp(), arm arm_dt_init_cpu_maps()). */
static void read_cpu_boot(const struct vml_dt_ctx *c, int node, int ac, struct vml_board_cpu *cpu)
{
	int len = 0;

	read_hwid(c, node, ac, cpu);
	cpu->available = vml_dt_node_available(c, node);
	string_prop(c, node, "enable-method", cpu->enable_method, sizeof(cpu->enable_method));
	/* of_property_read_u64(): 8 bytes at least */
	cpu->has_cpu_release_addr = fdt_getprop(c->fdt, node, "cpu-release-addr", &len) && len >= 8;
	cpu->riscv_compatible = stringlist_has(c, node, "compatible", "riscv");
	cpu->has_isa_base =
	    string_prop(c, node, "riscv,isa-base", cpu->isa_base, sizeof(cpu->isa_base));
	cpu->has_isa = string_prop(c, node, "riscv,isa", cpu->isa, sizeof(cpu->isa));
	cpu->has_isa_extensions = fdt_getprop(c->fdt, node, "riscv,isa-extensions", NULL) != NULL;
	cpu->isa_extensions_ima = stringlist_has(c, node, "riscv,isa-extensions", "i") &&
				  stringlist_has(c, node, "riscv,isa-extensions", "m") &&
				  stringlist_has(c, node, "riscv,isa-extensions", "a");
}

static int scan_cpus(struct vml_dt_ctx *c)
{
	struct vml_board *b = c->board;
	int parent = fdt_path_offset(c->fdt, "/cpus"), node;

	b->root_nid = read_nid(c, 0);
	if (parent < 0)
		return VML_OK;
	b->cpus_node_nid = read_nid(c, parent);
	fdt_for_each_subnode(node, c->fdt, parent)
	{
		char path[VML_DT_PATH_LEN];
		struct vml_board_cpu *cpu = &b->cpus[b->n_cpus];

		if (!is_of_cpu_node(c, node) || is_fail(c, node))
			continue;
		if (b->n_cpus == VML_BOARD_MAX_CPUS)
			return vml_dt_too_many(c, parent, "cpus", VML_BOARD_MAX_CPUS);
		vml_dt_path(c, node, path, sizeof(path));
		vml_dt_copy_name(cpu->path, sizeof(cpu->path), path, strlen(path));
		cpu->nid = read_nid(c, node);
		read_cpu_boot(c, node, addr_cells(c, parent), cpu);
		b->n_cpus++;
	}
	return VML_OK;
}

static bool compatible_with(const struct vml_dt_ctx *c, int node, const char *want)
{
	int len;
	const char *p = fdt_getprop(c->fdt, node, "compatible", &len);

	for (int off = 0; p && off < len;) {
		const char *s = p + off;
		size_t n = strnlen(s, (size_t)(len - off));

		if (n < (size_t)(len - off) && !strcasecmp(s, want))
			return true;
		off += (int)n + 1;
	}
	return false;
}

static int read_distance_map(struct vml_dt_ctx *c, int node)
{
	struct vml_board_distance_map *m = &c->board->distance_map;
	char path[VML_DT_PATH_LEN];
	int len;
	const fdt32_t *p = fdt_getprop(c->fdt, node, "distance-matrix", &len);

	m->present = true;
	vml_dt_path(c, node, path, sizeof(path));
	vml_dt_copy_name(m->path, sizeof(m->path), path, strlen(path));
	if (!p)
		return VML_OK;
	m->has_matrix = true;
	m->matrix_len = (uint32_t)len;
	if ((unsigned int)len / 4 > VML_BOARD_MAX_DISTANCE_CELLS)
		return vml_dt_too_many(c, node, "distance-matrix cells",
				       VML_BOARD_MAX_DISTANCE_CELLS);
	for (int i = 0; i < len / 4; i++)
		m->cells[i] = fdt32_to_cpu(p[i]);
	return VML_OK;
}

int vml_dt_scan_numa(struct vml_dt_ctx *c)
{
	int rc = scan_cpus(c);

	/* no memory node at all: v6.12's r keeps its -EINVAL */
	c->board->memory_last_node_lacks_nid = true;
	for (int node = fdt_next_node(c->fdt, -1, NULL); !rc && node >= 0;
	     node = fdt_next_node(c->fdt, node, NULL)) {
		int len;
		const void *type = fdt_getprop(c->fdt, node, "device_type", &len);

		if (vml_dt_prop_is_string(type, len, "memory"))
			c->board->memory_last_node_lacks_nid = !read_nid(c, node).present;
		if (!c->board->distance_map.present &&
		    compatible_with(c, node, "numa-distance-map-v1"))
			rc = read_distance_map(c, node);
	}
	return rc;
}
