/* SPDX-License-Identifier: MIT */
/*
 * DOC: sizes as the kernel reads them, and the SIZE@BASE flags
 *
 * vml_memparse() follows memparse() of lib/cmdline.c (v6.1) on top of
 * simple_strtoull(s, &end, 0) (lib/vsprintf.c, _parse_integer_fixup_radix
 * in lib/kstrtox.c): the radix comes from the prefix, digits are taken while
 * they are valid in that radix, then one K/M/G/T/P/E suffix shifts. The one
 * departure: where the kernel wraps silently past 2^64, we fail.
 */
#include <ctype.h>
#include <string.h>

#include "vmlayout/host_input.h"

/* _parse_integer_fixup_radix(), base 0: "0x" + hex digit → 16, other "0" → 8. */
static unsigned int memparse_radix(const char **s)
{
	const char *p = *s;

	if (p[0] != '0')
		return 10;
	if (tolower((unsigned char)p[1]) == 'x' && isxdigit((unsigned char)p[2])) {
		*s = p + 2;
		return 16;
	}
	return 8;
}

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return 99;
}

/* The shift of a memparse suffix letter, or -1 when @c is none. */
static int suffix_shift(char c)
{
	static const char letters[] = "kmgtpe";
	const char *hit;

	if (c == '\0')
		return -1;
	hit = strchr(letters, tolower((unsigned char)c));
	return hit ? 10 * (int)(hit - letters + 1) : -1;
}

int vml_memparse(const char *s, uint64_t *value, const char **end)
{
	const char *p = s;
	unsigned int radix = memparse_radix(&p);
	uint64_t v = 0;
	const char *first = p;
	int shift;

	for (; digit_value(*p) < (int)radix; p++) {
		unsigned int d = (unsigned int)digit_value(*p);

		if (v > (UINT64_MAX - d) / radix)
			return VML_ERANGE;
		v = v * radix + d;
	}
	if (p == first)
		return VML_EINVAL;
	shift = suffix_shift(*p);
	if (shift > 0) {
		if (v > (UINT64_MAX >> shift))
			return VML_ERANGE;
		v <<= shift;
		p++;
	}
	*value = v;
	if (end)
		*end = p;
	return VML_OK;
}

/* One number of a flag value, with the sentence on failure. */
static int parse_flag_number(const char *flag, const char *arg, const char *what, const char *s,
			     uint64_t *v, const char **end, struct vml_host_error *err)
{
	int rc = vml_memparse(s, v, end);

	if (rc == VML_ERANGE)
		return vml_host_error_set(err, rc, "%s %s: the %s does not fit in 64 bits", flag,
					  arg, what);
	if (rc)
		return vml_host_error_set(err, rc,
					  "%s %s: the %s \"%s\" is not a number (want e.g. 512M, "
					  "0x80000000, 4096)",
					  flag, arg, what, s);
	return VML_OK;
}

int vml_parse_size_at_base(const char *flag, const char *arg, uint64_t *size, uint64_t *base,
			   struct vml_host_error *err)
{
	uint64_t sz, b;
	const char *p;
	int rc;

	if (!arg || !*arg || *arg == '@')
		return vml_host_error_set(err, VML_EINVAL, "%s %s: no size given (want SIZE@BASE)",
					  flag, arg ? arg : "");
	rc = parse_flag_number(flag, arg, "size", arg, &sz, &p, err);
	if (rc)
		return rc;
	if (*p == '\0')
		return vml_host_error_set(err, VML_EINVAL, "%s %s: no @BASE given (want SIZE@BASE)",
					  flag, arg);
	if (*p != '@')
		return vml_host_error_set(
		    err, VML_EINVAL, "%s %s: unexpected \"%s\" after the size (want SIZE@BASE)",
		    flag, arg, p);
	if (sz == 0)
		return vml_host_error_set(err, VML_EINVAL, "%s %s: the size is zero", flag, arg);
	rc = parse_flag_number(flag, arg, "base", p + 1, &b, &p, err);
	if (rc)
		return rc;
	if (*p)
		return vml_host_error_set(err, VML_EINVAL,
					  "%s %s: unexpected \"%s\" after the base", flag, arg, p);
	if (b + (sz - 1) < b)
		return vml_host_error_set(err, VML_ERANGE,
					  "%s %s: the range runs past the end of the 64-bit "
					  "address space",
					  flag, arg);
	*size = sz;
	*base = b;
	return VML_OK;
}
