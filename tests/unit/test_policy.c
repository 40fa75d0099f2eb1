/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
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

#include "fileio.h"
#include "fixture.h"
#include "guardkeys.h"
#include "policy.h"
#include "strv.h"

#define KEY_BIT(k) guard_key_bit(guard_key_policy(k))

/* ---- fixtures ------------------------------------------------------------ */

static char *tmp;

static int setup_tmp(void **state) {
        tmp = fixture_root();
        return tmp ? 0 : -1;
}

static int teardown_tmp(void **state) {
        fixture_free(tmp);
        tmp = NULL;
        return 0;
}

/* tmp/<rel>, in one of 8 static buffers used in turn. */
static const char *at(const char *rel) {
        static char paths[8][PATH_MAX];
        static unsigned next;
        char *path = paths[next++ % 8];

        snprintf(path, PATH_MAX, "%s/%s", tmp, rel);
        return path;
}

static void write_bytes(const char *rel, const char *data, size_t size) {
        fixture_write_bytes(tmp, rel, data, size);
}

static void write_file(const char *rel, const char *text) {
        fixture_write(tmp, rel, text);
}

/* The built-in defaults plus one file with text; diags collected in *diags. */
static struct policy *load_text(enum scope scope, const char *text, struct diag_list *diags) {
        struct policy *pol = NULL;

        write_file("p.conf", text);
        assert_int_equal(policy_new_default(&pol), 0);
        pol->scope = scope;
        assert_int_equal(policy_load_file(pol, at("p.conf"), diags), 0);
        return pol;
}

static const struct diag *find_diag(const struct diag_list *l, enum diag_code code, unsigned line) {
        for (size_t i = 0; i < l->n; i++)
                if (l->items[i].code == code && l->items[i].line == line)
                        return &l->items[i];
        return NULL;
}

/* Exactly one diagnostic, with this level, code, file and line. */
static const struct diag *assert_one_diag(const struct diag_list *l, enum diag_level level,
                                          enum diag_code code, const char *file, unsigned line) {
        if (l->n != 1 || !find_diag(l, code, line)) {
                for (size_t i = 0; i < l->n; i++)
                        print_message("diag: %s:%u: %s [%s]\n", l->items[i].file, l->items[i].line,
                                      l->items[i].message, diag_code_name(l->items[i].code));
                fail_msg("expected exactly one %s diag [%s] at line %u", diag_level_name(level), diag_code_name(code), line);
        }
        assert_int_equal(l->items[0].level, level);
        assert_string_equal(l->items[0].file, file);
        return &l->items[0];
}

static void assert_strv(char **l, const char *const *expected) {
        size_t i;

        for (i = 0; expected[i]; i++) {
                assert_non_null(l[i]);
                assert_string_equal(l[i], expected[i]);
        }
        assert_null(l[i]);
}

static void assert_default_guardrails(const struct guardrails *g) {
        assert_string_equal(g->restart, "on-failure");
        assert_int_equal(g->restart_sec, 10 * USEC_PER_SEC);
        assert_int_equal(g->start_limit_interval, 10 * USEC_PER_MINUTE);
        assert_int_equal(g->start_limit_burst, 5);
        assert_null(g->start_limit_action);
        assert_null(g->on_failure);
        assert_string_equal(g->restart_prevent_exit_status, "78");
        assert_int_equal(g->restart_steps, 0);
        assert_int_equal(g->restart_max_delay, 0);
        assert_int_equal(g->priority, POLICY_PRIORITY_NORMAL);
        assert_true(g->enabled);
}

/* ---- defaults ------------------------------------------------------------ */

static void test_defaults(void **state) {
        static const char *const units[] = { "hermes-gateway.service", "hermes-gateway-*.service",
                                             "hermes-gateway@.service", "hermes.service", NULL };
        struct policy *pol = NULL;

        assert_int_equal(policy_new_default(&pol), 0);
        assert_default_guardrails(&pol->guard);
        assert_int_equal(pol->guard.set, 0);
        assert_strv(pol->units, units);
        assert_int_equal(strv_length(pol->exclude), 0);
        assert_int_equal(pol->n_sections, 0);
        assert_int_equal(strv_length(pol->files), 0);
        assert_int_equal(strv_length(pol->lint.disable), 0);
        assert_false(pol->lint.min_restart_sec_set);
        assert_int_equal(pol->lint.min_restart_sec, 10 * USEC_PER_SEC);
        policy_free(pol);
}

static void test_no_policy_files_gives_defaults_silently(void **state) {
        struct policy_paths paths = { .scope = SCOPE_USER, .sysconfdir = at("etc"), .home = at("home") };
        struct diag_list diags = {};
        struct policy *pol = NULL;

        assert_int_equal(policy_load(&paths, &pol, &diags), 0);
        assert_int_equal(diags.n, 0);
        assert_default_guardrails(&pol->guard);
        assert_int_equal(strv_length(pol->files), 0);
        policy_free(pol);
}

/* ---- [guardrails] keys ---------------------------------------------------- */

static void test_every_guardrail_key_valid(void **state) {
        struct diag_list diags = {};
        struct policy *pol = load_text(SCOPE_USER,
                "[guardrails]\n"
                "Restart=always\n"
                "RestartSec=1min 30s\n"
                "StartLimitIntervalSec=1h\n"
                "StartLimitBurst=3\n"
                "StartLimitAction=exit-force\n"
                "OnFailure=hermes-alert.service   notify@%n.service\n"
                "RestartPreventExitStatus=SIGKILL 78 0x4b KILL CONFIG RTMIN+3\n"
                "RestartSteps=5\n"
                "RestartMaxDelaySec=5min\n"
                "Priority=early\n"
                "Enabled=no\n", &diags);
        const struct guardrails *g = &pol->guard;

        assert_int_equal(diags.n, 0);
        assert_string_equal(g->restart, "always");
        assert_int_equal(g->restart_sec, 90 * USEC_PER_SEC);
        assert_int_equal(g->start_limit_interval, 3600 * USEC_PER_SEC);
        assert_int_equal(g->start_limit_burst, 3);
        assert_string_equal(g->start_limit_action, "exit-force");
        assert_string_equal(g->on_failure, "hermes-alert.service notify@%n.service");
        assert_string_equal(g->restart_prevent_exit_status, "75 78 SIGKILL SIGRTMIN+3");
        assert_int_equal(g->restart_steps, 5);
        assert_int_equal(g->restart_max_delay, 5 * USEC_PER_MINUTE);
        assert_int_equal(g->priority, POLICY_PRIORITY_EARLY);
        assert_false(g->enabled);
        assert_int_equal(g->set, (1 << 11) - 1);
        policy_free(pol);
}

static void test_every_restart_mode(void **state) {
        const char *modes[] = { "no", "on-success", "on-failure", "on-abnormal", "on-watchdog", "on-abort",
                                "always" };

        for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
                char text[100];
                struct diag_list diags = {};
                snprintf(text, sizeof(text), "[guardrails]\nRestart=%s\n", modes[i]);
                struct policy *pol = load_text(SCOPE_USER, text, &diags);
                assert_int_equal(diags.n, 0);
                assert_string_equal(pol->guard.restart, modes[i]);
                policy_free(pol);
        }
}

static void test_booleans_as_systemd(void **state) {
        const char *yes[] = { "yes", "true", "1", "on", "Yes" }, *no[] = { "no", "false", "0", "off", "OFF" };

        for (size_t i = 0; i < 5; i++) {
                char text[100];
                struct diag_list diags = {};
                snprintf(text, sizeof(text), "[guardrails]\nEnabled=%s\nEnabled=%s\n", no[i], yes[i]);
                struct policy *pol = load_text(SCOPE_USER, text, &diags);
                assert_int_equal(diags.n, 0);
                assert_true(pol->guard.enabled);
                policy_free(pol);
                snprintf(text, sizeof(text), "[guardrails]\nEnabled=%s\n", no[i]);
                pol = load_text(SCOPE_USER, text, &diags);
                assert_false(pol->guard.enabled);
                policy_free(pol);
        }
}

static void test_numbers_and_times_as_systemd(void **state) {
        struct diag_list diags = {};
        struct policy *pol = load_text(SCOPE_USER,
                "[guardrails]\nStartLimitBurst=0x10\nRestartSec=90\nStartLimitIntervalSec=infinity\n"
                "RestartSteps=010\n", &diags);

        assert_int_equal(diags.n, 0);
        assert_int_equal(pol->guard.start_limit_burst, 16);
        assert_int_equal(pol->guard.restart_sec, 90 * USEC_PER_SEC);
        assert_true(pol->guard.start_limit_interval == USEC_INFINITY);
        assert_int_equal(pol->guard.restart_steps, 8);
        policy_free(pol);
}

static void test_1M_is_a_month_not_a_minute(void **state) {
        struct diag_list diags = {};
        struct policy *pol = load_text(SCOPE_USER, "[guardrails]\nStartLimitIntervalSec=1M\n", &diags);

        assert_int_equal(diags.n, 0);
        assert_true(pol->guard.start_limit_interval > 30 * 24 * 3600 * USEC_PER_SEC);
        policy_free(pol);
}

struct bad_value {
        const char *key, *value;
};

/* Each invalid value: one DIAG_ERROR DIAG_POLICY_INVALID_VALUE on its line, the key keeps its default. */
static void test_invalid_values_keep_the_previous_value(void **state) {
        static const struct bad_value cases[] = {
                { "Restart", "sometimes" }, { "Restart", "On-failure" }, { "Restart", "" },
                { "RestartSec", "5 parsecs" }, { "RestartSec", "-1s" }, { "RestartSec", "" },
                { "StartLimitIntervalSec", "soon" }, { "StartLimitIntervalSec", "" },
                { "StartLimitBurst", "-1" }, { "StartLimitBurst", "4294967296" }, { "StartLimitBurst", "5x" },
                { "StartLimitBurst", "" },
                { "StartLimitAction", "halt" }, { "StartLimitAction", "reboot" }, { "StartLimitAction", "soft-reboot" },
                { "OnFailure", "not a unit" }, { "OnFailure", "a.service,b.service" }, { "OnFailure", "foo" },
                { "RestartPreventExitStatus", "256" }, { "RestartPreventExitStatus", "78 SIGFOO" },
                { "RestartPreventExitStatus", "78,79" }, { "RestartPreventExitStatus", "sigkill" },
                { "RestartSteps", "many" }, { "RestartMaxDelaySec", "1 fortnight" },
                { "Priority", "high" }, { "Priority", "Early" }, { "Priority", "" },
                { "Enabled", "maybe" }, { "Enabled", "" },
        };

        for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
                char text[200];
                struct diag_list diags = {};
                snprintf(text, sizeof(text), "# case %zu\n[guardrails]\n%s=%s\n", i, cases[i].key, cases[i].value);
                struct policy *pol = load_text(SCOPE_USER, text, &diags);
                const struct diag *d = assert_one_diag(&diags, DIAG_ERROR, DIAG_POLICY_INVALID_VALUE, at("p.conf"), 3);
                assert_non_null(strstr(d->message, cases[i].key));
                assert_default_guardrails(&pol->guard);
                assert_int_equal(pol->guard.set, 0);
                diag_list_clear(&diags);
                policy_free(pol);
        }
}

static void test_invalid_value_after_valid_one_keeps_the_valid_one(void **state) {
        struct diag_list diags = {};
        struct policy *pol = load_text(SCOPE_USER, "[guardrails]\nRestartSec=1s\nRestartSec=5 parsecs\n", &diags);

        assert_one_diag(&diags, DIAG_ERROR, DIAG_POLICY_INVALID_VALUE, at("p.conf"), 3);
        assert_int_equal(pol->guard.restart_sec, USEC_PER_SEC);
        assert_true(pol->guard.set & KEY_BIT("RestartSec"));
        diag_list_clear(&diags);
        policy_free(pol);
}

static void test_start_limit_action_depends_on_scope(void **state) {
        const char *system_only[] = { "reboot", "reboot-force", "reboot-immediate", "poweroff", "poweroff-force",
                                      "poweroff-immediate" };
        const char *both[] = { "none", "exit", "exit-force" };

        for (size_t i = 0; i < 6; i++) {
                char text[100];
                struct diag_list diags = {};
                snprintf(text, sizeof(text), "[guardrails]\nStartLimitAction=%s\n", system_only[i]);
                struct policy *pol = load_text(SCOPE_SYSTEM, text, &diags);
                assert_int_equal(diags.n, 0);
                assert_string_equal(pol->guard.start_limit_action, system_only[i]);
                policy_free(pol);
                pol = load_text(SCOPE_USER, text, &diags);
                const struct diag *d = assert_one_diag(&diags, DIAG_ERROR, DIAG_POLICY_INVALID_VALUE, at("p.conf"), 2);
                assert_non_null(strstr(d->message, "user manager"));
                assert_null(pol->guard.start_limit_action);
                diag_list_clear(&diags);
                policy_free(pol);
        }
        for (size_t i = 0; i < 3; i++)
                for (int scope = SCOPE_SYSTEM; scope <= SCOPE_USER; scope++) {
                        char text[100];
                        struct diag_list diags = {};
                        snprintf(text, sizeof(text), "[guardrails]\nStartLimitAction=%s\n", both[i]);
                        struct policy *pol = load_text(scope, text, &diags);
                        assert_int_equal(diags.n, 0);
                        assert_string_equal(pol->guard.start_limit_action, both[i]);
                        policy_free(pol);
                }
}

static void test_empty_optional_values_clear(void **state) {
        struct diag_list diags = {};
        struct policy *pol = load_text(SCOPE_USER,
                "[guardrails]\nStartLimitAction=exit\nOnFailure=a.service\nRestartSteps=3\nRestartMaxDelaySec=1min\n"
                "StartLimitAction=\nOnFailure=\nRestartPreventExitStatus=\nRestartSteps=\nRestartMaxDelaySec=\n",
                &diags);

        assert_int_equal(diags.n, 0);
        assert_null(pol->guard.start_limit_action);
        assert_null(pol->guard.on_failure);
        assert_null(pol->guard.restart_prevent_exit_status);
        assert_int_equal(pol->guard.restart_steps, 0);
        assert_int_equal(pol->guard.restart_max_delay, 0);
        policy_free(pol);
}

static void test_exit_status_list_is_normalized(void **state) {
        struct diag_list diags = {};
        struct policy *pol = load_text(SCOPE_USER,
                "[guardrails]\nRestartPreventExitStatus=SIGTERM 9 TEMPFAIL 78 +78 SIGRTMIN SIGHUP 0\n", &diags);

        assert_int_equal(diags.n, 0);
        assert_string_equal(pol->guard.restart_prevent_exit_status, "0 9 75 78 SIGHUP SIGTERM SIGRTMIN+0");
        policy_free(pol);
}

/* ---- syntax ---------------------------------------------------------------- */

static void test_unknown_section_warns_at_its_header_and_ignores_its_keys(void **state) {
        struct diag_list diags = {};
        struct policy *pol = load_text(SCOPE_USER,
                "[guardrails]\nRestartSec=2s\n[nonsense]\nRestartSec=3s\nKey=value\n", &diags);

        assert_one_diag(&diags, DIAG_WARNING, DIAG_POLICY_UNKNOWN_SECTION, at("p.conf"), 3);
        assert_int_equal(pol->guard.restart_sec, 2 * USEC_PER_SEC);
        diag_list_clear(&diags);
        policy_free(pol);
}

static void test_empty_sections(void **state) {
        struct diag_list diags = {};
        struct policy *pol = load_text(SCOPE_USER, "[guardrails]\n[match]\n\n[lint]\n[Guardrails]\n", &diags);
        const struct diag *d = assert_one_diag(&diags, DIAG_WARNING, DIAG_POLICY_UNKNOWN_SECTION, at("p.conf"), 5);

        assert_non_null(strstr(d->message, "case-sensitive"));
        assert_default_guardrails(&pol->guard);
        diag_list_clear(&diags);
        policy_free(pol);
}

static void test_unknown_key_warns_with_a_hint(void **state) {
        struct diag_list diags = {};
        struct policy *pol = load_text(SCOPE_USER, "[guardrails]\nColour=blue\nrestart=always\n", &diags);

        assert_int_equal(diags.n, 2);
        assert_int_equal(find_diag(&diags, DIAG_POLICY_UNKNOWN_KEY, 2)->level, DIAG_WARNING);
        const struct diag *d = find_diag(&diags, DIAG_POLICY_UNKNOWN_KEY, 3);
        assert_non_null(d);
        assert_non_null(strstr(d->message, "did you mean Restart=?"));
        assert_null(strstr(find_diag(&diags, DIAG_POLICY_UNKNOWN_KEY, 2)->message, "did you mean"));
        assert_string_equal(pol->guard.restart, "on-failure");
        diag_list_clear(&diags);
        policy_free(pol);
}

static void test_keys_of_one_section_are_unknown_in_another(void **state) {
        struct diag_list diags = {};
        struct policy *pol = load_text(SCOPE_USER, "[match]\nRestart=always\n[guardrails]\nUnits=x.service\n",
                                       &diags);

        assert_int_equal(diags.n, 2);
        assert_non_null(find_diag(&diags, DIAG_POLICY_UNKNOWN_KEY, 2));
        assert_non_null(find_diag(&diags, DIAG_POLICY_UNKNOWN_KEY, 4));
        assert_string_equal(pol->guard.restart, "on-failure");
        assert_int_equal(strv_length(pol->units), 4);
        diag_list_clear(&diags);
        policy_free(pol);
}

static void test_key_before_any_section(void **state) {
        struct diag_list diags = {};
        struct policy *pol = load_text(SCOPE_USER, "Restart=always\n[guardrails]\n", &diags);

        assert_one_diag(&diags, DIAG_WARNING, DIAG_POLICY_OUTSIDE_SECTION, at("p.conf"), 1);
        assert_string_equal(pol->guard.restart, "on-failure");
        diag_list_clear(&diags);
        policy_free(pol);
}

static void test_bad_section_header_hides_its_keys(void **state) {
        static const char *const headers[] = { "[match", "[match ;]", "[match] junk" };

        for (size_t i = 0; i < 3; i++) {
                char text[200];
                struct diag_list diags = {};
                snprintf(text, sizeof(text), "[guardrails]\nRestart=always\n%s\nRestart=no\n", headers[i]);
                struct policy *pol = load_text(SCOPE_USER, text, &diags);
                assert_one_diag(&diags, DIAG_ERROR, DIAG_POLICY_BAD_SECTION, at("p.conf"), 3);
                /* inih alone would have put Restart=no into [guardrails] */
                assert_string_equal(pol->guard.restart, "always");
                diag_list_clear(&diags);
                policy_free(pol);
        }
}

static void test_section_header_with_trailing_comment(void **state) {
        struct diag_list diags = {};
        struct policy *pol = load_text(SCOPE_USER, "[guardrails] ; the main section\nRestart=no\n", &diags);

        assert_int_equal(diags.n, 0);
        assert_string_equal(pol->guard.restart, "no");
        policy_free(pol);
}

static void test_lines_that_are_not_key_value(void **state) {
        struct diag_list diags = {};
        struct policy *pol = load_text(SCOPE_USER,
                "[guardrails]\nthis line has no equals sign\n=5s\nRestart: always\nRestartSec=3s\n", &diags);

        assert_int_equal(diags.n, 3);
        assert_int_equal(find_diag(&diags, DIAG_POLICY_MISSING_EQUALS, 2)->level, DIAG_ERROR);
        assert_int_equal(find_diag(&diags, DIAG_POLICY_MISSING_KEY, 3)->level, DIAG_ERROR);
        /* inih would take "Restart: always" as Restart=always; we do not */
        assert_int_equal(find_diag(&diags, DIAG_POLICY_MISSING_EQUALS, 4)->level, DIAG_ERROR);
        assert_string_equal(pol->guard.restart, "on-failure");
        assert_int_equal(pol->guard.restart_sec, 3 * USEC_PER_SEC);
        diag_list_clear(&diags);
        policy_free(pol);
}

/* inih r55 calls the handler again with the same key for an indented line; we refuse it. */
static void test_continuation_line_is_an_error(void **state) {
        struct diag_list diags = {};
        struct policy *pol = load_text(SCOPE_USER,
                "[match]\nUnits=a.service\n  b.service\n[guardrails]\nRestartSec=1s\n garbage\n", &diags);

        assert_int_equal(diags.n, 2);
        assert_int_equal(find_diag(&diags, DIAG_POLICY_CONTINUATION_LINE, 3)->level, DIAG_ERROR);
        assert_int_equal(find_diag(&diags, DIAG_POLICY_CONTINUATION_LINE, 6)->level, DIAG_ERROR);
        assert_strv(pol->units, (const char *const[]) { "a.service", NULL });
        assert_int_equal(pol->guard.restart_sec, USEC_PER_SEC);
        diag_list_clear(&diags);
        policy_free(pol);
}

/* inih r55 takes the second indented key as a continuation of the first ("RestartSec=5"
 * as a value of Restart=); here leading whitespace does not matter. */
static void test_indented_keys_are_keys(void **state) {
        struct diag_list diags = {};
        struct policy *pol = load_text(SCOPE_USER, "  [guardrails]\n  Restart=always\n\tRestartSec=5\n", &diags);

        assert_int_equal(diags.n, 0);
        assert_string_equal(pol->guard.restart, "always");
        assert_int_equal(pol->guard.restart_sec, 5 * USEC_PER_SEC);
        policy_free(pol);
}

static void test_comments(void **state) {
        struct diag_list diags = {};
        struct policy *pol = load_text(SCOPE_USER,
                "# comment\n; comment\n[guardrails]\n  # indented comment\nRestart=always ; trailing comment\n"
                "RestartSec=7s\t; tab before the comment\nRestartSec=5 # not a comment\nStartLimitBurst=3;4\n",
                &diags);

        assert_int_equal(diags.n, 2);
        assert_non_null(find_diag(&diags, DIAG_POLICY_INVALID_VALUE, 7));
        assert_non_null(find_diag(&diags, DIAG_POLICY_INVALID_VALUE, 8));
        assert_string_equal(pol->guard.restart, "always");
        assert_int_equal(pol->guard.restart_sec, 7 * USEC_PER_SEC);
        assert_int_equal(pol->guard.start_limit_burst, 5);
        diag_list_clear(&diags);
        policy_free(pol);
}

static void test_duplicate_keys_later_wins(void **state) {
        struct diag_list diags = {};
        struct policy *pol = load_text(SCOPE_USER, "[guardrails]\nRestart=no\n[guardrails]\nRestart=always\n"
                                                   "RestartSec=1s\nRestartSec=2s\n", &diags);

        assert_int_equal(diags.n, 0);
        assert_string_equal(pol->guard.restart, "always");
        assert_int_equal(pol->guard.restart_sec, 2 * USEC_PER_SEC);
        policy_free(pol);
}

static void test_bom(void **state) {
        struct diag_list diags = {};
        struct policy *pol = load_text(SCOPE_USER, "\xef\xbb\xbf[guardrails]\nRestart=always\nBogus=1\n", &diags);

        assert_one_diag(&diags, DIAG_WARNING, DIAG_POLICY_UNKNOWN_KEY, at("p.conf"), 3);
        assert_string_equal(pol->guard.restart, "always");
        diag_list_clear(&diags);
        policy_free(pol);
}

static void test_crlf(void **state) {
        struct diag_list diags = {};
        struct policy *pol = load_text(SCOPE_USER,
                "[guardrails]\r\nRestart=always\r\nRestartSec=bad\r\n[match]\r\nUnits=x.service\r\n", &diags);

        assert_one_diag(&diags, DIAG_ERROR, DIAG_POLICY_INVALID_VALUE, at("p.conf"), 3);
        assert_string_equal(pol->guard.restart, "always");
        assert_strv(pol->units, (const char *const[]) { "x.service", NULL });
        diag_list_clear(&diags);
        policy_free(pol);
}

static void test_last_line_without_newline(void **state) {
        struct diag_list diags = {};
        struct policy *pol = load_text(SCOPE_USER, "[guardrails]\nRestart=always", &diags);

        assert_int_equal(diags.n, 0);
        assert_string_equal(pol->guard.restart, "always");
        policy_free(pol);
}

static char *repeat(const char *prefix, char c, size_t total) {
        char *s = malloc(total + 1);

        assert_non_null(s);
        memset(s, c, total);
        memcpy(s, prefix, strlen(prefix));
        s[total] = 0;
        return s;
}

/* inih r55 would cut such a line in pieces and parse each; we skip it whole. The
 * limit does not count the line terminator, CRLF or LF. */
static void test_long_line_is_skipped_with_its_line_number(void **state) {
        char *longest = repeat("# ", 'x', POLICY_LINE_MAX), *comment = repeat("# ", 'x', POLICY_LINE_MAX + 1);
        char *key = repeat("RestartPreventExitStatus=", '7', 250), *text;
        struct diag_list diags = {};

        assert_true(asprintf(&text, "[guardrails]\n%s\r\n%s\r\n%s\nRestart=always\nBogus=1\n",
                             longest, comment, key) > 0);
        struct policy *pol = load_text(SCOPE_USER, text, &diags);

        assert_int_equal(diags.n, 3);
        assert_int_equal(find_diag(&diags, DIAG_POLICY_LINE_TOO_LONG, 3)->level, DIAG_ERROR);
        assert_int_equal(find_diag(&diags, DIAG_POLICY_LINE_TOO_LONG, 4)->level, DIAG_ERROR);
        assert_non_null(find_diag(&diags, DIAG_POLICY_UNKNOWN_KEY, 6));
        assert_string_equal(pol->guard.restart_prevent_exit_status, "78");
        assert_string_equal(pol->guard.restart, "always");
        diag_list_clear(&diags);
        policy_free(pol);
        free(text);
        free(key);
        free(comment);
        free(longest);
}

static void test_longest_key_line_is_parsed_whole(void **state) {
        char *line = repeat("RestartPreventExitStatus=", ' ', POLICY_LINE_MAX), *text;
        struct diag_list diags = {};

        memcpy(line + POLICY_LINE_MAX - 2, "75", 2);
        assert_true(asprintf(&text, "[guardrails]\n%s\n", line) > 0);
        struct policy *pol = load_text(SCOPE_USER, text, &diags);

        assert_int_equal(diags.n, 0);
        assert_string_equal(pol->guard.restart_prevent_exit_status, "75");
        policy_free(pol);
        free(text);
        free(line);
}

static void test_messages_quote_values_bounded(void **state) {
        char *value = repeat("", 'A', 150), *text;
        struct diag_list diags = {};

        assert_true(asprintf(&text, "[guardrails]\nRestart=%s\n%s=1\n", value, value) > 0);
        struct policy *pol = load_text(SCOPE_USER, text, &diags);

        assert_int_equal(diags.n, 2);
        for (size_t i = 0; i < diags.n; i++) {
                assert_null(strstr(diags.items[i].message, value + 100));
                assert_non_null(strstr(diags.items[i].message, "AAA..."));
        }
        diag_list_clear(&diags);
        policy_free(pol);
        free(text);
        free(value);
}

/* ---- files ----------------------------------------------------------------- */

static void assert_unreadable(const char *path, const char *why) {
        struct diag_list diags = {};
        struct policy *pol = NULL;

        assert_int_equal(policy_new_default(&pol), 0);
        assert_int_equal(policy_load_file(pol, path, &diags), 0);
        const struct diag *d = assert_one_diag(&diags, DIAG_ERROR, DIAG_UNREADABLE, path, 0);
        assert_non_null(strstr(d->message, why));
        assert_default_guardrails(&pol->guard);
        assert_int_equal(strv_length(pol->files), 0);
        diag_list_clear(&diags);
        policy_free(pol);
}

static void test_binary_file(void **state) {
        write_bytes("bin.conf", "[guardrails]\nRestart=no\0\x01\x02\n", 26);
        assert_unreadable(at("bin.conf"), "NUL");
}

static void test_huge_file(void **state) {
        char *big = repeat("[guardrails]\n#", 'x', FILEIO_MAX_SIZE + 1);

        write_file("big.conf", big);
        assert_unreadable(at("big.conf"), "too large");
        free(big);
}

static void test_directory(void **state) {
        assert_int_equal(mkdir(at("dir.conf"), 0755), 0);
        assert_unreadable(at("dir.conf"), "directory");
}

static void test_dangling_symlink(void **state) {
        char target[PATH_MAX];

        snprintf(target, sizeof(target), "%s", at("nowhere.conf"));
        assert_int_equal(symlink(target, at("link.conf")), 0);
        assert_unreadable(at("link.conf"), "dangling symlink");
}

static void test_fifo(void **state) {
        assert_int_equal(mkfifo(at("fifo.conf"), 0600), 0);
        assert_unreadable(at("fifo.conf"), "not a regular file");
}

static void test_missing_override_file_is_an_error(void **state) {
        struct policy_paths paths = { .scope = SCOPE_USER, .sysconfdir = at("etc"),
                                      .override_file = at("missing.conf") };
        struct diag_list diags = {};
        struct policy *pol = NULL;

        assert_int_equal(policy_load(&paths, &pol, &diags), 0);
        const struct diag *d = assert_one_diag(&diags, DIAG_ERROR, DIAG_UNREADABLE, at("missing.conf"), 0);
        assert_non_null(strstr(d->message, "no such file"));
        assert_default_guardrails(&pol->guard);
        diag_list_clear(&diags);
        policy_free(pol);
}

/* ---- layers ---------------------------------------------------------------- */

static void write_layers(void) {
        write_file("etc/hermes-guardrails/policy.conf",
                   "[guardrails]\nRestart=always\nRestartSec=20s\nStartLimitBurst=2\n[match]\nUnits=a.service\n");
        write_file("etc/hermes-guardrails/policy.conf.d/20-b.conf", "[guardrails]\nRestartSec=30s\n");
        write_file("etc/hermes-guardrails/policy.conf.d/10-a.conf", "[guardrails]\nRestartSec=25s\nStartLimitBurst=7\n");
        write_file("etc/hermes-guardrails/policy.conf.d/30-c.conf.disabled", "[guardrails]\nRestart=no\n");
        write_file("etc/hermes-guardrails/policy.conf.d/.40-hidden.conf", "[guardrails]\nRestart=no\n");
        write_file("home/.config/hermes-guardrails/policy.conf", "[guardrails]\nStartLimitBurst=9\n");
}

static struct policy *load_layers(enum scope scope, const char *override, struct diag_list *diags) {
        struct policy_paths paths = { .scope = scope, .sysconfdir = at("etc"), .home = at("home"),
                                      .override_file = override };
        struct policy *pol = NULL;

        assert_int_equal(policy_load(&paths, &pol, diags), 0);
        return pol;
}

static void test_layer_order(void **state) {
        struct diag_list diags = {};
        char expected[4][PATH_MAX];

        write_layers();
        struct policy *pol = load_layers(SCOPE_USER, NULL, &diags);
        assert_int_equal(diags.n, 0);
        assert_string_equal(pol->guard.restart, "always");                  /* policy.conf */
        assert_int_equal(pol->guard.restart_sec, 30 * USEC_PER_SEC);         /* 20-b after 10-a */
        assert_int_equal(pol->guard.start_limit_burst, 9);                   /* the user's file last */
        snprintf(expected[0], PATH_MAX, "%s", at("etc/hermes-guardrails/policy.conf"));
        snprintf(expected[1], PATH_MAX, "%s", at("etc/hermes-guardrails/policy.conf.d/10-a.conf"));
        snprintf(expected[2], PATH_MAX, "%s", at("etc/hermes-guardrails/policy.conf.d/20-b.conf"));
        snprintf(expected[3], PATH_MAX, "%s", at("home/.config/hermes-guardrails/policy.conf"));
        assert_strv(pol->files, (const char *const[]) { expected[0], expected[1], expected[2], expected[3], NULL });
        policy_free(pol);
}

static void test_system_scope_has_no_user_layer(void **state) {
        struct diag_list diags = {};

        write_layers();
        struct policy *pol = load_layers(SCOPE_SYSTEM, NULL, &diags);
        assert_int_equal(diags.n, 0);
        assert_int_equal(pol->guard.start_limit_burst, 7);
        assert_int_equal(strv_length(pol->files), 3);
        policy_free(pol);
}

static void test_override_file_replaces_every_layer(void **state) {
        struct diag_list diags = {};
        char override[PATH_MAX];

        write_layers();
        write_file("override.conf", "[guardrails]\nRestartSec=1s\n");
        snprintf(override, sizeof(override), "%s", at("override.conf"));
        struct policy *pol = load_layers(SCOPE_USER, override, &diags);
        assert_int_equal(diags.n, 0);
        assert_string_equal(pol->guard.restart, "on-failure");
        assert_int_equal(pol->guard.restart_sec, USEC_PER_SEC);
        assert_int_equal(pol->guard.start_limit_burst, 5);
        assert_strv(pol->files, (const char *const[]) { override, NULL });
        policy_free(pol);
}

static void test_broken_layer_is_skipped_and_the_rest_applies(void **state) {
        struct diag_list diags = {};

        write_layers();
        write_bytes("etc/hermes-guardrails/policy.conf.d/15-bin.conf", "[guardrails]\0RestartSec=1s\n", 27);
        assert_int_equal(mkdir(at("etc/hermes-guardrails/policy.conf.d/16-dir.conf"), 0755), 0);
        struct policy *pol = load_layers(SCOPE_USER, NULL, &diags);
        assert_int_equal(diags.n, 2);
        assert_string_equal(diags.items[0].file, at("etc/hermes-guardrails/policy.conf.d/15-bin.conf"));
        assert_string_equal(diags.items[1].file, at("etc/hermes-guardrails/policy.conf.d/16-dir.conf"));
        assert_int_equal(pol->guard.restart_sec, 30 * USEC_PER_SEC);
        assert_int_equal(strv_length(pol->files), 4);
        diag_list_clear(&diags);
        policy_free(pol);
}

static void test_dropin_dir_that_is_a_file(void **state) {
        struct diag_list diags = {};

        write_file("etc/hermes-guardrails/policy.conf.d", "not a dir\n");
        struct policy *pol = load_layers(SCOPE_USER, NULL, &diags);
        assert_one_diag(&diags, DIAG_ERROR, DIAG_UNREADABLE, at("etc/hermes-guardrails/policy.conf.d"), 0);
        diag_list_clear(&diags);
        policy_free(pol);
}

static void test_units_and_exclude_replace_earlier_layers(void **state) {
        struct diag_list diags = {};

        write_layers();
        write_file("home/.config/hermes-guardrails/policy.conf", "[match]\nUnits=c.service  d-*.service\n");
        struct policy *pol = load_layers(SCOPE_USER, NULL, &diags);
        assert_int_equal(diags.n, 0);
        assert_strv(pol->units, (const char *const[]) { "c.service", "d-*.service", NULL });
        policy_free(pol);
}

static void test_paths_from_env(void **state) {
        struct policy_paths p;

        setenv("HOME", "/home/someone", 1);
        setenv("HERMES_GUARDRAILS_POLICY", "/tmp/x.conf", 1);
        policy_paths_from_env(SCOPE_USER, &p);
        assert_string_equal(p.home, "/home/someone");
        assert_string_equal(p.override_file, "/tmp/x.conf");
        assert_string_equal(p.sysconfdir, SYSCONFDIR);
        assert_int_equal(p.scope, SCOPE_USER);
        policy_paths_from_env(SCOPE_SYSTEM, &p);
        assert_null(p.home);
        setenv("HOME", "relative", 1);
        setenv("HERMES_GUARDRAILS_POLICY", "", 1);
        policy_paths_from_env(SCOPE_USER, &p);
        assert_null(p.home);
        assert_null(p.override_file);
        unsetenv("HERMES_GUARDRAILS_POLICY");
}

/* ---- matching and per-unit sections ----------------------------------------- */

static void test_default_match(void **state) {
        struct policy *pol = NULL;

        assert_int_equal(policy_new_default(&pol), 0);
        assert_true(policy_matches(pol, "hermes-gateway.service"));
        assert_true(policy_matches(pol, "hermes-gateway-work.service"));
        assert_true(policy_matches(pol, "hermes-gateway-3f9a2c1b.service"));
        assert_true(policy_matches(pol, "hermes-gateway@.service"));
        assert_true(policy_matches(pol, "hermes-gateway@work.service"));   /* through its template */
        assert_true(policy_matches(pol, "hermes.service"));
        assert_false(policy_matches(pol, "hermes-agent.service"));
        assert_false(policy_matches(pol, "hermes-gatewayx.service"));
        assert_false(policy_matches(pol, "hermes-gateway.socket"));
        assert_false(policy_matches(pol, "other@work.service"));
        assert_false(policy_matches(pol, "nginx.service"));
        policy_free(pol);
}

static void test_exclude(void **state) {
        struct diag_list diags = {};
        struct policy *pol = load_text(SCOPE_USER,
                "[match]\nExclude=hermes-gateway-3f9a2c1b.service hermes-gateway@.service\n", &diags);

        assert_int_equal(diags.n, 0);
        assert_true(policy_matches(pol, "hermes-gateway-work.service"));
        assert_false(policy_matches(pol, "hermes-gateway-3f9a2c1b.service"));
        assert_false(policy_matches(pol, "hermes-gateway@work.service"));
        assert_false(policy_matches(pol, "hermes-gateway@.service"));
        policy_free(pol);
}

static void test_instance_matches_only_its_own_name_or_template(void **state) {
        struct diag_list diags = {};
        struct policy *pol = load_text(SCOPE_USER, "[match]\nUnits=gw@blue.service\n", &diags);

        assert_int_equal(diags.n, 0);
        assert_true(policy_matches(pol, "gw@blue.service"));
        assert_false(policy_matches(pol, "gw@green.service"));
        assert_false(policy_matches(pol, "gw@.service"));
        policy_free(pol);
}

static void test_invalid_globs_are_refused(void **state) {
        static const char *const bad[] = { "hermes gateway", "*", "hermes-gateway-*", "hermes-*.*", "a/b.service",
                                           "nonsense.unknowntype" };

        for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
                char text[200];
                struct diag_list diags = {};
                snprintf(text, sizeof(text), "[match]\nUnits=hermes.service %s\n", bad[i]);
                struct policy *pol = load_text(SCOPE_USER, text, &diags);
                assert_one_diag(&diags, DIAG_ERROR, DIAG_POLICY_INVALID_VALUE, at("p.conf"), 2);
                assert_int_equal(strv_length(pol->units), 4);
                diag_list_clear(&diags);
                policy_free(pol);
        }
}

static void test_empty_units_matches_nothing(void **state) {
        struct diag_list diags = {};
        struct policy *pol = load_text(SCOPE_USER, "[match]\nUnits=\n", &diags);

        assert_int_equal(diags.n, 0);
        assert_false(policy_matches(pol, "hermes-gateway.service"));
        policy_free(pol);
}

static const char per_unit[] =
        "[guardrails]\nRestartSec=20s\n"
        "[hermes-gateway-*.service]\nStartLimitBurst=10\nRestartSec=3s\n"
        "[hermes-gateway-work.service]\nRestartSec=2s\nEnabled=no\n"
        "[hermes-gateway@.service]\nPriority=early\n"
        "[hermes-gateway-*.service]\nOnFailure=alert.service\n";

static void test_global_enabled_no_beats_a_per_unit_yes(void **state) {
        struct diag_list diags = {};
        struct policy *pol = load_text(SCOPE_USER, "[guardrails]\nEnabled=no\n"
                                       "[hermes-gateway-work.service]\nEnabled=yes\n", &diags);
        struct guardrails g;

        assert_int_equal(diags.n, 0);
        policy_guardrails_for(pol, "hermes-gateway-work.service", &g);
        assert_false(g.enabled);
        policy_guardrails_for(pol, "hermes-gateway.service", &g);
        assert_false(g.enabled);
        policy_free(pol);
}

static void test_per_unit_sections_overlay_in_file_order(void **state) {
        struct diag_list diags = {};
        struct policy *pol = load_text(SCOPE_USER, per_unit, &diags);
        struct guardrails g;

        assert_int_equal(diags.n, 0);
        assert_int_equal(pol->n_sections, 4);
        policy_guardrails_for(pol, "hermes-gateway-work.service", &g);
        assert_int_equal(g.restart_sec, 2 * USEC_PER_SEC);
        assert_int_equal(g.start_limit_burst, 10);
        assert_false(g.enabled);
        assert_string_equal(g.on_failure, "alert.service");
        assert_int_equal(g.priority, POLICY_PRIORITY_NORMAL);
        assert_string_equal(g.restart, "on-failure");
        assert_true(g.set & KEY_BIT("RestartSec") && g.set & KEY_BIT("StartLimitBurst") && g.set & KEY_BIT("OnFailure"));

        policy_guardrails_for(pol, "hermes-gateway-home.service", &g);
        assert_int_equal(g.restart_sec, 3 * USEC_PER_SEC);
        assert_true(g.enabled);

        policy_guardrails_for(pol, "hermes-gateway.service", &g);
        assert_int_equal(g.restart_sec, 20 * USEC_PER_SEC);
        assert_int_equal(g.start_limit_burst, 5);
        assert_null(g.on_failure);
        policy_free(pol);
}

static void test_per_unit_section_applies_to_instances_through_the_template(void **state) {
        struct diag_list diags = {};
        struct policy *pol = load_text(SCOPE_USER, per_unit, &diags);
        struct guardrails g;

        policy_guardrails_for(pol, "hermes-gateway@lab.service", &g);
        assert_int_equal(g.priority, POLICY_PRIORITY_EARLY);
        assert_int_equal(g.restart_sec, 20 * USEC_PER_SEC);
        policy_free(pol);
}

static void test_per_unit_section_can_clear_an_optional_key(void **state) {
        struct diag_list diags = {};
        struct policy *pol = load_text(SCOPE_USER,
                "[guardrails]\nOnFailure=alert.service\n[hermes-gateway-lab.service]\nOnFailure=\n"
                "RestartPreventExitStatus=\nRestart=bogus\n", &diags);
        struct guardrails g;

        assert_one_diag(&diags, DIAG_ERROR, DIAG_POLICY_INVALID_VALUE, at("p.conf"), 6);
        policy_guardrails_for(pol, "hermes-gateway-lab.service", &g);
        assert_null(g.on_failure);
        assert_null(g.restart_prevent_exit_status);
        assert_string_equal(g.restart, "on-failure");
        assert_false(pol->sections[0].guard.set & KEY_BIT("Restart"));
        policy_guardrails_for(pol, "hermes-gateway-x.service", &g);
        assert_string_equal(g.on_failure, "alert.service");
        diag_list_clear(&diags);
        policy_free(pol);
}

static void test_per_unit_sections_accumulate_across_layers(void **state) {
        struct diag_list diags = {};
        struct guardrails g;

        write_file("etc/hermes-guardrails/policy.conf",
                   "[hermes-gateway-work.service]\nRestartSec=2s\nStartLimitBurst=4\n");
        write_file("home/.config/hermes-guardrails/policy.conf",
                   "[hermes-gateway-work.service]\nRestartSec=9s\n[guardrails]\nStartLimitBurst=8\n");
        struct policy *pol = load_layers(SCOPE_USER, NULL, &diags);
        assert_int_equal(diags.n, 0);
        assert_int_equal(pol->n_sections, 2);
        policy_guardrails_for(pol, "hermes-gateway-work.service", &g);
        assert_int_equal(g.restart_sec, 9 * USEC_PER_SEC);
        /* a per-unit value beats [guardrails], even a later layer's */
        assert_int_equal(g.start_limit_burst, 4);
        policy_free(pol);
}

static void test_unknown_key_in_unit_section(void **state) {
        struct diag_list diags = {};
        struct policy *pol = load_text(SCOPE_USER, "[hermes-gateway-a.service]\nUnits=x.service\n", &diags);
        const struct diag *d = assert_one_diag(&diags, DIAG_WARNING, DIAG_POLICY_UNKNOWN_KEY, at("p.conf"), 2);

        assert_non_null(strstr(d->message, "[hermes-gateway-a.service]"));
        diag_list_clear(&diags);
        policy_free(pol);
}

/* ---- [lint] ------------------------------------------------------------------ */

static void test_lint_section(void **state) {
        struct diag_list diags = {};
        struct policy *pol = load_text(SCOPE_USER,
                "[guardrails]\nRestartSec=30s\n"
                "[lint]\nDisable=HG001 restart-always,HG007\nError=linger-off\nWarning=HG010\nInfo=\n"
                "MinRestartSec=2s\nMinRestartSec=soon\n", &diags);

        assert_one_diag(&diags, DIAG_ERROR, DIAG_POLICY_INVALID_VALUE, at("p.conf"), 9);
        assert_strv(pol->lint.disable, (const char *const[]) { "HG001", "restart-always", "HG007", NULL });
        assert_strv(pol->lint.error, (const char *const[]) { "linger-off", NULL });
        assert_strv(pol->lint.warning, (const char *const[]) { "HG010", NULL });
        assert_int_equal(strv_length(pol->lint.info), 0);
        assert_true(pol->lint.min_restart_sec_set);
        assert_int_equal(pol->lint.min_restart_sec, 2 * USEC_PER_SEC);
        diag_list_clear(&diags);
        policy_free(pol);
}

static void test_min_restart_sec_follows_restart_sec_unless_set(void **state) {
        struct diag_list diags = {};
        struct policy *pol = load_text(SCOPE_USER, "[guardrails]\nRestartSec=30s\n", &diags);

        assert_false(pol->lint.min_restart_sec_set);
        assert_int_equal(pol->lint.min_restart_sec, 30 * USEC_PER_SEC);
        policy_free(pol);
}

/* ---- templates/policy.conf.example ------------------------------------------- */

/* The example, with every "#Key=value" line of the shared sections uncommented, is
 * the built-in policy: it documents the defaults truthfully. */
static void test_example_policy_shows_the_defaults(void **state) {
        struct diag_list diags = {};
        struct policy *pol = NULL;
        char *data = NULL, *out, *line, *save = NULL;
        size_t size, n = 0;

        assert_int_equal(fileio_read("templates/policy.conf.example", FILEIO_MAX_SIZE, &data, &size), 0);
        out = calloc(1, size + 1);
        assert_non_null(out);
        for (line = strtok_r(data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
                if (strstr(line, "Per-unit sections"))
                        break;
                bool setting = line[0] == '#' && line[1] >= 'A' && line[1] <= 'Z' && strchr(line, '=');
                n += sprintf(out + n, "%s\n", setting ? line + 1 : line);
        }
        assert_true(n > 0);
        pol = load_text(SCOPE_USER, out, &diags);
        assert_int_equal(diags.n, 0);
        assert_int_equal(pol->guard.set, (1 << 11) - 1);    /* every key is in the example */
        assert_default_guardrails(&pol->guard);
        assert_strv(pol->units, (const char *const[]) { "hermes-gateway.service", "hermes-gateway-*.service",
                                                        "hermes-gateway@.service", "hermes.service", NULL });
        assert_int_equal(strv_length(pol->exclude), 0);
        assert_int_equal(pol->lint.min_restart_sec, 10 * USEC_PER_SEC);
        policy_free(pol);
        free(out);
        free(data);
}

static void test_example_policy_as_shipped_changes_nothing(void **state) {
        struct diag_list diags = {};
        struct policy *pol = NULL;

        assert_int_equal(policy_new_default(&pol), 0);
        assert_int_equal(policy_load_file(pol, "templates/policy.conf.example", &diags), 0);
        assert_int_equal(diags.n, 0);
        assert_int_equal(pol->guard.set, 0);
        assert_int_equal(pol->n_sections, 0);
        assert_default_guardrails(&pol->guard);
        policy_free(pol);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup_tmp, teardown_tmp)

int main(void) {
        const struct CMUnitTest tests[] = {
                T(test_defaults),
                T(test_no_policy_files_gives_defaults_silently),
                T(test_every_guardrail_key_valid),
                T(test_every_restart_mode),
                T(test_booleans_as_systemd),
                T(test_numbers_and_times_as_systemd),
                T(test_1M_is_a_month_not_a_minute),
                T(test_invalid_values_keep_the_previous_value),
                T(test_invalid_value_after_valid_one_keeps_the_valid_one),
                T(test_start_limit_action_depends_on_scope),
                T(test_empty_optional_values_clear),
                T(test_exit_status_list_is_normalized),
                T(test_unknown_section_warns_at_its_header_and_ignores_its_keys),
                T(test_empty_sections),
                T(test_unknown_key_warns_with_a_hint),
                T(test_keys_of_one_section_are_unknown_in_another),
                T(test_key_before_any_section),
                T(test_bad_section_header_hides_its_keys),
                T(test_section_header_with_trailing_comment),
                T(test_lines_that_are_not_key_value),
                T(test_continuation_line_is_an_error),
                T(test_indented_keys_are_keys),
                T(test_comments),
                T(test_duplicate_keys_later_wins),
                T(test_bom),
                T(test_crlf),
                T(test_last_line_without_newline),
                T(test_long_line_is_skipped_with_its_line_number),
                T(test_longest_key_line_is_parsed_whole),
                T(test_messages_quote_values_bounded),
                T(test_binary_file),
                T(test_huge_file),
                T(test_directory),
                T(test_dangling_symlink),
                T(test_fifo),
                T(test_missing_override_file_is_an_error),
                T(test_layer_order),
                T(test_system_scope_has_no_user_layer),
                T(test_override_file_replaces_every_layer),
                T(test_broken_layer_is_skipped_and_the_rest_applies),
                T(test_dropin_dir_that_is_a_file),
                T(test_units_and_exclude_replace_earlier_layers),
                T(test_paths_from_env),
                T(test_default_match),
                T(test_exclude),
                T(test_instance_matches_only_its_own_name_or_template),
                T(test_invalid_globs_are_refused),
                T(test_empty_units_matches_nothing),
                T(test_global_enabled_no_beats_a_per_unit_yes),
                T(test_per_unit_sections_overlay_in_file_order),
                T(test_per_unit_section_applies_to_instances_through_the_template),
                T(test_per_unit_section_can_clear_an_optional_key),
                T(test_per_unit_sections_accumulate_across_layers),
                T(test_unknown_key_in_unit_section),
                T(test_lint_section),
                T(test_min_restart_sec_follows_restart_sec_unless_set),
                T(test_example_policy_shows_the_defaults),
                T(test_example_policy_as_shipped_changes_nothing),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
