/* SPDX-License-Identifier: MIT */
/* See diag.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

void diag_addv(struct diag_list *l, enum diag_level level, const char *file, unsigned line,
               const char *code, const char *fmt, va_list ap) {
        struct diag d = { .level = level, .line = line, .code = code };

        if (!l)
                return;
        if (l->n == l->cap) {
                size_t cap = l->cap ? l->cap * 2 : 8;
                struct diag *items = realloc(l->items, cap * sizeof(*items));
                if (!items)
                        return;
                l->items = items;
                l->cap = cap;
        }
        if (vasprintf(&d.message, fmt, ap) < 0)
                return;
        if (file && !(d.file = strdup(file))) {
                free(d.message);
                return;
        }
        l->items[l->n++] = d;
}

void diag_add(struct diag_list *l, enum diag_level level, const char *file, unsigned line,
              const char *code, const char *fmt, ...) {
        va_list ap;

        va_start(ap, fmt);
        diag_addv(l, level, file, line, code, fmt, ap);
        va_end(ap);
}

size_t diag_count(const struct diag_list *l, enum diag_level level) {
        size_t n = 0;

        for (size_t i = 0; l && i < l->n; i++)
                if (l->items[i].level >= level)
                        n++;
        return n;
}

void diag_list_clear(struct diag_list *l) {
        if (!l)
                return;
        for (size_t i = 0; i < l->n; i++) {
                free(l->items[i].file);
                free(l->items[i].message);
        }
        free(l->items);
        *l = (struct diag_list) {};
}

const char *diag_level_name(enum diag_level level) {
        static const char *const names[] = {
                [DIAG_DEBUG] = "debug", [DIAG_INFO] = "info",
                [DIAG_WARNING] = "warning", [DIAG_ERROR] = "error",
        };
        return (unsigned) level < sizeof(names) / sizeof(names[0]) ? names[level] : "?";
}
