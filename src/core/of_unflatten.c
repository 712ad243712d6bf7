// SPDX-License-Identifier: MIT
/*
 * The unflattened device tree's and of_alias_scan()'s memblock allocations,
 * and setup_command_line()'s copies (include/vmlayout/of_unflatten.h).
 *
 * Checked on every recorded real boot (tests/conformance/observed/): the
 * dry-run size equals the allocation memblock=debug shows, e.g. 0x5110 on
 * Debian 12's armmp 6.1, 0x59a8 on Debian 13's armmp 6.12, 0x9c1c on arm64
 * 6.1, 0x5b4c on riscv64 6.12 (QEMU's virt DTs).
 */
#include "vmlayout/of_unflatten.h"

#include "vmlayout/board.h"
#include "vmlayout/config.h"
#include "vmlayout/env.h"
#include "vmlayout/layout_policy.h"

/* struct attribute (include/linux/sysfs.h): name and umode_t mode, padded
 * to a pointer pair; with CONFIG_DEBUG_LOCK_ALLOC a bit field, a key
 * pointer and a struct lock_class_key (a union of an hlist_node and eight
 * one-byte subclass keys, include/linux/lockdep_types.h). */
static uint64_t attribute_size(const struct vml_kernel_config *cfg, uint64_t ptr)
{
	if (!cfg->debug_lock_alloc)
		return 2 * ptr;
	/* name; mode (2 bytes) and the bit field share the next word; key;
	 * skey: max(2 pointers, 8 bytes) */
	return 2 * ptr + ptr + vml_max(2 * ptr, 8);
}

/* struct bin_attribute: the attribute, size_t size, private, and the
 * f_mapping, read, write and mmap methods; v6.12 has an llseek method too
 * (kernfs/sysfs "support custom llseek method", posted August 2023: in
 * v6.12's include/linux/sysfs.h, not in v6.1's, nor in Debian's 6.1.y as
 * booted; its first tag is not confirmed here, vmlayout takes v6.7). */
static uint64_t bin_attribute_size(const struct vml_kernel_config *cfg, uint64_t ptr)
{
	const struct vml_kernel_version llseek_since = {6, 7};
	uint64_t methods =
	    4 + vml_kernel_version_since(vml_kernel_version_asked(cfg), llseek_since);

	return attribute_size(cfg, ptr) + 2 * ptr + methods * ptr;
}

/* struct kobject: name, list_head entry, parent, kset, ktype, sd, then a
 * 4-byte kref and 4 bytes of state bits. */
static uint64_t kobject_size(uint64_t ptr)
{
	return 7 * ptr + 4 + 4;
}

bool vml_of_struct_sizes(const struct vml_kernel_config *cfg, uint64_t ptr_bytes,
			 struct vml_of_struct_sizes *out)
{
	/* struct fwnode_handle: secondary, ops, dev, two list_heads, flags */
	const uint64_t fwnode = 3 * ptr_bytes + 4 * ptr_bytes + ptr_bytes;
	/* struct device_node: name, phandle (4 bytes, a pointer's room on
	 * 64-bit), full_name, fwnode, properties, deadprops, parent, child,
	 * sibling, [kobj], _flags, data */
	uint64_t node = 3 * ptr_bytes + fwnode + 5 * ptr_bytes + 2 * ptr_bytes;
	/* struct property: name, int length (a pointer's room), value, next,
	 * [_flags], [bin_attribute] */
	uint64_t property = 4 * ptr_bytes;

	if (cfg->debug_kobject_release)
		return false;
	if (cfg->of_kobj)
		node += kobject_size(ptr_bytes);
	if (cfg->of_dynamic)
		property += ptr_bytes;
	if (cfg->of_kobj)
		property += bin_attribute_size(cfg, ptr_bytes);
	out->device_node = node;
	out->property = property;
	/* struct alias_prop (drivers/of/of_private.h): list_head link, alias,
	 * np, int id, char stem[]: sizeof rounds the int up to the alignment */
	out->alias_prop = vml_align_up(4 * ptr_bytes + 4, ptr_bytes);
	out->align = ptr_bytes;
	out->skips_unavailable = !cfg->of_kobj;
	/* early_init_dt_scan_chosen() (drivers/of/fdt.c v6.1, v6.12) reads a
	 * non-empty rng-seed and fdt_nop_property()s it before unflattening */
	out->drops_rng_seed = true;
	return true;
}

static bool unflatten_modelled(const struct vml_board *board, const struct vml_kernel_config *cfg,
			       uint64_t ptr_bytes, struct vml_of_struct_sizes *sizes)
{
	const struct vml_kernel_version first = {6, 1};

	/* Older kernels (the msm-3.4 profile) laid the tree out otherwise. */
	return board->dt_shape.known && cfg->of &&
	       vml_kernel_version_since(vml_kernel_version_asked(cfg), first) &&
	       vml_of_struct_sizes(cfg, ptr_bytes, sizes);
}

uint64_t vml_of_unflatten_bytes(const struct vml_board *board, const struct vml_kernel_config *cfg,
				uint64_t ptr_bytes)
{
	struct vml_of_struct_sizes s;
	const struct vml_of_unflatten_count *c;
	unsigned int wide;
	uint64_t size;

	if (!unflatten_modelled(board, cfg, ptr_bytes, &s))
		return 0;
	c = &board->dt_shape.count[s.skips_unavailable][s.drops_rng_seed];
	if (!c->nodes)
		return 0;
	wide = s.align == 8;
	size = c->nodes * s.device_node +
	       (uint64_t)(c->properties + c->made_up_names) * s.property +
	       c->node_name_bytes[wide] + c->made_up_name_bytes[wide];
	/* nothing follows the last allocation: its padding is not counted */
	size -= vml_align_up(c->last_tail, s.align) - c->last_tail;
	return vml_align_up(size, 4) + 4;
}

unsigned int vml_of_alias_alloc_sizes(const struct vml_board *board,
				      const struct vml_kernel_config *cfg, uint64_t ptr_bytes,
				      uint64_t *sizes, unsigned int max)
{
	struct vml_of_struct_sizes s;
	unsigned int n = 0;

	if (!unflatten_modelled(board, cfg, ptr_bytes, &s))
		return 0;
	for (unsigned int i = 0; i < board->dt_shape.n_aliases && n < max; i++) {
		const struct vml_of_alias *a = &board->dt_shape.aliases[i];

		/* without OF_KOBJ a node that is not available is not in the
		 * tree, so of_find_node_by_path() does not find it */
		if (s.skips_unavailable && !a->target_available)
			continue;
		sizes[n++] = s.alias_prop + a->stem_len + 1;
	}
	return n;
}

uint64_t vml_setup_command_line_bytes(const struct vml_kernel_config *cfg)
{
	uint64_t n = 0;

	while (n < sizeof(cfg->boot_command_line) && cfg->boot_command_line[n])
		n++;
	return n + 1;
}
