/* SPDX-License-Identifier: MIT */
/* See bus.h. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bus.h"

uint64_t bus_deadline(uint64_t usec) {
        struct timespec ts;

        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (uint64_t) ts.tv_sec * 1000000ULL + (uint64_t) ts.tv_nsec / 1000 + usec;
}

static int open_address(const char *address, sd_bus **ret) {
        sd_bus *bus = NULL;
        int r = sd_bus_new(&bus);

        if (r >= 0)
                r = sd_bus_set_address(bus, address);
        if (r >= 0)
                r = sd_bus_start(bus);
        if (r < 0) {
                sd_bus_unref(bus);
                return r;
        }
        *ret = bus;
        return 0;
}

int bus_open_manager(enum scope scope, sd_bus **ret, char **ret_address) {
        const char *runtime = getenv("XDG_RUNTIME_DIR");
        char *address = NULL;
        int r;

        if (ret_address)
                *ret_address = NULL;
        if (scope == SCOPE_USER && (!runtime || runtime[0] != '/'))
                return -ENXIO;
        if (asprintf(&address, "unix:path=%s/systemd/private", scope == SCOPE_USER ? runtime : "/run") < 0)
                return -ENOMEM;
        r = open_address(address, ret);
        if (r < 0) {
                int k = scope == SCOPE_USER ? sd_bus_open_user(ret) : sd_bus_open_system(ret);
                if (k >= 0)
                        r = 0;
        }
        if (ret_address)
                *ret_address = address;
        else
                free(address);
        return r;
}

int bus_open_system(sd_bus **ret) {
        return sd_bus_open_system(ret);
}

struct pending {
        bool done;
        int r;
        sd_bus_message *reply;
        sd_bus_error *error;
};

static int on_reply(sd_bus_message *m, void *userdata, sd_bus_error *unused) {
        struct pending *p = userdata;
        const sd_bus_error *e = sd_bus_message_get_error(m);

        p->done = true;
        if (e) {
                p->r = -sd_bus_error_get_errno(e);
                if (p->r == 0)
                        p->r = -EIO;
                if (p->error)
                        (void) sd_bus_error_copy(p->error, e);
        } else
                p->reply = sd_bus_message_ref(m);
        return 1;
}

int bus_call(sd_bus *bus, sd_bus_message *m, uint64_t deadline, sd_bus_message **ret_reply,
             sd_bus_error *error) {
        struct pending p = { .error = error };
        sd_bus_slot *slot = NULL;
        uint64_t now;
        int r;

        r = sd_bus_call_async(bus, &slot, m, on_reply, &p, 0);
        while (r >= 0 && !p.done) {
                r = sd_bus_process(bus, NULL);
                if (r < 0 || p.done)
                        break;
                if (r > 0)
                        continue;
                now = bus_deadline(0);
                if (now >= deadline) {
                        r = -ETIMEDOUT;
                        break;
                }
                r = sd_bus_wait(bus, deadline - now);
        }
        sd_bus_slot_unref(slot);
        if (r >= 0 && p.done)
                r = p.r;
        if (r < 0) {
                sd_bus_message_unref(p.reply);
                return r;
        }
        *ret_reply = p.reply;
        return 0;
}

int bus_get_manager_string(sd_bus *bus, const char *property, uint64_t deadline, char **ret) {
        sd_bus_message *m = NULL, *reply = NULL;
        const char *s;
        int r;

        r = sd_bus_message_new_method_call(bus, &m, "org.freedesktop.systemd1", "/org/freedesktop/systemd1",
                                           "org.freedesktop.DBus.Properties", "Get");
        if (r >= 0)
                r = sd_bus_message_append(m, "ss", "org.freedesktop.systemd1.Manager", property);
        if (r >= 0)
                r = bus_call(bus, m, deadline, &reply, NULL);
        if (r >= 0)
                r = sd_bus_message_read(reply, "v", "s", &s);
        if (r >= 0 && !(*ret = strdup(s)))
                r = -ENOMEM;
        sd_bus_message_unref(m);
        sd_bus_message_unref(reply);
        return r < 0 ? r : 0;
}
