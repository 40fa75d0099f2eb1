/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * `hermes-unit-lint --explain ID|NAME`: one rule's page on the terminal (why it
 * matters, a bad example, the fix), the text of its subsection in
 * hermes-unit-lint(1), as `ruff rule CODE` prints a rule.
 */

#include <stdio.h>

/* Prints the page of the rule with that ID (any case) or name. Returns 0, -ENOENT
 * for an unknown rule (nothing printed), -EIO when out reports a write error. */
int explain_rule(FILE *out, const char *id_or_name);
