/* SPDX-License-Identifier: MIT */
/* See unitname.h. Rules follow systemd 252's src/basic/unit-name.c and src/shared/dropin.c. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strv.h"
#include "unitname.h"

/* systemd's UNIT_NAME_MAX is 256 including the NUL. */
#define UNIT_NAME_MAX 256

static const char *const unit_types[] = {
        "service", "mount", "swap", "socket", "target", "device",
        "automount", "timer", "path", "slice", "scope",
};

static bool unit_type_is_known(const char *type) {
        for (size_t i = 0; i < sizeof(unit_types) / sizeof(unit_types[0]); i++)
                if (strcmp(type, unit_types[i]) == 0)
                        return true;
        return false;
}

/* Characters of a prefix (an instance may also hold '@'): systemd's VALID_CHARS,
 * 0-9 a-z A-Z : - _ . and backslash, as range tests rather than a strchr() per
 * character: every entry of every search path dir is checked, twice per run. */
static bool is_valid_char(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == ':' || c == '-' || c == '_' || c == '.' || c == '\\';
}

bool unit_name_is_valid(const char *name, unsigned flags) {
        const char *dot, *at;
        size_t n;

        if (!name || (flags & UNIT_NAME_ANY) == 0)
                return false;
        n = strlen(name);
        if (n == 0 || n >= UNIT_NAME_MAX)
                return false;

        dot = strrchr(name, '.');
        if (!dot || dot == name || !unit_type_is_known(dot + 1))
                return false;
        /* The first '@' splits prefix and instance; further ones belong to the instance. */
        at = memchr(name, '@', (size_t) (dot - name));
        if (at == name)
                return false;
        for (const char *c = name; c < dot; c++)
                if (*c != '@' && !is_valid_char(*c))
                        return false;

        if (!at)
                return flags & UNIT_NAME_PLAIN;
        if (dot == at + 1)
                return flags & UNIT_NAME_TEMPLATE;
        return flags & UNIT_NAME_INSTANCE;
}

const char *unit_name_suffix(const char *name) {
        const char *dot = name ? strrchr(name, '.') : NULL;

        return dot && unit_type_is_known(dot + 1) ? dot : NULL;
}

int unit_name_template(const char *name, char **ret) {
        const char *at, *dot;
        char *t;

        if (!unit_name_is_valid(name, UNIT_NAME_INSTANCE | UNIT_NAME_TEMPLATE))
                return -EINVAL;

        at = strchr(name, '@');
        dot = strrchr(name, '.');
        if (asprintf(&t, "%.*s%s", (int) (at - name + 1), name, dot) < 0)
                return -ENOMEM;
        *ret = t;
        return 0;
}

/*
 * Cuts prefix (the part before '@' or the type) back to its last dash, keeping the
 * dash: "a-b-c" -> "a-b-". A trailing dash is dropped once first, so that "a-b-"
 * goes on to "a-". false when nothing is left to try (no dash, or only a leading one).
 */
static bool chop_dash(char *prefix) {
        bool chopped = false;

        for (;;) {
                char *dash = strrchr(prefix, '-');

                if (!dash || dash == prefix)
                        return false;
                if (dash[1] != '\0' || chopped) {
                        dash[1] = '\0';
                        return true;
                }
                *dash = '\0';
                chopped = true;
        }
}

/*
 * The dash-prefix name one step up from name: "a-b-c.service" -> "a-b-.service",
 * "a-b@i.service" -> "a-@i.service" (an instance keeps its instance, a template
 * becomes a plain name, as in systemd). *ret = NULL when there is none.
 */
static int dash_parent(const char *name, char **ret) {
        const char *at = strchr(name, '@'), *dot = strrchr(name, '.');
        const char *instance = at && dot > at + 1 ? at : NULL;
        char *prefix, *parent = NULL;
        int r = 0;

        prefix = strndup(name, (size_t) ((at ? at : dot) - name));
        if (!prefix)
                return -ENOMEM;
        if (chop_dash(prefix) &&
            asprintf(&parent, "%s%.*s%s", prefix, instance ? (int) (dot - instance) : 0,
                     instance ? instance : "", dot) < 0) {
                parent = NULL;
                r = -ENOMEM;
        }
        free(prefix);
        if (r == 0)
                *ret = parent;
        return r;
}

/* Mirrors systemd's recursion: the name, then its template's names, then those of its
 * dash parent. Each step only shortens the name, so every result stays valid. An
 * instance with k dashes gives about k²/2 names (each level's template repeats the
 * plain prefixes, as in systemd): *n counts them, so that appending stays O(1). */
static int expand_dropin_names(const char *name, char ***names, size_t *n) {
        char *other = NULL;
        int r;

        r = strv_extend_with_size(names, n, name);
        if (r < 0)
                return r;

        if (unit_name_is_valid(name, UNIT_NAME_INSTANCE)) {
                r = unit_name_template(name, &other);
                if (r >= 0)
                        r = expand_dropin_names(other, names, n);
                free(other);
                if (r < 0)
                        return r;
        }

        r = dash_parent(name, &other);
        if (r < 0 || !other)
                return r;
        r = expand_dropin_names(other, names, n);
        free(other);
        return r;
}

int unit_name_dropin_names(const char *name, char ***ret) {
        char **names = NULL;
        size_t n = 0;
        int r;

        if (!unit_name_is_valid(name, UNIT_NAME_ANY))
                return -EINVAL;

        r = expand_dropin_names(name, &names, &n);
        /* The type-wide dir ("service") comes last: the most generic, overridden by all. */
        if (r >= 0)
                r = strv_extend_with_size(&names, &n, unit_name_suffix(name) + 1);
        if (r < 0) {
                strv_free(names);
                return r;
        }
        *ret = names;
        return 0;
}
