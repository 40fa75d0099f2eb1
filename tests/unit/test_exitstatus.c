/* SPDX-License-Identifier: MIT */
/* Expected values are systemd 252's, seen with RestartPreventExitStatus= in a real
 * user manager (`systemctl --user show -p RestartPreventExitStatus`). */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "exitstatus.h"

static void test_numbers(void **state) {
        assert_int_equal(exit_status_from_string("0"), 0);
        assert_int_equal(exit_status_from_string("78"), 78);
        assert_int_equal(exit_status_from_string("255"), 255);
        assert_int_equal(exit_status_from_string("+78"), 78);
        assert_int_equal(exit_status_from_string("0x4e"), 78);
        assert_int_equal(exit_status_from_string("9"), 9);   /* a number is a status, not SIGKILL */
}

static void test_names(void **state) {
        assert_int_equal(exit_status_from_string("SUCCESS"), 0);
        assert_int_equal(exit_status_from_string("NOTRUNNING"), 7);
        assert_int_equal(exit_status_from_string("USAGE"), 64);
        assert_int_equal(exit_status_from_string("TEMPFAIL"), 75);
        assert_int_equal(exit_status_from_string("CONFIG"), 78);
        /* systemd's own names count too (seen: "CHDIR" shows as 200). */
        assert_int_equal(exit_status_from_string("CHDIR"), 200);
        assert_int_equal(exit_status_from_string("PAM"), 224);
        assert_int_equal(exit_status_from_string("BPF"), 244);
        assert_int_equal(exit_status_from_string("EXCEPTION"), 255);
        assert_int_equal(exit_status_from_string("chdir"), -EINVAL);
}

static void test_bad_statuses(void **state) {
        const char *bad[] = { "256", "-1", "078", "1e1", "78,79", "success", "'78'", "", "KILL" };

        for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
                assert_int_equal(exit_status_from_string(bad[i]), -EINVAL);
}

static void test_signal_names(void **state) {
        assert_int_equal(signal_from_string("SIGKILL"), SIGKILL);
        assert_int_equal(signal_from_string("KILL"), SIGKILL);
        assert_int_equal(signal_from_string("SIGHUP"), SIGHUP);
        assert_int_equal(signal_from_string("STKFLT"), SIGSTKFLT);
        assert_int_equal(signal_from_string("SIGIO"), SIGIO);
        assert_int_equal(signal_from_string("SIGSYS"), SIGSYS);
}

static void test_realtime_signals(void **state) {
        assert_int_equal(signal_from_string("RTMIN"), SIGRTMIN);
        assert_int_equal(signal_from_string("SIGRTMIN+0"), SIGRTMIN);
        assert_int_equal(signal_from_string("RTMIN+3"), SIGRTMIN + 3);
        assert_int_equal(signal_from_string("RTMIN+007"), SIGRTMIN + 7);
        assert_int_equal(signal_from_string("SIGRTMAX"), SIGRTMAX);
        assert_int_equal(signal_from_string("RTMAX-1"), SIGRTMAX - 1);
        assert_int_equal(signal_from_string("SIGRTMAX-30"), SIGRTMAX - 30);
}

static void test_bad_signals(void **state) {
        const char *bad[] = { "kill", "sigkill", "SIGFOO", "SIG", "SIGPOLL", "SIGIOT", "SIGCLD",
                              "SIGUNUSED", "SIGRTMIN+31", "RTMIN+", "RTMIN+-1", "RTMAX+0",
                              "RTMAX-31", "SIGRTMIN-1", "9", "" };

        for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
                assert_int_equal(signal_from_string(bad[i]), -EINVAL);
}

static void test_signal_to_string_as_systemctl_show(void **state) {
        char buf[SIGNAL_NAME_MAX];

        assert_string_equal(signal_to_string(SIGKILL, buf, sizeof(buf)), "KILL");
        assert_string_equal(signal_to_string(SIGSTKFLT, buf, sizeof(buf)), "STKFLT");
        assert_string_equal(signal_to_string(SIGRTMIN, buf, sizeof(buf)), "RTMIN+0");
        assert_string_equal(signal_to_string(SIGRTMAX, buf, sizeof(buf)), "RTMIN+30");
        assert_null(signal_to_string(0, buf, sizeof(buf)));
        assert_null(signal_to_string(SIGRTMAX + 1, buf, sizeof(buf)));
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_numbers),
                cmocka_unit_test(test_names),
                cmocka_unit_test(test_bad_statuses),
                cmocka_unit_test(test_signal_names),
                cmocka_unit_test(test_realtime_signals),
                cmocka_unit_test(test_bad_signals),
                cmocka_unit_test(test_signal_to_string_as_systemctl_show),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
