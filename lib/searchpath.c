/* SPDX-License-Identifier: MIT */
/* See searchpath.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <systemd/sd-path.h>

#include "searchpath.h"
#include "strv.h"

extern char **environ;

int scope_from_env(enum scope *ret) {
        const char *e = getenv("SYSTEMD_SCOPE");

        if (!e)
                return -ENXIO;
        if (strcmp(e, "user") == 0)
                *ret = SCOPE_USER;
        else if (strcmp(e, "system") == 0)
                *ret = SCOPE_SYSTEM;
        else
                return -EINVAL;
        return 0;
}

const char *scope_name(enum scope s) {
        return s == SCOPE_USER ? "user" : "system";
}

/* The environment sd_path reads for the home remap, saved as "NAME=VALUE" copies. */
struct saved_env {
        char **xdg;     /* every XDG_* entry */
        char *home;     /* NULL: HOME was unset */
};

static void saved_env_restore(struct saved_env *s) {
        for (size_t i = 0; s->xdg && s->xdg[i]; i++) {
                char *eq = strchr(s->xdg[i], '=');
                *eq = 0;
                (void) setenv(s->xdg[i], eq + 1, 1);
        }
        if (s->home)
                (void) setenv("HOME", s->home, 1);
        else
                (void) unsetenv("HOME");
        s->xdg = strv_free(s->xdg);
        free(s->home);
        s->home = NULL;
}

/* Saves HOME and XDG_*, then sets HOME=home and unsets XDG_*. On failure nothing changed. */
static int saved_env_remap(struct saved_env *s, const char *home) {
        const char *h = getenv("HOME");

        *s = (struct saved_env) {};
        if (h && !(s->home = strdup(h)))
                return -ENOMEM;
        for (char **e = environ; e && *e; e++)
                if (strncmp(*e, "XDG_", 4) == 0 && strchr(*e, '=') && strv_extend(&s->xdg, *e) < 0) {
                        s->xdg = strv_free(s->xdg);
                        free(s->home);
                        return -ENOMEM;
                }
        /* Unset only after the scan: unsetenv() reshuffles environ. */
        for (size_t i = 0; s->xdg && s->xdg[i]; i++) {
                char *name = strndup(s->xdg[i], strcspn(s->xdg[i], "="));
                if (name)
                        (void) unsetenv(name);
                free(name);
        }
        if (setenv("HOME", home, 1) < 0) {
                int r = -errno;
                saved_env_restore(s);
                return r;
        }
        return 0;
}

/*
 * sd_path reads the process environment, so the home remap edits it around the
 * call. Not thread-safe; both programs are single-threaded.
 */
static int lookup_remapped(enum scope scope, const char *home, char ***ret) {
        uint64_t type = scope == SCOPE_USER ? SD_PATH_SYSTEMD_SEARCH_USER_UNIT
                                            : SD_PATH_SYSTEMD_SEARCH_SYSTEM_UNIT;
        struct saved_env saved;
        int r;

        if (!home)
                return sd_path_lookup_strv(type, NULL, ret);
        r = saved_env_remap(&saved, home);
        if (r < 0)
                return r;
        r = sd_path_lookup_strv(type, NULL, ret);
        saved_env_restore(&saved);
        return r;
}

static int prefix_root(char **paths, const char *root) {
        size_t len = strlen(root);

        while (len > 0 && root[len - 1] == '/')
                len--;
        if (len == 0)
                return 0;
        for (size_t i = 0; paths[i]; i++) {
                char *p;
                if (asprintf(&p, "%.*s%s", (int) len, root, paths[i]) < 0)
                        return -ENOMEM;
                free(paths[i]);
                paths[i] = p;
        }
        return 0;
}

int searchpath_lookup(enum scope scope, const struct searchpath_remap *remap, char ***ret) {
        char **paths = NULL;
        int r;

        r = lookup_remapped(scope, remap ? remap->home : NULL, &paths);
        if (r < 0)
                return r;
        if (remap && remap->root) {
                r = prefix_root(paths, remap->root);
                if (r < 0) {
                        strv_free(paths);
                        return r;
                }
        }
        *ret = paths;
        return 0;
}

static bool path_equal_ignoring_trailing_slash(const char *a, const char *b) {
        size_t la = strlen(a), lb = strlen(b);

        while (la > 1 && a[la - 1] == '/')
                la--;
        while (lb > 1 && b[lb - 1] == '/')
                lb--;
        return la == lb && memcmp(a, b, la) == 0;
}

static bool is_excluded(const char *path, const char *const *exclude, int n_exclude) {
        for (int i = 0; i < n_exclude; i++)
                if (exclude[i] && path_equal_ignoring_trailing_slash(path, exclude[i]))
                        return true;
        return false;
}

void searchpath_exclude(char **paths, const char *const *exclude, int n_exclude) {
        size_t j = 0;

        for (size_t i = 0; paths && paths[i]; i++) {
                if (is_excluded(paths[i], exclude, n_exclude))
                        free(paths[i]);
                else
                        paths[j++] = paths[i];
        }
        if (paths)
                paths[j] = NULL;
}
