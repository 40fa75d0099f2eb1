/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * UTF-8, the one decoder the parsers, the sanitizer and the JSON writer share.
 * Well-formed means Unicode's table 3-7 (what Python's and systemd's decoders
 * accept): no overlong forms, no surrogates U+D800..U+DFFF, nothing above U+10FFFF.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * The well-formed sequence that s[0..n) starts with: returns its length (1 for any
 * byte below 0x80, NUL too; up to 4) and puts its code point in *ret_cp (when
 * ret_cp is not NULL). Returns 0, *ret_cp untouched, when s[0..n) does not start
 * with one: a stray continuation byte, a lead byte C0, C1 or F5..FF, a sequence cut
 * short by n, an overlong form, a surrogate, or a code point above U+10FFFF.
 */
size_t utf8_decode(const char *s, size_t n, uint32_t *ret_cp);

/*
 * The Unicode noncharacters U+FDD0..U+FDEF and U+xFFFE, U+xFFFF: well-formed, but
 * systemd's utf8_is_valid() refuses them in a unit file.
 */
bool unichar_is_noncharacter(uint32_t cp);

/*
 * The length of s[0..n) cut to at most max bytes without ending inside a
 * sequence: n itself when n <= max, else max moved back to the start of the
 * sequence it falls in (over continuation bytes only, so malformed text is cut
 * too).
 */
size_t utf8_cut(const char *s, size_t n, size_t max);
