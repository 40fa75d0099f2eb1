/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * The run state of Hermes cron jobs, as cron/jobs.py keeps it in
 * <home>/cron/jobs.json: what `hermes-unit-lint diagnose` reports and what the
 * cron contract rules (HG040-HG049) check.
 *
 * Fields (cron/jobs.py create_job(), _record_run_outcome()): id (12 hex), name,
 * prompt, script, no_agent, schedule {kind: cron|interval|once, expr, minutes,
 * run_at, display}, enabled (default true), state (scheduled, paused, ...),
 * paused_at, next_run_at, last_run_at (ISO 8601 with offset), last_status (ok,
 * error, delivery_failed), last_error, last_delivery_error, failure_streak (not
 * raised by a delivery failure), deliver, workdir, repeat {times, completed}.
 * The scheduler runs inside the gateway: while the gateway is down nothing runs
 * and next_run_at falls behind.
 */

#include <stdbool.h>
#include <stdint.h>

#include "json.h"

/* The job list of a jobs.json that hermes_jobs_load() (home.h) read: {"jobs": [...]}, or
 * a bare array (Hermes wraps it); NULL: none (no file, or another shape, which HG027 reports). */
const struct json_value *cronstate_jobs(const struct json_value *root);

/* The member key of job when it is a string, else NULL. */
const char *cronjob_str(const struct json_value *job, const char *key);
/* enabled (default true) and not paused: the scheduler runs it. */
bool cronjob_active(const struct json_value *job);
/* schedule.kind is cron or interval (or, without a kind, a schedule_display that is not
 * "once ..."). A job without either is not known to recur. */
bool cronjob_recurring(const struct json_value *job);
/* A once-job whose repeat says it ran (completed >= times) or that ran already. */
bool cronjob_finished(const struct json_value *job);

/* The time between two runs: interval minutes, or for a cron expression an estimate from
 * its first field that is not "*" (a minute field only: hourly, an hour: daily, day of
 * week: weekly, day of month or month: monthly). 0: unknown (no schedule, once). */
int64_t cronjob_period_usec(const struct json_value *job);

enum cronjob_stuck {
        CRONJOB_OK,
        CRONJOB_NO_NEXT_RUN,   /* recurring (or never run) with next_run_at null */
        CRONJOB_OVERDUE,       /* next_run_at more than one period (or an hour) behind now */
};
enum cronjob_stuck cronjob_stuck(const struct json_value *job, int64_t now_usec);

/* "\"name\" (id X)", "id X", or "#N"; malloc'd, raw (escape it when printing). */
char *cronjob_label(const struct json_value *job, size_t index);

/* Two jobs that do the same work at the same times: the same schedule (kind and expr,
 * minutes or run_at) and the same non-empty prompt or script. */
bool cronjob_same_work(const struct json_value *a, const struct json_value *b);

/*
 * For every job of jobs (an array), the first earlier job that is active and does
 * the same work as it (cronjob_same_work()), in O(n log n): ret_first[i] is its
 * index, or SIZE_MAX (none, or job i is not an active object). ret_first has
 * jobs->n entries. Returns 0, or -ENOMEM.
 */
int cronjob_first_same_work(const struct json_value *jobs, size_t *ret_first);
