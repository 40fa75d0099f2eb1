/* SPDX-License-Identifier: MIT */
/* See finding.h. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "finding.h"
#include "rules.h"

const char *severity_name(enum severity s) {
        static const char *const names[] = {
                [SEVERITY_INFO] = "info", [SEVERITY_WARNING] = "warning", [SEVERITY_ERROR] = "error",
        };
        return (unsigned) s < _SEVERITY_MAX ? names[s] : "?";
}

int severity_from_string(const char *s) {
        for (int i = 0; i < _SEVERITY_MAX; i++)
                if (strcmp(s, severity_name(i)) == 0)
                        return i;
        return -EINVAL;
}

static int findings_grow(struct findings *f) {
        if (f->n < f->cap)
                return 0;
        size_t cap = f->cap ? f->cap * 2 : 16;
        struct finding *items = realloc(f->items, cap * sizeof(*items));
        if (!items)
                return -ENOMEM;
        f->items = items;
        f->cap = cap;
        return 0;
}

void finding_add(struct findings *f, const char *file, unsigned line, unsigned column,
                 const char *fmt, ...) {
        struct finding x = {
                .rule = f->rule,
                .severity = f->rule ? f->rule->default_severity : SEVERITY_ERROR,
                .line = line,
                .column = line > 0 ? (column ? column : 1) : 0,
        };
        va_list ap;
        int r;

        if (findings_grow(f) < 0)
                return;
        va_start(ap, fmt);
        r = vasprintf(&x.message, fmt, ap);
        va_end(ap);
        if (r < 0)
                return;
        if ((file && !(x.file = strdup(file))) || (f->unit && !(x.unit = strdup(f->unit))) ||
            (f->profile && !(x.profile = strdup(f->profile)))) {
                free(x.file);
                free(x.unit);
                free(x.message);
                return;
        }
        f->items[f->n++] = x;
}

void finding_brief(struct findings *f, const char *fmt, ...) {
        struct finding *x = f->n ? &f->items[f->n - 1] : NULL;
        va_list ap;

        if (!x || x->brief)
                return;
        va_start(ap, fmt);
        if (vasprintf(&x->brief, fmt, ap) < 0)
                x->brief = NULL;
        va_end(ap);
}

static void finding_done(struct finding *x) {
        free(x->profile);
        free(x->brief);
        free(x->unit);
        free(x->file);
        free(x->message);
}

void findings_remove(struct findings *f, size_t i) {
        finding_done(&f->items[i]);
        memmove(&f->items[i], &f->items[i + 1], (f->n - i - 1) * sizeof(f->items[0]));
        f->n--;
}

void findings_filter(struct findings *f,
                     bool (*drop)(const struct finding *kept, struct finding *x, void *userdata),
                     void *userdata) {
        size_t w = 0;

        for (size_t i = 0; i < f->n; i++) {
                if (drop(w > 0 ? &f->items[w - 1] : NULL, &f->items[i], userdata)) {
                        finding_done(&f->items[i]);
                        continue;
                }
                if (w != i)
                        f->items[w] = f->items[i];
                w++;
        }
        f->n = w;
}

static int cmp_uint(unsigned a, unsigned b) {
        return a < b ? -1 : a > b;
}

static int finding_cmp(const void *pa, const void *pb) {
        const struct finding *a = pa, *b = pb;
        int c;

        if (!a->file != !b->file)
                return a->file ? -1 : 1;
        if (a->file && (c = strcmp(a->file, b->file)) != 0)
                return c;
        if ((c = cmp_uint(a->line, b->line)) != 0 || (c = cmp_uint(a->column, b->column)) != 0)
                return c;
        if ((c = strcmp(a->rule ? a->rule->id : "", b->rule ? b->rule->id : "")) != 0)
                return c;
        if ((c = strcmp(a->unit ? a->unit : "", b->unit ? b->unit : "")) != 0)
                return c;
        return strcmp(a->message, b->message);
}

void findings_sort(struct findings *f) {
        if (f->n > 1)
                qsort(f->items, f->n, sizeof(f->items[0]), finding_cmp);
}

size_t findings_count(const struct findings *f, enum severity min) {
        size_t n = 0;

        for (size_t i = 0; i < f->n; i++)
                if (f->items[i].severity >= min)
                        n++;
        return n;
}

void findings_clear(struct findings *f) {
        for (size_t i = 0; i < f->n; i++)
                finding_done(&f->items[i]);
        free(f->items);
        *f = (struct findings) {};
}
