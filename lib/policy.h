/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * The guardrail policy: which units get guardrails, and which values.
 * Format: INI, read with inih. Documented in docs/hermes-guardrails.conf.5.
 *
 *   [guardrails]  Restart= RestartSec= StartLimitIntervalSec= StartLimitBurst=
 *                 StartLimitAction= OnFailure= RestartPreventExitStatus=
 *                 RestartSteps= RestartMaxDelaySec= Priority=normal|early Enabled=yes|no
 *   [match]       Units= (space-separated globs)  Exclude= (globs)
 *   [lint]        Disable= (rule ids/names)  MinRestartSec=  Error= Warning= Info= (ids)
 *   [<unit-glob>] any [guardrails] key, for matching units only (e.g. [hermes-gateway-work.service])
 *
 * Layers, each overriding keys of the previous one (later key wins):
 *   built-in defaults,
 *   <sysconfdir>/hermes-guardrails/policy.conf,
 *   <sysconfdir>/hermes-guardrails/policy.conf.d/ *.conf in filename order,
 *   user scope only: $HOME/.config/hermes-guardrails/policy.conf.
 * $HERMES_GUARDRAILS_POLICY=FILE replaces the whole search with FILE.
 *
 * Errors never make the policy unusable: an unknown section or key is a
 * DIAG_WARNING, an invalid value a DIAG_ERROR, both with file:line, and the key
 * keeps its previous value. An unreadable/binary/huge file is a DIAG_ERROR and
 * is skipped. policy_load() only fails on -ENOMEM.
 *
 * Syntax: inih's (';'/'#' comment lines, " ;" starts a trailing comment), with
 * these deliberate differences, enforced by our own line reader: leading
 * whitespace is insignificant (an indented line is never a continuation: one
 * without '=' is a DIAG_POLICY_CONTINUATION_LINE); ':' is not a separator; a
 * line over POLICY_LINE_MAX bytes is a DIAG_POLICY_LINE_TOO_LONG and skipped;
 * a bad "[section" header is a DIAG_ERROR and the keys under it are ignored.
 * On a text the reader accepts whole, bare inih sees the same keys: pinned by
 * tests/unit/test_policy_grammar.c and the fuzz target fuzz_policy_grammar.
 * Diagnostic codes: unreadable, line-too-long, bad-section, missing-equals,
 * missing-key, continuation-line, outside-section, unknown-section, unknown-key,
 * invalid-value.
 */

#include <stdbool.h>

#include "diag.h"
#include "searchpath.h"
#include "timespan.h"

/* Longest line (without its line terminator) we read: inih's 200-byte buffer
 * minus the newline and the NUL. */
#define POLICY_LINE_MAX 198

enum policy_priority {
        POLICY_PRIORITY_NORMAL,  /* written to the generator's NORMAL dir: /etc and ~/.config drop-ins win */
        POLICY_PRIORITY_EARLY,   /* written to EARLY: the policy wins */
};

/* The values of the guardrail keys; lib/guardkeys.c has one row per field (its
 * type, unit section, drop-in rendering, merge and systemd version). */
struct guardrails {
        unsigned set;                  /* guard_key_bit()s of the keys given explicitly in this
                                          layer/section */
        char *restart;                 /* "no", "on-success", "on-failure", "on-abnormal",
                                          "on-watchdog", "on-abort", "always" */
        usec_t restart_sec;
        usec_t start_limit_interval;
        unsigned start_limit_burst;
        char *start_limit_action;      /* NULL: not written */
        char *on_failure;              /* NULL: not written; space-separated unit names */
        char *restart_prevent_exit_status; /* NULL: not written; normalized: statuses ascending,
                                          then signals ascending, e.g. "75 78 SIGKILL";
                                          built-in default "78" */
        unsigned restart_steps;        /* 0: not written (needs systemd >= 254) */
        usec_t restart_max_delay;      /* 0: not written (needs systemd >= 254) */
        enum policy_priority priority;
        bool enabled;
};

struct policy_unit_section {
        char *pattern;                 /* the section name, a unit name or glob */
        struct guardrails guard;       /* only the fields in guard.set apply */
};

struct policy_lint {
        char **disable;                /* rule ids or names, as written (split on spaces and commas) */
        char **error, **warning, **info; /* severity overrides, as written */
        usec_t min_restart_sec;        /* when not set: the [guardrails] RestartSec= (kept in step) */
        bool min_restart_sec_set;
};

struct policy {
        enum scope scope;              /* which StartLimitAction= values are valid; policy_load()
                                          sets it, policy_new_default() says SCOPE_USER */
        struct guardrails guard;       /* [guardrails] after all layers */
        char **units;                  /* [match] Units= */
        char **exclude;                /* [match] Exclude= */
        struct policy_unit_section *sections;  /* one per section header, in file and layer order */
        size_t n_sections;
        struct policy_lint lint;
        char **files;                  /* the files actually read, in order */
};

struct policy_paths {
        enum scope scope;
        const char *sysconfdir;        /* normally SYSCONFDIR, e.g. "/etc" */
        const char *home;              /* user scope: $HOME; NULL = no user layer */
        const char *override_file;     /* $HERMES_GUARDRAILS_POLICY; NULL = layered search */
};

/* Fills p from the environment ($HOME, $HERMES_GUARDRAILS_POLICY) and SYSCONFDIR.
 * The strings point into the environment: do not free. */
void policy_paths_from_env(enum scope scope, struct policy_paths *p);

/* The built-in default policy alone (no file). Returns 0 or -ENOMEM. */
int policy_new_default(struct policy **ret);

/* Built-in defaults, then every layer of p. Returns 0 or -ENOMEM. */
int policy_load(const struct policy_paths *p, struct policy **ret, struct diag_list *diags);

/* Applies one more file on top of pol (used by policy_load(); exposed for tests). */
int policy_load_file(struct policy *pol, const char *path, struct diag_list *diags);

void policy_free(struct policy *pol);

/*
 * The policy grammar alone: our line reader in front of inih, as policy_load_file()
 * runs it, without the meaning of sections and keys. Calls on_section for every
 * valid section header and on_key (inih's handler; non-zero to go on) for every key
 * line inih reports; lines the reader refuses are DIAG_* grammar diagnostics in
 * diags (line-too-long, bad-section, missing-equals, missing-key, continuation-line)
 * and never reach inih. For the test and fuzz target that pin the reader to bare
 * inih. Returns 0 or -ENOMEM.
 */
typedef int (*policy_key_fn)(void *userdata, const char *section, const char *key, const char *value);
int policy_grammar_parse(const char *path, const char *data, void (*on_section)(void *userdata, const char *name),
                         policy_key_fn on_key, void *userdata, struct diag_list *diags);

/* Does unit name match Units= and none of Exclude=? (fnmatch globs) An instance
 * "a@b.service" is tested under its own name and its template's "a@.service": it
 * matches when either matches a Units= glob and neither an Exclude= glob. */
bool policy_matches(const struct policy *pol, const char *unit);

/* The guardrails for one unit: [guardrails] overlaid with every matching per-unit
 * section in file order (an instance also matches by its template's name).
 * Enabled only when [guardrails] and the sections both say so: Enabled=no in
 * [guardrails] switches every unit off, as the generator then writes nothing.
 * ret->set is the union of the set bits. Strings in *ret point into pol. */
void policy_guardrails_for(const struct policy *pol, const char *unit, struct guardrails *ret);
