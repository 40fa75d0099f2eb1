/* SPDX-License-Identifier: MIT */
/* See unitvalues.h. */
#include <errno.h>
#include <string.h>

#include "unitvalues.h"

static const char *const restart_mode_names[_RESTART_MAX] = {
        [RESTART_NO] = "no",
        [RESTART_ON_SUCCESS] = "on-success",
        [RESTART_ON_FAILURE] = "on-failure",
        [RESTART_ON_ABNORMAL] = "on-abnormal",
        [RESTART_ON_WATCHDOG] = "on-watchdog",
        [RESTART_ON_ABORT] = "on-abort",
        [RESTART_ALWAYS] = "always",
};

const char *restart_mode_name(enum restart_mode m) {
        return (unsigned) m < _RESTART_MAX ? restart_mode_names[m] : NULL;
}

int restart_mode_from_string(const char *s) {
        for (int m = 0; m < _RESTART_MAX; m++)
                if (strcmp(s, restart_mode_names[m]) == 0)
                        return m;
        return -EINVAL;
}

int emergency_action_check(const char *s, enum scope scope) {
        static const char *const user[] = { "none", "exit", "exit-force" };
        static const char *const system_only[] = {
                "reboot", "reboot-force", "reboot-immediate",
                "poweroff", "poweroff-force", "poweroff-immediate",
        };

        for (size_t i = 0; i < sizeof(user) / sizeof(user[0]); i++)
                if (strcmp(s, user[i]) == 0)
                        return 0;
        for (size_t i = 0; i < sizeof(system_only) / sizeof(system_only[0]); i++)
                if (strcmp(s, system_only[i]) == 0)
                        return scope == SCOPE_USER ? -EOPNOTSUPP : 0;
        return -EINVAL;
}
