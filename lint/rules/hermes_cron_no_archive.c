/* SPDX-License-Identifier: MIT */
/*
 * HG044 hermes-cron-no-archive: an agent job whose prompt names no absolute path
 * (/... or ~/...) to save its result to. The delivered message is the only copy:
 * when delivery fails, or the chat is cleared, the result is gone (cron/output/
 * keeps the raw transcript, not a report the next run can build on).
 */
#include <regex.h>

#include "../hermes/cronrules.h"
#include "../ruleutil.h"

/* "/srv/reports/x.md" or "~/notes/": a slash-rooted path with a component, not inside a
 * word ("and/or") or a URL ("https://host/path"). */
#define ABSOLUTE_PATH "(^|[^[:alnum:]_.~/:-])(~/|/)[[:alnum:]_.-]+"

static void check(const struct lint_ctx *ctx, const struct cron_job_ref *j, struct findings *out) {
        const struct json_value *prompt = json_object_get(j->job, "prompt");
        regex_t re;
        bool found;

        if (!cronjob_is_agent(j->job) || !prompt || prompt->type != JSON_STRING || prompt->n == 0 ||
            regcomp(&re, ABSOLUTE_PATH, REG_EXTENDED | REG_NOSUB) != 0)
                return;
        found = regexec(&re, prompt->string, 0, NULL, 0) == 0;
        regfree(&re);
        if (!found)
                finding_add(out, j->path, prompt->line, prompt->column, "cron job %s of profile %s: the prompt "
                            "names no absolute path to save the result to; the delivered message is the only copy",
                            j->label, j->p->name);
}

void check_hermes_cron_no_archive(const struct lint_ctx *ctx, struct findings *out) {
        cron_rules_each_job(ctx, check, out);
}
