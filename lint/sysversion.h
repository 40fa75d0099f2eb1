/* SPDX-License-Identifier: MIT */
#pragma once

#include "searchpath.h"

/* What --systemd-version defaults to when the manager cannot be asked. */
#define SYSTEMD_VERSION_FALLBACK 252

/*
 * The major version of the running manager of scope: its Version property
 * ("252.38-1~deb12u1" -> 252) over its private socket
 * ($XDG_RUNTIME_DIR/systemd/private, /run/systemd/private), else over the bus.
 * Returns the version, or 0 when no manager answers within a second.
 */
unsigned systemd_version_running(enum scope scope);
