/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "timespan.h"

struct oracle_case {
        const char *input;
        int error;          /* 0, -EINVAL or -ERANGE */
        usec_t usec;        /* parse_sec() result when error == 0 */
        const char *human;  /* format_timespan(usec, accuracy 1) when error == 0 */
};

/*
 * Every row was obtained from systemd 252 (252.39-1~deb12u2) by
 * `systemd-analyze timespan -- "<input>"`: its "μs:" line is parse_sec() and its
 * "Human:" line is format_timespan() at accuracy 1, the same call `systemctl show`
 * makes for *USec properties. tests/unit/timespan-oracle.sh regenerates the rows
 * and `timespan-oracle.sh --check` compares them with the installed systemd.
 */
static const struct oracle_case oracle[] = {
/* ORACLE-BEGIN */
        { "0", 0, 0ULL, "0" },
        { "1us", 0, 1ULL, "1us" },
        { "1usec", 0, 1ULL, "1us" },
        { "1μs", 0, 1ULL, "1us" },
        { "1µs", 0, 1ULL, "1us" },
        { "1500us", 0, 1500ULL, "1.500ms" },
        { "1ms", 0, 1000ULL, "1ms" },
        { "1msec", 0, 1000ULL, "1ms" },
        { "100ms", 0, 100000ULL, "100ms" },
        { "1.5ms", 0, 1500ULL, "1.500ms" },
        { "1s", 0, 1000000ULL, "1s" },
        { "1sec", 0, 1000000ULL, "1s" },
        { "1second", 0, 1000000ULL, "1s" },
        { "1seconds", 0, 1000000ULL, "1s" },
        { "5", 0, 5000000ULL, "5s" },
        { "+5", 0, 5000000ULL, "5s" },
        { "010", 0, 10000000ULL, "10s" },
        { "1.5", 0, 1500000ULL, "1.500000s" },
        { ".5s", 0, 500000ULL, "500ms" },
        { "0.000001", 0, 1ULL, "1us" },
        { "0.0000001s", 0, 0ULL, "0" },
        { "1.0000009s", 0, 1000000ULL, "1s" },
        { "1.000001s", 0, 1000001ULL, "1.000001s" },
        { "59.999999s", 0, 59999999ULL, "59.999999s" },
        { "60.5s", 0, 60500000ULL, "1min 500ms" },
        { "1.5s", 0, 1500000ULL, "1.500000s" },
        { "3.0000005s", 0, 3000000ULL, "3s" },
        { "1m", 0, 60000000ULL, "1min" },
        { "1min", 0, 60000000ULL, "1min" },
        { "1minute", 0, 60000000ULL, "1min" },
        { "1minutes", 0, 60000000ULL, "1min" },
        { "1.5 min", 0, 90000000ULL, "1min 30s" },
        { "1min 30s", 0, 90000000ULL, "1min 30s" },
        { "1 min30s", 0, 90000000ULL, "1min 30s" },
        { "1min30s", 0, 90000000ULL, "1min 30s" },
        { " 1min 30s ", 0, 90000000ULL, "1min 30s" },
        { "\t5", 0, 5000000ULL, "5s" },
        { "5 s", 0, 5000000ULL, "5s" },
        { "5 .5", 0, 5500000ULL, "5.500000s" },
        { "1 2", 0, 3000000ULL, "3s" },
        { "1s1s", 0, 2000000ULL, "2s" },
        { "1 s 2 ms", 0, 1002000ULL, "1.002000s" },
        { "61min", 0, 3660000000ULL, "1h 1min" },
        { "1h", 0, 3600000000ULL, "1h" },
        { "1hr", 0, 3600000000ULL, "1h" },
        { "1hour", 0, 3600000000ULL, "1h" },
        { "2hours", 0, 7200000000ULL, "2h" },
        { "1h 2min 3.004s", 0, 3723004000ULL, "1h 2min 3.004000s" },
        { "25h", 0, 90000000000ULL, "1d 1h" },
        { "1d", 0, 86400000000ULL, "1d" },
        { "1day", 0, 86400000000ULL, "1d" },
        { "2days", 0, 172800000000ULL, "2d" },
        { "8d", 0, 691200000000ULL, "1w 1d" },
        { "30d", 0, 2592000000000ULL, "4w 2d" },
        { "31d", 0, 2678400000000ULL, "1month 13h 30min" },
        { "35d", 0, 3024000000000ULL, "1month 4d 13h 30min" },
        { "366d", 0, 31622400000000ULL, "1y 18h" },
        { "1w", 0, 604800000000ULL, "1w" },
        { "1week", 0, 604800000000ULL, "1w" },
        { "4weeks", 0, 2419200000000ULL, "4w" },
        { "1M", 0, 2629800000000ULL, "1month" },
        { "1month", 0, 2629800000000ULL, "1month" },
        { "3months", 0, 7889400000000ULL, "3month" },
        { "1.5M", 0, 3944700000000ULL, "1month 2w 1d 5h 15min" },
        { "1y", 0, 31557600000000ULL, "1y" },
        { "1year", 0, 31557600000000ULL, "1y" },
        { "2 years", 0, 63115200000000ULL, "2y" },
        { "0.5y", 0, 15778800000000ULL, "6month" },
        { "1y 1M", 0, 34187400000000ULL, "1y 1month" },
        { "infinity", 0, 18446744073709551615ULL, "infinity" },
        { " infinity ", 0, 18446744073709551615ULL, "infinity" },
        { "infinityx", -EINVAL, 0, NULL },
        { "1 infinity", -EINVAL, 0, NULL },
        { "584541y", 0, 18446711061600000000ULL, "584541y" },
        { "584542y", -ERANGE, 0, NULL },
        { "7014503M", 0, 18446739989400000000ULL, "584541y 11month" },
        { "7014504M", -ERANGE, 0, NULL },
        { "213503981d", 0, 18446743958400000000ULL, "584542y 2w 1d 12h" },
        { "213503982d", -ERANGE, 0, NULL },
        { "213503981d 1d", 0, 18446744044800000000ULL, "584542y 2w 2d 12h" },
        { "18446744073708s", 0, 18446744073708000000ULL, "584542y 2w 2d 20h 1min 48s" },
        { "18446744073709s", -ERANGE, 0, NULL },
        { "18446744073708.9s", 0, 18446744073708900000ULL, "584542y 2w 2d 20h 1min 48.900000s" },
        { "18446744073708s 551614us", 0, 18446744073708551614ULL, "584542y 2w 2d 20h 1min 48.551614s" },
        { "18446744073709s 551614us", -ERANGE, 0, NULL },
        { "9223372036854775807us", 0, 9223372036854775807ULL, "292271y 1w 1d 10h 54.775807s" },
        { "584542y 2w 2d 20h 1min 49.551614s", -ERANGE, 0, NULL },
        { "9223372036854775808us", -ERANGE, 0, NULL },
        { "99999999999999999999", -ERANGE, 0, NULL },
        { "", -EINVAL, 0, NULL },
        { " ", -EINVAL, 0, NULL },
        { "\t", -EINVAL, 0, NULL },
        { "-1", -ERANGE, 0, NULL },
        { "-0", -ERANGE, 0, NULL },
        { "1 -1", -ERANGE, 0, NULL },
        { "+-5", -EINVAL, 0, NULL },
        { "1x", -EINVAL, 0, NULL },
        { "1.2.3s", -EINVAL, 0, NULL },
        { "1..5", -EINVAL, 0, NULL },
        { ".", -EINVAL, 0, NULL },
        { "5.s", -EINVAL, 0, NULL },
        { "1. 5", -EINVAL, 0, NULL },
        { "s", -EINVAL, 0, NULL },
        { "5 x", -EINVAL, 0, NULL },
        { "1mo", -EINVAL, 0, NULL },
        { "1mins", -EINVAL, 0, NULL },
        { "1secs", -EINVAL, 0, NULL },
        { "1S", -EINVAL, 0, NULL },
        { "1H", -EINVAL, 0, NULL },
        { "1Min", -EINVAL, 0, NULL },
        { "1,5s", -EINVAL, 0, NULL },
        { "1e3", -EINVAL, 0, NULL },
        { "0x10", -EINVAL, 0, NULL },
/* ORACLE-END */
};

static void test_parse_matches_systemd_analyze(void **state) {
        for (size_t i = 0; i < sizeof(oracle) / sizeof(oracle[0]); i++) {
                const struct oracle_case *c = &oracle[i];
                usec_t t = 4242;
                int r = timespan_parse(c->input, USEC_PER_SEC, &t);

                if (r != c->error || (r == 0 && t != c->usec))
                        fail_msg("\"%s\": got r=%d t=%llu, systemd says r=%d t=%llu", c->input, r,
                                 (unsigned long long) t, c->error, (unsigned long long) c->usec);
                if (r < 0)
                        assert_int_equal(t, 4242); /* *ret untouched on error */
        }
}

static void test_format_matches_systemd_analyze(void **state) {
        for (size_t i = 0; i < sizeof(oracle) / sizeof(oracle[0]); i++) {
                char buf[TIMESPAN_MAX];

                if (oracle[i].error != 0)
                        continue;
                assert_string_equal(timespan_format(buf, sizeof(buf), oracle[i].usec), oracle[i].human);
        }
}

/*
 * The values docs/systemd-notes.md ("Time spans") quotes from `systemctl show`, and these seen with
 * `systemctl --user show` of a real systemd 252 user manager (a unit with
 * RestartSec=1.5s, TimeoutStartSec=1h 2min 3.004s, TimeoutStopSec=1500us,
 * RuntimeMaxSec=35d): the same text as systemd-analyze's "Human:" line.
 */
static void test_format_as_systemctl_show(void **state) {
        char buf[TIMESPAN_MAX];

        assert_string_equal(timespan_format(buf, sizeof(buf), 1500 * USEC_PER_MSEC), "1.500000s");
        assert_string_equal(timespan_format(buf, sizeof(buf), 1500), "1.500ms");
        assert_string_equal(timespan_format(buf, sizeof(buf), 35 * 24 * 60 * USEC_PER_MINUTE),
                            "1month 4d 13h 30min");

        assert_string_equal(timespan_format(buf, sizeof(buf), 0), "0");
        assert_string_equal(timespan_format(buf, sizeof(buf), 100 * USEC_PER_MSEC), "100ms");
        assert_string_equal(timespan_format(buf, sizeof(buf), 90 * USEC_PER_SEC), "1min 30s");
        assert_string_equal(timespan_format(buf, sizeof(buf), 3723004000ULL), "1h 2min 3.004000s");
        assert_string_equal(timespan_format(buf, sizeof(buf), USEC_INFINITY), "infinity");
        assert_string_equal(timespan_format(buf, sizeof(buf), 10 * USEC_PER_MINUTE), "10min");
}

static void test_format_largest_fits(void **state) {
        char buf[TIMESPAN_MAX];

        /* UINT64_MAX - 1 is the longest text short of "infinity" (35 bytes with the NUL).
         * systemd cannot parse it back ("584542y" alone overflows): see the oracle table. */
        assert_string_equal(timespan_format(buf, sizeof(buf), USEC_INFINITY - 1),
                            "584542y 2w 2d 20h 1min 49.551614s");
}

static void test_format_truncates_safely(void **state) {
        char buf[8];

        memset(buf, 'x', sizeof(buf));
        assert_ptr_equal(timespan_format(buf, 6, 3723004000ULL), buf);
        assert_string_equal(buf, "1h 2m");
        assert_int_equal(buf[6], 'x');

        assert_string_equal(timespan_format(buf, 4, USEC_INFINITY), "inf");
        assert_string_equal(timespan_format(buf, 1, 5), "");
}

static void test_format_round_trips(void **state) {
        const usec_t values[] = { 1, 999, 1001, 59999999, 60000001, 86399999999ULL,
                                  31557600000001ULL, USEC_INFINITY - 2000000000000ULL };

        for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
                char buf[TIMESPAN_MAX];
                usec_t t = 0;

                assert_int_equal(timespan_parse(timespan_format(buf, sizeof(buf), values[i]),
                                                USEC_PER_SEC, &t), 0);
                assert_int_equal(t, values[i]);
        }
}

static void test_default_unit_applies_to_bare_numbers(void **state) {
        usec_t t = 0;

        assert_int_equal(timespan_parse("5", USEC_PER_MSEC, &t), 0);
        assert_int_equal(t, 5 * USEC_PER_MSEC);
        assert_int_equal(timespan_parse("1.5", USEC_PER_MINUTE, &t), 0);
        assert_int_equal(t, 90 * USEC_PER_SEC);
        assert_int_equal(timespan_parse("5 1s", 1, &t), 0);
        assert_int_equal(t, USEC_PER_SEC + 5);
        t = 7;
        assert_int_equal(timespan_parse("5", 0, &t), -EINVAL);
        assert_int_equal(t, 7);
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_parse_matches_systemd_analyze),
                cmocka_unit_test(test_format_matches_systemd_analyze),
                cmocka_unit_test(test_format_as_systemctl_show),
                cmocka_unit_test(test_format_largest_fits),
                cmocka_unit_test(test_format_truncates_safely),
                cmocka_unit_test(test_format_round_trips),
                cmocka_unit_test(test_default_unit_applies_to_bare_numbers),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
