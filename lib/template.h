/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * A minimal text template: "@NAME@" is replaced by the variable's value.
 * A line that holds nothing but "@NAME@" disappears when the value is empty,
 * so optional settings leave no blank lines behind.
 */

#include <stddef.h>

struct template_var {
        const char *name;    /* without the '@' */
        const char *value;   /* may contain newlines; no trailing newline. NULL: a hole,
                                for template_render_holes() only */
};

/*
 * Renders tmpl. Returns 0 and a malloc'd string, -EINVAL when tmpl names a
 * variable that is not in vars or a value is NULL (a bug in the template or its
 * caller), -ENOMEM.
 */
int template_render(const char *tmpl, const struct template_var *vars, unsigned n_vars, char **ret);

/*
 * Renders tmpl once for many values of one variable: every variable whose value
 * is NULL becomes a hole, one NUL byte in the text (values must hold no NUL), which
 * template_fill() replaces. A line holding only a hole never vanishes. Returns 0,
 * the malloc'd text (NUL-terminated after size bytes) and its size, or as
 * template_render().
 */
int template_render_holes(const char *tmpl, const struct template_var *vars, unsigned n_vars, char **ret,
                          size_t *ret_size);

/* text with every hole replaced by value: one allocation, no stdio. Returns 0, the
 * malloc'd string and its length, or -ENOMEM. */
int template_fill(const char *text, size_t size, const char *value, char **ret, size_t *ret_len);
