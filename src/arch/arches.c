/* SPDX-License-Identifier: MIT */
/* The architectures vmlayout knows: one line each (include/vmlayout/arch.h). */
#include "vmlayout/arch.h"

extern const struct vml_arch_desc vml_arch_arm, vml_arch_arm64, vml_arch_riscv64;

const struct vml_arch_desc *const vml_arches[] = {
    &vml_arch_arm,
    &vml_arch_arm64,
    &vml_arch_riscv64,
    NULL,
};
