/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Unit names as systemd validates them (src/basic/unit-name.c).
 * "foo.service" is plain, "foo@.service" a template, "foo@bar.service" an instance.
 */

#include <stdbool.h>

enum {
        UNIT_NAME_PLAIN    = 1 << 0,
        UNIT_NAME_TEMPLATE = 1 << 1,
        UNIT_NAME_INSTANCE = 1 << 2,
        UNIT_NAME_ANY      = UNIT_NAME_PLAIN | UNIT_NAME_TEMPLATE | UNIT_NAME_INSTANCE,
};

/* Valid characters, length <= 255, a known unit type suffix, and the kind is in flags. */
bool unit_name_is_valid(const char *name, unsigned flags);

/* Pointer into name at the type suffix (".service"), or NULL when there is none. */
const char *unit_name_suffix(const char *name);

/* "foo@bar.service" -> "foo@.service"; a template maps to itself (as in systemd).
 * -EINVAL if name is neither an instance nor a template. */
int unit_name_template(const char *name, char **ret);

/*
 * Drop-in directory names (without the trailing ".d") that systemd consults for one
 * unit name, in systemd's own order (unit_file_find_dropin_paths()):
 *   "hermes-gateway-x.service"  -> "hermes-gateway-x.service", "hermes-gateway-.service",
 *                                  "hermes-.service", "service"
 *   "foo@bar.service"           -> "foo@bar.service", "foo@.service", "service"
 *   "foo-bar@x.service"         -> "foo-bar@x.service", "foo-bar@.service", "foo-.service",
 *                                  "foo-@x.service", "foo-@.service", "service"
 * (dashes in the instance are never cut). The type-wide name ("service") is always
 * last. For a unit with aliases, systemd takes the unit's name and then each alias,
 * each over every search path dir, without the type-wide name; the type-wide dirs
 * of every search path dir come once, after all of them.
 * The exact order and set is pinned by tests against systemd 252 itself
 * (tests/unit/unitname-dropin-oracle.sh).
 * Returns 0 and a NULL-terminated vector, or -EINVAL / -ENOMEM.
 */
int unit_name_dropin_names(const char *name, char ***ret);
