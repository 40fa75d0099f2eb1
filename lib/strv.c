/* SPDX-License-Identifier: MIT */
/* See strv.h. */
#include <errno.h>
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

int strv_push(char ***l, char *s) {
        size_t n = strv_length(*l);
        char **m = realloc(*l, (n + 2) * sizeof(char *));

        if (!m)
                return -ENOMEM;
        m[n] = s;
        m[n + 1] = NULL;
        *l = m;
        return 0;
}

int strv_extend(char ***l, const char *s) {
        char *c = strdup(s);

        if (!c)
                return -ENOMEM;
        if (strv_push(l, c) < 0) {
                free(c);
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

        for (size_t i = 0; c && l && l[i]; i++)
                if (strv_extend(&c, l[i]) < 0)
                        c = strv_free(c);
        return c;
}

int strv_split(const char *s, const char *separators, char ***ret) {
        char **l = calloc(1, sizeof(char *));

        if (!l)
                return -ENOMEM;
        while (*s) {
                size_t skip = strspn(s, separators), len;
                s += skip;
                len = strcspn(s, separators);
                if (len == 0)
                        break;
                char *w = strndup(s, len);
                if (!w || strv_push(&l, w) < 0) {
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
