/* SPDX-License-Identifier: MIT */
/*
 * HG027 hermes-file-unreadable: a Hermes file the gateway cannot use at all: a
 * cron/jobs.json that is not JSON or not {"jobs": [...]} (Hermes stops the cron
 * scheduler of that profile, so none of its jobs run), a job that is not an
 * object, an unreadable .env or jobs.json.
 */
#include "../hermes/rulesupport.h"

void check_hermes_file_unreadable(const struct lint_ctx *ctx, struct findings *out) {
        const struct hermes_check *c = ctx->hermes_check;

        if (!c)
                return;
        for (size_t i = 0; i < c->diags.n; i++) {
                const struct diag *d = &c->diags.items[i];
                if (d->level != DIAG_ERROR)
                        continue;
                switch (d->code) {
                case DIAG_JSON_SYNTAX:
                case DIAG_JSON_TOO_DEEP:
                case DIAG_JSON_TOO_LARGE:
                        finding_add(out, d->file, d->line, d->column, "not valid JSON, so Hermes runs none of "
                                    "these jobs: %s", d->message);
                        break;
                default:
                        finding_add(out, d->file, d->line, d->column, "%s", d->message);
                        break;
                }
        }
}
