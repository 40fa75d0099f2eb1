/* SPDX-License-Identifier: MIT */
/* See timespan.h. Behaviour pinned against systemd 252's systemd-analyze timespan. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timespan.h"

#define USEC_PER_HOUR  (60ULL * USEC_PER_MINUTE)
#define USEC_PER_DAY   (24ULL * USEC_PER_HOUR)
#define USEC_PER_WEEK  (7ULL * USEC_PER_DAY)
#define USEC_PER_MONTH (2629800ULL * USEC_PER_SEC)  /* 30.44 days */
#define USEC_PER_YEAR  (31557600ULL * USEC_PER_SEC) /* 365.25 days */

/* systemd's WHITESPACE: narrower than isspace(), which matters for "\v5". */
#define WHITESPACE " \t\n\r"
#define DIGITS "0123456789"

struct unit {
        const char *name;
        usec_t usec;
};

/* Matched by prefix in this order, so longer spellings come before their prefixes
 * ("msec" before "m", "months" before "M"). The rest of the term is then parsed again,
 * which is why "1mins" is an error and "1s1s" is two seconds. */
static const struct unit parse_units[] = {
        { "seconds", USEC_PER_SEC },   { "second", USEC_PER_SEC },  { "sec", USEC_PER_SEC },
        { "s", USEC_PER_SEC },         { "minutes", USEC_PER_MINUTE },
        { "minute", USEC_PER_MINUTE }, { "min", USEC_PER_MINUTE },  { "months", USEC_PER_MONTH },
        { "month", USEC_PER_MONTH },   { "M", USEC_PER_MONTH },     { "msec", USEC_PER_MSEC },
        { "ms", USEC_PER_MSEC },       { "m", USEC_PER_MINUTE },    { "hours", USEC_PER_HOUR },
        { "hour", USEC_PER_HOUR },     { "hr", USEC_PER_HOUR },     { "h", USEC_PER_HOUR },
        { "days", USEC_PER_DAY },      { "day", USEC_PER_DAY },     { "d", USEC_PER_DAY },
        { "weeks", USEC_PER_WEEK },    { "week", USEC_PER_WEEK },   { "w", USEC_PER_WEEK },
        { "years", USEC_PER_YEAR },    { "year", USEC_PER_YEAR },   { "y", USEC_PER_YEAR },
        { "usec", 1 },                 { "us", 1 },
        { "\xce\xbcs", 1 },            /* U+03BC GREEK SMALL LETTER MU */
        { "\xc2\xb5s", 1 },            /* U+00B5 MICRO SIGN */
};

/* Returns the text after a unit name at p (setting *multiplier), or p itself when none. */
static const char *skip_unit(const char *p, usec_t *multiplier) {
        for (size_t i = 0; i < sizeof(parse_units) / sizeof(parse_units[0]); i++) {
                size_t n = strlen(parse_units[i].name);

                if (strncmp(p, parse_units[i].name, n) == 0) {
                        *multiplier = parse_units[i].usec;
                        return p + n;
                }
        }
        return p;
}

static int add_checked(usec_t *sum, usec_t k) {
        /* ">=": the sum may never reach USEC_INFINITY, which means "no limit". */
        if (k >= USEC_INFINITY - *sum)
                return -ERANGE;
        *sum += k;
        return 0;
}

/* Digits after the dot, each worth a tenth of the one before; digits below 1us add nothing. */
static int add_fraction(const char *digits, usec_t multiplier, usec_t *sum) {
        usec_t m = multiplier / 10;
        const char *b;

        for (b = digits; *b >= '0' && *b <= '9'; b++, m /= 10)
                if (add_checked(sum, (usec_t) (*b - '0') * m) < 0)
                        return -ERANGE;

        /* A dot needs at least one digit after it: "5.s" and "1. 5" are errors. */
        return b == digits ? -EINVAL : 0;
}

/* One "<number>[.<digits>][ ]<unit>" term at *p, added to *sum; *p is moved past it. */
static int parse_term(const char **p, usec_t default_unit, usec_t *sum) {
        usec_t multiplier = default_unit;
        const char *q, *s;
        long long l;
        char *e;
        int r;

        /* systemd refuses a leading '-' as out of range, even "-0". */
        if (**p == '-')
                return -ERANGE;

        /* Base 10 only; strtoll's optional '+' is accepted, as in systemd. */
        errno = 0;
        l = strtoll(*p, &e, 10);
        if (errno > 0)
                return -errno;
        if (l < 0)
                return -ERANGE;

        if (*e == '.')
                q = e + 1 + strspn(e + 1, DIGITS); /* ".5s": no integer part is fine */
        else if (e == *p)
                return -EINVAL;
        else
                q = e;

        s = skip_unit(q + strspn(q, WHITESPACE), &multiplier);
        /* A term glued to something that is no unit ("1.2.3s", "1x") is garbage; after a
         * space the next term decides ("12.34 .56" is two terms). */
        if (s == q && *s != '\0')
                return -EINVAL;

        if ((usec_t) l >= USEC_INFINITY / multiplier)
                return -ERANGE;
        r = add_checked(sum, (usec_t) l * multiplier);
        if (r < 0)
                return r;
        if (*e == '.') {
                r = add_fraction(e + 1, multiplier, sum);
                if (r < 0)
                        return r;
        }

        *p = s;
        return 0;
}

int timespan_parse(const char *s, usec_t default_unit, usec_t *ret) {
        const char *p = s + strspn(s, WHITESPACE);
        bool something = false;
        usec_t sum = 0;
        int r;

        if (default_unit == 0)
                return -EINVAL;

        if (strncmp(p, "infinity", 8) == 0) {
                if (p[8 + strspn(p + 8, WHITESPACE)] != '\0')
                        return -EINVAL;
                *ret = USEC_INFINITY;
                return 0;
        }

        for (;;) {
                p += strspn(p, WHITESPACE);
                if (*p == '\0')
                        break;
                r = parse_term(&p, default_unit, &sum);
                if (r < 0)
                        return r;
                something = true;
        }
        if (!something)
                return -EINVAL;

        *ret = sum;
        return 0;
}

/* Largest unit first; "month" is spelled out because "M" would be unreadable. */
static const struct unit format_units[] = {
        { "y", USEC_PER_YEAR },  { "month", USEC_PER_MONTH }, { "w", USEC_PER_WEEK },
        { "d", USEC_PER_DAY },   { "h", USEC_PER_HOUR },      { "min", USEC_PER_MINUTE },
        { "s", USEC_PER_SEC },   { "ms", USEC_PER_MSEC },     { "us", 1 },
};

static unsigned decimal_digits_below(usec_t unit) {
        unsigned j = 0;

        for (; unit > 1; unit /= 10)
                j++;
        return j;
}

/* Appends one component; returns the part of t still to print. */
static usec_t format_component(char **p, size_t *left, bool first, usec_t t, const struct unit *u) {
        usec_t a = t / u->usec, b = t % u->usec, rest = b;
        unsigned j = decimal_digits_below(u->usec);
        int k;

        /* Below a minute a remainder is shown as a decimal fraction of this unit
         * ("1.500000s", "1.500ms") and ends the output; at accuracy 1us nothing is cut. */
        if (t < USEC_PER_MINUTE && b > 0 && j > 0) {
                k = snprintf(*p, *left, "%s%llu.%0*llu%s", first ? "" : " ", (unsigned long long) a,
                             (int) j, (unsigned long long) b, u->name);
                rest = 0;
        } else
                k = snprintf(*p, *left, "%s%llu%s", first ? "" : " ", (unsigned long long) a, u->name);

        if (k < 0)
                k = 0;
        if ((size_t) k >= *left)
                k = (int) *left - 1; /* truncated: stay on the terminating NUL */
        *p += k;
        *left -= (size_t) k;
        return rest;
}

char *timespan_format(char *buf, size_t len, usec_t t) {
        char *p = buf;
        size_t left = len;

        if (len == 0)
                return buf;
        if (t == USEC_INFINITY || t == 0) {
                snprintf(buf, len, "%s", t == 0 ? "0" : "infinity");
                return buf;
        }

        *p = '\0';
        for (size_t i = 0; i < sizeof(format_units) / sizeof(format_units[0]) && t > 0; i++) {
                if (t < format_units[i].usec)
                        continue;
                if (left <= 1)
                        break;
                t = format_component(&p, &left, p == buf, t, &format_units[i]);
        }
        return buf;
}
