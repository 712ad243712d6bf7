/* SPDX-License-Identifier: MIT */
/*
 * DOC: the one environment header of the freestanding core
 *
 * Everything the core (src/core, src/arch) assumes about its environment is
 * here, in the spirit of libfdt_env.h: fixed-width integers, size_t, bool and
 * NULL from the compiler's freestanding headers, and nothing from libc.
 * A bootloader or hypervisor that links the core provides nothing else.
 */
#ifndef VMLAYOUT_ENV_H
#define VMLAYOUT_ENV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Address types. Physical and virtual addresses are 64-bit everywhere, also
 * for 32-bit ARM: the arch code applies its own width. */
typedef uint64_t vml_phys_t;
typedef uint64_t vml_virt_t;

#define VML_SZ_1K 0x400ULL
#define VML_SZ_4K 0x1000ULL
#define VML_SZ_64K 0x10000ULL
#define VML_SZ_1M 0x100000ULL
#define VML_SZ_2M 0x200000ULL
#define VML_SZ_8M 0x800000ULL
#define VML_SZ_16M 0x1000000ULL
#define VML_SZ_1G 0x40000000ULL
#define VML_SZ_4G 0x100000000ULL

#define VML_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Alignment helpers; align must be a power of two. */
static inline uint64_t vml_align_down(uint64_t x, uint64_t align)
{
	return x & ~(align - 1);
}

static inline uint64_t vml_align_up(uint64_t x, uint64_t align)
{
	return (x + align - 1) & ~(align - 1);
}

static inline bool vml_is_aligned(uint64_t x, uint64_t align)
{
	return (x & (align - 1)) == 0;
}

static inline uint64_t vml_min(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

static inline uint64_t vml_max(uint64_t a, uint64_t b)
{
	return a > b ? a : b;
}

/* The one string comparison of the core (it may not call strcmp). */
static inline bool vml_str_eq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

/* A 64-bit word that may alias any object (vml_zero()'s stores). */
typedef uint64_t __attribute__((may_alias)) vml_alias_u64;

/* Freestanding byte helpers (the core may not call memset/memcpy). The
 * stores are volatile so that gcc does not turn the loop into a memset()
 * call; aligned 8-byte words between the byte-wise edges (a struct
 * vml_layout is 28 KB, zeroed for every layout). */
static inline void vml_zero(void *p, size_t n)
{
	unsigned char *b = p;

	for (; n && ((uintptr_t)b & 7); n--)
		*(volatile unsigned char *)b++ = 0;
	for (; n >= 8; n -= 8, b += 8)
		*(volatile vml_alias_u64 *)(void *)b = 0;
	while (n--)
		*(volatile unsigned char *)b++ = 0;
}

static inline void vml_copy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	while (n--)
		*d++ = *s++;
}

#endif
