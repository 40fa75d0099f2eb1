/* SPDX-License-Identifier: MIT */
/*
 * HG035 unit-profile-missing: a gateway unit runs a Hermes profile that does not
 * exist: its HERMES_HOME= names a directory that is not there, or its --profile a
 * name without <root>/profiles/<name>/ (a unit left behind by a deleted profile).
 * Hermes would then start a gateway on an empty home. Needs no manager: from the
 * unit's files and the Hermes home. A HERMES_HOME outside the run's Hermes home is
 * only checked on the real host (a --home checkout names the host's paths).
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../hermes/identity.h"
#include "../hermes/unitref.h"
#include "../ruleutil.h"
#include "sanitize.h"

static bool is_dir(const char *path) {
        struct stat st;

        return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool same_root(const char *root, const char *home) {
        char *r = home ? hermes_root_of(home) : NULL;
        bool same = !home || (r && strcmp(r, root) == 0);

        free(r);
        return same;
}

static void check_home(const struct lint_ctx *ctx, const struct lint_unit *u, const struct unit_hermes_ref *ref,
                       struct findings *out) {
        char *prof = ctx->hermes ? host_home_profile(ctx, ref->home) : NULL;
        char *home = sanitize(ref->home), *name = prof ? sanitize(prof) : NULL;

        if (home && (!prof || name) &&
            (prof ? hermes_home_find_profile(ctx->hermes, prof) < 0 : ctx->host && !is_dir(ref->home)))
                finding_add(out, ref->home_at.file, ref->home_at.line, ref->home_at.column,
                            "%s runs HERMES_HOME=%s, which does not exist%s: the gateway would start on an empty "
                            "Hermes home; remove the unit (\"hermes%s%s gateway uninstall\") or restore the profile",
                            u->name, home, prof ? " (no such profile)" : "", prof && strcmp(prof, "default") ?
                            " --profile " : "", prof && strcmp(prof, "default") ? name : "");
        free(home);
        free(name);
        free(prof);
}

void check_unit_profile_missing(const struct lint_ctx *ctx, const struct lint_unit *u, struct findings *out) {
        struct unit_hermes_ref ref;

        if (u->not_loaded || unit_hermes_ref_read(u, &ref) < 0)
                return;
        if (ref.home)
                check_home(ctx, u, &ref, out);
        /* --profile is relative to the root of HERMES_HOME (hermes_root_of()), when that is this one. */
        if (ref.profile_arg && ctx->hermes && same_root(ctx->hermes->root, ref.home) &&
            hermes_home_find_profile(ctx->hermes, ref.profile_arg) < 0) {
                char *name = sanitize(ref.profile_arg);
                if (name)
                        finding_add(out, ref.profile_at.file, ref.profile_at.line, ref.profile_at.column,
                                    "%s runs --profile %s, but %s/profiles/%s does not exist: a unit left behind by "
                                    "a deleted profile; remove it, or create the profile (\"hermes profile create "
                                    "%s\")", u->name, name, path_shown(ctx->hermes->root), name, name);
                free(name);
        }
        unit_hermes_ref_done(&ref);
}
