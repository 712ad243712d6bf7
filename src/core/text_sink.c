/* SPDX-License-Identifier: MIT */
/*
 * DOC: formatting into a text sink (include/vmlayout/text_sink.h)
 *
 * Each helper builds its digits in a small buffer, least significant
 * first, and hands the whole field to the sink in one write.
 */
#include "vmlayout/text_sink.h"

void vml_sink_str(const struct vml_text_sink *out, const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	if (n)
		out->write(out->arg, s, n);
}

void vml_sink_char(const struct vml_text_sink *out, char c)
{
	out->write(out->arg, &c, 1);
}

/* @value in @base into the end of @buf (size 21), padded with @pad to at
 * least @width characters; returns the first character. */
static char *format_digits(char buf[21], uint64_t value, unsigned int base, unsigned int width,
			   char pad)
{
	static const char digits[] = "0123456789abcdef";
	char *p = buf + 20;

	if (width > 20)
		width = 20;
	do {
		*--p = digits[value % base];
		value /= base;
	} while (value);
	while (p > buf + 20 - width)
		*--p = pad;
	return p;
}

void vml_sink_hex(const struct vml_text_sink *out, uint64_t value, unsigned int digits)
{
	char buf[21];
	char *p = format_digits(buf, value, 16, digits, '0');

	out->write(out->arg, p, (size_t)(buf + 20 - p));
}

void vml_sink_udec(const struct vml_text_sink *out, uint64_t value, unsigned int width)
{
	char buf[21];
	char *p = format_digits(buf, value, 10, width, ' ');

	out->write(out->arg, p, (size_t)(buf + 20 - p));
}
