/* SPDX-License-Identifier: MIT */
/*
 * DOC: the highest CPU address every DT DMA master reaches
 *
 * drivers/of/address.c of_dma_get_max_cpu_address(NULL) (v6.1, v6.12: the
 * same code): from the root down through the available children, each
 * node's non-empty "dma-ranges" gives cpu_end, the last CPU address of its
 * ranges, and the result is the smallest cpu_end of the tree (PHYS_ADDR_MAX
 * when no node has one). An entry is <child-address parent-address size>
 * of the node's #address-cells, its parent's #address-cells and the node's
 * #size-cells (of_bus_n_addr_cells() and of_n_addr_cells(): the nearest
 * ancestor that has the property, 1 by default); its CPU address is the
 * parent-address translated up by of_translate_dma_address().
 *
 * Translation (__of_translate_address(), of_translate_one()): one level per
 * ancestor up to the root's children; at each, the ancestor's own
 * "dma-ranges" is applied: absent or empty is 1:1 (for "dma-ranges" the
 * absence does not stop it, unlike "ranges"), else the first entry whose
 * child window holds the address; none: OF_BAD_ADDR. Bad cell counts
 * (outside 1..4 address cells, 0 size cells) give OF_BAD_ADDR too, as does
 * a "dma-ranges" on the root itself (it has no parent). A range whose CPU
 * address is OF_BAD_ADDR is not skipped: OF_BAD_ADDR + size wraps and
 * counts as it comes out. The bus of a node is the kernel's of_match_bus():
 * PCI (device_type pci/pciex/vci/ht, or node name "pcie"; 3 address and 2
 * size cells), ISA (node name "isa"; 2 and 1), "default-flags" (#address-
 * cells 3), else the default; the first three keep a flags cell out of the
 * address compare and check it.
 *
 * Not modelled: of_pci_range_parser_one() merging contiguous entries (it
 * changes the result only when an entry's end wraps past 2^64) and the
 * "interconnects" dma-mem parent of __of_get_dma_parent() (the DT parent is
 * used).
 */
#include <string.h>

#include "host/dt_internal.h"

#define OF_BAD_ADDR (~0ULL)
#define OF_MAX_ADDR_CELLS 4
#define DT_MAX_DEPTH 64

enum dt_bus { DT_BUS_PCI, DT_BUS_ISA, DT_BUS_DEFAULT_FLAGS, DT_BUS_DEFAULT };

struct dt_chain {
	int node[DT_MAX_DEPTH + 1]; /* node[0] the root, node[depth] the node */
	int depth;
};

/* of_property_read_u32(): a property of at least 4 bytes, its first cell. */
static bool dt_u32(const void *fdt, int node, const char *prop, uint32_t *out)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, prop, &len);

	if (!p || len < 4)
		return false;
	*out = fdt32_to_cpu(*p);
	return true;
}

/* of_bus_n_addr_cells()/of_bus_n_size_cells() of ch->node[k]: the nearest
 * ancestor (itself included) with @prop, else 1. */
static uint32_t dt_bus_cells(const void *fdt, const struct dt_chain *ch, int k, const char *prop)
{
	uint32_t v;

	for (; k >= 0; k--)
		if (dt_u32(fdt, ch->node[k], prop, &v))
			return v;
	return 1;
}

/* of_node_name_eq(): the name before any '@'. */
static bool dt_name_is(const void *fdt, int node, const char *want)
{
	int len;
	const char *name = fdt_get_name(fdt, node, &len);
	const char *at = name ? memchr(name, '@', (size_t)len) : NULL;
	size_t n = at ? (size_t)(at - name) : (size_t)(name ? len : 0);

	return name && n == strlen(want) && memcmp(name, want, n) == 0;
}

static bool dt_type_is(const void *fdt, int node, const char *want)
{
	int len;
	const char *type = fdt_getprop(fdt, node, "device_type", &len);

	return type && len > 0 && strnlen(type, (size_t)len) == strlen(want) &&
	       strcmp(type, want) == 0;
}

/* of_match_bus() of ch->node[k] (CONFIG_PCI=y). */
static enum dt_bus dt_bus_of(const void *fdt, const struct dt_chain *ch, int k)
{
	int n = ch->node[k];

	if (dt_type_is(fdt, n, "pci") || dt_type_is(fdt, n, "pciex") || dt_type_is(fdt, n, "vci") ||
	    dt_type_is(fdt, n, "ht") || dt_name_is(fdt, n, "pcie"))
		return DT_BUS_PCI;
	if (dt_name_is(fdt, n, "isa"))
		return DT_BUS_ISA;
	if (dt_bus_cells(fdt, ch, k, "#address-cells") == 3)
		return DT_BUS_DEFAULT_FLAGS;
	return DT_BUS_DEFAULT;
}

/* bus->count_cells(child of ch->node[k]): the cells of the child's address
 * on the bus ch->node[k] is. */
static void dt_count_cells(const void *fdt, const struct dt_chain *ch, int k, enum dt_bus bus,
			   uint32_t *na, uint32_t *ns)
{
	*na = bus == DT_BUS_PCI	  ? 3
	      : bus == DT_BUS_ISA ? 2
				  : dt_bus_cells(fdt, ch, k, "#address-cells");
	*ns = bus == DT_BUS_PCI	  ? 2
	      : bus == DT_BUS_ISA ? 1
				  : dt_bus_cells(fdt, ch, k, "#size-cells");
}

static bool dt_counts_ok(uint32_t na, uint32_t ns)
{
	return na > 0 && na <= OF_MAX_ADDR_CELLS && ns > 0;
}

/* The bus's map(): the offset of @addr in the range's child window, or
 * OF_BAD_ADDR (flags checked and skipped on the buses that have them). */
static uint64_t dt_bus_map(enum dt_bus bus, const uint32_t *addr, const fdt32_t *range, uint32_t na,
			   uint32_t ns, uint32_t pna)
{
	uint32_t r0 = fdt32_to_cpu(range[0]), fna = bus == DT_BUS_DEFAULT ? 0 : 1;
	uint64_t cp = 0, s, da = 0;

	if (bus == DT_BUS_PCI) {
		uint32_t at = (addr[0] >> 24) & 3, rt = (r0 >> 24) & 3;

		/* IORESOURCE_IO (1) vs IORESOURCE_MEM (2, 3) must agree */
		if ((at == 1) != (rt == 1) || (at >= 2) != (rt >= 2))
			return OF_BAD_ADDR;
	} else if (bus == DT_BUS_ISA && ((addr[0] ^ r0) & 1)) {
		return OF_BAD_ADDR;
	} else if (bus == DT_BUS_DEFAULT_FLAGS && addr[0] != r0) {
		return OF_BAD_ADDR;
	}
	for (uint32_t i = fna; i < na; i++) {
		cp = (cp << 32) | fdt32_to_cpu(range[i]);
		da = (da << 32) | addr[i];
	}
	s = vml_dt_read_cells(range + na + pna, (int)ns);
	if (da < cp || da >= cp + s)
		return OF_BAD_ADDR;
	return da - cp;
}

static uint64_t dt_addr_number(const uint32_t *addr, uint32_t n)
{
	uint64_t v = 0;

	for (uint32_t i = 0; i < n; i++)
		v = (v << 32) | addr[i];
	return v;
}

/* of_bus_default_translate() on the address cells past the bus's flags. */
static void dt_bus_translate(enum dt_bus bus, uint32_t *addr, uint64_t offset, uint32_t na)
{
	uint32_t fna = bus == DT_BUS_DEFAULT ? 0 : 1;
	uint64_t a = dt_addr_number(addr + fna, na - fna) + offset;

	memset(addr + fna, 0, (na - fna) * 4);
	if (na - fna > 1)
		addr[na - 2] = (uint32_t)(a >> 32);
	if (na > fna)
		addr[na - 1] = (uint32_t)a;
}

/* of_translate_one() through ch->node[k]'s "dma-ranges": 0, or 1 when no
 * entry holds the address. */
static int dt_translate_one(const void *fdt, const struct dt_chain *ch, int k, enum dt_bus bus,
			    enum dt_bus pbus, uint32_t *addr, uint32_t na, uint32_t ns,
			    uint32_t pna)
{
	int len;
	const fdt32_t *r = fdt_getprop(fdt, ch->node[k], "dma-ranges", &len);
	uint64_t one = (uint64_t)na + pna + ns, offset = OF_BAD_ADDR;
	uint32_t fna = pbus == DT_BUS_DEFAULT ? 0 : 1;

	if (!r || len <= 0) {
		offset = dt_addr_number(addr, na);
		if (pna > fna)
			memset(addr + fna, 0, (pna - fna) * 4);
		dt_bus_translate(pbus, addr, offset, pna);
		return 0;
	}
	for (uint64_t left = (uint64_t)len / 4; left >= one; left -= one, r += one) {
		offset = dt_bus_map(bus, addr, r, na, ns, pna);
		if (offset != OF_BAD_ADDR)
			break;
	}
	if (offset == OF_BAD_ADDR)
		return 1;
	for (uint32_t i = 0; i < pna; i++)
		addr[i] = fdt32_to_cpu(r[na + i]);
	dt_bus_translate(pbus, addr, offset, pna);
	return 0;
}

/* of_translate_dma_address(ch->node[depth], @in): @in_cells cells of the
 * entry are there to read (the kernel reads what the bus says). */
static uint64_t dt_translate_dma(const void *fdt, const struct dt_chain *ch, const fdt32_t *in,
				 uint32_t in_cells)
{
	uint32_t addr[OF_MAX_ADDR_CELLS] = {0}, na, ns, pna, pns;
	int k = ch->depth - 1;
	enum dt_bus bus, pbus;

	if (k < 0)
		return OF_BAD_ADDR;
	bus = dt_bus_of(fdt, ch, k);
	dt_count_cells(fdt, ch, k, bus, &na, &ns);
	if (!dt_counts_ok(na, ns))
		return OF_BAD_ADDR;
	for (uint32_t i = 0; i < na && i < in_cells; i++)
		addr[i] = fdt32_to_cpu(in[i]);
	for (; k > 0; k--) {
		pbus = dt_bus_of(fdt, ch, k - 1);
		dt_count_cells(fdt, ch, k - 1, pbus, &pna, &pns);
		if (!dt_counts_ok(pna, pns) ||
		    dt_translate_one(fdt, ch, k, bus, pbus, addr, na, ns, pna))
			return OF_BAD_ADDR;
		na = pna;
		ns = pns;
		bus = pbus;
	}
	return dt_addr_number(addr, na);
}

/* The node's "dma-ranges" cpu_end, the loop of of_dma_get_max_cpu_address():
 * false for none or an empty one. */
static bool dt_dma_ranges_end(const void *fdt, const struct dt_chain *ch, uint64_t *cpu_end)
{
	int len, k = ch->depth;
	const fdt32_t *r = fdt_getprop(fdt, ch->node[k], "dma-ranges", &len);
	uint64_t pna = dt_bus_cells(fdt, ch, k > 0 ? k - 1 : 0, "#address-cells");
	uint64_t na = dt_bus_cells(fdt, ch, k, "#address-cells");
	uint64_t ns = dt_bus_cells(fdt, ch, k, "#size-cells");
	uint64_t one = pna + na + ns, n = r && len > 0 ? (uint64_t)len / 4 : 0;

	if (!n)
		return false;
	*cpu_end = 0;
	for (uint64_t at = 0; at + one <= n; at += one) {
		uint64_t cpu = dt_translate_dma(fdt, ch, r + at + na, (uint32_t)pna);
		uint64_t size = vml_dt_read_cells(r + at + na + pna, (int)ns);

		if (cpu + size > *cpu_end)
			*cpu_end = cpu + size - 1;
	}
	return true;
}

int vml_dt_scan_dma_ranges(struct vml_dt_ctx *c)
{
	struct dt_chain ch = {{0}, 0};
	uint64_t limit = ~0ULL, end;
	int node = 0, depth = 0, skip_below = -1;

	for (; node >= 0 && depth >= 0; node = fdt_next_node(c->fdt, node, &depth)) {
		if (skip_below >= 0 && depth > skip_below)
			continue;
		skip_below = -1;
		if (depth > DT_MAX_DEPTH) {
			char path[VML_DT_PATH_LEN];

			return vml_host_error_set(c->err, VML_ERANGE,
						  "%s: node %s is %d levels deep; vmlayout reads "
						  "dma-ranges %d levels deep at most",
						  c->name, vml_dt_path(c, node, path, sizeof(path)),
						  depth, DT_MAX_DEPTH);
		}
		/* for_each_available_child_of_node(): a disabled subtree is skipped */
		if (depth > 0 && !vml_dt_node_available(c, node)) {
			skip_below = depth;
			continue;
		}
		ch.node[depth] = node;
		ch.depth = depth;
		if (dt_dma_ranges_end(c->fdt, &ch, &end) && end < limit)
			limit = end;
	}
	c->board->has_dma_max_cpu_address = true;
	c->board->dma_max_cpu_address = limit;
	return VML_OK;
}
