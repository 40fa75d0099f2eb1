/* SPDX-License-Identifier: MIT */
#pragma once

#include "diag.h"
#include "lint.h"
#include "policy.h"

/*
 * The unit names a run lints. Host mode: every service on search_path the policy
 * matches, and the enabled instances of matched templates (links in *.wants/). Pre-commit mode: for each FILE, the unit it is (a unit file), or whose
 * drop-in directory it is in; a "service.d/" or dash-prefix directory brings in
 * every gateway unit it applies to; a misnamed "hermes-gateway.d/" the unit it was
 * meant for. Sorted as found, without duplicates. Returns 0 or -ENOMEM.
 */
/* Can FILE be linted (pre-commit mode)? 0; -errno when it cannot be read; -EISDIR
 * for a directory; -EBADFD when it is no regular file (a FIFO, a device, /dev/null:
 * systemd would not read it as a unit); -EBADR when its name is neither a unit's
 * nor in a drop-in directory. Never logs. */
int lint_operand_check(const char *file);

int lint_unit_names(const struct lint_options *o, const struct policy *pol, char *const *search_path,
                    char ***ret, struct diag_list *diags);
