/* SPDX-License-Identifier: MIT */
/* See unitref.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../rules.h"
#include "home.h"
#include "pathutil.h"
#include "strv.h"
#include "unitref.h"

/* Words as systemd splits Environment= and ExecStart= (quotes removed; escapes are
 * kept as written, which is enough to find a name and a path). */
static int split_words(const char *s, char ***ret) {
        char **l = NULL;
        int r = 0;

        while (r >= 0 && *s) {
                char *w = malloc(strlen(s) + 1), *p = w, quote = 0;
                if (!w)
                        return strv_free(l), -ENOMEM;
                while (*s == ' ' || *s == '\t')
                        s++;
                for (; *s && (quote || (*s != ' ' && *s != '\t')); s++)
                        if (!quote && (*s == '"' || *s == '\''))
                                quote = *s;
                        else if (quote && *s == quote)
                                quote = 0;
                        else
                                *p++ = *s;
                *p = 0;
                r = w[0] ? strv_push(&l, w) : (free(w), 0);
                if (r < 0)
                        free(w);
        }
        if (r < 0)
                return strv_free(l), r;
        *ret = l;
        return 0;
}

static int set_string(char **field, const char *value) {
        free(*field);
        *field = value ? strdup(value) : NULL;
        return value && !*field ? -ENOMEM : 0;
}

/* The variables of the gateway's environment the rules read, by their names. */
static int read_environment(const struct unit_assignment *a, const char *path, struct unit_hermes_ref *ref) {
        char **words = NULL;
        int r;

        if (!a->value[0]) {     /* an empty Environment= resets the whole list */
                r = set_string(&ref->home, NULL);
                if (r >= 0)
                        r = set_string(&ref->lock_dir, NULL);
                return r >= 0 ? set_string(&ref->state_home, NULL) : r;
        }
        if ((r = split_words(a->value, &words)) < 0)
                return r;
        for (size_t i = 0; r >= 0 && words && words[i]; i++)
                if (strncmp(words[i], "HERMES_HOME=", 12) == 0) {
                        if ((r = set_string(&ref->home, words[i] + 12)) >= 0)
                                ref->home_at = (struct location) { path, a->line, a->value_column };
                } else if (strncmp(words[i], "HERMES_GATEWAY_LOCK_DIR=", 24) == 0)
                        r = set_string(&ref->lock_dir, words[i] + 24);
                else if (strncmp(words[i], "XDG_STATE_HOME=", 15) == 0)
                        r = set_string(&ref->state_home, words[i] + 15);
        strv_free(words);
        return r;
}

static int read_exec_start(const struct unit_assignment *a, const char *path, struct unit_hermes_ref *ref) {
        char **words = NULL;
        const char *name = NULL;
        int r;

        if ((r = split_words(a->value, &words)) < 0)
                return r;
        for (size_t i = 0; words && words[i]; i++)
                if (strcmp(words[i], "--profile") == 0 && words[i + 1])
                        name = words[i + 1];
                else if (strncmp(words[i], "--profile=", 10) == 0)
                        name = words[i] + 10;
        if (name && strchr(name, '%'))
                name = NULL;     /* a specifier: the instance's name decides */
        r = set_string(&ref->profile_arg, name);
        if (r >= 0 && name)
                ref->profile_at = (struct location) { path, a->line, a->value_column };
        strv_free(words);
        return r;
}

int unit_hermes_ref_read(const struct lint_unit *u, struct unit_hermes_ref *ret) {
        int r = 0;

        *ret = (struct unit_hermes_ref) {};
        for (size_t i = 0; r >= 0 && u->eff && i < u->eff->n_files; i++) {
                const struct unit_file *f = u->eff->files[i];
                for (size_t k = 0; r >= 0 && k < f->n_assignments; k++) {
                        const struct unit_assignment *a = &f->assignments[k];
                        if (strcmp(a->section, "Service") != 0)
                                continue;
                        if (strcmp(a->key, "Environment") == 0)
                                r = read_environment(a, f->path, ret);
                        else if (strcmp(a->key, "ExecStart") == 0 && a->value[0])
                                r = read_exec_start(a, f->path, ret);
                }
        }
        if (r < 0)
                unit_hermes_ref_done(ret);
        return r;
}

void unit_hermes_ref_done(struct unit_hermes_ref *r) {
        free(r->home);
        free(r->profile_arg);
        free(r->lock_dir);
        free(r->state_home);
        *r = (struct unit_hermes_ref) {};
}

char *home_profile(const char *root, const char *home) {
        char *r = hermes_root_of(home), *name = NULL;

        if (r && strcmp(r, root) == 0) {
                const char *slash = strrchr(home, '/');
                size_t n = strlen(home);
                while (n > 1 && home[n - 1] == '/')
                        n--;
                if (strlen(r) == n)
                        name = strdup("default");
                else {
                        char *trimmed = strndup(home, n);
                        slash = trimmed ? strrchr(trimmed, '/') : NULL;
                        name = slash ? strdup(slash + 1) : NULL;
                        free(trimmed);
                }
        }
        free(r);
        return name;
}

char *host_home_profile(const struct lint_ctx *ctx, const char *home) {
        char *name = home_profile(ctx->hermes->root, home), *r = NULL, *h = NULL;

        if (name || !ctx->host)
                return name;
        if (path_resolve(ctx->hermes->root, &r) >= 0 && path_resolve(home, &h) >= 0)
                name = home_profile(r, h);
        free(r);
        free(h);
        return name;
}
