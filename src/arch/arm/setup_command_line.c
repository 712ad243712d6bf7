/* SPDX-License-Identifier: MIT */
/*
 * DOC: start_kernel()'s copies of the command line on 32-bit ARM
 *
 * init/main.c setup_command_line() (v6.1 and v6.12), right after
 * setup_arch() and before setup_per_cpu_areas(): saved_command_line, then
 * static_command_line, each memblock_alloc(strlen(boot_command_line) + 1,
 * SMP_CACHE_BYTES). Neither is freed.
 */
#include "arch/arm/arm_policy.h"
#include "arch/arm/arm_reserve.h"
#include "vmlayout/of_unflatten.h"

int vml_arm_setup_command_line(struct arm_state *st)
{
	uint64_t len = vml_setup_command_line_bytes(st->cfg);
	int ret;

	ret =
	    vml_arm_early_alloc_aligned(st, "saved_command_line", len, vml_arm_smp_cache_bytes(st));
	if (!ret)
		ret = vml_arm_early_alloc_aligned(st, "static_command_line", len,
						  vml_arm_smp_cache_bytes(st));
	return ret;
}
