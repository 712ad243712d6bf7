/* SPDX-License-Identifier: MIT */
/* 32-bit ARM: its profiles, its table formats, its configuration defaults. */
#include "arch/arm/arm_arch.h"
#include "arch/arm/arm_policy.h"
#include "vmlayout/arch.h"
#include "vmlayout/pgtable_format.h"

static const struct vml_layout_policy *const arm_policies[] = {
    &vml_arm_policy_3_4,
    &vml_arm_policy_6_1,
    NULL,
};

static void arm_config_defaults(struct vml_kernel_config *cfg)
{
	cfg->highmem = true;
	cfg->arm_patch_phys_virt = true;
	cfg->vmsplit = 3; /* VMSPLIT_3G, the Kconfig default of the "Memory split" choice */
	cfg->page_offset_set = false;
	cfg->text_offset = 0x8000; /* textofs-y, arch/arm/Makefile */
}

static const char *arm_tables_kind(const struct vml_kernel_config *cfg)
{
	return cfg->arm_lpae ? "LPAE page tables" : "classic (short-descriptor) page tables";
}

const struct vml_arch_desc vml_arch_arm = {
    .id = VML_ARCH_ARM,
    .name = "arm",
    .policies = arm_policies,
    .pt_family = &vml_pt_family_arm,
    .config_defaults = arm_config_defaults,
    .ptdump = &vml_arm_ptdump,
    .boot_tables = &vml_arm_boot_tables_ops,
    .va_space_end = 0x100000000ULL,
    .highmem = true,
    /* msm-3.4's strategies (arch/arm/mm/mmu.c of the msm tree) */
    .reclaim_profile = "3.4",
    .tables_kind = arm_tables_kind,
    /* arch/arm/include/uapi/asm/setup.h (v3.4, v6.1, v6.12) */
    .command_line_size = 1024,
};
