/* SPDX-License-Identifier: MIT */
/* jsonw: the JSON writer of the reports, read back with lib/json.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "json.h"
#include "jsonw.h"

/* The text a writer produced, from open_memstream. */
struct doc {
        char *buf;
        size_t size;
        FILE *f;
        struct jsonw w;
};

static void doc_open(struct doc *d) {
        *d = (struct doc) {};
        d->f = open_memstream(&d->buf, &d->size);
        assert_non_null(d->f);
        jsonw_init(&d->w, d->f);
}

static void doc_close(struct doc *d) {
        jsonw_finish(&d->w);
        assert_int_equal(fclose(d->f), 0);
}

/* The layout every report and golden file has: two spaces a level, ": " after a
 * key, "[]" and "{}" for empty containers. */
static void test_layout(void **state) {
        struct doc d;

        doc_open(&d);
        jsonw_object_begin(&d.w);
        jsonw_member_string(&d.w, "a", "x");
        jsonw_key(&d.w, "list");
        jsonw_array_begin(&d.w);
        jsonw_uint(&d.w, 1);
        jsonw_bool(&d.w, true);
        jsonw_null(&d.w);
        jsonw_object_begin(&d.w);
        jsonw_object_end(&d.w);
        jsonw_array_end(&d.w);
        jsonw_key(&d.w, "none");
        jsonw_array_begin(&d.w);
        jsonw_array_end(&d.w);
        jsonw_member_uint(&d.w, "b", 0);
        jsonw_object_end(&d.w);
        doc_close(&d);
        assert_string_equal(d.buf, "{\n  \"a\": \"x\",\n  \"list\": [\n    1,\n    true,\n    null,\n    {}\n  ],\n"
                                   "  \"none\": [],\n  \"b\": 0\n}\n");
        free(d.buf);
}

/* Values quote what others wrote: a secret in one never reaches the report. */
static void test_values_are_redacted_keys_are_not(void **state) {
        struct doc d;

        doc_open(&d);
        jsonw_object_begin(&d.w);
        jsonw_member_string(&d.w, "token=x", "token=abc");
        jsonw_object_end(&d.w);
        doc_close(&d);
        assert_non_null(strstr(d.buf, "\"token=x\": "));
        assert_null(strstr(d.buf, "abc"));
        assert_non_null(strstr(d.buf, "[redacted:"));
        free(d.buf);
}

static void test_jsonw_round_trip(void **state) {
        static const char *const strings[] = {
                "plain", "quote \" backslash \\ slash /", "tab\tnewline\ncr\r", "\x01\x1f\x7f",
                "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
        };
        struct json_value *v = NULL;
        struct doc d;

        doc_open(&d);
        jsonw_object_begin(&d.w);
        jsonw_key(&d.w, "strings");
        jsonw_array_begin(&d.w);
        for (size_t i = 0; i < sizeof(strings) / sizeof(strings[0]); i++)
                jsonw_string(&d.w, strings[i]);
        jsonw_array_end(&d.w);
        jsonw_member_uint(&d.w, "n", 18446744073709551615ULL);
        jsonw_key(&d.w, "null");
        jsonw_string(&d.w, NULL);
        jsonw_object_end(&d.w);
        doc_close(&d);

        assert_int_equal(json_parse("test", d.buf, d.size, 0, &v, NULL), 0);
        const struct json_value *a = json_object_get(v, "strings");
        assert_non_null(a);
        assert_int_equal(a->n, sizeof(strings) / sizeof(strings[0]));
        for (size_t i = 0; i < a->n; i++)
                assert_string_equal(a->elements[i]->string, strings[i]);
        assert_string_equal(json_object_get(v, "n")->string, "18446744073709551615");
        assert_int_equal(json_object_get(v, "null")->type, JSON_NULL);
        json_free(v);
        free(d.buf);
}

/* Bytes that are not UTF-8 (lib/utf8.c says which) become U+FFFD, one per byte. */
static void test_jsonw_replaces_invalid_utf8(void **state) {
        struct json_value *v = NULL;
        struct doc d;

        doc_open(&d);
        jsonw_string(&d.w, "a\xff" "b\xc0\xaf" "c\xed\xa0\x80" "d");   /* bad byte, overlong, surrogate */
        doc_close(&d);
        assert_int_equal(json_parse("test", d.buf, d.size, 0, &v, NULL), 0);
        assert_string_equal(v->string, "a\xef\xbf\xbd" "b\xef\xbf\xbd\xef\xbf\xbd" "c\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" "d");
        json_free(v);
        free(d.buf);
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_layout),
                cmocka_unit_test(test_values_are_redacted_keys_are_not),
                cmocka_unit_test(test_jsonw_round_trip),
                cmocka_unit_test(test_jsonw_replaces_invalid_utf8),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
