/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Hermes profiles under one root (HERMES_HOME, default ~/.hermes) and the
 * messaging identities their gateways lock at start-up.
 *
 * Profiles, as hermes_cli/profiles.py list_profiles() sees them: the root itself
 * is "default" (unit hermes-gateway.service); every directory
 * <root>/profiles/<name>/ whose name matches ^[a-z0-9][a-z0-9_-]{0,63}$ and is
 * not "default" is a named profile (unit hermes-gateway-<name>.service), in
 * name order.
 *
 * Identities, as the gateway computes them (gateway/config.py, the platform
 * adapters, gateway/status.py acquire_scoped_lock()): the value of the variable
 * after python-dotenv (dotenv.h) and its ${VAR} interpolation, with every
 * non-ASCII byte removed (Hermes strips non-ASCII characters from *_TOKEN
 * variables after loading .env), hashed as is (not stripped of whitespace):
 *
 *   platform    enabled when                          lock scope          identity
 *   Telegram    TELEGRAM_BOT_TOKEN usable             telegram-bot-token  TELEGRAM_BOT_TOKEN
 *   Discord     DISCORD_BOT_TOKEN usable              discord-bot-token   DISCORD_BOT_TOKEN
 *   Slack       SLACK_BOT_TOKEN usable, SLACK_APP_TOKEN set
 *                                                     slack-app-token     SLACK_APP_TOKEN
 *   Mattermost  MATTERMOST_TOKEN usable, MATTERMOST_URL set
 *                                                     mattermost-token    MATTERMOST_TOKEN
 *
 * (Mattermost: the adapter sources seen lock nothing yet; newer upstream tests
 * expect a "mattermost-token" lock. The token alone is taken as its identity: a
 * Mattermost token is only valid on its own server anyway.)
 *
 * "Usable" is hermes_cli/auth.py has_usable_secret(): at least 4 characters
 * once stripped, and not a placeholder such as "changeme" (Hermes then leaves
 * the platform off, so there is no lock). A second gateway that finds the lock
 * taken exits 78. The lock file is
 * $XDG_STATE_HOME/hermes/gateway-locks/<scope>-<fingerprint>.lock, where the
 * fingerprint is the first 16 hex digits of sha256(identity): this is the
 * only form in which an identity ever leaves this module.
 */

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "diag.h"
#include "sha256.h"

enum hermes_platform {
        HERMES_TELEGRAM,
        HERMES_DISCORD,
        HERMES_SLACK,
        HERMES_MATTERMOST,
        _HERMES_PLATFORM_MAX,
};

const char *hermes_platform_name(enum hermes_platform p);        /* "Telegram" */
const char *hermes_platform_lock_scope(enum hermes_platform p);  /* "telegram-bot-token" */

struct hermes_profile {
        char *name;        /* "default" for the root, else the profile name */
        char *home;        /* the profile's HERMES_HOME */
        char *env_path;    /* <home>/.env (may not exist) */
        char *unit;        /* "hermes-gateway.service" or "hermes-gateway-<name>.service" */
};

struct hermes_identity {
        enum hermes_platform platform;
        size_t profile;                    /* index into hermes_root.profiles */
        const char *key;                   /* static: the variable that holds it */
        unsigned line;                     /* its line in the profile's .env */
        unsigned char digest[SHA256_DIGEST_SIZE];
        char fingerprint[SHA256_FINGERPRINT_SIZE];
};

struct hermes_root {
        char *root;
        struct hermes_profile *profiles;   /* default first (when the root exists), then by name */
        size_t n_profiles;
        struct hermes_identity *identities;  /* by profile, then platform */
        size_t n_identities;
};

/* The root of the Hermes home that HERMES_HOME=home names (hermes_constants.py
 * get_default_hermes_root()): <root>/profiles/<name> gives <root>, anything else
 * itself. Returns a malloc'd path, or NULL on -ENOMEM. */
char *hermes_root_of(const char *home);

/* ^[a-z0-9][a-z0-9_-]{0,63}$ (hermes_cli/profiles.py _PROFILE_ID_RE). */
bool hermes_profile_name_is_valid(const char *name);

/*
 * Reads the profiles of root and the identities in their .env files. .env
 * syntax problems are DIAG_DOTENV_SYNTAX/DIAG_DOTENV_BOM warnings; an identity
 * that depends on the process environment (${VAR} not set earlier in the file)
 * is a DIAG_HERMES_IDENTITY_FROM_ENVIRONMENT (info) and not compared; an
 * unreadable .env or profiles/ directory is a DIAG_UNREADABLE error.
 * Returns 0 and *ret, -ENOTDIR when root is not a directory (no Hermes here), -ENOMEM.
 */
int hermes_root_load(const char *root, struct hermes_root **ret, struct diag_list *diags);
void hermes_root_free(struct hermes_root *h);

/* Index of the profile named name, or -1. */
ssize_t hermes_root_find_profile(const struct hermes_root *h, const char *name);

/* The profile whose gateway unit is unit, or NULL (also when h is NULL). */
const struct hermes_profile *hermes_profile_of_unit(const struct hermes_root *h, const char *unit);

/* One identity used by two or more profiles: the second gateway to start exits 78. */
struct hermes_token_group {
        enum hermes_platform platform;
        const struct hermes_identity **members;  /* in profile order */
        size_t n;
};

/* Every shared identity, in the order of their first member. Returns 0 or -ENOMEM. */
int hermes_token_groups(const struct hermes_root *h, struct hermes_token_group **ret, size_t *ret_n);
void hermes_token_groups_free(struct hermes_token_group *g, size_t n);
