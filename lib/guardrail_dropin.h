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

/*
 * The same in two steps, for a program that writes many drop-ins: the text for one
 * set of guardrails is rendered once (prepare), with the unit name left out, and
 * each unit's drop-in is that text with its name put in (fill: one allocation and
 * a copy). guardrail_dropin_render() is prepare + fill, so both give the same bytes.
 * prepare returns 0 or -ENOMEM; fill returns 0, the malloc'd text and its length,
 * or -ENOMEM.
 */
struct guardrail_dropin_text {
        char *text;    /* the unit name's places are NUL bytes (template_render_holes()) */
        size_t size;
};
int guardrail_dropin_prepare(const struct guardrails *g, enum scope scope, char *const *policy_files,
                             struct guardrail_dropin_text *ret);
int guardrail_dropin_fill(const struct guardrail_dropin_text *t, const char *unit, char **ret, size_t *ret_len);
void guardrail_dropin_text_done(struct guardrail_dropin_text *t);

/* The policy files as comment lines ("#   /etc/...", or "#   (built-in defaults)"),
 * without a final newline; control characters in names are shown as '?' so that no
 * file name can add a line to a drop-in. Returns 0 or -ENOMEM. */
int guardrail_policy_comment(char *const *files, char **ret);

/* Only the [Unit] and [Service] settings, one "Key=value" per line, without header
 * comments: what goes under each section. Returns 0 or -ENOMEM. */
int guardrail_settings_render(const struct guardrails *g, char **ret_unit, char **ret_service);
