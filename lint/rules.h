/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * The rules: one file each in lint/rules/, one signature, one registry table
 * (rules.c). A rule looks at one unit (its files and effective values) or, for
 * the few that are about the whole run, at the run, and reports with
 * finding_add(); the runner fills in the rule, the unit and the severity.
 *
 * IDs (HG001 ...) and names are stable: they appear in suppressions, policies
 * and CI configuration. New rules get new IDs; an ID is never reused.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "effective.h"
#include "finding.h"
#include "live.h"
#include "policy.h"
#include "searchpath.h"
#include "unitset.h"

struct hermes_check;
struct hermes_home;

struct lint_unit {
        char *name;                /* as found or derived from a FILE argument */
        bool gateway;              /* matched by the policy's [match]: the restart rules apply */
        struct unitset *set;
        struct effective *eff;
        struct guardrails guard;   /* what the policy wants for this unit */
        usec_t min_restart_sec;    /* [lint] MinRestartSec=, else guard.restart_sec */
        char *enabled_by;          /* a *.wants/ or *.requires/ link pulling it in; NULL: not enabled */
        bool hermes_written;       /* the fragment is the unit Hermes writes (and rewrites) */
        bool not_loaded;           /* masked, not found, or its fragment refused: it cannot run */
        struct diag_list diags;    /* from resolving and reading its files */
        const struct live_unit *live;  /* --live: what the manager says about it; else NULL */
};

struct lint_ctx {
        enum scope scope;
        const struct policy *policy;
        char **search_path;        /* highest priority first */
        const struct unit_index *index;  /* its unit files, read once (unitset.h) */
        char ***dropin_reported;   /* HG014: the files reported so far (the run's, mutable) */
        unsigned systemd_version;  /* the target systemd's major version */
        bool check_linger;         /* host state is part of the check */
        const char *user;          /* whose linger matters */
        char *linger_file;         /* <root>/var/lib/systemd/linger/<user> */
        bool lingering;            /* linger_file exists */
        char **files;              /* pre-commit mode: the FILE arguments; NULL in host mode */
        struct lint_unit *units;
        size_t n_units;
        char *hermes_root;         /* Hermes home whose profiles and cron jobs the hermes-* rules
                                      check; NULL: not checked */
        const struct hermes_home *hermes;   /* that home, read once (hermes/home.h); NULL: none */
        const struct hermes_check *hermes_check;  /* with its cron check and what reading it
                                                     found (hermes/rulesupport.h); NULL: none */
        const char *user_home;     /* "~" in Hermes job scripts: --home or $HOME */
        bool host;                 /* host mode on the real host: no FILE, --home or --root */
        char *config_dir;          /* where unit files of this scope are installed (lint_config_dir()) */
        const struct live_state *live;  /* --live: the manager's answers; NULL otherwise */
        int64_t now_usec;          /* --now, else the time of the run: "overdue" cron jobs */
};

typedef void (*rule_check_fn)(const struct lint_ctx *ctx, const struct lint_unit *u, struct findings *out);
typedef void (*rule_check_run_fn)(const struct lint_ctx *ctx, struct findings *out);

enum {
        RULE_GATEWAY_ONLY = 1 << 0,  /* only for units the policy matches */
        RULE_FIXABLE      = 1 << 1,  /* the --fix drop-in resolves it */
        RULE_EFFECTIVE    = 1 << 2,  /* judges effective values: moot for a unit that cannot run */
        RULE_LIVE         = 1 << 3,  /* asks the running manager: only with --live, and all that
                                        --live --quiet (the watchdog) reports */
};

struct rule {
        const char *id;              /* "HG004" */
        const char *name;            /* "start-limit-disabled" */
        enum severity default_severity;
        unsigned flags;
        const char *summary;         /* one line, for --list-rules, SARIF shortDescription; the
                                        full help is the man page's (rulehelp.h) */
        rule_check_fn check;         /* per unit, or NULL */
        rule_check_run_fn check_run; /* once per run, or NULL */
};

extern const struct rule rules[];
extern const size_t n_rules;

/* By ID ("HG004", any case) or name ("start-limit-disabled"); NULL if unknown. */
const struct rule *rule_find(const char *id_or_name);
/* Index in rules[] (SARIF ruleIndex). */
size_t rule_index(const struct rule *r);

/* The checks, one per file in lint/rules/. */
void check_restart_missing(const struct lint_ctx *, const struct lint_unit *, struct findings *);
void check_restart_always(const struct lint_ctx *, const struct lint_unit *, struct findings *);
void check_restart_sec_too_low(const struct lint_ctx *, const struct lint_unit *, struct findings *);
void check_start_limit_disabled(const struct lint_ctx *, const struct lint_unit *, struct findings *);
void check_start_limit_never_trips(const struct lint_ctx *, const struct lint_unit *, struct findings *);
void check_restart_prevent_78_missing(const struct lint_ctx *, const struct lint_unit *, struct findings *);
void check_planned_restart_lost(const struct lint_ctx *, const struct lint_unit *, struct findings *);
void check_key_wrong_section(const struct lint_ctx *, const struct lint_unit *, struct findings *);
void check_key_legacy(const struct lint_ctx *, const struct lint_unit *, struct findings *);
void check_key_near_miss(const struct lint_ctx *, const struct lint_unit *, struct findings *);
void check_value_invalid(const struct lint_ctx *, const struct lint_unit *, struct findings *);
void check_empty_assignment_ignored(const struct lint_ctx *, const struct lint_unit *, struct findings *);
void check_month_not_minute(const struct lint_ctx *, const struct lint_unit *, struct findings *);
void check_dropin_not_read(const struct lint_ctx *, const struct lint_unit *, struct findings *);
void check_dropin_not_read_files(const struct lint_ctx *, struct findings *);
void check_guardrail_overridden(const struct lint_ctx *, const struct lint_unit *, struct findings *);
void check_hermes_unit_edited(const struct lint_ctx *, const struct lint_unit *, struct findings *);
void check_linger_off(const struct lint_ctx *, const struct lint_unit *, struct findings *);
void check_wantedby_multi_user(const struct lint_ctx *, const struct lint_unit *, struct findings *);
void check_key_needs_newer_systemd(const struct lint_ctx *, const struct lint_unit *, struct findings *);
void check_line_ignored(const struct lint_ctx *, const struct lint_unit *, struct findings *);
void check_file_refused(const struct lint_ctx *, const struct lint_unit *, struct findings *);
void check_value_changed(const struct lint_ctx *, const struct lint_unit *, struct findings *);
void check_hermes_token_shared(const struct lint_ctx *, struct findings *);
void check_hermes_cron_own_gateway(const struct lint_ctx *, struct findings *);
void check_hermes_cron_other_gateway(const struct lint_ctx *, struct findings *);
void check_hermes_cron_script_invalid(const struct lint_ctx *, struct findings *);
void check_hermes_file_unreadable(const struct lint_ctx *, struct findings *);
void check_hermes_file_partly_read(const struct lint_ctx *, struct findings *);
void check_gateway_crash_looping(const struct lint_ctx *, struct findings *);
void check_gateway_gave_up(const struct lint_ctx *, struct findings *);
void check_gateway_config_fatal(const struct lint_ctx *, struct findings *);
void check_guardrail_not_loaded(const struct lint_ctx *, struct findings *);
void check_profile_gateway_missing(const struct lint_ctx *, struct findings *);
void check_unit_profile_missing(const struct lint_ctx *, const struct lint_unit *, struct findings *);
void check_profile_scope_mismatch(const struct lint_ctx *, const struct lint_unit *, struct findings *);
void check_hermes_cron_send_message(const struct lint_ctx *, struct findings *);
void check_hermes_cron_duplicate(const struct lint_ctx *, struct findings *);
void check_hermes_cron_stuck(const struct lint_ctx *, struct findings *);
void check_hermes_cron_no_failure_rule(const struct lint_ctx *, struct findings *);
void check_hermes_cron_no_archive(const struct lint_ctx *, struct findings *);
