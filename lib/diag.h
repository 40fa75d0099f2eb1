/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Diagnostics gathered by library code.
 *
 * Library functions never print. When they meet something worth telling
 * (a bad line in a unit file, an unknown key in the policy), they append a
 * struct diag to a caller-supplied list and carry on where that is safe.
 * The caller decides how and whether to print (the generator logs them,
 * the linter turns some of them into findings).
 *
 * Every function here accepts a NULL list: the diagnostic is then dropped.
 */

#include <stdarg.h>
#include <stddef.h>

enum diag_level {
        DIAG_DEBUG,
        DIAG_INFO,
        DIAG_WARNING,
        DIAG_ERROR,
};

struct diag {
        enum diag_level level;
        char *file;        /* may be NULL when not about a file */
        unsigned line;     /* 1-based; 0 = whole file / no line */
        const char *code;  /* static, stable, kebab-case id, e.g. "missing-equals" */
        char *message;     /* no trailing newline, never contains a secret */
};

struct diag_list {
        struct diag *items;
        size_t n, cap;
};

/* Appends a diagnostic. Out of memory is swallowed (the diagnostic is lost). */
void diag_add(struct diag_list *l, enum diag_level level, const char *file, unsigned line,
              const char *code, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void diag_addv(struct diag_list *l, enum diag_level level, const char *file, unsigned line,
               const char *code, const char *fmt, va_list ap) __attribute__((format(printf, 6, 0)));

/* Number of diagnostics at or above level. */
size_t diag_count(const struct diag_list *l, enum diag_level level);

/* Frees all items and leaves an empty, reusable list. */
void diag_list_clear(struct diag_list *l);

const char *diag_level_name(enum diag_level level); /* "debug" ... "error" */
