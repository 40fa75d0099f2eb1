/* SPDX-License-Identifier: MIT */
/*
 * The unit search path. The exact lists are what libsystemd 252
 * (sd_path_lookup_strv) returns on Debian 12; the same lists were seen in a
 * running user manager (tests/e2e/test-unitset-agrees.sh compares them).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "searchpath.h"
#include "strv.h"

extern char **environ;

/* The user search path for HOME=/h with no XDG_* and no $SYSTEMD_UNIT_PATH. */
static const char *const user_defaults_h[] = {
        "/h/.config/systemd/user.control",
        "/h/.config/systemd/user",
        "/etc/xdg/systemd/user",
        "/etc/systemd/user",
        "/run/systemd/user",
        "/h/.local/share/systemd/user",
        "/usr/local/share/systemd/user",
        "/usr/share/systemd/user",
        "/usr/local/lib/systemd/user",
        "/usr/lib/systemd/user",
        NULL,
};

/* Leaves HOME=home and no XDG_* or SYSTEMD_UNIT_PATH in the environment. */
static void clean_env(const char *home) {
        char **names = NULL;

        for (char **e = environ; *e; e++)
                if (strncmp(*e, "XDG_", 4) == 0)
                        assert_int_equal(strv_push(&names, strndup(*e, strcspn(*e, "="))), 0);
        for (size_t i = 0; names && names[i]; i++)
                unsetenv(names[i]);
        strv_free(names);
        unsetenv("SYSTEMD_UNIT_PATH");
        setenv("HOME", home, 1);
}

static char **lookup(enum scope scope, const char *home, const char *root) {
        struct searchpath_remap remap = { .home = home, .root = root };
        char **l = NULL;

        assert_int_equal(searchpath_lookup(scope, home || root ? &remap : NULL, &l), 0);
        assert_non_null(l);
        return l;
}

static void assert_strv_equal(char *const *l, const char *const *expected) {
        size_t i = 0;

        for (; expected[i]; i++) {
                assert_non_null(l[i]);
                assert_string_equal(l[i], expected[i]);
        }
        assert_null(l[i]);
}

static void test_scope_from_env(void **state) {
        enum scope s = SCOPE_SYSTEM;

        unsetenv("SYSTEMD_SCOPE");
        assert_int_equal(scope_from_env(&s), -ENXIO);
        setenv("SYSTEMD_SCOPE", "user", 1);
        assert_int_equal(scope_from_env(&s), 0);
        assert_int_equal(s, SCOPE_USER);
        setenv("SYSTEMD_SCOPE", "system", 1);
        assert_int_equal(scope_from_env(&s), 0);
        assert_int_equal(s, SCOPE_SYSTEM);
        setenv("SYSTEMD_SCOPE", "User", 1);
        assert_int_equal(scope_from_env(&s), -EINVAL);
        setenv("SYSTEMD_SCOPE", "", 1);
        assert_int_equal(scope_from_env(&s), -EINVAL);
        assert_int_equal(s, SCOPE_SYSTEM);
        unsetenv("SYSTEMD_SCOPE");
        assert_string_equal(scope_name(SCOPE_USER), "user");
        assert_string_equal(scope_name(SCOPE_SYSTEM), "system");
}

static void test_user_defaults(void **state) {
        clean_env("/h");
        char **l = lookup(SCOPE_USER, NULL, NULL);
        assert_strv_equal(l, user_defaults_h);
        strv_free(l);
}

static void test_unit_path_replaces_the_defaults(void **state) {
        clean_env("/h");
        setenv("SYSTEMD_UNIT_PATH", "/a:/b/c", 1);
        char **u = lookup(SCOPE_USER, NULL, NULL), **s = lookup(SCOPE_SYSTEM, NULL, NULL);
        assert_strv_equal(u, (const char *const[]) { "/a", "/b/c", NULL });
        assert_strv_equal(s, (const char *const[]) { "/a", "/b/c", NULL });
        strv_free(u);
        strv_free(s);
        unsetenv("SYSTEMD_UNIT_PATH");
}

static void test_unit_path_trailing_colon_appends_the_defaults(void **state) {
        clean_env("/h");
        char **defaults = lookup(SCOPE_USER, NULL, NULL);
        setenv("SYSTEMD_UNIT_PATH", "/a:/b:", 1);
        char **l = lookup(SCOPE_USER, NULL, NULL);
        assert_string_equal(l[0], "/a");
        assert_string_equal(l[1], "/b");
        assert_strv_equal(l + 2, (const char *const *) defaults);
        strv_free(l);
        strv_free(defaults);
        unsetenv("SYSTEMD_UNIT_PATH");
}

static void test_xdg_config_home_moves_the_config_dirs(void **state) {
        clean_env("/h");
        setenv("XDG_CONFIG_HOME", "/xdg/cfg", 1);
        char **l = lookup(SCOPE_USER, NULL, NULL);
        assert_string_equal(l[0], "/xdg/cfg/systemd/user.control");
        assert_string_equal(l[1], "/xdg/cfg/systemd/user");
        assert_false(strv_contains(l, "/h/.config/systemd/user"));
        assert_true(strv_contains(l, "/h/.local/share/systemd/user"));
        strv_free(l);
        unsetenv("XDG_CONFIG_HOME");
}

static void test_runtime_dir_adds_generator_dirs(void **state) {
        clean_env("/h");
        setenv("XDG_RUNTIME_DIR", "/run/user/4242", 1);
        char **l = lookup(SCOPE_USER, NULL, NULL);
        assert_true(strv_contains(l, "/run/user/4242/systemd/generator"));
        assert_true(strv_contains(l, "/run/user/4242/systemd/generator.early"));
        assert_string_equal(l[strv_length(l) - 1], "/run/user/4242/systemd/generator.late");
        strv_free(l);
        unsetenv("XDG_RUNTIME_DIR");
}

static void test_home_remap_ignores_home_and_xdg(void **state) {
        clean_env("/home/real");
        setenv("XDG_CONFIG_HOME", "/xdg/cfg", 1);
        setenv("XDG_DATA_HOME", "/xdg/data", 1);
        setenv("XDG_RUNTIME_DIR", "/run/user/4242", 1);
        char **l = lookup(SCOPE_USER, "/h", NULL);
        assert_strv_equal(l, user_defaults_h);
        strv_free(l);
        /* The environment is as before. */
        assert_string_equal(getenv("HOME"), "/home/real");
        assert_string_equal(getenv("XDG_CONFIG_HOME"), "/xdg/cfg");
        assert_string_equal(getenv("XDG_DATA_HOME"), "/xdg/data");
        assert_string_equal(getenv("XDG_RUNTIME_DIR"), "/run/user/4242");
        clean_env("/h");
}

static void test_home_remap_restores_an_unset_home(void **state) {
        clean_env("/h");
        unsetenv("HOME");
        char **l = lookup(SCOPE_USER, "/h", NULL);
        assert_strv_equal(l, user_defaults_h);
        strv_free(l);
        assert_null(getenv("HOME"));
        setenv("HOME", "/h", 1);
}

static void test_root_prefixes_every_entry(void **state) {
        clean_env("/h");
        char **l = lookup(SCOPE_USER, "/h", "/r/");
        size_t n = strv_length(l);
        assert_int_equal(n, strv_length((char *const *) user_defaults_h));
        for (size_t i = 0; i < n; i++) {
                assert_memory_equal(l[i], "/r/", 3);
                assert_string_equal(l[i] + 2, user_defaults_h[i]);
        }
        strv_free(l);

        setenv("SYSTEMD_UNIT_PATH", "/a:/b", 1);
        l = lookup(SCOPE_SYSTEM, NULL, "/r");
        assert_strv_equal(l, (const char *const[]) { "/r/a", "/r/b", NULL });
        strv_free(l);
        l = lookup(SCOPE_SYSTEM, NULL, "/");
        assert_strv_equal(l, (const char *const[]) { "/a", "/b", NULL });
        strv_free(l);
        unsetenv("SYSTEMD_UNIT_PATH");
}

static void test_exclude(void **state) {
        char **l = NULL;

        assert_int_equal(strv_split("/a /b/ /c /d /c", " ", &l), 0);
        searchpath_exclude(l, (const char *const[]) { "/b", NULL, "/c/" }, 3);
        assert_strv_equal(l, (const char *const[]) { "/a", "/d", NULL });
        searchpath_exclude(l, NULL, 0);
        assert_strv_equal(l, (const char *const[]) { "/a", "/d", NULL });
        searchpath_exclude(l, (const char *const[]) { "/a", "/d" }, 2);
        assert_null(l[0]);
        strv_free(l);
        searchpath_exclude(NULL, (const char *const[]) { "/a" }, 1);
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_scope_from_env),
                cmocka_unit_test(test_user_defaults),
                cmocka_unit_test(test_unit_path_replaces_the_defaults),
                cmocka_unit_test(test_unit_path_trailing_colon_appends_the_defaults),
                cmocka_unit_test(test_xdg_config_home_moves_the_config_dirs),
                cmocka_unit_test(test_runtime_dir_adds_generator_dirs),
                cmocka_unit_test(test_home_remap_ignores_home_and_xdg),
                cmocka_unit_test(test_home_remap_restores_an_unset_home),
                cmocka_unit_test(test_root_prefixes_every_entry),
                cmocka_unit_test(test_exclude),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
