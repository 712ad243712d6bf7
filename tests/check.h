/* SPDX-License-Identifier: MIT */
/*
 * The test harness: one test program per source idea, each a list of test
 * functions. CHECK_* record a failure (with file, line and both values) and
 * go on; RUN_TEST prints "ok <name>" or "FAIL <name>" per test function; the
 * program ends with "<prog>: N passed, N failed" and exits 1 on any failure.
 * tests/run.sh adds the counts of all programs up.
 */
#ifndef VMLAYOUT_TEST_CHECK_H
#define VMLAYOUT_TEST_CHECK_H

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static int check_failures_in_test;
static int check_passed, check_failed;

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "  %s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); \
			check_failures_in_test++;                                                  \
		}                                                                                  \
	} while (0)

#define CHECK_EQ_U64(got, want)                                                                    \
	do {                                                                                       \
		uint64_t got_ = (uint64_t)(got), want_ = (uint64_t)(want);                         \
		if (got_ != want_) {                                                               \
			fprintf(stderr, "  %s:%d: %s == 0x%" PRIx64 ", want 0x%" PRIx64 " (%s)\n", \
				__FILE__, __LINE__, #got, got_, want_, #want);                     \
			check_failures_in_test++;                                                  \
		}                                                                                  \
	} while (0)

#define CHECK_EQ_INT(got, want)                                                                    \
	do {                                                                                       \
		long long got_ = (long long)(got), want_ = (long long)(want);                      \
		if (got_ != want_) {                                                               \
			fprintf(stderr, "  %s:%d: %s == %lld, want %lld\n", __FILE__, __LINE__,   \
				#got, got_, want_);                                                \
			check_failures_in_test++;                                                  \
		}                                                                                  \
	} while (0)

#define CHECK_EQ_STR(got, want)                                                                    \
	do {                                                                                       \
		const char *got_ = (got), *want_ = (want);                                         \
		if (!got_ || strcmp(got_, want_) != 0) {                                           \
			fprintf(stderr, "  %s:%d: %s ==\n\"%s\"\n  want\n\"%s\"\n", __FILE__,    \
				__LINE__, #got, got_ ? got_ : "(null)", want_);                    \
			check_failures_in_test++;                                                  \
		}                                                                                  \
	} while (0)

#define RUN_TEST(fn)                                                                               \
	do {                                                                                       \
		check_failures_in_test = 0;                                                        \
		fn();                                                                              \
		if (check_failures_in_test) {                                                      \
			printf("FAIL %s\n", #fn);                                                  \
			check_failed++;                                                            \
		} else {                                                                           \
			printf("ok %s\n", #fn);                                                    \
			check_passed++;                                                            \
		}                                                                                  \
	} while (0)

#define CHECK_DONE(prog)                                                                           \
	(printf("%s: %d passed, %d failed\n", (prog), check_passed, check_failed),                \
	 check_failed ? 1 : 0)

#endif
