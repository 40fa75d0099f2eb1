/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Scalar values as systemd 252 parses them (src/basic/parse-util.c), so that a
 * value we accept is one the manager accepts, with the same meaning.
 */

#include <stdbool.h>

/*
 * An unsigned number as systemd's safe_atou(): decimal, or with a prefix
 * "0x"/"0X" hex, "0o"/"0O" or a leading "0" octal, "0b"/"0B" binary (so "010"
 * is 8, as in systemd); an optional leading '+'; "-0" is 0, any other negative
 * number is refused. No whitespace. Returns 0 and sets *ret, -EINVAL for bad
 * syntax, -ERANGE above max or below 0.
 */
int parse_unsigned(const char *s, unsigned long long max, unsigned long long *ret);

/* systemd's parse_boolean(): 1 yes y true t on / 0 no n false f off, any case.
 * Returns 1, 0 or -EINVAL. */
int parse_boolean(const char *s);
