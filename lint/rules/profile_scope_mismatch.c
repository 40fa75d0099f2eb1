/* SPDX-License-Identifier: MIT */
/*
 * HG036 profile-scope-mismatch: a gateway unit whose name says one profile while
 * its HERMES_HOME= or --profile says another (a copied and renamed unit): `hermes
 * --profile X gateway` commands then manage the wrong gateway, and two units may
 * run one profile. Also, in user scope on the host, a system unit of the same name
 * in /etc/systemd/system (hermes gateway install --system) next to the user one:
 * two gateways for one profile, the second exits 78 on the token lock.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../hermes/identity.h"
#include "../hermes/unitref.h"
#include "../ruleutil.h"
#include "hermesname.h"
#include "sanitize.h"

static void compare(const struct lint_unit *u, const char *named, const char *runs, const char *how,
                    const struct location *at, struct findings *out) {
        char *safe;

        if (!runs || strcmp(named, runs) == 0 || !(safe = sanitize(runs)))
                return;
        finding_add(out, at->file, at->line, at->column,
                    "%s is named for profile %s but its %s runs profile %s: hermes --profile commands will manage "
                    "the wrong unit; name the unit hermes-gateway%s%s.service or fix %s", u->name, named, how, safe,
                    strcmp(runs, "default") ? "-" : "", strcmp(runs, "default") ? safe : "", how);
        free(safe);
}

static void check_system_twin(const struct lint_ctx *ctx, const struct lint_unit *u, struct findings *out) {
        char *twin = NULL;

        if (ctx->scope != SCOPE_USER || !ctx->host || asprintf(&twin, "/etc/systemd/system/%s", u->name) < 0)
                return;
        if (access(twin, F_OK) == 0 && u->set->fragment_path)
                finding_add(out, u->set->fragment_path, 0, 0,
                            "%s exists both as a user unit and as a system unit (%s): two gateways for one profile, "
                            "the second exits 78 on the token lock; remove one (\"hermes gateway uninstall\" or "
                            "\"hermes gateway uninstall --system\")", u->name, twin);
        free(twin);
}

/* The profile whose `hermes --profile P gateway` commands manage unit, or NULL: none
 * manage the legacy hermes.service, so its name says no profile. */
static char *named_profile(const char *unit) {
        char *p = NULL;

        if (strcmp(unit, HERMES_LEGACY_UNIT) == 0 || hermes_unit_profile(unit, &p) < 0)
                return NULL;
        return p;
}

void check_profile_scope_mismatch(const struct lint_ctx *ctx, const struct lint_unit *u, struct findings *out) {
        struct unit_hermes_ref ref;
        char *named = named_profile(u->name), *by_home = NULL;

        if (!u->not_loaded)
                check_system_twin(ctx, u, out);
        if (!named || u->not_loaded || unit_hermes_ref_read(u, &ref) < 0) {
                free(named);
                return;
        }
        if (ref.home && ctx->hermes)
                by_home = home_profile(ctx->hermes->root, ref.home);
        compare(u, named, by_home, "HERMES_HOME=", &ref.home_at, out);
        if (!by_home || strcmp(by_home, "default") == 0)
                compare(u, named, ref.profile_arg, "--profile", &ref.profile_at, out);
        free(by_home);
        free(named);
        unit_hermes_ref_done(&ref);
}
