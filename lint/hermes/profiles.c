/* SPDX-License-Identifier: MIT */
/* See profiles.h. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dotenv.h"
#include "profiles.h"
#include "strv.h"

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

char *hermes_root_of(const char *home) {
        char *root = strdup(home), *slash;
        size_t n;

        if (!root)
                return NULL;
        for (n = strlen(root); n > 1 && root[n - 1] == '/'; n--)
                root[n - 1] = 0;
        slash = strrchr(root, '/');
        if (slash && slash - root >= 9 && strncmp(slash - 9, "/profiles", 9) == 0)
                slash[-9] = 0;
        if (!root[0])
                strcpy(root, "/");
        return root;
}

static bool is_name_start(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool hermes_profile_name_is_valid(const char *name) {
        size_t n = strlen(name);

        if (n == 0 || n > 64 || !is_name_start(name[0]))
                return false;
        for (size_t i = 1; i < n; i++)
                if (!is_name_start(name[i]) && name[i] != '_' && name[i] != '-')
                        return false;
        return true;
}

static void profile_done(struct hermes_profile *p) {
        free(p->name);
        free(p->home);
        free(p->env_path);
        free(p->unit);
}

static int profile_add(struct hermes_root *h, const char *name, const char *home) {
        struct hermes_profile *a = realloc(h->profiles, (h->n_profiles + 1) * sizeof(*a));
        struct hermes_profile p = {};
        bool is_default = strcmp(name, "default") == 0;

        if (!a)
                return -ENOMEM;
        h->profiles = a;
        /* asprintf() leaves its pointer undefined on failure: reset it before cleaning up. */
        if (!(p.name = strdup(name)) || !(p.home = strdup(home)) ||
            (asprintf(&p.env_path, "%s/.env", home) < 0 && !(p.env_path = NULL)) ||
            (is_default ? !(p.unit = strdup("hermes-gateway.service")) :
             asprintf(&p.unit, "hermes-gateway-%s.service", name) < 0 && !(p.unit = NULL))) {
                profile_done(&p);
                return -ENOMEM;
        }
        h->profiles[h->n_profiles++] = p;
        return 0;
}

static bool is_dir(const char *path) {
        struct stat st;

        return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The valid names of <root>/profiles/ entries that are directories, sorted. */
static int named_profiles(const char *root, char ***ret, struct diag_list *diags) {
        char *dir, **names = NULL;
        struct dirent *de;
        DIR *d;
        int r = 0;

        if (asprintf(&dir, "%s/profiles", root) < 0)
                return -ENOMEM;
        d = opendir(dir);
        if (!d) {
                if (errno != ENOENT && errno != ENOTDIR)
                        diag_add(diags, DIAG_UNREADABLE, dir, 0, 0, "%s; no named profile checked", strerror(errno));
                free(dir);
                *ret = NULL;
                return 0;
        }
        while (r == 0 && (de = readdir(d))) {
                char *path;
                if (de->d_name[0] == '.' || strcmp(de->d_name, "default") == 0)
                        continue;
                if (asprintf(&path, "%s/%s", dir, de->d_name) < 0) {
                        r = -ENOMEM;
                        break;
                }
                if (is_dir(path) && !hermes_profile_name_is_valid(de->d_name))
                        diag_add(diags, DIAG_HERMES_PROFILE_NAME, path, 0, 0, NULL);
                else if (is_dir(path))
                        r = strv_extend(&names, de->d_name);
                free(path);
        }
        closedir(d);
        free(dir);
        if (names)
                strv_sort(names);
        *ret = names;
        return r;
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
static int env_value(const struct dotenv *env, const char *key, char **ret, unsigned *ret_line,
                     struct diag_list *diags) {
        const struct dotenv_entry *e = dotenv_get(env, key);
        char *v = NULL;
        int r;

        if (!e) {
                *ret = NULL;
                return 0;
        }
        r = dotenv_interpolate(env, e, &v);
        if (r == -ENXIO || r == -E2BIG)
                diag_add(diags, DIAG_HERMES_IDENTITY_FROM_ENVIRONMENT, env->path, e->line, 1, "%s", key);
        if (r < 0)
                return r;
        if (strlen(key) > 6 && strcmp(key + strlen(key) - 6, "_TOKEN") == 0)
                strip_non_ascii(v);
        *ret = v;
        *ret_line = e->line;
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
        unsigned line;
        char *v;
        int r = env_value(env, key, &v, &line, diags);

        if (r < 0)
                return r;
        *ret = v && v[strspn(v, url ? "/" : "")] != 0;
        free_secret(v);
        return 0;
}

static int identity_add(struct hermes_root *h, size_t profile, enum hermes_platform p, const char *value,
                        unsigned line) {
        struct hermes_identity *a = realloc(h->identities, (h->n_identities + 1) * sizeof(*a));
        struct hermes_identity *id;

        if (!a)
                return -ENOMEM;
        h->identities = a;
        id = &h->identities[h->n_identities++];
        *id = (struct hermes_identity) {
                .platform = p, .profile = profile, .key = platforms[p].identity_key, .line = line,
        };
        sha256(value, strlen(value), id->digest);
        sha256_fingerprint(value, id->fingerprint);
        return 0;
}

/* The identity platform p locks for this profile, if the platform is on. */
static int platform_identity(struct hermes_root *h, size_t profile, const struct dotenv *env,
                             enum hermes_platform p, struct diag_list *diags) {
        const struct platform_spec *s = &platforms[p];
        char *enable = NULL, *identity = NULL;
        bool has_url = true;
        unsigned line = 0;
        int r;

        r = env_value(env, s->enable_key, &enable, &line, diags);
        if (r < 0 || !enable || !*enable || !usable_secret(enable))
                goto done;
        if (s->url_key && ((r = env_nonempty(env, s->url_key, true, &has_url, diags)) < 0 || !has_url))
                goto done;
        if (strcmp(s->enable_key, s->identity_key) == 0)
                identity = enable, enable = NULL;
        else if ((r = env_value(env, s->identity_key, &identity, &line, diags)) < 0)
                goto done;
        if (identity && *identity)
                r = identity_add(h, profile, p, identity, line);
done:
        free_secret(enable);
        free_secret(identity);
        /* An identity that depends on the environment was reported; it is simply not compared. */
        return r == -ENXIO || r == -E2BIG ? 0 : r;
}

static int profile_identities(struct hermes_root *h, size_t profile, struct diag_list *diags) {
        struct dotenv *env = NULL;
        int r = dotenv_load(h->profiles[profile].env_path, &env, diags);

        if (r == -ENOMEM)
                return r;
        if (r < 0)      /* no .env (fine), or unreadable (reported) */
                return 0;
        for (enum hermes_platform p = 0; p < _HERMES_PLATFORM_MAX && r >= 0; p++)
                r = platform_identity(h, profile, env, p, diags);
        dotenv_free(env);
        return r;
}

static int load_profiles(struct hermes_root *h, struct diag_list *diags) {
        char **names = NULL;
        int r = profile_add(h, "default", h->root);

        if (r == 0)
                r = named_profiles(h->root, &names, diags);
        for (size_t i = 0; r == 0 && names && names[i]; i++) {
                char *home;
                if (asprintf(&home, "%s/profiles/%s", h->root, names[i]) < 0) {
                        r = -ENOMEM;
                        break;
                }
                r = profile_add(h, names[i], home);
                free(home);
        }
        strv_free(names);
        return r;
}

int hermes_root_load(const char *root, struct hermes_root **ret, struct diag_list *diags) {
        struct hermes_root *h;
        int r;

        if (!is_dir(root))
                return -ENOTDIR;
        h = calloc(1, sizeof(*h));
        if (!h || !(h->root = strdup(root))) {
                free(h);
                return -ENOMEM;
        }
        r = load_profiles(h, diags);
        for (size_t i = 0; r == 0 && i < h->n_profiles; i++)
                r = profile_identities(h, i, diags);
        if (r < 0) {
                hermes_root_free(h);
                return r;
        }
        *ret = h;
        return 0;
}

void hermes_root_free(struct hermes_root *h) {
        if (!h)
                return;
        for (size_t i = 0; i < h->n_profiles; i++)
                profile_done(&h->profiles[i]);
        free(h->profiles);
        free(h->identities);
        free(h->root);
        free(h);
}

ssize_t hermes_root_find_profile(const struct hermes_root *h, const char *name) {
        for (size_t i = 0; i < h->n_profiles; i++)
                if (strcmp(h->profiles[i].name, name) == 0)
                        return (ssize_t) i;
        return -1;
}

const struct hermes_profile *hermes_profile_of_unit(const struct hermes_root *h, const char *unit) {
        for (size_t i = 0; h && i < h->n_profiles; i++)
                if (strcmp(h->profiles[i].unit, unit) == 0)
                        return &h->profiles[i];
        return NULL;
}

static bool same_identity(const struct hermes_identity *a, const struct hermes_identity *b) {
        return a->platform == b->platform && memcmp(a->digest, b->digest, sizeof(a->digest)) == 0;
}

/* The identities equal to h->identities[i], or 0 members when one came before it. */
static int group_of(const struct hermes_root *h, size_t i, struct hermes_token_group *g) {
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

int hermes_token_groups(const struct hermes_root *h, struct hermes_token_group **ret, size_t *ret_n) {
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
