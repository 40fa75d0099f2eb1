/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * The messaging identities Hermes gateways lock at start-up, per profile of a
 * Hermes home (home.h).
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
#include "home.h"
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

struct hermes_identity {
        enum hermes_platform platform;
        size_t profile;                    /* index into hermes_home.profiles */
        const char *key;                   /* static: the variable that holds it */
        unsigned line, column;             /* of its key in the profile's .env */
        unsigned char digest[SHA256_DIGEST_SIZE];
        char fingerprint[SHA256_FINGERPRINT_SIZE];
};

/*
 * Fills h->identities from the .env of every profile (loaded with
 * HERMES_LOAD_ENV; hermes_home_load() calls this). An identity that depends on
 * the process environment (${VAR} not set earlier in the file) is a
 * DIAG_HERMES_IDENTITY_FROM_ENVIRONMENT (info) and not compared. Returns 0 or -ENOMEM.
 */
int hermes_identities_find(struct hermes_home *h, struct diag_list *diags);

/* One identity used by two or more profiles: the second gateway to start exits 78. */
struct hermes_token_group {
        enum hermes_platform platform;
        const struct hermes_identity **members;  /* in profile order */
        size_t n;
};

/* Every shared identity, in the order of their first member. Returns 0 or -ENOMEM. */
int hermes_token_groups(const struct hermes_home *h, struct hermes_token_group **ret, size_t *ret_n);
void hermes_token_groups_free(struct hermes_token_group *g, size_t n);
