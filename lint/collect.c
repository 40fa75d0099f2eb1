/* SPDX-License-Identifier: MIT */
/*
 * What a run looks at: the search path, and the unit names to lint (host mode:
 * every gateway unit on the path; pre-commit mode: the units the FILEs belong to).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "collect.h"
#include "fileio.h"
#include "ruleutil.h"
#include "strutil.h"
#include "strv.h"
#include "unitname.h"
#include "unitset.h"

/* Where systemd would look for FILE's unit: the directory of a unit file, the
 * parent of a drop-in directory. */
static char *search_dir_of(const char *file) {
        char *dir = path_dirname(file);

        if (dir && !unit_name_is_valid(path_basename(file), UNIT_NAME_ANY) &&
            str_endswith(path_basename(dir), ".d")) {
                char *grand = path_dirname(dir);
                free(dir);
                return grand;
        }
        return dir;
}

/* Adds dir (taking it) made absolute, unless already there: unitset wants absolute paths. */
static int add_unique_dir(char ***l, char *dir) {
        char *abs = dir ? path_abs_clean(dir) : NULL;
        int r = abs ? strv_extend_unique(l, abs) : -ENOMEM;

        free(dir);
        free(abs);
        return r;
}

static int rooted(const char *root, const char *path, char **ret) {
        return asprintf(ret, "%s%s", root, path) < 0 ? -ENOMEM : 0;
}

/* The manager's path with --home kept and everything else under --root; without
 * --root, host directories only count in host mode. */
static int remapped_path(const struct lint_options *o, char ***l) {
        struct searchpath_remap remap = { .home = o->home };
        char **all = NULL;
        int r = searchpath_lookup(o->scope, &remap, &all);

        for (size_t i = 0; r >= 0 && all[i]; i++) {
                char *p = NULL;
                if (o->home && path_is_under(all[i], o->home))
                        p = strdup(all[i]);
                else if (o->root)
                        r = rooted(o->root, all[i], &p);
                else if (!o->files)
                        p = strdup(all[i]);
                else
                        continue;
                if (r >= 0)
                        r = add_unique_dir(l, p);
        }
        strv_free(all);
        return r;
}

int lint_search_path(const struct lint_options *o, char ***ret) {
        char **l = NULL;
        int r = 0;

        if (o->files && !o->home)
                for (size_t i = 0; r >= 0 && o->files[i]; i++)
                        r = add_unique_dir(&l, search_dir_of(o->files[i]));
        if (r >= 0 && (!o->files || o->home || o->root))
                r = remapped_path(o, &l);
        if (r < 0) {
                strv_free(l);
                return r;
        }
        *ret = l ? l : calloc(1, sizeof(char *));
        return *ret ? 0 : -ENOMEM;
}

int lint_config_dir_parts(const struct lint_options *o, char **ret_base, const char **ret_rel) {
        const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
        const char *root = o->root && !o->home ? o->root : "", *rel;
        char *base = NULL;
        int r;

        if (o->scope == SCOPE_SYSTEM)
                r = asprintf(&base, "%s/", o->root ? o->root : ""), rel = "etc/systemd/system";
        else if (o->home)
                r = asprintf(&base, "%s", o->home), rel = ".config/systemd/user";
        else if (xdg && xdg[0] == '/')
                r = asprintf(&base, "%s%s", root, xdg), rel = "systemd/user";
        else if (home && home[0] == '/')
                r = asprintf(&base, "%s%s", root, home), rel = ".config/systemd/user";
        else
                return -ENXIO;  /* never write relative to the current directory */
        if (r < 0)
                return -ENOMEM;
        *ret_base = base;
        *ret_rel = rel;
        return 0;
}

int lint_config_dir(const struct lint_options *o, char **ret) {
        const char *rel;
        char *base, *s;
        int r = lint_config_dir_parts(o, &base, &rel);

        if (r < 0)
                return r;
        r = asprintf(&s, "%s%s%s", base, str_endswith(base, "/") ? "" : "/", rel);
        free(base);
        if (r < 0)
                return -ENOMEM;
        *ret = s;
        return 0;
}

/* Gateway units on the path whose names a drop-in directory stem applies to:
 * "service" (every service) or a dash prefix "hermes-gateway-.service". */
static int units_for_prefix(const struct policy *pol, const struct unit_index *idx, const char *stem,
                            char ***names, struct diag_list *diags) {
        char *const *all = unit_index_names(idx, diags);
        size_t n = strcmp(stem, "service") == 0 ? 0 : strlen(stem) - strlen(".service");
        int r = 0;

        for (size_t i = 0; r >= 0 && all[i]; i++)
                if (strncmp(all[i], stem, n) == 0 && str_endswith(all[i], ".service") &&
                    policy_matches(pol, all[i]))
                        r = strv_extend_unique(names, all[i]);
        return r;
}

/* The unit a FILE belongs to, as a name (NULL: none); *prefix is set for the
 * drop-in directories that apply to many units. */
static char *unit_of_file(const char *file, bool *prefix) {
        const char *name = path_basename(file);
        char *dir = path_dirname(file), *stem = NULL;

        *prefix = false;
        if (unit_name_is_valid(name, UNIT_NAME_ANY) || !dir) {
                free(dir);
                return unit_name_is_valid(name, UNIT_NAME_ANY) ? strdup(name) : NULL;
        }
        const char *dname = path_basename(dir);
        if (str_endswith(dname, ".d"))
                stem = strndup(dname, strlen(dname) - 2);
        free(dir);
        if (!stem)
                return NULL;
        if (strcmp(stem, "service") == 0 || str_endswith(stem, "-.service"))
                *prefix = true;
        else if (!unit_name_is_valid(stem, UNIT_NAME_ANY)) {
                /* "hermes-gateway.d/": meant for hermes-gateway.service (reported as not read). */
                char *guess = NULL;
                if (asprintf(&guess, "%s.service", stem) < 0 || !unit_name_is_valid(guess, UNIT_NAME_ANY)) {
                        free(guess);
                        guess = NULL;
                }
                free(stem);
                return guess;
        }
        return stem;
}

int lint_operand_check(const char *file) {
        bool prefix;
        char *name;
        struct stat st;

        if (stat(file, &st) < 0)
                return -errno;
        if (S_ISDIR(st.st_mode))
                return -EISDIR;
        /* A symlink to /dev/null masks a unit or a drop-in: that is for the rules. */
        if (!S_ISREG(st.st_mode) && !(S_ISCHR(st.st_mode) && fileio_is_null_or_empty(file) > 0 &&
                                      lstat(file, &st) == 0 && S_ISLNK(st.st_mode)))
                return -EBADFD;
        name = unit_of_file(file, &prefix);
        free(name);
        return name ? 0 : -EBADR;
}

/* Instances exist only as names: those "systemctl enable" linked into a *.wants/ or
 * *.requires/ dir (hermes-gateway@work.service), matched by the policy; the links
 * were read once, with the index (enabled.h). */
static int enabled_instances(const struct policy *pol, const struct enabled_links *enabled, char ***names) {
        const char *name;
        int r = 0;

        for (size_t i = 0; r >= 0 && (name = enabled_links_name(enabled, i)); i++)
                if (unit_name_is_valid(name, UNIT_NAME_INSTANCE) && str_endswith(name, ".service") &&
                    policy_matches(pol, name))
                        r = strv_extend_unique(names, name);
        return r;
}

int lint_unit_names(const struct lint_options *o, const struct policy *pol, const struct unit_index *idx,
                    const struct enabled_links *enabled, char ***ret, struct diag_list *diags) {
        char **names = NULL;
        int r = 0;

        if (!o->files) {
                char *const *all = unit_index_names(idx, diags);
                size_t n = 0;
                for (size_t i = 0; r >= 0 && all[i]; i++)
                        if (str_endswith(all[i], ".service") && policy_matches(pol, all[i]))
                                r = strv_extend_with_size(&names, &n, all[i]);
                if (r >= 0)
                        r = enabled_instances(pol, enabled, &names);
                strv_sort(names);   /* the enabled instances came after the sorted names */
        }
        for (size_t i = 0; r >= 0 && o->files && o->files[i]; i++) {
                bool prefix;
                char *name = unit_of_file(o->files[i], &prefix);
                if (name && prefix)
                        r = units_for_prefix(pol, idx, name, &names, diags);
                else if (name)
                        r = strv_extend_unique(&names, name);
                free(name);
        }
        if (r < 0) {
                strv_free(names);
                return r;
        }
        *ret = names ? names : calloc(1, sizeof(char *));
        return *ret ? 0 : -ENOMEM;
}
