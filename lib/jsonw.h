/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * A small JSON writer for the reports: indented output, strings escaped per
 * RFC 8259 (control characters as \uXXXX, bytes that are not valid UTF-8 as
 * U+FFFD, so the output is always valid UTF-8 JSON). Write errors surface at
 * the caller's fflush()/fclose(), as for any stdio stream.
 */

#include <stdbool.h>
#include <stdio.h>

#define JSONW_MAX_DEPTH 16

struct jsonw {
        FILE *f;
        unsigned depth;
        unsigned n_items[JSONW_MAX_DEPTH];  /* values written at each level */
        bool after_key;
};

void jsonw_init(struct jsonw *w, FILE *f);
void jsonw_object_begin(struct jsonw *w);
void jsonw_object_end(struct jsonw *w);
void jsonw_array_begin(struct jsonw *w);
void jsonw_array_end(struct jsonw *w);
void jsonw_key(struct jsonw *w, const char *key);
void jsonw_string(struct jsonw *w, const char *s);          /* NULL: null */
void jsonw_uint(struct jsonw *w, unsigned long long v);
void jsonw_bool(struct jsonw *w, bool v);
void jsonw_null(struct jsonw *w);
/* Ends the document with a newline. */
void jsonw_finish(struct jsonw *w);

/* Shorthands for one member. */
void jsonw_member_string(struct jsonw *w, const char *key, const char *s);
void jsonw_member_uint(struct jsonw *w, const char *key, unsigned long long v);
