/* SPDX-License-Identifier: MIT */
/*
 * HG028 hermes-file-partly-read: Hermes reads the file but not all of it, or
 * rewrites it: a .env statement python-dotenv cannot parse (skipped, so a token
 * on that line is not set), a byte order mark that hides the first key, a
 * jobs.json that is a bare list or holds raw control characters (Hermes repairs
 * and rewrites it), a job script that cannot be read to check it.
 */
#include "../hermes/rulesupport.h"

void check_hermes_file_partly_read(const struct lint_ctx *ctx, struct findings *out) {
        const struct hermes_check *c = ctx->hermes_check;

        if (!c)
                return;
        for (size_t i = 0; i < c->diags.n; i++) {
                const struct diag *d = &c->diags.items[i];
                if (d->level != DIAG_WARNING)
                        continue;
                finding_add(out, d->file, d->line, d->column, "%s%s",
                            d->code == DIAG_JSON_CONTROL_CHAR ?
                            "Hermes reads this only with json.loads(strict=False) and then rewrites the file: " : "",
                            d->message);
        }
}
