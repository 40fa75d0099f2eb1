/* SPDX-License-Identifier: MIT */
/*
 * HG008 key-wrong-section: a key that systemd knows, but in another section, is
 * ignored where it is: StartLimitIntervalSec= in [Service] (it moved to [Unit] in
 * v230; only the legacy StartLimitInterval= still works there), Restart= in
 * [Unit]. systemd only logs "Unknown key name" once at load time, and the unit
 * silently keeps the previous value or the default. The key lists are systemd's
 * own (lib/unitkeys.c).
 */
#include "../ruleutil.h"
#include "unitkeys.h"

void check_key_wrong_section(const struct lint_ctx *ctx, const struct lint_unit *u, struct findings *out) {
        for (size_t i = 0; u->eff && i < u->eff->n_files; i++) {
                const struct unit_file *f = u->eff->files[i];
                for (size_t j = 0; j < f->n_assignments; j++) {
                        const struct unit_assignment *a = &f->assignments[j];
                        const char *home;
                        if (!unit_keys_for_section(a->section) || unit_key_is_valid(a->section, a->key) ||
                            !(home = unit_key_home_section(a->key, a->section)))
                                continue;
                        finding_add(out, f->path, a->line, a->key_column,
                                    "%s= in [%s] is ignored by systemd: it belongs in [%s]",
                                    a->key, a->section, home);
                }
        }
}
