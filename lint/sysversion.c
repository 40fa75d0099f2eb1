/* SPDX-License-Identifier: MIT */
/* See sysversion.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <systemd/sd-bus.h>

#include "sysversion.h"

#define TIMEOUT_USEC 1000000ULL

/* The manager's own socket: works without a D-Bus broker (as systemctl does). */
static int open_private(enum scope scope, sd_bus **ret) {
        const char *runtime = getenv("XDG_RUNTIME_DIR");
        char *address = NULL;
        sd_bus *bus = NULL;
        int r;

        if (scope == SCOPE_USER && (!runtime || runtime[0] != '/'))
                return -ENXIO;
        if (asprintf(&address, "unix:path=%s/systemd/private",
                     scope == SCOPE_USER ? runtime : "/run") < 0)
                return -ENOMEM;
        r = sd_bus_new(&bus);
        if (r >= 0)
                r = sd_bus_set_address(bus, address);
        if (r >= 0)
                r = sd_bus_start(bus);
        free(address);
        if (r < 0) {
                sd_bus_unref(bus);
                return r;
        }
        *ret = bus;
        return 0;
}

static int open_any(enum scope scope, sd_bus **ret) {
        if (open_private(scope, ret) >= 0)
                return 0;
        return scope == SCOPE_USER ? sd_bus_open_user(ret) : sd_bus_open_system(ret);
}

unsigned systemd_version_running(enum scope scope) {
        sd_bus_error error = SD_BUS_ERROR_NULL;
        sd_bus *bus = NULL;
        char *version = NULL;
        unsigned long v = 0;

        if (open_any(scope, &bus) < 0)
                return 0;
        (void) sd_bus_set_method_call_timeout(bus, TIMEOUT_USEC);
        if (sd_bus_get_property_string(bus, "org.freedesktop.systemd1", "/org/freedesktop/systemd1",
                                       "org.freedesktop.systemd1.Manager", "Version", &error, &version) >= 0)
                v = strtoul(version, NULL, 10);
        sd_bus_error_free(&error);
        free(version);
        sd_bus_flush_close_unref(bus);
        return v > 0 && v < 100000 ? (unsigned) v : 0;
}
