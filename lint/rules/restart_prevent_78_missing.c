/* SPDX-License-Identifier: MIT */
/*
 * HG006 restart-prevent-78-missing: Hermes exits 78 on a fatal configuration
 * error (e.g. a bot token another gateway already uses). Restarting cannot fix
 * that, so RestartPreventExitStatus= must hold 78, and every status or signal
 * the policy's RestartPreventExitStatus= lists.
 */
#include <stdio.h>
#include <string.h>

#include "exitstatus.h"
#include "../ruleutil.h"
#include "strv.h"

static bool prevented(const struct exit_status_set *s, const char *word) {
        int st = exit_status_from_string(word);

        if (st >= 0)
                return exit_status_set_contains(s, st);
        int sig = signal_from_string(word);
        return sig > 0 && sig <= 64 && (s->signals & (1ULL << (sig - 1)));
}

/* Appends the words of want that s lacks to buf (space-separated). */
static void missing_words(const struct exit_status_set *s, const char *want, char *buf, size_t size) {
        char **words = NULL;

        if (strv_split(want, " ", &words) < 0)
                return;
        for (size_t i = 0; words[i]; i++) {
                if (prevented(s, words[i]) || strstr(buf, words[i]))
                        continue;
                size_t n = strlen(buf);
                snprintf(buf + n, size - n, "%s%s", n ? " " : "", words[i]);
        }
        strv_free(words);
}

void check_restart_prevent_78_missing(const struct lint_ctx *ctx, const struct lint_unit *u,
                                      struct findings *out) {
        const struct effective *e = u->eff;
        char missing[256] = "";

        if (!unit_restarts(u))
                return;
        missing_words(&e->restart_prevent_exit_status, "78", missing, sizeof(missing));
        if (u->guard.restart_prevent_exit_status)
                missing_words(&e->restart_prevent_exit_status, u->guard.restart_prevent_exit_status,
                              missing, sizeof(missing));
        if (!missing[0])
                return;
        struct location l = where_value(u, &e->restart_prevent_exit_status_from, "Service");
        finding_add(out, l.file, l.line, l.column,
                    "RestartPreventExitStatus= lacks %s: a gateway that exits 78 (fatal configuration, "
                    "e.g. a bot token another gateway already uses) is restarted in a loop",
                    missing);
}
