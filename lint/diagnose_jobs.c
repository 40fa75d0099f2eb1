/* SPDX-License-Identifier: MIT */
/*
 * What cron/jobs.json says about the last runs, and whether a named profile has
 * files of its own. See diagnose.h and hermes/cronstate.h.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "diagnose.h"
#include "hermes/cronstate.h"
#include "hermes/home.h"
#include "log.h"

#define NEXT_JOB_FAILED \
        "Read the newest file in cron/output/<job id>/ for the error; fix it, then `hermes cron run <id>`."
#define NEXT_JOB_DELIVERY \
        "Check the job's deliver target (`hermes cron list`, deliver in cron/jobs.json): chat id, the " \
        "bot still in that chat, the platform token; the output is kept in cron/output/<job id>/."

struct job_check {
        const struct dclassifier *c;
        const struct hermes_profile *p;
        const char *path;
        int64_t now;
        struct dproblem_list *out;
};

/* Adds a problem with one line of evidence: "key": value at the value's line. */
static int add(struct job_check *k, enum dclass class, int row, const struct json_value *at, const char *key,
               const char *value, int64_t when, char *summary, const char *next) {
        struct dproblem *pr;
        char *text = NULL;
        int r;

        if (!summary)
                return -ENOMEM;
        if (asprintf(&text, "\"%s\": %s", key, value) < 0 || !(pr = dproblem_list_add(k->out, class, row))) {
                free(text);
                free(summary);
                return -ENOMEM;
        }
        pr->summary = summary;
        pr->next = next ? strdup(next) : NULL;
        pr->last = (struct dorder) { .usec = when };
        r = devidence_set(&pr->ev[0], k->path, at ? at->line : 0, text, pr->last);
        pr->n_ev = r == 0;
        free(text);
        return r;
}

static char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
static char *fmt(const char *f, ...) {
        va_list ap;
        char *s;
        int r;

        va_start(ap, f);
        r = vasprintf(&s, f, ap);
        va_end(ap);
        return r < 0 ? NULL : s;
}

static int check_not_running(struct job_check *k, const struct json_value *job, const char *label) {
        const struct json_value *enabled = json_object_get(job, "enabled");
        const char *paused_at = cronjob_str(job, "paused_at");

        if (enabled && !json_truthy(enabled))
                return add(k, DCLASS_SCHEDULER, -1, enabled, "enabled", "false", 0,
                           fmt("cron job %s is disabled: it never runs", label),
                           "Enable it again (`hermes cron resume <id>`), or delete it if it is not wanted.");
        return add(k, DCLASS_SCHEDULER, -1, json_object_get(job, "state"), "state", "\"paused\"",
                   paused_at ? dtime_parse_iso(paused_at) : 0,
                   fmt("cron job %s is paused%s%s: it does not run", label, paused_at ? " since " : "",
                       paused_at ? paused_at : ""),
                   "Resume it with `hermes cron resume <id>`.");
}

static int check_schedule(struct job_check *k, const struct json_value *job, const char *label) {
        const struct json_value *next = json_object_get(job, "next_run_at");
        char *why;

        switch (cronjob_stuck(job, k->now)) {
        case CRONJOB_OK:
                return 0;
        case CRONJOB_NO_NEXT_RUN:
                return add(k, DCLASS_SCHEDULER, -1, next ? next : job, "next_run_at", "null", 0,
                           fmt("cron job %s has no next_run_at: the scheduler never picks it up", label),
                           "Edit or re-create the job so that Hermes computes its next run (`hermes cron edit "
                           "<id>`); a one-shot time already past is never run.");
        case CRONJOB_OVERDUE:
                if (asprintf(&why, "\"%s\"", next->string) < 0)
                        return -ENOMEM;
                {
                        int r = add(k, DCLASS_SCHEDULER, -1, next, "next_run_at", why, dtime_parse_iso(next->string),
                                    fmt("cron job %s is overdue (next_run_at %s is more than one period behind "
                                        "now): the gateway that runs cron is down or its scheduler stopped",
                                        label, next->string),
                                    "Cron runs inside the gateway: check it (`systemctl --user status <unit>`, "
                                    "`hermes gateway status`) and its journal; it cannot report its own death.");
                        free(why);
                        return r;
                }
        }
        return 0;
}

/* last_error or last_delivery_error: the table decides the class when a row knows the text. */
static int check_error(struct job_check *k, const struct json_value *job, const char *label, bool delivery) {
        const char *key = delivery ? "last_delivery_error" : "last_error";
        const struct json_value *v = json_object_get(job, key);
        const char *text = v && v->type == JSON_STRING ? v->string : NULL, *last_run = cronjob_str(job, "last_run_at");
        int row = text ? dclassifier_match(k->c, NULL, 0, text, strlen(text)) : -1;
        enum dclass class = delivery ? DCLASS_DELIVERY : DCLASS_SCHEDULER;
        const char *next = delivery ? NEXT_JOB_DELIVERY : NEXT_JOB_FAILED;
        char *quoted;
        int r;

        if (row >= 0 && drows[row].effect == DROW_FAILURE && (!delivery || drows[row].class == DCLASS_DELIVERY)) {
                class = drows[row].class;
                next = drows[row].next;
        } else
                row = -1;
        if (asprintf(&quoted, "\"%s\"", text ? text : "") < 0)
                return -ENOMEM;
        r = add(k, class, row, v ? v : json_object_get(job, "last_status"), key, text ? quoted : "null",
                last_run ? dtime_parse_iso(last_run) : 0,
                delivery ? fmt("cron job %s ran but its output was not delivered%s%s", label, row >= 0 ? ": " : "",
                               row >= 0 ? drows[row].summary : "")
                         : fmt("cron job %s failed at its last run%s%s", label, row >= 0 ? ": " : "",
                               row >= 0 ? drows[row].summary : ""),
                next);
        free(quoted);
        return r;
}

static int check_workdir(struct job_check *k, const struct json_value *job, const char *label) {
        const char *workdir = cronjob_str(job, "workdir");
        struct stat st;
        char *quoted;
        int r;

        if (!workdir || !*workdir || (stat(workdir, &st) == 0 && S_ISDIR(st.st_mode)))
                return 0;
        if (asprintf(&quoted, "\"%s\"", workdir) < 0)
                return -ENOMEM;
        r = add(k, DCLASS_SCHEDULER, -1, json_object_get(job, "workdir"), "workdir", quoted, 0,
                fmt("cron job %s has a workdir that is not a directory: every run fails", label),
                "Create the directory or fix workdir (`hermes cron edit <id>`).");
        free(quoted);
        return r;
}

static int check_job(struct job_check *k, const struct json_value *job, size_t index) {
        const char *status = cronjob_str(job, "last_status"), *derr = cronjob_str(job, "last_delivery_error");
        char *label = cronjob_label(job, index);
        int r;

        if (!label)
                return -ENOMEM;
        if (!cronjob_active(job))
                r = check_not_running(k, job, label);
        else {
                r = check_schedule(k, job, label);
                if (r == 0 && status && strcmp(status, "error") == 0)
                        r = check_error(k, job, label, false);
                if (r == 0 && ((status && strcmp(status, "delivery_failed") == 0) || (derr && *derr)))
                        r = check_error(k, job, label, true);
                if (r == 0)
                        r = check_workdir(k, job, label);
        }
        free(label);
        return r;
}

/* Each job that does the same work as an earlier one, named with the first of them
 * (cronjob_first_same_work(): one sort, as HG041; every pair was quadratic in the
 * jobs and in the report: 80 000 copies of a job made billions of problems). */
static int check_duplicates(struct job_check *k, const struct json_value *jobs) {
        size_t *first = jobs->n ? malloc(jobs->n * sizeof(*first)) : NULL;
        int r = 0;

        if (!jobs->n)
                return 0;
        if (!first || cronjob_first_same_work(jobs, first) < 0) {
                free(first);
                return -ENOMEM;
        }
        for (size_t j = 0; r >= 0 && j < jobs->n; j++) {
                if (first[j] == SIZE_MAX)
                        continue;
                const struct json_value *a = jobs->elements[first[j]], *b = jobs->elements[j];
                char *la = cronjob_label(a, first[j]), *lb = cronjob_label(b, j);
                r = la && lb ? add(k, DCLASS_SCHEDULER, -1, b, "id", cronjob_str(b, "id") ? cronjob_str(b, "id") : "",
                                   0, fmt("cron jobs %s and %s do the same work on the same schedule: "
                                          "every run happens twice", la, lb),
                                   "Delete one of them (`hermes cron remove <id>`).") : -ENOMEM;
                free(la);
                free(lb);
        }
        free(first);
        return r < 0 ? r : 0;
}

int diagnose_jobs(const struct dclassifier *c, const struct hermes_profile *p, int64_t now_usec,
                  struct dproblem_list *out) {
        const struct json_value *jobs = cronstate_jobs(p->jobs);   /* read once, with the home */
        struct job_check k = { .c = c, .p = p, .path = p->jobs_path, .now = now_usec, .out = out };
        int r = 0;

        for (size_t i = 0; r == 0 && jobs && i < jobs->n; i++)
                if (jobs->elements[i]->type == JSON_OBJECT)
                        r = check_job(&k, jobs->elements[i], i);
        if (r == 0 && jobs)
                r = check_duplicates(&k, jobs);
        return r;
}

/* The profile's own copy of a file: missing, or the very file of the default profile. */
static int check_own_file(const struct hermes_profile *p, const struct hermes_profile *dflt, const char *name,
                          bool required, struct dproblem_list *out) {
        struct stat st, sd;
        struct dproblem *pr;
        char *path, *dpath;
        bool missing, shared;
        int r = 0;

        if (asprintf(&path, "%s/%s", p->home, name) < 0)
                return -ENOMEM;
        if (asprintf(&dpath, "%s/%s", dflt->home, name) < 0) {
                free(path);
                return -ENOMEM;
        }
        missing = required && stat(path, &st) < 0 && errno == ENOENT;
        shared = !missing && stat(path, &st) == 0 && stat(dpath, &sd) == 0 && st.st_dev == sd.st_dev &&
                 st.st_ino == sd.st_ino;
        if (missing || shared) {
                pr = dproblem_list_add(out, DCLASS_PROFILE_SCOPE, -1);
                if (!pr || !(pr->summary = fmt(missing ? "profile %s has no %s of its own: Hermes does not read "
                                               "the default profile's" : "profile %s shares %s with the default "
                                               "profile (the same file): the same tokens and identity",
                                               p->name, name)) ||
                    !(pr->next = strdup(missing ? "Create it in the profile's home (`hermes -p <profile> setup`); "
                                        "named profiles never fall back to ~/.hermes." :
                                        "Give the profile its own copy (remove the link, copy, then edit: its own "
                                        "bot token); a shared token makes the second gateway exit 78.")))
                        r = -ENOMEM;
                else {
                        r = devidence_set(&pr->ev[0], path, 0, missing ? "(missing)" : "(the default profile's file)",
                                          (struct dorder) {});
                        pr->n_ev = r == 0;
                }
        }
        free(path);
        free(dpath);
        return r;
}

int diagnose_profile_files(const struct hermes_profile *p, const struct hermes_profile *dflt,
                           struct dproblem_list *out) {
        int r = 0;

        if (!dflt || p == dflt)
                return 0;
        if (r == 0)
                r = check_own_file(p, dflt, ".env", true, out);
        if (r == 0)
                r = check_own_file(p, dflt, "config.yaml", true, out);
        if (r == 0)
                r = check_own_file(p, dflt, "auth.json", false, out);
        return r;
}
