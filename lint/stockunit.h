/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * The gateway unit Hermes writes itself (hermes_cli/gateway.py; FACTS.md). In
 * pre-commit mode a checkout often holds only the drop-ins of a gateway: Hermes
 * writes the unit on the host, so the checkout does not track it. Linted without
 * it, the drop-ins would be judged against systemd's defaults (Restart=no ...),
 * which is not what runs. Such a unit is therefore linted on top of this text,
 * written into a private directory at the end of the search path and shown as
 * STOCK_UNIT_DIR_NAME/<unit>.
 */

#include <stdbool.h>

#define STOCK_UNIT_DIR_NAME "(unit-written-by-hermes)"

/* Is name one that Hermes writes a unit for: hermes-gateway.service,
 * hermes-gateway-<profile>.service, or the legacy hermes.service? */
bool stock_unit_applies(const char *name);

/* Writes the stock unit as dir/name. Returns 0 or -errno. */
int stock_unit_write(const char *dir, const char *name);
