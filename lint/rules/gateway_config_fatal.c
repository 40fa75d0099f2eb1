/* SPDX-License-Identifier: MIT */
/*
 * HG032 gateway-config-fatal (--live): the gateway's main process last exited 78,
 * Hermes' "fatal configuration" status (e.g. a bot token another gateway already
 * holds); restarting cannot help. When one of the profile's identities is locked
 * by another profile, say which, by fingerprint, never the token.
 *
 * The lock files are hermes-agent's gateway/status.py _get_lock_dir() and
 * acquire_scoped_lock(): ${HERMES_GATEWAY_LOCK_DIR:-${XDG_STATE_HOME:-~/.local/state}/hermes/gateway-locks}/
 * <scope>-<first 16 hex of sha256(identity)>.lock, JSON with pid, profile, scope,
 * hermes_home ... Every field is untrusted text: it goes through sanitize().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../hermes/identity.h"
#include "../hermes/unitref.h"
#include "../liveutil.h"
#include "sanitize.h"
#include "fileio.h"
#include "json.h"

#define LOCK_MAX_SIZE (64 * 1024)

/* The gateway's lock dir: Hermes reads its own environment, which is the unit's
 * Environment= over the manager's; the manager's is taken to be ours (the linter
 * runs as the manager's user), so the unit's assignments come first. */
static char *lock_dir(const struct lint_ctx *ctx, const struct live_unit *lu) {
        const char *dir = getenv("HERMES_GATEWAY_LOCK_DIR"), *state = getenv("XDG_STATE_HOME");
        const struct lint_unit *u = lint_unit_named(ctx, lu->name);
        struct unit_hermes_ref ref = {};
        char *s = NULL;

        if (u && unit_hermes_ref_read(u, &ref) < 0)
                return NULL;
        /* A value with a specifier (%h, %S, ...) or not absolute is not what the
         * gateway sees here: left alone, the linter's own value stands. */
        if (ref.lock_dir && ref.lock_dir[0] == '/' && !strchr(ref.lock_dir, '%'))
                dir = ref.lock_dir;
        if (ref.state_home && ref.state_home[0] == '/' && !strchr(ref.state_home, '%'))
                state = ref.state_home;
        if (dir && dir[0])
                s = strdup(dir);
        else if (state && state[0] == '/') {
                if (asprintf(&s, "%s/hermes/gateway-locks", state) < 0)
                        s = NULL;
        } else if (ctx->user_home && asprintf(&s, "%s/.local/state/hermes/gateway-locks", ctx->user_home) < 0)
                s = NULL;
        unit_hermes_ref_done(&ref);
        return s;
}

static const char *json_string_of(const struct json_value *v, const char *key) {
        const struct json_value *m = json_object_get(v, key);
        return m && m->type == JSON_STRING ? m->string : NULL;
}

/* The profile holding the lock, if it is not prof: "work (pid 4242)", made safe. */
static char *foreign_holder(const char *path, const struct hermes_profile *prof) {
        struct json_value *v = NULL;
        char *data = NULL, *who = NULL, *s = NULL;
        size_t size;

        if (fileio_read(path, LOCK_MAX_SIZE, &data, &size) < 0 ||
            json_parse(path, data, size, 0, &v, NULL) < 0 || v->type != JSON_OBJECT)
                goto out;
        const char *holder = json_string_of(v, "profile"), *home = json_string_of(v, "hermes_home");
        const struct json_value *pid = json_object_get(v, "pid");
        if ((holder && strcmp(holder, prof->name) == 0) || (!holder && home && strcmp(home, prof->home) == 0))
                goto out;
        if (!(who = sanitize(holder ? holder : home ? home : "?")))
                goto out;
        if (asprintf(&s, "%s%s (pid %s)", holder ? "profile " : "Hermes home ", who,
                     pid && pid->type == JSON_NUMBER ? pid->string : "?") < 0)
                s = NULL;
out:
        free(who);
        json_free(v);
        free(data);
        return s;
}

/* Reports the first identity of prof another profile holds; returns whether it did. */
static bool report_locked(const struct lint_ctx *ctx, const struct live_unit *lu, const struct hermes_profile *prof,
                          struct findings *out) {
        size_t index = (size_t) (prof - ctx->hermes->profiles);
        char *dir = lock_dir(ctx, lu);
        bool found = false;

        for (size_t i = 0; dir && !found && i < ctx->hermes->n_identities; i++) {
                const struct hermes_identity *id = &ctx->hermes->identities[i];
                const char *scope = hermes_platform_lock_scope(id->platform);
                char *path = NULL, *holder = NULL;
                if (id->profile != index || asprintf(&path, "%s/%s-%s.lock", dir, scope, id->fingerprint) < 0)
                        continue;
                if ((holder = foreign_holder(path, prof))) {
                        finding_add(out, prof->env_path, id->line, 1,
                                    "%s exited 78 (fatal configuration): %s of profile %s (%s identity, fingerprint "
                                    "%s) is locked by %s (%s); give each profile its own bot, or stop the other "
                                    "gateway, then run \"%s reset-failed %s\"", lu->name, id->key, prof->name,
                                    hermes_platform_name(id->platform), id->fingerprint, holder, path_shown(path),
                                    systemctl_for(ctx), lu->name);
                        finding_brief(out, "exit 78, %s token locked by %s", hermes_platform_name(id->platform),
                                      holder);
                        found = true;
                }
                free(holder);
                free(path);
        }
        free(dir);
        return found;
}

static void check(const struct lint_ctx *ctx, const struct live_unit *lu, struct findings *out) {
        const struct hermes_profile *prof = hermes_profile_of_unit(ctx->hermes, lu->name);
        bool looping = live_restarting(lu);
        struct location l;
        char *buf;

        if (!live_exited_with(lu, 78) || (prof && report_locked(ctx, lu, prof, out)))
                return;
        l = live_where(ctx, lu, NULL, "Service", &buf);
        finding_add(out, l.file, l.line, l.column,
                    "%s exited 78 (fatal configuration, e.g. a bot token another gateway holds)%s; see %s%s%s",
                    lu->name, looping ? " and systemd keeps restarting it (RestartPreventExitStatus= lacks 78)" : "",
                    prof ? prof->home : "the gateway's", prof ? "/logs/" : " ", "errors.log");
        finding_brief(out, "exit 78 (fatal configuration)%s", looping ? ", restarting" : "");
        free(buf);
}

void check_gateway_config_fatal(const struct lint_ctx *ctx, struct findings *out) {
        for_each_live_unit(ctx, check, out);
}
