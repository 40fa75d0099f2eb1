/* SPDX-License-Identifier: MIT */
/*
 * HG021 file-refused: some lines make systemd 252 stop reading a file: text
 * after a section header's ']', a quote or control character in a section name,
 * a line that is not valid UTF-8, a line of 1 MiB or more. Seen in a real user
 * manager: in the unit file itself the unit then fails to load
 * (LoadState=error) and cannot start; in a drop-in the lines before apply and
 * that line and everything after it do not, while the unit loads as if nothing
 * were wrong.
 */
#include <string.h>

#include "../ruleutil.h"

static const char *what(const char *code) {
        if (strcmp(code, "bad-section") == 0)
                return "an invalid section header";
        if (strcmp(code, "invalid-utf8") == 0)
                return "a line that is not valid UTF-8";
        if (strcmp(code, "line-too-long") == 0)
                return "a line of 1 MiB or more";
        return NULL;
}

void check_file_refused(const struct lint_ctx *ctx, const struct lint_unit *u, struct findings *out) {
        const char *fragment = u->set ? u->set->fragment_path : NULL;

        for (size_t i = 0; i < u->diags.n; i++) {
                const struct diag *d = &u->diags.items[i];
                const char *w = d->code && d->file ? what(d->code) : NULL;
                if (!w)
                        continue;
                if (fragment && strcmp(d->file, fragment) == 0)
                        finding_add(out, d->file, d->line, d->line ? 1 : 0,
                                    "%s: systemd refuses the unit file, so %s fails to load "
                                    "(LoadState=error) and cannot start", w, u->name);
                else
                        finding_add(out, d->file, d->line, d->line ? 1 : 0,
                                    "%s: systemd stops reading this drop-in here, so this line and "
                                    "all after it do not apply to %s", w, u->name);
        }
}
