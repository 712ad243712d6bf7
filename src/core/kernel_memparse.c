/* SPDX-License-Identifier: MIT */
/*
 * DOC: the kernel's memparse() as its parsers see it
 *
 * lib/cmdline.c memparse() on simple_strtoull(s, &end, 0) (lib/vsprintf.c,
 * _parse_integer_fixup_radix() in lib/kstrtox.c), v6.1 and v6.12: "0x" and a
 * hex digit is hex, another leading 0 octal; digits while valid; one
 * K/M/G/T/P/E suffix, taken even with no digit before it ("M" reads 0
 * with the letter consumed: memparse() switches on wherever
 * simple_strtoull() stopped); no digit and no suffix reads 0 with end = s;
 * past 2^64 it wraps.
 * For the kernel's own readers of early parameters (crashkernel=, cma=),
 * which act on whatever memparse() gives; the CLI's sizes use the strict
 * vml_memparse() (host_input.h).
 */
#include "vmlayout/kernel_memparse.h"

static bool is_xdigit(char c)
{
	return vml_kernel_digit_value(c) < 16;
}

uint64_t vml_kernel_strtoull(const char *s, const char **end)
{
	const char *p = s;
	unsigned int radix = 10;
	uint64_t v = 0;
	const char *first;

	/* _parse_integer_fixup_radix(): "0x" + a hex digit is hex, "0" octal */
	if (p[0] == '0') {
		radix = 8;
		if ((p[1] == 'x' || p[1] == 'X') && is_xdigit(p[2])) {
			radix = 16;
			p += 2;
		}
	}
	first = p;
	for (; vml_kernel_digit_value(*p) < radix; p++)
		v = v * radix + (uint64_t)vml_kernel_digit_value(*p);
	/* no digit: the end stays at the start (a hex prefix always has one) */
	*end = p == first ? s : p;
	return v;
}

uint64_t vml_kernel_memparse(const char *s, const char **end)
{
	const char *p;
	uint64_t v = vml_kernel_strtoull(s, &p);

	/* memparse() takes a suffix even after no digit: one of K, M, G, T,
	 * P, E (either case), 10 bits each */
	for (unsigned int i = 0; i < 6; i++)
		if (*p == "KMGTPE"[i] || *p == "kmgtpe"[i]) {
			v <<= 10 * (i + 1);
			p++;
			break;
		}
	*end = p;
	return v;
}

bool vml_kernel_kstrtoull(const char *s, uint64_t *v)
{
	unsigned int base = 10;
	uint64_t n = 0;
	const char *start;

	if (*s == '+')
		s++;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && is_xdigit(s[2])) {
		base = 16;
		s += 2;
	} else if (s[0] == '0') {
		base = 8;
	}
	for (start = s; vml_kernel_digit_value(*s) < base; s++) {
		const uint64_t d = vml_kernel_digit_value(*s);

		if (n > (~0ULL - d) / base)
			return false;
		n = n * base + d;
	}
	if (s == start)
		return false;
	if (*s == '\n')
		s++;
	if (*s)
		return false;
	*v = n;
	return true;
}
