/* SPDX-License-Identifier: MIT */
/*
 * DOC: the one-sentence error of the host input layer
 */
#include <stdarg.h>
#include <stdio.h>

#include "vmlayout/host_input.h"

int vml_host_error_set(struct vml_host_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return code;
}
