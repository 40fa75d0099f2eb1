/* SPDX-License-Identifier: MIT */
/*
 * HG034 profile-gateway-missing (--live): a Hermes profile whose .env turns a
 * messaging platform on (a usable bot token, see hermes/identity.h) but whose
 * gateway is not there to answer: no unit at all, a unit that is not enabled (it
 * will not come back after a reboot), or one that is not running. A failed one is
 * HG031's or HG032's. Reported at the .env line of the profile's first identity.
 */
#include <string.h>

#include "../hermes/identity.h"
#include "../liveutil.h"

static bool is_enabled(const char *state) {
        return strcmp(state, "enabled") == 0 || strcmp(state, "enabled-runtime") == 0 ||
               strcmp(state, "linked") == 0 || strcmp(state, "linked-runtime") == 0 ||
               strcmp(state, "static") == 0 || strcmp(state, "generated") == 0 ||
               strcmp(state, "alias") == 0 || strcmp(state, "indirect") == 0 || strcmp(state, "transient") == 0;
}

static void check_profile(const struct lint_ctx *ctx, size_t index, const struct hermes_identity *id,
                          struct findings *out) {
        const struct hermes_profile *p = &ctx->hermes->profiles[index];
        const struct live_unit *lu = live_find(ctx->live, p->unit);
        const char *sc = systemctl_for(ctx), *platform = hermes_platform_name(id->platform);

        out->unit = p->unit;
        out->profile = p->name;
        if (!lu || strcmp(lu->load_state, "not-found") == 0) {
                finding_add(out, p->env_path, id->line, 1,
                            "profile %s configures %s (%s) but has no gateway unit %s: nothing answers its messages; "
                            "run \"hermes%s%s gateway install\"", p->name, platform, id->key, p->unit,
                            strcmp(p->name, "default") ? " --profile " : "", strcmp(p->name, "default") ? p->name : "");
                finding_brief(out, "profile %s has no gateway unit", p->name);
        } else if (strcmp(lu->active_state, "inactive") == 0 || !is_enabled(lu->unit_file_state)) {
                bool running = strcmp(lu->active_state, "inactive") != 0;
                if (running && strcmp(lu->active_state, "failed") == 0)
                        goto out;   /* HG031, HG032 */
                finding_add(out, p->env_path, id->line, 1,
                            "profile %s configures %s (%s) but its gateway %s is %s%s%s; run \"%s %s %s\"", p->name,
                            platform, id->key, p->unit, running ? "" : "not running",
                            !running && !is_enabled(lu->unit_file_state) ? " and " : "",
                            is_enabled(lu->unit_file_state) ? "" : "not enabled (it will not start at boot)", sc,
                            is_enabled(lu->unit_file_state) ? "start" : running ? "enable" : "enable --now", p->unit);
                finding_brief(out, "profile %s: gateway %s", p->name, running ? "not enabled" : "not running");
        }
out:
        out->unit = NULL;
        out->profile = NULL;
}

void check_profile_gateway_missing(const struct lint_ctx *ctx, struct findings *out) {
        for (size_t i = 0; ctx->hermes && i < ctx->hermes->n_profiles; i++)
                for (size_t k = 0; k < ctx->hermes->n_identities; k++)
                        if (ctx->hermes->identities[k].profile == i) {
                                check_profile(ctx, i, &ctx->hermes->identities[k], out);
                                break;
                        }
}
