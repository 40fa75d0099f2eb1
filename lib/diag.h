/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Diagnostics gathered by library code.
 *
 * Library functions never print. When they meet something worth telling
 * (a bad line in a unit file, an unknown key in the policy), they append a
 * struct diag to a caller-supplied list and carry on where that is safe.
 * The caller decides how and whether to print (the generator logs them,
 * the linter turns some of them into findings).
 *
 * A diagnostic is a code from one catalogue (enum diag_code, table in diag.c:
 * name, default level, message template) plus where: file, line and column as
 * the parser saw them. Callers switch on the code; nobody matches message text.
 * The template holds at most one "%s", filled with the caller's detail.
 *
 * Every function here accepts a NULL list: the diagnostic is then dropped.
 */

#include <stdarg.h>
#include <stddef.h>

enum diag_level {
        DIAG_DEBUG,
        DIAG_INFO,
        DIAG_WARNING,
        DIAG_ERROR,
};

enum diag_code {
        /* Any file or directory of any kind: policy, unit, .env, jobs.json, a
         * symlink, a directory listing. The level says what it costs: ERROR for
         * an input the run needs, WARNING for one it skips as systemd does. */
        DIAG_UNREADABLE,

        /* Unit files and drop-ins (unitfile.h): lines systemd ignores ... */
        DIAG_MISSING_EQUALS,
        DIAG_MISSING_KEY,
        DIAG_OUTSIDE_SECTION,
        /* ... and lines that make systemd stop reading the file. */
        DIAG_BAD_SECTION,
        DIAG_INVALID_UTF8,
        DIAG_LINE_TOO_LONG,
        /* The manager configuration (effective.h). */
        DIAG_INVALID_VALUE,
        /* The unit search path (unitset.h). */
        DIAG_INVALID_ALIAS,
        DIAG_ALIAS_LOOP,
        DIAG_INVALID_UNIT_NAME,

        /* The guardrail policy (policy.h). */
        DIAG_POLICY_INVALID_VALUE,
        DIAG_POLICY_UNKNOWN_KEY,
        DIAG_POLICY_UNKNOWN_SECTION,
        DIAG_POLICY_OUTSIDE_SECTION,
        DIAG_POLICY_BAD_SECTION,
        DIAG_POLICY_MISSING_KEY,
        DIAG_POLICY_MISSING_EQUALS,
        DIAG_POLICY_CONTINUATION_LINE,
        DIAG_POLICY_LINE_TOO_LONG,

        /* Hermes .env files (dotenv.h). */
        DIAG_DOTENV_SYNTAX,
        DIAG_DOTENV_BOM,
        DIAG_DOTENV_EXPANSION_TOO_LARGE,
        /* JSON (json.h). */
        DIAG_JSON_SYNTAX,
        DIAG_JSON_TOO_DEEP,
        DIAG_JSON_TOO_LARGE,
        DIAG_JSON_CONTROL_CHAR,
        /* The Hermes home (lint/hermes/home.h). */
        DIAG_HERMES_PROFILE_NAME,
        DIAG_HERMES_IDENTITY_FROM_ENVIRONMENT,
        DIAG_HERMES_CRON_SHAPE,
        DIAG_HERMES_CRON_BARE_ARRAY,

        _DIAG_CODE_MAX,
};

struct diag_kind {
        const char *name;          /* stable kebab-case id, e.g. "missing-equals" */
        enum diag_level level;     /* the default level */
        const char *message;       /* template: text with at most one "%s" (the detail) */
};

/* The catalogue, indexed by enum diag_code. */
extern const struct diag_kind diag_kinds[_DIAG_CODE_MAX];

struct diag {
        enum diag_code code;
        enum diag_level level;
        char *file;        /* may be NULL when not about a file */
        unsigned line;     /* 1-based; 0 = whole file / no line */
        unsigned column;   /* 1-based byte column; 0 = no column (line is 0, or not known) */
        char *message;     /* the template filled in; no trailing newline, never a secret */
};

struct diag_list {
        struct diag *items;
        size_t n, cap;
};

/*
 * Appends a diagnostic at code's default level. fmt and its arguments make the
 * detail that fills the template's "%s"; NULL when the template has none. Out of
 * memory is swallowed (the diagnostic is lost).
 */
void diag_add(struct diag_list *l, enum diag_code code, const char *file, unsigned line, unsigned column,
              const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* The same at another level (an unreadable file the run can do without is a warning). */
void diag_add_level(struct diag_list *l, enum diag_level level, enum diag_code code, const char *file,
                    unsigned line, unsigned column, const char *fmt, ...) __attribute__((format(printf, 7, 8)));
void diag_addv(struct diag_list *l, enum diag_level level, enum diag_code code, const char *file,
               unsigned line, unsigned column, const char *fmt, va_list ap) __attribute__((format(printf, 7, 0)));

/* Number of diagnostics at or above level. */
size_t diag_count(const struct diag_list *l, enum diag_level level);

/* Frees all items and leaves an empty, reusable list. */
void diag_list_clear(struct diag_list *l);

const char *diag_level_name(enum diag_level level); /* "debug" ... "error" */
const char *diag_code_name(enum diag_code code);    /* "missing-equals" ...; "?" if out of range */
