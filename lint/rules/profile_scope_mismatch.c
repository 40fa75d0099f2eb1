/* SPDX-License-Identifier: MIT */
/*
 * HG036 profile-scope-mismatch: a gateway unit whose name says one profile while
 * its HERMES_HOME= or --profile says another (a copied and renamed unit): `hermes
 * --profile X gateway` commands then manage the wrong gateway, and two units may
 * run one profile. Also, in user scope on the host, a system unit of the same name
 * in /etc/systemd/system (hermes gateway install --system) next to the user one:
 * two gateways for one profile, the second exits 78 on the token lock.
 *
 * A HERMES_HOME outside the Hermes root and its profiles gets a unit named for a
 * hash of its path (hermes_cli/gateway.py _profile_suffix(): the first 8 hex
 * digits of sha256 of the resolved path): a hash-named unit must run the home
 * whose path gives that hash; on the host, a unit named for a profile must not
 * run such a home. (Off the host, e.g. on a dotfiles checkout, the units name the
 * host's paths, not the checkout's: there the root the paths belong to is unknown,
 * and only hash-named units are checked, against homes that are not profile dirs.)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../hermes/identity.h"
#include "../hermes/unitref.h"
#include "../ruleutil.h"
#include "hermesname.h"
#include "pathutil.h"
#include "sanitize.h"
#include "sha256.h"

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

static bool is_hash_suffix(const char *s) {
        return strlen(s) == 8 && strspn(s, "0123456789abcdef") == 8;
}

/* A home outside the root (by_home NULL): the unit name Hermes gives it. */
static void compare_hashed_home(const struct lint_ctx *ctx, const struct lint_unit *u, const char *named,
                                const struct unit_hermes_ref *ref, struct findings *out) {
        char *resolved = NULL, hex[SHA256_HEX_SIZE], *safe;
        char *root_of = hermes_root_of(ref->home);
        size_t n = strlen(ref->home);
        bool profile_dir;

        while (n > 1 && ref->home[n - 1] == '/')
                n--;
        profile_dir = root_of && strlen(root_of) != n;   /* <root>/profiles/<name>: the root is shorter */

        free(root_of);
        /* A %-specifier is the manager's to expand; a relative path is refused by it. */
        if (ref->home[0] != '/' || strchr(ref->home, '%') || (!ctx->host && (profile_dir || !is_hash_suffix(named))))
                return;
        if (path_resolve(ref->home, &resolved) < 0)
                return;
        sha256_hex(resolved, strlen(resolved), hex);
        hex[8] = 0;
        if (strcmp(hex, named) != 0 && (safe = sanitize(resolved))) {
                if (is_hash_suffix(named))
                        finding_add(out, ref->home_at.file, ref->home_at.line, ref->home_at.column,
                                    "%s is named for the Hermes home whose path hashes to %s, but its HERMES_HOME= is "
                                    "%s, whose gateway Hermes names hermes-gateway-%s.service: hermes gateway commands "
                                    "run with that HERMES_HOME manage another unit; name the unit "
                                    "hermes-gateway-%s.service or fix HERMES_HOME=", u->name, named, safe, hex, hex);
                else
                        finding_add(out, ref->home_at.file, ref->home_at.line, ref->home_at.column,
                                    "%s is named for profile %s but its HERMES_HOME= is %s, outside the Hermes root and "
                                    "its profiles, whose gateway Hermes names hermes-gateway-%s.service: hermes "
                                    "gateway commands run with that HERMES_HOME manage another unit; name the unit "
                                    "hermes-gateway-%s.service or fix HERMES_HOME=", u->name, named, safe, hex, hex);
                free(safe);
        }
        free(resolved);
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
                by_home = host_home_profile(ctx, ref.home);
        compare(u, named, by_home, "HERMES_HOME=", &ref.home_at, out);
        if (ref.home && !by_home && (ctx->hermes || !ctx->host))
                compare_hashed_home(ctx, u, named, &ref, out);
        if (!by_home || strcmp(by_home, "default") == 0)
                compare(u, named, ref.profile_arg, "--profile", &ref.profile_at, out);
        free(by_home);
        free(named);
        unit_hermes_ref_done(&ref);
}
