/* SPDX-License-Identifier: MIT */
/* Reservation steps of the 32-bit ARM policy (see arm_reserve.c). */
#ifndef VMLAYOUT_ARCH_ARM_RESERVE_H
#define VMLAYOUT_ARCH_ARM_RESERVE_H

#include "arch/arm/arm_policy.h"

int vml_arm_reserve_early(struct arm_state *st);
int vml_arm_reserved_memory(struct arm_state *st);
int vml_arm_reserve_cma(struct arm_state *st);
int vml_arm_early_alloc(struct arm_state *st, const char *name, uint64_t size);
/* A CMA area, [base, base + size): its pages count in MemTotal. */
void vml_arm_note_cma_area(struct arm_state *st, uint64_t base, uint64_t size);
int vml_arm_early_alloc_aligned(struct arm_state *st, const char *name, uint64_t size,
				uint64_t align);
int vml_arm_mm_init_allocs(struct arm_state *st);
int vml_arm_alloc_usemaps(struct arm_state *st);
/* request_standard_resources.c, unflatten_device_tree.c, setup_command_line.c */
uint64_t vml_arm_smp_cache_bytes(const struct arm_state *st);
int vml_arm_request_standard_resources(struct arm_state *st);
int vml_arm_unflatten_device_tree(struct arm_state *st);
int vml_arm_setup_command_line(struct arm_state *st);
int vml_arm_paging_init_allocs(struct arm_state *st);
int vml_arm_alloc_mem_map(struct arm_state *st);
int vml_arm_free_unused_memmap(struct arm_state *st, uint64_t map_base, uint64_t first_pfn,
			       uint64_t page_struct_size);
void vml_arm_count_totals(struct arm_state *st);

#endif
