/* SPDX-License-Identifier: MIT */
/*
 * hermes-guardrail-generator: at every daemon-reload, write restart guardrail
 * drop-ins for the Hermes gateway units on the manager's unit search path.
 * See docs/hermes-guardrail-generator.8.
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "guardkeys.h"
#include "guardrail_dropin.h"
#include "log.h"
#include "policy.h"
#include "policy_decide.h"
#include "sanitize.h"
#include "searchpath.h"
#include "strv.h"
#include "unitset.h"

#define PROGRAM "hermes-guardrail-generator"

/* Drop-in texts rendered so far, one per distinct set of guardrails (most runs
 * have one: per-unit sections are few). Past TEXTS_MAX, the last slot is reused. */
#define TEXTS_MAX 8

struct context {
        enum scope scope;
        const struct policy *policy;
        char **search_path;
        struct unit_index *index;     /* the search path's unit files, read once */
        const char *normal, *early;   /* output dirs; NULL with --print */
        int normal_fd, early_fd;      /* open for the whole run */
        struct guardrails text_guard[TEXTS_MAX];
        struct guardrail_dropin_text texts[TEXTS_MAX];
        size_t n_texts;
        bool print;
};

static void help(void) {
        printf("Usage: %s NORMAL [EARLY LATE]\n"
               "       %s --print\n\n"
               "systemd generator: writes restart guardrail drop-ins (" GUARDRAIL_DROPIN_NAME ")\n"
               "for every Hermes gateway unit on the unit search path, from the guardrail policy.\n\n"
               "  -p --print     show each unit found and the drop-in it would get; write nothing\n"
               "  -h --help      show this help\n"
               "     --version   show the version\n\n"
               "Scope from $SYSTEMD_SCOPE (user|system, default user); policy from\n"
               "$HERMES_GUARDRAILS_POLICY or the layered search in hermes-guardrails.conf(5).\n"
               "See hermes-guardrail-generator(8).\n", PROGRAM, PROGRAM);
}

/* Returns 1 to go on, 0 to exit successfully, -EINVAL on a usage error. */
static int parse_argv(int argc, char **argv, bool *print) {
        static const struct option options[] = {
                { "help",    no_argument, NULL, 'h' },
                { "version", no_argument, NULL, 'V' },
                { "print",   no_argument, NULL, 'p' },
                {}
        };
        int c;

        while ((c = getopt_long(argc, argv, "hp", options, NULL)) >= 0)
                switch (c) {
                case 'h':
                        help();
                        return 0;
                case 'V':
                        printf("%s %s\n", PROGRAM, VERSION);
                        return 0;
                case 'p':
                        *print = true;
                        break;
                default:
                        return -EINVAL;
                }
        int n = argc - optind;
        if (*print ? n != 0 : (n != 1 && n != 3))
                return log_error_errno(EINVAL, "Expected one or three output directories, got %d "
                                       "(see --help).", n);
        return 1;
}

/* The drop-in text for g, rendered once per distinct g (the part shared by all units). */
static int dropin_text(struct context *c, const struct guardrails *g, const struct guardrail_dropin_text **ret) {
        size_t i;
        int r;

        for (i = 0; i < c->n_texts; i++)
                if (guard_values_equal(&c->text_guard[i], g)) {
                        *ret = &c->texts[i];
                        return 0;
                }
        if (c->n_texts < TEXTS_MAX)
                i = c->n_texts++;
        else
                guardrail_dropin_text_done(&c->texts[--i]);
        r = guardrail_dropin_prepare(g, c->scope, c->policy->files, &c->texts[i]);
        if (r < 0) {
                c->n_texts = i;
                return r;
        }
        c->text_guard[i] = *g;
        *ret = &c->texts[i];
        return 0;
}

static void texts_free(struct context *c) {
        for (size_t i = 0; i < c->n_texts; i++)
                guardrail_dropin_text_done(&c->texts[i]);
        c->n_texts = 0;
}

static int write_unit(struct context *c, const char *name, const struct guardrails *g) {
        bool early = g->priority == POLICY_PRIORITY_EARLY;
        const struct guardrail_dropin_text *t = NULL;
        char *text = NULL;
        size_t len = 0;
        int r;

        r = dropin_text(c, g, &t);
        if (r >= 0)
                r = guardrail_dropin_fill(t, name, &text, &len);
        if (r < 0)
                return log_error_errno(r, "%s: failed to render the drop-in: %m", name);
        if (c->print) {
                sanitize_fprintf(stdout, "# %s -> %s/%s.d/%s", name, early ? "EARLY" : "NORMAL",
                                 name, GUARDRAIL_DROPIN_NAME);
                putchar('\n');
                r = sanitize_fputs_lines(text, stdout);
                putchar('\n');
        } else {
                const char *dir = early ? c->early : c->normal;
                int dfd = early ? c->early_fd : c->normal_fd;
                r = dfd < 0 ? dfd : fileio_create_dropin_at(dfd, name, GUARDRAIL_DROPIN_NAME, text, len);
                if (r < 0)
                        log_error_errno(r, "%s: failed to write %s/%s.d/%s: %m", name, dir, name,
                                        GUARDRAIL_DROPIN_NAME);
                else
                        log_debug("%s: wrote %s/%s.d/%s", name, dir, name, GUARDRAIL_DROPIN_NAME);
        }
        free(text);
        return r;
}

/* Says why name gets no guardrails (debug, or a warning for a policy that matches
 * what cannot restart). */
static void log_skip(const char *name, const struct policy_decision *d, const struct unitset *u) {
        switch (d->verdict) {
        case POLICY_NOT_SERVICE:
                log_warning("%s: matched by the policy but not a service, ignoring.", name);
                break;
        case POLICY_MASKED:
                log_debug("%s: masked by %s, skipping.", name, u->fragment_path);
                break;
        case POLICY_ALIAS:
                log_debug("%s: alias of %s, which gets the guardrails itself.", name, d->unit);
                break;
        default:
                log_debug("%s: %s, skipping.", name, policy_verdict_reason(d->verdict));
                break;
        }
}

/* Decides whether name gets guardrails (policy_decide(), as the linter does), and
 * writes them. Says why in debug logs. */
static int process_unit(struct context *c, const char *name) {
        struct diag_list diags = {};
        struct policy_decision d;
        struct unitset *u = NULL;
        int r = 0;

        policy_decide(c->policy, name, NULL, &d);
        if (d.verdict != POLICY_GUARD) {
                log_skip(name, &d, NULL);
                return 0;
        }
        r = unitset_lookup_unit(c->index, name, &u, &diags);
        log_diags(&diags);
        diag_list_clear(&diags);
        if (r < 0)
                return log_error_errno(r, "%s: failed to resolve the unit, skipping: %m", name);
        policy_decide(c->policy, name, u, &d);
        if (d.verdict == POLICY_GUARD)
                r = write_unit(c, name, &d.guard);
        else
                log_skip(name, &d, u);
        unitset_free(u);
        return r;
}

static int load_policy(enum scope scope, struct policy **ret) {
        struct diag_list diags = {};
        struct policy_paths paths;
        int r;

        policy_paths_from_env(scope, &paths);
        r = policy_load(&paths, ret, &diags);
        log_diags(&diags);
        if (r >= 0 && diag_count(&diags, DIAG_ERROR) > 0)
                log_warning("The policy has errors (above); the affected keys keep their defaults.");
        diag_list_clear(&diags);
        return r;
}

static int discover(struct context *c, char ***ret) {
        struct diag_list diags = {};
        int r = unit_index_new(c->search_path, &c->index, &diags);

        if (r >= 0 && !(*ret = strv_copy(unit_index_names(c->index, &diags))))
                r = -ENOMEM;
        log_diags(&diags);
        diag_list_clear(&diags);
        return r;
}

static int run(struct context *c, const char *late) {
        struct policy *policy = NULL;
        char **names = NULL;
        int r, failed = 0;

        r = scope_from_env(&c->scope);
        if (r == -ENXIO)
                c->scope = SCOPE_USER;
        else if (r < 0)
                /* Guessing could write user guardrails for the system manager. */
                return log_error_errno(r, "SYSTEMD_SCOPE=%s is neither \"user\" nor \"system\"; writing nothing.",
                                       getenv("SYSTEMD_SCOPE"));
        r = load_policy(c->scope, &policy);
        if (r < 0)
                return log_error_errno(r, "Failed to load the policy: %m");
        c->policy = policy;
        if (!policy->guard.enabled) {
                log_debug("Enabled=no in [guardrails]: writing nothing.");
                goto finish;
        }
        r = searchpath_lookup(c->scope, NULL, &c->search_path);
        if (r < 0) {
                log_error_errno(r, "Failed to get the %s unit search path: %m", scope_name(c->scope));
                goto finish;
        }
        /* Generator output dirs are being rewritten right now: never read them. */
        searchpath_exclude(c->search_path, (const char *const[]) { c->normal, c->early, late }, 3);
        r = discover(c, &names);
        if (r < 0) {
                log_error_errno(r, "Failed to list units: %m");
                goto finish;
        }
        for (size_t i = 0; names[i]; i++)
                if (process_unit(c, names[i]) < 0)
                        failed++;
        r = failed ? -EIO : 0;
finish:
        strv_free(names);
        texts_free(c);
        unit_index_free(c->index);
        c->index = NULL;
        c->search_path = strv_free(c->search_path);
        policy_free(policy);
        return r;
}

/* systemd creates the output dirs before it runs generators; a missing one is
 * an error (said, and the run goes on: what can be written is written). Each is
 * opened once: the drop-ins are created relative to it. */
static int open_output_dirs(struct context *c, char **dirs, int n) {
        int r = 0;

        c->normal = dirs[0];
        c->early = n == 3 ? dirs[1] : dirs[0];
        c->normal_fd = c->early_fd = -EBADF;
        for (int i = 0; i < n; i++) {
                int fd = fileio_open_dir(dirs[i]);
                if (fd < 0)
                        r = log_error_errno(fd, "Output directory %s: %m.", dirs[i]);
                if (i == 0)
                        c->normal_fd = fd;
                else if (i == 1)
                        c->early_fd = fd;
                else if (fd >= 0)
                        close(fd);
        }
        if (n == 1)
                c->early_fd = c->normal_fd;
        return r;
}

int main(int argc, char **argv) {
        struct context c = { .normal_fd = -EBADF, .early_fd = -EBADF };
        int r, k = 0;

        log_setup(PROGRAM);
        /* No sha256_setup() here: libgcrypt is initialised on first use, when a log
         * line holds a secret to fingerprint (lib/sanitize). Its initialisation is
         * a tenth of a run over ten units, and a run that logs no secret (nearly
         * all of them) never needs it. */
        r = parse_argv(argc, argv, &c.print);
        if (r <= 0)
                return r < 0 ? 2 : 0;
        log_setup_generator(PROGRAM, c.print);
        if (!c.print) {
                /* As the manager runs generators: the drop-ins are 0644, dirs 0755. */
                umask(0022);
                k = open_output_dirs(&c, argv + optind, argc - optind);
        }
        r = run(&c, !c.print && argc - optind == 3 ? argv[optind + 2] : NULL);
        if (c.print && (fflush(stdout) != 0 || ferror(stdout)))
                r = log_error_errno(errno, "Failed to write to standard output: %m");
        if (c.normal_fd >= 0)
                close(c.normal_fd);
        if (c.early_fd >= 0 && c.early_fd != c.normal_fd)
                close(c.early_fd);
        return r < 0 || k < 0 ? 1 : 0;
}
