/* SPDX-License-Identifier: MIT */
#pragma once

/* Fixture HERMES_HOME trees in a temporary directory, for the test_lint_hermes_* tests.
 * Tokens in fixtures are fake and look it ("123456:TEST-TOKEN-A"). */

#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static inline char *fixture_root(void) {
        char tmpl[] = "/tmp/hg-hermes-test.XXXXXX";
        char *d = mkdtemp(tmpl);

        return d ? strdup(d) : NULL;
}

/* mkdir -p of path's parent, then writes text to root/path. Aborts on failure:
 * a fixture that cannot be built is a broken test. */
static inline void fixture_write(const char *root, const char *path, const char *text) {
        char *full;
        FILE *f;

        if (asprintf(&full, "%s/%s", root, path) < 0)
                abort();
        for (char *p = strchr(full + strlen(root) + 1, '/'); p; p = strchr(p + 1, '/')) {
                *p = 0;
                mkdir(full, 0755);
                *p = '/';
        }
        f = fopen(full, "w");
        if (!f || fputs(text, f) < 0 || fclose(f) != 0)
                abort();
        free(full);
}

/* mkdir -p root/path (leaves an empty ".keep" file in it). */
static inline void fixture_mkdir(const char *root, const char *path) {
        char *keep;

        if (asprintf(&keep, "%s/.keep", path) < 0)
                abort();
        fixture_write(root, keep, "");
        free(keep);
}

static inline void fixture_symlink(const char *root, const char *target, const char *path) {
        char *full;

        if (asprintf(&full, "%s/%s", root, path) < 0 || symlink(target, full) < 0)
                abort();
        free(full);
}

static inline int fixture_rm(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
        return remove(path);
}

static inline void fixture_free(char *root) {
        if (root)
                nftw(root, fixture_rm, 16, FTW_DEPTH | FTW_PHYS);
        free(root);
}
