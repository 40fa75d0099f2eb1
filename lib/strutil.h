/* SPDX-License-Identifier: MIT */
#pragma once

/* Small string predicates (systemd's string-util.h has the same). */

#include <stdbool.h>

/* Does s end with suffix? ("" ends every string.) */
bool str_endswith(const char *s, const char *suffix);
