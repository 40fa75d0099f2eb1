/* SPDX-License-Identifier: MIT */
/* See enabled.h. */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "enabled.h"
#include "strv.h"

struct enabled_link {
        char *name;     /* the entry's name: a unit name */
        size_t dir;     /* index into dirs: lower = found first */
};

struct enabled_links {
        char **dirs;    /* "<search dir>/<x>.wants", in lookup order */
        size_t n_dirs;
        struct enabled_link *links;  /* sorted by name, then dir */
        size_t n, cap;
};

void enabled_links_free(struct enabled_links *l) {
        if (!l)
                return;
        for (size_t i = 0; i < l->n; i++)
                free(l->links[i].name);
        free(l->links);
        strv_free(l->dirs);
        free(l);
}

static int link_add(struct enabled_links *l, const char *name) {
        if (l->n == l->cap) {
                size_t cap = l->cap ? l->cap * 2 : 64;
                struct enabled_link *m = realloc(l->links, cap * sizeof(*m));
                if (!m)
                        return -ENOMEM;
                l->links = m;
                l->cap = cap;
        }
        l->links[l->n] = (struct enabled_link) { .name = strdup(name), .dir = l->n_dirs - 1 };
        return l->links[l->n++].name ? 0 : -ENOMEM;
}

static int dep_dir_read(struct enabled_links *l, const char *path) {
        char *copy = strdup(path);
        DIR *d;
        struct dirent *de;
        int r = copy ? strv_push_with_size(&l->dirs, &l->n_dirs, copy) : -ENOMEM;

        if (r < 0) {
                free(copy);
                return r;
        }
        d = opendir(path);
        while (r >= 0 && d && (de = readdir(d)))
                if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
                        r = link_add(l, de->d_name);
        if (d)
                closedir(d);
        return r;
}

static int link_cmp(const void *a, const void *b) {
        const struct enabled_link *x = a, *y = b;
        int c = strcmp(x->name, y->name);

        return c ? c : (x->dir > y->dir) - (x->dir < y->dir);
}

int enabled_links_load(const struct unit_index *idx, struct enabled_links **ret) {
        struct enabled_links *l = calloc(1, sizeof(*l));
        char *const *deps = unit_index_dep_dirs(idx);
        int r = l ? 0 : -ENOMEM;

        for (size_t i = 0; r >= 0 && deps[i]; i++)
                r = dep_dir_read(l, deps[i]);
        if (r < 0) {
                enabled_links_free(l);
                return r;
        }
        if (l->n > 1)
                qsort(l->links, l->n, sizeof(l->links[0]), link_cmp);
        *ret = l;
        return 0;
}

const char *enabled_links_name(const struct enabled_links *l, size_t i) {
        return i < l->n ? l->links[i].name : NULL;
}

/* The first dir (lowest index) holding a link named name, or SIZE_MAX. */
static size_t first_dir_of(const struct enabled_links *l, const char *name) {
        size_t lo = 0, hi = l->n;

        while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (strcmp(l->links[mid].name, name) < 0)
                        lo = mid + 1;
                else
                        hi = mid;
        }
        return lo < l->n && strcmp(l->links[lo].name, name) == 0 ? l->links[lo].dir : SIZE_MAX;
}

char *enabled_links_find(const struct enabled_links *l, char *const *names) {
        size_t best = SIZE_MAX, best_name = 0;
        char *p;

        /* Strictly lower only: in one dir, the earlier name wins. */
        for (size_t n = 0; l && names && names[n]; n++) {
                size_t dir = first_dir_of(l, names[n]);
                if (dir < best) {
                        best = dir;
                        best_name = n;
                }
        }
        if (best == SIZE_MAX || asprintf(&p, "%s/%s", l->dirs[best], names[best_name]) < 0)
                return NULL;
        return p;
}
