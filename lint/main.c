/* SPDX-License-Identifier: MIT */
/*
 * hermes-unit-lint: checks Hermes gateway units and their drop-ins as systemd
 * merges them. See docs/hermes-unit-lint.1.
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "collect.h"
#include "diagnose.h"
#include "explain.h"
#include "fix.h"
#include "lint.h"
#include "log.h"
#include "parseutil.h"
#include "report.h"
#include "ruleutil.h"
#include "show.h"
#include "status.h"
#include "strv.h"
#include "sysversion.h"

#define PROGRAM "hermes-unit-lint"

enum format { FORMAT_TEXT, FORMAT_JSON, FORMAT_SARIF };
enum color { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };
enum fix_mode { FIX_NONE, FIX_WRITE, FIX_DIFF };

struct args {
        struct lint_options lint;
        enum format format;
        enum color color;
        enum severity fail_on;
        enum fix_mode fix;
        bool show, status, provenance, list_rules, quiet;
        const char *explain;         /* --explain ID|NAME */
        char *home, *root;           /* owned: --home and --root made absolute */
        char *hermes_home;           /* owned: --hermes-home made absolute */
        char **operands;             /* FILE... or, for show, UNIT... */
};

static void help(void) {
        printf("Usage: %s [OPTIONS] [FILE...]\n"
               "       %s show [--provenance] [OPTIONS] UNIT...\n"
               "       %s status [--system] [--format=text|json] [--color=...]\n"
               "       %s diagnose [OPTIONS]   (see %s diagnose --help)\n\n"
               "Checks Hermes gateway units and drop-ins as systemd merges them: restart and\n"
               "start-limit settings, misplaced and misspelt keys, drop-ins that are never read or\n"
               "are overridden, linger. Without FILE: every gateway unit on this host (host mode).\n\n"
               "  -h --help                  show this help\n"
               "     --version               show the version\n"
               "     --list-rules            list the rules (ID, name, severity, summary)\n"
               "     --explain ID|NAME       a rule's page: why it matters, a bad example, the fix\n"
               "     --user | --system       scope (default: --user)\n"
               "     --home DIR              treat DIR as $HOME (a dotfiles checkout)\n"
               "     --root DIR              prefix system paths with DIR (tests)\n"
               "     --hermes-home DIR       the Hermes home whose profiles and cron jobs to check\n"
               "                             (default: --home's .hermes, else $HERMES_HOME or\n"
               "                             ~/.hermes in host mode)\n"
               "     --policy FILE           the guardrail policy (default: the generator's search)\n"
               "     --now TIME              judge cron jobs' next_run_at at TIME (ISO 8601; default: now)\n"
               "     --format=text|json|sarif\n"
               "     --color=auto|always|never\n"
               "     --fail-on=error|warning|info   exit 1 at this severity or above (default: warning)\n"
               "     --fix[=diff]            write the drop-in that resolves the restart findings,\n"
               "                             or print it as a unified diff\n"
               "     --systemd-version N     target systemd (default: the running manager's, else %d)\n"
               "     --check-linger | --no-linger   check linger (default: in host mode only)\n"
               "     --provenance            show: the file:line each value comes from\n"
               "     --live                  also ask the running manager (host mode): crash loops,\n"
               "                             gateways that gave up, drop-ins not loaded, profiles\n"
               "                             without a gateway\n"
               "     --quiet                 with --live: the watchdog; only live problems, one short\n"
               "                             line each; nothing and exit 0 when all is well\n\n"
               "Exit status: 0 no finding at or above --fail-on, 1 findings, 2 usage error or\n"
               "unreadable input or (--live) no manager answers. See hermes-unit-lint(1).\n",
               PROGRAM, PROGRAM, PROGRAM, PROGRAM, PROGRAM, SYSTEMD_VERSION_FALLBACK);
}

static void list_rules(void) {
        for (size_t i = 0; i < n_rules; i++)
                printf("%s  %-26s %-8s %s\n", rules[i].id, rules[i].name,
                       severity_name(rules[i].default_severity), rules[i].summary);
}

enum {
        ARG_VERSION = 0x100, ARG_LIST_RULES, ARG_USER, ARG_SYSTEM, ARG_HOME, ARG_ROOT, ARG_POLICY,
        ARG_FORMAT, ARG_COLOR, ARG_FAIL_ON, ARG_FIX, ARG_SYSTEMD_VERSION, ARG_CHECK_LINGER,
        ARG_NO_LINGER, ARG_PROVENANCE, ARG_HERMES_HOME, ARG_EXPLAIN, ARG_LIVE, ARG_QUIET, ARG_NOW,
};

static bool is_dir(const char *path) {
        struct stat st;

        return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int parse_enum(const char *opt, const char *value, const char *const *names, int *ret) {
        for (int i = 0; names[i]; i++)
                if (strcmp(names[i], value) == 0) {
                        *ret = i;
                        return 0;
                }
        return log_error_errno(EINVAL, "--%s: unknown value \"%s\" (see --help).", opt, value);
}

static int parse_value(struct args *a, int c, const char *arg) {
        static const char *const formats[] = { "text", "json", "sarif", NULL };
        static const char *const colors[] = { "auto", "always", "never", NULL };
        static const char *const severities[] = { "info", "warning", "error", NULL };
        unsigned long long v;
        int x = 0, r = 0;

        switch (c) {
        case ARG_FORMAT:
                r = parse_enum("format", arg, formats, &x);
                a->format = x;
                break;
        case ARG_COLOR:
                r = parse_enum("color", arg, colors, &x);
                a->color = x;
                break;
        case ARG_FAIL_ON:
                r = parse_enum("fail-on", arg, severities, &x);
                a->fail_on = x;
                break;
        case ARG_FIX:
                a->fix = !arg ? FIX_WRITE : strcmp(arg, "diff") == 0 ? FIX_DIFF : FIX_NONE;
                if (a->fix == FIX_NONE)
                        r = log_error_errno(EINVAL, "--fix: unknown value \"%s\" (only --fix=diff).", arg);
                break;
        case ARG_SYSTEMD_VERSION:
                r = parse_unsigned(arg, 100000, &v);
                if (r < 0 || v == 0)
                        r = log_error_errno(EINVAL, "--systemd-version: not a version number: \"%s\".", arg);
                else
                        a->lint.systemd_version = (unsigned) v;
                break;
        }
        return r;
}

static int parse_option(struct args *a, int c, const char *arg) {
        switch (c) {
        case 'h':
                help();
                return 0;
        case ARG_VERSION:
                printf("%s %s\n", PROGRAM, VERSION);
                return 0;
        case ARG_LIST_RULES:
                a->list_rules = true;
                return 1;
        case ARG_EXPLAIN:
                a->explain = arg;
                return 1;
        case ARG_USER:
        case ARG_SYSTEM:
                a->lint.scope = c == ARG_USER ? SCOPE_USER : SCOPE_SYSTEM;
                return 1;
        case ARG_HOME:
                free(a->home);
                if (!(a->home = path_abs_clean(arg)))
                        return -ENOMEM;
                if (!is_dir(a->home))
                        return log_error_errno(ENOTDIR, "--home: %s is not a directory.", arg);
                a->lint.home = a->home;
                return 1;
        case ARG_ROOT:
                free(a->root);
                if (!(a->root = path_abs_clean(arg)))
                        return -ENOMEM;
                if (!is_dir(a->root))
                        return log_error_errno(ENOTDIR, "--root: %s is not a directory.", arg);
                a->lint.root = a->root;
                return 1;
        case ARG_POLICY:
                a->lint.policy_file = arg;
                return 1;
        case ARG_HERMES_HOME:
                free(a->hermes_home);
                if (!(a->hermes_home = path_abs_clean(arg)))
                        return -ENOMEM;
                if (!is_dir(a->hermes_home))
                        return log_error_errno(ENOTDIR, "--hermes-home: %s is not a directory.", arg);
                a->lint.hermes_home = a->hermes_home;
                return 1;
        case ARG_NOW:
                if ((a->lint.now_usec = dtime_parse_iso(arg)) <= 0)
                        return log_error_errno(EINVAL, "--now: not an ISO 8601 time: \"%s\".", arg);
                return 1;
        case ARG_CHECK_LINGER:
        case ARG_NO_LINGER:
                a->lint.check_linger = c == ARG_CHECK_LINGER;
                return 1;
        case ARG_PROVENANCE:
                a->provenance = true;
                return 1;
        case ARG_LIVE:
                a->lint.live = true;
                return 1;
        case ARG_QUIET:
                a->quiet = true;
                return 1;
        case ARG_FORMAT: case ARG_COLOR: case ARG_FAIL_ON: case ARG_FIX: case ARG_SYSTEMD_VERSION:
                return parse_value(a, c, arg) < 0 ? -EINVAL : 1;
        default:
                return -EINVAL;
        }
}

/* --live is about this host: its manager, its files. */
static int check_live_args(const struct args *a) {
        if (a->quiet && (!a->lint.live || a->status))
                return log_error_errno(EINVAL, "--quiet only goes with --live (see --help).");
        if (!a->lint.live)
                return 1;
        if (a->show || a->operands || a->home || a->root || a->fix != FIX_NONE)
                return log_error_errno(EINVAL, "%s looks at this host's manager: no FILE, show, --home, --root or "
                                       "--fix with it (see --help).", a->status ? "status" : "--live");
        if (a->status && a->format == FORMAT_SARIF)
                return log_error_errno(EINVAL, "status: --format=text or json (see --help).");
        return 1;
}

/* Returns 1 to go on, 0 to exit successfully (--help), -EINVAL on a usage error. */
static int parse_argv(int argc, char **argv, struct args *a) {
        static const struct option options[] = {
                { "help",            no_argument,       NULL, 'h' },
                { "version",         no_argument,       NULL, ARG_VERSION },
                { "list-rules",      no_argument,       NULL, ARG_LIST_RULES },
                { "explain",         required_argument, NULL, ARG_EXPLAIN },
                { "user",            no_argument,       NULL, ARG_USER },
                { "system",          no_argument,       NULL, ARG_SYSTEM },
                { "home",            required_argument, NULL, ARG_HOME },
                { "root",            required_argument, NULL, ARG_ROOT },
                { "policy",          required_argument, NULL, ARG_POLICY },
                { "format",          required_argument, NULL, ARG_FORMAT },
                { "color",           required_argument, NULL, ARG_COLOR },
                { "fail-on",         required_argument, NULL, ARG_FAIL_ON },
                { "fix",             optional_argument, NULL, ARG_FIX },
                { "systemd-version", required_argument, NULL, ARG_SYSTEMD_VERSION },
                { "check-linger",    no_argument,       NULL, ARG_CHECK_LINGER },
                { "no-linger",       no_argument,       NULL, ARG_NO_LINGER },
                { "provenance",      no_argument,       NULL, ARG_PROVENANCE },
                { "hermes-home",     required_argument, NULL, ARG_HERMES_HOME },
                { "live",            no_argument,       NULL, ARG_LIVE },
                { "quiet",           no_argument,       NULL, ARG_QUIET },
                { "now",             required_argument, NULL, ARG_NOW },
                {}
        };
        int c, r;

        while ((c = getopt_long(argc, argv, "h", options, NULL)) >= 0)
                if ((r = parse_option(a, c, optarg)) <= 0)
                        return r;
        if (optind < argc && strcmp(argv[optind], "show") == 0) {
                a->show = true;
                optind++;
                if (optind == argc)
                        return log_error_errno(EINVAL, "show: expected at least one unit name (see --help).");
        } else if (a->provenance)
                return log_error_errno(EINVAL, "--provenance only goes with show (see --help).");
        else if (optind < argc && strcmp(argv[optind], "status") == 0) {
                a->status = a->lint.live = true;
                if (++optind < argc)
                        return log_error_errno(EINVAL, "status: takes no arguments (see --help).");
        }
        if (optind < argc && !(a->operands = strv_copy(argv + optind)))
                return -ENOMEM;
        return check_live_args(a);
}

static bool use_color(enum color c) {
        const char *no_color = getenv("NO_COLOR");

        if ((no_color && no_color[0]) || c == COLOR_NEVER)
                return false;
        return c == COLOR_ALWAYS || isatty(STDOUT_FILENO);
}

static int show_unit_named(const struct unit_index *idx, const struct manager_defaults *defaults,
                           const char *name, bool provenance, bool first, struct diag_list *diags) {
        struct unitset *u = NULL;
        struct effective *e = NULL;
        int r = unitset_lookup(idx, name, &u, diags);

        if (r >= 0)
                r = effective_compute(u, defaults, &e, diags);
        if (r < 0)
                log_error_errno(r, "%s: %m", name);
        else {
                if (!first)
                        putchar('\n');
                lint_show(stdout, e, provenance);
        }
        effective_free(e);
        unitset_free(u);
        return r;
}

static int do_show(const struct args *a) {
        struct searchpath_remap remap = { .home = a->lint.home, .root = a->lint.root };
        struct diag_list diags = {};
        struct manager_defaults defaults;
        struct unit_index *idx = NULL;
        char **path = NULL;
        int r, failed = 0;

        r = lint_search_path(&a->lint, &path);
        if (r < 0)
                return log_error_errno(r, "Failed to get the unit search path: %m");
        r = manager_defaults_load(a->lint.scope, &remap, &defaults, &diags);
        if (r >= 0 && (r = unit_index_new(path, &idx, &diags)) < 0)
                manager_defaults_done(&defaults);
        if (r < 0) {
                strv_free(path);
                return log_error_errno(r, "Failed to read the unit search path or the manager defaults: %m");
        }
        for (size_t i = 0; a->operands[i]; i++)
                if (show_unit_named(idx, &defaults, a->operands[i], a->provenance, i == 0, &diags) < 0)
                        failed++;
        log_diags(&diags);
        diag_list_clear(&diags);
        unit_index_free(idx);
        manager_defaults_done(&defaults);
        strv_free(path);
        return failed ? 2 : 0;
}

static void report(const struct args *a, const struct lint_run *run) {
        if (a->quiet)
                report_brief(stdout, run);
        else if (a->format == FORMAT_JSON)
                report_json(stdout, run);
        else if (a->format == FORMAT_SARIF)
                report_sarif(stdout, run);
        else
                report_text(stdout, run, use_color(a->color));
}

/* A fix file holding lines the user added is never overwritten (nor shown). */
static bool fix_refused(const struct lint_fix *fix) {
        if (fix->user_line == 0)
                return false;
        log_error("%s:%u: %s%s%snot written by --fix; not replacing the file. Move your lines to another "
                  "drop-in of %s (e.g. 20-local.conf) or delete the file, then run --fix again.",
                  path_shown(fix->path), fix->user_line, fix->user_key[0] ? fix->user_key : "a comment",
                  fix->user_key[0] ? "= " : " ", "is ", fix->unit);
        return true;
}

/* Writes every fix; then the findings that remain are the ones to report. */
static int write_fixes(const struct lint_run *run) {
        int failed = 0;

        for (size_t i = 0; i < run->n_fixes; i++) {
                const struct lint_fix *fix = &run->fixes[i];
                if (fix_refused(fix)) {
                        failed++;
                        continue;
                }
                int r = fix_write(fix);
                if (r < 0) {
                        if (r == -ELOOP || r == -ENOTDIR)
                                log_error("%s: not writing %s: a directory on the way below %.*s is a symlink "
                                          "(or no directory); --fix writes only beneath it, following no symlink.",
                                          fix->unit, path_shown(fix->path), (int) fix->base_len, fix->path);
                        else
                                log_error_errno(r, "%s: failed to write %s: %m", fix->unit, fix->path);
                        failed++;
                } else
                        log_info("%s: wrote %s", fix->unit, path_shown(fix->path));
        }
        return failed ? -EIO : 0;
}

/* The watchdog reports what the manager says; on-disk findings are the lint run's. */
static void keep_live_findings(struct findings *f) {
        for (size_t i = 0; i < f->n;)
                if (f->items[i].rule->flags & RULE_LIVE)
                        i++;
                else
                        findings_remove(f, i);
}

static int exit_status(const struct args *a, const struct lint_run *run) {
        if (run->input_errors > 0)
                return 2;
        return lint_count(run, a->fail_on) > 0 ? 1 : 0;
}

/* The FILEs that can be linted, in *ret (NULL when none were given); each one that
 * cannot is said and counted: an input error (exit status 2). */
static int usable_operands(char *const *operands, char ***ret, unsigned *bad) {
        char **good = NULL;

        *bad = 0;
        for (size_t i = 0; operands && operands[i]; i++) {
                int r = lint_operand_check(operands[i]);
                if (r == -EBADR)
                        log_error("%s: not a unit file or a drop-in (the name is no unit name, and it is not "
                                  "in a <unit>.d/ directory).", operands[i]);
                else if (r == -EBADFD)
                        log_error("%s: not a regular file; systemd does not read it as a unit.", operands[i]);
                else if (r < 0)
                        log_error_errno(r, "%s: cannot read: %m", operands[i]);
                else if (strv_extend(&good, operands[i]) < 0) {
                        strv_free(good);
                        return -ENOMEM;
                }
                if (r < 0)
                        (*bad)++;
        }
        *ret = good;
        return 0;
}

static int do_lint(struct args *a) {
        struct lint_run *run = NULL;
        char **files = NULL;
        unsigned bad;
        int r;

        if (usable_operands(a->operands, &files, &bad) < 0)
                return log_error_errno(ENOMEM, "Failed to lint: %m"), 2;
        /* None usable: nothing to lint (not host mode). */
        if (a->operands && !files)
                return 2;
        strv_free(a->operands);
        a->operands = files;
        a->lint.files = a->operands;
        a->lint.want_fixes = a->fix != FIX_NONE;
        a->lint.json_units = a->format == FORMAT_JSON;
        a->lint.report_fixes = a->format != FORMAT_TEXT;
        r = lint_run(&a->lint, &run);
        if (r == -ENOTCONN && a->lint.live)
                return 2;    /* the cause is logged */
        if (r < 0) {
                log_error_errno(r, "Failed to lint: %m");
                return 2;
        }
        if (a->quiet)
                keep_live_findings(&run->findings);
        if (a->fix == FIX_DIFF) {
                for (size_t i = 0; i < run->n_fixes; i++)
                        if (fix_refused(&run->fixes[i]))
                                bad++;
                        else
                                fix_print_diff(stdout, &run->fixes[i]);
        } else if (a->fix == FIX_WRITE && run->n_fixes > 0) {
                if (write_fixes(run) < 0) {
                        lint_run_free(run);
                        return 2;
                }
                lint_run_free(run);
                r = lint_run(&a->lint, &run);
                if (r < 0) {
                        log_error_errno(r, "Failed to lint again after --fix: %m");
                        return 2;
                }
        }
        if (a->fix != FIX_DIFF)
                report(a, run);
        if ((r = lint_run_error(run)) < 0) {
                log_error_errno(r, "Failed to read the findings back for the report, which is incomplete: %m");
                lint_run_free(run);
                return 2;
        }
        r = bad > 0 ? 2 : exit_status(a, run);
        lint_run_free(run);
        return r;
}

int main(int argc, char **argv) {
        struct args a = {
                .lint = { .scope = SCOPE_USER, .check_linger = -1 },
                .fail_on = SEVERITY_WARNING,
        };
        int r;

        log_setup(PROGRAM);
        /* No sha256_setup() here: libgcrypt is initialised on first use (a token to
         * fingerprint or redact), which a run over units alone never has; the
         * initialisation costs page faults on every run. */
        if (argc > 1 && strcmp(argv[1], "diagnose") == 0)
                return diagnose_main(argc - 1, argv + 1);
        r = parse_argv(argc, argv, &a);
        if (r <= 0) {
                r = r < 0 ? 2 : 0;
                goto finish;
        }
        if (a.list_rules) {
                list_rules();
                r = (fflush(stdout) != 0 || ferror(stdout)) ? log_error_errno(errno, "Failed to write the output: %m"), 2 : 0;
                goto finish;
        }
        if (a.explain) {
                r = explain_rule(stdout, a.explain);
                if (r == -ENOENT)
                        log_error("--explain: no rule has that ID or name (see --list-rules).");
                r = r < 0 ? 2 : 0;
                goto finish;
        }
        if (a.lint.systemd_version > 0)
                log_debug("Target: systemd %u (--systemd-version).", a.lint.systemd_version);
        else if (a.lint.live)
                log_debug("Target: the running manager's systemd (--live asks it once).");
        else if ((a.lint.systemd_version = systemd_version_running(a.lint.scope)) > 0)
                log_debug("Target: systemd %u (the running %s manager).", a.lint.systemd_version,
                          scope_name(a.lint.scope));
        else {
                a.lint.systemd_version = SYSTEMD_VERSION_FALLBACK;
                log_debug("Target: systemd %u (no manager answers; the default).", a.lint.systemd_version);
        }
        if (a.quiet && log_get_max_level() < LOG_DEBUG)
                log_set_max_level(LOG_ERR);   /* the watchdog: stdout and the exit status speak */
        if (a.status)
                r = lint_status(&a.lint, a.format == FORMAT_JSON, use_color(a.color));
        else
                r = a.show ? do_show(&a) : do_lint(&a);
        if (fflush(stdout) != 0 || ferror(stdout)) {
                log_error_errno(errno, "Failed to write the output: %m");
                r = 2;
        }
finish:
        free(a.home);
        free(a.root);
        free(a.hermes_home);
        strv_free(a.operands);
        return r;
}
