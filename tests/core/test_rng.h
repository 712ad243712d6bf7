/* SPDX-License-Identifier: MIT */
/*
 * The property tests' random numbers: xorshift64* (Marsaglia's xorshift
 * with Vigna's multiplier), seeded by each test through rng_state so that a
 * failing seed can be replayed.
 */
#ifndef VMLAYOUT_TEST_RNG_H
#define VMLAYOUT_TEST_RNG_H

#include <stdint.h>

static uint64_t rng_state;

static inline uint64_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545F4914F6CDD1DULL;
}

#endif
