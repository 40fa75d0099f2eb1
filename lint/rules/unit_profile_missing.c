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

static bool is_dir(const char *path) {
        struct stat st;

        return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static void check_home(const struct lint_ctx *ctx, const struct lint_unit *u, const struct unit_hermes_ref *ref,
                       struct findings *out) {
        char *prof = ctx->hermes ? home_profile(ctx->hermes->root, ref->home) : NULL;

        if (prof ? hermes_home_find_profile(ctx->hermes, prof) < 0 : ctx->host && !is_dir(ref->home))
                finding_add(out, ref->home_at.file, ref->home_at.line, ref->home_at.column,
                            "%s runs HERMES_HOME=%s, which does not exist%s: the gateway would start on an empty "
                            "Hermes home; remove the unit (\"hermes%s%s gateway uninstall\") or restore the profile",
                            u->name, ref->home, prof ? " (no such profile)" : "", prof && strcmp(prof, "default") ?
                            " --profile " : "", prof && strcmp(prof, "default") ? prof : "");
        free(prof);
}

void check_unit_profile_missing(const struct lint_ctx *ctx, const struct lint_unit *u, struct findings *out) {
        struct unit_hermes_ref ref;

        if (u->not_loaded || unit_hermes_ref_read(u, &ref) < 0)
                return;
        if (ref.home)
                check_home(ctx, u, &ref, out);
        /* --profile is relative to the root HERMES_HOME names, when it names this one. */
        if (ref.profile_arg && ctx->hermes && (!ref.home || strcmp(ctx->hermes->root, ref.home) == 0) &&
            hermes_home_find_profile(ctx->hermes, ref.profile_arg) < 0)
                finding_add(out, ref.profile_at.file, ref.profile_at.line, ref.profile_at.column,
                            "%s runs --profile %s, but %s/profiles/%s does not exist: a unit left behind by a "
                            "deleted profile; remove it, or create the profile (\"hermes profile create %s\")",
                            u->name, ref.profile_arg, path_shown(ctx->hermes->root), ref.profile_arg,
                            ref.profile_arg);
        unit_hermes_ref_done(&ref);
}
