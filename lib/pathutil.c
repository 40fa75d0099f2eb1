/* SPDX-License-Identifier: MIT */
/* See pathutil.h. */
#include <stdlib.h>
#include <string.h>

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
