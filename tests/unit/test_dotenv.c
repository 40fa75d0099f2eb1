/* SPDX-License-Identifier: MIT */
/*
 * Expected values are python-dotenv 1.2.2's (parser.parse_stream on a text-mode
 * stream, and dotenv_values() with an empty environment for interpolation).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "dotenv.h"

struct kv {
        const char *key, *value;   /* value NULL: "KEY" without '=' */
        unsigned line;
};

#define END { NULL, NULL, 0 }

static struct dotenv *parse(const char *text, struct diag_list *diags) {
        struct dotenv *d = NULL;

        assert_int_equal(dotenv_parse("t.env", text, strlen(text), &d, diags), 0);
        assert_non_null(d);
        return d;
}

/* Parses text and checks every entry and the lines of "dotenv-syntax" warnings. */
static void assert_parse(const char *text, const struct kv *expected, const unsigned *bad_lines) {
        struct diag_list diags = {};
        struct dotenv *d = parse(text, &diags);
        size_t n = 0, nbad = 0;

        for (; expected[n].key; n++) {
                assert_true(n < d->n_entries);
                assert_string_equal(d->entries[n].key, expected[n].key);
                if (expected[n].value)
                        assert_string_equal(d->entries[n].value, expected[n].value);
                else
                        assert_null(d->entries[n].value);
                assert_int_equal(d->entries[n].line, expected[n].line);
        }
        assert_int_equal(d->n_entries, n);
        for (; bad_lines && bad_lines[nbad]; nbad++) {
                assert_true(nbad < diags.n);
                assert_string_equal(diag_code_name(diags.items[nbad].code), "dotenv-syntax");
                assert_int_equal(diags.items[nbad].line, bad_lines[nbad]);
                assert_string_equal(diags.items[nbad].file, "t.env");
        }
        assert_int_equal(diags.n, nbad);
        diag_list_clear(&diags);
        dotenv_free(d);
}

static void test_plain_assignments(void **state) {
        assert_parse("A=1\nB=two words\n",
                     (const struct kv[]) { { "A", "1", 1 }, { "B", "two words", 2 }, END }, NULL);
}

static void test_export_prefix_and_spaces_around_equals(void **state) {
        assert_parse("export A=1\nexport  B = 2 \n",
                     (const struct kv[]) { { "A", "1", 1 }, { "B", "2", 2 }, END }, NULL);
}

static void test_unquoted_comment_needs_whitespace_before_hash(void **state) {
        assert_parse("A=abc#def\nB=abc #def\nC=abc\t#def\nD= #x\nE=\n",
                     (const struct kv[]) { { "A", "abc#def", 1 }, { "B", "abc", 2 }, { "C", "abc", 3 },
                                           { "D", "#x", 4 }, { "E", "", 5 }, END }, NULL);
}

static void test_single_quotes_unescape_only_backslash_and_quote(void **state) {
        assert_parse("A='x y'\nB='a\\'b'\nC='a\\\\b'\nD='a\\nb'\n",
                     (const struct kv[]) { { "A", "x y", 1 }, { "B", "a'b", 2 }, { "C", "a\\b", 3 },
                                           { "D", "a\\nb", 4 }, END }, NULL);
}

static void test_double_quotes_unescape_c_escapes(void **state) {
        assert_parse("A=\"x\\ny\"\nB=\"a\\\"b\"\nC=\"t\\tx\"\nD=\"q\\'\"\nE=\"x\\\\\"\n",
                     (const struct kv[]) { { "A", "x\ny", 1 }, { "B", "a\"b", 2 }, { "C", "t\tx", 3 },
                                           { "D", "q'", 4 }, { "E", "x\\", 5 }, END }, NULL);
}

static void test_quoted_value_spans_lines(void **state) {
        assert_parse("A=\"multi\nline\"\nB=2\n",
                     (const struct kv[]) { { "A", "multi\nline", 1 }, { "B", "2", 3 }, END }, NULL);
}

static void test_crlf_and_lone_cr_are_newlines(void **state) {
        assert_parse("A=1\r\nB=2\r\nC='x\r\ny'\r\n",
                     (const struct kv[]) { { "A", "1", 1 }, { "B", "2", 2 }, { "C", "x\ny", 3 }, END },
                     NULL);
        assert_parse("A=1\rB=2\r", (const struct kv[]) { { "A", "1", 1 }, { "B", "2", 2 }, END }, NULL);
}

/* Hermes removes NUL bytes from .env before python-dotenv sees it. */
static void test_nul_bytes_are_dropped(void **state) {
        static const char text[] = "A=1\0\0\nB\0=2\n\0C=3";
        struct dotenv *d = NULL;

        assert_int_equal(dotenv_parse("t.env", text, sizeof(text) - 1, &d, NULL), 0);
        assert_int_equal(d->n_entries, 3);
        assert_string_equal(dotenv_get(d, "A")->value, "1");
        assert_string_equal(dotenv_get(d, "B")->value, "2");
        assert_string_equal(dotenv_get(d, "C")->value, "3");
        assert_int_equal(dotenv_get(d, "C")->line, 3);
        dotenv_free(d);
}

static void test_comments_and_blank_lines(void **state) {
        assert_parse("# comment\n\n   # indented\nA=1 # trailing\nB='q' # c\n",
                     (const struct kv[]) { { "A", "1", 4 }, { "B", "q", 5 }, END }, NULL);
}

static void test_bad_statements_are_skipped_to_end_of_line(void **state) {
        assert_parse("=bad\nA=1\nB\nC='x' junk\nD=4\n",
                     (const struct kv[]) { { "A", "1", 2 }, { "B", NULL, 3 }, { "D", "4", 5 }, END },
                     (const unsigned[]) { 1, 4, 0 });
}

/* The unterminated quote closes at the next line's quote: both lines are lost. */
static void test_unterminated_quote_swallows_next_line(void **state) {
        assert_parse("G=\"unterminated\nH=\"a\" junk\nI=9\n",
                     (const struct kv[]) { { "I", "9", 3 }, END }, (const unsigned[]) { 1, 0 });
}

static void test_quoted_key_and_odd_keys(void **state) {
        assert_parse("'A B'=1\nexport=2\nA#x=1\n",
                     (const struct kv[]) { { "A B", "1", 1 }, { "export", "2", 2 }, { "A", NULL, 3 },
                                           END }, NULL);
}

/* '((?:\\'|[^'])*)' backtracks: with no bare closing quote, the escaped one closes. */
static void test_single_quote_regex_backtracking(void **state) {
        assert_parse("A='abc\\'\n", (const struct kv[]) { { "A", "abc\\", 1 }, END }, NULL);
}

static void test_indented_and_no_final_newline(void **state) {
        assert_parse("  A=1\n\tB=2", (const struct kv[]) { { "A", "1", 1 }, { "B", "2", 2 }, END }, NULL);
}

static void test_last_assignment_wins_and_bare_key_unsets(void **state) {
        struct dotenv *d = parse("A=1\nA=2\nB=3\nB\n", NULL);

        assert_string_equal(dotenv_get(d, "A")->value, "2");
        assert_int_equal(dotenv_get(d, "A")->line, 2);
        assert_null(dotenv_get(d, "B"));
        assert_null(dotenv_get(d, "C"));
        dotenv_free(d);
}

static void test_bom_stays_in_first_key_with_warning(void **state) {
        struct diag_list diags = {};
        struct dotenv *d = parse("\xef\xbb\xbfTELEGRAM_BOT_TOKEN=abc\nB=1\n", &diags);

        assert_null(dotenv_get(d, "TELEGRAM_BOT_TOKEN"));
        assert_string_equal(d->entries[0].key, "\xef\xbb\xbfTELEGRAM_BOT_TOKEN");
        assert_int_equal(diags.n, 1);
        assert_string_equal(diag_code_name(diags.items[0].code), "dotenv-bom");
        diag_list_clear(&diags);
        dotenv_free(d);
}

static void assert_interpolated(const char *text, const char *key, int rc, const char *expected) {
        struct dotenv *d = parse(text, NULL);
        char *v = NULL;

        assert_int_equal(dotenv_interpolate(d, dotenv_get(d, key), &v), rc);
        if (rc == 0)
                assert_string_equal(v, expected);
        else
                assert_null(v);
        free(v);
        dotenv_free(d);
}

static void test_interpolation(void **state) {
        assert_interpolated("A=x\nB=${A}y\n", "B", 0, "xy");
        assert_interpolated("A\nB=${A:-d}\n", "B", 0, "");
        assert_interpolated("A=1\nB=${A:-d}\n", "B", 0, "1");
        assert_interpolated("B=${A\n", "B", 0, "${A");
        assert_interpolated("B=$A\n", "B", 0, "$A");
        assert_interpolated("B=${A:x}\n", "B", 0, "${A:x}");
        assert_interpolated("A=1\nB='${A}'\n", "B", 0, "1");
        assert_interpolated("A=1\nB=${A}${A}\nA=2\nC=${A}\n", "B", 0, "11");
        assert_interpolated("A=1\nB=${A}${A}\nA=2\nC=${A}\n", "C", 0, "2");
        assert_interpolated("B=${}\n", "B", 0, "");
        assert_interpolated("B=${:-d}\n", "B", 0, "d");
}

/* A name not set earlier in the file comes from the environment: unknowable here. */
static void test_interpolation_from_environment_is_unknown(void **state) {
        assert_interpolated("B=${NOPE}\n", "B", -ENXIO, NULL);
        assert_interpolated("B=${NOPE:-d}\n", "B", -ENXIO, NULL);
        assert_interpolated("A=${X}\nB=${A}\n", "B", -ENXIO, NULL);
        assert_interpolated("A=${X}\nB=plain\n", "B", 0, "plain");
}

static void test_interpolation_growth_is_bounded(void **state) {
        char text[4096] = "A0=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n";
        char key[8];

        for (int i = 1; i < 40; i++) {
                size_t n = strlen(text);
                snprintf(text + n, sizeof(text) - n, "A%d=${A%d}${A%d}\n", i, i - 1, i - 1);
        }
        snprintf(key, sizeof(key), "A39");
        assert_interpolated(text, key, -E2BIG, NULL);
}

static void test_load_missing_is_enoent_without_diag(void **state) {
        struct diag_list diags = {};
        struct dotenv *d = NULL;

        assert_int_equal(dotenv_load("/nonexistent/.env", &d, &diags), -ENOENT);
        assert_null(d);
        assert_int_equal(diags.n, 0);
        assert_int_equal(dotenv_load("/", &d, &diags), -EISDIR);
        assert_int_equal(diags.n, 1);
        assert_string_equal(diag_code_name(diags.items[0].code), "unreadable");
        diag_list_clear(&diags);
}

/* No diagnostic may quote a value: values are bot tokens. */
static void test_diagnostics_never_contain_values(void **state) {
        static const char text[] =
                "\xef\xbb\xbfX=1\nTELEGRAM_BOT_TOKEN='123456:TEST-TOKEN-A' junk\n"
                "=123456:TEST-TOKEN-B\nD=\"123456:TEST-TOKEN-C\n";
        struct diag_list diags = {};
        struct dotenv *d = parse(text, &diags);

        assert_true(diags.n >= 3);
        for (size_t i = 0; i < diags.n; i++)
                assert_null(strstr(diags.items[i].message, "TEST-TOKEN"));
        diag_list_clear(&diags);
        dotenv_free(d);
}

/* Keys and values carry their columns; CR and CRLF ends give the same ones as LF. */
static void test_columns_of_keys_and_values(void **state) {
        static const char *const texts[] = {
                "export  A = 'x y'\n  B=2\nbad 'line\n", "export  A = 'x y'\r  B=2\rbad 'line\r",
                "export  A = 'x y'\r\n  B=2\r\nbad 'line\r\n",
        };

        for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
                struct diag_list diags = {};
                struct dotenv *d = parse(texts[i], &diags);
                assert_int_equal(d->n_entries, 2);
                assert_int_equal(d->entries[0].key_column, 9);
                assert_int_equal(d->entries[0].value_column, 13);
                assert_int_equal(d->entries[1].line, 2);
                assert_int_equal(d->entries[1].key_column, 3);
                assert_int_equal(d->entries[1].value_column, 5);
                assert_int_equal(diags.n, 1);
                assert_int_equal(diags.items[0].line, 3);
                assert_int_equal(diags.items[0].column, 1);
                dotenv_free(d);
                diag_list_clear(&diags);
        }
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_columns_of_keys_and_values),
                cmocka_unit_test(test_plain_assignments),
                cmocka_unit_test(test_export_prefix_and_spaces_around_equals),
                cmocka_unit_test(test_unquoted_comment_needs_whitespace_before_hash),
                cmocka_unit_test(test_single_quotes_unescape_only_backslash_and_quote),
                cmocka_unit_test(test_double_quotes_unescape_c_escapes),
                cmocka_unit_test(test_quoted_value_spans_lines),
                cmocka_unit_test(test_crlf_and_lone_cr_are_newlines),
                cmocka_unit_test(test_nul_bytes_are_dropped),
                cmocka_unit_test(test_comments_and_blank_lines),
                cmocka_unit_test(test_bad_statements_are_skipped_to_end_of_line),
                cmocka_unit_test(test_unterminated_quote_swallows_next_line),
                cmocka_unit_test(test_quoted_key_and_odd_keys),
                cmocka_unit_test(test_single_quote_regex_backtracking),
                cmocka_unit_test(test_indented_and_no_final_newline),
                cmocka_unit_test(test_last_assignment_wins_and_bare_key_unsets),
                cmocka_unit_test(test_bom_stays_in_first_key_with_warning),
                cmocka_unit_test(test_interpolation),
                cmocka_unit_test(test_interpolation_from_environment_is_unknown),
                cmocka_unit_test(test_interpolation_growth_is_bounded),
                cmocka_unit_test(test_load_missing_is_enoent_without_diag),
                cmocka_unit_test(test_diagnostics_never_contain_values),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
