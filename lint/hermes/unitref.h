/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Which Hermes profile a gateway unit runs, three ways (hermes_cli/gateway.py
 * writes all three in step):
 *   - its name: hermes-gateway.service is the default profile's,
 *     hermes-gateway-<name>.service profile <name>'s (or, for 8 hex digits, a
 *     Hermes home outside the profiles: the first 8 hex of sha256(HERMES_HOME));
 *   - Environment="HERMES_HOME=..." in [Service]: <root> is the default profile,
 *     <root>/profiles/<name> profile <name>;
 *   - "--profile <name>" (or --profile=<name>) in ExecStart=.
 * Read from the unit's files in the order systemd applies them (the last
 * ExecStart= and HERMES_HOME= win; an empty assignment resets).
 */

#include "../ruleutil.h"

struct unit_hermes_ref {
        char *home;                    /* HERMES_HOME= value, or NULL */
        struct location home_at;       /* its assignment (column of the value) */
        char *profile_arg;             /* --profile's value, or NULL (also for "%i" and the like) */
        struct location profile_at;
        char *lock_dir;                /* HERMES_GATEWAY_LOCK_DIR= value, or NULL */
        char *state_home;              /* XDG_STATE_HOME= value, or NULL */
};

/* Returns 0 (fields NULL when absent) or -ENOMEM. */
int unit_hermes_ref_read(const struct lint_unit *u, struct unit_hermes_ref *ret);
void unit_hermes_ref_done(struct unit_hermes_ref *r);

/* The profile HERMES_HOME=home names under root ("default" for root itself), or
 * NULL when home is not root or one of its profiles. Returns malloc'd or NULL. */
char *home_profile(const char *root, const char *home);

/* home_profile() against the run's Hermes root; on the host, when the paths as
 * written do not match, as Hermes compares them: both resolved (hermes_cli/gateway.py
 * resolves HERMES_HOME and the root, so a root reached through a symlink is the
 * same root). Off the host the paths are the host's, not the checkout's: as written. */
struct lint_ctx;
char *host_home_profile(const struct lint_ctx *ctx, const char *home);
