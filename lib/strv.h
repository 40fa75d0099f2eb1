/* SPDX-License-Identifier: MIT */
#pragma once

/* NULL-terminated string vectors (char **), owned element by element. */

#include <stdbool.h>
#include <stddef.h>

size_t strv_length(char *const *l);
bool strv_contains(char *const *l, const char *s);
/* Appends a copy of s. Returns 0 or -ENOMEM (l unchanged on failure). */
int strv_extend(char ***l, const char *s);
/* Appends a copy of s unless l holds it already (strcmp, O(n)). Returns 0 or
 * -ENOMEM (l unchanged on failure). For long lists, append all and strv_sort_uniq(). */
int strv_extend_unique(char ***l, const char *s);
/* Appends the text that printf(fmt, ...) would print. Returns 0 or -ENOMEM. */
int strv_extendf(char ***l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends s itself, taking ownership on success only. */
int strv_push(char ***l, char *s);
/*
 * The same with the length known: *n is strv_length(*l) on entry and is kept up
 * to date (systemd's strv_push_with_size()). The vector grows by doubling, so a
 * loop of appends costs O(1) each; strv_push()/strv_extend() count the list
 * first, O(n) each. Use these in loops over many entries.
 */
int strv_push_with_size(char ***l, size_t *n, char *s);
int strv_extend_with_size(char ***l, size_t *n, const char *s);
/* Frees all elements and the vector; returns NULL. */
char **strv_free(char **l);
/* Deep copy; NULL on -ENOMEM. strv_copy(NULL) returns an empty vector. */
char **strv_copy(char *const *l);
/* Splits on any of the separator characters, dropping empty words. */
int strv_split(const char *s, const char *separators, char ***ret);
/* Sorts in place with strcmp order. */
void strv_sort(char **l);
/* Sorts in place and drops the repeats (freed): one sort instead of a search per
 * entry. l may be NULL. */
void strv_sort_uniq(char **l);
