/* SPDX-License-Identifier: MIT */
/*
 * The device-tree readers' shared context and property helpers (src/host
 * only; not public).
 */
#ifndef VMLAYOUT_HOST_DT_INTERNAL_H
#define VMLAYOUT_HOST_DT_INTERNAL_H

#include <libfdt.h>

#include "vmlayout/host_input.h"

struct vml_dt_ctx {
	const void *fdt;
	const char *name;	    /* the file, for sentences */
	int addr_cells, size_cells; /* the root's (dt_root_addr_cells...) */
	struct vml_board *board;    /* the local copy being filled */
	struct vml_host_error *err;
};

#define VML_DT_PATH_LEN 256

/* Big-endian cells to a number; @n is 1 or 2. */
uint64_t vml_dt_read_cells(const fdt32_t *p, int n);
/* The node's full path in @buf, for sentences. */
const char *vml_dt_path(const struct vml_dt_ctx *c, int node, char *buf, int len);
/* The property is exactly the string @want. */
bool vml_dt_prop_is_string(const void *p, int len, const char *want);
/* of_fdt_device_is_available(): no status, "okay" or "ok". */
bool vml_dt_node_available(const struct vml_dt_ctx *c, int node);
bool vml_dt_has_prop(const struct vml_dt_ctx *c, int node, const char *prop);
/* A property of <address size> pairs (@ac, @sc cells); absent: *n = 0. */
int vml_dt_get_pairs(const struct vml_dt_ctx *c, int node, const char *prop, int ac, int sc,
		     const fdt32_t **cells, int *n);
/* The pair @i of a vml_dt_get_pairs() result. */
struct vml_range64 vml_dt_pair(const fdt32_t *cells, int i, int ac, int sc);
/* A one-cell property (#address-cells...) that must be 1 or 2; @dflt if absent. */
int vml_dt_cells_prop(const struct vml_dt_ctx *c, int node, const char *prop, int dflt, int *out);
/* A limit of the board arrays was exceeded at @node. */
int vml_dt_too_many(const struct vml_dt_ctx *c, int node, const char *what, int max);
/* A NUL-terminated string property copied into @dst of @cap bytes; a
 * longer one is shortened as vml_dt_copy_name() does; @cap 0: only checked. */
int vml_dt_copy_string(const struct vml_dt_ctx *c, int node, const char *prop, const char *s,
		       int len, char *dst, size_t cap);
/* @n characters of @s into @dst (@cap >= 4 bytes), ending in "..." when
 * they do not fit: for names that are only displayed. */
void vml_dt_copy_name(char *dst, size_t cap, const char *s, size_t n);

/* /chosen (dt_chosen.c) and /reserved-memory (dt_reserved.c). */
int vml_dt_scan_chosen(struct vml_dt_ctx *c);
int vml_dt_scan_reserved_memory(struct vml_dt_ctx *c);
/* /cpus: the first available cpu's riscv mmu-type (dt_cpus.c). */
int vml_dt_scan_cpus(struct vml_dt_ctx *c);
/* The cpus' numa-node-id and the numa-distance-map-v1 node (dt_numa.c). */
int vml_dt_scan_numa(struct vml_dt_ctx *c);
/* of_dma_get_max_cpu_address(NULL) into the board (dt_dma_ranges.c). */
int vml_dt_scan_dma_ranges(struct vml_dt_ctx *c);
/* What unflatten_device_tree() and of_alias_scan() allocate, before the
 * kernel's struct sizes (dt_unflatten.c). */
int vml_dt_scan_unflatten(struct vml_dt_ctx *c);

#endif
