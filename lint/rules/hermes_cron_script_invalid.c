/* SPDX-License-Identifier: MIT */
/*
 * HG026 hermes-cron-script-invalid: an enabled cron job whose script Hermes will
 * not run. Scripts must resolve (after "~", symlinks and "..") inside the
 * profile's scripts/ directory and be regular files; a no_agent job needs one.
 * Otherwise the job fails, and alerts, at every run.
 */
#include "../hermes/rulesupport.h"
#include "../ruleutil.h"

static void report(const struct hermes_check *c, const struct cron_script_issue *s, struct findings *out) {
        const struct hermes_profile *p = &c->home->profiles[s->profile];

        out->unit = p->unit;
        switch (s->problem) {
        case CRON_SCRIPT_NONE_FOR_NO_AGENT:
                finding_add(out, s->file, s->line, s->column, "cron job %s of profile %s is no_agent but has no "
                            "script: Hermes fails it at every run (\"no_agent=True but no script is set\")",
                            s->job, p->name);
                break;
        case CRON_SCRIPT_OUTSIDE:
                finding_add(out, s->file, s->line, s->column, "cron job %s of profile %s: script \"%s\" resolves to "
                            "%s, outside %s/: Hermes blocks it and the job fails at every run",
                            s->job, p->name, s->script, path_shown(s->resolved), path_shown(s->scripts_dir));
                break;
        case CRON_SCRIPT_NOT_FOUND:
        case CRON_SCRIPT_NOT_A_FILE:
                finding_add(out, s->file, s->line, s->column, "cron job %s of profile %s: script \"%s\" (%s) %s: "
                            "the job fails at every run", s->job, p->name, s->script, path_shown(s->resolved),
                            s->problem == CRON_SCRIPT_NOT_FOUND ? "does not exist" : "is not a regular file");
                break;
        }
        out->unit = NULL;
}

void check_hermes_cron_script_invalid(const struct lint_ctx *ctx, struct findings *out) {
        const struct hermes_check *c = ctx->hermes_check;

        if (!c)
                return;
        for (size_t i = 0; i < c->cron->n_scripts; i++)
                report(c, &c->cron->scripts[i], out);
}
