/* SPDX-License-Identifier: MIT */
/* See identity.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dotenv.h"
#include "identity.h"

static const struct platform_spec {
        const char *name, *scope;
        const char *enable_key;    /* must hold a usable secret */
        const char *identity_key;  /* what the lock hashes; must be non-empty */
        const char *url_key;       /* must be non-empty too (without trailing '/'), or NULL */
} platforms[_HERMES_PLATFORM_MAX] = {
        [HERMES_TELEGRAM] = { "Telegram", "telegram-bot-token", "TELEGRAM_BOT_TOKEN", "TELEGRAM_BOT_TOKEN", NULL },
        [HERMES_DISCORD] = { "Discord", "discord-bot-token", "DISCORD_BOT_TOKEN", "DISCORD_BOT_TOKEN", NULL },
        [HERMES_SLACK] = { "Slack", "slack-app-token", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", NULL },
        [HERMES_MATTERMOST] = { "Mattermost", "mattermost-token", "MATTERMOST_TOKEN", "MATTERMOST_TOKEN",
                                "MATTERMOST_URL" },
};

const char *hermes_platform_name(enum hermes_platform p) {
        return (unsigned) p < _HERMES_PLATFORM_MAX ? platforms[p].name : "?";
}

const char *hermes_platform_lock_scope(enum hermes_platform p) {
        return (unsigned) p < _HERMES_PLATFORM_MAX ? platforms[p].scope : "?";
}

/* Removes every byte >= 0x80, in place: Hermes drops the non-ASCII characters of
 * *_TOKEN variables after loading .env, whether it decoded UTF-8 or Latin-1. */
static void strip_non_ascii(char *s) {
        char *t = s;

        for (; *s; s++)
                if ((unsigned char) *s < 0x80)
                        *t++ = *s;
        *t = 0;
}

static void free_secret(char *s) {
        if (s) {
                explicit_bzero(s, strlen(s));
                free(s);
        }
}

/*
 * The value of key as the gateway sees it, or NULL when unset. -ENXIO when it
 * depends on the environment (reported as info), -ENOMEM.
 */
static int env_value(const struct dotenv *env, const char *key, char **ret, const struct dotenv_entry **ret_entry,
                     struct diag_list *diags) {
        const struct dotenv_entry *e = dotenv_get(env, key);
        char *v = NULL;
        int r;

        if (!e) {
                *ret = NULL;
                return 0;
        }
        r = dotenv_interpolate(env, e, &v);
        if (r == -ENXIO)
                diag_add(diags, DIAG_HERMES_IDENTITY_FROM_ENVIRONMENT, env->path, e->line, e->key_column, "%s", key);
        else if (r == -E2BIG)
                diag_add(diags, DIAG_DOTENV_EXPANSION_TOO_LARGE, env->path, e->line, e->key_column, "%s", key);
        if (r < 0)
                return r;
        if (strlen(key) > 6 && strcmp(key + strlen(key) - 6, "_TOKEN") == 0)
                strip_non_ascii(v);
        *ret = v;
        *ret_entry = e;
        return 0;
}

/* hermes_cli/auth.py has_usable_secret(value, min_length=4). */
static bool usable_secret(const char *v) {
        static const char *const placeholders[] = {
                "*", "**", "***", "changeme", "your_api_key", "your_api_key_here", "your-api-key",
                "placeholder", "example", "dummy", "null", "none",
        };
        size_t start = strspn(v, " \t\n\r\v\f\x1c\x1d\x1e\x1f"), end = strlen(v);

        while (end > start && strchr(" \t\n\r\v\f\x1c\x1d\x1e\x1f", v[end - 1]))
                end--;
        if (end - start < 4)
                return false;
        for (size_t i = 0; i < sizeof(placeholders) / sizeof(placeholders[0]); i++)
                if (strlen(placeholders[i]) == end - start &&
                    strncasecmp(v + start, placeholders[i], end - start) == 0)
                        return false;
        return true;
}

/* Is the variable set to something non-empty (URL: not only slashes)? */
static int env_nonempty(const struct dotenv *env, const char *key, bool url, bool *ret,
                        struct diag_list *diags) {
        const struct dotenv_entry *e;
        char *v;
        int r = env_value(env, key, &v, &e, diags);

        if (r < 0)
                return r;
        *ret = v && v[strspn(v, url ? "/" : "")] != 0;
        free_secret(v);
        return 0;
}

static int identity_add(struct hermes_home *h, size_t profile, enum hermes_platform p, const char *value,
                        const struct dotenv_entry *e) {
        struct hermes_identity *a = realloc(h->identities, (h->n_identities + 1) * sizeof(*a));
        struct hermes_identity *id;

        if (!a)
                return -ENOMEM;
        h->identities = a;
        id = &h->identities[h->n_identities++];
        *id = (struct hermes_identity) {
                .platform = p, .profile = profile, .key = platforms[p].identity_key, .line = e->line,
                .column = e->key_column,
        };
        sha256(value, strlen(value), id->digest);
        sha256_fingerprint(value, id->fingerprint);
        return 0;
}

/* The identity platform p locks for this profile, if the platform is on. */
static int platform_identity(struct hermes_home *h, size_t profile, const struct dotenv *env,
                             enum hermes_platform p, struct diag_list *diags) {
        const struct platform_spec *s = &platforms[p];
        char *enable = NULL, *identity = NULL;
        bool has_url = true;
        const struct dotenv_entry *e = NULL;
        int r;

        r = env_value(env, s->enable_key, &enable, &e, diags);
        if (r < 0 || !enable || !*enable || !usable_secret(enable))
                goto done;
        if (s->url_key && ((r = env_nonempty(env, s->url_key, true, &has_url, diags)) < 0 || !has_url))
                goto done;
        if (strcmp(s->enable_key, s->identity_key) == 0)
                identity = enable, enable = NULL;
        else if ((r = env_value(env, s->identity_key, &identity, &e, diags)) < 0)
                goto done;
        if (identity && *identity)
                r = identity_add(h, profile, p, identity, e);
done:
        free_secret(enable);
        free_secret(identity);
        /* An identity that depends on the environment was reported; it is simply not compared. */
        return r == -ENXIO || r == -E2BIG ? 0 : r;
}

int hermes_identities_find(struct hermes_home *h, struct diag_list *diags) {
        int r = 0;

        for (size_t i = 0; r >= 0 && i < h->n_profiles; i++)
                for (enum hermes_platform p = 0; h->profiles[i].env && p < _HERMES_PLATFORM_MAX && r >= 0; p++)
                        r = platform_identity(h, i, h->profiles[i].env, p, diags);
        return r < 0 ? r : 0;
}

static bool same_identity(const struct hermes_identity *a, const struct hermes_identity *b) {
        return a->platform == b->platform && memcmp(a->digest, b->digest, sizeof(a->digest)) == 0;
}

/* The identities equal to h->identities[i], or 0 members when one came before it. */
static int group_of(const struct hermes_home *h, size_t i, struct hermes_token_group *g) {
        *g = (struct hermes_token_group) { .platform = h->identities[i].platform };
        for (size_t j = 0; j < i; j++)
                if (same_identity(&h->identities[j], &h->identities[i]))
                        return 0;
        for (size_t j = i; j < h->n_identities; j++) {
                if (!same_identity(&h->identities[j], &h->identities[i]))
                        continue;
                const struct hermes_identity **m = realloc(g->members, (g->n + 1) * sizeof(*m));
                if (!m) {
                        free(g->members);
                        return -ENOMEM;
                }
                g->members = m;
                g->members[g->n++] = &h->identities[j];
        }
        return 0;
}

int hermes_token_groups(const struct hermes_home *h, struct hermes_token_group **ret, size_t *ret_n) {
        struct hermes_token_group *groups = NULL, g;
        size_t n = 0;

        for (size_t i = 0; i < h->n_identities; i++) {
                if (group_of(h, i, &g) < 0) {
                        hermes_token_groups_free(groups, n);
                        return -ENOMEM;
                }
                if (g.n < 2) {
                        free(g.members);
                        continue;
                }
                struct hermes_token_group *a = realloc(groups, (n + 1) * sizeof(*a));
                if (!a) {
                        free(g.members);
                        hermes_token_groups_free(groups, n);
                        return -ENOMEM;
                }
                groups = a;
                groups[n++] = g;
        }
        *ret = groups;
        *ret_n = n;
        return 0;
}

void hermes_token_groups_free(struct hermes_token_group *g, size_t n) {
        for (size_t i = 0; i < n; i++)
                free(g[i].members);
        free(g);
}
