/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * The three output formats of a run. Paths under the current directory are shown
 * relative to it (so that output is the same wherever a checkout lives), others as
 * they are. JSON's schema is documented in docs/lint-json-schema.md.
 */

#include <stdbool.h>
#include <stdio.h>

#include "lint.h"

#define REPORT_JSON_VERSION 1

/* gcc style: "path:line:col: severity: message [ID name]", colour if asked. */
void report_text(FILE *out, const struct lint_run *run, bool color);
void report_json(FILE *out, const struct lint_run *run);
/* One unit's object of the JSON report, written as report_json() writes it after index
 * others (streaming runs keep it until the report). */
void report_json_unit(FILE *out, const struct lint_unit *u, size_t index);
void report_sarif(FILE *out, const struct lint_run *run);
/* The watchdog's lines (--live --quiet): "UNIT: BRIEF — see hermes-unit-lint --live", one per
 * finding, made safe to print; nothing when there is no finding. */
void report_brief(FILE *out, const struct lint_run *run);
