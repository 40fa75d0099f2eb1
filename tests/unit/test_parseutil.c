/* SPDX-License-Identifier: MIT */
/* Expected values are systemd 252's, seen with StartLimitBurst= in a real user manager. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <limits.h>
#include <cmocka.h>

#include "parseutil.h"

static unsigned long long parsed(const char *s, unsigned long long max) {
        unsigned long long v = 12345;

        assert_int_equal(parse_unsigned(s, max, &v), 0);
        return v;
}

static void assert_refused(const char *s, unsigned long long max, int error) {
        unsigned long long v = 12345;

        assert_int_equal(parse_unsigned(s, max, &v), error);
        assert_int_equal(v, 12345);
}

static void test_decimal(void **state) {
        assert_int_equal(parsed("0", UINT_MAX), 0);
        assert_int_equal(parsed("5", UINT_MAX), 5);
        assert_int_equal(parsed("+5", UINT_MAX), 5);
        assert_int_equal(parsed("4294967295", UINT_MAX), 4294967295ULL);
}

static void test_prefixes_as_systemd(void **state) {
        assert_int_equal(parsed("0x10", UINT_MAX), 16);
        assert_int_equal(parsed("0X1f", UINT_MAX), 31);
        assert_int_equal(parsed("010", UINT_MAX), 8);
        assert_int_equal(parsed("00", UINT_MAX), 0);
        assert_int_equal(parsed("0o7", UINT_MAX), 7);
        assert_int_equal(parsed("0b101", UINT_MAX), 5);
        assert_int_equal(parsed("0B11", UINT_MAX), 3);
        assert_int_equal(parsed("-0", UINT_MAX), 0);
}

static void test_garbage_is_einval(void **state) {
        const char *bad[] = { "", "-", "+", "0x", "0b", "0o", "078", "0b2", "5x", "1 2", " 5",
                              "1e1", "1_0", "0x1g", "+-1", "five" };

        for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
                assert_refused(bad[i], UINT_MAX, -EINVAL);
}

static void test_out_of_range_is_erange(void **state) {
        assert_refused("4294967296", UINT_MAX, -ERANGE);
        assert_refused("0x100000000", UINT_MAX, -ERANGE);
        assert_refused("-1", UINT_MAX, -ERANGE);
        assert_refused("256", 255, -ERANGE);
        assert_refused("99999999999999999999999", ULLONG_MAX, -ERANGE);
        assert_int_equal(parsed("255", 255), 255);
}

static void test_boolean(void **state) {
        const char *yes[] = { "1", "yes", "YES", "y", "true", "True", "t", "on" };
        const char *no[] = { "0", "no", "n", "false", "FALSE", "f", "off", "Off" };
        const char *bad[] = { "", "2", "yess", "enable", "nope", " yes" };

        for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
                assert_int_equal(parse_boolean(yes[i]), 1);
        for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
                assert_int_equal(parse_boolean(no[i]), 0);
        for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
                assert_int_equal(parse_boolean(bad[i]), -EINVAL);
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_decimal),
                cmocka_unit_test(test_prefixes_as_systemd),
                cmocka_unit_test(test_garbage_is_einval),
                cmocka_unit_test(test_out_of_range_is_erange),
                cmocka_unit_test(test_boolean),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
