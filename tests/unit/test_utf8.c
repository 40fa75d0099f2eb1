/* SPDX-License-Identifier: MIT */
/* utf8: the one decoder behind json.c, sanitize.c, unitfile.c and the JSON writer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "utf8.h"

static void assert_decodes(const char *s, size_t want_len, uint32_t want_cp) {
        uint32_t cp = 0xdeadbeef;

        assert_int_equal(utf8_decode(s, strlen(s), &cp), want_len);
        assert_int_equal(cp, want_cp);
}

static void assert_refused(const char *s, size_t n) {
        uint32_t cp = 0xdeadbeef;

        assert_int_equal(utf8_decode(s, n, &cp), 0);
        assert_int_equal(cp, 0xdeadbeef);       /* untouched */
}

/* Each length at both ends of its range (Unicode table 3-7). */
static void test_well_formed_boundaries(void **state) {
        assert_decodes("A", 1, 'A');
        assert_decodes("\x7f", 1, 0x7f);
        assert_decodes("\xc2\x80", 2, 0x80);
        assert_decodes("\xdf\xbf", 2, 0x7ff);
        assert_decodes("\xe0\xa0\x80", 3, 0x800);
        assert_decodes("\xed\x9f\xbf", 3, 0xd7ff);
        assert_decodes("\xee\x80\x80", 3, 0xe000);
        assert_decodes("\xef\xbf\xbf", 3, 0xffff);      /* a noncharacter, yet well-formed */
        assert_decodes("\xf0\x90\x80\x80", 4, 0x10000);
        assert_decodes("\xf4\x8f\xbf\xbf", 4, 0x10ffff);
        assert_int_equal(utf8_decode("\0", 1, NULL), 1);        /* NUL is a character */
        assert_int_equal(utf8_decode("\xc3\xa9xyz", 5, NULL), 2); /* only the first */
}

/* What the old copies all refused (an exhaustive run over every 3-byte prefix with
 * eleven fourth bytes found them in agreement). */
static void test_refused(void **state) {
        assert_refused("", 0);
        assert_refused("\x80", 1);                      /* stray continuation */
        assert_refused("\xbf", 1);
        assert_refused("\xc0\x80", 2);                  /* overlong NUL */
        assert_refused("\xc1\xbf", 2);
        assert_refused("\xe0\x9f\xbf", 3);              /* overlong 3-byte */
        assert_refused("\xf0\x8f\xbf\xbf", 4);          /* overlong 4-byte */
        assert_refused("\xed\xa0\x80", 3);              /* surrogate U+D800 */
        assert_refused("\xed\xbf\xbf", 3);              /* surrogate U+DFFF */
        assert_refused("\xf4\x90\x80\x80", 4);          /* U+110000 */
        assert_refused("\xf5\x80\x80\x80", 4);
        assert_refused("\xff", 1);
        assert_refused("\xc3\x28", 2);                  /* second byte no continuation */
        assert_refused("\xe2\x82\x28", 3);              /* third byte no continuation */
        assert_refused("\xe2\x82\xac", 2);              /* cut short by n */
        assert_refused("\xf0\x9f\x98", 3);
}

/* unitfile.c refuses these on top (systemd's utf8_is_valid()). */
static void test_noncharacters(void **state) {
        assert_true(unichar_is_noncharacter(0xfdd0));
        assert_true(unichar_is_noncharacter(0xfdef));
        assert_true(unichar_is_noncharacter(0xfffe));
        assert_true(unichar_is_noncharacter(0xffff));
        assert_true(unichar_is_noncharacter(0x1fffe));
        assert_true(unichar_is_noncharacter(0x10ffff));
        assert_false(unichar_is_noncharacter(0xfdcf));
        assert_false(unichar_is_noncharacter(0xfdf0));
        assert_false(unichar_is_noncharacter(0xfffd));
        assert_false(unichar_is_noncharacter('A'));
}

/* snippet.c and cron.c's job names: cut at max, never inside a sequence. */
static void test_cut(void **state) {
        const char *euro = "ab\xe2\x82\xac" "cd";      /* a b EURO c d */

        assert_int_equal(utf8_cut(euro, 7, 100), 7);   /* short enough: whole */
        assert_int_equal(utf8_cut(euro, 7, 7), 7);
        assert_int_equal(utf8_cut(euro, 7, 5), 5);     /* after the euro sign */
        assert_int_equal(utf8_cut(euro, 7, 4), 2);     /* inside it: before it */
        assert_int_equal(utf8_cut(euro, 7, 3), 2);
        assert_int_equal(utf8_cut(euro, 7, 2), 2);
        assert_int_equal(utf8_cut("\x80\x80\x80", 3, 2), 0);   /* malformed: cut back to 0 */
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_well_formed_boundaries),
                cmocka_unit_test(test_refused),
                cmocka_unit_test(test_noncharacters),
                cmocka_unit_test(test_cut),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
