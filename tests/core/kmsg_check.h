/* SPDX-License-Identifier: MIT */
/* The layout's kernel message @i as text (vml_report_kmsg_text()), checked
 * against @want, which leaves out the message's trailing newline. */
#ifndef TESTS_KMSG_CHECK_H
#define TESTS_KMSG_CHECK_H

#include <string.h>

#include "check.h"
#include "vmlayout/report.h"

static inline void check_kmsg(const struct vml_layout *layout, unsigned int i, const char *want)
{
	char text[512];
	size_t n;

	CHECK(i < layout->n_kmsgs);
	if (i >= layout->n_kmsgs)
		return;
	vml_report_kmsg_text(text, sizeof(text), &layout->kmsgs[i]);
	n = strlen(text);
	if (n && text[n - 1] == '\n')
		text[n - 1] = 0;
	CHECK_EQ_STR(text, want);
}

#endif
