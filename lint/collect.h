/* SPDX-License-Identifier: MIT */
#pragma once

#include "diag.h"
#include "enabled.h"
#include "lint.h"
#include "policy.h"
#include "unitset.h"
/* Can FILE be linted (pre-commit mode)? 0; -errno when it cannot be read; -EISDIR
 * for a directory; -EBADFD when it is no regular file (a FIFO, a device, /dev/null:
 * systemd would not read it as a unit); -EBADR when its name is neither a unit's
 * nor in a drop-in directory. Never logs. */
int lint_operand_check(const char *file);

/*
 * The unit names a run lints, from the index of the search path (read once per
 * run) and its enabled links. Host mode: every service on the search path the
 * policy matches, and the enabled instances of matched templates (links in
 * *.wants/). Pre-commit mode: for each FILE, the unit it is (a unit file), or whose
 * drop-in directory it is in; a "service.d/" or dash-prefix directory brings in
 * every gateway unit it applies to; a misnamed "hermes-gateway.d/" the unit it was
 * meant for. Sorted, without duplicates. Returns 0 or -ENOMEM.
 */
int lint_unit_names(const struct lint_options *o, const struct policy *pol, const struct unit_index *idx,
                    const struct enabled_links *enabled, char ***ret, struct diag_list *diags);
