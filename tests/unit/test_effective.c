/* SPDX-License-Identifier: MIT */
/*
 * Effective restart/start-limit settings, manager defaults and the key table.
 * Every expected value here was seen in a real systemd 252 user manager
 * (`systemctl --user show`); tests/e2e/test-show-agrees.sh re-checks the same
 * kinds of trees against the manager itself.
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

#include "effective.h"
#include "strv.h"
#include "unitkeys.h"

static char root[64];

static const char *p(const char *rel) {
        static char buf[8][PATH_MAX];
        static int k;

        k = (k + 1) % 8;
        snprintf(buf[k], sizeof(buf[k]), "%s/%s", root, rel);
        return buf[k];
}

/* Writes root/rel (parents created). */
static void put(const char *rel, const char *text) {
        fixture_write(root, rel, text);
}

static void devnull(const char *rel) {
        fixture_symlink(root, "/dev/null", rel);
}

static int setup(void **state) {
        fixture_root_into(root, sizeof(root));
        return 0;
}

static int teardown(void **state) {
        fixture_remove(root);
        return 0;
}

/* The unit's effective settings from the search path root/hi, root/lo. */
static struct effective *compute(const char *name, enum scope scope, struct unitset **ret_u) {
        char *search[] = { (char *) p("hi"), (char *) p("lo"), NULL };
        struct manager_defaults d;
        struct effective *e = NULL;
        struct diag_list diags = {};

        manager_defaults_init(&d, scope);
        assert_int_equal(unitset_load(search, name, ret_u, &diags), 0);
        assert_int_equal(effective_compute(*ret_u, &d, &e, &diags), 0);
        assert_int_equal(diag_count(&diags, DIAG_ERROR), 0);
        diag_list_clear(&diags);
        return e;
}

static void done(struct effective *e, struct unitset *u) {
        effective_free(e);
        unitset_free(u);
}

static void assert_from(const struct provenance *pr, const char *rel, unsigned line) {
        if (!rel) {
                assert_null(pr->file);
                assert_string_equal(pr->source, "default");
                return;
        }
        assert_non_null(pr->file);
        assert_string_equal(pr->file, p(rel));
        assert_int_equal(pr->line, line);
}

/* The notes as "kind@line" words, e.g. "0@3 4@7". */
static const char *notes(const struct effective *e) {
        static char buf[512];
        size_t n = 0;

        buf[0] = 0;
        for (size_t i = 0; i < e->n_notes && n < sizeof(buf); i++)
                n += (size_t) snprintf(buf + n, sizeof(buf) - n, "%s%d@%u", i ? " " : "",
                                       (int) e->notes[i].kind, e->notes[i].assignment->line);
        return buf;
}

static const char *prevent(const struct effective *e) {
        static char buf[EXIT_STATUS_SET_FORMAT_MAX];

        return exit_status_set_format(&e->restart_prevent_exit_status, "", buf, sizeof(buf));
}

static void test_not_found_has_defaults(void **state) {
        struct unitset *u;
        struct effective *e = compute("gone.service", SCOPE_USER, &u);

        assert_int_equal(e->restart, RESTART_NO);
        assert_int_equal(e->restart_usec, 100 * USEC_PER_MSEC);
        assert_int_equal(e->start_limit_interval, 10 * USEC_PER_SEC);
        assert_int_equal(e->start_limit_burst, 5);
        assert_string_equal(e->start_limit_action, "none");
        assert_string_equal(prevent(e), "");
        assert_int_equal(e->n_files, 0);
        assert_from(&e->restart_from, NULL, 0);
        assert_from(&e->start_limit_burst_from, NULL, 0);
        done(e, u);
}

static void test_stock_hermes_unit(void **state) {
        struct unitset *u;
        struct effective *e;

        put("hi/hermes-gateway.service",
            "[Unit]\n"                                              /* 1 */
            "Description=Hermes Agent Gateway - Messaging Platform Integration\n"
            "StartLimitIntervalSec=0\n"                             /* 3 */
            "\n"
            "[Service]\n"                                           /* 5 */
            "Type=simple\n"
            "ExecStart=/usr/bin/python3 -m hermes_cli.main gateway run\n"
            "Restart=always\n"                                      /* 8 */
            "RestartSec=5\n"                                        /* 9 */
            "RestartForceExitStatus=75\n"
            "SuccessExitStatus=75\n"
            "RestartPreventExitStatus=78\n"                         /* 12 */
            "KillMode=mixed\n"
            "[Install]\n"
            "WantedBy=default.target\n");
        e = compute("hermes-gateway.service", SCOPE_USER, &u);
        assert_int_equal(e->n_files, 1);
        assert_int_equal(e->restart, RESTART_ALWAYS);
        assert_from(&e->restart_from, "hi/hermes-gateway.service", 8);
        assert_int_equal(e->restart_usec, 5 * USEC_PER_SEC);
        assert_from(&e->restart_usec_from, "hi/hermes-gateway.service", 9);
        assert_int_equal(e->start_limit_interval, 0);
        assert_from(&e->start_limit_interval_from, "hi/hermes-gateway.service", 3);
        assert_int_equal(e->start_limit_burst, 5);
        assert_from(&e->start_limit_burst_from, NULL, 0);
        assert_string_equal(prevent(e), "78");
        assert_from(&e->restart_prevent_exit_status_from, "hi/hermes-gateway.service", 12);
        assert_true(exit_status_set_contains(&e->restart_force_exit_status, 75));
        assert_true(exit_status_set_contains(&e->success_exit_status, 75));
        assert_false(exit_status_set_contains(&e->success_exit_status, 78));
        assert_string_equal(notes(e), "");
        done(e, u);
}

/* Seen: an empty Restart=, RestartSec=, StartLimit*= leaves the previous value. */
static void test_empty_assignments_are_ignored(void **state) {
        struct unitset *u;
        struct effective *e;

        put("hi/a.service",
            "[Unit]\n"
            "StartLimitIntervalSec=20s\n"
            "StartLimitIntervalSec=\n"          /* 3 */
            "StartLimitBurst=7\n"
            "StartLimitBurst=\n"                /* 5 */
            "StartLimitAction=exit\n"
            "StartLimitAction=\n"               /* 7 */
            "[Service]\n"
            "Restart=always\n"
            "Restart=\n"                        /* 10 */
            "RestartSec=3s\n"
            "RestartSec=\n");                   /* 12 */
        e = compute("a.service", SCOPE_USER, &u);
        assert_int_equal(e->start_limit_interval, 20 * USEC_PER_SEC);
        assert_from(&e->start_limit_interval_from, "hi/a.service", 2);
        assert_int_equal(e->start_limit_burst, 7);
        assert_string_equal(e->start_limit_action, "exit");
        assert_int_equal(e->restart, RESTART_ALWAYS);
        assert_int_equal(e->restart_usec, 3 * USEC_PER_SEC);
        assert_from(&e->restart_usec_from, "hi/a.service", 11);
        assert_string_equal(notes(e), "3@3 3@5 3@7 3@10 3@12");
        done(e, u);
}

/* Seen: invalid values leave the previous value; "-0" is 0 (safe_atou), "0x10" 16. */
static void test_invalid_values_are_ignored(void **state) {
        struct unitset *u;
        struct effective *e;

        put("hi/a.service",
            "[Unit]\n"
            "StartLimitBurst=0x10\n"            /* 2 */
            "StartLimitBurst=5x\n"
            "StartLimitBurst=-1\n"
            "StartLimitIntervalSec=1M\n"        /* 5: a month */
            "StartLimitIntervalSec=1 fortnight\n"
            "StartLimitAction=explode\n"
            "[Service]\n"
            "Restart=on-abort\n"                /* 9 */
            "Restart=bogus\n"
            "Restart=Always\n"
            "RestartSec=1 min 30 s\n"           /* 12 */
            "RestartSec=5x\n"
            "RestartSec=-1\n");
        e = compute("a.service", SCOPE_USER, &u);
        assert_int_equal(e->start_limit_burst, 16);
        assert_from(&e->start_limit_burst_from, "hi/a.service", 2);
        assert_int_equal(e->start_limit_interval, 2629800ULL * USEC_PER_SEC);
        assert_string_equal(e->start_limit_action, "none");
        assert_int_equal(e->restart, RESTART_ON_ABORT);
        assert_from(&e->restart_from, "hi/a.service", 9);
        assert_int_equal(e->restart_usec, 90 * USEC_PER_SEC);
        assert_string_equal(notes(e), "2@3 2@4 2@6 2@7 2@10 2@11 2@13 2@14");
        done(e, u);

        put("hi/b.service", "[Unit]\nStartLimitBurst=-0\n[Service]\nRestartSec=infinity\n");
        e = compute("b.service", SCOPE_USER, &u);
        assert_int_equal(e->start_limit_burst, 0);
        assert_int_equal(e->restart_usec, USEC_INFINITY);
        assert_string_equal(notes(e), "");
        done(e, u);
}

/* Seen: StartLimitIntervalSec= in [Service] is ignored; the legacy
 * StartLimitInterval=/StartLimitBurst=/StartLimitAction= there work; Restart= in
 * [Unit] is ignored. */
static void test_misplaced_and_legacy_keys(void **state) {
        struct unitset *u;
        struct effective *e;

        put("hi/a.service",
            "[Unit]\n"
            "Restart=always\n"                  /* 2: wrong section */
            "RestartSec=7\n"                    /* 3: wrong section */
            "StartLimitInterval=33s\n"          /* 4: legacy name, works */
            "[Service]\n"
            "StartLimitIntervalSec=3\n"         /* 6: wrong section */
            "StartLimitInterval=44s\n"          /* 7: legacy, works */
            "StartLimitBurst=9\n"               /* 8: legacy, works */
            "StartLimitAction=exit\n"           /* 9: legacy, works */
            "[Install]\n"
            "Restart=always\n");                /* 11: wrong section */
        e = compute("a.service", SCOPE_USER, &u);
        assert_int_equal(e->restart, RESTART_NO);
        assert_int_equal(e->restart_usec, 100 * USEC_PER_MSEC);
        assert_int_equal(e->start_limit_interval, 44 * USEC_PER_SEC);
        assert_from(&e->start_limit_interval_from, "hi/a.service", 7);
        assert_int_equal(e->start_limit_burst, 9);
        assert_string_equal(e->start_limit_action, "exit");
        assert_string_equal(notes(e), "0@2 0@3 1@4 0@6 1@7 1@8 1@9 0@11");
        assert_string_equal(e->notes[0].message, "belongs in [Service]; ignored here");
        assert_string_equal(e->notes[3].message, "belongs in [Unit]; ignored here");
        assert_ptr_equal(e->notes[0].file, e->files[0]);
        done(e, u);
}

/* Keys and sections are case-sensitive; X- keys and sections are silent. */
static void test_unknown_keys_and_sections(void **state) {
        struct unitset *u;
        struct effective *e;

        put("hi/a.service",
            "[Service]\n"
            "RestartSecs=5\n"                   /* 2 */
            "restart=always\n"                  /* 3 */
            "X-Restart=always\n"
            "ExecStart=/bin/true\n"
            "RestartSteps=5\n"                  /* 6: v254 */
            "[service]\n"
            "Restart=always\n"                  /* 8 */
            "[X-Hermes]\n"
            "Restart=always\n"
            "[Unit]\n"
            "Description=x\n"
            "X-Note=y\n");
        e = compute("a.service", SCOPE_USER, &u);
        assert_int_equal(e->restart, RESTART_NO);
        assert_string_equal(notes(e), "4@2 4@3 4@6 5@8");
        done(e, u);
}

/* Seen: "78 SIGTERM 1 KILL 0x4e TEMPFAIL RTMIN+2 bogus 300" shows as
 * "1 75 78 KILL TERM RTMIN+2"; assignments accumulate; an empty one resets. */
static void test_restart_prevent_exit_status(void **state) {
        struct unitset *u;
        struct effective *e;

        put("hi/a.service",
            "[Service]\n"
            "RestartPreventExitStatus=78 SIGTERM 1 KILL 0x4e TEMPFAIL RTMIN+2 bogus 300\n");
        e = compute("a.service", SCOPE_USER, &u);
        assert_string_equal(prevent(e), "1 75 78 KILL TERM RTMIN+2");
        assert_string_equal(notes(e), "2@2");
        done(e, u);

        put("hi/b.service",
            "[Service]\n"
            "RestartPreventExitStatus=78 SIGTERM\n"
            "RestartPreventExitStatus=\n"
            "RestartPreventExitStatus=1\n"
            "RestartPreventExitStatus=2 SIGHUP\n");   /* 5 */
        e = compute("b.service", SCOPE_USER, &u);
        assert_string_equal(prevent(e), "1 2 HUP");
        assert_from(&e->restart_prevent_exit_status_from, "hi/b.service", 5);
        assert_string_equal(notes(e), "");
        done(e, u);
}

/* Seen: the user manager takes reboot/poweroff* as exit-force. */
static void test_start_limit_action_by_scope(void **state) {
        struct unitset *u;
        struct effective *e;

        put("hi/a.service", "[Unit]\nStartLimitAction=poweroff-force\n");
        e = compute("a.service", SCOPE_USER, &u);
        assert_string_equal(e->start_limit_action, "exit-force");
        assert_string_equal(notes(e), "6@2");
        done(e, u);

        e = compute("a.service", SCOPE_SYSTEM, &u);
        assert_string_equal(e->start_limit_action, "poweroff-force");
        assert_string_equal(notes(e), "");
        done(e, u);
}

/* The fragment, then drop-ins by file name across dirs; a later one wins. */
static void test_dropins_override_in_order(void **state) {
        struct unitset *u;
        struct effective *e;

        put("lo/a.service", "[Service]\nRestart=always\nRestartSec=5\n");
        put("lo/a.service.d/20-late.conf", "[Service]\nRestartSec=30s\n");
        put("hi/a.service.d/10-early.conf", "[Service]\nRestart=on-failure\nRestartSec=10s\n");
        put("hi/service.d/30-all.conf", "[Unit]\nStartLimitBurst=3\n");
        e = compute("a.service", SCOPE_USER, &u);
        assert_int_equal(e->n_files, 4);
        assert_int_equal(e->restart, RESTART_ON_FAILURE);
        assert_from(&e->restart_from, "hi/a.service.d/10-early.conf", 2);
        assert_int_equal(e->restart_usec, 30 * USEC_PER_SEC);
        assert_from(&e->restart_usec_from, "lo/a.service.d/20-late.conf", 2);
        assert_int_equal(e->start_limit_burst, 3);
        assert_from(&e->start_limit_burst_from, "hi/service.d/30-all.conf", 2);
        done(e, u);
}

/* Seen: a masked unit still gets its drop-ins; a /dev/null drop-in sets nothing. */
static void test_masked_unit_keeps_dropins(void **state) {
        struct unitset *u;
        struct effective *e;

        devnull("hi/m.service");
        put("lo/m.service", "[Service]\nRestart=on-abort\n");
        put("hi/m.service.d/a.conf", "[Service]\nRestart=always\n");
        put("lo/m.service.d/b.conf", "[Service]\nRestartSec=9\n");
        devnull("hi/m.service.d/b.conf");
        e = compute("m.service", SCOPE_USER, &u);
        assert_int_equal(u->load_state, LOAD_MASKED);
        assert_int_equal(e->n_files, 1);
        assert_int_equal(e->restart, RESTART_ALWAYS);
        assert_int_equal(e->restart_usec, 100 * USEC_PER_MSEC);
        done(e, u);
}

/* As systemd's null_or_empty_path(): the link is followed, so a relative link to
 * /dev/null masks too, and nothing is read from it (no "unreadable" error). */
static void test_relative_devnull_link_masks_a_dropin(void **state) {
        struct unitset *u;
        struct effective *e;

        put("lo/r.service", "[Service]\nRestart=on-abort\n");
        put("lo/r.service.d/b.conf", "[Service]\nRestartSec=9\n");
        fixture_mkdirs(p("hi/r.service.d"));
        /* root is /tmp/test-effective-XXXXXX: four levels above the link is "/" */
        assert_int_equal(symlink("../../../../dev/null", p("hi/r.service.d/b.conf")), 0);
        e = compute("r.service", SCOPE_USER, &u);
        assert_int_equal(u->load_state, LOAD_LOADED);
        assert_int_equal(e->restart, RESTART_ON_ABORT);
        assert_int_equal(e->restart_usec, 100 * USEC_PER_MSEC);
        done(e, u);
}

/* Seen on 252: a drop-in systemd stops reading at a bad line (here a section
 * header with text after it, invalid UTF-8) applies up to that line; the drop-ins
 * after it still apply; the unit loads. */
static void test_refused_dropin_applies_up_to_the_bad_line(void **state) {
        char *search[] = { (char *) p("hi"), NULL };
        struct diag_list diags = {};
        struct manager_defaults d;
        struct unitset *u;
        struct effective *e;

        put("hi/b.service", "[Service]\nExecStart=/bin/true\n");
        put("hi/b.service.d/10-bad.conf",
            "[Unit]\nStartLimitBurst=3\n[Service]\nRestart=on-failure\n[Service]x\nRestartSec=9\n");
        put("hi/b.service.d/15-utf8.conf", "[Service]\nRestartSec=4\nRestart=\xff\nRestartSec=8\n");
        put("hi/b.service.d/20-later.conf", "[Unit]\nStartLimitIntervalSec=2min\n");
        manager_defaults_init(&d, SCOPE_USER);
        assert_int_equal(unitset_load(search, "b.service", &u, &diags), 0);
        assert_int_equal(effective_compute(u, &d, &e, &diags), 0);
        assert_false(e->fragment_refused);
        assert_string_equal(effective_load_state(e), "loaded");
        assert_int_equal(e->n_files, 4);
        assert_int_equal(e->files[1]->refused, -EBADMSG);
        assert_int_equal(e->files[2]->refused, -EINVAL);
        assert_int_equal(e->restart, RESTART_ON_FAILURE);
        assert_int_equal(e->restart_usec, 4 * USEC_PER_SEC);
        assert_from(&e->restart_usec_from, "hi/b.service.d/15-utf8.conf", 2);
        assert_int_equal(e->start_limit_burst, 3);
        assert_int_equal(e->start_limit_interval, 2 * USEC_PER_MINUTE);
        assert_int_equal(diag_count(&diags, DIAG_ERROR), 2);
        diag_list_clear(&diags);
        done(e, u);
}

/* Seen on 252: a unit file systemd stops reading fails to load (LoadState=error),
 * `systemctl show` still has what it set before the bad line, and no drop-in is
 * read (DropInPaths= is empty). */
static void test_refused_fragment_fails_to_load(void **state) {
        char *search[] = { (char *) p("hi"), NULL };
        struct diag_list diags = {};
        struct manager_defaults d;
        struct unitset *u;
        struct effective *e;

        put("hi/a.service", "[Unit]\nStartLimitBurst=3\n[Service]\nRestart=always\nRestartSec=7\n"
            "[Service] junk\nRestartSec=9\n");
        put("hi/a.service.d/10-x.conf", "[Unit]\nStartLimitIntervalSec=1min\n");
        manager_defaults_init(&d, SCOPE_USER);
        assert_int_equal(unitset_load(search, "a.service", &u, &diags), 0);
        assert_int_equal(effective_compute(u, &d, &e, &diags), 0);
        assert_int_equal(u->load_state, LOAD_LOADED);
        assert_true(e->fragment_refused);
        assert_string_equal(effective_load_state(e), "error");
        assert_int_equal(e->n_files, 1);
        assert_int_equal(e->restart, RESTART_ALWAYS);
        assert_int_equal(e->restart_usec, 7 * USEC_PER_SEC);
        assert_int_equal(e->start_limit_burst, 3);
        assert_int_equal(e->start_limit_interval, 10 * USEC_PER_SEC);
        assert_int_equal(diag_count(&diags, DIAG_ERROR), 1);
        assert_string_equal(diag_code_name(diags.items[diags.n - 1].code), "bad-section");
        diag_list_clear(&diags);
        done(e, u);
}

static void test_manager_defaults_builtin(void **state) {
        struct searchpath_remap remap = { .home = "/home/nobody", .root = root };
        struct diag_list diags = {};
        struct manager_defaults d;

        assert_int_equal(manager_defaults_load(SCOPE_USER, &remap, &d, &diags), 0);
        assert_int_equal(d.start_limit_interval, 10 * USEC_PER_SEC);
        assert_int_equal(d.start_limit_burst, 5);
        assert_int_equal(d.restart_sec, 100 * USEC_PER_MSEC);
        assert_string_equal(d.start_limit_burst_from.source, "default");
        assert_int_equal(strv_length(d.files), 0);
        assert_int_equal(diags.n, 0);
        manager_defaults_done(&d);
}

/* Seen: ~/.config/systemd/user.conf hides /etc/systemd/user.conf; drop-ins of
 * ~/.config, /etc, /run, /usr/local/lib, /usr/lib by name, the higher dir
 * winning a name. */
static void test_manager_defaults_user(void **state) {
        struct searchpath_remap remap = { .home = "/home/u", .root = root };
        struct diag_list diags = {};
        struct manager_defaults d, e;
        struct unitset *u;
        struct effective *eff = NULL;

        put("etc/systemd/user.conf", "[Manager]\nDefaultStartLimitBurst=3\nDefaultRestartSec=7s\n");
        put("home/u/.config/systemd/user.conf", "[Manager]\nDefaultRestartSec=2s\n");
        put("etc/systemd/user.conf.d/a.conf",
            "[Manager]\nDefaultStartLimitIntervalSec=5s\nDefaultStartLimitBurst=11\n");
        put("home/u/.config/systemd/user.conf.d/x.conf", "[Manager]\nDefaultStartLimitInterval=17s\n");
        put("etc/systemd/user.conf.d/x.conf", "[Manager]\nDefaultStartLimitIntervalSec=99s\n");
        put("usr/lib/systemd/user.conf.d/y.conf", "[Manager]\nDefaultStartLimitBurst=4\n");
        put("run/systemd/user.conf.d/z.conf",
            "[Manager]\nDefaultStartLimitBurst=\nDefaultRestartSec=1x\n[Other]\nDefaultStartLimitBurst=8\n");
        put("usr/local/lib/systemd/user.conf.d/z.conf", "[Manager]\nDefaultStartLimitBurst=9\n");
        devnull("etc/systemd/user.conf.d/y2.conf");
        put("usr/lib/systemd/user.conf.d/y2.conf", "[Manager]\nDefaultStartLimitBurst=12\n");
        put("usr/lib/systemd/system.conf.d/s.conf", "[Manager]\nDefaultStartLimitBurst=13\n");

        assert_int_equal(manager_defaults_load(SCOPE_USER, &remap, &d, &diags), 0);
        assert_int_equal(d.restart_sec, 2 * USEC_PER_SEC);
        assert_string_equal(d.restart_sec_from.source, p("home/u/.config/systemd/user.conf"));
        assert_int_equal(d.restart_sec_from.line, 2);
        assert_null(d.restart_sec_from.file);
        assert_int_equal(d.start_limit_interval, 17 * USEC_PER_SEC);
        assert_string_equal(d.start_limit_interval_from.source,
                            p("home/u/.config/systemd/user.conf.d/x.conf"));
        assert_int_equal(d.start_limit_burst, 4);
        assert_string_equal(d.start_limit_burst_from.source, p("usr/lib/systemd/user.conf.d/y.conf"));
        assert_int_equal(strv_length(d.files), 5);
        assert_int_equal(diag_count(&diags, DIAG_WARNING), 2);
        assert_string_equal(diag_code_name(diags.items[0].code), "invalid-value");
        assert_int_equal(diags.items[1].line, 3);
        diag_list_clear(&diags);

        /* Units start from these defaults. */
        char *search[] = { NULL };
        assert_int_equal(unitset_load(search, "a.service", &u, NULL), 0);
        assert_int_equal(effective_compute(u, &d, &eff, NULL), 0);
        assert_int_equal(eff->start_limit_burst, 4);
        assert_ptr_equal(eff->start_limit_burst_from.source, d.start_limit_burst_from.source);
        assert_int_equal(eff->restart_usec, 2 * USEC_PER_SEC);
        done(eff, u);
        manager_defaults_done(&d);

        /* System scope: system.conf(.d) only, no home. */
        assert_int_equal(manager_defaults_load(SCOPE_SYSTEM, &remap, &e, &diags), 0);
        assert_int_equal(e.start_limit_burst, 13);
        assert_int_equal(e.restart_sec, 100 * USEC_PER_MSEC);
        manager_defaults_done(&e);
        assert_int_equal(diags.n, 0);
}

/* Seen in a 252 user manager: at a bad line of user.conf or of a user.conf.d/
 * drop-in, the lines before it apply and no later file is read. */
static void test_manager_defaults_stop_at_a_refused_file(void **state) {
        struct searchpath_remap remap = { .home = "/home/u", .root = root };
        struct diag_list diags = {};
        struct manager_defaults d;

        put("home/u/.config/systemd/user.conf",
            "[Manager]\nDefaultStartLimitBurst=3\n[Manager]x\nDefaultRestartSec=7\n");
        put("etc/systemd/user.conf", "[Manager]\nDefaultRestartSec=8\n");
        put("etc/systemd/user.conf.d/50-x.conf", "[Manager]\nDefaultStartLimitIntervalSec=1min\n");
        assert_int_equal(manager_defaults_load(SCOPE_USER, &remap, &d, &diags), 0);
        assert_int_equal(d.start_limit_burst, 3);
        assert_int_equal(d.restart_sec, 100 * USEC_PER_MSEC);
        assert_int_equal(d.start_limit_interval, 10 * USEC_PER_SEC);
        assert_int_equal(strv_length(d.files), 1);
        assert_int_equal(diag_count(&diags, DIAG_ERROR), 1);
        manager_defaults_done(&d);
        diag_list_clear(&diags);

        /* A good main file, then a drop-in that stops: the ones after it are not read. */
        put("home/u/.config/systemd/user.conf", "[Manager]\nDefaultStartLimitBurst=3\n");
        put("etc/systemd/user.conf.d/10-bad.conf",
            "[Manager]\nDefaultRestartSec=7\nX=\xff\nDefaultStartLimitBurst=4\n");
        assert_int_equal(manager_defaults_load(SCOPE_USER, &remap, &d, &diags), 0);
        assert_int_equal(d.start_limit_burst, 3);
        assert_int_equal(d.restart_sec, 7 * USEC_PER_SEC);
        assert_int_equal(d.start_limit_interval, 10 * USEC_PER_SEC);
        assert_int_equal(strv_length(d.files), 2);
        manager_defaults_done(&d);
        diag_list_clear(&diags);
}

/* Without a home remap, $XDG_CONFIG_HOME names the user's config dir. */
static void test_manager_defaults_xdg_config_home(void **state) {
        struct searchpath_remap remap = { .root = root };
        struct manager_defaults d;

        put("xdg/systemd/user.conf", "[Manager]\nDefaultStartLimitBurst=21\n");
        assert_int_equal(setenv("XDG_CONFIG_HOME", "/xdg", 1), 0);
        assert_int_equal(manager_defaults_load(SCOPE_USER, &remap, &d, NULL), 0);
        assert_int_equal(d.start_limit_burst, 21);
        manager_defaults_done(&d);
        assert_int_equal(unsetenv("XDG_CONFIG_HOME"), 0);
}

static void test_restart_mode_names(void **state) {
        for (int m = 0; m < _RESTART_MAX; m++)
                assert_int_equal(restart_mode_from_string(restart_mode_name(m)), m);
        assert_int_equal(restart_mode_from_string("on-failure"), RESTART_ON_FAILURE);
        assert_int_equal(restart_mode_from_string("On-Failure"), -EINVAL);
        assert_int_equal(restart_mode_from_string(""), -EINVAL);
        assert_null(restart_mode_name(_RESTART_MAX));
}

static void test_exit_status_set_format_bounds(void **state) {
        struct exit_status_set s = {};
        char buf[EXIT_STATUS_SET_FORMAT_MAX], small[8];

        memset(s.status, 0xff, sizeof(s.status));
        s.signals = ~0ULL;
        exit_status_set_format(&s, "", buf, sizeof(buf));
        assert_true(strlen(buf) < sizeof(buf) - 1);
        assert_non_null(strstr(buf, "254 255 HUP INT"));
        assert_non_null(strstr(buf, "RTMIN+0 RTMIN+1"));
        assert_string_equal(exit_status_set_format(&s, "", small, sizeof(small)), "0 1 2 3");
        assert_false(exit_status_set_contains(&s, 256));
        assert_false(exit_status_set_contains(&s, -1));
}

static void test_unit_keys(void **state) {
        assert_true(unit_key_is_valid("Service", "Restart"));
        assert_true(unit_key_is_valid("Service", "StartLimitBurst"));
        assert_false(unit_key_is_valid("Service", "StartLimitIntervalSec"));
        assert_true(unit_key_is_valid("Unit", "StartLimitIntervalSec"));
        assert_false(unit_key_is_valid("Unit", "Restart"));
        assert_false(unit_key_is_valid("Service", "restart"));
        assert_false(unit_key_is_valid("Service", "RestartSteps"));   /* v254 */
        assert_true(unit_key_is_valid("Install", "WantedBy"));
        assert_false(unit_key_is_valid("service", "Restart"));
        assert_null(unit_keys_for_section("Socket"));
        assert_string_equal(unit_key_home_section("StartLimitIntervalSec", "Service"), "Unit");
        assert_string_equal(unit_key_home_section("WantedBy", NULL), "Install");
        assert_null(unit_key_home_section("RestartSecs", NULL));
        /* Lookups bisect: every list must stay strcmp-sorted and duplicate-free. */
        for (unsigned i = 0; unit_key_sections[i]; i++) {
                const char *const *k = unit_keys_for_section(unit_key_sections[i]);
                for (unsigned j = 1; k[j]; j++)
                        assert_true(strcmp(k[j - 1], k[j]) < 0);
        }
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test_setup_teardown(test_not_found_has_defaults, setup, teardown),
                cmocka_unit_test_setup_teardown(test_stock_hermes_unit, setup, teardown),
                cmocka_unit_test_setup_teardown(test_empty_assignments_are_ignored, setup, teardown),
                cmocka_unit_test_setup_teardown(test_invalid_values_are_ignored, setup, teardown),
                cmocka_unit_test_setup_teardown(test_misplaced_and_legacy_keys, setup, teardown),
                cmocka_unit_test_setup_teardown(test_unknown_keys_and_sections, setup, teardown),
                cmocka_unit_test_setup_teardown(test_restart_prevent_exit_status, setup, teardown),
                cmocka_unit_test_setup_teardown(test_start_limit_action_by_scope, setup, teardown),
                cmocka_unit_test_setup_teardown(test_dropins_override_in_order, setup, teardown),
                cmocka_unit_test_setup_teardown(test_masked_unit_keeps_dropins, setup, teardown),
                cmocka_unit_test_setup_teardown(test_relative_devnull_link_masks_a_dropin, setup, teardown),
                cmocka_unit_test_setup_teardown(test_refused_dropin_applies_up_to_the_bad_line, setup, teardown),
                cmocka_unit_test_setup_teardown(test_refused_fragment_fails_to_load, setup, teardown),
                cmocka_unit_test_setup_teardown(test_manager_defaults_builtin, setup, teardown),
                cmocka_unit_test_setup_teardown(test_manager_defaults_user, setup, teardown),
                cmocka_unit_test_setup_teardown(test_manager_defaults_stop_at_a_refused_file, setup, teardown),
                cmocka_unit_test_setup_teardown(test_manager_defaults_xdg_config_home, setup, teardown),
                cmocka_unit_test(test_restart_mode_names),
                cmocka_unit_test(test_exit_status_set_format_bounds),
                cmocka_unit_test(test_unit_keys),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
