/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * For one unit name: which fragment systemd loads and every drop-in that
 * applies, in the order systemd applies them (src/shared/unit-file.c,
 * src/shared/dropin.c, src/basic/conf-files.c), computed from the file system
 * only (no manager is asked).
 *
 * - Fragment: the first search path dir holding <name> (or, for an instance
 *   without its own file, the template). A symlink to /dev/null or an empty
 *   file masks the unit. A symlink whose target has another unit name makes
 *   <name> an alias of that unit; the unit then also has all its other names.
 * - Drop-ins: for every name of the unit and every search path dir, the dirs
 *   named by unit_name_dropin_names() + ".d"; only regular files (or symlinks)
 *   ending in ".conf" count; a same-named file in a higher-priority location
 *   replaces the lower one; a /dev/null symlink masks that name; the survivors
 *   are applied in filename order.
 */

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

enum load_state {
        LOAD_NOT_FOUND,
        LOAD_LOADED,
        LOAD_MASKED,
};

const char *load_state_name(enum load_state s); /* "not-found", "loaded", "masked" */

enum dropin_state {
        DROPIN_APPLIED,
        DROPIN_SHADOWED,  /* a same-named file in a higher-priority location replaced it */
        DROPIN_MASKED,    /* a same-named /dev/null symlink in a higher-priority location */
};

struct unit_dropin {
        char *path;
        enum dropin_state state;
        char *winner;     /* SHADOWED/MASKED: the path that took its place; else NULL */
};

struct unitset {
        char *name;               /* as requested */
        char *id;                 /* the unit's primary name (== name unless name is an alias) */
        enum load_state load_state;
        char *fragment_path;      /* LOADED: the file systemd reads; MASKED: the masking path; else NULL */
        char **names;             /* id first, then aliases in sorted order */
        struct unit_dropin *applied;   /* DropInPaths=, in application order */
        size_t n_applied;
        struct unit_dropin *hidden;    /* shadowed or masked candidates, with their winner */
        size_t n_hidden;
        char **dropin_dirs;       /* every dir consulted, highest priority first, existing or not */
};

/*
 * Resolves name against search_path (highest priority first, e.g. from
 * searchpath_lookup()). Unreadable directories are reported as DIAG_WARNING and
 * skipped. Returns 0 and *ret (also for not-found), -EINVAL for an invalid unit
 * name, -ENOMEM.
 */
int unitset_load(char *const *search_path, const char *name, struct unitset **ret,
                 struct diag_list *diags);

void unitset_free(struct unitset *u);

/*
 * Every unit name that has a file or symlink directly in one of the dirs of
 * search_path (not in .wants/.requires/.d subdirs), sorted, without duplicates.
 * Entries with invalid unit names are skipped with a DIAG_WARNING "invalid-unit-name".
 */
int unitset_discover(char *const *search_path, char ***ret, struct diag_list *diags);
