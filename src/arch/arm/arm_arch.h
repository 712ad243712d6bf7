/* SPDX-License-Identifier: MIT */
/* The hook tables arm's descriptor (arm_arch.c) gathers from this folder. */
#ifndef VMLAYOUT_ARCH_ARM_ARM_ARCH_H
#define VMLAYOUT_ARCH_ARM_ARM_ARCH_H

#include "vmlayout/boot_tables.h"
#include "vmlayout/ptdump.h"

/* ptdump.c: its kernel_page_tables printer, markers and versions. */
extern const struct vml_arch_ptdump vml_arm_ptdump;

/* boot_tables_hooks.c: the kernel's own tables after boot. */
extern const struct vml_boot_tables_ops vml_arm_boot_tables_ops;

#endif
