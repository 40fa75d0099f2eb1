/* SPDX-License-Identifier: MIT */
/* See parseutil.h. */
#include <errno.h>
#include <strings.h>

#include "parseutil.h"

static unsigned base_of(const char **s) {
        const char *p = *s;

        if (p[0] != '0')
                return 10;
        switch (p[1]) {
        case 'x': case 'X': *s = p + 2; return 16;
        case 'o': case 'O': *s = p + 2; return 8;
        case 'b': case 'B': *s = p + 2; return 2;
        default:            *s = p + 1; return 8;   /* C octal; "0" alone leaves no digit */
        }
}

static int digit_value(char c) {
        if (c >= '0' && c <= '9')
                return c - '0';
        if (c >= 'a' && c <= 'f')
                return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
                return c - 'A' + 10;
        return 99;
}

int parse_unsigned(const char *s, unsigned long long max, unsigned long long *ret) {
        unsigned long long v = 0;
        bool negative = *s == '-', lone_zero;
        unsigned base;

        if (*s == '+' || *s == '-')
                s++;
        lone_zero = s[0] == '0' && s[1] == 0;
        base = base_of(&s);
        if (!*s && !lone_zero)
                return -EINVAL;
        for (; *s; s++) {
                unsigned d = (unsigned) digit_value(*s);
                if (d >= base)
                        return -EINVAL;
                if (d > max || v > (max - d) / base)
                        return -ERANGE;
                v = v * base + d;
        }
        if (negative && v != 0)
                return -ERANGE;
        *ret = v;
        return 0;
}

int parse_boolean(const char *s) {
        static const char *const yes[] = { "1", "yes", "y", "true", "t", "on" };
        static const char *const no[] = { "0", "no", "n", "false", "f", "off" };

        for (unsigned i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
                if (strcasecmp(s, yes[i]) == 0)
                        return 1;
                if (strcasecmp(s, no[i]) == 0)
                        return 0;
        }
        return -EINVAL;
}
