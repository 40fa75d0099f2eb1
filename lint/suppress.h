/* SPDX-License-Identifier: MIT */
#pragma once

#include "finding.h"
#include "policy.h"
#include "rules.h"

/*
 * Drops the findings the policy's [lint] Disable= names or a comment
 * "# hermes-unit-lint: disable=ID[,ID]" suppresses (in the comment lines right
 * above the finding's line, or anywhere before the file's first section for the
 * whole file), and applies [lint] Error=/Warning=/Info=. Rules are named by ID or
 * name; unknown ones are logged as warnings and ignored.
 *
 * Comments are those of the unit files and drop-ins ctx already parsed; a file
 * the run did not parse (a drop-in systemd never reads) is parsed here, once.
 * Hermes' own files (.env, jobs.json) are no unit files: only [lint] applies there.
 */
void lint_apply_config(const struct policy_lint *pl, const struct lint_ctx *ctx, struct findings *f);
