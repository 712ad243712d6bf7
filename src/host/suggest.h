/* SPDX-License-Identifier: MIT */
/*
 * DOC: "did you mean ...?" for a misspelt name or value
 *
 * The closest candidate by optimal-string-alignment distance (insertions,
 * deletions, substitutions and swaps of two neighbours, case-insensitive),
 * offered only when it is close: at most a third of the word's length
 * (and at least 1, at most 3) edits away.
 */
#ifndef VMLAYOUT_HOST_SUGGEST_H
#define VMLAYOUT_HOST_SUGGEST_H

#include <stddef.h>

/* The closest of @candidates (@n of them) to @word, or NULL. */
const char *vml_suggest(const char *word, const char *const *candidates, size_t n);

#endif
