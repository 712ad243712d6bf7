/* SPDX-License-Identifier: MIT */
/*
 * DOC: the layout policy hook: one per arch and kernel profile
 *
 * A policy is (board, config, memblock) -> layout, following one named
 * kernel version's files. Each arch's descriptor (include/vmlayout/arch.h)
 * lists its policies; the core looks a policy up by arch and profile name
 * and knows nothing else about it.
 */
#ifndef VMLAYOUT_LAYOUT_POLICY_H
#define VMLAYOUT_LAYOUT_POLICY_H

#include "layout.h"

/* A kernel version as MAJOR.MINOR ("6.12", "6.12.3", "6.1.0-57-arm64"). */
struct vml_kernel_version {
	unsigned int major, minor;
};

/**
 * vml_kernel_version_parse() - the MAJOR.MINOR of a version string
 * @s: "6.12", "6.12.3" or a uname -r like "6.1.0-57-arm64"
 * @v: filled on success
 *
 * The one place a version string is parsed. Return: true, or false when
 * @s does not start with MAJOR.MINOR followed by the end, '.' or '-'.
 */
bool vml_kernel_version_parse(const char *s, struct vml_kernel_version *v);

/*
 * @first, @last: the kernel versions the profile answers to (inclusive):
 *	its rules did not change in that range
 * @alias: another name it answers to ("msm-3.4"), or NULL
 * @rules: the profile's table of rules (the arch's own struct: struct
 *	arm_profile, arm64_profile, riscv_profile)
 * @compute: the arch's one driver, run with @rules
 */
struct vml_layout_policy {
	enum vml_arch arch;
	const char *profile; /* canonical name, e.g. "6.1" */
	const char *source;  /* the kernel files followed */
	struct vml_kernel_version first, last;
	const char *alias;
	const void *rules;
	int (*compute)(const void *rules, const struct vml_board *board,
		       const struct vml_kernel_config *cfg, struct vml_memblock *mb,
		       struct vml_layout *layout, struct vml_diag *diag);
};

const struct vml_layout_policy *vml_layout_policy_find(enum vml_arch arch, const char *profile);

#endif
