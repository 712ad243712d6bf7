/* SPDX-License-Identifier: MIT */
/*
 * DOC: boot_command_line, from the bootloader's line and CONFIG_CMDLINE
 *
 * A DT boot, every arch (drivers/of/fdt.c early_init_dt_scan_chosen(),
 * v6.1 and v6.12): the line starts as /chosen/bootargs, then
 *   CMDLINE_EXTEND: " " and CONFIG_CMDLINE are appended (strlcat(), so
 *     also after empty bootargs: " CONFIG_CMDLINE");
 *   CMDLINE_FORCE: CONFIG_CMDLINE replaces it;
 *   otherwise (CMDLINE_FROM_BOOTLOADER, riscv's CMDLINE_FALLBACK):
 *     CONFIG_CMDLINE when the bootargs left it empty.
 * v3.4's early_init_dt_scan_chosen() has only the last two: CONFIG_CMDLINE
 * with CMDLINE_FORCE or when the line is empty; CMDLINE_EXTEND is an ATAGS
 * option there.
 * A 32-bit ARM boot without a DT (ATAGS: arch/arm/kernel/atags_parse.c
 * parse_tag_cmdline() v6.1, arch/arm/kernel/setup.c v3.4): the line starts
 * as CONFIG_CMDLINE (default_command_line); an ATAG_CMDLINE is appended
 * after " " (EXTEND: the built-in line comes first), ignored with a
 * warning (FORCE), or replaces it.
 * Every copy and strlcat() keeps COMMAND_LINE_SIZE - 1 characters; the
 * result is the first COMMAND_LINE_SIZE - 1 characters of the whole join,
 * so the caller cuts once, at its arch's size.
 *
 * The Kconfig choice per arch (v3.4 .. v6.12): arm FROM_BOOTLOADER, EXTEND,
 * FORCE; arm64 FROM_BOOTLOADER, FORCE; riscv FALLBACK, EXTEND, FORCE.
 */
#include "vmlayout/boot_command_line.h"

struct line {
	char *out;
	size_t cap, len;
	bool cut;
};

static void append(struct line *l, const char *s)
{
	while (*s && l->len + 1 < l->cap)
		l->out[l->len++] = *s++;
	l->cut |= *s != '\0';
	l->out[l->len] = '\0';
}

/* The choice's members @arch's Kconfig has. */
static const char *type_rule(enum vml_arch arch, enum vml_cmdline_type t)
{
	if (t == VML_CMDLINE_TYPE_EXTEND && arch == VML_ARCH_ARM64)
		return "CMDLINE_EXTEND is not an arm64 option (arch/arm64/Kconfig: "
		       "CMDLINE_FROM_BOOTLOADER or CMDLINE_FORCE)";
	if (t == VML_CMDLINE_TYPE_FALLBACK && arch != VML_ARCH_RISCV64)
		return "CMDLINE_FALLBACK is riscv's (arm and arm64 name it "
		       "CMDLINE_FROM_BOOTLOADER)";
	if (t == VML_CMDLINE_TYPE_FROM_BOOTLOADER && arch == VML_ARCH_RISCV64)
		return "CMDLINE_FROM_BOOTLOADER is not a riscv option (arch/riscv/Kconfig: "
		       "CMDLINE_FALLBACK, CMDLINE_EXTEND or CMDLINE_FORCE)";
	return NULL;
}

static int atags_line(const struct vml_kernel_config *cfg, const char *tag, struct line *l)
{
	int flags = 0;

	append(l, cfg->builtin_cmdline);
	if (!tag)
		return VML_BOOT_CMDLINE_BUILTIN_USED;
	if (cfg->cmdline_type == VML_CMDLINE_TYPE_FORCE)
		return VML_BOOT_CMDLINE_BUILTIN_USED | VML_BOOT_CMDLINE_TAG_IGNORED;
	if (cfg->cmdline_type == VML_CMDLINE_TYPE_EXTEND) {
		append(l, " ");
		flags = VML_BOOT_CMDLINE_BUILTIN_USED;
	} else {
		l->len = 0;
		l->cut = false;
	}
	append(l, tag);
	return flags;
}

static int dt_line(const struct vml_kernel_config *cfg, const struct vml_cmdline_sources *src,
		   struct line *l)
{
	const bool extend = cfg->cmdline_type == VML_CMDLINE_TYPE_EXTEND;

	if (cfg->cmdline_type == VML_CMDLINE_TYPE_FORCE) {
		append(l, cfg->builtin_cmdline);
		return VML_BOOT_CMDLINE_BUILTIN_USED;
	}
	append(l, src->bootloader ? src->bootloader : "");
	if (extend && src->kernel_major > 3) {
		append(l, " ");
		append(l, cfg->builtin_cmdline);
		return VML_BOOT_CMDLINE_BUILTIN_USED;
	}
	if (l->len == 0) {
		append(l, cfg->builtin_cmdline);
		return VML_BOOT_CMDLINE_BUILTIN_USED;
	}
	return extend ? VML_BOOT_CMDLINE_EXTEND_UNUSED : 0;
}

int vml_boot_command_line(const struct vml_kernel_config *cfg,
			  const struct vml_cmdline_sources *src, char *out, size_t cap,
			  const char **rule)
{
	struct line l = {out, cap, 0, false};
	int flags;

	*rule = NULL;
	if (cap == 0)
		return VML_EINVAL;
	out[0] = '\0';
	*rule = type_rule(cfg->arch, cfg->cmdline_type);
	if (*rule)
		return VML_EINVAL;
	if (src->atags)
		flags = atags_line(cfg, src->bootloader, &l);
	else
		flags = dt_line(cfg, src, &l);
	if (!cfg->builtin_cmdline[0])
		flags &= ~VML_BOOT_CMDLINE_BUILTIN_USED;
	return flags | (l.cut ? VML_BOOT_CMDLINE_CUT : 0);
}
