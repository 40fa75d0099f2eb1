/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "strv.h"
#include "unitname.h"

static void test_kinds_and_flags(void **state) {
        assert_true(unit_name_is_valid("hermes-gateway.service", UNIT_NAME_PLAIN));
        assert_false(unit_name_is_valid("hermes-gateway.service", UNIT_NAME_TEMPLATE | UNIT_NAME_INSTANCE));
        assert_true(unit_name_is_valid("hermes-gateway@.service", UNIT_NAME_TEMPLATE));
        assert_false(unit_name_is_valid("hermes-gateway@.service", UNIT_NAME_PLAIN | UNIT_NAME_INSTANCE));
        assert_true(unit_name_is_valid("hermes-gateway@work.service", UNIT_NAME_INSTANCE));
        assert_false(unit_name_is_valid("hermes-gateway@work.service", UNIT_NAME_PLAIN | UNIT_NAME_TEMPLATE));
        assert_true(unit_name_is_valid("hermes-gateway@work.service", UNIT_NAME_ANY));
        assert_false(unit_name_is_valid("hermes-gateway.service", 0));
        assert_false(unit_name_is_valid(NULL, UNIT_NAME_ANY));
}

static void test_further_at_signs_belong_to_the_instance(void **state) {
        assert_true(unit_name_is_valid("foo@a@b.service", UNIT_NAME_INSTANCE));
        assert_true(unit_name_is_valid("foo@@.service", UNIT_NAME_INSTANCE));
        assert_false(unit_name_is_valid("@foo.service", UNIT_NAME_ANY));
        assert_false(unit_name_is_valid("@.service", UNIT_NAME_ANY));
}

static void test_every_252_type(void **state) {
        const char *types[] = { "service", "socket", "target", "timer", "path", "mount",
                                "automount", "swap", "slice", "scope", "device" };
        char buf[64];

        for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
                snprintf(buf, sizeof(buf), "a.%s", types[i]);
                assert_true(unit_name_is_valid(buf, UNIT_NAME_PLAIN));
        }
        /* Gone before 252, or never types. */
        assert_false(unit_name_is_valid("a.snapshot", UNIT_NAME_ANY));
        assert_false(unit_name_is_valid("a.busname", UNIT_NAME_ANY));
        assert_false(unit_name_is_valid("a.Service", UNIT_NAME_ANY));
        assert_false(unit_name_is_valid("a.conf", UNIT_NAME_ANY));
}

static void test_bad_names(void **state) {
        const char *bad[] = { "", "service", ".service", "foo", "foo.", "foo bar.service",
                              "foo/bar.service", "f\xc3\xb6o.service", "foo\tx.service",
                              "foo%i.service", "foo.service ", "foo*.service" };

        for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
                if (unit_name_is_valid(bad[i], UNIT_NAME_ANY))
                        fail_msg("\"%s\" accepted", bad[i]);
        /* Every character systemd allows. */
        assert_true(unit_name_is_valid("aZ09:-_.\\x.service", UNIT_NAME_PLAIN));
        assert_true(unit_name_is_valid("a.b.service", UNIT_NAME_PLAIN));
}

static void test_length_limit_includes_suffix(void **state) {
        char name[300];

        memset(name, 'a', sizeof(name));
        strcpy(name + 255 - strlen(".service"), ".service");
        assert_int_equal(strlen(name), 255);
        assert_true(unit_name_is_valid(name, UNIT_NAME_PLAIN));

        memset(name, 'a', sizeof(name));
        strcpy(name + 256 - strlen(".service"), ".service");
        assert_false(unit_name_is_valid(name, UNIT_NAME_PLAIN));
}

static void test_suffix(void **state) {
        const char *n = "hermes-gateway@x.y.timer";

        assert_ptr_equal(unit_name_suffix(n), n + strlen(n) - strlen(".timer"));
        assert_string_equal(unit_name_suffix("a.b.service"), ".service");
        assert_null(unit_name_suffix("hermes-gateway"));
        assert_null(unit_name_suffix("a.service.bak"));
        assert_null(unit_name_suffix("a.conf"));
        assert_null(unit_name_suffix(NULL));
}

static void assert_template(const char *name, const char *expected) {
        char *t = NULL;

        assert_int_equal(unit_name_template(name, &t), 0);
        assert_string_equal(t, expected);
        free(t);
}

static void test_template(void **state) {
        char *t = (char *) "untouched";

        assert_template("hermes-gateway@work.service", "hermes-gateway@.service");
        assert_template("foo@a@b.socket", "foo@.socket");
        assert_template("foo@x.y.service", "foo@.service");
        /* As systemd's unit_name_template(): a template maps to itself. */
        assert_template("foo@.service", "foo@.service");

        assert_int_equal(unit_name_template("hermes-gateway.service", &t), -EINVAL);
        assert_int_equal(unit_name_template("@x.service", &t), -EINVAL);
        assert_int_equal(unit_name_template("foo@x", &t), -EINVAL);
        assert_string_equal(t, "untouched");
}

/* name, then the expected drop-in dir names, NULL-terminated. */
static void assert_dropins(const char *name, ...) {
        char **names = NULL;
        const char *want;
        va_list ap;
        size_t i = 0;

        assert_int_equal(unit_name_dropin_names(name, &names), 0);
        va_start(ap, name);
        while ((want = va_arg(ap, const char *))) {
                if (!names[i] || strcmp(names[i], want) != 0)
                        fail_msg("%s: dir %zu is \"%s\", systemd reads \"%s\"", name, i,
                                 names[i] ? names[i] : "(end)", want);
                i++;
        }
        va_end(ap);
        if (names[i])
                fail_msg("%s: extra dir \"%s\"", name, names[i]);
        strv_free(names);
}

/*
 * Every expected list below is systemd 252's own, obtained with
 * tests/unit/unitname-dropin-oracle.sh: same-named drop-ins in the candidate dirs
 * (plus decoys) and `systemd-analyze --user verify` naming the one that wins,
 * which is the one in the earliest dir; removing it shows the next, and so on.
 */
static void test_dropins_plain_dash_prefixes(void **state) {
        assert_dropins("a-b-c.service", "a-b-c.service", "a-b-.service", "a-.service", "service", NULL);
        assert_dropins("hermes-gateway-work.service", "hermes-gateway-work.service",
                       "hermes-gateway-.service", "hermes-.service", "service", NULL);
        /* Not "hermes-gateway-.service": that prefix only applies to longer names. */
        assert_dropins("hermes-gateway.service", "hermes-gateway.service", "hermes-.service", "service", NULL);
        assert_dropins("hermes.service", "hermes.service", "service", NULL);
}

static void test_dropins_instances(void **state) {
        assert_dropins("foo@bar.service", "foo@bar.service", "foo@.service", "service", NULL);
        /* The template's dash parents are plain names; the instance's keep the instance. */
        assert_dropins("foo-bar@x.service", "foo-bar@x.service", "foo-bar@.service", "foo-.service",
                       "foo-@x.service", "foo-@.service", "service", NULL);
        /* Dashes in the instance are never cut. */
        assert_dropins("hermes-gateway@x-y.service", "hermes-gateway@x-y.service",
                       "hermes-gateway@.service", "hermes-.service", "hermes-@x-y.service",
                       "hermes-@.service", "service", NULL);
}

static void test_dropins_dash_corner_cases(void **state) {
        assert_dropins("a--b.service", "a--b.service", "a--.service", "a-.service", "service", NULL);
        assert_dropins("-foo.service", "-foo.service", "service", NULL);
        assert_dropins("a-b.timer", "a-b.timer", "a-.timer", "timer", NULL);
        assert_dropins("foo@.service", "foo@.service", "service", NULL);
}

/*
 * "a-a-...-a@x.service" with m segments: systemd's recursion visits m instance
 * levels; level i adds the instance, its template and the template's m-1-i plain
 * dash parents (repeated from level to level, as in systemd), so m² / 2 + 3m / 2
 * names, then the type. fuzz_unitname found a 230-byte name taking a second: the
 * list was recounted at every append.
 */
static void test_dropins_many_dashes_complete(void **state) {
        const size_t m = 120;
        char name[256] = "", want[256], **names = NULL;
        size_t n = 0;

        for (size_t i = 0; i < m; i++)
                strcat(name, i ? "-a" : "a");
        strcat(name, "@x.service");
        assert_int_equal(unit_name_dropin_names(name, &names), 0);
        while (names[n])
                n++;
        assert_int_equal(n, 2 * m + m * (m - 1) / 2 + 1);
        assert_string_equal(names[0], name);
        /* The template, then its first plain dash parent "a-...-a-.service". */
        snprintf(want, sizeof(want), "%.*s@.service", (int) (2 * m - 1), name);
        assert_string_equal(names[1], want);
        snprintf(want, sizeof(want), "%.*s.service", (int) (2 * m - 2), name);
        assert_string_equal(names[2], want);
        assert_string_equal(names[n - 1], "service");
        for (size_t i = 0; i + 1 < n; i++)
                assert_true(unit_name_is_valid(names[i], UNIT_NAME_ANY));
        strv_free(names);
}

static void test_dropins_refuse_invalid_names(void **state) {
        char **names = (char **) "untouched";

        assert_int_equal(unit_name_dropin_names("foo", &names), -EINVAL);
        assert_int_equal(unit_name_dropin_names("bad name.service", &names), -EINVAL);
        assert_int_equal(unit_name_dropin_names("", &names), -EINVAL);
        assert_ptr_equal(names, (char **) "untouched");
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_kinds_and_flags),
                cmocka_unit_test(test_further_at_signs_belong_to_the_instance),
                cmocka_unit_test(test_every_252_type),
                cmocka_unit_test(test_bad_names),
                cmocka_unit_test(test_length_limit_includes_suffix),
                cmocka_unit_test(test_suffix),
                cmocka_unit_test(test_template),
                cmocka_unit_test(test_dropins_plain_dash_prefixes),
                cmocka_unit_test(test_dropins_instances),
                cmocka_unit_test(test_dropins_dash_corner_cases),
                cmocka_unit_test(test_dropins_many_dashes_complete),
                cmocka_unit_test(test_dropins_refuse_invalid_names),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
