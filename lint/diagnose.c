/* SPDX-License-Identifier: MIT */
/*
 * hermes-unit-lint diagnose: options, the profiles, the reports. See diagnose.h
 * and hermes-unit-lint(1), DIAGNOSE.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "diagnose.h"
#include "guardrail_dropin.h"
#include "hermes/cron.h"
#include "hermes/home.h"
#include "jsonw.h"
#include "lint.h"
#include "live.h"
#include "log.h"
#include "ruleutil.h"
#include "sanitize.h"
#include "status.h"
#include "strv.h"

#define DEFAULT_WINDOW_USEC (24 * 3600 * (int64_t) 1000000)
#define MAX_ROTATIONS 99

struct dargs {
        char *hermes_home;
        const char *profile;
        int64_t now, since;          /* since: 0 = the default window */
        bool no_journal, no_manager, system_scope, json, print_patterns;
        char **journal_files;
        char **logs;
};

/* One profile's (or --log's) result. */
enum dwindow { DWINDOW_DEFAULT, DWINDOW_SINCE, DWINDOW_UNIT_START, DWINDOW_RESTARTS };

struct dreport {
        const struct hermes_profile *p;   /* NULL: --log */
        bool system_scope;
        const struct live_unit *lu;       /* the manager's answer; NULL: not asked or not answered */
        const char *guardrail;            /* "loaded", "on disk only", "none" (when lu) */
        enum dwindow window;
        struct dstate lines;
        const struct dproblem **all;      /* every problem, most recent first */
        size_t n_all;
        struct dproblem_list other;       /* jobs.json, the profile's files, scripts */
        unsigned long journal_entries;
        bool journal_read;
};

/* The manager, asked once for every profile's unit. */
struct dmanager {
        struct live_state *live;          /* NULL: not asked, or no answer */
        char **search_path;               /* where a guardrail drop-in would be */
};

static void help(void) {
        printf("Usage: hermes-unit-lint diagnose [OPTIONS]\n\n"
               "Tells which of five failures a Hermes gateway or cron job has: transport (the\n"
               "messaging platform), provider-auth (the model provider), profile-scope, scheduler\n"
               "or delivery, from the profiles' log files, the units' journal and cron/jobs.json.\n\n"
               "  -h --help                show this help\n"
               "     --hermes-home DIR     the Hermes home (default: $HERMES_HOME, else ~/.hermes)\n"
               "     --profile NAME        only this profile (default: all)\n"
               "     --since TIME          lines from TIME on (default: the unit's last start when the manager\n"
               "                           answers, else 24 hours before --now)\n"
               "     --now TIME            the time to judge \"overdue\" and \"since\" by (default: now)\n"
               "     --no-journal          do not read the journal\n"
               "     --no-manager          do not ask the service manager (the units' state, their last start)\n"
               "     --journal-file FILE   read the journal from FILE (repeatable) instead of the local one\n"
               "     --log FILE|-          classify just the lines of FILE (repeatable; - is stdin)\n"
               "     --user | --system     the units' scope (default: --user)\n"
               "     --format=text|json\n"
               "     --print-patterns      print the classifier's patterns (grep -E -f) and exit\n\n"
               "TIME: 2026-05-03T07:00:00+00:00, \"2026-05-03 07:00:00\" (local time) or @SECONDS.\n"
               "Exit status: 0 nothing found, 1 problems, 2 unreadable input or usage error.\n");
}

static int parse_time(const char *opt, const char *s, int64_t *ret) {
        char *end;

        if (s[0] == '@') {
                long long v = strtoll(s + 1, &end, 10);
                if (end > s + 1 && !*end) {
                        *ret = v * 1000000;
                        return 0;
                }
        } else if ((*ret = dtime_parse_iso(s)) >= 0)
                return 0;
        return log_error_errno(EINVAL, "--%s: not a time: \"%s\" (see --help).", opt, s);
}

enum {
        ARG_HERMES_HOME = 0x100, ARG_PROFILE, ARG_SINCE, ARG_NOW, ARG_NO_JOURNAL, ARG_NO_MANAGER, ARG_JOURNAL_FILE,
        ARG_LOG, ARG_USER, ARG_SYSTEM, ARG_FORMAT, ARG_PRINT_PATTERNS,
};

static int parse_option(struct dargs *a, int c, const char *arg) {
        switch (c) {
        case 'h':
                help();
                return 0;
        case ARG_HERMES_HOME:
                free(a->hermes_home);
                return (a->hermes_home = path_abs_clean(arg)) ? 1 : -ENOMEM;
        case ARG_PROFILE:
                a->profile = arg;
                return 1;
        case ARG_SINCE:
                return parse_time("since", arg, &a->since) < 0 ? -EINVAL : 1;
        case ARG_NOW:
                return parse_time("now", arg, &a->now) < 0 ? -EINVAL : 1;
        case ARG_NO_JOURNAL:
                a->no_journal = true;
                return 1;
        case ARG_NO_MANAGER:
                a->no_manager = true;
                return 1;
        case ARG_JOURNAL_FILE:
                return strv_extend(&a->journal_files, arg) < 0 ? -ENOMEM : 1;
        case ARG_LOG:
                return strv_extend(&a->logs, arg) < 0 ? -ENOMEM : 1;
        case ARG_USER:
        case ARG_SYSTEM:
                a->system_scope = c == ARG_SYSTEM;
                return 1;
        case ARG_FORMAT:
                if (strcmp(arg, "text") != 0 && strcmp(arg, "json") != 0)
                        return log_error_errno(EINVAL, "--format: unknown value \"%s\" (text or json).", arg);
                a->json = strcmp(arg, "json") == 0;
                return 1;
        case ARG_PRINT_PATTERNS:
                a->print_patterns = true;
                return 1;
        default:
                return -EINVAL;
        }
}

/* Returns 1 to go on, 0 to exit successfully (--help), < 0 on a usage error. */
static int parse_argv(int argc, char **argv, struct dargs *a) {
        static const struct option options[] = {
                { "help",           no_argument,       NULL, 'h' },
                { "hermes-home",    required_argument, NULL, ARG_HERMES_HOME },
                { "profile",        required_argument, NULL, ARG_PROFILE },
                { "since",          required_argument, NULL, ARG_SINCE },
                { "now",            required_argument, NULL, ARG_NOW },
                { "no-journal",     no_argument,       NULL, ARG_NO_JOURNAL },
                { "no-manager",     no_argument,       NULL, ARG_NO_MANAGER },
                { "journal-file",   required_argument, NULL, ARG_JOURNAL_FILE },
                { "log",            required_argument, NULL, ARG_LOG },
                { "user",           no_argument,       NULL, ARG_USER },
                { "system",         no_argument,       NULL, ARG_SYSTEM },
                { "format",         required_argument, NULL, ARG_FORMAT },
                { "print-patterns", no_argument,       NULL, ARG_PRINT_PATTERNS },
                {}
        };
        int c, r;

        optind = 0;
        while ((c = getopt_long(argc, argv, "h", options, NULL)) >= 0)
                if ((r = parse_option(a, c, optarg)) <= 0)
                        return r;
        if (optind < argc)
                return log_error_errno(EINVAL, "diagnose: unexpected argument \"%s\" (see --help).", argv[optind]);
        if (a->logs && (a->profile || a->journal_files))
                return log_error_errno(EINVAL, "diagnose: --log classifies only the lines given; it takes "
                                       "no --profile or --journal-file.");
        return 1;
}

/* ---- reading ------------------------------------------------------------------------- */

/* <logs>/<name>, <name>.1 ... as Python's RotatingFileHandler names them. A missing file is
 * no lines. Returns 0, or -errno of a file that exists and cannot be read (reported). */
static int feed_rotated(struct dstate *s, const char *dir, const char *name) {
        int failed = 0;

        for (int k = 0; k <= MAX_ROTATIONS; k++) {
                char *path;
                int r;
                if ((k ? asprintf(&path, "%s/%s.%d", dir, name, k) : asprintf(&path, "%s/%s", dir, name)) < 0)
                        return -ENOMEM;
                r = dstate_feed_file(s, path, true);
                if (r == -ENOMEM) {
                        free(path);
                        return r;
                }
                if (r == -EBADF)
                        failed = log_error_errno(r, "%s: cannot read: not a regular file", path_shown(path));
                else if (r < 0 && r != -ENOENT)
                        failed = log_error_errno(r, "%s: cannot read: %m", path_shown(path));
                free(path);
                if (r == -ENOENT && k > 0)
                        break;
        }
        return failed;
}

static int read_profile_lines(const struct dargs *a, struct dreport *rep, int *input_errors) {
        static const char *const files[] = { "agent.log", "errors.log", "gateway.log" };
        char *dir;
        int r = 0;

        if (asprintf(&dir, "%s/logs", rep->p->home) < 0)
                return -ENOMEM;
        for (size_t i = 0; r >= 0 && i < sizeof(files) / sizeof(files[0]); i++)
                if ((r = feed_rotated(&rep->lines, dir, files[i])) < 0 && r != -ENOMEM) {
                        (*input_errors)++;
                        r = 0;
                }
        free(dir);
        if (r < 0 || a->no_journal)
                return r;
        r = dstate_feed_journal(&rep->lines, a->journal_files, rep->p->unit, a->system_scope,
                                rep->lines.since_usec, &rep->journal_entries);
        if (r == -ENOMEM)
                return r;
        if (r < 0) {
                if (a->journal_files) {
                        log_error_errno(r, "--journal-file: cannot read the journal: %m");
                        (*input_errors)++;
                } else
                        log_debug("No local journal to read (%s).", strerror(-r));
                return 0;
        }
        rep->journal_read = true;
        return 0;
}

/* The script problems the lint's cron check finds, as scheduler problems of their profile. */
static int add_script_problems(const struct cron_report *cr, size_t profile, struct dproblem_list *out) {
        static const char *const what[] = {
                [CRON_SCRIPT_NONE_FOR_NO_AGENT] = "is no_agent but has no script: it fails at every run",
                [CRON_SCRIPT_OUTSIDE] = "has a script outside the profile's scripts/: Hermes refuses it",
                [CRON_SCRIPT_NOT_FOUND] = "has a script that does not exist: it fails at every run",
                [CRON_SCRIPT_NOT_A_FILE] = "has a script that is not a regular file: it fails at every run",
        };

        for (size_t i = 0; cr && i < cr->n_scripts; i++) {
                const struct cron_script_issue *s = &cr->scripts[i];
                struct dproblem *pr;
                if (s->profile != profile)
                        continue;
                if (!(pr = dproblem_list_add(out, DCLASS_SCHEDULER, -1)) ||
                    asprintf(&pr->summary, "cron job %s %s", s->job, what[s->problem]) < 0 ||
                    !(pr->next = strdup("Put the script in <home>/scripts/ and name it relative to that "
                                        "directory (the lint rule HG026 reports it too).")) ||
                    devidence_set(&pr->ev[0], s->file, s->line, s->script ? s->script : "(no script)",
                                  (struct dorder) {}) < 0)
                        return -ENOMEM;
                pr->n_ev = 1;
        }
        return 0;
}

/* ---- output ---------------------------------------------------------------------------- */

static const char *summary_of(const struct dproblem *p) {
        if (p->summary)
                return p->summary;
        if (p->row >= 0)
                return drows[p->row].summary;
        return "an ERROR line that no row of the classifier knows";
}

static const char *next_of(const struct dproblem *p) {
        if (p->next)
                return p->next;
        if (p->row >= 0 && drows[p->row].next)
                return drows[p->row].next;
        return "Read the line and the ones around it; if it is a known failure, the classifier "
               "table (lint/diagnose_table.c) wants a row for it.";
}

static void print_evidence_text(const struct devidence *e) {
        char t[32];

        if (e->manager)
                sanitize_fprintf(stdout, "    manager: %s", e->text);
        else if (e->file && e->line)
                sanitize_fprintf(stdout, "    %s:%lu: %s", path_shown(e->file), e->line, e->text);
        else if (e->file)
                sanitize_fprintf(stdout, "    %s: %s", path_shown(e->file), e->text);
        else
                sanitize_fprintf(stdout, "    journal %s (cursor %s): %s", dtime_format(e->order.usec, t),
                                 e->cursor ? e->cursor : "?", e->text);
        putchar('\n');
}

static void print_problem_text(const struct dproblem *p) {
        sanitize_fprintf(stdout, "  %s: %s", dclass_name(p->class), summary_of(p));
        putchar('\n');
        for (size_t i = 0; i < p->n_ev; i++)
                print_evidence_text(&p->ev[i]);
        sanitize_fprintf(stdout, "    next: %s", next_of(p));
        putchar('\n');
}

static const char *window_name(enum dwindow w) {
        return w == DWINDOW_SINCE ? "since" : w == DWINDOW_UNIT_START ? "unit-start" :
               w == DWINDOW_RESTARTS ? "restarts" : "default";
}

/* "failed/failed, 5 restarts, last exit 1 (exit-code)", or "not installed". */
static void live_words(const struct live_unit *lu, char *buf, size_t size) {
        char code[32];

        if (strcmp(lu->load_state, "not-found") == 0) {
                snprintf(buf, size, "not installed (the manager does not know it)");
                return;
        }
        snprintf(buf, size, "%s/%s, %u restart%s, last exit %s%s%s%s", lu->active_state, lu->sub_state,
                 lu->n_restarts, lu->n_restarts == 1 ? "" : "s", live_last_exit(lu, code),
                 lu->is_service && lu->result[0] ? " (" : "", lu->is_service ? lu->result : "",
                 lu->is_service && lu->result[0] ? ")" : "");
}

static void print_unit_text(const struct dreport *r) {
        char state[512], t[32];

        if (r->lu) {
                live_words(r->lu, state, sizeof(state));
                sanitize_fprintf(stdout, "  unit: %s; guardrail %s", state, r->guardrail);
                putchar('\n');
        }
        printf("  lines since %s (%s)\n", dtime_format(r->lines.since_usec, t),
               r->window == DWINDOW_SINCE ? "--since" :
               r->window == DWINDOW_UNIT_START ? "the unit's last start" :
               r->window == DWINDOW_RESTARTS ? "restarted automatically: the last 24 hours, or back to its first "
                                               "restart when earlier" : "the last 24 hours");
}

static void report_text(struct dreport *reps, size_t n, char **notes) {
        for (size_t i = 0; notes && notes[i]; i++) {
                sanitize_fprintf(stdout, "note: %s", notes[i]);
                putchar('\n');
        }
        for (size_t i = 0; i < n; i++) {
                struct dreport *r = &reps[i];
                if (r->p)
                        sanitize_fprintf(stdout, "profile %s (%s, %s)", r->p->name, r->p->unit, path_shown(r->p->home));
                else
                        fputs("lines given (--log)", stdout);
                putchar('\n');
                if (r->p)
                        print_unit_text(r);
                for (size_t k = 0; k < r->n_all; k++)
                        print_problem_text(r->all[k]);
                if (r->n_all == 0)
                        puts("  no problem found");
        }
}

static void json_redacted(struct jsonw *w, const char *key, const char *s) {
        char *red = s ? sanitize_redact(s) : NULL;

        jsonw_member_string(w, key, s ? (red ? red : "[redaction failed]") : NULL);
        free(red);
}

static void print_problem_json(struct jsonw *w, const struct dproblem *p) {
        char t[32];

        jsonw_object_begin(w);
        jsonw_member_string(w, "class", dclass_name(p->class));
        json_redacted(w, "summary", summary_of(p));
        jsonw_key(w, "evidence");
        jsonw_array_begin(w);
        for (size_t i = 0; i < p->n_ev; i++) {
                const struct devidence *e = &p->ev[i];
                jsonw_object_begin(w);
                jsonw_member_string(w, "file", e->file ? path_shown(e->file) : NULL);
                jsonw_member_uint(w, "line", e->line);
                jsonw_member_string(w, "time", e->order.usec > 0 ? dtime_format(e->order.usec, t) : NULL);
                jsonw_member_string(w, "cursor", e->cursor);
                json_redacted(w, "text", e->text);
                jsonw_member_string(w, "kind", e->manager ? "manager" : e->file ? "file" : "journal");
                jsonw_object_end(w);
        }
        jsonw_array_end(w);
        json_redacted(w, "next", next_of(p));
        jsonw_member_string(w, "source", p->row >= 0 ? drows[p->row].source : NULL);
        jsonw_object_end(w);
}

static void report_json(const struct dargs *a, const struct dmanager *m, struct dreport *reps, size_t n,
                        char **notes) {
        struct jsonw w;
        char t[32];

        jsonw_init(&w, stdout);
        jsonw_object_begin(&w);
        jsonw_member_string(&w, "format", "hermes-unit-lint-diagnose");
        jsonw_member_uint(&w, "version", 1);
        jsonw_member_string(&w, "tool_version", VERSION);
        jsonw_member_string(&w, "now", dtime_format(a->now, t));
        jsonw_key(&w, "manager");
        if (m) {
                jsonw_object_begin(&w);
                jsonw_member_string(&w, "scope", a->system_scope ? "system" : "user");
                jsonw_key(&w, "answered");
                jsonw_bool(&w, m->live != NULL);
                jsonw_key(&w, "version");
                if (m->live && m->live->version)
                        jsonw_uint(&w, m->live->version);
                else
                        jsonw_null(&w);
                jsonw_object_end(&w);
        } else
                jsonw_null(&w);
        jsonw_key(&w, "notes");
        jsonw_array_begin(&w);
        for (size_t i = 0; notes && notes[i]; i++)
                jsonw_string(&w, notes[i]);
        jsonw_array_end(&w);
        jsonw_key(&w, "profiles");
        jsonw_array_begin(&w);
        for (size_t i = 0; i < n; i++) {
                jsonw_object_begin(&w);
                jsonw_member_string(&w, "profile", reps[i].p ? reps[i].p->name : NULL);
                jsonw_member_string(&w, "unit", reps[i].p ? reps[i].p->unit : NULL);
                jsonw_member_string(&w, "home", reps[i].p ? path_shown(reps[i].p->home) : NULL);
                status_gateway_members(&w, reps[i].lu, reps[i].lu != NULL, reps[i].guardrail);
                jsonw_member_string(&w, "window", reps[i].p ? window_name(reps[i].window) : NULL);
                jsonw_member_string(&w, "window_start", reps[i].p && reps[i].lines.since_usec ?
                                    dtime_format(reps[i].lines.since_usec, t) : NULL);
                jsonw_member_uint(&w, "lines_read", reps[i].lines.lines);
                jsonw_key(&w, "problems");
                jsonw_array_begin(&w);
                for (size_t k = 0; k < reps[i].n_all; k++)
                        print_problem_json(&w, reps[i].all[k]);
                jsonw_array_end(&w);
                jsonw_object_end(&w);
        }
        jsonw_array_end(&w);
        jsonw_object_end(&w);
        jsonw_finish(&w);
}

/* ---- the run ------------------------------------------------------------------------------ */

static int64_t now_usec(void) {
        struct timespec ts;

        clock_gettime(CLOCK_REALTIME, &ts);
        return (int64_t) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static int diagnose_logs(const struct dargs *a, const struct dclassifier *c, struct dreport *rep,
                         int *input_errors) {
        int r = dstate_init(&rep->lines, c, a->since);

        for (size_t i = 0; r == 0 && a->logs[i]; i++) {
                r = dstate_feed_file(&rep->lines, a->logs[i], false);
                if (r < 0 && r != -ENOMEM) {
                        log_error_errno(r, "%s: cannot read: %m", a->logs[i]);
                        (*input_errors)++;
                        r = 0;
                }
        }
        return r;
}

/* "loaded" (in the manager's DropInPaths), "on disk only" (in a drop-in dir of the search
 * path, not loaded: no daemon-reload since), or "none". */
static const char *guardrail_state(const struct live_unit *lu, char *const *search_path) {
        for (size_t i = 0; lu->dropin_paths[i]; i++)
                if (is_guardrail_dropin(lu->dropin_paths[i]))
                        return "loaded";
        for (size_t i = 0; search_path && search_path[i]; i++) {
                char *f;
                bool there;
                if (asprintf(&f, "%s/%s.d/" GUARDRAIL_DROPIN_NAME, search_path[i], lu->name) < 0)
                        return "none";
                there = access(f, F_OK) == 0;
                free(f);
                if (there)
                        return "on disk only";
        }
        return "none";
}

/*
 * The window of lines: --since; else, when the manager answers:
 *  - a unit not restarted automatically since it was last started (NRestarts=0): from
 *    that start (ExecMainStartTimestamp, to the second);
 *  - a unit the manager restarted (a crash loop, or one that gave up at its start
 *    limit): the start of its last attempt is no good (in a loop the attempt running now
 *    may not have logged its failure yet), and the manager does not keep where the loop
 *    began: every automatic restart moves ExecMainStart-, ActiveEnter- and
 *    InactiveExitTimestamp alike (systemd 252 passes through inactive at each attempt,
 *    tests/e2e/test-diagnose-live.sh). So the last 24 hours, or from NRestarts x
 *    RestartSec before its last attempt when that is earlier (a unit that gave up days
 *    ago): every failed attempt is in the window.
 * Else (no manager, a unit it does not know or that never ran) the last 24 hours.
 */
static int64_t window_start(const struct dargs *a, const struct dreport *rep, enum dwindow *ret) {
        const struct live_unit *lu = rep->lu;
        int64_t day = a->now - DEFAULT_WINDOW_USEC, started;

        if (a->since) {
                *ret = DWINDOW_SINCE;
                return a->since;
        }
        if (!lu || lu->exec_main_started == 0) {
                *ret = DWINDOW_DEFAULT;
                return day;
        }
        started = (int64_t) (lu->exec_main_started / 1000000) * 1000000;
        if (lu->n_restarts == 0) {
                *ret = DWINDOW_UNIT_START;
                return started;
        }
        *ret = DWINDOW_RESTARTS;
        started -= (int64_t) lu->n_restarts * (int64_t) (lu->restart_usec < 86400000000ULL ? lu->restart_usec : 0);
        return started < day ? started : day;
}

static int diagnose_profile(const struct dargs *a, const struct dclassifier *c, const struct hermes_home *h,
                            const struct cron_report *cr, const struct dmanager *m, size_t i, struct dreport *rep,
                            int *input_errors) {
        int r;

        rep->p = &h->profiles[i];
        rep->system_scope = a->system_scope;
        rep->lu = live_find(m->live, rep->p->unit);
        if (rep->lu)
                rep->guardrail = guardrail_state(rep->lu, m->search_path);
        r = dstate_init(&rep->lines, c, window_start(a, rep, &rep->window));
        if (r == 0)
                r = read_profile_lines(a, rep, input_errors);
        if (r == 0)
                r = diagnose_profile_files(rep->p, strcmp(h->profiles[0].name, "default") == 0 ? &h->profiles[0] : NULL,
                                           &rep->other);
        if (r == 0)
                r = diagnose_jobs(c, rep->p, a->now, &rep->other);
        if (r == 0)
                r = add_script_problems(cr, i, &rep->other);
        return r;
}

static int problem_recent_first(const void *x, const void *y) {
        const struct dproblem *a = *(const struct dproblem *const *) x, *b = *(const struct dproblem *const *) y;

        if (a->last.usec != b->last.usec)
                return a->last.usec < b->last.usec ? 1 : -1;
        return a->last.seq < b->last.seq ? 1 : a->last.seq > b->last.seq ? -1 : 0;
}

/* Is the gateway down as the manager sees it: failed, or restarted again and again? */
static bool unit_down(const struct live_unit *lu) {
        return lu && strcmp(lu->load_state, "not-found") != 0 &&
               (strcmp(lu->active_state, "failed") == 0 || live_restarting(lu));
}

static int manager_evidence(const struct dreport *rep, struct devidence *e) {
        char state[512], t[32], *text;
        int r;

        live_words(rep->lu, state, sizeof(state));
        if (rep->lu->exec_main_started > 0)
                r = asprintf(&text, "%s is %s; last attempt started %s", rep->lu->name, state,
                             dtime_format((int64_t) rep->lu->exec_main_started, t));
        else
                r = asprintf(&text, "%s is %s", rep->lu->name, state);
        if (r < 0)
                return -ENOMEM;
        r = devidence_set(e, NULL, 0, text, (struct dorder) { .usec = (int64_t) rep->lu->state_change });
        free(text);
        e->manager = true;
        return r;
}

/*
 * A gateway the manager reports down: the most recent problem from its lines (a known one
 * before an unclassified ERROR) is what explains it, and gets the manager's view as its
 * first evidence; without one, "unit is down" is a problem of its own.
 */
static int explain_down(struct dreport *rep, const struct dproblem **lines, size_t n) {
        const char *user = rep->system_scope ? "" : "--user ";
        struct dproblem *p = NULL;
        struct devidence e;
        int r;

        if (!unit_down(rep->lu))
                return 0;
        for (size_t i = 0; !p && i < n; i++)
                if (lines[i]->class != DCLASS_UNCLASSIFIED)
                        p = (struct dproblem *) lines[i];   /* owned by rep->lines */
        if (!p && n > 0)
                p = (struct dproblem *) lines[0];
        if ((r = manager_evidence(rep, &e)) < 0)
                return r;
        if (p) {
                memmove(&p->ev[1], &p->ev[0], p->n_ev * sizeof(p->ev[0]));
                p->ev[0] = e;
                p->n_ev++;
                return 0;
        }
        if (!(p = dproblem_list_add(&rep->other, DCLASS_UNCLASSIFIED, -1))) {
                free(e.text), free(e.key);
                return -ENOMEM;
        }
        p->ev[0] = e;
        p->n_ev = 1;
        p->last = e.order;
        if (asprintf(&p->summary, "unit is down (%s), and no line in the window explains it",
                     live_restarting(rep->lu) ? "restarted again and again" : "failed") < 0 ||
            asprintf(&p->next, "Read what the gateway wrote before it exited: `journalctl %s-u %s -n 100` "
                     "(exit 78 is Hermes' configuration exit: a start-up conflict such as a bot token another "
                     "profile holds). After the fix: `systemctl %sreset-failed %s`, then start it.",
                     user, rep->lu->name, user, rep->lu->name) < 0)
                return -ENOMEM;
        return 0;
}

/* The problems from the lines and the others, most recent first (stable for equal times). */
static int collect_problems(struct dreport *rep) {
        const struct dproblem **lines;
        size_t n;
        int r = dstate_problems(&rep->lines, &lines, &n);

        if (r < 0)
                return r;
        if ((r = explain_down(rep, lines, n)) < 0) {
                free(lines);
                return r;
        }
        rep->all = calloc(n + rep->other.n + 1, sizeof(*rep->all));
        if (!rep->all) {
                free(lines);
                return -ENOMEM;
        }
        for (size_t i = 0; i < rep->other.n; i++)
                rep->all[rep->n_all++] = &rep->other.p[i];
        for (size_t i = 0; i < n; i++)
                rep->all[rep->n_all++] = lines[i];
        free(lines);
        qsort(rep->all, rep->n_all, sizeof(*rep->all), problem_recent_first);
        return 0;
}

static char *default_hermes_home(void) {
        const char *e = getenv("HERMES_HOME"), *home = getenv("HOME");
        char *s;

        if (e && *e)
                return path_abs_clean(e);
        return home && asprintf(&s, "%s/.hermes", home) >= 0 ? s : NULL;
}

/* Runs the profiles; returns the number of reports or -errno. */
/* Asks the manager about the units of the profiles diagnosed (one query, bounded by
 * LIVE_TIMEOUT_USEC). No answer is a note, not an error: the files still speak. */
static int ask_manager(const struct dargs *a, const struct hermes_home *h, ssize_t only, struct dmanager *m,
                       char ***notes) {
        struct lint_options o = { .scope = a->system_scope ? SCOPE_SYSTEM : SCOPE_USER };
        char **names = NULL, *cause = NULL, *note = NULL;
        int r = 0;

        for (size_t i = 0; r >= 0 && i < h->n_profiles; i++)
                if ((only < 0 || (size_t) only == i) && !strv_contains(names, h->profiles[i].unit))
                        r = strv_extend(&names, h->profiles[i].unit);
        if (r >= 0)
                r = live_query(o.scope, names, NULL, (uid_t) -1, NULL, &m->live, &cause);
        strv_free(names);
        if (r == -ENOMEM)
                return r;
        if (r < 0) {
                m->live = NULL;
                r = asprintf(&note, "manager not reachable: working from files (%s); log files and the journal "
                             "are read for the last 24 hours (or --since), the units' live state is not shown",
                             cause ? cause : strerror(-r)) < 0 ? -ENOMEM : strv_extend(notes, note);
                free(note);
                free(cause);
                return r;
        }
        if (lint_search_path(&o, &m->search_path) < 0)
                m->search_path = NULL;   /* then "on disk only" is not told from "none" */
        return 0;
}

static int diagnose_home(const struct dargs *a, const struct dclassifier *c, struct dmanager *m,
                         struct hermes_home **ret_h, struct dreport **ret, int *input_errors, char ***notes) {
        struct diag_list diags = {};
        struct hermes_home *h = NULL;
        struct cron_report *cr = NULL;
        struct dreport *reps;
        char *home = a->hermes_home ? strdup(a->hermes_home) : default_hermes_home(), *root;
        ssize_t only = -1;
        size_t n = 0;
        int r;

        root = home ? hermes_root_of(home) : NULL;
        free(home);
        if (!root)
                return -ENOMEM;
        r = hermes_home_load(root, HERMES_LOAD_ENV | HERMES_LOAD_JOBS, &h, &diags);
        if (r == -ENOTDIR) {
                log_error("%s: no Hermes home there (see --hermes-home).", path_shown(root));
                free(root);
                return -ENOTDIR;
        }
        free(root);
        if (r >= 0 && a->profile && (only = hermes_home_find_profile(h, a->profile)) < 0)
                r = log_error_errno(ENOENT, "--profile: no profile \"%s\" in %s.", a->profile, path_shown(h->root));
        if (r >= 0)
                r = hermes_cron_check(h, NULL, &cr, &diags);
        /* A jobs.json that cannot be read or parsed hides the run state: exit 2. The rest
         * (.env syntax, scripts) is the lint rules' to report. */
        for (size_t i = 0; i < diags.n; i++)
                if (diags.items[i].level == DIAG_ERROR && diags.items[i].file &&
                    strstr(diags.items[i].file, "/cron/jobs.json")) {
                        log_error("%s:%u: %s", path_shown(diags.items[i].file), diags.items[i].line,
                                  diags.items[i].message);
                        (*input_errors)++;
                }
        diag_list_clear(&diags);
        if (r >= 0 && a->no_manager)
                r = strv_extend(notes, "the manager was not asked (--no-manager): log files and the journal are "
                                       "read for the last 24 hours (or --since), the units' live state is not shown");
        else if (r >= 0)
                r = ask_manager(a, h, only, m, notes);
        reps = r >= 0 ? calloc(h->n_profiles + 1, sizeof(*reps)) : NULL;
        for (size_t i = 0; r >= 0 && reps && i < h->n_profiles; i++)
                if (only < 0 || (size_t) only == i)
                        r = diagnose_profile(a, c, h, cr, m, i, &reps[n++], input_errors);
        if (r >= 0 && !reps)
                r = -ENOMEM;
        if (r >= 0 && a->no_journal)
                r = strv_extend(notes, "the journal was not read (--no-journal)");
        cron_report_free(cr);
        if (r < 0) {
                for (size_t i = 0; reps && i < n; i++) {
                        dstate_done(&reps[i].lines);
                        dproblem_list_done(&reps[i].other);
                }
                free(reps);
                hermes_home_free(h);
                return r;
        }
        *ret = reps;
        *ret_h = h;     /* the reports point at its profiles */
        return (int) n;
}

int diagnose_main(int argc, char **argv) {
        struct dargs a = { .now = 0 };
        struct dclassifier c;
        struct dreport *reps = NULL;
        struct hermes_home *h = NULL;
        struct dmanager m = {};
        char **notes = NULL;
        int r, n = 0, input_errors = 0;
        size_t problems = 0;

        r = parse_argv(argc, argv, &a);
        if (r <= 0)
                return r < 0 ? 2 : 0;
        if (a.print_patterns) {
                dclassifier_print_patterns(stdout);
                return 0;
        }
        if (a.now == 0)
                a.now = now_usec();
        r = dclassifier_init(&c);
        if (r < 0)
                return log_error_errno(r, "Failed to compile the classifier: %m"), 2;
        if (a.logs) {
                reps = calloc(1, sizeof(*reps));
                r = reps ? diagnose_logs(&a, &c, &reps[0], &input_errors) : -ENOMEM;
                n = 1;
        } else
                r = n = diagnose_home(&a, &c, &m, &h, &reps, &input_errors, &notes);
        for (int i = 0; r >= 0 && i < n; i++) {
                r = collect_problems(&reps[i]);
                problems += reps[i].n_all;
        }
        if (r >= 0) {
                if (a.json)
                        report_json(&a, a.logs || a.no_manager ? NULL : &m, reps, (size_t) n, notes);
                else
                        report_text(reps, (size_t) n, notes);
        }
        for (int i = 0; reps && i < n; i++) {
                free(reps[i].all);
                dstate_done(&reps[i].lines);
                dproblem_list_done(&reps[i].other);
        }
        free(reps);
        hermes_home_free(h);
        live_state_free(m.live);
        strv_free(m.search_path);
        strv_free(notes);
        strv_free(a.logs);
        strv_free(a.journal_files);
        free(a.hermes_home);
        dclassifier_done(&c);
        if (r < 0) {
                if (r != -ENOTDIR && r != -ENOENT)
                        log_error_errno(r, "diagnose: %m");
                return 2;
        }
        if (fflush(stdout) != 0 || ferror(stdout) || input_errors > 0)
                return 2;
        return problems > 0 ? 1 : 0;
}
