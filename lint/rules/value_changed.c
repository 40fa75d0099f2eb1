/* SPDX-License-Identifier: MIT */
/*
 * HG022 value-changed: a value systemd accepts but takes as another one. The
 * case that matters here: StartLimitAction=reboot (or poweroff ...) in a user
 * unit, which the user manager cannot do and turns into exit-force: when the
 * start limit trips, the user's whole manager exits, taking every other user
 * service with it.
 */
#include "../ruleutil.h"

static void report(const struct effective_note *n, const struct location *l, struct findings *out) {
        finding_add(out, l->file, l->line, n->assignment->value_column, "%s=%.80s: %s",
                    n->assignment->key, n->assignment->value, n->message);
}

void check_value_changed(const struct lint_ctx *ctx, const struct lint_unit *u, struct findings *out) {
        for_each_note(u, NOTE_VALUE_CHANGED, report, out);
}
