/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "fixture.h"
#include "hermes/cron.h"

static char *const profiles[] = { (char *) "default", (char *) "home", (char *) "work", NULL };

enum { OWN = CRON_TARGET_OWN, ALL = CRON_TARGET_ALL, OTHER = CRON_TARGET_OTHER };
enum { RESTART = CRON_ACTION_RESTART, STOP = CRON_ACTION_STOP, KILL = CRON_ACTION_KILL, START = CRON_ACTION_START };

struct expect {
        unsigned line;
        int action, target;
        const char *target_name;   /* OTHER only */
        bool upstream;             /* Python's re.search() of lifecycle_guard.py's pattern on the line */
        const char *command;
};

/* Scans text as a job of profile own and compares every command found. */
static void assert_scan(const char *own, const char *text, const struct expect *e, size_t n_expected) {
        struct cron_command *c = NULL;
        size_t n = 0;

        assert_int_equal(cron_scan_text(text, own, profiles, &c, &n), 0);
        if (n != n_expected)
                fail_msg("\"%s\": %zu commands, expected %zu", text, n, n_expected);
        for (size_t i = 0; i < n; i++) {
                assert_int_equal(c[i].line, e[i].line);
                assert_int_equal(c[i].action, e[i].action);
                assert_int_equal(c[i].target, e[i].target);
                if (e[i].target_name)
                        assert_string_equal(c[i].target_name, e[i].target_name);
                else
                        assert_null(c[i].target_name);
                if (c[i].upstream_match != e[i].upstream)
                        fail_msg("\"%s\": upstream_match %d", text, c[i].upstream_match);
                assert_string_equal(c[i].command, e[i].command);
        }
        cron_commands_free(c, n);
}

#define SCAN(own, text, ...) do { \
                static const struct expect e_[] = { __VA_ARGS__ }; \
                assert_scan(own, text, e_, sizeof(e_) / sizeof(e_[0])); \
        } while (0)
#define NONE(own, text) assert_scan(own, text, NULL, 0)

static void test_hermes_cli(void **state) {
        SCAN("work", "Run `hermes gateway restart` now",
             { 1, RESTART, OWN, NULL, true, "hermes gateway restart" });
        SCAN("work", "hermes -p home gateway stop",
             { 1, STOP, OTHER, "home", false, "hermes --profile home gateway stop" });
        SCAN("work", "hermes --profile=work gateway restart",
             { 1, RESTART, OWN, NULL, false, "hermes --profile work gateway restart" });
        SCAN("work", "hermes gateway restart --all",
             { 1, RESTART, ALL, NULL, true, "hermes gateway restart --all" });
        SCAN("work", "python3 -m hermes_cli.main --profile default gateway restart",
             { 1, RESTART, OTHER, "default", false, "hermes --profile default gateway restart" });
        SCAN("default", "/home/u/.local/bin/hermes -p default gateway restart",
             { 1, RESTART, OWN, NULL, false, "hermes --profile default gateway restart" });
}

/* A profile's wrapper command is named after it. */
static void test_profile_wrapper_command(void **state) {
        SCAN("work", "home gateway restart", { 1, RESTART, OTHER, "home", false, "home gateway restart" });
        SCAN("work", "work gateway stop", { 1, STOP, OWN, NULL, false, "work gateway stop" });
}

/* Upstream leaves "start" alone; so do we for the hermes command. */
static void test_hermes_start_and_other_subcommands_are_fine(void **state) {
        NONE("work", "hermes gateway start");
        NONE("work", "hermes gateway status");
        NONE("work", "Use hermes to check the gateway, then restart the router");
}

static void test_systemctl(void **state) {
        SCAN("work", "systemctl --user restart hermes-gateway-work.service",
             { 1, RESTART, OWN, NULL, true, "systemctl restart hermes-gateway-work.service" });
        SCAN("work", "systemctl --user stop hermes-gateway",
             { 1, STOP, OTHER, "default", true, "systemctl stop hermes-gateway" });
        SCAN("work", "systemctl --user start hermes-gateway-home",
             { 1, START, OTHER, "home", true, "systemctl start hermes-gateway-home" });
        SCAN("work", "systemctl --user restart 'hermes-gateway*'",
             { 1, RESTART, ALL, NULL, true, "systemctl restart hermes-gateway*" });
        SCAN("work", "systemctl --user try-restart hermes-gateway-work",
             { 1, RESTART, OWN, NULL, false, "systemctl try-restart hermes-gateway-work" });
        SCAN("work", "systemctl --user --now disable hermes-gateway-work.service",
             { 1, STOP, OWN, NULL, false, "systemctl disable --now hermes-gateway-work.service" });
        SCAN("work", "sudo systemctl restart hermes-gateway-work && echo done",
             { 1, RESTART, OWN, NULL, true, "systemctl restart hermes-gateway-work" });
        SCAN("work", "systemctl --user restart hermes-gateway-1a2b3c4d.service",
             { 1, RESTART, OTHER, "hermes-gateway-1a2b3c4d.service", true,
               "systemctl restart hermes-gateway-1a2b3c4d.service" });
        SCAN("default", "systemctl -M me@ --user kill hermes.service",
             { 1, KILL, OWN, NULL, false, "systemctl kill hermes.service" });
        /* The unit naming of lib/hermesname.c: an instance of a user's template names its
         * profile; a gateway unit that no profile can own is another gateway (its name
         * is not shown: it does not look like a profile's); a timer or socket of a
         * gateway's name stands for the gateway. */
        SCAN("work", "systemctl --user restart hermes-gateway@home.service",
             { 1, RESTART, OTHER, "home", true, "systemctl restart hermes-gateway@home.service" });
        SCAN("work", "systemctl --user restart hermes-gateway@work",
             { 1, RESTART, OWN, NULL, true, "systemctl restart hermes-gateway@work" });
        SCAN("work", "systemctl --user restart hermes-gateway-Home.service",
             { 1, RESTART, OTHER, "?", true, "systemctl restart ?" });
        SCAN("work", "systemctl --user stop hermes-gateway-home.timer",
             { 1, STOP, OTHER, "home", true, "systemctl stop hermes-gateway-home.timer" });
        SCAN("work", "systemctl --user stop hermes-gateway.timer",      /* the default profile's, as the others */
             { 1, STOP, OTHER, "default", true, "systemctl stop hermes-gateway.timer" });
        SCAN("work", "systemctl --user stop hermes-gateway@work.socket",
             { 1, STOP, OWN, NULL, true, "systemctl stop hermes-gateway@work.socket" });
        NONE("work", "systemctl --user status hermes-gateway-work");
        NONE("work", "systemctl --user disable hermes-gateway-work");
        NONE("work", "systemctl --user restart nginx.service");
}

/* A glob that matches only some gateways names those; one matching the job's own is OWN. */
static void test_systemctl_glob_subset(void **state) {
        SCAN("work", "systemctl restart 'hermes-gateway-w*'",
             { 1, RESTART, OWN, NULL, true, "systemctl restart hermes-gateway-w*" });
        SCAN("work", "systemctl restart 'hermes-gateway-h*'",
             { 1, RESTART, OTHER, "home", true, "systemctl restart hermes-gateway-h*" });
}

static void test_kill(void **state) {
        SCAN("work", "pkill -f 'hermes gateway run'",
             { 1, KILL, ALL, NULL, true, "pkill <hermes gateway processes>" });
        SCAN("work", "pkill -f 'hermes_cli.main --profile home gateway'",
             { 1, KILL, OTHER, "home", false, "pkill <hermes gateway processes of home>" });
        SCAN("work", "kill $(cat $HERMES_HOME/gateway.pid)",
             { 1, KILL, OWN, NULL, false, "kill <gateway.pid of work>" });
        SCAN("work", "kill $(cat ~/.hermes/profiles/home/gateway.pid)",
             { 1, KILL, OTHER, "home", true, "kill <gateway.pid of home>" });
        SCAN("default", "kill $(cat ~/.hermes/gateway.pid)",
             { 1, KILL, OWN, NULL, true, "kill <gateway.pid of default>" });
        SCAN("work", "kill $(cat ~/.hermes/profiles/Not.A.Name/gateway.pid)",
             { 1, KILL, OTHER, "?", true, "kill <gateway.pid of ?>" });
        SCAN("work", "killall -r 'hermes.*gateway'",
             { 1, KILL, ALL, NULL, false, "killall <hermes gateway processes>" });
        NONE("work", "pkill -f my-worker");
        NONE("work", "skilled hermes gateway");
}

static void test_prose_is_not_a_command(void **state) {
        NONE("work", "The Kong API gateway needs a restart.");
        NONE("work", "Summarise the gateway logs and tell me whether a restart is needed.");
}

/* Matches of upstream's pattern that no finer shape explains. */
static void test_upstream_fallbacks(void **state) {
        SCAN("work", "hermes gateway restarting",
             { 1, RESTART, OWN, NULL, true, "hermes gateway restart|stop" });
        SCAN("work", "launchctl kickstart -k gui/501/ai.hermes.gateway",
             { 1, RESTART, OWN, NULL, true, "launchctl ... hermes-gateway" });
}

static void test_lines_and_several_per_line(void **state) {
        SCAN("work", "#!/bin/sh\nset -e\n\nsystemctl --user restart hermes-gateway-work\n",
             { 4, RESTART, OWN, NULL, true, "systemctl restart hermes-gateway-work" });
        SCAN("work", "systemctl stop hermes-gateway-home; hermes gateway restart\necho ok\nhermes gateway stop",
             { 1, STOP, OTHER, "home", true, "systemctl stop hermes-gateway-home" },
             { 1, RESTART, OWN, NULL, true, "hermes gateway restart" },
             { 3, STOP, OWN, NULL, true, "hermes gateway stop" });
}

/* Commands are rebuilt from known words: nothing else of the text comes out. */
static void test_command_never_copies_the_text(void **state) {
        struct cron_command *c = NULL;
        size_t n = 0;

        assert_int_equal(cron_scan_text("TOKEN=123456:TEST-TOKEN-A hermes -p 123456:TEST-TOKEN-A gateway "
                                        "restart; pkill -f \"hermes gateway 123456:TEST-TOKEN-A\"",
                                        "work", profiles, &c, &n), 0);
        assert_int_equal(n, 2);
        for (size_t i = 0; i < n; i++) {
                assert_null(strstr(c[i].command, "TEST-TOKEN"));
                assert_true(!c[i].target_name || !strstr(c[i].target_name, "TEST-TOKEN"));
        }
        cron_commands_free(c, n);
}

/* Expected values: Python's re.search() with lifecycle_guard.py's pattern. */
static void test_upstream_pattern_parity(void **state) {
        static const struct { const char *text; bool match; } cases[] = {
                { "please run HERMES  gateway Restart now", true },
                { "systemctl --user restart hermes-gateway-work.service", true },
                { "systemctl --user daemon-reload\nsystemctl status hermes-gateway", false },
                { "pkill -f 'hermes gateway run'", true },
                { "kill $(pgrep -f gateway.*hermes)", true },
                { "Kong API gateway autoscaling and restart behavior", false },
                { "skill hermes gateway", true },
                { "systemctl restarthermes-gateway", false },
                { "systemctl --user -q stop foo hermes.gateway", true },
                { "hermes -p work gateway restart", false },
                { "killall hermes-gateway", false },
                { "hermes\ngateway\nstop", true },
                { "launchctl unload ~/Library/LaunchAgents/ai.hermes.gateway.plist", true },
                { "launchctl unload ai.hermes.update-checker.plist", false },
        };

        for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
                if (cron_upstream_matches(cases[i].text) != cases[i].match)
                        fail_msg("\"%s\": expected %d", cases[i].text, cases[i].match);
}

/* ---- whole profiles: jobs.json and scripts ------------------------------- */

struct fx {
        char *dir;
        struct hermes_home *h;
        struct cron_report *r;
        struct diag_list diags;
};

static int setup(void **state) {
        struct fx *f = calloc(1, sizeof(*f));

        if (!f || !(f->dir = fixture_root()))
                return -1;
        *state = f;
        return 0;
}

static int teardown(void **state) {
        struct fx *f = *state;

        cron_report_free(f->r);
        hermes_home_free(f->h);
        diag_list_clear(&f->diags);
        fixture_free(f->dir);
        free(f);
        return 0;
}

static void check(struct fx *f) {
        assert_int_equal(hermes_home_load(f->dir, HERMES_LOAD_JOBS, &f->h, &f->diags), 0);
        assert_int_equal(hermes_cron_check(f->h, "/nonexistent-home", &f->r, &f->diags), 0);
}

static const char *path_in(const struct fx *f, const char *rel) {
        static char buf[4096];

        snprintf(buf, sizeof(buf), "%s/%s", f->dir, rel);
        return buf;
}

static void test_enabled_jobs_only(void **state) {
        struct fx *f = *state;

        fixture_write(f->dir, "cron/jobs.json",
                      "{\"jobs\": [\n"
                      "  {\"id\": \"a1\", \"name\": \"nightly\", \"prompt\": \"hermes gateway restart\"},\n"
                      "  {\"id\": \"a2\", \"enabled\": false, \"prompt\": \"hermes gateway restart\"},\n"
                      "  {\"id\": \"a3\", \"enabled\": true, \"state\": \"paused\", \"prompt\": \"hermes gateway stop\"},\n"
                      "  {\"id\": \"a4\", \"enabled\": 0, \"prompt\": \"hermes gateway stop\"},\n"
                      "  {\"id\": \"a5\", \"enabled\": 1,\n"
                      "   \"prompt\": \"Then run systemctl --user restart hermes-gateway-work\"}\n"
                      "], \"updated_at\": \"2026-01-01T00:00:00\"}\n");
        fixture_mkdir(f->dir, "profiles/work");
        check(f);
        assert_int_equal(f->diags.n, 0);
        assert_int_equal(f->r->n_lifecycle, 2);
        assert_string_equal(f->r->lifecycle[0].job, "\"nightly\" (id a1)");
        assert_string_equal(f->r->lifecycle[0].file, path_in(f, "cron/jobs.json"));
        assert_int_equal(f->r->lifecycle[0].line, 2);
        assert_false(f->r->lifecycle[0].in_script);
        assert_int_equal(f->r->lifecycle[0].cmd.target, CRON_TARGET_OWN);
        assert_string_equal(f->r->lifecycle[1].job, "id a5");
        assert_int_equal(f->r->lifecycle[1].line, 7);
        assert_int_equal(f->r->lifecycle[1].cmd.target, CRON_TARGET_OTHER);
        assert_string_equal(f->r->lifecycle[1].cmd.target_name, "work");
        assert_int_equal(f->r->lifecycle[1].profile, 0);
}

/* A prompt is one place: a command said there again is the same finding. A
 * script's lines are places of their own. */
static void test_prompt_repeats_once_script_lines_each(void **state) {
        struct fx *f = *state;

        fixture_write(f->dir, "scripts/twice.sh", "hermes gateway restart\nhermes gateway restart\n");
        fixture_write(f->dir, "cron/jobs.json",
                      "{\"jobs\": [\n"
                      "  {\"id\": \"p\", \"prompt\": \"hermes gateway restart\\nhermes gateway stop\\n"
                      "hermes gateway restart\\nhermes gateway restart\\nhermes gateway stop\"},\n"
                      "  {\"id\": \"s\", \"no_agent\": true, \"script\": \"twice.sh\"}\n"
                      "]}\n");
        check(f);
        assert_int_equal(f->diags.n, 0);
        assert_int_equal(f->r->n_lifecycle, 4);
        assert_string_equal(f->r->lifecycle[0].cmd.command, "hermes gateway restart");
        assert_string_equal(f->r->lifecycle[1].cmd.command, "hermes gateway stop");
        assert_int_equal(f->r->lifecycle[0].line, 2);
        assert_int_equal(f->r->lifecycle[1].line, 2);
        assert_true(f->r->lifecycle[2].in_script);
        assert_int_equal(f->r->lifecycle[2].line, 1);
        assert_int_equal(f->r->lifecycle[3].line, 2);
}

static void test_scripts_inside_outside_missing(void **state) {
        struct fx *f = *state;
        char jobs[4096];

        fixture_write(f->dir, "profiles/work/scripts/ok.sh", "#!/bin/sh\necho hi\n");
        fixture_write(f->dir, "profiles/work/scripts/restart.sh",
                      "#!/bin/sh\n# keep it fresh\nsystemctl --user restart hermes-gateway-work.service\n");
        fixture_write(f->dir, "profiles/work/scripts/sub/deep.py", "print(1)\n");
        fixture_write(f->dir, "outside.sh", "hermes gateway restart\n");
        fixture_symlink(f->dir, "../../../outside.sh", "profiles/work/scripts/escape.sh");
        fixture_mkdir(f->dir, "profiles/work/scripts/adir");
        snprintf(jobs, sizeof(jobs),
                 "{\"jobs\": [\n"
                 " {\"id\": \"s1\", \"no_agent\": true, \"script\": \"ok.sh\"},\n"
                 " {\"id\": \"s2\", \"no_agent\": true, \"script\": \"restart.sh\", \"prompt\": \"hermes gateway stop\"},\n"
                 " {\"id\": \"s3\", \"no_agent\": true, \"script\": \"../../../outside.sh\"},\n"
                 " {\"id\": \"s4\", \"no_agent\": true, \"script\": \"%s/outside.sh\"},\n"
                 " {\"id\": \"s5\", \"no_agent\": true, \"script\": \"escape.sh\"},\n"
                 " {\"id\": \"s6\", \"no_agent\": true, \"script\": \"missing.sh\"},\n"
                 " {\"id\": \"s7\", \"no_agent\": true, \"script\": \"adir\"},\n"
                 " {\"id\": \"s8\", \"no_agent\": true},\n"
                 " {\"id\": \"s9\", \"no_agent\": true, \"script\": \"\"},\n"
                 " {\"id\": \"s10\", \"script\": \"sub/../sub/deep.py\", \"prompt\": \"summarise\"},\n"
                 " {\"id\": \"s11\", \"no_agent\": true, \"script\": \"%s/profiles/work/scripts/ok.sh\"}\n"
                 "]}\n", f->dir, f->dir);
        fixture_write(f->dir, "profiles/work/cron/jobs.json", jobs);
        check(f);
        assert_int_equal(f->diags.n, 0);
        /* s2's script restarts its own gateway (line 3 of the script); its prompt is never used. */
        assert_int_equal(f->r->n_lifecycle, 1);
        assert_true(f->r->lifecycle[0].in_script);
        assert_int_equal(f->r->lifecycle[0].line, 3);
        assert_string_equal(f->r->lifecycle[0].file, path_in(f, "profiles/work/scripts/restart.sh"));
        assert_int_equal(f->r->lifecycle[0].cmd.target, CRON_TARGET_OWN);
        assert_int_equal(f->r->lifecycle[0].profile, 1);

        static const struct { const char *job; unsigned line; enum cron_script_problem p; } want[] = {
                { "id s3", 4, CRON_SCRIPT_OUTSIDE }, { "id s4", 5, CRON_SCRIPT_OUTSIDE },
                { "id s5", 6, CRON_SCRIPT_OUTSIDE }, { "id s6", 7, CRON_SCRIPT_NOT_FOUND },
                { "id s7", 8, CRON_SCRIPT_NOT_A_FILE }, { "id s8", 9, CRON_SCRIPT_NONE_FOR_NO_AGENT },
                { "id s9", 10, CRON_SCRIPT_NONE_FOR_NO_AGENT },
        };
        assert_int_equal(f->r->n_scripts, sizeof(want) / sizeof(want[0]));
        for (size_t i = 0; i < f->r->n_scripts; i++) {
                assert_string_equal(f->r->scripts[i].job, want[i].job);
                assert_int_equal(f->r->scripts[i].line, want[i].line);
                assert_int_equal(f->r->scripts[i].problem, want[i].p);
                assert_string_equal(f->r->scripts[i].file, path_in(f, "profiles/work/cron/jobs.json"));
        }
        assert_string_equal(f->r->scripts[0].resolved, path_in(f, "outside.sh"));
        assert_string_equal(f->r->scripts[0].script, "../../../outside.sh");
        assert_string_equal(f->r->scripts[0].scripts_dir, path_in(f, "profiles/work/scripts"));
        assert_string_equal(f->r->scripts[2].resolved, path_in(f, "outside.sh"));   /* through the symlink */
        assert_null(f->r->scripts[5].script);
}

/* Hermes resolves the scripts directory too: a symlinked scripts/ is fine. */
static void test_symlinked_scripts_dir(void **state) {
        struct fx *f = *state;

        fixture_write(f->dir, "shared-scripts/ok.sh", "echo hi\n");
        fixture_symlink(f->dir, "shared-scripts", "scripts");
        fixture_write(f->dir, "cron/jobs.json", "{\"jobs\": [{\"no_agent\": true, \"script\": \"ok.sh\"}]}");
        check(f);
        assert_int_equal(f->r->n_scripts, 0);
        assert_int_equal(f->diags.n, 0);
}

static void test_tilde_expands_to_user_home(void **state) {
        struct fx *f = *state;

        fixture_write(f->dir, "cron/jobs.json", "{\"jobs\": [{\"no_agent\": true, \"script\": \"~/x.sh\"}]}");
        check(f);
        assert_int_equal(f->r->n_scripts, 1);
        assert_int_equal(f->r->scripts[0].problem, CRON_SCRIPT_OUTSIDE);
        assert_string_equal(f->r->scripts[0].resolved, "/nonexistent-home/x.sh");
}

static void assert_one_diag(struct fx *f, enum diag_level level, const char *code, unsigned line) {
        assert_int_equal(f->diags.n, 1);
        assert_int_equal(f->diags.items[0].level, level);
        assert_string_equal(diag_code_name(f->diags.items[0].code), code);
        assert_int_equal(f->diags.items[0].line, line);
        assert_string_equal(f->diags.items[0].file, path_in(f, "cron/jobs.json"));
}

static void test_malformed_json_names_the_line(void **state) {
        struct fx *f = *state;

        fixture_write(f->dir, "cron/jobs.json", "{\"jobs\": [\n  {\"id\": \"a\",},\n]}\n");
        check(f);
        assert_one_diag(f, DIAG_ERROR, "json-syntax", 2);
        assert_int_equal(f->r->n_lifecycle + f->r->n_scripts, 0);
}

static void test_wrong_shapes(void **state) {
        struct fx *f = *state;

        fixture_write(f->dir, "cron/jobs.json", "\"jobs\"");
        check(f);
        assert_one_diag(f, DIAG_ERROR, "hermes-cron-shape", 1);
}

static void test_jobs_not_an_array(void **state) {
        struct fx *f = *state;

        fixture_write(f->dir, "cron/jobs.json", "{\n\"jobs\": {\"a\": 1}}");
        check(f);
        assert_one_diag(f, DIAG_ERROR, "hermes-cron-shape", 2);
}

static void test_job_not_an_object(void **state) {
        struct fx *f = *state;

        fixture_write(f->dir, "cron/jobs.json", "{\"jobs\": [\n{\"prompt\": \"hermes gateway stop\"},\n42]}");
        check(f);
        assert_one_diag(f, DIAG_ERROR, "hermes-cron-shape", 3);
        assert_int_equal(f->r->n_lifecycle, 1);
}

/* Hermes accepts a bare list (and rewrites it); the jobs in it still run. */
static void test_bare_list_is_a_warning_and_still_checked(void **state) {
        struct fx *f = *state;

        fixture_write(f->dir, "cron/jobs.json", "[{\"prompt\": \"hermes gateway restart\"}]");
        check(f);
        assert_one_diag(f, DIAG_WARNING, "hermes-cron-bare-array", 1);
        assert_int_equal(f->r->n_lifecycle, 1);
}

/* json.loads(strict=False): Hermes reads raw control characters (and rewrites the file). */
static void test_raw_control_characters_like_hermes(void **state) {
        struct fx *f = *state;

        fixture_write(f->dir, "cron/jobs.json", "{\"jobs\": [{\"prompt\": \"line one\nhermes gateway restart\"}]}");
        check(f);
        assert_one_diag(f, DIAG_WARNING, "json-control-char", 1);
        assert_int_equal(f->r->n_lifecycle, 1);
}

static void test_unreadable_and_missing(void **state) {
        struct fx *f = *state;

        fixture_mkdir(f->dir, "cron/jobs.json");        /* a directory */
        fixture_mkdir(f->dir, "profiles/empty");         /* no cron/ at all */
        check(f);
        assert_one_diag(f, DIAG_ERROR, "unreadable", 0);
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_hermes_cli),
                cmocka_unit_test(test_profile_wrapper_command),
                cmocka_unit_test(test_hermes_start_and_other_subcommands_are_fine),
                cmocka_unit_test(test_systemctl),
                cmocka_unit_test(test_systemctl_glob_subset),
                cmocka_unit_test(test_kill),
                cmocka_unit_test(test_prose_is_not_a_command),
                cmocka_unit_test(test_upstream_fallbacks),
                cmocka_unit_test(test_lines_and_several_per_line),
                cmocka_unit_test(test_command_never_copies_the_text),
                cmocka_unit_test(test_upstream_pattern_parity),
#define T(t) cmocka_unit_test_setup_teardown(t, setup, teardown)
                T(test_enabled_jobs_only),
                T(test_prompt_repeats_once_script_lines_each),
                T(test_scripts_inside_outside_missing),
                T(test_symlinked_scripts_dir),
                T(test_tilde_expands_to_user_home),
                T(test_malformed_json_names_the_line),
                T(test_wrong_shapes),
                T(test_jobs_not_an_array),
                T(test_job_not_an_object),
                T(test_bare_list_is_a_warning_and_still_checked),
                T(test_raw_control_characters_like_hermes),
                T(test_unreadable_and_missing),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
