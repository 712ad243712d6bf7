/* SPDX-License-Identifier: MIT */
/*
 * DOC: the kernel's memparse(), for the early parameters read as it reads them
 */
#ifndef VMLAYOUT_KERNEL_MEMPARSE_H
#define VMLAYOUT_KERNEL_MEMPARSE_H

#include "env.h"

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
