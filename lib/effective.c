/* SPDX-License-Identifier: MIT */
/*
 * See effective.h. Which key is read by which parser in which section follows
 * systemd 252's load-fragment-gperf.gperf.in: the keys we replay are the rows of
 * the guardrail key table with a merge field (guardkeys.h), the others only
 * get checked against unitkeys.h; what each parser
 * does with odd values was asked of a real 252 user manager, and is pinned by
 * tests/unit/test_effective.c and the agreement suite tests/e2e/test-show-agrees.sh.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "effective.h"
#include "exitstatus.h"
#include "fileio.h"
#include "guardkeys.h"
#include "parseutil.h"
#include "pathutil.h"
#include "strv.h"
#include "unitkeys.h"
#include "unitname.h"


/* ---- manager defaults ----------------------------------------------------- */

/* CONF_PATHS("systemd") of systemd 252, highest priority first. */
static const char *const manager_conf_dirs[] = {
        "/etc/systemd", "/run/systemd", "/usr/local/lib/systemd", "/usr/lib/systemd", NULL,
};

/* The user manager's own config dir: $XDG_CONFIG_HOME/systemd or ~/.config/systemd
 * (xdg_user_config_dir() in 252), or with a home remap <home>/.config/systemd.
 * Returns 0 and *ret (NULL when there is none), or -ENOMEM. */
static int user_config_dir(const struct searchpath_remap *remap, char **ret) {
        const char *home = remap && remap->home ? remap->home : getenv("HOME");
        const char *xdg = remap && remap->home ? NULL : getenv("XDG_CONFIG_HOME");
        const char *root = remap && remap->root ? remap->root : "";
        int n;

        *ret = NULL;
        if (xdg && xdg[0] == '/')
                n = asprintf(ret, "%s%s/systemd", root, xdg);
        else if (home && home[0] == '/')
                n = asprintf(ret, "%s%s/.config/systemd", root, home);
        else
                return 0;
        return n < 0 ? -ENOMEM : 0;
}

/* The main config files (only the first that exists is read) and the dirs whose
 * <name>.d/ hold drop-ins, highest priority first, as manager_find_user_config_paths()
 * and parse_config_file() of systemd 252 list them (seen: ~/.config/systemd/user.conf
 * hides /etc/systemd/user.conf; ~/.config/systemd/user.conf.d/ ranks above /etc). */
static int manager_conf_paths(enum scope scope, const struct searchpath_remap *remap,
                              char ***ret_files, char ***ret_dirs) {
        const char *root = remap && remap->root ? remap->root : "";
        const char *name = scope == SCOPE_USER ? "user.conf" : "system.conf";
        char **files = NULL, **dirs = NULL, *own = NULL;
        int r = 0;

        if (scope == SCOPE_USER)
                r = user_config_dir(remap, &own);
        if (r >= 0 && own)
                r = strv_extendf(&files, "%s/%s", own, name);
        if (r >= 0 && own)
                r = strv_extendf(&dirs, "%s/%s.d", own, name);
        if (r >= 0)
                r = strv_extendf(&files, "%s/etc/systemd/%s", root, name);
        for (size_t i = 0; r >= 0 && manager_conf_dirs[i]; i++)
                r = strv_extendf(&dirs, "%s%s/%s.d", root, manager_conf_dirs[i], name);
        free(own);
        if (r < 0) {
                strv_free(files);
                strv_free(dirs);
                return r;
        }
        *ret_files = files;
        *ret_dirs = dirs;
        return 0;
}

static int cmp_path_name(const void *a, const void *b) {
        return strcmp(path_basename(*(char *const *) a), path_basename(*(char *const *) b));
}

static bool has_path_name(char *const *paths, const char *name) {
        for (size_t i = 0; paths && paths[i]; i++)
                if (strcmp(path_basename(paths[i]), name) == 0)
                        return true;
        return false;
}

/* Adds the "*.conf" files of dir whose names are not in *paths yet. */
static int conf_dir_add(const char *dir, char ***paths, struct diag_list *diags) {
        char **names = NULL;
        int r = fileio_conf_names(dir, true, &names);

        if (r == -ENOMEM)
                return r;
        if (r < 0) {
                /* As systemd: a file where a conf dir could be is no dir, and no error. */
                if (r != -ENOTDIR)
                        diag_add_level(diags, DIAG_WARNING, DIAG_UNREADABLE, dir, 0, 0, "%s; skipped",
                                       strerror(-r));
                return 0;
        }
        for (size_t i = 0; r >= 0 && names[i]; i++)
                if (!has_path_name(*paths, names[i]))
                        r = strv_extendf(paths, "%s/%s", dir, names[i]);
        strv_free(names);
        return r;
}

/* The drop-ins of dirs as systemd 252's conf_files_list_strv() finds them: every
 * "*.conf" (not hidden), the highest-priority dir winning for each file name,
 * sorted by file name. Returns 0 and a vector (maybe empty), or -ENOMEM. */
static int conf_dropins_list(char *const *dirs, char ***ret, struct diag_list *diags) {
        char **paths = calloc(1, sizeof(char *));
        int r = paths ? 0 : -ENOMEM;

        for (size_t i = 0; r >= 0 && dirs[i]; i++)
                r = conf_dir_add(dirs[i], &paths, diags);
        if (r < 0) {
                strv_free(paths);
                return r;
        }
        qsort(paths, strv_length(paths), sizeof(char *), cmp_path_name);
        *ret = paths;
        return 0;
}

static void default_from(struct provenance *p, const char *source, unsigned line, unsigned column) {
        *p = (struct provenance) { .line = line, .column = column, .source = source };
}

static void manager_defaults_invalid(struct diag_list *diags, const char *path,
                                     const struct unit_assignment *a) {
        diag_add(diags, DIAG_INVALID_VALUE, path, a->line, a->value_column, "%s=%s", a->key, a->value);
}

/* The [Manager] keys that set unit defaults (config_parse_sec/_unsigned in 252:
 * invalid and empty values are ignored). source is d's own copy of the path. */
static void manager_defaults_apply(struct manager_defaults *d, const struct unit_file *f,
                                   const char *source, struct diag_list *diags) {
        for (size_t i = 0; i < f->n_assignments; i++) {
                const struct unit_assignment *a = &f->assignments[i];
                unsigned long long burst;
                usec_t t;

                if (strcmp(a->section, "Manager") != 0)
                        continue;
                if (strcmp(a->key, "DefaultStartLimitIntervalSec") == 0 ||
                    strcmp(a->key, "DefaultStartLimitInterval") == 0) {
                        if (timespan_parse(a->value, USEC_PER_SEC, &t) < 0) {
                                manager_defaults_invalid(diags, f->path, a);
                                continue;
                        }
                        d->start_limit_interval = t;
                        default_from(&d->start_limit_interval_from, source, a->line, a->value_column);
                } else if (strcmp(a->key, "DefaultStartLimitBurst") == 0) {
                        if (parse_unsigned(a->value, UINT_MAX, &burst) < 0) {
                                manager_defaults_invalid(diags, f->path, a);
                                continue;
                        }
                        d->start_limit_burst = (unsigned) burst;
                        default_from(&d->start_limit_burst_from, source, a->line, a->value_column);
                } else if (strcmp(a->key, "DefaultRestartSec") == 0) {
                        if (timespan_parse(a->value, USEC_PER_SEC, &t) < 0) {
                                manager_defaults_invalid(diags, f->path, a);
                                continue;
                        }
                        d->restart_sec = t;
                        default_from(&d->restart_sec_from, source, a->line, a->value_column);
                }
        }
}

/* Reads one manager config file into d. Returns 1 if it was read, 0 if it does
 * not exist (or is masked, or unreadable: a DIAG), -ENOMEM, or -ECANCELED when
 * systemd stops reading at a bad line of it: the lines before it apply, and no
 * later file, main or drop-in, is read (seen in a 252 user manager). */
static int manager_defaults_read(struct manager_defaults *d, const char *path,
                                 struct diag_list *diags) {
        struct unit_file *f = NULL;
        int r;

        if (fileio_is_null_or_empty(path) > 0 || (access(path, F_OK) < 0 && errno == ENOENT))
                return 0;
        r = unitfile_load(path, &f, diags);
        if (r == -ENOMEM)
                return r;
        if (r < 0)
                return 0;
        r = strv_extend(&d->files, path);
        if (r >= 0)
                manager_defaults_apply(d, f, d->files[strv_length(d->files) - 1], diags);
        if (r >= 0 && f->refused)
                r = -ECANCELED;
        unitfile_free(f);
        return r < 0 ? r : 1;
}

void manager_defaults_init(struct manager_defaults *d, enum scope scope) {
        *d = (struct manager_defaults) {
                .scope = scope,
                .start_limit_interval = 10 * USEC_PER_SEC,
                .start_limit_burst = 5,
                .restart_sec = 100 * USEC_PER_MSEC,
        };
        default_from(&d->start_limit_interval_from, "default", 0, 0);
        default_from(&d->start_limit_burst_from, "default", 0, 0);
        default_from(&d->restart_sec_from, "default", 0, 0);
}

int manager_defaults_load(enum scope scope, const struct searchpath_remap *remap,
                          struct manager_defaults *ret, struct diag_list *diags) {
        char **files = NULL, **dirs = NULL, **dropins = NULL;
        struct manager_defaults d;
        int r;

        manager_defaults_init(&d, scope);
        r = manager_conf_paths(scope, remap, &files, &dirs);
        if (r >= 0)
                r = conf_dropins_list(dirs, &dropins, diags);
        /* Only the first main file that exists is read, then every drop-in. */
        for (size_t i = 0; r >= 0 && files[i]; i++) {
                r = manager_defaults_read(&d, files[i], diags);
                if (r > 0)
                        break;
        }
        for (size_t i = 0; r >= 0 && dropins[i]; i++)
                r = manager_defaults_read(&d, dropins[i], diags);
        if (r == -ECANCELED)
                r = 0;
        strv_free(files);
        strv_free(dirs);
        strv_free(dropins);
        if (r < 0) {
                manager_defaults_done(&d);
                return r;
        }
        *ret = d;
        return 0;
}

void manager_defaults_done(struct manager_defaults *d) {
        if (!d)
                return;
        d->files = strv_free(d->files);
}

/* ---- replaying a unit's files --------------------------------------------- */

struct replay {
        struct effective *e;
        enum scope scope;
        const struct unit_file *file;
        const struct unit_assignment *a;
};

static int note_add(struct replay *rp, enum note_kind kind, const char *message) {
        struct effective *e = rp->e;
        struct effective_note *n = realloc(e->notes, (e->n_notes + 1) * sizeof(*n));

        if (!n)
                return -ENOMEM;
        e->notes = n;
        e->notes[e->n_notes++] = (struct effective_note) {
                .kind = kind, .file = rp->file, .assignment = rp->a, .message = message,
        };
        return 0;
}

static void set_from(struct replay *rp, struct provenance *p) {
        *p = (struct provenance) { .file = rp->file->path, .line = rp->a->line, .column = rp->a->value_column };
}

/* Restart=, RestartSec=, StartLimit*= ignore an empty value (252's parsers log
 * "Failed to parse" and keep the previous value; seen). */
static int note_bad_value(struct replay *rp) {
        if (rp->a->value[0] == 0)
                return note_add(rp, NOTE_EMPTY_IGNORED,
                                "empty assignment is ignored here: it does not reset to the default");
        return note_add(rp, NOTE_INVALID_VALUE, "invalid value, ignored: the previous value stays");
}

static int apply_restart(struct replay *rp, enum restart_mode *value, struct provenance *from) {
        int m = restart_mode_from_string(rp->a->value);

        if (m < 0)
                return note_bad_value(rp);
        *value = (enum restart_mode) m;
        set_from(rp, from);
        return 0;
}

static int apply_timespan(struct replay *rp, usec_t *value, struct provenance *from) {
        usec_t t;

        if (timespan_parse(rp->a->value, USEC_PER_SEC, &t) < 0)
                return note_bad_value(rp);
        *value = t;
        set_from(rp, from);
        return 0;
}

static int apply_unsigned(struct replay *rp, unsigned *value, struct provenance *from) {
        unsigned long long v;

        if (parse_unsigned(rp->a->value, UINT_MAX, &v) < 0)
                return note_bad_value(rp);
        *value = (unsigned) v;
        set_from(rp, from);
        return 0;
}

static int apply_action(struct replay *rp, char **value, struct provenance *from) {
        const char *v = rp->a->value;
        int r = emergency_action_check(v, rp->scope);
        char *copy;

        if (r == -EINVAL)
                return note_bad_value(rp);
        if (r == -EOPNOTSUPP) {
                v = "exit-force";
                if (note_add(rp, NOTE_VALUE_CHANGED, "a system-only action: the user manager "
                             "uses exit-force instead") < 0)
                        return -ENOMEM;
        }
        copy = strdup(v);
        if (!copy)
                return -ENOMEM;
        free(*value);
        *value = copy;
        set_from(rp, from);
        return 0;
}

/* config_parse_set_status(): an empty value empties the set; otherwise each word
 * is added, as an exit status if it is one, else as a signal; a word that is
 * neither is skipped (the others still count). Any assignment is its provenance. */
static int apply_status_set(struct replay *rp, struct exit_status_set *set, struct provenance *from) {
        const char *p = rp->a->value;
        bool bad = false;

        if (from)
                set_from(rp, from);
        if (*p == 0)
                *set = (struct exit_status_set) {};
        while (*p) {
                char word[64];
                size_t len;

                p += strspn(p, " \t\n\r");
                len = strcspn(p, " \t\n\r");
                if (len == 0)
                        break;
                snprintf(word, sizeof(word), "%.*s", (int) len, p);
                p += len;
                if (len >= sizeof(word))
                        bad = true;
                else if (exit_status_set_add_word(set, word) < 0)
                        bad = true;
        }
        if (bad)
                return note_add(rp, NOTE_INVALID_VALUE, "a word that is neither an exit status nor "
                                "a signal is ignored (the other words count)");
        return 0;
}

/* One assignment of a key the table says the merge follows, into its struct
 * effective field. */
static int apply_key(struct replay *rp, const struct guard_key *k) {
        void *value = guard_field(rp->e, k->merge_offset);
        struct provenance *from = k->from_offset == GUARD_NO_FIELD ? NULL : guard_field(rp->e, k->from_offset);

        if (k->flags & GUARD_KEY_LEGACY && note_add(rp, NOTE_LEGACY_KEY, k->note) < 0)
                return -ENOMEM;
        switch (k->type) {
        case GUARD_TYPE_RESTART:     return apply_restart(rp, value, from);
        case GUARD_TYPE_TIMESPAN:    return apply_timespan(rp, value, from);
        case GUARD_TYPE_UNSIGNED:    return apply_unsigned(rp, value, from);
        case GUARD_TYPE_ACTION:      return apply_action(rp, value, from);
        case GUARD_TYPE_EXIT_STATUS: return apply_status_set(rp, value, from);
        default:                     return 0;   /* the table gives no other type a merge field */
        }
}

static const char *wrong_section_message(const char *home) {
        if (strcmp(home, "Unit") == 0)
                return "belongs in [Unit]; ignored here";
        if (strcmp(home, "Service") == 0)
                return "belongs in [Service]; ignored here";
        return "belongs in [Install]; ignored here";
}

static bool is_extension(const char *s) {
        return strncmp(s, "X-", 2) == 0;
}

/* Notes an assignment we do not interpret when systemd would ignore it: unknown
 * section, key of another section, unknown key. Sections without a key list (the
 * type section of non-service units) are not checked. */
static int check_other_key(struct replay *rp) {
        const char *section = rp->a->section, *key = rp->a->key, *home;

        if (is_extension(key) || !unit_keys_for_section(section) || unit_key_is_valid(section, key))
                return 0;
        home = unit_key_home_section(key, section);
        if (home)
                return note_add(rp, NOTE_WRONG_SECTION, wrong_section_message(home));
        return note_add(rp, NOTE_UNKNOWN_KEY, "not a key systemd knows in this section; ignored");
}

static int replay_assignment(struct replay *rp, const char *type_section) {
        const char *section = rp->a->section;
        const struct guard_key *k;

        if (strcmp(section, "Unit") != 0 && strcmp(section, "Install") != 0 &&
            strcmp(section, type_section) != 0)
                return is_extension(section) ? 0 :
                        note_add(rp, NOTE_UNKNOWN_SECTION, "section unknown to systemd (names are "
                                 "case-sensitive); the whole section is ignored");
        k = guard_key_merged(section, rp->a->key);
        return k ? apply_key(rp, k) : check_other_key(rp);
}

/* "foo.service" -> "Service": the section of the unit's own type. */
static void type_section_of(const char *name, char *buf, size_t len) {
        const char *suffix = unit_name_suffix(name);

        snprintf(buf, len, "%s", suffix ? suffix + 1 : "");
        if (buf[0] >= 'a' && buf[0] <= 'z')
                buf[0] = (char) (buf[0] - 'a' + 'A');
}

static int effective_add_file(struct effective *e, const char *path, struct diag_list *diags) {
        struct unit_file *f = NULL, **files;
        int r;

        /* A /dev/null drop-in is listed (it masks its name) but sets nothing. */
        if (fileio_is_null_or_empty(path) > 0)
                return 0;
        r = unitfile_load(path, &f, diags);
        if (r < 0)      /* the reason is in diags already */
                return r;
        files = realloc(e->files, (e->n_files + 1) * sizeof(*files));
        if (!files) {
                unitfile_free(f);
                return -ENOMEM;
        }
        e->files = files;
        e->files[e->n_files++] = f;
        return 0;
}

/* The fragment of a loaded unit, then its drop-ins: a masked unit has no
 * fragment, but systemd 252 still applies its drop-ins (seen: a masked unit
 * shows DropInPaths= and their values); a not-found unit gets neither. A file
 * systemd stops reading at a bad line applies up to that line; when that file
 * is the fragment, the unit fails to load and no drop-in is read (seen:
 * LoadState=error, DropInPaths= empty, the fragment's earlier values shown). */
static int effective_load_files(struct effective *e, const struct unitset *u, struct diag_list *diags) {
        int r = 0;

        if (u->load_state == LOAD_NOT_FOUND)
                return 0;
        if (u->load_state == LOAD_LOADED && u->fragment_path) {
                r = effective_add_file(e, u->fragment_path, diags);
                /* Seen on 252: an unreadable fragment also means no drop-in is read. */
                if (r < 0 && r != -ENOMEM) {
                        e->fragment_error = r;
                        return 0;
                }
                if (r >= 0 && e->n_files == 1 && e->files[0]->refused) {
                        e->fragment_refused = true;
                        return 0;
                }
        }
        /* A drop-in that cannot be read is skipped (reported in diags). */
        for (size_t i = 0; r >= 0 && i < u->n_applied; i++)
                if ((r = effective_add_file(e, u->applied[i].path, diags)) < 0 && r != -ENOMEM)
                        r = 0;
        return r;
}

static int effective_init(struct effective *e, const struct unitset *u, const struct manager_defaults *d) {
        *e = (struct effective) {
                .unit = u,
                .restart = RESTART_NO,
                .restart_usec = d->restart_sec,
                .restart_usec_from = d->restart_sec_from,
                .start_limit_interval = d->start_limit_interval,
                .start_limit_interval_from = d->start_limit_interval_from,
                .start_limit_burst = d->start_limit_burst,
                .start_limit_burst_from = d->start_limit_burst_from,
        };
        default_from(&e->restart_from, "default", 0, 0);
        default_from(&e->start_limit_action_from, "default", 0, 0);
        default_from(&e->restart_prevent_exit_status_from, "default", 0, 0);
        e->start_limit_action = strdup("none");
        return e->start_limit_action ? 0 : -ENOMEM;
}

int effective_compute(const struct unitset *u, const struct manager_defaults *defaults,
                      struct effective **ret, struct diag_list *diags) {
        struct effective *e = calloc(1, sizeof(*e));
        struct replay rp = { .e = e, .scope = defaults->scope };
        char type_section[32];
        int r;

        if (!e)
                return -ENOMEM;
        r = effective_init(e, u, defaults);
        if (r >= 0)
                r = effective_load_files(e, u, diags);
        type_section_of(u->id, type_section, sizeof(type_section));
        for (size_t i = 0; r >= 0 && i < e->n_files; i++) {
                rp.file = e->files[i];
                for (size_t j = 0; r >= 0 && j < rp.file->n_assignments; j++) {
                        rp.a = &rp.file->assignments[j];
                        r = replay_assignment(&rp, type_section);
                }
        }
        if (r < 0) {
                effective_free(e);
                return r;
        }
        *ret = e;
        return 0;
}

const char *effective_load_state(const struct effective *e) {
        /* Seen on 252: a fragment it may not read is "not-found" (and has no
         * FragmentPath=); one it cannot read as a file (a directory ...) is "error". */
        if (e->fragment_error == -EACCES || e->fragment_error == -ENOENT)
                return "not-found";
        return e->fragment_refused || e->fragment_error ? "error" : load_state_name(e->unit->load_state);
}

void effective_free(struct effective *e) {
        if (!e)
                return;
        for (size_t i = 0; i < e->n_files; i++)
                unitfile_free(e->files[i]);
        free(e->files);
        free(e->start_limit_action);
        free(e->notes);
        free(e);
}
