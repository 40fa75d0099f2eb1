/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * The keys systemd accepts in the [Unit], [Service] and [Install] sections of a
 * service unit, as the manager of UNIT_KEYS_SYSTEMD_VERSION lists them
 * (`systemd --dump-configuration-items`, i.e. load-fragment-gperf.gperf.in).
 * Keys and section names are case-sensitive, as in systemd. Any other key in
 * these sections is logged by systemd as "Unknown key name" and ignored; keys
 * starting with "X-" are ignored silently.
 */

#include <stdbool.h>

#define UNIT_KEYS_SYSTEMD_VERSION 252

/* The sections the lists cover, in the order unit_key_home_section() tries them. */
extern const char *const unit_key_sections[];   /* "Unit", "Service", "Install", NULL */

/* NULL-terminated, strcmp()-sorted keys of section, or NULL for any other section. */
const char *const *unit_keys_for_section(const char *section);

/* Is key valid in section? False for sections other than the three. */
bool unit_key_is_valid(const char *section, const char *key);

/* The first of unit_key_sections[] other than except (may be NULL) where key is
 * valid, or NULL: where a misplaced key belongs. */
const char *unit_key_home_section(const char *key, const char *except);
