/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * The guardrail drop-in's text, rendered from templates/10-restart-guardrails.conf.in
 * (compiled in). Shared by the generator (which writes it for every matching unit)
 * and the linter (whose --fix proposes the same settings).
 */

#include "policy.h"
#include "searchpath.h"

#define GUARDRAIL_DROPIN_NAME "10-restart-guardrails.conf"

/*
 * Renders the drop-in for unit in scope. policy_files are the files the policy was
 * read from (empty or NULL: built-in defaults). Output depends on nothing else, so
 * identical input gives byte-identical output.
 * Returns 0 and a malloc'd string, or -ENOMEM.
 */
int guardrail_dropin_render(const struct guardrails *g, const char *unit, enum scope scope,
                            char *const *policy_files, char **ret);

/* The policy files as comment lines ("#   /etc/...", or "#   (built-in defaults)"),
 * without a final newline; control characters in names are shown as '?' so that no
 * file name can add a line to a drop-in. Returns 0 or -ENOMEM. */
int guardrail_policy_comment(char *const *files, char **ret);

/* Only the [Unit] and [Service] settings, one "Key=value" per line, without header
 * comments: what goes under each section. Returns 0 or -ENOMEM. */
int guardrail_settings_render(const struct guardrails *g, char **ret_unit, char **ret_service);
