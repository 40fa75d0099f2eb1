/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * `hermes-unit-lint show`: the effective settings of one unit in the vocabulary
 * and formatting of `systemctl show`, so that the two can be compared line by
 * line (tests/e2e/test-show-agrees.sh does, against a real manager):
 *
 *   Id=  Names=  LoadState=  FragmentPath=  DropInPaths=  Restart=  RestartUSec=
 *   StartLimitIntervalUSec=  StartLimitBurst=  StartLimitAction=
 *   RestartPreventExitStatus=
 *
 * Names= lists the id first and then the aliases sorted; the manager prints the
 * same set in its own hash order. DropInPaths= is space-separated, in the order
 * the drop-ins apply. LoadState= is loaded, masked, not-found, or error when
 * systemd stops reading the unit file at a bad line; DropInPaths= is then empty
 * and the values are what the unit file set before that line (as the manager
 * shows them).
 *
 * With provenance, each of the last six properties is followed by a line
 * "<Property>.source=<where>", where <where> is "<file>:<line>" of the assignment
 * that set the value (for RestartPreventExitStatus=, the last one that changed
 * the set), "<file>:<line>" of the user.conf/system.conf line that set the
 * manager default, or "default" for systemd's built-in default. The ".source"
 * lines are not systemctl properties (no property has a '.' in its name), so a
 * comparison with `systemctl show` can simply drop them, and a "Key=value"
 * reader still reads every line.
 */

#include <stdbool.h>
#include <stdio.h>

#include "effective.h"

/* Prints e's properties (no trailing blank line). Returns 0, or -EIO when out
 * reports a write error. */
int lint_show(FILE *out, const struct effective *e, bool provenance);
