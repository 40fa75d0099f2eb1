/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Asking a running manager over sd-bus, never for longer than a deadline.
 *
 * The user manager answers on its private socket $XDG_RUNTIME_DIR/systemd/private
 * (the system manager on /run/systemd/private) without any D-Bus broker: that is
 * how systemctl reaches it (systemd's bus_connect_transport_systemd()). When that
 * socket cannot be connected to, the bus is tried (sd_bus_open_user/system()).
 *
 * Why our own wait loop: sd_bus_call() first waits for the connection's
 * authentication with sd-bus' own timeout (BUS_AUTH_TIMEOUT, 90 s in systemd
 * 252's src/libsystemd/sd-bus/bus-internal.h), and sd_bus_set_method_call_timeout()
 * does not shorten it. A manager stopped with SIGSTOP accepts the connection
 * (the kernel queues it) and then never answers: a hang. bus_call() sends
 * asynchronously and polls until its own deadline (tests/e2e/test-live-quiet.sh).
 */

#include <stdint.h>
#include <systemd/sd-bus.h>

#include "searchpath.h"

/* CLOCK_MONOTONIC now + usec: a deadline for the calls below. */
uint64_t bus_deadline(uint64_t usec);

/*
 * Connects to the manager of scope: its private socket, else the bus. On failure
 * returns -errno and, when ret_address is not NULL, the address tried first
 * ("unix:path=/run/user/1000/systemd/private"; NULL when $XDG_RUNTIME_DIR is not
 * set: -ENXIO) so that the caller can name it. The connection may still be
 * authenticating: the first bus_call() waits for that within its deadline.
 */
int bus_open_manager(enum scope scope, sd_bus **ret, char **ret_address);

/* The system bus (logind). Returns 0 or -errno. */
int bus_open_system(sd_bus **ret);

/*
 * Sends m and waits until the reply, or until deadline (bus_deadline()):
 * -ETIMEDOUT. A D-Bus error reply is returned as -errno with its message in
 * *error when error is not NULL. Returns 0 and *ret_reply (unref it).
 */
int bus_call(sd_bus *bus, sd_bus_message *m, uint64_t deadline, sd_bus_message **ret_reply,
             sd_bus_error *error);

/* A property of the manager object of the private connection or of the bus as a
 * string (Get on org.freedesktop.systemd1.Manager), bounded by deadline. */
int bus_get_manager_string(sd_bus *bus, const char *property, uint64_t deadline, char **ret);
