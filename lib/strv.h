/* SPDX-License-Identifier: MIT */
#pragma once

/* NULL-terminated string vectors (char **), owned element by element. */

#include <stdbool.h>
#include <stddef.h>

size_t strv_length(char *const *l);
bool strv_contains(char *const *l, const char *s);
/* Appends a copy of s. Returns 0 or -ENOMEM (l unchanged on failure). */
int strv_extend(char ***l, const char *s);
/* Appends s itself, taking ownership on success only. */
int strv_push(char ***l, char *s);
/* Frees all elements and the vector; returns NULL. */
char **strv_free(char **l);
/* Deep copy; NULL on -ENOMEM. strv_copy(NULL) returns an empty vector. */
char **strv_copy(char *const *l);
/* Splits on any of the separator characters, dropping empty words. */
int strv_split(const char *s, const char *separators, char ***ret);
/* Sorts in place with strcmp order. */
void strv_sort(char **l);
