/* SPDX-License-Identifier: MIT */
/* See pathutil.h. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pathutil.h"

const char *path_basename(const char *path) {
        const char *slash = strrchr(path, '/');

        return slash ? slash + 1 : path;
}

char *path_dirname(const char *path) {
        const char *slash = strrchr(path, '/');

        if (!slash)
                return strdup(".");
        if (slash == path)
                return strdup("/");
        return strndup(path, (size_t) (slash - path));
}

const char *path_startswith(const char *path, const char *dir) {
        size_t n = strlen(dir);

        if (n == 0)
                return NULL;
        while (n > 0 && dir[n - 1] == '/')
                n--;
        if (strncmp(path, dir, n) != 0 || (path[n] != '/' && path[n] != 0))
                return NULL;
        while (path[n] == '/')
                n++;
        return path + n;
}

bool path_is_under(const char *path, const char *dir) {
        return path_startswith(path, dir) != NULL;
}

/* Python follows at most this many links before it calls the path a loop. */
#define PATH_RESOLVE_MAX_LINKS 40

/* rest = target + "/" + what is left of rest after p; out is grown to hold it. */
static int walk_restart(char **rest, const char *p, const char *target, char **out, size_t o) {
        char *next, *grown;

        if (asprintf(&next, "%s/%s", target, p) < 0)
                return -ENOMEM;
        grown = realloc(*out, o + strlen(next) + 2);
        if (!grown) {
                free(next);
                return -ENOMEM;
        }
        free(*rest);
        *rest = next;
        *out = grown;
        return 0;
}

/*
 * The one walk behind path_abs_clean() and path_resolve(): component by component
 * over the absolute path, the result so far in out[0..o) ("" standing for "/").
 * With follow, a component that is a symlink restarts the walk at its target, and
 * a path (given, or grown by links) of PATH_MAX bytes or more is -ENAMETOOLONG, as
 * the kernel would say: without that bound a hostile path costs a readlink() per
 * component of up to its whole length.
 */
static int path_walk(const char *path, bool follow, char **ret) {
        char *cwd = NULL, *rest = NULL, *out = NULL;
        unsigned links = 0;
        size_t o = 0;
        int r = 0;

        if (follow && strlen(path) >= PATH_MAX)
                return -ENAMETOOLONG;
        if (path[0] != '/' && !(cwd = getcwd(NULL, 0)))
                return -errno;
        if (asprintf(&rest, "%s/%s", cwd ? cwd : "", path) < 0)
                rest = NULL;
        free(cwd);
        out = rest ? malloc(strlen(rest) + 2) : NULL;
        if (!out) {
                free(rest);
                return -ENOMEM;
        }
        out[0] = 0;
        for (const char *p = rest; *p && r >= 0;) {
                size_t n = strcspn(p, "/");
                const char *component = p;
                char target[PATH_MAX];
                ssize_t t;

                p += n + (p[n] == '/');
                if (n == 0 || (n == 1 && component[0] == '.'))
                        continue;
                if (n == 2 && component[0] == '.' && component[1] == '.') {
                        while (o > 0 && out[--o] != '/')
                                ;
                        out[o] = 0;
                        continue;
                }
                if (follow && o + 1 + n >= PATH_MAX) {
                        r = -ENAMETOOLONG;
                        break;
                }
                out[o] = '/';
                memcpy(out + o + 1, component, n);
                out[o + 1 + n] = 0;
                if (!follow || links >= PATH_RESOLVE_MAX_LINKS ||
                    (t = readlink(out, target, sizeof(target) - 1)) < 0) {
                        o += 1 + n;
                        continue;
                }
                target[t] = 0;
                links++;
                if (target[0] == '/')
                        o = 0;
                out[o] = 0;
                r = walk_restart(&rest, p, target, &out, o);
                p = rest;
        }
        free(rest);
        if (r < 0) {
                free(out);
                return r;
        }
        if (o == 0)
                strcpy(out, "/");
        *ret = out;
        return 0;
}

char *path_abs_clean(const char *path) {
        char *clean;

        return path_walk(path, false, &clean) < 0 ? NULL : clean;
}

int path_resolve(const char *path, char **ret) {
        return path_walk(path, true, ret);
}
