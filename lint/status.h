/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * hermes-unit-lint status: one row per Hermes gateway as the running manager sees
 * it, for every profile at once (the default profile first, then the named ones,
 * then gateway units that belong to no profile): profile, unit, enabled, active
 * and sub state, restarts, last exit, guardrail (loaded / on disk only / none),
 * linger. Text (colour only when asked or on a tty) or JSON (docs/lint-json-schema.md).
 */

#include <stdbool.h>

#include "lint.h"

#define STATUS_JSON_VERSION 1

struct jsonw;
struct live_unit;

/* The members of a gateway object after "profile" and "unit" (docs/lint-json-schema.md):
 * load_state ... last_exit, guardrail, dropin_paths, from the manager's answer lu (NULL:
 * it does not know the unit). asked false: the manager was not asked (diagnose without
 * one): every member null. guardrail: "loaded", "on disk only" or "none". */
void status_gateway_members(struct jsonw *w, const struct live_unit *lu, bool asked, const char *guardrail);

/* Returns the exit status: 0, or 2 when the manager cannot be asked (logged). */
int lint_status(const struct lint_options *o, bool json, bool color);
