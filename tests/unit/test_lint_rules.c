/* SPDX-License-Identifier: MIT */
/*
 * hermes-unit-lint's building blocks: the rule registry, rules at their
 * boundaries (on synthetic effective values, no files), suppressions. Whole-program
 * behaviour per rule is in tests/golden/lint/.
 */
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "explain.h"
#include "finding.h"
#include "json.h"
#include "rulehelp.h"
#include "rules.h"
#include "ruleutil.h"
#include "suppress.h"

/* ---- the registry ---------------------------------------------------------- */

/* IDs come in blocks (HG030-HG039 the live rules, HG040-HG049 the cron contract):
 * "HG" and three digits, ascending, never twice; names never twice. */
static void test_registry_ids_are_ascending_and_unique(void **state) {
        for (size_t i = 0; i < n_rules; i++) {
                assert_int_equal(strlen(rules[i].id), 5);
                assert_memory_equal(rules[i].id, "HG", 2);
                assert_int_equal(strspn(rules[i].id + 2, "0123456789"), 3);
                if (i > 0)
                        assert_true(strcmp(rules[i - 1].id, rules[i].id) < 0);
                for (size_t k = 0; k < i; k++)
                        assert_string_not_equal(rules[i].name, rules[k].name);
        }
}

static void test_registry_entries_are_complete(void **state) {
        for (size_t i = 0; i < n_rules; i++) {
                const struct rule *r = &rules[i];
                assert_true(strspn(r->name, "abcdefghijklmnopqrstuvwxyz0123456789-") == strlen(r->name));
                assert_true(r->summary && r->summary[0]);
                assert_true(r->check || r->check_run);     /* at least one */
                assert_true(r->default_severity < _SEVERITY_MAX);
                assert_int_equal(rule_index(r), i);
        }
}

/* The man page documents every rule (why, a bad example, the fix: the build
 * checks the shape) and no other; its heading agrees with the registry. */
static void test_every_rule_has_its_man_page_help(void **state) {
        assert_int_equal(n_rule_help, n_rules);
        for (size_t i = 0; i < n_rules; i++) {
                const struct rule *r = &rules[i];
                const struct rule_help *h = rule_help_find(r->id);
                char attrs[64];

                if (!h)
                        fail_msg("%s has no subsection \".Ss %s %s (...)\" in RULES of hermes-unit-lint(1)",
                                 r->id, r->id, r->name);
                assert_string_equal(h->name, r->name);
                snprintf(attrs, sizeof(attrs), "%s%s", severity_name(r->default_severity),
                         r->flags & RULE_GATEWAY_ONLY ? ", gateway" : "");
                assert_string_equal(h->attrs, attrs);
                assert_true(h->why[0] && h->text[0] && h->markdown[0]);
                assert_non_null(strstr(h->text, "\nExample\n"));
                assert_non_null(strstr(h->text, "\nFix\n"));
        }
}

static void test_explain_prints_the_rules_page(void **state) {
        char *text = NULL;
        size_t size = 0;
        FILE *f = open_memstream(&text, &size);

        assert_non_null(f);
        assert_int_equal(explain_rule(f, "start-limit-disabled"), 0);
        assert_int_equal(explain_rule(f, "hg999"), -ENOENT);
        assert_int_equal(fclose(f), 0);
        assert_true(strncmp(text, "HG004 start-limit-disabled (error, gateway)\n", 44) == 0);
        assert_non_null(strstr(text, rule_find("HG004")->summary));
        assert_non_null(strstr(text, rule_help_find("HG004")->text));
        free(text);
}

static void test_rule_find_by_id_and_name(void **state) {
        assert_ptr_equal(rule_find("HG004"), rule_find("start-limit-disabled"));
        assert_ptr_equal(rule_find("hg004"), rule_find("HG004"));
        assert_non_null(rule_find("restart-always"));
        assert_null(rule_find("Restart-Always"));   /* names are exact */
        assert_null(rule_find("HG999"));
        assert_null(rule_find(""));
}

/* ---- rules on synthetic units ------------------------------------------------- */

struct fixture {
        struct unitset set;
        struct effective eff;
        struct lint_unit unit;
        struct lint_ctx ctx;
        struct findings out;
};

static struct fixture *fixture_new(void) {
        struct fixture *f = calloc(1, sizeof(*f));

        assert_non_null(f);
        f->set = (struct unitset) { .name = (char *) "hermes-gateway.service", .id = (char *) "hermes-gateway.service",
                                    .load_state = LOAD_LOADED };
        f->eff = (struct effective) {
                .unit = &f->set, .restart = RESTART_ON_FAILURE, .restart_usec = 10 * USEC_PER_SEC,
                .start_limit_interval = 10 * USEC_PER_MINUTE, .start_limit_burst = 5,
                .start_limit_action = (char *) "none",
        };
        f->unit = (struct lint_unit) {
                .name = (char *) "hermes-gateway.service", .gateway = true, .set = &f->set, .eff = &f->eff,
                .guard = { .restart = (char *) "on-failure", .restart_sec = 10 * USEC_PER_SEC,
                           .start_limit_interval = 10 * USEC_PER_MINUTE, .start_limit_burst = 5,
                           .restart_prevent_exit_status = (char *) "78", .enabled = true },
                .min_restart_sec = 10 * USEC_PER_SEC,
        };
        f->ctx = (struct lint_ctx) { .scope = SCOPE_USER, .systemd_version = 252 };
        return f;
}

/* Runs one rule on the fixture; returns how many findings it made. */
static size_t run_rule(struct fixture *f, const char *rule) {
        const struct rule *r = rule_find(rule);

        assert_non_null(r);
        findings_clear(&f->out);
        f->out.rule = r;
        r->check(&f->ctx, &f->unit, &f->out);
        return f->out.n;
}

static void fixture_free(struct fixture *f) {
        findings_clear(&f->out);
        free(f);
}

static void test_never_trips_at_the_boundary(void **state) {
        struct fixture *f = fixture_new();

        f->eff.start_limit_interval = 50 * USEC_PER_SEC;        /* 5 x 10s = 50s: never */
        assert_int_equal(run_rule(f, "start-limit-never-trips"), 1);
        f->eff.start_limit_interval = 50 * USEC_PER_SEC + 1;    /* one microsecond longer: trips */
        assert_int_equal(run_rule(f, "start-limit-never-trips"), 0);
        f->eff.start_limit_interval = USEC_INFINITY;            /* the window never ends */
        assert_int_equal(run_rule(f, "start-limit-never-trips"), 0);
        f->eff.start_limit_interval = 2 * USEC_PER_SEC;          /* seen: 1s x 3 vs 2s loops */
        f->eff.restart_usec = USEC_PER_SEC;
        f->eff.start_limit_burst = 3;
        assert_int_equal(run_rule(f, "start-limit-never-trips"), 1);
        f->eff.start_limit_interval = USEC_PER_MINUTE;           /* ... and vs 1min stops */
        assert_int_equal(run_rule(f, "start-limit-never-trips"), 0);
        f->eff.start_limit_burst = UINT_MAX;                      /* the product overflows: never */
        f->eff.restart_usec = USEC_INFINITY - 1;
        assert_int_equal(run_rule(f, "start-limit-never-trips"), 1);
        f->eff.start_limit_interval = 0;                          /* disabled: HG004's business */
        assert_int_equal(run_rule(f, "start-limit-never-trips"), 0);
        f->eff.start_limit_interval = USEC_PER_MINUTE;
        f->eff.restart = RESTART_NO;                              /* no restart, no loop */
        assert_int_equal(run_rule(f, "start-limit-never-trips"), 0);
        fixture_free(f);
}

static void test_start_limit_disabled_respects_the_policy(void **state) {
        struct fixture *f = fixture_new();

        assert_int_equal(run_rule(f, "start-limit-disabled"), 0);
        f->eff.start_limit_interval = 0;
        assert_int_equal(run_rule(f, "start-limit-disabled"), 1);
        f->eff.start_limit_burst = 0;
        assert_int_equal(run_rule(f, "start-limit-disabled"), 2);
        f->unit.guard.start_limit_interval = 0;                 /* the policy asks for no limit */
        assert_int_equal(run_rule(f, "start-limit-disabled"), 0);
        fixture_free(f);
}

static void test_restart_modes_against_the_policy(void **state) {
        struct fixture *f = fixture_new();

        f->eff.restart = RESTART_ALWAYS;
        assert_int_equal(run_rule(f, "restart-always"), 1);
        f->unit.guard.restart = (char *) "always";
        assert_int_equal(run_rule(f, "restart-always"), 0);
        f->eff.restart = RESTART_NO;
        assert_int_equal(run_rule(f, "restart-missing"), 1);
        f->unit.guard.restart = (char *) "no";
        assert_int_equal(run_rule(f, "restart-missing"), 0);
        f->eff.restart = RESTART_ON_ABNORMAL;
        f->unit.guard.restart = (char *) "on-failure";
        assert_int_equal(run_rule(f, "restart-missing") + run_rule(f, "restart-always"), 0);
        fixture_free(f);
}

static void test_restart_sec_against_the_minimum(void **state) {
        struct fixture *f = fixture_new();

        f->eff.restart_usec = 10 * USEC_PER_SEC - 1;
        assert_int_equal(run_rule(f, "restart-sec-too-low"), 1);
        f->eff.restart_usec = 10 * USEC_PER_SEC;
        assert_int_equal(run_rule(f, "restart-sec-too-low"), 0);
        f->eff.restart_usec = 100 * USEC_PER_MSEC;
        f->eff.restart = RESTART_NO;                          /* no restarts: no delay to judge */
        assert_int_equal(run_rule(f, "restart-sec-too-low"), 0);
        fixture_free(f);
}

static void prevent(struct effective *e, int status) {
        e->restart_prevent_exit_status.status[status / 8] |= (unsigned char) (1u << (status % 8));
}

static void test_prevent_78_and_the_policy_list(void **state) {
        struct fixture *f = fixture_new();

        assert_int_equal(run_rule(f, "restart-prevent-78-missing"), 1);
        assert_non_null(strstr(f->out.items[0].message, "lacks 78"));
        prevent(&f->eff, 78);
        assert_int_equal(run_rule(f, "restart-prevent-78-missing"), 0);
        f->unit.guard.restart_prevent_exit_status = (char *) "75 78 SIGKILL";
        assert_int_equal(run_rule(f, "restart-prevent-78-missing"), 1);
        assert_non_null(strstr(f->out.items[0].message, "lacks 75 SIGKILL"));
        prevent(&f->eff, 75);
        f->eff.restart_prevent_exit_status.signals |= 1ULL << (9 - 1);
        assert_int_equal(run_rule(f, "restart-prevent-78-missing"), 0);
        fixture_free(f);
}

static void set_status(struct exit_status_set *s, int status) {
        s->status[status / 8] |= (unsigned char) (1u << (status % 8));
}

/* systemd's service_shall_restart(): prevent, then force, then Restart=, where 75
 * counts as success when SuccessExitStatus= lists it. */
static void test_planned_restart_follows_systemd(void **state) {
        static const struct {
                enum restart_mode mode;
                bool success75, force75, prevent75, lost;
        } cases[] = {
                { RESTART_ALWAYS,      true,  false, false, false },
                { RESTART_ON_FAILURE,  false, false, false, false },  /* 75 is a failure */
                { RESTART_ON_FAILURE,  true,  false, false, true  },  /* 75 is a success */
                { RESTART_ON_FAILURE,  true,  true,  false, false },  /* forced */
                { RESTART_ON_ABNORMAL, false, false, false, true  },  /* exit codes never */
                { RESTART_ON_ABNORMAL, false, true,  false, false },
                { RESTART_ON_SUCCESS,  true,  false, false, false },
                { RESTART_ALWAYS,      false, true,  true,  true  },  /* prevent beats force */
                { RESTART_NO,          false, false, false, false },  /* HG001's business */
        };

        for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
                struct fixture *f = fixture_new();
                f->eff.restart = cases[i].mode;
                if (cases[i].success75)
                        set_status(&f->eff.success_exit_status, 75);
                if (cases[i].force75)
                        set_status(&f->eff.restart_force_exit_status, 75);
                if (cases[i].prevent75)
                        set_status(&f->eff.restart_prevent_exit_status, 75);
                assert_int_equal(run_rule(f, "planned-restart-lost"), cases[i].lost ? 1 : 0);
                fixture_free(f);
        }
}

static struct unit_file *one_line_file(const char *section, const char *key, const char *value) {
        struct unit_file *f = calloc(1, sizeof(*f));
        struct unit_assignment *a = calloc(1, sizeof(*a));

        assert_true(f && a);
        *a = (struct unit_assignment) { .section = (char *) section, .key = (char *) key,
                                        .value = (char *) value, .line = 3 };
        *f = (struct unit_file) { .path = (char *) "/nonexistent/x.conf", .assignments = a, .n_assignments = 1 };
        return f;
}

static size_t month_findings(const char *key, const char *value) {
        struct fixture *f = fixture_new();
        struct unit_file *uf = one_line_file("Service", key, value);
        struct unit_file *files[] = { uf };
        size_t n;

        f->eff.files = files;
        f->eff.n_files = 1;
        n = run_rule(f, "month-not-minute");
        free(uf->assignments);
        free(uf);
        fixture_free(f);
        return n;
}

static void test_month_not_minute(void **state) {
        assert_int_equal(month_findings("RestartSec", "10M"), 1);
        assert_int_equal(month_findings("RestartSec", "1.5M"), 1);
        assert_int_equal(month_findings("StartLimitIntervalSec", "1h 10 M"), 1);
        assert_int_equal(month_findings("RestartSec", "10m"), 0);
        assert_int_equal(month_findings("RestartSec", "10min"), 0);
        assert_int_equal(month_findings("RestartSec", "1month"), 0);     /* spelled out: meant */
        assert_int_equal(month_findings("RestartSec", "2 months"), 0);
        assert_int_equal(month_findings("Environment", "X=10M"), 0);     /* not a time span */
}

static size_t version_findings(const char *key, unsigned version) {
        struct fixture *f = fixture_new();
        struct unit_file *uf = one_line_file("Service", key, "5");
        struct unit_file *files[] = { uf };
        size_t n;

        f->eff.files = files;
        f->eff.n_files = 1;
        f->ctx.systemd_version = version;
        n = run_rule(f, "key-needs-newer-systemd");
        free(uf->assignments);
        free(uf);
        fixture_free(f);
        return n;
}

static void test_key_versions(void **state) {
        assert_int_equal(version_findings("RestartSteps", 253), 1);
        assert_int_equal(version_findings("RestartSteps", 254), 0);
        assert_int_equal(version_findings("RestartMaxDelaySec", 252), 1);
        assert_int_equal(version_findings("RestartSec", 200), 0);
}

/* ---- findings, suppressions ---------------------------------------------------- */

static void test_findings_sort_and_remove(void **state) {
        struct findings f = { .rule = rule_find("HG002") };

        finding_add(&f, "b.conf", 3, 1, "second");
        finding_add(&f, NULL, 0, 0, "host");
        finding_add(&f, "a.conf", 9, 4, "first %d", 1);
        f.rule = rule_find("HG001");
        finding_add(&f, "b.conf", 3, 1, "same place, lower id");
        findings_sort(&f);
        assert_int_equal(f.n, 4);
        assert_string_equal(f.items[0].message, "first 1");
        assert_string_equal(f.items[1].rule->id, "HG001");
        assert_string_equal(f.items[2].message, "second");
        assert_null(f.items[3].file);
        assert_int_equal(f.items[3].column, 0);
        findings_remove(&f, 0);
        assert_int_equal(f.n, 3);
        assert_string_equal(f.items[0].rule->id, "HG001");
        assert_int_equal(findings_count(&f, SEVERITY_WARNING), 3);
        assert_int_equal(findings_count(&f, SEVERITY_ERROR), 0);
        findings_clear(&f);
}

static char *write_temp(const char *text) {
        char *path = strdup("/tmp/test_lint_rules.XXXXXX");
        int fd = mkstemp(path);

        assert_true(fd >= 0);
        assert_int_equal(write(fd, text, strlen(text)), (ssize_t) strlen(text));
        close(fd);
        return path;
}

static void test_suppression_comments(void **state) {
        char *path = write_temp("# hermes-unit-lint: disable=HG003\n"
                                "[Service]\n"
                                "# hermes-unit-lint: disable=restart-always, HG006\n"
                                "# (deliberate: see the runbook)\n"
                                "Restart=always\n"
                                "\n"
                                "Restart=always\n");
        struct policy_lint pl = {};
        struct findings f = {};

        f.rule = rule_find("restart-always");
        finding_add(&f, path, 5, 9, "suppressed by the comment block above");
        finding_add(&f, path, 7, 9, "a blank line ends the block: kept");
        f.rule = rule_find("HG003");
        finding_add(&f, path, 7, 1, "suppressed for the whole file");
        f.rule = rule_find("HG006");
        finding_add(&f, path, 5, 1, "suppressed by the second id");
        f.rule = rule_find("HG004");
        finding_add(&f, path, 5, 1, "another rule: kept");
        lint_apply_config(&pl, &(struct lint_ctx) {}, &f);
        assert_int_equal(f.n, 2);
        assert_string_equal(f.items[0].message, "a blank line ends the block: kept");
        assert_string_equal(f.items[1].message, "another rule: kept");
        findings_clear(&f);
        unlink(path);
        free(path);
}

static void test_policy_lint_section(void **state) {
        char *disable[] = { (char *) "HG004", NULL }, *error[] = { (char *) "restart-always", NULL };
        char *info[] = { (char *) "HG001", NULL };
        struct policy_lint pl = { .disable = disable, .error = error, .info = info };
        struct findings f = {};

        f.rule = rule_find("HG004");
        finding_add(&f, NULL, 0, 0, "disabled");
        f.rule = rule_find("HG002");
        finding_add(&f, NULL, 0, 0, "now an error");
        f.rule = rule_find("HG001");
        finding_add(&f, NULL, 0, 0, "now info");
        lint_apply_config(&pl, &(struct lint_ctx) {}, &f);
        assert_int_equal(f.n, 2);
        assert_int_equal(f.items[0].severity, SEVERITY_ERROR);
        assert_int_equal(f.items[1].severity, SEVERITY_INFO);
        findings_clear(&f);
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_registry_ids_are_ascending_and_unique),
                cmocka_unit_test(test_registry_entries_are_complete),
                cmocka_unit_test(test_every_rule_has_its_man_page_help),
                cmocka_unit_test(test_explain_prints_the_rules_page),
                cmocka_unit_test(test_rule_find_by_id_and_name),
                cmocka_unit_test(test_never_trips_at_the_boundary),
                cmocka_unit_test(test_start_limit_disabled_respects_the_policy),
                cmocka_unit_test(test_restart_modes_against_the_policy),
                cmocka_unit_test(test_restart_sec_against_the_minimum),
                cmocka_unit_test(test_prevent_78_and_the_policy_list),
                cmocka_unit_test(test_planned_restart_follows_systemd),
                cmocka_unit_test(test_month_not_minute),
                cmocka_unit_test(test_key_versions),
                cmocka_unit_test(test_findings_sort_and_remove),
                cmocka_unit_test(test_suppression_comments),
                cmocka_unit_test(test_policy_lint_section),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
