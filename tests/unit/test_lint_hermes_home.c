/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "fixture.h"
#include "hermes/identity.h"

#define TOKEN_A "123456:TEST-TOKEN-A"
#define TOKEN_B "123456:TEST-TOKEN-B"
/* hashlib.sha256(b"123456:TEST-TOKEN-A").hexdigest()[:16] */
#define FP_A "502bd2b60c66d916"

struct fx {
        char *dir;
        struct hermes_home *h;
        struct diag_list diags;
        struct hermes_token_group *groups;
        size_t n_groups;
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

        hermes_token_groups_free(f->groups, f->n_groups);
        hermes_home_free(f->h);
        diag_list_clear(&f->diags);
        fixture_free(f->dir);
        free(f);
        return 0;
}

static void load(struct fx *f) {
        assert_int_equal(hermes_home_load(f->dir, HERMES_LOAD_ENV | HERMES_LOAD_JOBS | HERMES_LOAD_PID, &f->h, &f->diags), 0);
        assert_int_equal(hermes_token_groups(f->h, &f->groups, &f->n_groups), 0);
}

static const char *member_profile(const struct fx *f, size_t group, size_t member) {
        return f->h->profiles[f->groups[group].members[member]->profile].name;
}

static void test_profiles_and_units(void **state) {
        struct fx *f = *state;

        fixture_write(f->dir, ".env", "");
        fixture_mkdir(f->dir, "profiles/work");
        fixture_mkdir(f->dir, "profiles/a-1_b");
        fixture_mkdir(f->dir, "profiles/default");     /* the root is "default" */
        fixture_mkdir(f->dir, "profiles/Bad");         /* not a valid name */
        fixture_mkdir(f->dir, "profiles/-x");
        fixture_write(f->dir, "profiles/file", "");    /* not a directory */
        fixture_mkdir(f->dir, "elsewhere");
        fixture_symlink(f->dir, "../elsewhere", "profiles/linked");
        load(f);
        assert_int_equal(f->h->n_profiles, 4);
        assert_string_equal(f->h->profiles[0].name, "default");
        assert_string_equal(f->h->profiles[0].unit, "hermes-gateway.service");
        assert_string_equal(f->h->profiles[0].home, f->dir);
        assert_string_equal(f->h->profiles[1].name, "a-1_b");
        assert_string_equal(f->h->profiles[2].name, "linked");
        assert_string_equal(f->h->profiles[3].name, "work");
        assert_string_equal(f->h->profiles[3].unit, "hermes-gateway-work.service");
        assert_int_equal(hermes_home_find_profile(f->h, "work"), 3);
        assert_int_equal(hermes_home_find_profile(f->h, "Bad"), -1);
        assert_int_equal(diag_count(&f->diags, DIAG_INFO), 2);   /* Bad, -x */
        assert_int_equal(diag_count(&f->diags, DIAG_WARNING), 0);
}

static void test_profile_name_validation(void **state) {
        char long_name[66];

        assert_true(hermes_profile_name_is_valid("work"));
        assert_true(hermes_profile_name_is_valid("0"));
        assert_true(hermes_profile_name_is_valid("a_b-c9"));
        assert_false(hermes_profile_name_is_valid(""));
        assert_false(hermes_profile_name_is_valid("_a"));
        assert_false(hermes_profile_name_is_valid("Work"));
        assert_false(hermes_profile_name_is_valid("a.b"));
        memset(long_name, 'a', 64);
        long_name[64] = 0;
        assert_true(hermes_profile_name_is_valid(long_name));
        long_name[64] = 'a', long_name[65] = 0;
        assert_false(hermes_profile_name_is_valid(long_name));
}

/* HERMES_HOME=<root>/profiles/<name> stands for <root> (get_default_hermes_root()). */
static void test_root_of_a_profile_home(void **state) {
        static const char *const cases[][2] = {
                { "/home/u/.hermes", "/home/u/.hermes" },
                { "/home/u/.hermes/profiles/work", "/home/u/.hermes" },
                { "/opt/data/profiles/coder/", "/opt/data" },
                { "/opt/data/", "/opt/data" },
                { "/profiles/x", "/" },
                { "/srv/myprofiles/x", "/srv/myprofiles/x" },
        };

        for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
                char *r = hermes_root_of(cases[i][0]);
                assert_string_equal(r, cases[i][1]);
                free(r);
        }
}

static void test_shared_telegram_token_across_quoting_styles(void **state) {
        struct fx *f = *state;

        fixture_write(f->dir, ".env", "# default\nOPENAI_API_KEY=sk-test\nTELEGRAM_BOT_TOKEN=" TOKEN_A " # prod\n");
        fixture_write(f->dir, "profiles/work/.env", "export TELEGRAM_BOT_TOKEN='" TOKEN_A "'\n");
        fixture_write(f->dir, "profiles/home/.env", "\n\nTELEGRAM_BOT_TOKEN=\"" TOKEN_A "\"\r\n");
        fixture_write(f->dir, "profiles/solo/.env", "TELEGRAM_BOT_TOKEN=" TOKEN_B "\n");
        load(f);
        assert_int_equal(f->n_groups, 1);
        assert_int_equal(f->groups[0].platform, HERMES_TELEGRAM);
        assert_int_equal(f->groups[0].n, 3);
        assert_string_equal(member_profile(f, 0, 0), "default");
        assert_string_equal(member_profile(f, 0, 1), "home");
        assert_string_equal(member_profile(f, 0, 2), "work");
        assert_int_equal(f->groups[0].members[0]->line, 3);
        assert_int_equal(f->groups[0].members[1]->line, 3);
        assert_int_equal(f->groups[0].members[2]->line, 1);
        assert_string_equal(f->groups[0].members[0]->fingerprint, FP_A);
        assert_string_equal(f->groups[0].members[0]->key, "TELEGRAM_BOT_TOKEN");
        assert_string_equal(hermes_platform_lock_scope(HERMES_TELEGRAM), "telegram-bot-token");
}

/* Same token, different platforms: two different locks, no conflict. */
static void test_platforms_are_separate_locks(void **state) {
        struct fx *f = *state;

        fixture_write(f->dir, ".env", "TELEGRAM_BOT_TOKEN=" TOKEN_A "\n");
        fixture_write(f->dir, "profiles/work/.env", "DISCORD_BOT_TOKEN=" TOKEN_A "\n");
        load(f);
        assert_int_equal(f->h->n_identities, 2);
        assert_int_equal(f->n_groups, 0);
}

static void test_slack_identity_is_the_app_token(void **state) {
        struct fx *f = *state;

        fixture_write(f->dir, ".env", "SLACK_BOT_TOKEN=xoxb-TEST-1\nSLACK_APP_TOKEN=xapp-TEST-SHARED\n");
        fixture_write(f->dir, "profiles/a/.env", "SLACK_BOT_TOKEN=xoxb-TEST-2\nSLACK_APP_TOKEN=xapp-TEST-SHARED\n");
        /* Same bot token, own app token: Hermes locks the app token only. */
        fixture_write(f->dir, "profiles/b/.env", "SLACK_BOT_TOKEN=xoxb-TEST-1\nSLACK_APP_TOKEN=xapp-TEST-B\n");
        /* No bot token: Slack is off, nothing is locked. */
        fixture_write(f->dir, "profiles/c/.env", "SLACK_APP_TOKEN=xapp-TEST-SHARED\n");
        load(f);
        assert_int_equal(f->n_groups, 1);
        assert_int_equal(f->groups[0].platform, HERMES_SLACK);
        assert_int_equal(f->groups[0].n, 2);
        assert_string_equal(member_profile(f, 0, 0), "default");
        assert_string_equal(member_profile(f, 0, 1), "a");
        assert_string_equal(f->groups[0].members[1]->key, "SLACK_APP_TOKEN");
        assert_int_equal(f->groups[0].members[1]->line, 2);
}

static void test_mattermost_needs_url(void **state) {
        struct fx *f = *state;

        fixture_write(f->dir, ".env", "MATTERMOST_URL=https://mm.example.test/\nMATTERMOST_TOKEN=mm-TEST-TOKEN\n");
        fixture_write(f->dir, "profiles/a/.env", "MATTERMOST_TOKEN=mm-TEST-TOKEN\nMATTERMOST_URL=https://mm.example.test\n");
        fixture_write(f->dir, "profiles/b/.env", "MATTERMOST_TOKEN=mm-TEST-TOKEN\nMATTERMOST_URL=/\n");
        fixture_write(f->dir, "profiles/c/.env", "MATTERMOST_TOKEN=mm-TEST-TOKEN\n");
        load(f);
        assert_int_equal(f->n_groups, 1);
        assert_int_equal(f->groups[0].platform, HERMES_MATTERMOST);
        assert_int_equal(f->groups[0].n, 2);
        assert_string_equal(member_profile(f, 0, 1), "a");
        assert_int_equal(f->groups[0].members[1]->line, 1);
}

/* Hermes refuses placeholders and leaves the platform off: no lock, no conflict. */
static void test_placeholders_and_empty_tokens_lock_nothing(void **state) {
        struct fx *f = *state;

        fixture_write(f->dir, ".env", "TELEGRAM_BOT_TOKEN=changeme\nDISCORD_BOT_TOKEN=abc\nSLACK_BOT_TOKEN=\n");
        fixture_write(f->dir, "profiles/a/.env", "TELEGRAM_BOT_TOKEN=' CHANGEME '\nDISCORD_BOT_TOKEN=abc\n"
                                                 "SLACK_BOT_TOKEN=\nTELEGRAM_BOT_TOKEN\n");
        load(f);
        assert_int_equal(f->h->n_identities, 0);
        assert_int_equal(f->n_groups, 0);
}

/* Hermes strips non-ASCII characters from *_TOKEN values (a zero-width space
 * pasted from a web page), so both gateways lock the same identity. */
static void test_non_ascii_is_stripped_before_hashing(void **state) {
        struct fx *f = *state;

        fixture_write(f->dir, ".env", "TELEGRAM_BOT_TOKEN=" TOKEN_A "\xe2\x80\x8b\n");
        fixture_write(f->dir, "profiles/a/.env", "TELEGRAM_BOT_TOKEN=" TOKEN_A "\n");
        load(f);
        assert_int_equal(f->n_groups, 1);
        assert_string_equal(f->groups[0].members[0]->fingerprint, FP_A);
}

/* Whitespace inside quotes is part of the token Hermes hashes. */
static void test_quoted_whitespace_is_part_of_identity(void **state) {
        struct fx *f = *state;

        fixture_write(f->dir, ".env", "TELEGRAM_BOT_TOKEN=\"" TOKEN_A " \"\n");
        fixture_write(f->dir, "profiles/a/.env", "TELEGRAM_BOT_TOKEN=" TOKEN_A "\n");
        load(f);
        assert_int_equal(f->h->n_identities, 2);
        assert_int_equal(f->n_groups, 0);
}

static void test_interpolated_tokens(void **state) {
        struct fx *f = *state;

        fixture_write(f->dir, ".env", "SHARED=" TOKEN_A "\nTELEGRAM_BOT_TOKEN=${SHARED}\n");
        fixture_write(f->dir, "profiles/a/.env", "TELEGRAM_BOT_TOKEN=" TOKEN_A "\n");
        fixture_write(f->dir, "profiles/b/.env", "TELEGRAM_BOT_TOKEN=${FROM_SHELL}\n");
        load(f);
        assert_int_equal(f->n_groups, 1);
        assert_int_equal(f->groups[0].n, 2);
        assert_int_equal(f->groups[0].members[0]->line, 2);
        assert_int_equal(diag_count(&f->diags, DIAG_INFO), 1);
        assert_string_equal(diag_code_name(f->diags.items[0].code), "hermes-identity-from-environment");
        assert_int_equal(f->diags.items[0].line, 1);
}

static void test_env_syntax_problems_are_reported_without_values(void **state) {
        struct fx *f = *state;

        fixture_write(f->dir, ".env", "TELEGRAM_BOT_TOKEN='" TOKEN_A "' trailing\nDISCORD_BOT_TOKEN=" TOKEN_B "\n");
        load(f);
        assert_int_equal(f->h->n_identities, 1);   /* the Telegram line is lost, as in Hermes */
        assert_int_equal(f->diags.n, 1);
        assert_string_equal(diag_code_name(f->diags.items[0].code), "dotenv-syntax");
        assert_int_equal(f->diags.items[0].line, 1);
        for (size_t i = 0; i < f->diags.n; i++)
                assert_null(strstr(f->diags.items[i].message, "TEST-TOKEN"));
}

static void test_root_must_be_a_directory(void **state) {
        struct fx *f = *state;
        struct hermes_home *h = NULL;
        char *missing;

        assert_true(asprintf(&missing, "%s/nope", f->dir) > 0);
        assert_int_equal(hermes_home_load(missing, HERMES_LOAD_ENV, &h, NULL), -ENOTDIR);
        assert_null(h);
        free(missing);
}

static void test_root_without_env_has_default_profile_only(void **state) {
        struct fx *f = *state;

        load(f);
        assert_int_equal(f->h->n_profiles, 1);
        assert_int_equal(f->h->n_identities, 0);
        assert_int_equal(f->diags.n, 0);
}

/* gateway/status.py _read_pid_record(): a JSON record, or a bare integer from
 * older versions; read as utf-8-sig; anything without a positive pid is unusable. */
static void test_pidfile_json_record_and_bare_integer(void **state) {
        struct fx *f = *state;

        fixture_write(f->dir, "gateway.pid", "{\"pid\": 4242, \"kind\": \"hermes-gateway\", "
                      "\"argv\": [\"hermes\", \"gateway\", \"run\"], \"start_time\": 987654}");
        fixture_write(f->dir, "profiles/old/gateway.pid", "\xef\xbb\xbf" "1234\n");
        fixture_write(f->dir, "profiles/junk/gateway.pid", "not a pid");
        fixture_mkdir(f->dir, "profiles/none");
        load(f);
        assert_int_equal(f->h->n_profiles, 4);
        assert_non_null(f->h->profiles[0].pid);
        assert_int_equal(f->h->profiles[0].pid->pid, 4242);
        assert_int_equal(f->h->profiles[0].pid->start_time, 987654);
        assert_string_equal(f->h->profiles[0].pid->kind, "hermes-gateway");
        assert_null(f->h->profiles[1].pid);                     /* junk */
        assert_null(f->h->profiles[2].pid);                     /* none */
        assert_non_null(f->h->profiles[3].pid);                 /* old */
        assert_int_equal(f->h->profiles[3].pid->pid, 1234);
        assert_int_equal(f->h->profiles[3].pid->start_time, -1);
        assert_null(f->h->profiles[3].pid->kind);
        assert_int_equal(f->diags.n, 0);
}

/* Each file is parsed once into the profile: .env entries and the jobs.json tree. */
static void test_files_are_kept_parsed(void **state) {
        struct fx *f = *state;

        fixture_write(f->dir, ".env", "A=1\n");
        fixture_write(f->dir, "cron/jobs.json", "{\"jobs\": []}");
        fixture_write(f->dir, "profiles/work/cron/jobs.json", "{\"jobs\": [}");
        load(f);
        assert_non_null(f->h->profiles[0].env);
        assert_string_equal(dotenv_get(f->h->profiles[0].env, "A")->value, "1");
        assert_non_null(f->h->profiles[0].jobs);
        assert_int_equal(f->h->profiles[0].jobs->type, JSON_OBJECT);
        assert_null(f->h->profiles[1].env);
        assert_null(f->h->profiles[1].jobs);                    /* broken: reported */
        assert_int_equal(f->diags.n, 1);
        assert_int_equal(f->diags.items[0].code, DIAG_JSON_SYNTAX);
        assert_int_equal(f->diags.items[0].line, 1);
        assert_int_equal(f->diags.items[0].column, 11);
}

int main(void) {
        const struct CMUnitTest tests[] = {
#define T(t) cmocka_unit_test_setup_teardown(t, setup, teardown)
                T(test_profiles_and_units),
                T(test_profile_name_validation),
                T(test_root_of_a_profile_home),
                T(test_shared_telegram_token_across_quoting_styles),
                T(test_platforms_are_separate_locks),
                T(test_slack_identity_is_the_app_token),
                T(test_mattermost_needs_url),
                T(test_placeholders_and_empty_tokens_lock_nothing),
                T(test_non_ascii_is_stripped_before_hashing),
                T(test_quoted_whitespace_is_part_of_identity),
                T(test_interpolated_tokens),
                T(test_env_syntax_problems_are_reported_without_values),
                T(test_root_must_be_a_directory),
                T(test_root_without_env_has_default_profile_only),
                T(test_pidfile_json_record_and_bare_integer),
                T(test_files_are_kept_parsed),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
