/* SPDX-License-Identifier: MIT */
/*
 * HG031 gateway-gave-up (--live): the gateway is failed and systemd will not start
 * it again by itself. Usually the start limit stopped a crash loop: on systemd 252
 * Result= then stays "exit-code" (the first failure's result is kept, seen in
 * tests/e2e/test-crashloop-stops.sh), so NRestarts reaching StartLimitBurst is what
 * tells; a later start is refused until "reset-failed". A failed gateway that was not
 * restarted at all (Restart=no, an exit status in RestartPreventExitStatus=) is
 * reported here too: it is down either way. An exit 78 is HG032's.
 */
#include <stdlib.h>
#include <string.h>

#include "../liveutil.h"

static void check(const struct lint_ctx *ctx, const struct live_unit *lu, struct findings *out) {
        const struct lint_unit *u = lint_unit_named(ctx, lu->name);
        bool limit = live_hit_start_limit(lu);
        char code[32], interval[64], *buf;
        struct location l;

        if (strcmp(lu->active_state, "failed") != 0 || live_exited_with(lu, 78))
                return;
        l = live_where(ctx, lu, u && u->eff ? (limit ? &u->eff->start_limit_burst_from : &u->eff->restart_from) : NULL,
                       limit ? "Unit" : "Service", &buf);
        live_last_exit(lu, code);
        if (limit)
                finding_add(out, l.file, l.line, l.column,
                            "%s gave up: it failed %u times (StartLimitBurst=%u within %s) and the start limit "
                            "stopped it; last exit %s (Result=%s); fix the cause, then run \"%s reset-failed %s\" "
                            "and \"%s start %s\"", lu->name, lu->n_restarts, lu->start_limit_burst,
                            fmt_usec(interval, lu->start_limit_interval), code, lu->result, systemctl_for(ctx),
                            lu->name, systemctl_for(ctx), lu->name);
        else
                finding_add(out, l.file, l.line, l.column,
                            "%s is failed and systemd will not restart it (Restart=%s, %u restarts); last exit %s "
                            "(Result=%s); fix the cause, then run \"%s reset-failed %s\" and \"%s start %s\"",
                            lu->name, lu->restart, lu->n_restarts, code, lu->result, systemctl_for(ctx), lu->name,
                            systemctl_for(ctx), lu->name);
        finding_brief(out, "%s, last exit %s", limit ? "gave up at its start limit" : "failed, not restarted", code);
        free(buf);
}

void check_gateway_gave_up(const struct lint_ctx *ctx, struct findings *out) {
        for_each_live_unit(ctx, check, out);
}
