/* SPDX-License-Identifier: MIT */
/* See strv.h. */
#include <errno.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strv.h"

size_t strv_length(char *const *l) {
        size_t n = 0;

        while (l && l[n])
                n++;
        return n;
}

bool strv_contains(char *const *l, const char *s) {
        for (size_t i = 0; l && l[i]; i++)
                if (strcmp(l[i], s) == 0)
                        return true;
        return false;
}

/* The room for n + 2 pointers (n entries, the new one, the NULL). The vector may
 * come from anyone's malloc (libsystemd's too), so the allocator is asked what it
 * holds; growth is by doubling, which makes appends O(1) amortised. */
static int strv_reserve(char ***l, size_t n) {
        size_t want = n + 2, cap;
        char **m;

        if (*l && malloc_usable_size(*l) / sizeof(char *) >= want)
                return 0;
        if (n > SIZE_MAX / sizeof(char *) / 2 - 2)
                return -ENOMEM;
        for (cap = 8; cap < want; cap *= 2)
                ;
        m = realloc(*l, cap * sizeof(char *));
        if (!m)
                return -ENOMEM;
        *l = m;
        return 0;
}

int strv_push_with_size(char ***l, size_t *n, char *s) {
        if (strv_reserve(l, *n) < 0)
                return -ENOMEM;
        (*l)[*n] = s;
        (*l)[++*n] = NULL;
        return 0;
}

int strv_push(char ***l, char *s) {
        size_t n = strv_length(*l);

        return strv_push_with_size(l, &n, s);
}

int strv_extend_with_size(char ***l, size_t *n, const char *s) {
        char *c = strdup(s);

        if (!c)
                return -ENOMEM;
        if (strv_push_with_size(l, n, c) < 0) {
                free(c);
                return -ENOMEM;
        }
        return 0;
}

int strv_extend(char ***l, const char *s) {
        size_t n = strv_length(*l);

        return strv_extend_with_size(l, &n, s);
}

int strv_extend_unique(char ***l, const char *s) {
        return strv_contains(*l, s) ? 0 : strv_extend(l, s);
}

int strv_extendf(char ***l, const char *fmt, ...) {
        va_list ap;
        char *s;
        int n;

        va_start(ap, fmt);
        n = vasprintf(&s, fmt, ap);
        va_end(ap);
        if (n < 0)
                return -ENOMEM;
        if (strv_push(l, s) < 0) {
                free(s);
                return -ENOMEM;
        }
        return 0;
}

char **strv_free(char **l) {
        for (size_t i = 0; l && l[i]; i++)
                free(l[i]);
        free(l);
        return NULL;
}

char **strv_copy(char *const *l) {
        char **c = calloc(1, sizeof(char *));
        size_t n = 0;

        for (size_t i = 0; c && l && l[i]; i++)
                if (strv_extend_with_size(&c, &n, l[i]) < 0)
                        c = strv_free(c);
        return c;
}

int strv_split(const char *s, const char *separators, char ***ret) {
        char **l = calloc(1, sizeof(char *));
        size_t n = 0;

        if (!l)
                return -ENOMEM;
        while (*s) {
                size_t skip = strspn(s, separators), len;
                s += skip;
                len = strcspn(s, separators);
                if (len == 0)
                        break;
                char *w = strndup(s, len);
                if (!w || strv_push_with_size(&l, &n, w) < 0) {
                        free(w);
                        strv_free(l);
                        return -ENOMEM;
                }
                s += len;
        }
        *ret = l;
        return 0;
}

static int cmp_str(const void *a, const void *b) {
        return strcmp(*(char *const *) a, *(char *const *) b);
}

void strv_sort(char **l) {
        /* qsort()'s base must not be NULL, even for no elements. */
        if (l)
                qsort(l, strv_length(l), sizeof(char *), cmp_str);
}

void strv_sort_uniq(char **l) {
        size_t j = 0;

        if (!l)
                return;
        strv_sort(l);
        for (size_t i = 0; l[i]; i++) {
                if (j > 0 && strcmp(l[j - 1], l[i]) == 0)
                        free(l[i]);
                else
                        l[j++] = l[i];
        }
        l[j] = NULL;
}
