/* SPDX-License-Identifier: MIT */
/* Hermes profile names and their gateway units, both ways. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "hermesname.h"

static void assert_profile_of(const char *unit, const char *profile) {
        char *p = NULL;

        assert_int_equal(hermes_unit_profile(unit, &p), 0);
        assert_string_equal(p, profile);
        free(p);
}

static void test_profile_to_unit_and_back(void **state) {
        static const char *const profiles[] = { "default", "work", "a-1_b", "0" };

        for (size_t i = 0; i < sizeof(profiles) / sizeof(profiles[0]); i++) {
                char *unit = hermes_profile_unit(profiles[i]);
                assert_non_null(unit);
                assert_true(hermes_unit_is_gateway(unit));
                assert_profile_of(unit, profiles[i]);
                free(unit);
        }
}

static void test_unit_spellings(void **state) {
        char *p = NULL;

        assert_profile_of("hermes.service", "default");         /* older installs */
        assert_profile_of("hermes-gateway", "default");
        assert_profile_of("hermes-gateway-work", "work");
        assert_int_equal(hermes_unit_profile("hermes-gateway-Work.service", &p), -EINVAL);
        assert_int_equal(hermes_unit_profile("nginx.service", &p), -EINVAL);
        assert_int_equal(hermes_unit_profile("hermes-gateway-.service", &p), -EINVAL);
        assert_null(p);
        assert_false(hermes_unit_is_gateway("hermes-gateway@work.service"));   /* Hermes writes no templates */
        assert_false(hermes_unit_is_gateway("hermes-gateway.socket"));
        assert_false(hermes_unit_is_gateway("hermes-agent.service"));
}

/* What the old copies (unitref.c unit_name_profile(), cron_scan.c unit_profile(),
 * stockunit.c stock_unit_applies(), rulesupport.c hermes_unit_of()) decided on
 * their own, now here once. */
static void test_names_no_profile_can_have(void **state) {
        char *p = NULL, long_name[128];

        assert_profile_of("hermes-gateway-coder.service", "coder");
        assert_profile_of("hermes-gateway-default.service", "default");
        assert_int_equal(hermes_unit_profile("hermes-gateway@work.service", &p), -EINVAL);
        assert_int_equal(hermes_unit_profile("hermes-gateway-a.b.service", &p), -EINVAL);
        assert_int_equal(hermes_unit_profile("hermes-gateway-work.socket", &p), -EINVAL);
        assert_int_equal(hermes_unit_profile("hermes-gateway-_x.service", &p), -EINVAL);
        assert_null(p);
        /* 64 characters is the longest profile name. */
        snprintf(long_name, sizeof(long_name), "hermes-gateway-%064d.service", 0);
        assert_profile_of(long_name, "0000000000000000000000000000000000000000000000000000000000000000");
        snprintf(long_name, sizeof(long_name), "hermes-gateway-%065d.service", 0);
        assert_int_equal(hermes_unit_profile(long_name, &p), -EINVAL);
        /* A gateway's name all the same (the policy matches it, the stock unit applies). */
        assert_true(hermes_unit_is_gateway("hermes-gateway-Work.service"));
        assert_true(hermes_unit_is_gateway(HERMES_LEGACY_UNIT));
        assert_true(hermes_unit_is_gateway(HERMES_DEFAULT_UNIT));
        /* The default profile's unit has no suffix of its name. */
        p = hermes_profile_unit(HERMES_DEFAULT_PROFILE);
        assert_string_equal(p, HERMES_DEFAULT_UNIT);
        free(p);
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_profile_to_unit_and_back),
                cmocka_unit_test(test_unit_spellings),
                cmocka_unit_test(test_names_no_profile_can_have),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
