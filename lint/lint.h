/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * One lint run: options -> search path -> units (resolved, merged) -> rules ->
 * suppressions and severities -> the fix per unit. Reports and --fix work on
 * the result (through lint_cursor). Nothing here prints except through log.h,
 * for input errors.
 *
 * In host mode without --live, --fix or FILEs the run streams: each unit is
 * resolved, checked and freed before the next (stash.h keeps its findings, its
 * fix and its JSON), so memory does not grow with the units' files; the report
 * is the same, byte for byte, as when every unit is kept.
 */

#include <stdbool.h>

#include "effective.h"
#include "finding.h"
#include "hermes/rulesupport.h"
#include "policy.h"
#include "rules.h"
#include "stockunit.h"

struct enabled_links;
struct stash;
struct suppress_notes;

struct lint_options {
        enum scope scope;
        const char *home;            /* --home, made absolute; NULL: the real $HOME */
        const char *root;            /* --root; NULL: / */
        const char *policy_file;     /* --policy; NULL: the generator's search */
        unsigned systemd_version;
        int check_linger;            /* 1 --check-linger, 0 --no-linger, -1 by mode */
        char **files;                /* pre-commit mode: FILE arguments; NULL: host mode */
        bool live;                   /* --live: also ask the running manager (host mode only) */
        const char *hermes_home;     /* --hermes-home; NULL: <home>/.hermes with --home, else
                                        $HERMES_HOME or ~/.hermes in host mode, else none */
        int64_t now_usec;            /* --now: the time cron jobs are judged by; 0: now */
        bool want_fixes;             /* --fix, --fix=diff: run->fixes is needed */
        bool json_units;             /* the report is JSON: it lists every unit */
        bool report_fixes;           /* the report shows each finding's fix (JSON, SARIF) */
};

struct lint_run {
        struct lint_ctx ctx;
        struct policy *policy;
        struct manager_defaults defaults;
        struct unit_index *index;    /* the search path's unit files, read once per run */
        struct enabled_links *enabled;  /* its *.wants/ and *.requires/ links, read once per run */
        struct findings findings;
        struct lint_fix *fixes;      /* one per unit with fixable findings */
        size_t n_fixes;
        unsigned input_errors;       /* unreadable FILEs or unit files: exit status 2 */
        struct stand_ins stand_ins;  /* for units the pre-commit tree lacks (see stockunit.h) */
        struct hermes_check hermes;  /* the Hermes home and its cron check, read once (ctx.hermes,
                                        ctx.hermes_check) */
        struct live_state *live;     /* ctx.live */
        /* Streaming (host mode without --live, --fix or FILEs): each unit is freed once its
         * rules ran; findings, fixes and the units' JSON wait in the stash, findings holds
         * one unit's at a time. Otherwise every unit stays until the run is freed. */
        bool streaming;
        struct stash *stash;
        uint64_t *unit_json;         /* streaming JSON: each unit's part of the report (off, len) */
        size_t n_unit_json, cap_unit_json;
        size_t count[_SEVERITY_MAX]; /* streaming: findings reported, by severity */
        struct suppress_notes *notes;
        char *fix_dir;               /* streaming: where fixes go (fix_config_dir()); NULL: none */
        size_t fix_base_len;
        int fix_error;               /* -ENXIO: no fix dir (logged once at the end) */
        char **dropin_reported;      /* ctx.dropin_reported */
};

/* The findings of a run in report order, one at a time (reports, exit status). */
struct lint_cursor {
        const struct lint_run *run;
        size_t i;
        struct finding x;
        struct lint_fix fix;
        int32_t fix_id;
};

void lint_cursor_init(struct lint_cursor *c, const struct lint_run *run);
/* The next finding, valid until the next call; NULL at the end. */
const struct finding *lint_cursor_next(struct lint_cursor *c);
void lint_cursor_done(struct lint_cursor *c);
/* 0, or the error that cut the report short: in a streaming run, a finding that
 * could not be read back from the stash (lint_cursor_next() then ends early). */
int lint_run_error(const struct lint_run *run);
/* Number of findings reported at or above min. */
size_t lint_count(const struct lint_run *run, enum severity min);

/* Returns 0 and the finished run, or -ENOMEM. Input errors are logged and counted in
 * input_errors, the rest of the run goes on. With o->live, -ENOTCONN when the manager
 * cannot be asked: the cause is logged as one line. */
int lint_run(const struct lint_options *o, struct lint_run **ret);
void lint_run_free(struct lint_run *r);

/* The search path the run uses (see hermes-unit-lint(1), FILES): the manager's for
 * scope, with --home and --root applied; in pre-commit mode without --home, the
 * directories the FILEs are in. Returns 0 or -errno. */
int lint_search_path(const struct lint_options *o, char ***ret);

/* The directory --fix writes into: ~/.config/systemd/user (or $XDG_CONFIG_HOME's,
 * or --home's) in user scope, /etc/systemd/system in system scope, under --root.
 * Returns 0 and a malloc'd path, -ENXIO when user scope has no absolute $HOME (or
 * $XDG_CONFIG_HOME) to go by, or -ENOMEM. */
int lint_config_dir(const struct lint_options *o, char **ret);
/* The same as a base the user chose (--home, $HOME, $XDG_CONFIG_HOME, --root, "/")
 * and the part below it (".config/systemd/user" ...) that --fix walks without
 * following a symlink (fileio_write_dropin_beneath()). */
int lint_config_dir_parts(const struct lint_options *o, char **ret_base, const char **ret_rel);
