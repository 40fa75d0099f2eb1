/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Every rule's help: why it matters, a bad example, the fix. The one source is
 * the RULES section of docs/hermes-unit-lint.1; build-aux/rulehelp.sh renders it
 * with mandoc into rule_help[] at build time (the format is described there).
 * --explain prints `text`, SARIF takes `why` (fullDescription) and `text` and
 * `markdown` (help).
 */

#include <stddef.h>

struct rule_help {
        const char *id;        /* "HG001" */
        const char *name;      /* "restart-missing" */
        const char *attrs;     /* "warning, gateway": as the man page's heading says */
        const char *why;       /* plain text, one paragraph per line */
        const char *text;      /* the whole page for a terminal: 78 columns, ASCII */
        const char *markdown;  /* the whole page as Markdown */
};

extern const struct rule_help rule_help[];
extern const size_t n_rule_help;

/* The help of rule ID ("HG004"); NULL if the man page has none. */
const struct rule_help *rule_help_find(const char *id);
