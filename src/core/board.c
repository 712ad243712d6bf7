/* SPDX-License-Identifier: MIT */
/*
 * DOC: board records and the arch-independent rules they must meet
 */
#include "vmlayout/board.h"

void vml_board_init(struct vml_board *board)
{
	vml_zero(board, sizeof(*board));
}

/* True when [base, base+size) passes 2^64 (an end of exactly 2^64 is fine). */
static bool range_wraps(uint64_t base, uint64_t size)
{
	return size != 0 && base + (size - 1) < base;
}

int vml_board_check(const struct vml_board *board, struct vml_diag *diag)
{
	for (unsigned int i = 0; i < board->n_memory; i++) {
		const struct vml_range64 *a = &board->memory[i];

		if (a->size == 0)
			return vml_fail(diag, VML_EINVAL, "a memory bank has size zero", a->base, 0,
					(int)i);
		if (range_wraps(a->base, a->size))
			return vml_fail(
			    diag, VML_ERANGE,
			    "a memory bank runs past the end of the 64-bit address space", a->base,
			    a->size, (int)i);
		for (unsigned int j = 0; j < i; j++) {
			const struct vml_range64 *b = &board->memory[j];
			uint64_t a_last = a->base + (a->size - 1), b_last = b->base + (b->size - 1);

			if (a->base <= b_last && b->base <= a_last)
				return vml_fail(diag, VML_EEXIST, "two memory banks overlap",
						a->base, a->size, (int)i);
		}
	}
	return VML_OK;
}
