/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "template.h"

static const struct template_var vars[] = {
        { "A", "alpha" },
        { "EMPTY", "" },
        { "MULTI", "x=1\ny=2" },
};
#define N_VARS (sizeof(vars) / sizeof(vars[0]))

static void assert_render(const char *tmpl, const char *expected) {
        char *out = NULL;

        assert_int_equal(template_render(tmpl, vars, N_VARS, &out), 0);
        assert_string_equal(out, expected);
        free(out);
}

static void test_replaces_variables_inline(void **state) {
        assert_render("a=@A@ and @A@\n", "a=alpha and alpha\n");
}

static void test_line_of_only_an_empty_variable_vanishes(void **state) {
        assert_render("one\n@EMPTY@\ntwo\n", "one\ntwo\n");
}

static void test_empty_variable_inside_a_line_keeps_the_line(void **state) {
        assert_render("k=@EMPTY@\n", "k=\n");
}

static void test_multiline_value(void **state) {
        assert_render("[S]\n@MULTI@\n", "[S]\nx=1\ny=2\n");
}

static void test_unknown_variable_is_an_error(void **state) {
        char *out = (char *) "untouched";

        assert_int_equal(template_render("@NOPE@\n", vars, N_VARS, &out), -EINVAL);
        assert_string_equal(out, "untouched");
        assert_int_equal(template_render("x @NOPE@ y\n", vars, N_VARS, &out), -EINVAL);
}

static void test_lone_at_sign_is_text(void **state) {
        assert_render("mail me @ home\n", "mail me @ home\n");
}

static void test_last_line_without_newline_gets_one(void **state) {
        assert_render("@A@", "alpha\n");
}

static void test_holes_are_filled_with_one_value(void **state) {
        const struct template_var hv[] = { { "A", "alpha" }, { "U", NULL }, { "EMPTY", "" } };
        char *text = NULL, *out = NULL;
        size_t size = 0, len = 0;

        assert_int_equal(template_render_holes("# @U@ (@A@)\n@U@\n@EMPTY@\nx=@U@.d\n", hv, 3, &text, &size), 0);
        assert_int_equal(size, strlen("# \1 (alpha)\n\1\nx=\1.d\n"));
        assert_int_equal(template_fill(text, size, "u.service", &out, &len), 0);
        assert_string_equal(out, "# u.service (alpha)\nu.service\nx=u.service.d\n");
        assert_int_equal(len, strlen(out));
        free(out);
        assert_int_equal(template_fill(text, size, "", &out, &len), 0);
        assert_string_equal(out, "#  (alpha)\n\nx=.d\n");
        free(out);
        free(text);
}

static void test_hole_outside_render_holes_is_an_error(void **state) {
        const struct template_var hv[] = { { "U", NULL } };
        char *out = NULL;

        assert_int_equal(template_render("@U@\n", hv, 1, &out), -EINVAL);
        assert_null(out);
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_replaces_variables_inline),
                cmocka_unit_test(test_line_of_only_an_empty_variable_vanishes),
                cmocka_unit_test(test_empty_variable_inside_a_line_keeps_the_line),
                cmocka_unit_test(test_multiline_value),
                cmocka_unit_test(test_unknown_variable_is_an_error),
                cmocka_unit_test(test_lone_at_sign_is_text),
                cmocka_unit_test(test_last_line_without_newline_gets_one),
                cmocka_unit_test(test_holes_are_filled_with_one_value),
                cmocka_unit_test(test_hole_outside_render_holes_is_an_error),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
