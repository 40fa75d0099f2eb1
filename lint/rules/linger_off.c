/* SPDX-License-Identifier: MIT */
/*
 * HG017 linger-off: a user's systemd --user manager runs only while the user is
 * logged in, unless linger is on (the file /var/lib/systemd/linger/<user>, made
 * by "loginctl enable-linger"). Without it an enabled gateway stops at logout and
 * does not start at boot. Host state: checked in host mode or with --check-linger.
 */
#include <string.h>

#include "../ruleutil.h"

static struct location install_line(const struct lint_unit *u) {
        for (size_t i = 0; u->eff && i < u->eff->n_files; i++) {
                const struct unit_file *f = u->eff->files[i];
                for (size_t j = 0; j < f->n_assignments; j++)
                        if (strcmp(f->assignments[j].section, "Install") == 0 &&
                            strcmp(f->assignments[j].key, "WantedBy") == 0)
                                return (struct location) { f->path, f->assignments[j].line, 1 };
        }
        return where_value(u, NULL, "Install");
}

void check_linger_off(const struct lint_ctx *ctx, const struct lint_unit *u, struct findings *out) {
        if (ctx->scope != SCOPE_USER || !ctx->check_linger || !u->enabled_by || ctx->lingering)
                return;
        struct location l = install_line(u);
        finding_add(out, l.file, l.line, l.column,
                    "%s is enabled (%s) but linger is off for user %s (no %s): the gateway stops at "
                    "logout and does not start at boot; run \"loginctl enable-linger %s\"",
                    u->name, path_shown(u->enabled_by), ctx->user, path_shown(ctx->linger_file), ctx->user);
}
