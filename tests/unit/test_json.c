/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "json.h"

static struct json_value *parse_ok(const char *text, size_t len) {
        struct diag_list diags = {};
        struct json_value *v = NULL;

        assert_int_equal(json_parse("t.json", text, len, 0, &v, &diags), 0);
        assert_int_equal(diags.n, 0);
        assert_non_null(v);
        return v;
}

/* Parsing fails with rc and one diagnostic of code at line, mentioning column. */
static void assert_error(const char *text, size_t len, int rc, const char *code, unsigned line,
                         unsigned column) {
        struct diag_list diags = {};
        struct json_value *v = NULL;

        assert_int_equal(json_parse("t.json", text, len, 0, &v, &diags), rc);
        assert_null(v);
        assert_int_equal(diags.n, 1);
        assert_int_equal(diags.items[0].level, DIAG_ERROR);
        assert_string_equal(diag_code_name(diags.items[0].code), code);
        assert_string_equal(diags.items[0].file, "t.json");
        assert_int_equal(diags.items[0].line, line);
        assert_int_equal(diags.items[0].column, column);
        assert_null(strstr(diags.items[0].message, "column"));
        diag_list_clear(&diags);
}

#define ERR(s, line, col) assert_error(s, sizeof(s) - 1, -EBADMSG, "json-syntax", line, col)

static void test_jobs_file_shape_and_positions(void **state) {
        static const char text[] =
                "{\n  \"jobs\": [\n    {\"id\": \"a1\", \"enabled\": true, \"no_agent\": false,\n"
                "     \"schedule\": {\"kind\": \"interval\", \"minutes\": 30}}\n  ],\n"
                "  \"updated_at\": \"2026-01-01T00:00:00\"\n}\n";
        struct json_value *v = parse_ok(text, sizeof(text) - 1);
        const struct json_value *jobs = json_object_get(v, "jobs"), *job, *minutes;

        assert_int_equal(v->type, JSON_OBJECT);
        assert_int_equal(v->n, 2);
        assert_non_null(jobs);
        assert_int_equal(jobs->type, JSON_ARRAY);
        assert_int_equal(jobs->line, 2);
        assert_int_equal(jobs->column, 11);
        job = jobs->elements[0];
        assert_int_equal(job->line, 3);
        assert_int_equal(job->column, 5);
        assert_string_equal(json_object_get(job, "id")->string, "a1");
        assert_int_equal(json_object_get(job, "enabled")->type, JSON_TRUE);
        minutes = json_object_get(json_object_get(job, "schedule"), "minutes");
        assert_int_equal(minutes->type, JSON_NUMBER);
        assert_string_equal(minutes->string, "30");
        assert_int_equal(minutes->line, 4);
        assert_null(json_object_get(job, "missing"));
        assert_null(json_object_get(jobs, "id"));
        json_free(v);
}

static void test_string_escapes(void **state) {
        static const char text[] = "[\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\", \"\\u00e9\\u20ac\", "
                                   "\"\\ud83d\\ude00\", \"x\\u0000y\", \"\xc3\xa9\xf0\x9f\x98\x80\"]";
        struct json_value *v = parse_ok(text, sizeof(text) - 1);

        assert_string_equal(v->elements[0]->string, "a\"b\\c/d\b\f\n\r\t");
        assert_string_equal(v->elements[1]->string, "\xc3\xa9\xe2\x82\xac");
        assert_string_equal(v->elements[2]->string, "\xf0\x9f\x98\x80");
        assert_int_equal(v->elements[3]->n, 3);
        assert_memory_equal(v->elements[3]->string, "x\0y", 3);
        assert_string_equal(v->elements[4]->string, "\xc3\xa9\xf0\x9f\x98\x80");
        json_free(v);
}

static void test_numbers_kept_as_written(void **state) {
        static const char text[] = "[0, -0, 12, -3.25, 1e5, 2E-3, 6.02e+23]";
        static const char *const expected[] = { "0", "-0", "12", "-3.25", "1e5", "2E-3", "6.02e+23" };
        struct json_value *v = parse_ok(text, sizeof(text) - 1);

        assert_int_equal(v->n, 7);
        for (size_t i = 0; i < 7; i++)
                assert_string_equal(v->elements[i]->string, expected[i]);
        json_free(v);
}

static void test_scalars_and_empty_containers_at_top(void **state) {
        static const char *const texts[] = { "null", " true ", "false", "\"s\"", "7", "[]", "{}", "\r\n[ ]\t" };
        static const enum json_type types[] = { JSON_NULL, JSON_TRUE, JSON_FALSE, JSON_STRING,
                                                JSON_NUMBER, JSON_ARRAY, JSON_OBJECT, JSON_ARRAY };

        for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
                struct json_value *v = parse_ok(texts[i], strlen(texts[i]));
                assert_int_equal(v->type, types[i]);
                json_free(v);
        }
}

static void test_syntax_errors_name_line_and_column(void **state) {
        ERR("", 1, 1);
        ERR("{\"a\": 1,}", 1, 9);
        ERR("[1, 2,]", 1, 7);
        ERR("{\n  // comment\n}", 2, 3);
        ERR("{'a': 1}", 1, 2);
        ERR("[nan]", 1, 2);
        ERR("[-NaN]", 1, 2);
        ERR("[+Infinity]", 1, 2);
        ERR("[01]", 1, 2);
        ERR("[1.]", 1, 2);
        ERR("[.5]", 1, 2);
        ERR("[+1]", 1, 2);
        ERR("[-]", 1, 2);
        ERR("[1e]", 1, 2);
        ERR("{\"a\" 1}", 1, 6);
        ERR("{\"a\": 1 \"b\": 2}", 1, 9);
        ERR("[1 2]", 1, 4);
        ERR("{1: 2}", 1, 2);
        ERR("[\"abc", 1, 6);
        ERR("[\"a\\x\"]", 1, 4);
        ERR("[\"\\u12\"]", 1, 3);
        ERR("[tru]", 1, 2);
        ERR("{} {}", 1, 4);
        ERR("\xef\xbb\xbf{}", 1, 1);
}

/* What Python's json.load takes beyond RFC 8259, and Hermes therefore runs. */
static void test_python_extensions_are_accepted(void **state) {
        static const char text[] = "[NaN, Infinity, -Infinity, \"\\ud800\", \"\\udc00x\", \"\\ud800\\u0041\","
                                   " \"\\ud83d\\ude00\"]";
        struct json_value *v = parse_ok(text, sizeof(text) - 1);

        assert_int_equal(v->n, 7);
        assert_int_equal(v->elements[0]->type, JSON_NUMBER);
        assert_string_equal(v->elements[0]->string, "NaN");
        assert_string_equal(v->elements[2]->string, "-Infinity");
        assert_true(json_truthy(v->elements[0]) && json_truthy(v->elements[1]));
        /* Lone surrogates keep their 3-byte form; a pair is one code point. */
        assert_memory_equal(v->elements[3]->string, "\xed\xa0\x80", 4);
        assert_memory_equal(v->elements[4]->string, "\xed\xb0\x80x", 5);
        assert_memory_equal(v->elements[5]->string, "\xed\xa0\x80" "A", 5);
        assert_string_equal(v->elements[6]->string, "\xf0\x9f\x98\x80");
        json_free(v);
}

static void test_bad_unicode_is_an_error(void **state) {
        ERR("[\"\xc0\x80\"]", 1, 3);              /* overlong NUL */
        ERR("[\"\xed\xa0\x80\"]", 1, 3);          /* UTF-8-encoded surrogate */
        ERR("[\"\xf5\x80\x80\x80\"]", 1, 3);      /* beyond U+10FFFF */
        ERR("[\"\xe2\x82\"]", 1, 3);              /* truncated */
        ERR("[\"ok\",\n\"\x80\"]", 2, 2);         /* stray continuation byte */
}

static void test_raw_control_char_needs_flag(void **state) {
        static const char text[] = "{\"prompt\": \"a\tb\nc\", \"x\": [1,\n2]}";
        struct diag_list diags = {};
        struct json_value *v = NULL;

        assert_error(text, sizeof(text) - 1, -EBADMSG, "json-syntax", 1, 14);
        assert_int_equal(json_parse("t.json", text, sizeof(text) - 1, JSON_ALLOW_CONTROL_CHARS, &v,
                                    &diags), 0);
        assert_string_equal(json_object_get(v, "prompt")->string, "a\tb\nc");
        /* Lines keep counting across the raw newline. */
        assert_int_equal(json_object_get(v, "x")->elements[1]->line, 3);
        assert_int_equal(diags.n, 1);
        assert_int_equal(diags.items[0].level, DIAG_WARNING);
        assert_string_equal(diag_code_name(diags.items[0].code), "json-control-char");
        diag_list_clear(&diags);
        json_free(v);
}

static void test_depth_limit(void **state) {
        char text[2 * JSON_MAX_DEPTH + 3];
        struct json_value *v = NULL;

        memset(text, '[', JSON_MAX_DEPTH);
        memset(text + JSON_MAX_DEPTH, ']', JSON_MAX_DEPTH);
        assert_int_equal(json_parse("t.json", text, 2 * JSON_MAX_DEPTH, 0, &v, NULL), 0);
        json_free(v);
        memset(text, '[', JSON_MAX_DEPTH + 1);
        memset(text + JSON_MAX_DEPTH + 1, ']', JSON_MAX_DEPTH + 1);
        assert_error(text, 2 * JSON_MAX_DEPTH + 2, -E2BIG, "json-too-deep", 1, JSON_MAX_DEPTH + 1);
}

static void test_duplicate_key_last_wins_and_nul_in_key(void **state) {
        static const char text[] = "{\"jobs\": 1, \"jobs\": 2, \"a\\u0000b\": 3}";
        struct json_value *v = parse_ok(text, sizeof(text) - 1);

        assert_string_equal(json_object_get(v, "jobs")->string, "2");
        assert_null(json_object_get(v, "a"));
        json_free(v);
}

static void test_truthiness_as_python(void **state) {
        static const char text[] = "[null, false, true, 0, -0.0, 0e9, 1, 0.5, \"\", \"x\", [], [0], {}, {\"a\":0}]";
        static const bool expected[] = { false, false, true, false, false, false, true, true,
                                         false, true, false, true, false, true };
        struct json_value *v = parse_ok(text, sizeof(text) - 1);

        assert_int_equal(v->n, sizeof(expected) / sizeof(expected[0]));
        for (size_t i = 0; i < v->n; i++)
                assert_int_equal(json_truthy(v->elements[i]), expected[i]);
        json_free(v);
}

static void test_type_names(void **state) {
        assert_string_equal(json_type_name(JSON_TRUE), "boolean");
        assert_string_equal(json_type_name(JSON_OBJECT), "object");
        assert_string_equal(json_type_name(JSON_NUMBER), "number");
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_jobs_file_shape_and_positions),
                cmocka_unit_test(test_string_escapes),
                cmocka_unit_test(test_numbers_kept_as_written),
                cmocka_unit_test(test_scalars_and_empty_containers_at_top),
                cmocka_unit_test(test_syntax_errors_name_line_and_column),
                cmocka_unit_test(test_bad_unicode_is_an_error),
                cmocka_unit_test(test_raw_control_char_needs_flag),
                cmocka_unit_test(test_python_extensions_are_accepted),
                cmocka_unit_test(test_depth_limit),
                cmocka_unit_test(test_duplicate_key_last_wins_and_nul_in_key),
                cmocka_unit_test(test_truthiness_as_python),
                cmocka_unit_test(test_type_names),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
