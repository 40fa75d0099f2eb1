/* SPDX-License-Identifier: MIT */
/*
 * HG016 hermes-unit-edited: Hermes rewrites its gateway unit whenever it differs
 * from its template (on "hermes gateway start/restart" and at every gateway
 * start-up), and never touches <unit>.d/. A restart setting edited into the unit
 * itself therefore works until the next start, then silently disappears. Values
 * equal to what Hermes writes are not edits.
 */
#include <string.h>

#include "../ruleutil.h"
#include "timespan.h"

/* What Hermes' template says for the restart settings (hermes_cli/gateway.py). */
static const struct {
        const char *section, *key, *value;
} stock[] = {
        { "Unit",    "StartLimitIntervalSec",    "0" },
        { "Service", "Restart",                  "always" },
        { "Service", "RestartSec",               "5" },
        { "Service", "RestartForceExitStatus",   "75" },
        { "Service", "SuccessExitStatus",        "75" },
        { "Service", "RestartPreventExitStatus", "78" },
};

static const char *const restart_keys[] = {
        "Restart", "RestartSec", "RestartSteps", "RestartMaxDelaySec", "RestartMode",
        "RestartForceExitStatus", "RestartPreventExitStatus", "SuccessExitStatus",
        "StartLimitIntervalSec", "StartLimitInterval", "StartLimitBurst", "StartLimitAction",
};

static bool is_restart_key(const char *key) {
        for (size_t i = 0; i < sizeof(restart_keys) / sizeof(restart_keys[0]); i++)
                if (strcmp(restart_keys[i], key) == 0)
                        return true;
        return false;
}

static bool same_value(const char *key, const char *a, const char *b) {
        usec_t x, y;

        if (strcmp(a, b) == 0)
                return true;
        /* "5s" is what Hermes means by "5". */
        return strstr(key, "Sec") && timespan_parse(a, USEC_PER_SEC, &x) >= 0 &&
                timespan_parse(b, USEC_PER_SEC, &y) >= 0 && x == y;
}

static bool is_stock(const struct unit_assignment *a) {
        for (size_t i = 0; i < sizeof(stock) / sizeof(stock[0]); i++)
                if (strcmp(stock[i].section, a->section) == 0 && strcmp(stock[i].key, a->key) == 0)
                        return same_value(a->key, a->value, stock[i].value);
        return false;
}

void check_hermes_unit_edited(const struct lint_ctx *ctx, const struct lint_unit *u, struct findings *out) {
        if (!u->hermes_written || !u->eff || u->eff->n_files == 0)
                return;
        const struct unit_file *f = u->eff->files[0];   /* the fragment */
        for (size_t j = 0; j < f->n_assignments; j++) {
                const struct unit_assignment *a = &f->assignments[j];
                if (!is_restart_key(a->key) || is_stock(a))
                        continue;
                finding_add(out, f->path, a->line, a->key_column,
                            "%s=%.80s is edited into the unit Hermes writes: Hermes rewrites this file "
                            "on the next gateway start and the edit is lost; put it in a drop-in "
                            "(%s.d/20-local.conf) instead", a->key, a->value, u->set->id);
        }
}
