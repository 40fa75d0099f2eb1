/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * The unit search path, as the manager itself computes it, via libsystemd's
 * sd_path_lookup_strv(SD_PATH_SYSTEMD_SEARCH_{USER,SYSTEM}_UNIT). That honours
 * $SYSTEMD_UNIT_PATH (a trailing ':' appends the defaults), $HOME,
 * $XDG_CONFIG_HOME, $XDG_DATA_HOME and $XDG_RUNTIME_DIR (runtime and generator
 * dirs are only listed when it is set). Highest priority first.
 */

#include <stdbool.h>

enum scope {
        SCOPE_SYSTEM,
        SCOPE_USER,
};

/* $SYSTEMD_SCOPE: "user" or "system". Returns -ENXIO when unset, -EINVAL when unknown. */
int scope_from_env(enum scope *ret);
const char *scope_name(enum scope s); /* "user" / "system" */

struct searchpath_remap {
        const char *home;  /* act as if $HOME were this, with XDG_* unset (dotfiles checkouts) */
        const char *root;  /* prefix every absolute path with this (test roots); NULL = none */
};

/*
 * The search path for scope. remap may be NULL. With remap->home, the lookup runs
 * as if HOME=remap->home and no XDG_* variable were set; with remap->root every
 * entry is prefixed by it (after the lookup, so $SYSTEMD_UNIT_PATH is prefixed too).
 * libsystemd reads only the process environment, so the home remap sets HOME and
 * unsets XDG_* around the call and then restores them: not thread-safe (both
 * programs are single-threaded). $SYSTEMD_UNIT_PATH is honoured in either case.
 * Returns 0 and a NULL-terminated vector (highest priority first), or -errno.
 */
int searchpath_lookup(enum scope scope, const struct searchpath_remap *remap, char ***ret);

/* Removes from paths (in place) every entry equal to one of exclude (NULL entries in
 * exclude are skipped; trailing slashes are ignored when comparing). */
void searchpath_exclude(char **paths, const char *const *exclude, int n_exclude);
