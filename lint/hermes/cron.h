/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Hermes cron jobs that take a gateway down, and scripts that cannot run.
 *
 * Every profile keeps its jobs in <home>/cron/jobs.json ({"jobs": [...],
 * "updated_at": ...}). A job runs when job.get("enabled", True) is truthy and
 * its state is not "paused" (cron/jobs.py). An agent job's prompt goes to the
 * LLM, which runs the commands it is told to; any job may have a script, which
 * Hermes runs from <home>/scripts/ (cron/scheduler.py _run_job_script(): "~" is
 * expanded, a relative path is taken under <home>/scripts/, the result is
 * resolved like Python's Path.resolve() and must stay inside the resolved
 * scripts directory; a no_agent job without a script fails every tick).
 *
 * Gateway lifecycle commands. Hermes rejects NEW jobs whose prompt or script
 * matches cron/lifecycle_guard.py _GATEWAY_LIFECYCLE_PATTERN (mirrored here
 * exactly, with glibc's POSIX regex); old jobs, hand-edited jobs.json and
 * edited scripts are never checked again. A cron job runs inside its profile's
 * gateway, so a command that restarts or stops that gateway kills the job's own
 * runner, and under Restart= the gateway comes back and may do it again. This
 * module goes one step further than the pattern and works out which gateway a
 * command hits:
 *   hermes [-p|--profile NAME] gateway restart|stop [--all]
 *       (also NAME gateway ... for a profile's wrapper command, and
 *       python -m hermes_cli.main ...; "start" is left alone, as upstream does);
 *   systemctl [options] VERB UNIT... with VERB restart, try-restart,
 *       reload-or-restart, try-reload-or-restart, condrestart, force-reload,
 *       stop, kill, start, or disable/mask/enable --now, and UNIT a gateway unit
 *       (hermes-gateway[-NAME][.service], hermes.service, globs);
 *   kill, pkill, killall (also after xargs) on a line that names the Hermes
 *       gateway (hermes and gateway, or a gateway.pid file).
 * Without a profile named, "hermes gateway ..." and $HERMES_HOME/gateway.pid
 * mean the job's own profile; a process-name kill and --all mean every gateway.
 * Text that matches the upstream pattern but none of these shapes is reported
 * as hitting the job's own gateway (every gateway, for the pkill branches).
 */

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "home.h"

enum cron_action {
        CRON_ACTION_RESTART,
        CRON_ACTION_STOP,
        CRON_ACTION_KILL,
        CRON_ACTION_START,
};

const char *cron_action_name(enum cron_action a);   /* "restart" "stop" "kill" "start" */

enum cron_target {
        CRON_TARGET_OWN,     /* the gateway the job runs in */
        CRON_TARGET_ALL,     /* every gateway of the user */
        CRON_TARGET_OTHER,   /* another profile's gateway (target_name) */
};

/* One lifecycle command found in a text. */
struct cron_command {
        unsigned line;           /* 1-based, in the scanned text */
        enum cron_action action;
        enum cron_target target;
        char *target_name;       /* OTHER: the profile (or, when not a profile, the unit) */
        char *command;           /* what was recognised, rebuilt from known words only
                                    (e.g. "systemctl restart hermes-gateway-work.service"):
                                    never a copy of the text, which may hold secrets */
        bool upstream_match;     /* Hermes' own creation-time check matches this line */
};

/*
 * Scans text for gateway lifecycle commands, for a job of profile own among
 * profiles (names; own is one of them). Returns 0 and the commands in text order,
 * or -ENOMEM.
 */
int cron_scan_text(const char *text, const char *own, char *const *profiles,
                   struct cron_command **ret, size_t *ret_n);
void cron_commands_free(struct cron_command *c, size_t n);

/* Does text match upstream's _GATEWAY_LIFECYCLE_PATTERN? (Tests and the man page
 * rely on it being the same.) */
bool cron_upstream_matches(const char *text);

/* Every match of the pattern's five branches (cron_upstream.c lists them), as a
 * regex search from the end of the previous match finds them: the branch, the
 * line and byte offset where it starts, and the action its words name. Sorted by
 * line, branch, offset. Linear in the text. Returns 0, or -ENOMEM. */
#define CRON_UPSTREAM_BRANCHES 5u
struct cron_upstream_match {
        unsigned branch, line;
        size_t offset;
        enum cron_action action;
};
int cron_upstream_scan(const char *text, struct cron_upstream_match **ret, size_t *ret_n);
/* The order of cron_upstream_scan()'s matches (line, branch, offset), for qsort(). */
int cron_upstream_match_cmp(const void *a, const void *b);

/* A lifecycle command in an enabled job. */
struct cron_lifecycle {
        size_t profile;          /* index into hermes_home.profiles: whose job it is */
        char *job;               /* "\"morning brief\" (id a1b2c3)", control characters replaced */
        char *file;              /* jobs.json (the prompt) or the script */
        unsigned line, column;   /* of the "prompt" value in jobs.json, or in the script (column 1) */
        bool in_script;
        struct cron_command cmd;
};

enum cron_script_problem {
        CRON_SCRIPT_NONE_FOR_NO_AGENT,  /* no_agent job without a script */
        CRON_SCRIPT_OUTSIDE,            /* resolves outside <home>/scripts/: Hermes blocks it */
        CRON_SCRIPT_NOT_FOUND,
        CRON_SCRIPT_NOT_A_FILE,
};

struct cron_script_issue {
        size_t profile;
        char *job;
        char *file;              /* jobs.json */
        unsigned line, column;   /* of the "script" value, or of the job */
        enum cron_script_problem problem;
        char *script;            /* as written; NULL for NONE_FOR_NO_AGENT */
        char *resolved;          /* where it resolves; NULL for NONE_FOR_NO_AGENT */
        char *scripts_dir;       /* the resolved <home>/scripts */
};

struct cron_report {
        struct cron_lifecycle *lifecycle;
        size_t n_lifecycle;
        struct cron_script_issue *scripts;
        size_t n_scripts;
};

/*
 * Checks the enabled jobs of every profile of h, as loaded with HERMES_LOAD_JOBS
 * (home.h: reading and parsing jobs.json reports there). user_home expands "~" in
 * script paths (NULL: $HOME). A jobs.json of the wrong shape is a
 * DIAG_HERMES_CRON_SHAPE error at the offending value; a bare array (Hermes
 * rewrites it) is a DIAG_HERMES_CRON_BARE_ARRAY warning; a job script that
 * cannot be read is a DIAG_UNREADABLE warning. Returns 0 and *ret, or -ENOMEM.
 */
int hermes_cron_check(const struct hermes_home *h, const char *user_home, struct cron_report **ret,
                      struct diag_list *diags);
void cron_report_free(struct cron_report *r);
