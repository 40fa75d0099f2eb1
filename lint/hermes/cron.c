/* SPDX-License-Identifier: MIT */
/* See cron.h: walking every profile's cron/jobs.json and resolving job scripts. */
#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cron.h"
#include "fileio.h"
#include "json.h"
#include "pathutil.h"
#include "strv.h"
#include "utf8.h"

/* What checking one profile's jobs needs. */
struct job_ctx {
        const struct hermes_home *h;
        size_t profile;
        char **profiles;           /* all profile names */
        const char *user_home;
        const char *jobs_path;
        char *scripts_dir;         /* resolved <home>/scripts */
        struct cron_report *report;
        struct diag_list *diags;
};

/* Path(script).expanduser(): "~" and "~/x" use user_home, "~name/x" name's home. */
static int expand_user(const char *script, const char *user_home, char **ret) {
        const char *slash, *home = user_home;
        char *name;

        if (script[0] != '~')
                return (*ret = strdup(script)) ? 0 : -ENOMEM;
        slash = script + strcspn(script, "/");
        if (slash > script + 1) {
                struct passwd *pw;
                if (!(name = strndup(script + 1, (size_t) (slash - script - 1))))
                        return -ENOMEM;
                pw = getpwnam(name);
                free(name);
                home = pw ? pw->pw_dir : NULL;
        } else if (!home)
                home = getenv("HOME");
        if (!home)              /* Python leaves the path alone then */
                return (*ret = strdup(script)) ? 0 : -ENOMEM;
        return asprintf(ret, "%s%s", home, slash) < 0 ? -ENOMEM : 0;
}

/* "\"name\" (id X)" for messages: names are the user's, shown with control
 * characters replaced and cut at 60 bytes (not inside a UTF-8 sequence). */
static char *job_label(const struct json_value *job, size_t index) {
        const struct json_value *name = json_object_get(job, "name"), *id = json_object_get(job, "id");
        char buf[64] = "", *label;
        size_t n = 0;

        if (name && name->type == JSON_STRING) {
                n = utf8_cut(name->string, name->n, 60);
                for (size_t i = 0; i < n; i++)
                        buf[i] = (unsigned char) name->string[i] < 0x20 || name->string[i] == 0x7f ?
                                 '?' : name->string[i];
                buf[n] = 0;
        }
        if (asprintf(&label, "%s%s%s%s%.*s%s", n ? "\"" : "", buf, n ? "\"" : "",
                     id && id->type == JSON_STRING ? (n ? " (id " : "id ") : "",
                     id && id->type == JSON_STRING ? (int) strcspn(id->string, "\n\r\t") : 0,
                     id && id->type == JSON_STRING ? id->string : "",
                     id && id->type == JSON_STRING && n ? ")" : "") < 0)
                return NULL;
        if (!*label) {
                free(label);
                return asprintf(&label, "#%zu", index + 1) < 0 ? NULL : label;
        }
        return label;
}

static int add_lifecycle(struct job_ctx *c, const char *job, const char *file, unsigned line, unsigned column,
                         bool in_script, struct cron_command *cmd) {
        struct cron_report *r = c->report;
        struct cron_lifecycle *a = realloc(r->lifecycle, (r->n_lifecycle + 1) * sizeof(*a));
        struct cron_lifecycle l = {
                .profile = c->profile, .line = line, .column = column, .in_script = in_script, .cmd = *cmd,
        };

        if (!a)
                return -ENOMEM;
        r->lifecycle = a;
        if (!(l.job = strdup(job)) || !(l.file = strdup(file))) {
                free(l.job);
                return -ENOMEM;
        }
        /* The command's strings now belong to the report. */
        *cmd = (struct cron_command) {};
        r->lifecycle[r->n_lifecycle++] = l;
        return 0;
}

static int command_cmp(const struct cron_command *a, const struct cron_command *b) {
        int c = strcmp(a->command, b->command);

        if (!c)
                c = strcmp(a->target_name ? a->target_name : "", b->target_name ? b->target_name : "");
        if (!c)
                c = (int) a->action - (int) b->action;
        if (!c)
                c = (int) a->target - (int) b->target;
        if (!c)
                c = (int) a->upstream_match - (int) b->upstream_match;
        return c;
}

static int index_cmp(const void *x, const void *y, void *cmds) {
        const struct cron_command *base = cmds;
        size_t i = *(const size_t *) x, j = *(const size_t *) y;
        int c = command_cmp(&base[i], &base[j]);

        return c ? c : (i > j) - (i < j);
}

/* In a prompt every command is reported at the prompt's position: the same
 * command said again (same words, same target) would be the same finding, once
 * per repeat. Marks in dup[] every command equal to an earlier one. */
static int mark_repeats(const struct cron_command *cmds, size_t n, bool *dup) {
        size_t *order = malloc(n * sizeof(*order));

        if (!order)
                return -ENOMEM;
        for (size_t i = 0; i < n; i++)
                order[i] = i;
        qsort_r(order, n, sizeof(*order), index_cmp, (void *) cmds);
        for (size_t i = 1; i < n; i++)
                dup[order[i]] = command_cmp(&cmds[order[i - 1]], &cmds[order[i]]) == 0;
        free(order);
        return 0;
}

/* Lifecycle commands in text; at: the JSON string the text is, reported at its
 * position, each distinct command once (NULL: the text's own line numbers, as for
 * a script: each line a place to mend). */
static int scan(struct job_ctx *c, const char *job, const char *text, const char *file,
                const struct json_value *at, bool in_script) {
        struct cron_command *cmds;
        bool *dup = NULL;
        size_t n;
        int r = cron_scan_text(text, c->h->profiles[c->profile].name, c->profiles, &cmds, &n);

        if (r < 0)
                return r;
        if (at && n > 1)
                r = (dup = calloc(n, sizeof(*dup))) ? mark_repeats(cmds, n, dup) : -ENOMEM;
        for (size_t i = 0; r == 0 && i < n; i++)
                if (!dup || !dup[i])
                        r = add_lifecycle(c, job, file, at ? at->line : cmds[i].line, at ? at->column : 1,
                                          in_script, &cmds[i]);
        free(dup);
        cron_commands_free(cmds, n);
        return r;
}

/* at: the "script" value, or the job. */
static int add_script_issue(struct job_ctx *c, const char *job, const struct json_value *at,
                            enum cron_script_problem problem, const char *script, const char *resolved) {
        struct cron_report *r = c->report;
        struct cron_script_issue *a = realloc(r->scripts, (r->n_scripts + 1) * sizeof(*a));
        struct cron_script_issue x = {
                .profile = c->profile, .line = at->line, .column = at->column, .problem = problem,
        };

        if (!a)
                return -ENOMEM;
        r->scripts = a;
        if (!(x.job = strdup(job)) || !(x.file = strdup(c->jobs_path)) ||
            !(x.scripts_dir = strdup(c->scripts_dir)) || (script && !(x.script = strdup(script))) ||
            (resolved && !(x.resolved = strdup(resolved)))) {
                free(x.job);
                free(x.file);
                free(x.scripts_dir);
                free(x.script);
                return -ENOMEM;
        }
        r->scripts[r->n_scripts++] = x;
        return 0;
}

/* Where Hermes looks for script (cron/scheduler.py _run_job_script()). */
static int script_resolve(const struct job_ctx *c, const char *script, char **ret) {
        char *expanded, *joined = NULL;
        int r = expand_user(script, c->user_home, &expanded);

        if (r < 0)
                return r;
        if (expanded[0] != '/' && asprintf(&joined, "%s/scripts/%s", c->h->profiles[c->profile].home,
                                           expanded) < 0) {
                free(expanded);
                return -ENOMEM;
        }
        r = path_resolve(joined ? joined : expanded, ret);
        free(joined);
        free(expanded);
        return r;
}

static int scan_script_file(struct job_ctx *c, const char *job, const char *path) {
        char *text;
        size_t size;
        int r = fileio_read(path, FILEIO_MAX_SIZE, &text, &size);

        if (r < 0) {
                diag_add_level(c->diags, DIAG_WARNING, DIAG_UNREADABLE, path, 0, 0,
                               "%s (the script of cron job %s, not checked)", strerror(-r), job);
                return r == -ENOMEM ? r : 0;
        }
        r = scan(c, job, text, path, NULL, true);
        free(text);
        return r;
}

/* The script must resolve inside <home>/scripts/ and be a file; if so, its text is scanned. */
static int check_script(struct job_ctx *c, const char *job, const struct json_value *script) {
        enum cron_script_problem problem;
        char *resolved;
        struct stat st;
        int r = script_resolve(c, script->string, &resolved);

        if (r == -ENAMETOOLONG)
                return add_script_issue(c, job, script, CRON_SCRIPT_NOT_FOUND, script->string, script->string);
        if (r < 0)
                return r;
        if (!path_is_under(resolved, c->scripts_dir))
                problem = CRON_SCRIPT_OUTSIDE;
        else if (stat(resolved, &st) < 0)
                problem = CRON_SCRIPT_NOT_FOUND;
        else if (!S_ISREG(st.st_mode))
                problem = CRON_SCRIPT_NOT_A_FILE;
        else {
                r = scan_script_file(c, job, resolved);
                free(resolved);
                return r;
        }
        r = add_script_issue(c, job, script, problem, script->string, resolved);
        free(resolved);
        return r;
}

/* cron/jobs.py: job.get("enabled", True) and a state other than "paused". */
static bool job_enabled(const struct json_value *job) {
        const struct json_value *enabled = json_object_get(job, "enabled"), *state = json_object_get(job, "state");

        if (enabled && !json_truthy(enabled))
                return false;
        return !(state && state->type == JSON_STRING && strcmp(state->string, "paused") == 0);
}

static int check_job(struct job_ctx *c, const struct json_value *job, size_t index) {
        const struct json_value *script = json_object_get(job, "script"), *prompt = json_object_get(job, "prompt");
        const struct json_value *no_agent = json_object_get(job, "no_agent");
        bool has_script = script && script->type == JSON_STRING && script->n > 0;
        char *label;
        int r = 0;

        if (!job_enabled(job))
                return 0;
        label = job_label(job, index);
        if (!label)
                return -ENOMEM;
        if (no_agent && json_truthy(no_agent)) {
                /* The script is the job; the prompt goes nowhere. */
                if (!has_script)
                        r = add_script_issue(c, label, script ? script : job,
                                             CRON_SCRIPT_NONE_FOR_NO_AGENT, NULL, NULL);
        } else if (prompt && prompt->type == JSON_STRING)
                r = scan(c, label, prompt->string, c->jobs_path, prompt, false);
        if (r == 0 && has_script)
                r = check_script(c, label, script);
        free(label);
        return r;
}

/* The job list of a parsed jobs.json, as cron/jobs.py load_jobs() takes it. NULL: none. */
static const struct json_value *jobs_of(const struct job_ctx *c, const struct json_value *root) {
        const struct json_value *jobs;

        if (root->type == JSON_ARRAY) {
                diag_add(c->diags, DIAG_HERMES_CRON_BARE_ARRAY, c->jobs_path, root->line, root->column, NULL);
                return root;
        }
        if (root->type != JSON_OBJECT) {
                diag_add(c->diags, DIAG_HERMES_CRON_SHAPE, c->jobs_path, root->line, root->column,
                         "expected an object {\"jobs\": [...]}, found %s %s: Hermes stops the cron "
                         "scheduler (\"Cron database corrupted\")",
                         root->type == JSON_OBJECT || root->type == JSON_ARRAY ? "an" : "a",
                         json_type_name(root->type));
                return NULL;
        }
        jobs = json_object_get(root, "jobs");
        if (jobs && jobs->type != JSON_ARRAY) {
                diag_add(c->diags, DIAG_HERMES_CRON_SHAPE, c->jobs_path, jobs->line, jobs->column,
                         "\"jobs\" is %s %s, not an array: Hermes cannot run any job of this profile",
                         jobs->type == JSON_OBJECT ? "an" : "a", json_type_name(jobs->type));
                return NULL;
        }
        return jobs;
}

static int check_jobs(struct job_ctx *c, const struct json_value *jobs) {
        int r = 0;

        for (size_t i = 0; r == 0 && i < jobs->n; i++) {
                const struct json_value *job = jobs->elements[i];
                if (job->type == JSON_OBJECT)
                        r = check_job(c, job, i);
                else
                        diag_add(c->diags, DIAG_HERMES_CRON_SHAPE, c->jobs_path, job->line, job->column,
                                 "job #%zu is %s %s, not an object: Hermes fails on it", i + 1,
                                 job->type == JSON_ARRAY ? "an" : "a", json_type_name(job->type));
        }
        return r;
}

static int check_profile(struct job_ctx *c) {
        const struct hermes_profile *p = &c->h->profiles[c->profile];
        const struct json_value *jobs;
        char *scripts;
        int r;

        if (!p->jobs)           /* none, or broken (reported when it was loaded) */
                return 0;
        if (asprintf(&scripts, "%s/scripts", p->home) < 0)
                return -ENOMEM;
        c->jobs_path = p->jobs_path;
        r = path_resolve(scripts, &c->scripts_dir);
        if (r == 0 && (jobs = jobs_of(c, p->jobs)))
                r = check_jobs(c, jobs);
        free(c->scripts_dir);
        c->scripts_dir = NULL;
        free(scripts);
        return r;
}

int hermes_cron_check(const struct hermes_home *h, const char *user_home, struct cron_report **ret,
                      struct diag_list *diags) {
        struct job_ctx c = { .h = h, .user_home = user_home, .diags = diags };
        int r = 0;

        c.report = calloc(1, sizeof(*c.report));
        if (!c.report)
                return -ENOMEM;
        for (size_t i = 0; r == 0 && i < h->n_profiles; i++)
                r = strv_extend(&c.profiles, h->profiles[i].name);
        for (size_t i = 0; r == 0 && i < h->n_profiles; i++) {
                c.profile = i;
                r = check_profile(&c);
        }
        strv_free(c.profiles);
        if (r < 0) {
                cron_report_free(c.report);
                return r;
        }
        *ret = c.report;
        return 0;
}

void cron_report_free(struct cron_report *r) {
        if (!r)
                return;
        for (size_t i = 0; i < r->n_lifecycle; i++) {
                free(r->lifecycle[i].job);
                free(r->lifecycle[i].file);
                free(r->lifecycle[i].cmd.target_name);
                free(r->lifecycle[i].cmd.command);
        }
        for (size_t i = 0; i < r->n_scripts; i++) {
                free(r->scripts[i].job);
                free(r->scripts[i].file);
                free(r->scripts[i].script);
                free(r->scripts[i].resolved);
                free(r->scripts[i].scripts_dir);
        }
        free(r->lifecycle);
        free(r->scripts);
        free(r);
}
