/* SPDX-License-Identifier: MIT */
/*
 * HG012 empty-assignment-ignored: for list settings an empty assignment resets
 * the list, and people expect "Restart=" or "RestartSec=" in a drop-in to reset
 * to the default likewise. For these keys systemd ignores it instead: the value
 * from the unit (e.g. Hermes' Restart=always) stays.
 */
#include "../ruleutil.h"

static void report(const struct effective_note *n, const struct location *l, struct findings *out) {
        finding_add(out, l->file, l->line, l->column,
                    "%s= with an empty value does not reset it: systemd ignores the assignment and "
                    "the previous value stays", n->assignment->key);
}

void check_empty_assignment_ignored(const struct lint_ctx *ctx, const struct lint_unit *u, struct findings *out) {
        for_each_note(u, NOTE_EMPTY_IGNORED, report, out);
}
