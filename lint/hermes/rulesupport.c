/* SPDX-License-Identifier: MIT */
/* See rulesupport.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../ruleutil.h"
#include "hermesname.h"
#include "rulesupport.h"

int hermes_check_load(const char *root, const char *user_home, struct hermes_check *c) {
        int r;

        *c = (struct hermes_check) {};
        r = hermes_home_load(root, HERMES_LOAD_ENV | HERMES_LOAD_JOBS, &c->home, &c->diags);
        if (r == 0)
                r = hermes_cron_check(c->home, user_home, &c->cron, &c->diags);
        if (r < 0) {
                hermes_check_done(c);
                return r == -ENOTDIR ? -ENOENT : r;
        }
        return 0;
}

void hermes_check_done(struct hermes_check *c) {
        cron_report_free(c->cron);
        hermes_home_free(c->home);
        diag_list_clear(&c->diags);
        *c = (struct hermes_check) {};
}

static const char *verb(enum cron_action a) {
        switch (a) {
        case CRON_ACTION_RESTART: return "restarts";
        case CRON_ACTION_STOP:    return "stops";
        case CRON_ACTION_KILL:    return "kills";
        default:                  return "starts";
        }
}

/* The unit a job's other target names: the gateway of a profile (one of h or not),
 * or, when the job named a gateway unit that is no profile's, that unit as written. */
static char *target_unit(const char *target_name) {
        if (strncmp(target_name, "hermes-gateway", 14) == 0)
                return strdup(target_name);
        return hermes_profile_unit(target_name);
}

/* "its own gateway (U)", "every Hermes gateway, its own (U) included", "the gateway of profile P (U)". */
static char *what(const struct hermes_home *h, const struct cron_lifecycle *l) {
        const char *own = h->profiles[l->profile].unit;
        char *s, *unit = NULL;
        int r;

        if (l->cmd.target == CRON_TARGET_OWN)
                r = asprintf(&s, "its own gateway (%s)", own);
        else if (l->cmd.target == CRON_TARGET_ALL)
                r = asprintf(&s, "every Hermes gateway, its own (%s) included", own);
        else if (strcmp(l->cmd.target_name, "?") == 0)
                r = asprintf(&s, "the gateway of another profile (its name is not shown: it does not look like one)");
        else if (!(unit = target_unit(l->cmd.target_name)))
                r = -1;
        else if (hermes_home_find_profile(h, l->cmd.target_name) >= 0)
                r = asprintf(&s, "the gateway of profile %s (%s)", l->cmd.target_name, unit);
        else
                r = asprintf(&s, "the gateway %s (no profile of this Hermes home)", unit);
        free(unit);
        return r < 0 ? NULL : s;
}

static const char *why(const struct cron_lifecycle *l) {
        if (l->cmd.action == CRON_ACTION_START)
                return "a cron job should not manage gateways";
        if (l->cmd.target == CRON_TARGET_OTHER)
                return "that gateway goes down on every run of this job";
        return "the job takes down the gateway it runs in, and under Restart= the gateway comes "
               "back and the job can do it again";
}

static void report_one(const struct hermes_check *c, const struct cron_lifecycle *l, struct findings *out) {
        const struct hermes_profile *p = &c->home->profiles[l->profile];
        char *w = what(c->home, l);

        if (!w)
                return;
        out->unit = p->unit;
        finding_add(out, l->file, l->line, l->column, "cron job %s of profile %s %s `%s`, which %s %s: %s%s",
                    l->job, p->name, l->in_script ? "runs the script line" : "tells the agent to run",
                    l->cmd.command, verb(l->cmd.action), w, why(l),
                    l->cmd.upstream_match ? " (Hermes refuses to create such a job, but does not check "
                                            "existing or hand-edited ones)" :
                                            " (Hermes' own check does not recognise this form)");
        out->unit = NULL;
        free(w);
}

void hermes_report_lifecycle(const struct hermes_check *c, hermes_lifecycle_filter want, struct findings *out) {
        for (size_t i = 0; c->cron && i < c->cron->n_lifecycle; i++)
                if (want(&c->cron->lifecycle[i].cmd))
                        report_one(c, &c->cron->lifecycle[i], out);
}
