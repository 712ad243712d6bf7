/* SPDX-License-Identifier: MIT */
/* Clock, min and median, and the memset baseline. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"

double bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

void bench_min_median(double *v, unsigned int n, double *min, double *median)
{
	qsort(v, n, sizeof(*v), cmp_double);
	*min = v[0];
	*median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double bench_memset_ns(unsigned char *buf, uint64_t bytes, int value)
{
	double t0 = bench_now_ns();

	memset(buf, value, bytes);
	__asm__ volatile("" : : "r"(buf) : "memory");
	return bench_now_ns() - t0;
}
