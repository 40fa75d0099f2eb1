/* SPDX-License-Identifier: MIT */
/* See template.h. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "template.h"

static const struct template_var *find_var(const struct template_var *vars, unsigned n,
                                           const char *name, size_t len) {
        for (unsigned i = 0; i < n; i++)
                if (strlen(vars[i].name) == len && strncmp(vars[i].name, name, len) == 0)
                        return &vars[i];
        return NULL;
}

/* Renders one line (without its newline) into f. */
static int render_line(FILE *f, const char *line, size_t len, const struct template_var *vars,
                       unsigned n_vars) {
        const char *end = line + len;

        /* A line that is a single empty variable vanishes, newline included. */
        if (len > 2 && line[0] == '@' && line[len - 1] == '@' && !memchr(line + 1, '@', len - 2)) {
                const struct template_var *v = find_var(vars, n_vars, line + 1, len - 2);
                if (!v)
                        return -EINVAL;
                if (v->value && v->value[0] == 0)
                        return 0;
        }
        for (const char *p = line; p < end;) {
                const char *at = memchr(p, '@', (size_t) (end - p));
                const char *close = at ? memchr(at + 1, '@', (size_t) (end - at - 1)) : NULL;
                if (!close) {
                        fwrite(p, 1, (size_t) (end - p), f);
                        break;
                }
                const struct template_var *v = find_var(vars, n_vars, at + 1, (size_t) (close - at - 1));
                if (!v)
                        return -EINVAL;
                fwrite(p, 1, (size_t) (at - p), f);
                if (v->value)
                        fputs(v->value, f);
                else
                        fputc(0, f);  /* a hole, for template_fill() */
                p = close + 1;
        }
        fputc('\n', f);
        return 0;
}

int template_render_holes(const char *tmpl, const struct template_var *vars, unsigned n_vars, char **ret,
                          size_t *ret_size) {
        char *buf = NULL;
        size_t size = 0;
        FILE *f = open_memstream(&buf, &size);
        int r = 0;

        if (!f)
                return -ENOMEM;
        for (const char *p = tmpl; *p && r == 0;) {
                size_t len = strcspn(p, "\n");
                r = render_line(f, p, len, vars, n_vars);
                p += len + (p[len] == '\n');
        }
        if (fclose(f) != 0 && r == 0)
                r = -ENOMEM;
        if (r < 0) {
                free(buf);
                return r;
        }
        *ret = buf;
        *ret_size = size;
        return 0;
}

int template_render(const char *tmpl, const struct template_var *vars, unsigned n_vars, char **ret) {
        size_t size;

        for (unsigned i = 0; i < n_vars; i++)
                if (!vars[i].value)
                        return -EINVAL;
        return template_render_holes(tmpl, vars, n_vars, ret, &size);
}

int template_fill(const char *text, size_t size, const char *value, char **ret, size_t *ret_len) {
        size_t holes = 0, vlen = strlen(value), len;
        char *out, *o;

        for (const char *p = text; (p = memchr(p, 0, size - (size_t) (p - text))); p++)
                holes++;
        if (holes > 0 && vlen > (SIZE_MAX - size) / holes)
                return -ENOMEM;
        len = size - holes + holes * vlen;
        out = o = malloc(len + 1);
        if (!out)
                return -ENOMEM;
        for (const char *p = text, *end = text + size; p < end;) {
                const char *hole = memchr(p, 0, (size_t) (end - p));
                size_t n = (size_t) ((hole ? hole : end) - p);
                memcpy(o, p, n);
                o += n;
                if (!hole)
                        break;
                memcpy(o, value, vlen);
                o += vlen;
                p = hole + 1;
        }
        *o = 0;
        *ret = out;
        *ret_len = len;
        return 0;
}
