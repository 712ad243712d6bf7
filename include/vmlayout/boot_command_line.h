/* SPDX-License-Identifier: MIT */
/*
 * DOC: boot_command_line, from the bootloader's line and CONFIG_CMDLINE
 */
#ifndef VMLAYOUT_BOOT_COMMAND_LINE_H
#define VMLAYOUT_BOOT_COMMAND_LINE_H

#include "config.h"
#include "env.h"
#include "error.h"

/**
 * struct vml_cmdline_sources - where a boot's command line comes from
 * @bootloader: the bootloader's line (/chosen/bootargs, or the ATAG_CMDLINE
 *	of a 32-bit ARM boot without a DT); NULL when it gave none
 * @atags: a 32-bit ARM boot without a device tree (ATAGS)
 * @kernel_major: the profile's major version (3 for 3.4 and 3.18)
 */
struct vml_cmdline_sources {
	const char *bootloader;
	bool atags;
	unsigned int kernel_major;
};

/* What vml_boot_command_line() reports besides the line. */
enum {
	/* ATAGS with CMDLINE_FORCE dropped the bootloader's line: the kernel
	 * prints "Ignoring tag cmdline (using the default kernel command
	 * line)" (parse_tag_cmdline()) */
	VML_BOOT_CMDLINE_TAG_IGNORED = 1u << 0,
	/* a v3.x DT boot with CMDLINE_EXTEND: that drivers/of/fdt.c has no
	 * EXTEND case, so the bootargs were used as they are */
	VML_BOOT_CMDLINE_EXTEND_UNUSED = 1u << 1,
	/* the line did not fit in @cap - 1 characters and was cut */
	VML_BOOT_CMDLINE_CUT = 1u << 2,
	/* CONFIG_CMDLINE took part in the line */
	VML_BOOT_CMDLINE_BUILTIN_USED = 1u << 3,
};

/**
 * vml_boot_command_line() - the kernel's boot_command_line before it is cut
 * at COMMAND_LINE_SIZE: @cfg's CONFIG_CMDLINE joined with the bootloader's
 * line as @cfg's "Kernel command line type" and the boot's kind say.
 * Writes at most @cap - 1 characters and a NUL to @out.
 *
 * Return: VML_BOOT_CMDLINE_* flags, or VML_EINVAL (nothing written but an
 * empty @out) when @cfg names a type its arch's Kconfig does not offer
 * (@rule then names it)
 */
int vml_boot_command_line(const struct vml_kernel_config *cfg,
			  const struct vml_cmdline_sources *src, char *out, size_t cap,
			  const char **rule);

#endif
