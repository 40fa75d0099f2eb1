/* SPDX-License-Identifier: MIT */
/*
 * HG019 key-needs-newer-systemd: RestartSteps=, RestartMaxDelaySec= and
 * RestartMode= exist from systemd 254 on. An older manager logs "Unknown key"
 * and ignores them, so exponential back-off written for a newer host silently
 * does nothing on Debian 12 (252). The target version is --systemd-version,
 * by default the running manager's.
 */
#include "../ruleutil.h"

void check_key_needs_newer_systemd(const struct lint_ctx *ctx, const struct lint_unit *u, struct findings *out) {
        for (size_t i = 0; u->eff && i < u->eff->n_files; i++) {
                const struct unit_file *f = u->eff->files[i];
                for (size_t j = 0; j < f->n_assignments; j++) {
                        const struct unit_assignment *a = &f->assignments[j];
                        unsigned since = guard_key_since(a->section, a->key);
                        if (since == 0 || ctx->systemd_version >= since)
                                continue;
                        finding_add(out, f->path, a->line, a->key_column,
                                    "%s= needs systemd %u or newer; systemd %u ignores it",
                                    a->key, since, ctx->systemd_version);
                }
        }
}
