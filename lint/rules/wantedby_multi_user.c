/* SPDX-License-Identifier: MIT */
/*
 * HG018 wantedby-multi-user: multi-user.target and graphical.target are system
 * targets; a user manager has no such units, so "systemctl --user enable" links
 * the unit into a .wants/ directory nothing ever starts. A user unit that should
 * start with the user manager wants default.target.
 */
#include <string.h>

#include "../ruleutil.h"
#include "strv.h"

void check_wantedby_multi_user(const struct lint_ctx *ctx, const struct lint_unit *u, struct findings *out) {
        static const char *const system_targets[] = { "multi-user.target", "graphical.target", NULL };

        if (ctx->scope != SCOPE_USER)
                return;
        for (size_t i = 0; u->eff && i < u->eff->n_files; i++) {
                const struct unit_file *f = u->eff->files[i];
                for (size_t j = 0; j < f->n_assignments; j++) {
                        const struct unit_assignment *a = &f->assignments[j];
                        char **words = NULL;
                        if (strcmp(a->section, "Install") != 0 ||
                            (strcmp(a->key, "WantedBy") != 0 && strcmp(a->key, "RequiredBy") != 0) ||
                            strv_split(a->value, " \t", &words) < 0)
                                continue;
                        for (size_t k = 0; words[k]; k++)
                                if (strv_contains((char *const *) system_targets, words[k]))
                                        finding_add(out, f->path, a->line,
                                                    a->value_column,
                                                    "%s=%s in a user unit: the user manager has no %s, so "
                                                    "enabling it never starts the unit; use %s=default.target",
                                                    a->key, words[k], words[k], a->key);
                        strv_free(words);
                }
        }
}
