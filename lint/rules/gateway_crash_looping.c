/* SPDX-License-Identifier: MIT */
/*
 * HG030 gateway-crash-looping (--live): the manager keeps restarting the gateway
 * (live_restarting(): waiting in activating/auto-restart after NRestarts > 0, or up
 * again for less than a minute after an automatic restart). See docs/systemd-notes.md,
 * "A crash loop as the manager shows it". The message says whether the live start
 * limit will ever stop it. An exit 78 loop is HG032's.
 */
#include <stdlib.h>
#include <string.h>

#include "../liveutil.h"

static void check(const struct lint_ctx *ctx, const struct live_unit *lu, struct findings *out) {
        const struct lint_unit *u = lint_unit_named(ctx, lu->name);
        char msg[256], brief[64], code[32], *buf;
        struct location l;

        if (!live_restarting(lu) || live_exited_with(lu, 78))
                return;
        live_start_limit_words(lu, msg, brief);
        l = live_where(ctx, lu, u && u->eff ? &u->eff->restart_from : NULL, "Service", &buf);
        finding_add(out, l.file, l.line, l.column,
                    "%s is crash-looping: %u restart%s so far, last exit %s, and %s; find the cause in "
                    "its log, then stop it or let the guardrails act (%s status %s)", lu->name, lu->n_restarts,
                    lu->n_restarts == 1 ? "" : "s", live_last_exit(lu, code), msg, systemctl_for(ctx), lu->name);
        finding_brief(out, "crash loop, %u restart%s, %s", lu->n_restarts, lu->n_restarts == 1 ? "" : "s", brief);
        free(buf);
}

void check_gateway_crash_looping(const struct lint_ctx *ctx, struct findings *out) {
        for_each_live_unit(ctx, check, out);
}
