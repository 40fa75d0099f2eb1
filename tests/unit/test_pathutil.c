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

/* The four old copies: ruleutil.c path_is_under() and cron.c is_inside() counted dir
 * itself, unitset.c path_is_below() and path_shown() only what lies below it; the
 * callers now say which they want (below && *below). ruleutil.c and unitset.c cut
 * trailing slashes off dir, cron.c did not (its dir never had one); cron.c alone
 * knew that "/" holds everything, the others said "/x" was not under "/". */
static void test_startswith(void **state) {
        assert_string_equal(path_startswith("/home/u/.config", "/home/u"), ".config");
        assert_string_equal(path_startswith("/home/u/.config", "/home/u/"), ".config");
        assert_string_equal(path_startswith("/home/u", "/home/u/"), "");
        assert_string_equal(path_startswith("/home/u", "/home/u"), "");
        assert_null(path_startswith("/home/user2", "/home/u"));
        assert_null(path_startswith("/home", "/home/u"));
        assert_string_equal(path_startswith("/x/y", "/"), "x/y");
        assert_string_equal(path_startswith("/", "/"), "");
        assert_null(path_startswith("x", "/"));
        assert_string_equal(path_startswith("/a//b", "/a"), "b");    /* systemd skips the slashes */
        assert_null(path_startswith("/a", ""));
}

static void test_is_under_counts_dir_itself(void **state) {
        assert_true(path_is_under("/home/u/.config", "/home/u"));
        assert_true(path_is_under("/home/u", "/home/u/"));
        assert_true(path_is_under("/srv/scripts/a.sh", "/"));
        assert_false(path_is_under("/home/user2", "/home/u"));
        assert_false(path_is_under("/srv/scripts-old/a.sh", "/srv/scripts"));
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_basename_after_last_slash),
                cmocka_unit_test(test_dirname),
                cmocka_unit_test(test_startswith),
                cmocka_unit_test(test_is_under_counts_dir_itself),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
