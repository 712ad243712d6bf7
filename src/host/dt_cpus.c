/* SPDX-License-Identifier: MIT */
/*
 * DOC: /cpus: the riscv paging mode the device tree declares
 *
 * The "mmu-type" of the first available /cpus/cpu@N node, as
 * arch/riscv/kernel/pi/fdt_early.c set_satp_mode_from_fdt() (v6.18) reads
 * it: nodes named "cpu" or "cpu@...", "status" absent, "okay" or "ok"; the
 * first such node decides, whatever it says. "riscv,sv39", "riscv,sv48" and
 * "riscv,sv57" are recorded as 39, 48 and 57 (the kernel limits only on the
 * first two; the policy decides, docs/riscv64.md); anything else, or no
 * property, as 0. Also whether every available cpu lists the Zkr extension
 * (kernel/pi/fdt_early.c fdt_early_match_extension_isa(), v6.12): in
 * "riscv,isa-extensions" (a string list) or in the "riscv,isa" string's
 * multi-letter part (from the first s, x or z; '_'-separated, any case).
 */
#include <string.h>
#include <strings.h>

#include "dt_internal.h"

static bool is_cpu_node_name(const char *name)
{
	return !strcmp(name, "cpu") || !strncmp(name, "cpu@", 4);
}

static unsigned int mmu_type_bits(const char *s, int len)
{
	static const struct {
		const char *name;
		unsigned int bits;
	} types[] = {{"riscv,sv39", 39}, {"riscv,sv48", 48}, {"riscv,sv57", 57}};

	for (size_t i = 0; i < VML_ARRAY_SIZE(types); i++)
		if (vml_dt_prop_is_string(s, len, types[i].name))
			return types[i].bits;
	return 0;
}

/* isa_string_contains() for a multi-letter extension @ext. */
static bool isa_string_has(const char *isa, int len, const char *ext)
{
	size_t n = strlen(ext);
	const char *p;

	if (len <= 0 || isa[len - 1] != '\0' || strlen(isa) < 4)
		return false;
	for (p = strpbrk(isa, "sSxXzZ"); p; p = strchr(p, '_') ? strchr(p, '_') + 1 : NULL)
		if (!strncasecmp(p, ext, n) && (p[n] == '\0' || p[n] == '_'))
			return true;
	return false;
}

static bool stringlist_has(const char *list, int len, const char *s)
{
	return len > 0 && fdt_stringlist_contains(list, len, s);
}

static bool cpu_has_ext(const struct vml_dt_ctx *c, int node, const char *ext)
{
	int len;
	const char *p = fdt_getprop(c->fdt, node, "riscv,isa-extensions", &len);

	if (p && stringlist_has(p, len, ext))
		return true;
	p = fdt_getprop(c->fdt, node, "riscv,isa", &len);
	return p && isa_string_has(p, len, ext);
}

int vml_dt_scan_cpus(struct vml_dt_ctx *c)
{
	int parent = fdt_path_offset(c->fdt, "/cpus");
	int node;

	bool first = true, zkr = false;

	if (parent < 0)
		return VML_OK;
	fdt_for_each_subnode(node, c->fdt, parent)
	{
		const char *name = fdt_get_name(c->fdt, node, NULL);
		const void *prop;
		int len;

		if (!name || !is_cpu_node_name(name) || !vml_dt_node_available(c, node))
			continue;
		if (first) {
			prop = fdt_getprop(c->fdt, node, "mmu-type", &len);
			c->board->riscv_mmu_type = prop ? mmu_type_bits(prop, len) : 0;
			first = false;
			zkr = true;
		}
		zkr = zkr && cpu_has_ext(c, node, "zkr");
	}
	c->board->riscv_zkr = zkr;
	return VML_OK;
}
