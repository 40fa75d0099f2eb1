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
