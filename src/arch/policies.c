/* SPDX-License-Identifier: MIT */
/* The table of layout policies, one entry per arch and kernel profile. */
#include "arch/arm/arm_policy.h"
#include "arch/arm64/layout_arm64.h"
#include "arch/riscv/layout_policy.h"
#include "vmlayout/layout_policy.h"

const struct vml_layout_policy *const vml_layout_policies[] = {
    &vml_arm_policy_3_4,    &vml_arm_policy_6_1,    &vml_arm64_policy_6_1,
    &vml_arm64_policy_6_12, &vml_arm64_policy_6_18, &vml_riscv_policy_5_10,
    &vml_riscv_policy_6_12, &vml_riscv_policy_6_18, NULL,
};
