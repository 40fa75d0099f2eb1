/* SPDX-License-Identifier: MIT */
/*
 * HG021 file-refused: some mistakes make systemd 252 refuse a unit file or
 * drop-in as a whole (text after a section header's ']', a quote or control
 * character in a section name, a line that is not valid UTF-8, a line of 1 MiB
 * or more). The unit then fails to load: a drop-in meant to add guardrails takes
 * the whole gateway down instead.
 */
#include <string.h>

#include "../ruleutil.h"

void check_file_refused(const struct lint_ctx *ctx, const struct lint_unit *u, struct findings *out) {
        static const char *const codes[] = { "bad-section", "invalid-utf8", "line-too-long" };

        for (size_t i = 0; i < u->diags.n; i++) {
                const struct diag *d = &u->diags.items[i];
                for (size_t k = 0; k < sizeof(codes) / sizeof(codes[0]); k++)
                        if (d->code && strcmp(d->code, codes[k]) == 0 && d->file)
                                finding_add(out, d->file, d->line, d->line ? 1 : 0,
                                            "%s: none of its settings apply to %s", d->message, u->name);
        }
}
