/* SPDX-License-Identifier: MIT */
/*
 * HG011 value-invalid: systemd logs an unparsable value once and ignores the
 * assignment, so whatever an earlier file (or the default) said stays in force:
 * "RestartSec=5 seconds" leaves the stock 5s, "Restart=on_failure" leaves always.
 */
#include "../ruleutil.h"

static void report(const struct effective_note *n, const struct location *l, struct findings *out) {
        finding_add(out, l->file, l->line, n->assignment->value_column,
                    "%s=%.80s is not a valid value: systemd ignores the assignment, so the previous "
                    "value (or the default) stays", n->assignment->key, n->assignment->value);
}

void check_value_invalid(const struct lint_ctx *ctx, const struct lint_unit *u, struct findings *out) {
        for_each_note(u, NOTE_INVALID_VALUE, report, out);
}
