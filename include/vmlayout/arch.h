/* SPDX-License-Identifier: MIT */
/*
 * DOC: the architectures: one descriptor each, one table of them
 *
 * Everything vmlayout knows about an architecture is reached through its
 * descriptor, defined in src/arch/<arch>/<arch>_arch.c: its name, its
 * layout profiles (one policy per kernel version profile), its page-table
 * formats, its configuration defaults, its ptdump printer and its boot
 * page tables. src/arch/arches.c lists the
 * descriptors. The core, the host layer and the CLI find an arch here by
 * its enum or its name and never switch on it.
 *
 * Adding an architecture: a folder src/arch/<arch>/ with the descriptor,
 * its policies and its formats, one enum value in config.h and one line
 * in src/arch/arches.c (docs/architecture.md has the checklist).
 */
#ifndef VMLAYOUT_ARCH_H
#define VMLAYOUT_ARCH_H

#include "config.h"

struct vml_layout_policy;
struct vml_pt_family;
struct vml_arch_ptdump;
struct vml_boot_tables_ops;

/**
 * struct vml_arch_desc - one architecture
 * @id: its enum value
 * @name: its name on the command line and in reports ("arm", "arm64", ...)
 * @policies: its layout profiles, NULL-terminated, oldest first; the last
 *	is the default when no kernel version is named
 * @pt_family: its translation-table formats
 * @config_defaults: vmlayout's defaults for a kernel configuration of this
 *	arch when no .config says otherwise (on a zeroed config whose common
 *	fields are already set: documented in config.h)
 * @ptdump: its kernel_page_tables printer, markers and versions (ptdump.h)
 * @boot_tables: how its kernel builds its own tables at boot
 *	(boot_tables.h); NULL: not modelled
 * @va_space_end: the end of the virtual address space its kernel lays out
 *	(32-bit: 4 GiB); 0 for 2^64
 * @highmem: its layouts split RAM at lowmem_limit into lowmem and highmem
 * @reclaim_profile: the profile whose hole-reclaim strategies (--reclaim,
 *	`compare`) are the reference when no --kernel is given; NULL when its
 *	linear map has room for all RAM and --reclaim does not apply
 * @tables_kind: a few words naming the page-table format a configuration
 *	builds (for titles), or NULL to name it by page size
 * @command_line_size: its COMMAND_LINE_SIZE (asm/setup.h): the kernel keeps
 *	the first @command_line_size - 1 characters of /chosen/bootargs
 *	(drivers/of/fdt.c early_init_dt_scan_chosen(), strscpy()); at most
 *	VML_COMMAND_LINE_SIZE
 */
struct vml_arch_desc {
	enum vml_arch id;
	const char *name;
	const struct vml_layout_policy *const *policies;
	const struct vml_pt_family *pt_family;
	void (*config_defaults)(struct vml_kernel_config *cfg);
	const struct vml_arch_ptdump *ptdump;
	const struct vml_boot_tables_ops *boot_tables;
	uint64_t va_space_end;
	bool highmem;
	const char *reclaim_profile;
	const char *(*tables_kind)(const struct vml_kernel_config *cfg);
	unsigned int command_line_size;
};

/* The arch's COMMAND_LINE_SIZE (VML_COMMAND_LINE_SIZE for an unknown arch). */
unsigned int vml_arch_command_line_size(enum vml_arch id);

/* NULL-terminated, defined in src/arch/arches.c. */
extern const struct vml_arch_desc *const vml_arches[];

/* The descriptor of @id, or NULL. */
const struct vml_arch_desc *vml_arch_find(enum vml_arch id);
/* The descriptor named @name, or NULL. */
const struct vml_arch_desc *vml_arch_find_name(const char *name);
/* The name of @id ("none" for an unknown one). */
const char *vml_arch_name(enum vml_arch id);
/* "arm, arm64, riscv64": the arches' names in table order (only those with
 * boot_tables hooks if @boot_tables_only), cut short to fit @size bytes
 * with its NUL; returns @buf. The default arch is the table's first. */
const char *vml_arch_list(char *buf, size_t size, bool boot_tables_only);

#endif
