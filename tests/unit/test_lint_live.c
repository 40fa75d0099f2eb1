/* SPDX-License-Identifier: MIT */
/* What the live rules decide from the manager's answers, and which profile a unit runs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "bus.h"
#include "hermes/unitref.h"
#include "live.h"
#include "liveutil.h"

static struct live_unit unit(const char *active, const char *sub, unsigned n_restarts) {
        return (struct live_unit) {
                .active_state = (char *) active, .sub_state = (char *) sub, .result = (char *) "exit-code",
                .n_restarts = n_restarts, .restart_usec = 10 * USEC_PER_SEC,
                .start_limit_interval = 600 * USEC_PER_SEC, .start_limit_burst = 5,
        };
}

static void test_auto_restart_after_a_restart_is_a_loop(void **state) {
        struct live_unit u = unit("activating", "auto-restart", 3);

        assert_true(live_restarting(&u));
        u.n_restarts = 0;
        assert_false(live_restarting(&u));
}

static void test_running_again_shortly_after_a_restart_is_a_loop(void **state) {
        struct live_unit u = unit("active", "running", 2);

        u.exec_main_start = bus_deadline(0) - 5 * USEC_PER_SEC;
        assert_true(live_restarting(&u));
        u.exec_main_start = bus_deadline(0) - 2 * LIVE_SETTLED_USEC;   /* settled long ago */
        assert_false(live_restarting(&u));
}

static void test_failed_is_no_loop(void **state) {
        struct live_unit u = unit("failed", "failed", 5);

        assert_false(live_restarting(&u));
        assert_true(live_hit_start_limit(&u));    /* 252: Result=exit-code, NRestarts = burst */
        u.n_restarts = 1;
        assert_false(live_hit_start_limit(&u));   /* failed, but not by the limit */
        u.result = (char *) "start-limit-hit";
        assert_true(live_hit_start_limit(&u));
}

static void test_start_limit_words(void **state) {
        struct live_unit u = unit("activating", "auto-restart", 1);
        char msg[256], brief[64];

        live_start_limit_words(&u, msg, brief);
        assert_string_equal(brief, "start limit stops it after 5");
        u.start_limit_interval = 0;
        live_start_limit_words(&u, msg, brief);
        assert_string_equal(brief, "no start limit");
        u.start_limit_interval = 50 * USEC_PER_SEC;      /* 5 x 10s >= 50s */
        live_start_limit_words(&u, msg, brief);
        assert_string_equal(brief, "start limit never trips");
}

static void test_last_exit(void **state) {
        struct live_unit u = unit("failed", "failed", 0);
        char buf[32];

        assert_string_equal(live_last_exit(&u, buf), "-");
        u.exec_main_code = LIVE_EXITED;
        u.exec_main_status = 78;
        assert_string_equal(live_last_exit(&u, buf), "78");
        assert_true(live_exited_with(&u, 78));
        u.exec_main_code = LIVE_KILLED;
        u.exec_main_status = 9;
        assert_string_equal(live_last_exit(&u, buf), "SIGKILL");
        assert_false(live_exited_with(&u, 9));
}

static void test_home_profile(void **state) {
        char *p;

        assert_string_equal((p = home_profile("/h/.hermes", "/h/.hermes")), "default");
        free(p);
        assert_string_equal((p = home_profile("/h/.hermes", "/h/.hermes/")), "default");
        free(p);
        assert_string_equal((p = home_profile("/h/.hermes", "/h/.hermes/profiles/work/")), "work");
        free(p);
        assert_null(home_profile("/h/.hermes", "/srv/hermes-lab"));
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_auto_restart_after_a_restart_is_a_loop),
                cmocka_unit_test(test_running_again_shortly_after_a_restart_is_a_loop),
                cmocka_unit_test(test_failed_is_no_loop),
                cmocka_unit_test(test_start_limit_words),
                cmocka_unit_test(test_last_exit),
                cmocka_unit_test(test_home_profile),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
