/* SPDX-License-Identifier: MIT */
/* strv: appends keep the NULL terminator and the count; growth is amortised. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "strv.h"

static void test_with_size_keeps_count_and_terminator(void **state) {
        char **l = NULL, buf[16];
        size_t n = 0;

        for (int i = 0; i < 1000; i++) {
                snprintf(buf, sizeof(buf), "w%d", i);
                assert_int_equal(strv_extend_with_size(&l, &n, buf), 0);
                assert_int_equal(n, (size_t) i + 1);
                assert_null(l[n]);
        }
        assert_int_equal(strv_length(l), 1000);
        assert_string_equal(l[0], "w0");
        assert_string_equal(l[999], "w999");
        strv_free(l);
}

/* A vector made elsewhere with exactly n + 1 slots (calloc, libsystemd) grows safely. */
static void test_push_onto_foreign_vector(void **state) {
        char **l = calloc(3, sizeof(char *));

        assert_non_null(l);
        l[0] = strdup("a");
        l[1] = strdup("b");
        assert_int_equal(strv_extend(&l, "c"), 0);
        assert_int_equal(strv_push(&l, strdup("d")), 0);
        assert_int_equal(strv_length(l), 4);
        assert_string_equal(l[2], "c");
        assert_string_equal(l[3], "d");
        assert_null(l[4]);
        strv_free(l);
}

static void test_split_and_copy(void **state) {
        char **l = NULL, **c;

        assert_int_equal(strv_split("::a:bb::ccc:", ":", &l), 0);
        assert_int_equal(strv_length(l), 3);
        c = strv_copy(l);
        assert_non_null(c);
        assert_int_equal(strv_length(c), 3);
        assert_string_equal(c[2], "ccc");
        assert_true(strv_contains(c, "bb"));
        strv_free(l);
        strv_free(c);
}

/* The "append unless there" loops of collect.c, live.c, status.c, lint.c and
 * unitset.c: a repeat leaves the list as it was. */
static void test_extend_unique(void **state) {
        char **l = NULL;

        assert_int_equal(strv_extend_unique(&l, "b"), 0);
        assert_int_equal(strv_extend_unique(&l, "a"), 0);
        assert_int_equal(strv_extend_unique(&l, "b"), 0);
        assert_int_equal(strv_extend_unique(&l, ""), 0);
        assert_int_equal(strv_extend_unique(&l, ""), 0);
        assert_int_equal(strv_length(l), 3);
        assert_string_equal(l[0], "b");         /* order of first appearance */
        assert_string_equal(l[1], "a");
        assert_string_equal(l[2], "");
        assert_null(l[3]);
        strv_free(l);
}

/* effective.c's strv_add_printf(). */
static void test_extendf(void **state) {
        char **l = NULL;

        assert_int_equal(strv_extendf(&l, "%s/%s.d", "/etc/systemd/user", "x.service"), 0);
        assert_int_equal(strv_extendf(&l, "%d", 42), 0);
        assert_int_equal(strv_length(l), 2);
        assert_string_equal(l[0], "/etc/systemd/user/x.service.d");
        assert_string_equal(l[1], "42");
        strv_free(l);
}

/* unitset.c's: sorted, each string once, the repeats freed (ASan sees a leak or a
 * double free otherwise); an empty or NULL list is left alone. */
static void test_sort_uniq(void **state) {
        char **l = NULL, **empty = calloc(1, sizeof(char *));
        static const char *const in[] = { "c", "a", "b", "a", "c", "c", "a" };

        for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++)
                assert_int_equal(strv_extend(&l, in[i]), 0);
        strv_sort_uniq(l);
        assert_int_equal(strv_length(l), 3);
        assert_string_equal(l[0], "a");
        assert_string_equal(l[1], "b");
        assert_string_equal(l[2], "c");
        strv_free(l);
        strv_sort_uniq(NULL);
        assert_non_null(empty);
        strv_sort_uniq(empty);
        assert_null(empty[0]);
        strv_free(empty);
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_with_size_keeps_count_and_terminator),
                cmocka_unit_test(test_push_onto_foreign_vector),
                cmocka_unit_test(test_split_and_copy),
                cmocka_unit_test(test_extend_unique),
                cmocka_unit_test(test_extendf),
                cmocka_unit_test(test_sort_uniq),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
