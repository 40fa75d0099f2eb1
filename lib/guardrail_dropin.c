/* SPDX-License-Identifier: MIT */
/* See guardrail_dropin.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "guardkeys.h"
#include "guardrail_dropin.h"
#include "template.h"
#include "templates.h"
#include "timespan.h"

/* One "Key=value" line for a guardrail key of the table, or nothing while an
 * optional key is clear. */
static void put_key(FILE *f, const struct guard_key *k, const struct guardrails *g) {
        const void *field = guard_cfield(g, k->policy_offset);
        char buf[TIMESPAN_MAX];

        if (guard_type_is_string(k->type)) {
                if (*(char *const *) field)
                        fprintf(f, "%s=%s\n", k->key, *(char *const *) field);
        } else if (k->type == GUARD_TYPE_TIMESPAN) {
                usec_t t = *(const usec_t *) field;
                if (t > 0 || !(k->flags & GUARD_KEY_OPTIONAL))
                        fprintf(f, "%s=%s\n", k->key, timespan_format(buf, sizeof(buf), t));
        } else if (k->type == GUARD_TYPE_UNSIGNED) {
                unsigned n = *(const unsigned *) field;
                if (n > 0 || !(k->flags & GUARD_KEY_OPTIONAL))
                        fprintf(f, "%s=%u\n", k->key, n);
        }
}

/* Closes f and strips the last newline: template values carry none. */
static int close_lines(FILE *f, char **buf, size_t *size) {
        if (fclose(f) != 0) {
                free(*buf);
                return -ENOMEM;
        }
        if (*size > 0 && (*buf)[*size - 1] == '\n')
                (*buf)[--*size] = 0;
        return 0;
}

/* The policy keys of one unit file section, in table order. */
static int render_section(const struct guardrails *g, const char *section, char **ret) {
        char *buf = NULL;
        size_t size = 0;
        FILE *f = open_memstream(&buf, &size);

        if (!f)
                return -ENOMEM;
        for (size_t i = 0; i < n_guard_keys; i++)
                if (guard_keys[i].policy_offset != GUARD_NO_FIELD && guard_keys[i].section &&
                    strcmp(guard_keys[i].section, section) == 0)
                        put_key(f, &guard_keys[i], g);
        if (close_lines(f, &buf, &size) < 0)
                return -ENOMEM;
        *ret = buf;
        return 0;
}

int guardrail_settings_render(const struct guardrails *g, char **ret_unit, char **ret_service) {
        char *u = NULL, *s = NULL;

        if (render_section(g, "Unit", &u) < 0)
                return -ENOMEM;
        if (render_section(g, "Service", &s) < 0) {
                free(u);
                return -ENOMEM;
        }
        *ret_unit = u;
        *ret_service = s;
        return 0;
}

/* A file name may hold a newline: written raw, it would add lines to the drop-in. */
static void put_comment_text(FILE *f, const char *s) {
        for (; *s; s++)
                fputc((unsigned char) *s < 0x20 || *s == 0x7f ? '?' : *s, f);
}

int guardrail_policy_comment(char *const *files, char **ret) {
        char *buf = NULL;
        size_t size = 0;
        FILE *f = open_memstream(&buf, &size);

        if (!f)
                return -ENOMEM;
        if (!files || !files[0])
                fputs("#   (built-in defaults)\n", f);
        for (size_t i = 0; files && files[i]; i++) {
                fputs("#   ", f);
                put_comment_text(f, files[i]);
                fputc('\n', f);
        }
        if (close_lines(f, &buf, &size) < 0)
                return -ENOMEM;
        *ret = buf;
        return 0;
}

static const char *priority_note(const struct guardrails *g) {
        if (g->priority == POLICY_PRIORITY_EARLY)
                return "# This file takes precedence over one of the same name in that directory\n"
                       "# (Priority=early).";
        return "# A file named " GUARDRAIL_DROPIN_NAME " in that directory replaces this one\n"
               "# (Priority=normal).";
}

int guardrail_dropin_prepare(const struct guardrails *g, enum scope scope, char *const *policy_files,
                             struct guardrail_dropin_text *ret) {
        const char *override_dir = scope == SCOPE_USER ? "~/.config/systemd/user" : "/etc/systemd/system";
        char *files = NULL, *unit_settings = NULL, *service_settings = NULL;
        int r = -ENOMEM;

        if (guardrail_policy_comment(policy_files, &files) < 0 ||
            guardrail_settings_render(g, &unit_settings, &service_settings) < 0)
                goto finish;

        const struct template_var vars[] = {
                { "VERSION", VERSION },
                { "UNIT", NULL },   /* a hole: guardrail_dropin_fill() puts the unit in */
                { "SCOPE", scope_name(scope) },
                { "SCOPE_FLAG", scope == SCOPE_USER ? "--user " : "" },
                { "POLICY_FILES", files },
                { "OVERRIDE_DIR", override_dir },
                { "PRIORITY_NOTE", priority_note(g) },
                { "UNIT_SETTINGS", unit_settings },
                { "SERVICE_SETTINGS", service_settings },
        };
        r = template_render_holes(template_10_restart_guardrails_conf, vars, sizeof(vars) / sizeof(vars[0]),
                                  &ret->text, &ret->size);
finish:
        free(files);
        free(unit_settings);
        free(service_settings);
        return r;
}

int guardrail_dropin_fill(const struct guardrail_dropin_text *t, const char *unit, char **ret, size_t *ret_len) {
        return template_fill(t->text, t->size, unit, ret, ret_len);
}

void guardrail_dropin_text_done(struct guardrail_dropin_text *t) {
        free(t->text);
        *t = (struct guardrail_dropin_text) {};
}

int guardrail_dropin_render(const struct guardrails *g, const char *unit, enum scope scope,
                            char *const *policy_files, char **ret) {
        struct guardrail_dropin_text t = {};
        size_t len;
        int r = guardrail_dropin_prepare(g, scope, policy_files, &t);

        if (r >= 0)
                r = guardrail_dropin_fill(&t, unit, ret, &len);
        guardrail_dropin_text_done(&t);
        return r;
}
