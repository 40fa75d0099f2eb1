/* SPDX-License-Identifier: MIT */
/* See liveutil.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hermes/identity.h"
#include "liveutil.h"

const struct lint_unit *lint_unit_named(const struct lint_ctx *ctx, const char *name) {
        for (size_t i = 0; i < ctx->n_units; i++)
                if (strcmp(ctx->units[i].name, name) == 0)
                        return &ctx->units[i];
        return NULL;
}

struct location live_where(const struct lint_ctx *ctx, const struct live_unit *lu, const struct provenance *p,
                           const char *section, char **buf) {
        const struct lint_unit *u = lint_unit_named(ctx, lu->name);
        const struct hermes_profile *prof = hermes_profile_of_unit(ctx->hermes, lu->name);
        struct location l = {};

        *buf = NULL;
        if (u && u->set && u->set->load_state == LOAD_LOADED)
                l = where_value(u, p, section);
        if (l.file)
                return l;
        if (lu->fragment_path && lu->fragment_path[0])
                return (struct location) { lu->fragment_path, 0, 0 };
        if (prof)
                return (struct location) { prof->home, 0, 0 };
        if (ctx->config_dir && asprintf(buf, "%s/%s", ctx->config_dir, lu->name) >= 0)
                return (struct location) { *buf, 0, 0 };
        *buf = NULL;
        return (struct location) {};
}

void for_each_live_unit(const struct lint_ctx *ctx, live_unit_fn fn, struct findings *out) {
        for (size_t i = 0; ctx->live && i < ctx->live->n_units; i++) {
                const struct live_unit *lu = &ctx->live->units[i];
                const struct hermes_profile *prof = hermes_profile_of_unit(ctx->hermes, lu->name);
                if (lu->ignored)
                        continue;
                out->unit = lu->name;
                out->profile = prof ? prof->name : NULL;
                fn(ctx, lu, out);
        }
        out->unit = NULL;
        out->profile = NULL;
}

void live_start_limit_words(const struct live_unit *lu, char msg[static 256], char brief[static 64]) {
        char interval[64], sec[64];

        fmt_usec(interval, lu->start_limit_interval);
        fmt_usec(sec, lu->restart_usec);
        if (lu->start_limit_interval == 0 || lu->start_limit_burst == 0) {
                snprintf(msg, 256, "no start limit will ever stop it (StartLimitIntervalSec=%s, StartLimitBurst=%u)",
                         interval, lu->start_limit_burst);
                snprintf(brief, 64, "no start limit");
        } else if ((double) lu->start_limit_burst * (double) lu->restart_usec >= (double) lu->start_limit_interval) {
                snprintf(msg, 256, "the start limit never stops it (StartLimitBurst=%u x RestartSec=%s >= "
                         "StartLimitIntervalSec=%s)", lu->start_limit_burst, sec, interval);
                snprintf(brief, 64, "start limit never trips");
        } else {
                snprintf(msg, 256, "the start limit stops it after %u starts within %s", lu->start_limit_burst,
                         interval);
                snprintf(brief, 64, "start limit stops it after %u", lu->start_limit_burst);
        }
}

bool live_hit_start_limit(const struct live_unit *lu) {
        return strcmp(lu->active_state, "failed") == 0 &&
               (strcmp(lu->result, "start-limit-hit") == 0 ||
                (lu->start_limit_burst > 0 && lu->start_limit_interval > 0 &&
                 lu->n_restarts >= lu->start_limit_burst));
}

const char *systemctl_for(const struct lint_ctx *ctx) {
        return ctx->scope == SCOPE_USER ? "systemctl --user" : "systemctl";
}
