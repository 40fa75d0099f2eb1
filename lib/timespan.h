/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Time spans exactly as systemd parses and prints them (src/basic/time-util.c).
 *
 * Parsing: a sequence of "<number>[<unit>]" terms, optional whitespace between
 * and inside terms ("1min 30s", "1 min30s"), decimal fractions ("1.5s"), units
 * usec us µs, ms msec, s sec second(s), m min minute(s), h hr hour(s), d day(s),
 * w week(s), M month(s) (30.44 d), y year(s) (365.25 d); a number without unit
 * takes default_unit (USEC_PER_SEC for every key this project reads); "infinity"
 * alone = USEC_INFINITY. Negative numbers, empty strings, unknown units, trailing
 * garbage and overflow are errors. Units are case-sensitive: "1M" is a month,
 * "1m" a minute.
 *
 * Formatting: what `systemctl show` prints for *USec properties:
 *   0 -> "0", 100ms -> "100ms", 90s -> "1min 30s", 1.5s -> "1.500000s",
 *   3723004000us -> "1h 2min 3.004000s", USEC_INFINITY -> "infinity".
 */

#include <stddef.h>
#include <stdint.h>

typedef uint64_t usec_t;

#define USEC_INFINITY  ((usec_t) UINT64_MAX)
#define USEC_PER_MSEC  ((usec_t) 1000ULL)
#define USEC_PER_SEC   ((usec_t) 1000000ULL)
#define USEC_PER_MINUTE (60ULL * USEC_PER_SEC)

/* Enough for any formatted usec_t. */
#define TIMESPAN_MAX 64

/* Returns 0 and sets *ret, -EINVAL for bad syntax, -ERANGE on overflow. *ret untouched on error. */
int timespan_parse(const char *s, usec_t default_unit, usec_t *ret);

/* Formats like `systemctl show` (accuracy 1us). Returns buf. len >= TIMESPAN_MAX is always enough. */
char *timespan_format(char *buf, size_t len, usec_t t);
