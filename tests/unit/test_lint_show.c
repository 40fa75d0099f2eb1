/* SPDX-License-Identifier: MIT */
/*
 * `hermes-unit-lint show` output: systemctl's property lines, and with
 * provenance one "<Property>.source=" line after each value. (That the values
 * equal the manager's is tests/e2e/test-show-agrees.sh's job.)
 */
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "fixture.h"

#include "show.h"

static char root[64];

static const char *p(const char *rel) {
        static char buf[4][PATH_MAX];
        static int k;

        k = (k + 1) % 4;
        snprintf(buf[k], sizeof(buf[k]), "%s/%s", root, rel);
        return buf[k];
}

static void put(const char *rel, const char *text) {
        fixture_write(root, rel, text);
}

static int setup(void **state) {
        fixture_root_into(root, sizeof(root));
        return 0;
}

static int teardown(void **state) {
        fixture_remove(root);
        return 0;
}

/* lint_show() of name on the search path root/units, as a malloc'd string. */
static char *show(const char *name, const struct manager_defaults *d, bool provenance) {
        char *search[] = { (char *) p("units"), NULL };
        struct unitset *u = NULL;
        struct effective *e = NULL;
        char *text = NULL;
        size_t size = 0;
        FILE *out;

        assert_int_equal(unitset_load(search, name, &u, NULL), 0);
        assert_int_equal(effective_compute(u, d, &e, NULL), 0);
        assert_non_null(out = open_memstream(&text, &size));
        assert_int_equal(lint_show(out, e, provenance), 0);
        assert_int_equal(fclose(out), 0);
        effective_free(e);
        unitset_free(u);
        return text;
}

/* Replaces every root prefix by "@" so expectations do not depend on the fixture root. */
static char *strip_root(char *text) {
        size_t n = strlen(root);
        char *s;

        while ((s = strstr(text, root))) {
                *s = '@';
                memmove(s + 1, s + n, strlen(s + n) + 1);
        }
        return text;
}

static void test_plain(void **state) {
        struct manager_defaults d;
        char *text;

        put("units/a.service", "[Service]\nRestart=always\nRestartSec=90s\n"
                               "RestartPreventExitStatus=SIGTERM 78 1\n");
        put("units/b.service", "[Service]\nExecStart=/bin/true\n");
        assert_int_equal(symlink("b.service", p("units/alias.service")), 0);
        put("units/a.service.d/10-x.conf", "[Unit]\nStartLimitBurst=3\n");
        put("units/a.service.d/20-y.conf", "[Unit]\nStartLimitIntervalSec=0\n");
        manager_defaults_init(&d, SCOPE_USER);

        text = strip_root(show("a.service", &d, false));
        assert_string_equal(text,
                "Id=a.service\n"
                "Names=a.service\n"
                "LoadState=loaded\n"
                "FragmentPath=@/units/a.service\n"
                "DropInPaths=@/units/a.service.d/10-x.conf @/units/a.service.d/20-y.conf\n"
                "Restart=always\n"
                "RestartUSec=1min 30s\n"
                "StartLimitIntervalUSec=0\n"
                "StartLimitBurst=3\n"
                "StartLimitAction=none\n"
                "RestartPreventExitStatus=1 78 TERM\n");
        free(text);

        text = strip_root(show("alias.service", &d, false));
        assert_string_equal(text,
                "Id=b.service\n"
                "Names=b.service alias.service\n"
                "LoadState=loaded\n"
                "FragmentPath=@/units/b.service\n"
                "DropInPaths=\n"
                "Restart=no\n"
                "RestartUSec=100ms\n"
                "StartLimitIntervalUSec=10s\n"
                "StartLimitBurst=5\n"
                "StartLimitAction=none\n"
                "RestartPreventExitStatus=\n");
        free(text);
}

static void test_provenance(void **state) {
        struct searchpath_remap remap = { .home = "/home/u", .root = root };
        struct manager_defaults d;
        char *text;

        put("units/a.service", "[Service]\nRestart=always\n\nRestartPreventExitStatus=78\n");
        put("units/a.service.d/10-x.conf", "[Unit]\n# comment\nStartLimitBurst=3\n");
        put("home/u/.config/systemd/user.conf", "[Manager]\n\nDefaultStartLimitIntervalSec=1min\n");
        assert_int_equal(manager_defaults_load(SCOPE_USER, &remap, &d, NULL), 0);

        text = strip_root(show("a.service", &d, true));
        assert_string_equal(text,
                "Id=a.service\n"
                "Names=a.service\n"
                "LoadState=loaded\n"
                "FragmentPath=@/units/a.service\n"
                "DropInPaths=@/units/a.service.d/10-x.conf\n"
                "Restart=always\n"
                "Restart.source=@/units/a.service:2\n"
                "RestartUSec=100ms\n"
                "RestartUSec.source=default\n"
                "StartLimitIntervalUSec=1min\n"
                "StartLimitIntervalUSec.source=@/home/u/.config/systemd/user.conf:3\n"
                "StartLimitBurst=3\n"
                "StartLimitBurst.source=@/units/a.service.d/10-x.conf:3\n"
                "StartLimitAction=none\n"
                "StartLimitAction.source=default\n"
                "RestartPreventExitStatus=78\n"
                "RestartPreventExitStatus.source=@/units/a.service:4\n");
        free(text);
        manager_defaults_done(&d);
}

static void test_not_found(void **state) {
        struct manager_defaults d;
        char *text;

        manager_defaults_init(&d, SCOPE_USER);
        text = show("gone.service", &d, false);
        assert_non_null(strstr(text, "Id=gone.service\nNames=gone.service\nLoadState=not-found\n"
                                     "FragmentPath=\nDropInPaths=\nRestart=no\n"));
        free(text);
}

/* Seen on 252 (hg-a in tests/e2e/agree/refused-fragment): a unit file systemd
 * stops reading is LoadState=error with no drop-ins; what it set before the bad
 * line shows. */
static void test_refused_fragment(void **state) {
        struct manager_defaults d;
        char *text;

        put("units/a.service", "[Unit]\nStartLimitBurst=3\n[Service]\nRestart=always\nRestartSec=7\n"
                               "[Service] junk\nRestartSec=9\n");
        put("units/a.service.d/10-x.conf", "[Unit]\nStartLimitIntervalSec=1min\n");
        manager_defaults_init(&d, SCOPE_USER);
        text = strip_root(show("a.service", &d, false));
        assert_string_equal(text,
                "Id=a.service\n"
                "Names=a.service\n"
                "LoadState=error\n"
                "FragmentPath=@/units/a.service\n"
                "DropInPaths=\n"
                "Restart=always\n"
                "RestartUSec=7s\n"
                "StartLimitIntervalUSec=10s\n"
                "StartLimitBurst=3\n"
                "StartLimitAction=none\n"
                "RestartPreventExitStatus=\n");
        free(text);
}

static void test_write_error(void **state) {
        struct manager_defaults d;
        char *search[] = { (char *) p("units"), NULL };
        struct unitset *u = NULL;
        struct effective *e = NULL;
        FILE *full = fopen("/dev/full", "we");

        if (!full)
                skip();
        setvbuf(full, NULL, _IONBF, 0);
        manager_defaults_init(&d, SCOPE_USER);
        assert_int_equal(unitset_load(search, "gone.service", &u, NULL), 0);
        assert_int_equal(effective_compute(u, &d, &e, NULL), 0);
        assert_int_equal(lint_show(full, e, false), -EIO);
        fclose(full);
        effective_free(e);
        unitset_free(u);
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test_setup_teardown(test_plain, setup, teardown),
                cmocka_unit_test_setup_teardown(test_provenance, setup, teardown),
                cmocka_unit_test_setup_teardown(test_not_found, setup, teardown),
                cmocka_unit_test_setup_teardown(test_refused_fragment, setup, teardown),
                cmocka_unit_test_setup_teardown(test_write_error, setup, teardown),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
