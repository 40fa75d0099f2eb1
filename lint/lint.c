/* SPDX-License-Identifier: MIT */
/* See lint.h. */
#include <dirent.h>
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "collect.h"
#include "enabled.h"
#include "fix.h"
#include "live.h"
#include "lint.h"
#include "log.h"
#include "policy_decide.h"
#include "report.h"
#include "ruleutil.h"
#include "stash.h"
#include "stockunit.h"
#include "strv.h"
#include "suppress.h"
#include "sysversion.h"
#include "unitname.h"

/* A policy file that cannot be read is unreadable input (exit status 2): linting
 * against the built-in policy instead would pass what the policy forbids. */
static int load_policy(const struct lint_options *o, struct policy **ret, unsigned *input_errors) {
        struct diag_list diags = {};
        struct policy_paths paths;
        int r;

        policy_paths_from_env(o->scope, &paths);
        if (o->policy_file)
                paths.override_file = o->policy_file;
        if (o->home)
                paths.home = o->home;
        r = policy_load(&paths, ret, &diags);
        log_diags(&diags);
        for (size_t i = 0; i < diags.n; i++)
                if (diags.items[i].code == DIAG_UNREADABLE && diags.items[i].level >= DIAG_ERROR)
                        (*input_errors)++;
        diag_list_clear(&diags);
        return r;
}

/* In pre-commit mode the host's user.conf says nothing about the target: systemd's
 * own defaults then, unless --root stands for the target. */
static int load_defaults(const struct lint_options *o, struct manager_defaults *d) {
        struct searchpath_remap remap = { .home = o->home, .root = o->root };
        struct diag_list diags = {};
        int r = 0;

        if (o->files && !o->root)
                manager_defaults_init(d, o->scope);
        else
                r = manager_defaults_load(o->scope, &remap, d, &diags);
        log_diags(&diags);
        diag_list_clear(&diags);
        return r;
}

/* The fragment is what Hermes writes: its Description= or its ExecStart= say so. */
static bool is_hermes_written(const struct lint_unit *u) {
        if (!u->eff || u->set->load_state != LOAD_LOADED || u->eff->n_files == 0)
                return false;
        const struct unit_file *f = u->eff->files[0];
        for (size_t i = 0; i < f->n_assignments; i++) {
                const struct unit_assignment *a = &f->assignments[i];
                if (strcmp(a->section, "Unit") == 0 && strcmp(a->key, "Description") == 0 &&
                    strncmp(a->value, "Hermes Agent Gateway", 20) == 0)
                        return true;
                if (strcmp(a->section, "Service") == 0 && strcmp(a->key, "ExecStart") == 0 &&
                    strstr(a->value, "hermes_cli.main") && strstr(a->value, "gateway run"))
                        return true;
        }
        return false;
}

/* Did systemd fail to load the fragment (seen on 252: LoadState=error or not-found)? */
static bool fragment_refused(const struct lint_unit *u) {
        return u->eff && (u->eff->fragment_refused || u->eff->fragment_error);
}

/* Unreadable files and directories are input errors (exit status 2): what was
 * computed without them may be wrong. Each is logged as an error, once per path
 * however many units run into it (log_diags()); the rest are for the rules. */
static unsigned count_input_errors(struct diag_list *l, bool log_them) {
        unsigned n = 0;

        for (size_t i = 0; i < l->n; i++)
                if (l->items[i].code == DIAG_UNREADABLE) {
                        struct diag_list one = { .items = &l->items[i], .n = 1 };
                        l->items[i].level = DIAG_ERROR;
                        if (log_them)
                                log_diags(&one);
                        n++;
                }
        return n;
}

static int unit_load(struct lint_run *run, const char *name, struct lint_unit *u) {
        const struct policy *pol = run->policy;
        struct policy_decision d;
        int r;

        *u = (struct lint_unit) {};
        if (!(u->name = strdup(name)))
                return -ENOMEM;
        r = unitset_lookup(run->index, name, &u->set, &u->diags);
        if (r == -EINVAL) {
                log_warning("%s: not a valid unit name, skipping.", name);
                return 0;
        }
        if (r < 0 || (r = effective_compute(u->set, &run->defaults, &u->eff, &u->diags)) < 0)
                return r;
        run->input_errors += count_input_errors(&u->diags, true);
        /* The generator's decision (policy_decide()): an alias is checked against the
         * values its unit gets. */
        policy_decide(pol, name, u->set, &d);
        u->guard = d.guard;
        u->gateway = policy_verdict_wants_guardrails(d.verdict);
        u->min_restart_sec = pol->lint.min_restart_sec_set ? pol->lint.min_restart_sec : u->guard.restart_sec;
        u->enabled_by = enabled_links_find(run->enabled, u->set->names);
        u->hermes_written = is_hermes_written(u);
        u->not_loaded = u->set->load_state != LOAD_LOADED || fragment_refused(u);
        return 0;
}

static void unit_done(struct lint_unit *u) {
        free(u->name);
        unitset_free(u->set);
        effective_free(u->eff);
        free(u->enabled_by);
        diag_list_clear(&u->diags);
}

/* An alias of a unit that is linted under its own name would only repeat it. */
static bool is_repeated_alias(const struct lint_unit *u, char *const *names) {
        return u->set && strcmp(u->set->id, u->name) != 0 && strv_contains(names, u->set->id);
}

/* Pre-commit mode, a unit the tree lacks: lint its drop-ins on top of a stand-in
 * (see stockunit.h). The empty stand-in's values mean nothing: no value rules. */
static int load_on_stand_in(struct lint_run *run, struct lint_unit *u) {
        enum stand_in kind = u->gateway && stock_unit_applies(u->name) ? STAND_IN_HERMES : STAND_IN_EMPTY;
        const char *new_dir = NULL;
        char *name = strdup(u->name);
        int r = name ? stand_in_write(&run->stand_ins, kind, name, &new_dir) : -ENOMEM;

        if (new_dir) {
                path_shown_hide(run->stand_ins.base);
                if (strv_extend(&run->ctx.search_path, new_dir) < 0)
                        r = -ENOMEM;
        }
        /* The stand-in is a new unit file: index the search path again (its problems
         * were reported the first time). The enabled links stay: a stand-in dir
         * holds unit files only. */
        if (r >= 0 || r == -EEXIST) {
                unit_index_free(run->index);
                run->index = NULL;
                int k = unit_index_new(run->ctx.search_path, &run->index, NULL);
                run->ctx.index = run->index;
                if (k < 0) {
                        free(name);
                        return k;
                }
                log_debug("%s: not in the tree, linted on top of %s.", name,
                          kind == STAND_IN_HERMES ? "the unit Hermes writes" : "an empty unit");
                unit_done(u);
                r = unit_load(run, name, u);
                if (r >= 0 && kind == STAND_IN_EMPTY)
                        u->not_loaded = true;
        }
        free(name);
        return r;
}

/* One unit's rules, as run_rules() runs them for every unit. */
static void run_unit_rules(struct lint_run *run, const struct lint_unit *u) {
        struct findings *f = &run->findings;

        for (size_t i = 0; i < n_rules; i++) {
                if (!rules[i].check || ((rules[i].flags & RULE_LIVE) && !run->ctx.live) ||
                    (!u->gateway && (rules[i].flags & RULE_GATEWAY_ONLY)) ||
                    (u->not_loaded && (rules[i].flags & RULE_EFFECTIVE)))
                        continue;
                f->rule = &rules[i];
                f->unit = u->name;
                rules[i].check(&run->ctx, u, f);
        }
        f->rule = NULL;
        f->unit = NULL;
}

/* Moves run->findings into the stash, with the fix of u (when one is fixable) and
 * what the comments of u's files say about them. */
static int stash_findings(struct lint_run *run, const struct lint_unit *u) {
        struct findings *f = &run->findings;
        int32_t fix = -1;
        int r = 0;

        for (size_t i = 0; u && run->fix_dir && fix < 0 && r >= 0 && i < f->n; i++)
                if (f->items[i].rule->flags & RULE_FIXABLE) {
                        struct lint_fix x;
                        if ((r = fix_build(run, u, run->fix_dir, run->fix_base_len, &x)) >= 0) {
                                r = stash_fix(run->stash, &x, &fix);
                                stash_fix_done(&x);
                        }
                }
        for (size_t i = 0; r >= 0 && i < f->n; i++) {
                const struct finding *x = &f->items[i];
                bool suppressed = false;
                uint8_t flags = 0;
                if (u && u->eff && suppress_decide_early(run->notes, u->eff->files, u->eff->n_files, x, &suppressed))
                        flags = STASH_SUPPRESS_KNOWN | (suppressed ? STASH_SUPPRESSED : 0);
                r = stash_finding(run->stash, x, (x->rule->flags & RULE_FIXABLE) ? fix : -1, flags);
        }
        findings_clear(f);
        return r;
}

/* The unit's part of the JSON report, as report_json() would write it in place. */
static int stash_unit_json(struct lint_run *run, const struct lint_unit *u) {
        uint64_t *l = run->unit_json;
        char *text = NULL;
        size_t size = 0;
        FILE *m;
        int r;

        if (run->n_unit_json == run->cap_unit_json) {
                size_t cap = run->cap_unit_json ? 2 * run->cap_unit_json : 64;
                if (!(l = realloc(run->unit_json, cap * 2 * sizeof(uint64_t))))
                        return -ENOMEM;
                run->unit_json = l;
                run->cap_unit_json = cap;
        }
        if (!(m = open_memstream(&text, &size)))
                return -ENOMEM;
        report_json_unit(m, u, run->n_unit_json);
        if (fclose(m) != 0) {
                free(text);
                return -ENOMEM;
        }
        r = stash_text(run->stash, text, size, &l[2 * run->n_unit_json]);
        l[2 * run->n_unit_json + 1] = size;
        free(text);
        if (r >= 0)
                run->n_unit_json++;
        return r;
}

/* Streaming: all that needs the unit, then it goes. */
static int lint_unit_now(struct lint_run *run, struct lint_unit *u, bool json) {
        int r;

        run_unit_rules(run, u);
        r = stash_findings(run, u);
        if (r >= 0 && json)
                r = stash_unit_json(run, u);
        unit_done(u);
        return r;
}

static int load_units(struct lint_run *run, char *const *names, bool json) {
        size_t n = strv_length(names);

        run->ctx.units = calloc(n && !run->streaming ? n : 1, sizeof(struct lint_unit));
        if (!run->ctx.units)
                return -ENOMEM;
        for (size_t i = 0; i < n; i++) {
                struct lint_unit *u = &run->ctx.units[run->ctx.n_units];
                int r = unit_load(run, names[i], u);
                if (r >= 0 && run->ctx.files && u->set && u->set->load_state == LOAD_NOT_FOUND)
                        r = load_on_stand_in(run, u);
                if (r < 0) {
                        unit_done(u);
                        return r;
                }
                if (!u->set || is_repeated_alias(u, names))
                        unit_done(u);
                else if (run->streaming) {
                        if ((r = lint_unit_now(run, u, json)) < 0)
                                return r;
                } else
                        run->ctx.n_units++;
        }
        return 0;
}

/* Streaming: the rules about the run, then the report's order, repeats, suppressions. */
static int finish_streaming(struct lint_run *run) {
        struct findings *f = &run->findings;
        int r;

        for (size_t i = 0; i < n_rules; i++) {
                f->rule = &rules[i];
                if (rules[i].check_run && (!(rules[i].flags & RULE_LIVE) || run->ctx.live))
                        rules[i].check_run(&run->ctx, f);
        }
        f->rule = NULL;
        if ((r = stash_findings(run, NULL)) < 0)
                return r;
        stash_sort(run->stash);
        if ((r = stash_error(run->stash)) < 0)
                return r;       /* the order needed records it could not read back */
        lint_apply_config_stash(&run->policy->lint, &run->ctx, run->notes, run->stash, run->count);
        if (run->fix_error == -ENXIO)
                fix_log_no_dir();
        return 0;
}

static void run_rules(struct lint_run *run) {
        struct findings *f = &run->findings;

        for (size_t i = 0; i < n_rules; i++) {
                f->rule = &rules[i];
                for (size_t k = 0; rules[i].check && k < run->ctx.n_units; k++) {
                        const struct lint_unit *u = &run->ctx.units[k];
                        if ((rules[i].flags & RULE_LIVE) && !run->ctx.live)
                                break;
                        if ((!u->gateway && (rules[i].flags & RULE_GATEWAY_ONLY)) ||
                            (u->not_loaded && (rules[i].flags & RULE_EFFECTIVE)))
                                continue;
                        f->unit = u->name;
                        rules[i].check(&run->ctx, u, f);
                }
                f->unit = NULL;
                if (rules[i].check_run && (!(rules[i].flags & RULE_LIVE) || run->ctx.live))
                        rules[i].check_run(&run->ctx, f);
        }
        f->rule = NULL;
}

/* A file shared by several units (service.d/, a dash prefix) would report the same
 * line once per unit: keep the first. Expects sorted findings. */
static bool is_repeat(const struct finding *a, struct finding *b, void *userdata) {
        return a && a->rule == b->rule && a->file && b->file && strcmp(a->file, b->file) == 0 &&
               a->line == b->line && a->column == b->column && strcmp(a->message, b->message) == 0;
}

static void drop_repeats(struct findings *f) {
        findings_filter(f, is_repeat, NULL);
}

static const char *current_user(void) {
        const char *u = getenv("USER");
        struct passwd *pw;

        if (u && u[0] && !strchr(u, '/'))
                return u;
        pw = getpwuid(getuid());
        return pw ? pw->pw_name : "root";
}

/* The Hermes home the hermes-* rules read (see lint.h), as the root of its profiles.
 * A test run (--root without --home) leaves the real one alone. */
static int setup_hermes(struct lint_ctx *c, const struct lint_options *o) {
        const char *env = getenv("HERMES_HOME");
        char *home = NULL;
        int r = 0;

        c->user_home = o->home ? o->home : getenv("HOME");
        c->now_usec = o->now_usec ? o->now_usec : (int64_t) time(NULL) * 1000000;
        if (o->hermes_home)
                home = strdup(o->hermes_home);
        else if (o->home || (!o->files && !o->root && !(env && env[0]) && c->user_home))
                r = asprintf(&home, "%s/.hermes", o->home ? o->home : c->user_home);
        else if (!o->files && !o->root && env && env[0])
                home = strdup(env);
        else
                return 0;
        if (r < 0 || !home)
                return -ENOMEM;
        c->hermes_root = hermes_root_of(home);
        free(home);
        return c->hermes_root ? 0 : -ENOMEM;
}

static int setup_ctx(struct lint_run *run, const struct lint_options *o) {
        struct lint_ctx *c = &run->ctx;

        c->scope = o->scope;
        c->policy = run->policy;
        c->systemd_version = o->systemd_version;
        c->check_linger = o->scope == SCOPE_USER && (o->check_linger >= 0 ? o->check_linger : !o->files);
        c->user = current_user();
        if (asprintf(&c->linger_file, "%s/var/lib/systemd/linger/%s", o->root ? o->root : "", c->user) < 0)
                return -ENOMEM;
        c->lingering = access(c->linger_file, F_OK) == 0;
        c->host = !o->files && !o->home && !o->root;
        if (lint_config_dir(o, &c->config_dir) == -ENOMEM)
                return -ENOMEM;
        if (o->files && !(c->files = strv_copy(o->files)))
                return -ENOMEM;
        if (setup_hermes(c, o) < 0)
                return -ENOMEM;
        return lint_search_path(o, &c->search_path);
}

/* The Hermes home, read once for every hermes-* rule. */
static int load_hermes(struct lint_run *run) {
        struct lint_ctx *c = &run->ctx;
        int r;

        if (!c->hermes_root)
                return 0;
        r = hermes_check_load(c->hermes_root, c->user_home, &run->hermes);
        if (r == -ENOENT)
                return 0;
        if (r < 0)
                return r;
        c->hermes = run->hermes.home;
        c->hermes_check = &run->hermes;
        return 0;
}

/* Every gateway unit linted and every profile's unit, plus the loaded units the
 * policy matches: the manager may still run a unit whose file is gone. */
static int ask_manager(struct lint_run *run) {
        struct lint_ctx *c = &run->ctx;
        char **names = NULL, *cause = NULL;
        int r = 0;

        for (size_t i = 0; r >= 0 && i < c->n_units; i++)
                if (c->units[i].gateway)
                        r = strv_extend(&names, c->units[i].name);
        for (size_t i = 0; r >= 0 && c->hermes && i < c->hermes->n_profiles; i++)
                r = strv_extend_unique(&names, c->hermes->profiles[i].unit);
        if (r >= 0)
                r = live_query(c->scope, names, run->policy->units, getuid(), c->linger_file, &run->live, &cause);
        strv_free(names);
        if (r < 0 && r != -ENOMEM) {
                log_error("%s", cause ? cause : "cannot ask the manager");
                r = -ENOTCONN;
        }
        free(cause);
        if (r < 0)
                return r;
        /* Units the manager loaded that the search path does not hold and the policy does not match. */
        for (size_t i = 0; i < run->live->n_units; i++) {
                struct live_unit *lu = &run->live->units[i];
                if (!policy_matches(run->policy, lu->name) && !hermes_profile_of_unit(c->hermes, lu->name))
                        lu->ignored = true;
        }
        for (size_t i = 0; i < c->n_units; i++)
                c->units[i].live = live_find(run->live, c->units[i].name);
        if (c->systemd_version == 0)
                c->systemd_version = run->live->version ? run->live->version : SYSTEMD_VERSION_FALLBACK;
        if (run->live->linger_source == LINGER_FROM_LOGIND)
                c->lingering = run->live->lingering;
        c->live = run->live;
        return 0;
}

/* A finding about a profile's unit is about that profile. */
static void fill_profiles(struct lint_run *run) {
        for (size_t i = 0; i < run->findings.n; i++) {
                struct finding *x = &run->findings.items[i];
                const struct hermes_profile *p = x->unit ? hermes_profile_of_unit(run->hermes.home, x->unit) : NULL;
                if (!x->profile && p)
                        x->profile = strdup(p->name);   /* out of memory: no profile member */
        }
}

static unsigned check_files_readable(char *const *files) {
        unsigned n = 0;
        struct stat st;

        for (size_t i = 0; files && files[i]; i++)
                if (stat(files[i], &st) < 0) {
                        log_error_errno(errno, "%s: cannot read: %m", files[i]);
                        n++;
                }
        return n;
}

/* Host mode without --live, --fix or FILEs streams (see lint.h): no rule there needs
 * another unit than the one at hand. */
static int start_streaming(struct lint_run *run, const struct lint_options *o) {
        int r;

        run->streaming = !o->live && !o->files && !o->want_fixes;
        if (!run->streaming)
                return 0;
        if (!(run->stash = calloc(1, sizeof(*run->stash))) || stash_open(run->stash) < 0 ||
            suppress_notes_new(&run->notes) < 0)
                return -ENOMEM;
        r = fix_config_dir(o, &run->fix_dir, &run->fix_base_len);
        if (r == -ENOMEM)
                return r;
        run->fix_error = r < 0 ? r : 0;
        /* A text report shows no fix: none is built. */
        if (!o->report_fixes) {
                free(run->fix_dir);
                run->fix_dir = NULL;
        }
        return 0;
}

int lint_run(const struct lint_options *o, struct lint_run **ret) {
        struct lint_run *run = calloc(1, sizeof(*run));
        struct diag_list diags = {};
        char **names = NULL;
        int r;

        if (!run)
                return -ENOMEM;
        run->input_errors = check_files_readable(o->files);
        if ((r = load_policy(o, &run->policy, &run->input_errors)) < 0 || (r = load_defaults(o, &run->defaults)) < 0 ||
            (r = setup_ctx(run, o)) < 0 ||
            (r = unit_index_new(run->ctx.search_path, &run->index, &diags)) < 0)
                goto fail;
        run->ctx.index = run->index;
        run->ctx.dropin_reported = &run->dropin_reported;
        /* Before the units: their rules look up profiles (and streaming runs them at once). */
        if ((r = load_hermes(run)) < 0 || (r = start_streaming(run, o)) < 0 ||
            (r = enabled_links_load(run->index, &run->enabled)) < 0 ||
            (r = lint_unit_names(o, run->policy, run->index, run->enabled, &names, &diags)) < 0 ||
            (r = load_units(run, names, o->json_units)) < 0)
                goto fail;
        run->input_errors += count_input_errors(&diags, false);
        log_diags(&diags);
        if (o->live && (r = ask_manager(run)) < 0)
                goto fail;
        if (run->streaming) {
                if ((r = finish_streaming(run)) < 0)
                        goto fail;
                goto done;
        }
        run_rules(run);
        fill_profiles(run);
        findings_sort(&run->findings);
        drop_repeats(&run->findings);
        lint_apply_config(&run->policy->lint, &run->ctx, &run->findings);
        r = fix_build_all(run, o);
        if (r < 0)
                goto fail;
done:
        diag_list_clear(&diags);
        strv_free(names);
        *ret = run;
        return 0;
fail:
        diag_list_clear(&diags);
        strv_free(names);
        lint_run_free(run);
        return r;
}

void lint_run_free(struct lint_run *run) {
        if (!run)
                return;
        for (size_t i = 0; i < run->ctx.n_units; i++)
                unit_done(&run->ctx.units[i]);
        free(run->ctx.units);
        unit_index_free(run->index);
        enabled_links_free(run->enabled);
        strv_free(run->ctx.search_path);
        strv_free(run->ctx.files);
        free(run->ctx.linger_file);
        free(run->ctx.hermes_root);
        free(run->ctx.config_dir);
        hermes_check_done(&run->hermes);
        live_state_free(run->live);
        findings_clear(&run->findings);
        fix_free_all(run->fixes, run->n_fixes);
        strv_free(run->dropin_reported);
        if (run->stash)
                stash_close(run->stash);
        free(run->stash);
        free(run->unit_json);
        free(run->fix_dir);
        suppress_notes_free(run->notes);
        manager_defaults_done(&run->defaults);
        policy_free(run->policy);
        if (run->stand_ins.base)
                path_shown_hide(NULL);
        stand_ins_remove(&run->stand_ins);
        free(run);
}

void lint_cursor_init(struct lint_cursor *c, const struct lint_run *run) {
        *c = (struct lint_cursor) { .run = run, .fix_id = -1 };
}

/* Streaming: the next kept key's finding, read back, with its profile and fix. */
static const struct finding *next_stashed(struct lint_cursor *c) {
        const struct lint_run *run = c->run;
        struct stash *st = run->stash;

        stash_finding_done(&c->x);
        while (c->i < st->n_keys && !(st->keys[c->i].flags & STASH_KEPT))
                c->i++;
        if (c->i >= st->n_keys)
                return NULL;
        const struct stash_key *k = &st->keys[c->i++];
        if (stash_read_finding(st, k, &c->x) < 0)
                return NULL;
        const struct hermes_profile *p = c->x.unit ? hermes_profile_of_unit(run->hermes.home, c->x.unit) : NULL;
        if (!c->x.profile && p)
                c->x.profile = strdup(p->name);   /* out of memory: no profile member */
        if (k->fix >= 0 && k->fix != c->fix_id) {
                stash_fix_done(&c->fix);
                c->fix_id = stash_read_fix(st, k->fix, &c->fix) < 0 ? -1 : k->fix;
        }
        c->x.fix = k->fix >= 0 && c->fix_id == k->fix ? &c->fix : NULL;
        return &c->x;
}

const struct finding *lint_cursor_next(struct lint_cursor *c) {
        if (c->run->streaming)
                return next_stashed(c);
        return c->i < c->run->findings.n ? &c->run->findings.items[c->i++] : NULL;
}

void lint_cursor_done(struct lint_cursor *c) {
        if (c->run->streaming) {
                stash_finding_done(&c->x);
                stash_fix_done(&c->fix);
        }
}

int lint_run_error(const struct lint_run *run) {
        return run->streaming ? stash_error(run->stash) : 0;
}

size_t lint_count(const struct lint_run *run, enum severity min) {
        size_t n = 0;

        if (!run->streaming)
                return findings_count(&run->findings, min);
        for (int s = min; s < _SEVERITY_MAX; s++)
                n += run->count[s];
        return n;
}
