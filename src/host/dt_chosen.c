/* SPDX-License-Identifier: MIT */
/*
 * DOC: /chosen: the command line, the initrd and the usable-memory caps
 *
 * drivers/of/fdt.c v6.1: early_init_dt_scan_chosen (/chosen, else
 * /chosen@0; bootargs), early_init_dt_check_for_initrd
 * (linux,initrd-start/end read with len/4 cells each; ignored when start >
 * end), early_init_dt_check_for_usable_mem_range (linux,usable-memory-range,
 * at most MAX_USABLE_RANGES = 2 ranges; the first caps memory, the second is
 * added back).
 */
#include <stdio.h>
#include <string.h>

#include "host/dt_internal.h"

/* linux,initrd-start/end: one 32-bit or one 64-bit value. */
static int chosen_initrd_value(struct vml_dt_ctx *c, int node, const char *prop, bool *found,
			       uint64_t *v)
{
	char path[VML_DT_PATH_LEN];
	int len;
	const fdt32_t *p = fdt_getprop(c->fdt, node, prop, &len);

	*found = p != NULL;
	if (!p)
		return VML_OK;
	if (len != 4 && len != 8)
		return vml_host_error_set(c->err, len > 8 ? VML_ERANGE : VML_EINVAL,
					  "%s: node %s: property %s is %d bytes, want a 32-bit or "
					  "64-bit value (4 or 8 bytes)",
					  c->name, vml_dt_path(c, node, path, sizeof(path)), prop,
					  len);
	*v = vml_dt_read_cells(p, len / 4);
	return VML_OK;
}

static int chosen_initrd(struct vml_dt_ctx *c, int node)
{
	char path[VML_DT_PATH_LEN];
	bool has_start, has_end;
	uint64_t start = 0, end = 0;
	int rc = chosen_initrd_value(c, node, "linux,initrd-start", &has_start, &start);

	if (!rc)
		rc = chosen_initrd_value(c, node, "linux,initrd-end", &has_end, &end);
	if (rc || (!has_start && !has_end))
		return rc;
	if (has_start != has_end)
		return vml_host_error_set(c->err, VML_EINVAL,
					  "%s: node %s: linux,initrd-%s is given without "
					  "linux,initrd-%s",
					  c->name, vml_dt_path(c, node, path, sizeof(path)),
					  has_start ? "start" : "end", has_start ? "end" : "start");
	if (start > end)
		return vml_host_error_set(c->err, VML_EINVAL,
					  "%s: node %s: linux,initrd-start 0x%llx is above "
					  "linux,initrd-end 0x%llx",
					  c->name, vml_dt_path(c, node, path, sizeof(path)),
					  (unsigned long long)start, (unsigned long long)end);
	c->board->has_initrd = true;
	c->board->initrd_start = start;
	c->board->initrd_end = end;
	return VML_OK;
}

/* kaslr-seed: one 64-bit value, two cells (arch/arm64/kernel/pi/kaslr_early.c
 * and arch/riscv/kernel/pi/fdt_early.c read 8 bytes). */
static int chosen_kaslr_seed(struct vml_dt_ctx *c, int node)
{
	char path[VML_DT_PATH_LEN];
	int len;
	const fdt32_t *p = fdt_getprop(c->fdt, node, "kaslr-seed", &len);

	if (!p)
		return VML_OK;
	if (len != 8)
		return vml_host_error_set(c->err, VML_EINVAL,
					  "%s: node %s: kaslr-seed is %d bytes; want one 64-bit "
					  "value (two cells)",
					  c->name, vml_dt_path(c, node, path, sizeof(path)), len);
	c->board->has_kaslr_seed = true;
	c->board->kaslr_seed = vml_dt_read_cells(p, 2);
	return VML_OK;
}

static int chosen_usable_memory_range(struct vml_dt_ctx *c, int node)
{
	char path[VML_DT_PATH_LEN];
	const fdt32_t *p;
	int n, rc = vml_dt_get_pairs(c, node, "linux,usable-memory-range", c->addr_cells,
				     c->size_cells, &p, &n);

	if (rc)
		return rc;
	if (n > 2)
		return vml_host_error_set(c->err, VML_EINVAL,
					  "%s: node %s: linux,usable-memory-range has %d ranges; "
					  "the kernel reads at most 2 (MAX_USABLE_RANGES)",
					  c->name, vml_dt_path(c, node, path, sizeof(path)), n);
	for (int i = 0; i < n; i++)
		c->board->usable[i] = vml_dt_pair(p, i, c->addr_cells, c->size_cells);
	c->board->n_usable = (unsigned int)n;
	return VML_OK;
}

int vml_dt_scan_chosen(struct vml_dt_ctx *c)
{
	int len, rc, node = fdt_path_offset(c->fdt, "/chosen");
	const char *bootargs;

	if (node < 0)
		node = fdt_path_offset(c->fdt, "/chosen@0");
	if (node < 0)
		return VML_OK;
	bootargs = fdt_getprop(c->fdt, node, "bootargs", &len);
	if (bootargs && len > 0) {
		rc = vml_dt_copy_string(c, node, "bootargs", bootargs, len, NULL, 0);
		if (rc)
			return rc;
		/* cut, not shortened with "...": the command-line parser cuts it
		 * where the arch's kernel does */
		snprintf(c->board->bootargs, sizeof(c->board->bootargs), "%s", bootargs);
	}
	rc = chosen_initrd(c, node);
	if (!rc)
		rc = chosen_usable_memory_range(c, node);
	if (!rc)
		rc = chosen_kaslr_seed(c, node);
	return rc;
}
