/* SPDX-License-Identifier: MIT */
/* See cronstate.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cronstate.h"

int64_t dtime_parse_iso(const char *s);   /* lint/diagnose_scan.c */

const struct json_value *cronstate_jobs(const struct json_value *root) {
        const struct json_value *jobs;

        if (!root)
                return NULL;
        if (root->type == JSON_ARRAY)
                return root;
        jobs = json_object_get(root, "jobs");
        return jobs && jobs->type == JSON_ARRAY ? jobs : NULL;
}

const char *cronjob_str(const struct json_value *job, const char *key) {
        const struct json_value *v = json_object_get(job, key);

        return v && v->type == JSON_STRING ? v->string : NULL;
}

bool cronjob_active(const struct json_value *job) {
        const struct json_value *enabled = json_object_get(job, "enabled");
        const char *state = cronjob_str(job, "state");

        return (!enabled || json_truthy(enabled)) && !(state && strcmp(state, "paused") == 0);
}

static const char *schedule_kind(const struct json_value *job) {
        const struct json_value *s = json_object_get(job, "schedule");

        return s && s->type == JSON_OBJECT ? cronjob_str(s, "kind") : NULL;
}

bool cronjob_recurring(const struct json_value *job) {
        const char *kind = schedule_kind(job), *display = cronjob_str(job, "schedule_display");

        if (kind)
                return strcmp(kind, "cron") == 0 || strcmp(kind, "interval") == 0;
        return display && strncmp(display, "once", 4) != 0;
}

bool cronjob_finished(const struct json_value *job) {
        const struct json_value *repeat = json_object_get(job, "repeat");
        const struct json_value *times = repeat ? json_object_get(repeat, "times") : NULL;
        const struct json_value *done = repeat ? json_object_get(repeat, "completed") : NULL;

        if (cronjob_recurring(job))
                return false;
        if (times && done && times->type == JSON_NUMBER && done->type == JSON_NUMBER)
                return atof(done->string) >= atof(times->string);
        return cronjob_str(job, "last_run_at") != NULL;
}

/* "*", "*" + "/n" or "?": a field that does not pin the time. */
static bool field_free(const char *f, size_t n) {
        return (n == 1 && (f[0] == '*' || f[0] == '?')) || (n > 2 && f[0] == '*' && f[1] == '/');
}

/* The unit of the first field, from the minute up, that does not pin the time: "0 8 * * *"
 * runs daily, "30 * * * *" hourly, "0 9 * * 1" weekly. */
static int64_t cron_expr_period_sec(const char *expr) {
        static const int64_t unit[] = { 60, 3600, 86400, 31 * 86400 };
        const char *f[5];
        size_t n[5], k = 0;

        for (const char *p = expr; *p && k < 5;) {
                p += strspn(p, " \t");
                if (!*p)
                        break;
                f[k] = p;
                n[k] = strcspn(p, " \t");
                p += n[k++];
        }
        if (k != 5)
                return 0;
        for (size_t i = 0; i < 4; i++) {
                if (!field_free(f[i], n[i]))
                        continue;
                if (i == 0 && n[0] > 2)
                        return 60 * atoi(f[0] + 2);    /* every n minutes */
                if (i == 2 && !field_free(f[4], n[4]))
                        return 7 * 86400;              /* a day of the week */
                return unit[i];
        }
        return 366 * 86400;
}

int64_t cronjob_period_usec(const struct json_value *job) {
        const struct json_value *s = json_object_get(job, "schedule");
        const char *kind = schedule_kind(job);

        if (!kind)
                return 0;
        if (strcmp(kind, "interval") == 0) {
                const struct json_value *m = json_object_get(s, "minutes");
                return m && m->type == JSON_NUMBER ? (int64_t) (atof(m->string) * 60e6) : 0;
        }
        if (strcmp(kind, "cron") == 0) {
                const char *expr = cronjob_str(s, "expr");
                return expr ? cron_expr_period_sec(expr) * 1000000 : 0;
        }
        return 0;
}

enum cronjob_stuck cronjob_stuck(const struct json_value *job, int64_t now_usec) {
        const struct json_value *next = json_object_get(job, "next_run_at");
        int64_t t, period;

        if (!cronjob_active(job) || cronjob_finished(job) ||
            (!schedule_kind(job) && !cronjob_str(job, "schedule_display")))
                return CRONJOB_OK;      /* no schedule to judge by */
        if (!next || next->type == JSON_NULL)
                return cronjob_recurring(job) || !cronjob_str(job, "last_run_at") ? CRONJOB_NO_NEXT_RUN : CRONJOB_OK;
        if (next->type != JSON_STRING || (t = dtime_parse_iso(next->string)) < 0)
                return CRONJOB_OK;
        period = cronjob_period_usec(job);
        if (period <= 0)
                period = 3600 * (int64_t) 1000000;
        return now_usec - t > period ? CRONJOB_OVERDUE : CRONJOB_OK;
}

char *cronjob_label(const struct json_value *job, size_t index) {
        const char *name = cronjob_str(job, "name"), *id = cronjob_str(job, "id");
        char *s;
        int r;

        if (name && id)
                r = asprintf(&s, "\"%s\" (id %s)", name, id);
        else if (name || id)
                r = asprintf(&s, name ? "\"%s\"" : "id %s", name ? name : id);
        else
                r = asprintf(&s, "#%zu", index + 1);
        return r < 0 ? NULL : s;
}

static bool str_eq(const char *a, const char *b) {
        return a && b && strcmp(a, b) == 0;
}

/* The schedule's kind and its value, compared as written. */
static bool same_schedule(const struct json_value *a, const struct json_value *b) {
        static const char *const keys[] = { "expr", "minutes", "run_at", "display" };
        const struct json_value *sa = json_object_get(a, "schedule"), *sb = json_object_get(b, "schedule");

        if (!sa || !sb || sa->type != JSON_OBJECT || sb->type != JSON_OBJECT)
                return str_eq(cronjob_str(a, "schedule_display"), cronjob_str(b, "schedule_display"));
        if (!str_eq(cronjob_str(sa, "kind"), cronjob_str(sb, "kind")))
                return false;
        for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
                const struct json_value *x = json_object_get(sa, keys[i]), *y = json_object_get(sb, keys[i]);
                if (!x && !y)
                        continue;
                if (!x || !y || x->type != y->type || (x->type == JSON_STRING || x->type == JSON_NUMBER ?
                                                       strcmp(x->string, y->string) != 0 : false))
                        return false;
                return true;
        }
        return false;
}

bool cronjob_same_work(const struct json_value *a, const struct json_value *b) {
        const char *pa = cronjob_str(a, "prompt"), *pb = cronjob_str(b, "prompt");
        const char *xa = cronjob_str(a, "script"), *xb = cronjob_str(b, "script");

        if (!same_schedule(a, b))
                return false;
        return (pa && *pa && str_eq(pa, pb)) || (xa && *xa && str_eq(xa, xb));
}

/*
 * cronjob_same_work() as keys, so that sorting finds the pairs. Two object schedules
 * match on kind and the first of expr, minutes, run_at, display that either has (both
 * must have it, of one type, and for a string or number the same text): key 'O' with
 * that kind, key name, type and text. A pair where either schedule is not an object
 * matches on schedule_display: key 'D'. Each schedule key is paired with the prompt
 * and with the script (non-empty): up to four keys per job.
 */
struct work_key {
        char rel;                  /* 'O' or 'D' */
        char what;                 /* 'p' prompt, 's' script */
        int vtype;                 /* 'O': the value's type */
        const char *s1, *s2, *s3;  /* 'O': kind, key, text ("" when not compared); 'D': display */
        const char *work;
        size_t index;
        bool object;               /* the job's schedule is an object */
};

static int strcmp_null(const char *a, const char *b) {
        return strcmp(a ? a : "", b ? b : "");
}

/* Equal keys: the same schedule and work, whatever the job. */
static int work_key_cmp_key(const struct work_key *a, const struct work_key *b) {
        int r;

        if (a->rel != b->rel)
                return a->rel < b->rel ? -1 : 1;
        if (a->what != b->what)
                return a->what < b->what ? -1 : 1;
        if (a->vtype != b->vtype)
                return a->vtype < b->vtype ? -1 : 1;
        if ((r = strcmp_null(a->s1, b->s1)) || (r = strcmp_null(a->s2, b->s2)) || (r = strcmp_null(a->s3, b->s3)))
                return r;
        return strcmp(a->work, b->work);
}

static int work_key_cmp(const void *x, const void *y) {
        const struct work_key *a = x, *b = y;
        int r = work_key_cmp_key(a, b);

        return r ? r : a->index < b->index ? -1 : a->index > b->index;
}

/* The 'O' schedule key of an object schedule; false when it matches nothing. */
static bool object_schedule_key(const struct json_value *sched, struct work_key *k) {
        static const char *const keys[] = { "expr", "minutes", "run_at", "display" };

        if (!(k->s1 = cronjob_str(sched, "kind")))
                return false;
        for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
                const struct json_value *v = json_object_get(sched, keys[i]);
                if (!v)
                        continue;
                k->s2 = keys[i];
                k->vtype = (int) v->type;
                k->s3 = v->type == JSON_STRING || v->type == JSON_NUMBER ? v->string : "";
                return true;
        }
        return false;
}

static size_t work_keys_of(const struct json_value *job, size_t index, struct work_key *out) {
        const struct json_value *sched = json_object_get(job, "schedule");
        const char *work[2] = { cronjob_str(job, "prompt"), cronjob_str(job, "script") }, *display;
        bool object = sched && sched->type == JSON_OBJECT;
        struct work_key o = { .rel = 'O', .index = index, .object = object };
        bool has_o = object && object_schedule_key(sched, &o);
        size_t n = 0;

        display = cronjob_str(job, "schedule_display");
        for (int w = 0; w < 2; w++) {
                if (!work[w] || !*work[w])
                        continue;
                if (has_o) {
                        out[n] = o;
                        out[n].what = "ps"[w];
                        out[n++].work = work[w];
                }
                if (display)
                        out[n++] = (struct work_key) { .rel = 'D', .what = "ps"[w], .s1 = display, .work = work[w],
                                                       .index = index, .object = object };
        }
        return n;
}

int cronjob_first_same_work(const struct json_value *jobs, size_t *ret_first) {
        struct work_key *keys = jobs->n ? calloc(jobs->n, 4 * sizeof(*keys)) : NULL;
        size_t n = 0;

        if (jobs->n && !keys)
                return -ENOMEM;
        for (size_t i = 0; i < jobs->n; i++) {
                const struct json_value *job = jobs->elements[i];
                ret_first[i] = SIZE_MAX;
                if (job->type == JSON_OBJECT && cronjob_active(job))
                        n += work_keys_of(job, i, keys + n);
        }
        if (n > 1)
                qsort(keys, n, sizeof(*keys), work_key_cmp);
        /* In a run of equal keys (by index), the first job matches every later one,
         * except on a 'D' key, where two object schedules do not match: a job with
         * an object schedule takes the run's first job without one. */
        for (size_t a = 0, b; a < n; a = b) {
                size_t first_any = keys[a].index, first_plain = SIZE_MAX;
                for (b = a; b < n && work_key_cmp_key(&keys[a], &keys[b]) == 0; b++) {
                        size_t i = keys[b].index, m = keys[b].rel == 'D' && keys[b].object ? first_plain : first_any;
                        if (m < i && m < ret_first[i])
                                ret_first[i] = m;
                        if (!keys[b].object && first_plain == SIZE_MAX)
                                first_plain = i;
                }
        }
        free(keys);
        return 0;
}
