/* SPDX-License-Identifier: MIT */
/*
 * HG020 line-ignored: a line without '=', one with nothing before the '=', or an
 * assignment before the first section header. systemd logs it and goes on
 * without it, so whatever the line was meant to set is not set.
 */
#include <string.h>

#include "../ruleutil.h"

void check_line_ignored(const struct lint_ctx *ctx, const struct lint_unit *u, struct findings *out) {
        static const char *const codes[] = { "missing-equals", "missing-key", "outside-section" };

        for (size_t i = 0; i < u->diags.n; i++) {
                const struct diag *d = &u->diags.items[i];
                for (size_t k = 0; k < sizeof(codes) / sizeof(codes[0]); k++)
                        if (d->code && strcmp(d->code, codes[k]) == 0 && d->file)
                                finding_add(out, d->file, d->line, finding_column(d->file, d->line, COLUMN_KEY),
                                            "%s", d->message);
        }
}
