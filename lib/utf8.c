/* SPDX-License-Identifier: MIT */
/* See utf8.h. */
#include "utf8.h"

size_t utf8_decode(const char *text, size_t n, uint32_t *ret_cp) {
        const unsigned char *s = (const unsigned char *) text;
        unsigned char lo = 0x80, hi = 0xbf;     /* the second byte's range */
        size_t len;
        uint32_t cp;

        if (n == 0)
                return 0;
        if (s[0] < 0x80)
                len = 1, cp = s[0];
        else if (s[0] >= 0xc2 && s[0] <= 0xdf)
                len = 2, cp = s[0] & 0x1f;
        else if (s[0] >= 0xe0 && s[0] <= 0xef) {
                len = 3, cp = s[0] & 0x0f;
                if (s[0] == 0xe0)
                        lo = 0xa0;      /* overlong */
                else if (s[0] == 0xed)
                        hi = 0x9f;      /* surrogates */
        } else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
                len = 4, cp = s[0] & 0x07;
                if (s[0] == 0xf0)
                        lo = 0x90;      /* overlong */
                else if (s[0] == 0xf4)
                        hi = 0x8f;      /* above U+10FFFF */
        } else
                return 0;
        if (n < len)
                return 0;
        for (size_t k = 1; k < len; k++) {
                if (s[k] < lo || s[k] > hi)
                        return 0;
                cp = cp << 6 | (s[k] & 0x3f);
                lo = 0x80, hi = 0xbf;
        }
        if (ret_cp)
                *ret_cp = cp;
        return len;
}

bool unichar_is_noncharacter(uint32_t cp) {
        return (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) == 0xfffe;
}

size_t utf8_cut(const char *s, size_t n, size_t max) {
        if (n <= max)
                return n;
        while (max > 0 && ((unsigned char) s[max] & 0xc0) == 0x80)
                max--;
        return max;
}
