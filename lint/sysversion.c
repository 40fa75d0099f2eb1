/* SPDX-License-Identifier: MIT */
/* See sysversion.h. */
#include <stdlib.h>

#include "bus.h"
#include "sysversion.h"

#define TIMEOUT_USEC 1000000ULL

unsigned systemd_version_running(enum scope scope) {
        sd_bus *bus = NULL;
        char *version = NULL;
        unsigned long v = 0;

        if (bus_open_manager(scope, &bus, NULL) < 0)
                return 0;
        if (bus_get_manager_string(bus, "Version", bus_deadline(TIMEOUT_USEC), &version) >= 0)
                v = strtoul(version, NULL, 10);
        free(version);
        sd_bus_close_unref(bus);
        return v > 0 && v < 100000 ? (unsigned) v : 0;
}
