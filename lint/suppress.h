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
 */
void lint_apply_config(const struct policy_lint *pl, struct findings *f);
