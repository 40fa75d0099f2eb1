/* SPDX-License-Identifier: MIT */
/* See diag.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

#define SYSTEMD_STOPS ", systemd stops reading the file here"

const struct diag_kind diag_kinds[_DIAG_CODE_MAX] = {
        [DIAG_UNREADABLE]       = { "unreadable", DIAG_ERROR, "cannot read: %s" },

        [DIAG_MISSING_EQUALS]   = { "missing-equals", DIAG_WARNING, "Missing '=', line ignored" },
        [DIAG_MISSING_KEY]      = { "missing-key", DIAG_WARNING, "Missing key name before '=', line ignored" },
        [DIAG_OUTSIDE_SECTION]  = { "outside-section", DIAG_WARNING, "Assignment outside of any section, ignored" },
        [DIAG_BAD_SECTION]      = { "bad-section", DIAG_ERROR, "%s" SYSTEMD_STOPS },
        [DIAG_INVALID_UTF8]     = { "invalid-utf8", DIAG_ERROR, "Line is not valid UTF-8" SYSTEMD_STOPS },
        [DIAG_LINE_TOO_LONG]    = { "line-too-long", DIAG_ERROR, "%s" SYSTEMD_STOPS },
        [DIAG_INVALID_VALUE]    = { "invalid-value", DIAG_WARNING,
                                    "Invalid %s in the manager configuration; ignored, as systemd does." },
        [DIAG_INVALID_ALIAS]    = { "invalid-alias", DIAG_WARNING, "%s is not a valid alias, ignoring" },
        [DIAG_ALIAS_LOOP]       = { "alias-loop", DIAG_WARNING,
                                    "%s: its alias symlinks form a loop; the unit cannot be loaded" },
        [DIAG_INVALID_UNIT_NAME] = { "invalid-unit-name", DIAG_WARNING, "%s: not a valid unit name, ignoring" },

        [DIAG_POLICY_INVALID_VALUE] = { "policy-invalid-value", DIAG_ERROR, "invalid %s; keeping the previous value" },
        [DIAG_POLICY_UNKNOWN_KEY] = { "policy-unknown-key", DIAG_WARNING, "unknown key %s" },
        [DIAG_POLICY_UNKNOWN_SECTION] = { "policy-unknown-section", DIAG_WARNING,
                "unknown section [%s], ignoring it (expected [guardrails], [match], [lint] or a unit "
                "name or glob such as [hermes-gateway-*.service]; names are case-sensitive)" },
        [DIAG_POLICY_OUTSIDE_SECTION] = { "policy-outside-section", DIAG_WARNING,
                                          "key %s before any section header, ignoring it" },
        [DIAG_POLICY_BAD_SECTION] = { "policy-bad-section", DIAG_ERROR,
                "invalid section header (expected \"[name]\"), ignoring it and the keys under it" },
        [DIAG_POLICY_MISSING_KEY] = { "policy-missing-key", DIAG_ERROR, "no key name before '=', ignoring the line" },
        [DIAG_POLICY_MISSING_EQUALS] = { "policy-missing-equals", DIAG_ERROR, "not a \"Key=value\" line, ignoring it" },
        [DIAG_POLICY_CONTINUATION_LINE] = { "policy-continuation-line", DIAG_ERROR,
                "continuation lines are not supported (write the whole value on the key's line), ignoring the line" },
        [DIAG_POLICY_LINE_TOO_LONG] = { "policy-line-too-long", DIAG_ERROR, "line too long (over %s bytes), ignoring it" },

        [DIAG_DOTENV_SYNTAX]    = { "dotenv-syntax", DIAG_WARNING,
                "cannot parse this statement; python-dotenv skips it up to the end of the line, so Hermes "
                "does not see it" },
        [DIAG_DOTENV_BOM]       = { "dotenv-bom", DIAG_WARNING,
                "file starts with a UTF-8 byte order mark: python-dotenv reads it as part of the first key, "
                "so Hermes does not see that key" },
        [DIAG_DOTENV_EXPANSION_TOO_LARGE] = { "dotenv-expansion-too-large", DIAG_WARNING,
                "%s grows past 4 MiB with ${...} expansion: its value is not compared with other profiles' "
                "(the other variables are)" },
        [DIAG_JSON_SYNTAX]      = { "json-syntax", DIAG_ERROR, "%s" },
        [DIAG_JSON_TOO_DEEP]    = { "json-too-deep", DIAG_ERROR, "nesting too deep" },
        [DIAG_JSON_TOO_LARGE]   = { "json-too-large", DIAG_ERROR, "too many values" },
        [DIAG_JSON_CONTROL_CHAR] = { "json-control-char", DIAG_WARNING,
                                     "raw control character in a string (not valid JSON)" },

        [DIAG_HERMES_PROFILE_NAME] = { "hermes-profile-name", DIAG_INFO,
                                       "not a valid profile name; Hermes ignores this directory" },
        [DIAG_HERMES_IDENTITY_FROM_ENVIRONMENT] = { "hermes-identity-from-environment", DIAG_INFO,
                "%s uses ${...} of a variable not set earlier in this file: its value comes from the "
                "environment, so it is not compared with other profiles" },
        [DIAG_HERMES_CRON_SHAPE] = { "hermes-cron-shape", DIAG_ERROR, "%s" },
        [DIAG_HERMES_CRON_BARE_ARRAY] = { "hermes-cron-bare-array", DIAG_WARNING,
                "a bare array of jobs: Hermes wraps it in {\"jobs\": [...]} and rewrites the file" },
};

static int diag_grow(struct diag_list *l) {
        if (l->n < l->cap)
                return 0;
        size_t cap = l->cap ? l->cap * 2 : 8;
        struct diag *items = realloc(l->items, cap * sizeof(*items));
        if (!items)
                return -ENOMEM;
        l->items = items;
        l->cap = cap;
        return 0;
}

/* The template with its "%s" replaced by the detail (fmt, ap), or as it is. */
static char *diag_format(enum diag_code code, const char *fmt, va_list ap) {
        const char *tmpl = diag_kinds[code].message, *slot = strstr(tmpl, "%s");
        char *detail = NULL, *m;
        int r;

        if (!slot)
                return strdup(tmpl);
        if (fmt && vasprintf(&detail, fmt, ap) < 0)
                return NULL;
        r = asprintf(&m, "%.*s%s%s", (int) (slot - tmpl), tmpl, detail ? detail : "", slot + 2);
        free(detail);
        return r < 0 ? NULL : m;
}

void diag_addv(struct diag_list *l, enum diag_level level, enum diag_code code, const char *file,
               unsigned line, unsigned column, const char *fmt, va_list ap) {
        struct diag d = { .code = code, .level = level, .line = line, .column = line ? column : 0 };

        if (!l || (unsigned) code >= _DIAG_CODE_MAX || diag_grow(l) < 0)
                return;
        if (!(d.message = diag_format(code, fmt, ap)))
                return;
        if (file && !(d.file = strdup(file))) {
                free(d.message);
                return;
        }
        l->items[l->n++] = d;
}

void diag_add(struct diag_list *l, enum diag_code code, const char *file, unsigned line, unsigned column,
              const char *fmt, ...) {
        va_list ap;

        va_start(ap, fmt);
        diag_addv(l, (unsigned) code < _DIAG_CODE_MAX ? diag_kinds[code].level : DIAG_ERROR, code, file,
                  line, column, fmt, ap);
        va_end(ap);
}

void diag_add_level(struct diag_list *l, enum diag_level level, enum diag_code code, const char *file,
                    unsigned line, unsigned column, const char *fmt, ...) {
        va_list ap;

        va_start(ap, fmt);
        diag_addv(l, level, code, file, line, column, fmt, ap);
        va_end(ap);
}

size_t diag_count(const struct diag_list *l, enum diag_level level) {
        size_t n = 0;

        for (size_t i = 0; l && i < l->n; i++)
                if (l->items[i].level >= level)
                        n++;
        return n;
}

void diag_list_clear(struct diag_list *l) {
        if (!l)
                return;
        for (size_t i = 0; i < l->n; i++) {
                free(l->items[i].file);
                free(l->items[i].message);
        }
        free(l->items);
        *l = (struct diag_list) {};
}

const char *diag_level_name(enum diag_level level) {
        static const char *const names[] = {
                [DIAG_DEBUG] = "debug", [DIAG_INFO] = "info",
                [DIAG_WARNING] = "warning", [DIAG_ERROR] = "error",
        };
        return (unsigned) level < sizeof(names) / sizeof(names[0]) ? names[level] : "?";
}

const char *diag_code_name(enum diag_code code) {
        return (unsigned) code < _DIAG_CODE_MAX ? diag_kinds[code].name : "?";
}
