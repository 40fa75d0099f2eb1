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
 * gateway unit or names no valid profile, -ENOMEM.
 */
int hermes_unit_profile(const char *unit, char **ret);
