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

/*
 * Streaming runs (lint.h) decide while a unit's files are parsed, and report later.
 * suppress_decide_early(): when x is in one of the unit's parsed files, sets
 * *ret_suppressed and returns true (the file's unknown rule names are noted, to be
 * logged at the first finding reported in it); false: decided at the report.
 * lint_apply_config_stash(): lint_apply_config() and the drop of repeats (a file
 * shared by several units) on the sorted keys: marks the kept ones STASH_KEPT with
 * their severity and counts them by severity.
 */
struct suppress_notes;
struct stash;
struct unit_file;
int suppress_notes_new(struct suppress_notes **ret);
void suppress_notes_free(struct suppress_notes *n);
bool suppress_decide_early(struct suppress_notes *n, struct unit_file *const *files, size_t n_files,
                           const struct finding *x, bool *ret_suppressed);
void lint_apply_config_stash(const struct policy_lint *pl, const struct lint_ctx *ctx, struct suppress_notes *notes,
                             struct stash *st, size_t count[_SEVERITY_MAX]);
