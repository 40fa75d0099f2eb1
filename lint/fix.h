/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * --fix: the drop-in that resolves a unit's restart findings (those of the
 * RULE_FIXABLE rules), with the policy's values, written next to the user's own
 * drop-ins and never into the unit Hermes writes.
 *
 * It is named FIX_DROPIN_NAME so that it sorts after every drop-in a unit
 * usually has (the generator's 10-restart-guardrails.conf, "systemctl edit"'s
 * override.conf, 20-local.conf ...): systemd applies the drop-ins of all
 * directories in file name order, the last assignment wins. See
 * hermes-unit-lint(1), FIXING.
 */

#include <stdio.h>

#include "lint.h"

#define FIX_DROPIN_NAME "zz-hermes-unit-lint-fix.conf"

/* Builds run->fixes for every unit with a fixable finding, and points those findings
 * at their fix. Returns 0 or -ENOMEM. */
int fix_build_all(struct lint_run *run, const struct lint_options *o);
void fix_free_all(struct lint_fix *fixes, size_t n);

/* For runs that build one unit's fix at a time: the config dir and the length of the
 * base --fix writes beneath (0, -ENXIO when there is none: log fix_log_no_dir() once,
 * -ENOMEM); then fix_build() for a unit with fixable findings. */
int fix_config_dir(const struct lint_options *o, char **ret_dir, size_t *ret_base_len);
void fix_log_no_dir(void);
int fix_build(const struct lint_run *run, const struct lint_unit *u, const char *config_dir,
              size_t base_len, struct lint_fix *ret);

/* Writes one fix: creates what is missing of the config dir below --home (or $HOME,
 * $XDG_CONFIG_HOME, --root) and <unit>.d/, writes a temporary file and renames it
 * into place, following no symlink below that base (a link ~/.config -> elsewhere
 * is refused, -ELOOP or -ENOTDIR). A fix whose old file has lines --fix did not
 * write (user_line) must not be written: the caller refuses it. Returns 0 or -errno. */
int fix_write(const struct lint_fix *fix);

/* Prints fix as a unified diff from the current file (or /dev/null) to the new one.
 * A line of an assignment --fix does not write shows no value ("Environment=(value
 * not shown)"); every line is sanitised. */
void fix_print_diff(FILE *out, const struct lint_fix *fix);
