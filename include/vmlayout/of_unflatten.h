/* SPDX-License-Identifier: MIT */
/*
 * DOC: the unflattened device tree's memblock allocations
 *
 * setup_arch() turns the flat blob into struct device_node and struct
 * property objects with unflatten_device_tree() (drivers/of/fdt.c, v6.1 and
 * v6.12): a dry run sizes the tree, then one memblock_alloc(ALIGN(size, 4)
 * + 4, __alignof__(struct device_node)) holds it all (the 4 bytes are the
 * 0xdeadbeef end marker). of_alias_scan() (drivers/of/base.c) then makes
 * one memblock_alloc(sizeof(struct alias_prop) + stem + 1) per usable
 * /aliases property. Neither allocation is freed, so both cost MemTotal
 * pages and move every later top-down allocation.
 *
 * The host reads the blob (src/host/dt_unflatten.c) into a count that does
 * not depend on the kernel's struct sizes; the sizes come from the kernel
 * configuration and version (vml_of_struct_sizes()), and the bytes from
 * both (vml_of_unflatten_bytes()). Freestanding.
 */
#ifndef VMLAYOUT_OF_UNFLATTEN_H
#define VMLAYOUT_OF_UNFLATTEN_H

#include <stdbool.h>
#include <stdint.h>

struct vml_kernel_config;
struct vml_board;

#define VML_OF_MAX_ALIASES 256

/* What the dry run of unflatten_dt_nodes() allocates, for one way of
 * reading the blob. Every allocation is aligned to the pointer size A (4
 * or 8) and both structs' sizes are multiples of it, so the dry run's
 * total is nodes * sizeof(device_node) + (properties + made-up names) *
 * sizeof(property) + the names' bytes, each rounded up to A, less the
 * padding of the last allocation (nothing follows it). */
struct vml_of_unflatten_count {
	uint32_t nodes;		/* populate_node(): a device_node and its name */
	uint32_t properties;	/* populate_properties(): one struct property each */
	uint32_t made_up_names; /* nodes without a "name": one more, with the name */
	/* [0]: each rounded up to 4 bytes, [1]: to 8. */
	uint64_t node_name_bytes[2];	/* strlen(unit name) + 1 per node */
	uint64_t made_up_name_bytes[2]; /* the made-up name's length + 1 */
	/* The last allocation's bytes past its struct property: the made-up
	 * name's length + 1, or 0 when the last is a plain property. */
	uint32_t last_tail;
};

/* One /aliases property of_alias_scan() keeps (its target found, its id
 * read): the stem is the name without its trailing digits. */
struct vml_of_alias {
	uint16_t stem_len;
	bool target_available; /* the node it names is "okay" (and its parents) */
};

struct vml_of_unflatten_shape {
	bool known; /* read from a DT blob */
	/* [a][b]: a = 1 skips nodes that are not available (kernels without
	 * CONFIG_OF_KOBJ), b = 1 leaves out /chosen's rng-seed (the kernels
	 * that fdt_nop_property() it in early_init_dt_scan_chosen()). */
	struct vml_of_unflatten_count count[2][2];
	/* of_alias_scan()'s allocations in /aliases order; beyond
	 * VML_OF_MAX_ALIASES only counted (n_aliases_unmodelled). */
	struct vml_of_alias aliases[VML_OF_MAX_ALIASES];
	unsigned int n_aliases, n_aliases_unmodelled;
};

/* The kernel's struct sizes the tree is made of, for a configuration. */
struct vml_of_struct_sizes {
	uint64_t device_node, property, alias_prop, align;
	bool skips_unavailable; /* !CONFIG_OF_KOBJ */
	bool drops_rng_seed;
};

/**
 * vml_of_struct_sizes() - sizeof(struct device_node), struct property and
 * struct alias_prop with @ptr_bytes-byte pointers and longs (4 or 8)
 *
 * From include/linux/of.h, fwnode.h, kobject.h and sysfs.h of v6.1 and
 * v6.12: struct property carries _flags with CONFIG_OF_DYNAMIC and a struct
 * bin_attribute with CONFIG_OF_KOBJ (whose llseek member is new between
 * the two); lockdep's keys grow struct attribute with CONFIG_DEBUG_LOCK_ALLOC.
 *
 * Return: false when the configuration has a member vmlayout does not size
 * (CONFIG_DEBUG_KOBJECT_RELEASE's delayed_work); @out is then left alone.
 */
bool vml_of_struct_sizes(const struct vml_kernel_config *cfg, uint64_t ptr_bytes,
			 struct vml_of_struct_sizes *out);

/**
 * vml_of_unflatten_bytes() - the size unflatten_device_tree() asks memblock
 * for: ALIGN(dry-run size, 4) + 4; 0 when the board has no DT, the kernel
 * has no CONFIG_OF, or vml_of_struct_sizes() cannot size it
 */
uint64_t vml_of_unflatten_bytes(const struct vml_board *board, const struct vml_kernel_config *cfg,
				uint64_t ptr_bytes);

/**
 * vml_of_alias_alloc_sizes() - of_alias_scan()'s allocations, in order:
 * sizeof(struct alias_prop) + stem + 1 bytes each, aligned to
 * __alignof__(struct alias_prop) (the pointer size)
 * @sizes: where to write; @max: its room
 *
 * Return: how many were written.
 */
unsigned int vml_of_alias_alloc_sizes(const struct vml_board *board,
				      const struct vml_kernel_config *cfg, uint64_t ptr_bytes,
				      uint64_t *sizes, unsigned int max);

/**
 * vml_setup_command_line_bytes() - each of setup_command_line()'s two
 * memblock_alloc()s (init/main.c, v6.1 and v6.12: saved_command_line and
 * static_command_line, SMP_CACHE_BYTES aligned): strlen(boot_command_line)
 * + 1, without a bootconfig or init arguments
 */
uint64_t vml_setup_command_line_bytes(const struct vml_kernel_config *cfg);

#endif
