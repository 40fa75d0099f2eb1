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
 *   A symlink out of the search path is a linked unit: the link is the fragment
 *   and its name the unit's; a symlink to the same name inside the search path is
 *   ignored (a lower dir's file then counts).
 * - Drop-ins: for every name of the unit (id first, then the aliases sorted: the
 *   manager's own alias order is a hash order), for every search path dir, the
 *   dirs named by unit_name_dropin_names() + ".d" except the type-wide one; after
 *   all of them "<type>.d" in every search path dir. Every entry ending in ".conf"
 *   counts, except hidden ones (".x.conf") -- whatever its type: the manager lists
 *   a directory or a dangling symlink too (and a FIFO hangs it at load). A same-named
 *   entry in an earlier dir of that list replaces the later one. A /dev/null symlink
 *   or empty file wins its name like any other and stays in DropInPaths (it is read
 *   as an empty file): the ones it replaces are DROPIN_MASKED. The survivors are
 *   applied in filename order, under their canonical paths (symlinked .d dirs
 *   resolved), as `systemctl show -p DropInPaths` prints them.
 * - A not-found unit gets no drop-ins (the manager reads none); a masked one still
 *   lists them.
 * Seen in a real systemd 252 user manager: tests/e2e/test-unitset-agrees.sh.
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
        DROPIN_MASKED,    /* replaced by a same-named /dev/null symlink (or empty file) */
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
        char **dropin_dirs;       /* every candidate dir, highest priority first, existing or not
                                     (also for a not-found unit, though the manager reads none) */
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
 * The unit files of a search path (names, aliases, masks), read once. Resolving
 * many units against one index costs one scan of the search path instead of one
 * per unit: programs that look at every unit build one per run. Diagnostics about
 * the search path itself (unreadable dirs, invalid aliases) are given here, once.
 * Returns 0 and *ret, or -ENOMEM.
 */
struct unit_index;
int unit_index_new(char *const *search_path, struct unit_index **ret, struct diag_list *diags);
void unit_index_free(struct unit_index *idx);

/* Might "<search path dir>/<name>.d" exist, from what the index read of that dir? false
 * only when it surely did not when the index was made (the dir is missing, or it was
 * listed without such an entry); true for anything else, and for any other path. Saves
 * the opendir() of a candidate drop-in dir, most of which do not exist. */
bool unit_index_dotd_may_exist(const struct unit_index *idx, const char *path);

/* unitset_load() against an index: same results, same errors. u keeps no pointer into idx. */
int unitset_lookup(const struct unit_index *idx, const char *name, struct unitset **ret,
                   struct diag_list *diags);

/* The same without the drop-ins: name, id, load_state, fragment_path and names only
 * (applied, hidden and dropin_dirs NULL). What the generator's decision needs
 * (policy_decide()); the drop-in dirs of a unit are some 50 paths to build and look
 * up, more than half of a lookup's cost. */
int unitset_lookup_unit(const struct unit_index *idx, const char *name, struct unitset **ret,
                        struct diag_list *diags);

/*
 * Every unit name that has a file or symlink directly in one of the dirs of the
 * search path (not in .wants/.requires/.d subdirs, not a link to a dir), sorted,
 * without duplicates: what `systemctl list-unit-files` lists. Files there with
 * invalid unit names are added to diags (if not NULL) as DIAG_INVALID_UNIT_NAME:
 * they matter to a caller that looks at every unit, not to one that looks one up.
 */
char *const *unit_index_names(const struct unit_index *idx, struct diag_list *diags);

/* Every "<search path dir>/<x>.wants" and ".requires" entry (a dir or not), in
 * search path order, sorted by name within each dir. */
char *const *unit_index_dep_dirs(const struct unit_index *idx);

/* unit_index_names() of a new index of search_path, for a caller that needs only
 * the names. Returns 0 and *ret (a new list), or -ENOMEM. */
int unitset_discover(char *const *search_path, char ***ret, struct diag_list *diags);
