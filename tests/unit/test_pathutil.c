/* SPDX-License-Identifier: MIT */
/* pathutil: the path helpers the generator and the linter share. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "pathutil.h"

static void assert_dirname(const char *path, const char *want) {
        char *d = path_dirname(path);

        assert_non_null(d);
        assert_string_equal(d, want);
        free(d);
}

/* What the four old copies (effective.c, unitset.c, ruleutil.c, cron_scan.c) all did:
 * the text after the last slash, the whole text without one. */
static void test_basename_after_last_slash(void **state) {
        assert_string_equal(path_basename("/etc/systemd/user/hermes-gateway.service"), "hermes-gateway.service");
        assert_string_equal(path_basename("a/b"), "b");
        assert_string_equal(path_basename("hermes"), "hermes");       /* a bare command word */
        assert_string_equal(path_basename("/usr/bin/systemctl"), "systemctl");
        assert_string_equal(path_basename("/"), "");
        assert_string_equal(path_basename("a/b/"), "");
        assert_string_equal(path_basename(""), "");
}

static void test_dirname(void **state) {
        assert_dirname("x", ".");
        assert_dirname("/x", "/");
        assert_dirname("/a/b", "/a");
        assert_dirname("a/b", "a");
        assert_dirname("/a/b.service.d/10.conf", "/a/b.service.d");
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_basename_after_last_slash),
                cmocka_unit_test(test_dirname),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
