/* SPDX-License-Identifier: MIT */
/*
 * DOC: error codes and the diagnostic record
 *
 * Every core function that can fail returns 0 or a negative VML_E* code and,
 * when the caller passes a record, fills it: which rule was broken (a short
 * static sentence), and the address, size or index at fault. The host layer
 * turns the record into one line naming the user's input. The core never
 * prints. A failed call leaves every structure exactly as it was.
 */
#ifndef VMLAYOUT_ERROR_H
#define VMLAYOUT_ERROR_H

#include "env.h"

enum vml_error {
	VML_OK = 0,
	VML_EINVAL = -1,  /* an argument breaks a rule (alignment, order, range) */
	VML_ERANGE = -2,  /* an address or size outside what the format/arch allows */
	VML_ENOMEM = -3,  /* caller-supplied storage or allocator exhausted */
	VML_EPERM = -4,	  /* the operation is refused (would replace a live mapping) */
	VML_EEXIST = -5,  /* overlaps something that must not be overlapped */
	VML_ENOENT = -6,  /* nothing there (walk fault, unknown name) */
	VML_ENOTSUP = -7, /* valid request that this profile/format cannot express */
};

struct vml_diag {
	int code;	  /* the VML_E* value returned */
	const char *rule; /* static text: the rule broken, e.g. "region array is full" */
	uint64_t addr;	  /* address at fault, if any */
	uint64_t size;	  /* size at fault, if any */
	int index;	  /* index at fault (bank, region, level), or -1 */
};

/* Fill @diag (if not NULL) and return @code, for one-line error returns. */
static inline int vml_fail(struct vml_diag *diag, int code, const char *rule, uint64_t addr,
			   uint64_t size, int index)
{
	if (diag) {
		diag->code = code;
		diag->rule = rule;
		diag->addr = addr;
		diag->size = size;
		diag->index = index;
	}
	return code;
}

#endif
