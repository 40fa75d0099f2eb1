/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Hermes profile names and the gateway units Hermes writes for them
 * (hermes_cli/gateway.py, hermes_cli/profiles.py):
 *
 *   profile "default" (the root HERMES_HOME)  hermes-gateway.service
 *   profile <name>                            hermes-gateway-<name>.service
 *   older installs                            hermes.service (the default profile)
 *
 * A profile name matches ^[a-z0-9][a-z0-9_-]{0,63}$ (_PROFILE_ID_RE).
 */

#include <stdbool.h>

#define HERMES_DEFAULT_PROFILE "default"
#define HERMES_DEFAULT_UNIT "hermes-gateway.service"
#define HERMES_LEGACY_UNIT "hermes.service"
#define HERMES_PROFILE_NAME_MAX 64

/* ^[a-z0-9][a-z0-9_-]{0,63}$ */
bool hermes_profile_name_is_valid(const char *name);

/* The gateway unit of profile; malloc'd, NULL on -ENOMEM. */
char *hermes_profile_unit(const char *profile);

/* Is name a unit Hermes writes for a gateway: hermes-gateway.service,
 * hermes-gateway-<anything>.service or the legacy hermes.service? */
bool hermes_unit_is_gateway(const char *name);

/*
 * The profile whose gateway unit is unit ("hermes-gateway-work.service" and
 * "hermes-gateway-work" give "work"; "hermes-gateway.service" and
 * "hermes.service" give "default"), malloc'd in *ret. -EINVAL when unit is no
 * gateway unit or names no valid profile ("hermes-gateway-Work.service",
 * "hermes-gateway-a.b.service", templates and their instances: no profile can
 * have that name), -ENOMEM. The inverse of hermes_profile_unit(), but for the
 * legacy name, which hermes_profile_unit() never gives.
 */
int hermes_unit_profile(const char *unit, char **ret);
