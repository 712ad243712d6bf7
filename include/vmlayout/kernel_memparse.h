/* SPDX-License-Identifier: MIT */
/*
 * DOC: the kernel's memparse(), for the early parameters read as it reads them
 */
#ifndef VMLAYOUT_KERNEL_MEMPARSE_H
#define VMLAYOUT_KERNEL_MEMPARSE_H

#include "env.h"

/* A digit's value in any base up to 16 ('0'-'9', 'a'-'f', 'A'-'F'); 99 for
 * anything else (the kernel's parsers stop at a digit >= their base). */
static inline unsigned int vml_kernel_digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return (unsigned int)(c - '0');
	if (c >= 'a' && c <= 'f')
		return (unsigned int)(c - 'a' + 10);
	if (c >= 'A' && c <= 'F')
		return (unsigned int)(c - 'A' + 10);
	return 99;
}

/**
 * vml_kernel_strtoull() - simple_strtoull(s, &end, 0) (lib/vsprintf.c v6.1):
 * "0x" and a hex digit is hex, another leading 0 octal, else decimal;
 * digits while valid, wrapping past 2^64; @end = @s when no digit was read
 * (the value is then 0)
 */
uint64_t vml_kernel_strtoull(const char *s, const char **end);

/**
 * vml_kernel_kstrtoull() - kstrtoull(s, 0, v) (lib/kstrtox.c v6.1, v6.12):
 * an optional '+', then "0x" and hex, "0" and octal, or decimal; every
 * character a digit (one trailing newline aside), no overflow
 *
 * Return: true and @v set, or false and @v untouched
 */
bool vml_kernel_kstrtoull(const char *s, uint64_t *v);

/**
 * vml_kernel_memparse() - memparse() (lib/cmdline.c v6.1): simple_strtoull()
 * base 0, then one K/M/G/T/P/E suffix (either case), wrapping silently past
 * 2^64 as the kernel does
 * @s: the text
 * @end: the first character not read; @s when no digit was read (the value
 *       is then 0)
 */
uint64_t vml_kernel_memparse(const char *s, const char **end);

#endif
