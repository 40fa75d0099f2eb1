/* SPDX-License-Identifier: MIT */
/* See hermesname.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hermesname.h"
#include "strutil.h"

static bool is_name_start(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool hermes_profile_name_is_valid(const char *name) {
        size_t n = strlen(name);

        if (n == 0 || n > HERMES_PROFILE_NAME_MAX || !is_name_start(name[0]))
                return false;
        for (size_t i = 1; i < n; i++)
                if (!is_name_start(name[i]) && name[i] != '_' && name[i] != '-')
                        return false;
        return true;
}

char *hermes_profile_unit(const char *profile) {
        char *unit;

        if (strcmp(profile, HERMES_DEFAULT_PROFILE) == 0)
                return strdup(HERMES_DEFAULT_UNIT);
        return asprintf(&unit, "hermes-gateway-%s.service", profile) < 0 ? NULL : unit;
}

bool hermes_unit_is_gateway(const char *name) {
        return strcmp(name, HERMES_DEFAULT_UNIT) == 0 || strcmp(name, HERMES_LEGACY_UNIT) == 0 ||
                (strncmp(name, "hermes-gateway-", 15) == 0 && str_endswith(name, ".service"));
}

int hermes_unit_profile(const char *unit, char **ret) {
        char *name;

        if (strcmp(unit, HERMES_DEFAULT_UNIT) == 0 || strcmp(unit, "hermes-gateway") == 0 ||
            strcmp(unit, HERMES_LEGACY_UNIT) == 0)
                return (*ret = strdup(HERMES_DEFAULT_PROFILE)) ? 0 : -ENOMEM;
        if (strncmp(unit, "hermes-gateway-", 15) != 0)
                return -EINVAL;
        name = strdup(unit + 15);
        if (!name)
                return -ENOMEM;
        if (str_endswith(name, ".service"))
                name[strlen(name) - 8] = 0;
        if (!hermes_profile_name_is_valid(name)) {
                free(name);
                return -EINVAL;
        }
        *ret = name;
        return 0;
}
