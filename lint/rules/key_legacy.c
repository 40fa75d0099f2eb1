/* SPDX-License-Identifier: MIT */
/*
 * HG009 key-legacy: StartLimitInterval= and StartLimitBurst= in [Service] are the
 * pre-v230 spellings. systemd still honours them, so this is only information:
 * the current keys live in [Unit] (StartLimitIntervalSec=, StartLimitBurst=).
 */
#include "../ruleutil.h"

static void report(const struct effective_note *n, const struct location *l, struct findings *out) {
        finding_add(out, l->file, l->line, l->column, "%s= in [%s] is deprecated (%s)",
                    n->assignment->key, n->assignment->section, n->message);
}

void check_key_legacy(const struct lint_ctx *ctx, const struct lint_unit *u, struct findings *out) {
        for_each_note(u, NOTE_LEGACY_KEY, report, out);
}
