/* SPDX-License-Identifier: MIT */
/* pathutil: the path helpers the generator and the linter share. */
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "fixture.h"
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

static void assert_clean(const char *path, const char *want) {
        char *p = path_abs_clean(path);

        assert_non_null(p);
        assert_string_equal(p, want);
        free(p);
}

/* The lexical copies (unitset.c path_normalize(), ruleutil.c path_abs_clean()) agreed
 * on every input: empty and "." components go, ".." drops one, "/.." is "/". */
static void test_abs_clean_is_lexical(void **state) {
        char *cwd = getcwd(NULL, 0), *want = NULL;

        assert_non_null(cwd);
        assert_clean("/a//b/./c/../d/", "/a/b/d");
        assert_clean("/../..", "/");
        assert_clean("/", "/");
        assert_clean("//", "/");
        assert_clean("/a/..", "/");
        assert_clean("/a/b/../../../c", "/c");
        assert_clean("/a/.../b", "/a/.../b");          /* "..." is a name */
        assert_clean("/etc/systemd/user/../../../run/x.service", "/run/x.service");
        assert_true(asprintf(&want, "%s/x/y", strcmp(cwd, "/") == 0 ? "" : cwd) > 0);
        assert_clean("x/./y", want);
        free(want);
        free(cwd);
}

static void assert_resolved(const char *root, const char *rel, const char *want_rel) {
        char *path, *want, *got = NULL;

        assert_true(asprintf(&path, "%s/%s", root, rel) > 0);
        assert_true(asprintf(&want, "%s%s%s", root, want_rel[0] ? "/" : "", want_rel) > 0);
        assert_int_equal(path_resolve(path, &got), 0);
        assert_string_equal(got, want);
        free(got);
        free(want);
        free(path);
}

/* cron.c resolve_path(), Python's Path.resolve(strict=False): links are followed as
 * they are met, so ".." after a link leaves its target; missing parts stay. */
static void test_resolve_follows_links(void **state) {
        char *root = fixture_root(), *real;

        /* /tmp may itself be a link: compare below its resolved form. */
        assert_non_null(root);
        assert_int_equal(path_resolve(root, &real), 0);
        fixture_mkdir(real, "home/scripts");
        fixture_mkdir(real, "elsewhere/deep");
        fixture_write(real, "home/scripts/job.sh", "#!/bin/sh\n");
        fixture_symlink(real, "../../elsewhere/deep", "home/scripts/rel");
        fixture_symlink(real, "/nonexistent-hg-test/x", "home/scripts/abs");
        fixture_symlink(real, "loop2", "home/loop1");
        fixture_symlink(real, "loop1", "home/loop2");

        assert_resolved(real, "home/scripts/job.sh", "home/scripts/job.sh");
        assert_resolved(real, "home/./scripts//job.sh", "home/scripts/job.sh");
        assert_resolved(real, "home/scripts/rel/x.sh", "elsewhere/deep/x.sh");
        assert_resolved(real, "home/scripts/rel/../y.sh", "elsewhere/y.sh");      /* not home/scripts/y.sh */
        assert_resolved(real, "home/scripts/missing/../z.sh", "home/scripts/z.sh");
        assert_resolved(real, "home/scripts/../../home", "home");

        char *got = NULL;
        assert_int_equal(path_resolve("/nonexistent-hg-test/../etc", &got), 0);
        assert_string_equal(got, "/etc");
        free(got);
        char *abs;
        assert_true(asprintf(&abs, "%s/home/scripts/abs/y", real) > 0);
        assert_int_equal(path_resolve(abs, &got), 0);
        assert_string_equal(got, "/nonexistent-hg-test/x/y");
        free(got);
        free(abs);
        /* A loop ends after 40 links, with what is left as written. */
        assert_true(asprintf(&abs, "%s/home/loop1/a", real) > 0);
        assert_int_equal(path_resolve(abs, &got), 0);
        assert_true(strncmp(got, real, strlen(real)) == 0);
        assert_string_equal(got + strlen(real), "/home/loop1/a");
        free(got);
        free(abs);

        fixture_remove(real);
        free(real);
        free(root);
}

/* A path of PATH_MAX bytes or more is refused before any readlink(), as the kernel
 * would; a text-only clean takes it (it reads nothing). */
static void test_resolve_refuses_overlong(void **state) {
        char *p = malloc(4 * PATH_MAX + 1), *got = NULL;

        assert_non_null(p);
        for (size_t i = 0; i < 4 * PATH_MAX; i += 2)
                memcpy(p + i, "a/", 2);
        p[4 * PATH_MAX] = 0;
        assert_int_equal(path_resolve(p, &got), -ENAMETOOLONG);        /* relative, 4 x PATH_MAX */
        assert_null(got);

        for (size_t i = 0; i < PATH_MAX; i += 2)
                memcpy(p + i, "/a", 2);
        p[PATH_MAX - 2] = 0;                            /* "/a/a.../a", PATH_MAX - 2 bytes */
        assert_int_equal(path_resolve(p, &got), 0);
        assert_string_equal(got, p);
        free(got);
        p[PATH_MAX - 2] = '/';
        p[PATH_MAX] = 0;                                /* PATH_MAX bytes */
        got = NULL;
        assert_int_equal(path_resolve(p, &got), -ENAMETOOLONG);
        assert_null(got);
        got = path_abs_clean(p);
        assert_non_null(got);
        assert_string_equal(got, p);
        free(got);
        free(p);
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_basename_after_last_slash),
                cmocka_unit_test(test_dirname),
                cmocka_unit_test(test_startswith),
                cmocka_unit_test(test_is_under_counts_dir_itself),
                cmocka_unit_test(test_abs_clean_is_lexical),
                cmocka_unit_test(test_resolve_follows_links),
                cmocka_unit_test(test_resolve_refuses_overlong),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
