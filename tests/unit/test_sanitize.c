/* SPDX-License-Identifier: MIT */
/* lib/sanitize: secrets become Hermes fingerprints, control characters escapes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixture.h"
#include "sanitize.h"
#include "sha256.h"

/* Long enough to look real; fake. */
#define TG_TOKEN "1234567890:AAFakeFakeFakeFakeFakeFakeFakeFake_-x"

static void assert_sanitized(const char *in, const char *expected) {
        char *s = sanitize(in);

        assert_non_null(s);
        assert_string_equal(s, expected);
        free(s);
}

static char *redacted(const char *secret) {
        char fp[SHA256_FINGERPRINT_SIZE], *r;

        sha256_fingerprint(secret, fp);
        if (asprintf(&r, "[redacted:%s]", fp) < 0)
                abort();
        return r;
}

/* in becomes before + the redaction of secret + after. */
static void assert_redacts(const char *in, const char *before, const char *secret, const char *after) {
        char *r = redacted(secret), *expected;

        if (asprintf(&expected, "%s%s%s", before, r, after) < 0)
                abort();
        assert_sanitized(in, expected);
        free(expected);
        free(r);
}

static void test_plain_text_is_unchanged(void **state) {
        const char *t = "hermes-gateway-work.service:5:23: error: StartLimitIntervalSec=0 disables "
                        "the start limit [HG004 start-limit-disabled] hermes-gateway\\x2dx.service";

        assert_sanitized(t, t);
        assert_true(sanitize_is_clean(t, strlen(t)));
        assert_sanitized("", "");
        assert_null(sanitize(NULL));
}

static void test_fingerprint_is_hermes_lock_fingerprint(void **state) {
        /* The fingerprint HG023 prints and Hermes puts in the lock file name. */
        char *s = sanitize("token " TG_TOKEN " here");
        char fp[SHA256_FINGERPRINT_SIZE];

        assert_non_null(s);
        sha256_fingerprint(TG_TOKEN, fp);
        assert_non_null(strstr(s, fp));
        assert_null(strstr(s, "AAFake"));
        assert_int_equal(strlen(fp), 16);
        free(s);
}

static void test_telegram_token_alone_and_in_url(void **state) {
        assert_redacts("token " TG_TOKEN " here", "token ", TG_TOKEN, " here");
        assert_redacts("GET https://api.telegram.org/bot" TG_TOKEN "/getMe failed",
                       "GET https://api.telegram.org/bot", TG_TOKEN, "/getMe failed");
        /* Too short to be a token (the test fixtures' fake tokens). */
        assert_sanitized("123456:TEST-TOKEN-A", "123456:TEST-TOKEN-A");
        assert_sanitized("12345:AAFakeFakeFakeFakeFakeFakeFakeFake", "12345:AAFakeFakeFakeFakeFakeFakeFakeFake");
}

static void test_slack_tokens(void **state) {
        assert_redacts("SLACK xoxb-1234567890-abcdefghij end", "SLACK ", "xoxb-1234567890-abcdefghij", " end");
        assert_redacts("app xapp-1-A0123-456789-abcdef", "app ", "xapp-1-A0123-456789-abcdef", "");
        assert_redacts("(xoxp-0000000000-1111)", "(", "xoxp-0000000000-1111", ")");
        /* Documentation placeholders are no tokens. */
        assert_sanitized("use xoxb-... here", "use xoxb-... here");
}

static void test_sk_api_keys(void **state) {
        assert_redacts("OPENAI sk-proj-abc123def456ghi789jkl0 used", "OPENAI ",
                       "sk-proj-abc123def456ghi789jkl0", " used");
        /* Inside a word, or with no digit: a name, not a key. */
        assert_sanitized("disk-usage-monitor-2024-report-long", "disk-usage-monitor-2024-report-long");
        assert_sanitized("sk-this-is-just-a-long-job-name", "sk-this-is-just-a-long-job-name");
}

static void test_bearer_keeps_the_scheme(void **state) {
        assert_redacts("Authorization: Bearer abc.DEF-ghi_123~x==", "Authorization: Bearer ",
                       "abc.DEF-ghi_123~x==", "");
        assert_redacts("bearer\tZm9vYmFyYmF6", "bearer\\t", "Zm9vYmFyYmF6", "");
        assert_sanitized("Bearer <token>", "Bearer <token>");
        assert_sanitized("Bearer short", "Bearer short");
}

static void test_query_and_assignment_values(void **state) {
        assert_redacts("https://x.example/v1?key=AIzaFAKE123&alt=json", "https://x.example/v1?key=",
                       "AIzaFAKE123", "&alt=json");
        assert_redacts("https://x.example/?a=1&token=s3cr3t#frag", "https://x.example/?a=1&token=", "s3cr3t", "#frag");
        assert_redacts("redirect access_token=ya29.FAKE rest", "redirect access_token=", "ya29.FAKE", " rest");
        assert_redacts("Environment=TELEGRAM_BOT_TOKEN=123:abc", "Environment=TELEGRAM_BOT_TOKEN=", "123:abc", "");
        assert_redacts("MATRIX_PASSWORD='hunter 2' x", "MATRIX_PASSWORD='", "hunter 2", "' x");
        assert_redacts("Environment=\"SLACK_APP_TOKEN=abc\"", "Environment=\"SLACK_APP_TOKEN=", "abc", "\"");
}

static void test_assignment_not_a_secret(void **state) {
        assert_sanitized("StartLimitBurst=5 RestartSec=10s HERMES_HOME=/home/u/.hermes",
                         "StartLimitBurst=5 RestartSec=10s HERMES_HOME=/home/u/.hermes");
        assert_sanitized("token=${TELEGRAM_BOT_TOKEN}", "token=${TELEGRAM_BOT_TOKEN}");
        assert_sanitized("token=", "token=");
        /* "key" alone is a secret's name only in a URL query. */
        assert_sanitized("not a \"Key=value\" line", "not a \"Key=value\" line");
        assert_redacts("x;key=abc", "x;key=", "abc", "");
        assert_sanitized("PASSWORD=****", "PASSWORD=****");
}

static void test_control_characters_are_escaped(void **state) {
        assert_sanitized("a\nb.service:1:1: error: forged", "a\\nb.service:1:1: error: forged");
        assert_sanitized("\r\t\x01\x7f", "\\r\\t\\x01\\x7f");
        /* OSC retitle + clear screen. */
        assert_sanitized("\x1b]0;pwned\a\x1b[2J", "\\x1b]0;pwned\\x07\\x1b[2J");
        /* C1 CSI as a raw byte and as UTF-8 U+009B; a lone continuation byte. */
        assert_sanitized("\x9b" "2J", "\\x9b2J");
        assert_sanitized("\xc2\x9b" "2J", "\\u009b2J");
        assert_sanitized("\x80", "\\x80");
}

static void test_utf8_kept_hostile_code_points_escaped(void **state) {
        assert_sanitized("caf\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x98\x80", "caf\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x98\x80");
        /* RLO (Trojan Source), LINE SEPARATOR. */
        assert_sanitized("a\xe2\x80\xae" "b\xe2\x80\xa8" "c", "a\\u202eb\\u2028c");
        /* Overlong, surrogate, above U+10FFFF, truncated. */
        assert_sanitized("\xc0\xaf", "\\xc0\\xaf");
        assert_sanitized("\xed\xa0\x80", "\\xed\\xa0\\x80");
        assert_sanitized("\xf4\x90\x80\x80", "\\xf4\\x90\\x80\\x80");
        assert_sanitized("\xe2\x9c", "\\xe2\\x9c");
}

static void test_redaction_comes_before_escaping(void **state) {
        /* A token followed by a newline is still a token; the newline still escaped. */
        assert_redacts("bot" TG_TOKEN "\n", "bot", TG_TOKEN, "\\n");
        /* An embedded NUL (sanitize_n) is escaped, not a terminator. */
        char *s = sanitize_n("a\0b", 3);
        assert_string_equal(s, "a\\x00b");
        free(s);
}

static void test_sanitizing_twice_changes_nothing_more(void **state) {
        const char *inputs[] = {
                "x " TG_TOKEN " ?key=abc&token=def Bearer abcdefghijk \x1b[31m\n",
                "\xc2\x9b sk-abc123def456ghi789jkl0 xoxb-1234567890-abcdef",
        };

        for (size_t k = 0; k < sizeof(inputs) / sizeof(inputs[0]); k++) {
                char *once = sanitize(inputs[k]), *twice = sanitize(once);
                assert_string_equal(once, twice);
                assert_false(sanitize_is_clean(inputs[k], strlen(inputs[k])));
                assert_true(sanitize_is_clean(once, strlen(once)));
                free(once);
                free(twice);
        }
}

static void test_redact_only_keeps_control_characters(void **state) {
        char *s = sanitize_redact("a\ntoken=abc");

        assert_string_equal(s, "a\ntoken=[redacted:ba7816bf8f01cfea]");
        free(s);
}

static void test_fprintf_sanitizes_the_whole_line(void **state) {
        char *buf = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);

        assert_non_null(f);
        assert_int_equal(sanitize_fprintf(f, "job %s: %d\n", "evil\x1b]0;x\a", 3), 0);
        fclose(f);
        assert_string_equal(buf, "job evil\\x1b]0;x\\x07: 3\\n");
        free(buf);
}

/* Hostile shapes stay linear: a megabyte of each is sanitised at once (a quadratic
 * scanner would take minutes here; no timing is asserted, the test would hang). */
static void test_hostile_shapes_are_linear(void **state) {
        const char *units[] = { "1", "a=", "sk-", "bearer ", "xoxb-", "1234567:", "\x1b", "\xe2" };
        size_t n = 1 << 20;
        char *big = malloc(n + 1);

        for (size_t k = 0; k < sizeof(units) / sizeof(units[0]); k++) {
                size_t l = strlen(units[k]);
                for (size_t i = 0; i < n; i++)
                        big[i] = units[k][i % l];
                big[n] = 0;
                char *s = sanitize(big);
                assert_non_null(s);
                free(s);
        }
        free(big);
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_plain_text_is_unchanged),
                cmocka_unit_test(test_fingerprint_is_hermes_lock_fingerprint),
                cmocka_unit_test(test_telegram_token_alone_and_in_url),
                cmocka_unit_test(test_slack_tokens),
                cmocka_unit_test(test_sk_api_keys),
                cmocka_unit_test(test_bearer_keeps_the_scheme),
                cmocka_unit_test(test_query_and_assignment_values),
                cmocka_unit_test(test_assignment_not_a_secret),
                cmocka_unit_test(test_control_characters_are_escaped),
                cmocka_unit_test(test_utf8_kept_hostile_code_points_escaped),
                cmocka_unit_test(test_redaction_comes_before_escaping),
                cmocka_unit_test(test_sanitizing_twice_changes_nothing_more),
                cmocka_unit_test(test_redact_only_keeps_control_characters),
                cmocka_unit_test(test_fprintf_sanitizes_the_whole_line),
                cmocka_unit_test(test_hostile_shapes_are_linear),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
