/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Values of the restart settings as systemd 252 names them: one vocabulary for
 * the policy (what it may ask for) and the merge (what a unit file says).
 */

#include "searchpath.h"

enum restart_mode {
        RESTART_NO,
        RESTART_ON_SUCCESS,
        RESTART_ON_FAILURE,
        RESTART_ON_ABNORMAL,
        RESTART_ON_WATCHDOG,
        RESTART_ON_ABORT,
        RESTART_ALWAYS,
        _RESTART_MAX,
};

const char *restart_mode_name(enum restart_mode m);          /* "on-failure" */
int restart_mode_from_string(const char *s);                  /* mode or -EINVAL */

/*
 * StartLimitAction= values (src/core/emergency-action.c). The user manager takes
 * only none, exit and exit-force; for a system-only action it uses exit-force
 * instead (seen on 252). Returns 0 when s is valid in scope, -EOPNOTSUPP for a
 * system-only action in user scope, -EINVAL for anything else.
 */
int emergency_action_check(const char *s, enum scope scope);
