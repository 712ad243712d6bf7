/* SPDX-License-Identifier: MIT */
/* The closest valid name to a misspelt one (see suggest.h). */
#include <ctype.h>
#include <string.h>

#include "host/suggest.h"

#define SUGGEST_MAX_LEN 64

static size_t min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;

	return m < c ? m : c;
}

/* Optimal string alignment distance, case-insensitive; words longer than
 * SUGGEST_MAX_LEN are never close. */
static size_t osa_distance(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);
	size_t d[SUGGEST_MAX_LEN + 1][SUGGEST_MAX_LEN + 1];

	if (n > SUGGEST_MAX_LEN || m > SUGGEST_MAX_LEN)
		return (size_t)-1;
	for (size_t i = 0; i <= n; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= m; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= n; i++) {
		for (size_t j = 1; j <= m; j++) {
			int ca = toupper((unsigned char)a[i - 1]),
			    cb = toupper((unsigned char)b[j - 1]);
			size_t cost = ca != cb;

			d[i][j] = min3(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
			if (i > 1 && j > 1 && ca == toupper((unsigned char)b[j - 2]) &&
			    toupper((unsigned char)a[i - 2]) == cb && d[i - 2][j - 2] + 1 < d[i][j])
				d[i][j] = d[i - 2][j - 2] + 1;
		}
	}
	return d[n][m];
}

const char *vml_suggest(const char *word, const char *const *candidates, size_t n)
{
	size_t len = strlen(word), limit = len / 3, best = (size_t)-1;
	const char *pick = NULL;

	if (limit < 1)
		limit = 1;
	if (limit > 3)
		limit = 3;
	for (size_t i = 0; i < n; i++) {
		size_t dist = osa_distance(word, candidates[i]);

		if (dist < best) {
			best = dist;
			pick = candidates[i];
		}
	}
	return best <= limit ? pick : NULL;
}
