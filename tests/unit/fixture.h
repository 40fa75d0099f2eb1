/* SPDX-License-Identifier: MIT */
#pragma once

/* Fixture trees in a temporary directory (unit search paths, Hermes homes), for the
 * cmocka tests. Failures abort: a fixture that cannot be built is a broken test.
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

/* mkdir -p of an absolute path. */
static inline void fixture_mkdirs(const char *path) {
        char *tmp = strdup(path);

        if (!tmp)
                abort();
        for (char *p = strchr(tmp + 1, '/'); p; p = strchr(p + 1, '/')) {
                *p = 0;
                mkdir(tmp, 0755);
                *p = '/';
        }
        mkdir(tmp, 0755);
        free(tmp);
}

/* mkdir -p of the parent of root/path; returns root/path (malloc'd). */
static inline char *fixture_parent_made(const char *root, const char *path) {
        char *full, *slash;

        if (asprintf(&full, "%s/%s", root, path) < 0)
                abort();
        slash = strrchr(full, '/');
        *slash = 0;
        fixture_mkdirs(full);
        *slash = '/';
        return full;
}

/* Writes size bytes of data (NULs too) to root/path, parents created. */
static inline void fixture_write_bytes(const char *root, const char *path, const void *data, size_t size) {
        char *full = fixture_parent_made(root, path);
        FILE *f;

        f = fopen(full, "w");
        if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
                abort();
        free(full);
}

/* Writes text to root/path, parents created. */
static inline void fixture_write(const char *root, const char *path, const char *text) {
        fixture_write_bytes(root, path, text, strlen(text));
}

/* mkdir -p root/path (leaves an empty ".keep" file in it). */
static inline void fixture_mkdir(const char *root, const char *path) {
        char *keep;

        if (asprintf(&keep, "%s/.keep", path) < 0)
                abort();
        fixture_write(root, keep, "");
        free(keep);
}

/* root/path -> target, parents created. */
static inline void fixture_symlink(const char *root, const char *target, const char *path) {
        char *full = fixture_parent_made(root, path);

        if (symlink(target, full) < 0)
                abort();
        free(full);
}

static inline int fixture_rm(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
        return remove(path);
}

/* rm -rf root. */
static inline void fixture_remove(const char *root) {
        if (root)
                nftw(root, fixture_rm, 16, FTW_DEPTH | FTW_PHYS);
}

static inline void fixture_free(char *root) {
        fixture_remove(root);
        free(root);
}

/* A fixture_root() in a caller's buffer (for tests that keep their root in an array). */
static inline void fixture_root_into(char *buf, size_t size) {
        char *r = fixture_root();

        if (!r || (size_t) snprintf(buf, size, "%s", r) >= size)
                abort();
        free(r);
}
