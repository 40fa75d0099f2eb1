/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * A minimal text template: "@NAME@" is replaced by the variable's value.
 * A line that holds nothing but "@NAME@" disappears when the value is empty,
 * so optional settings leave no blank lines behind.
 */

struct template_var {
        const char *name;    /* without the '@' */
        const char *value;   /* may contain newlines; no trailing newline */
};

/*
 * Renders tmpl. Returns 0 and a malloc'd string, -EINVAL when tmpl names a
 * variable that is not in vars (a bug in the template or its caller), -ENOMEM.
 */
int template_render(const char *tmpl, const struct template_var *vars, unsigned n_vars, char **ret);
