/* SPDX-License-Identifier: MIT */
/* See strutil.h. */
#include <string.h>

#include "strutil.h"

bool str_endswith(const char *s, const char *suffix) {
        size_t a = strlen(s), b = strlen(suffix);

        return a >= b && strcmp(s + a - b, suffix) == 0;
}
