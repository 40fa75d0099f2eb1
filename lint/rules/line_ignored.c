/* SPDX-License-Identifier: MIT */
/*
 * HG020 line-ignored: a line without '=', one with nothing before the '=', or an
 * assignment before the first section header. systemd logs it and goes on
 * without it, so whatever the line was meant to set is not set.
 */
#include "../ruleutil.h"

void check_line_ignored(const struct lint_ctx *ctx, const struct lint_unit *u, struct findings *out) {
        for (size_t i = 0; i < u->diags.n; i++) {
                const struct diag *d = &u->diags.items[i];
                switch (d->code) {
                case DIAG_MISSING_EQUALS:
                case DIAG_MISSING_KEY:
                case DIAG_OUTSIDE_SECTION:
                        if (d->file)
                                finding_add(out, d->file, d->line, d->column,
                                            "%s", d->message);
                        break;
                default:
                        break;
                }
        }
}
