/* SPDX-License-Identifier: MIT */
/* The diagnostic catalogue: one row per code, templates with at most one detail. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "diag.h"

static void test_every_code_has_a_unique_name_and_a_sound_template(void **state) {
        for (int i = 0; i < _DIAG_CODE_MAX; i++) {
                const struct diag_kind *k = &diag_kinds[i];
                assert_non_null(k->name);
                assert_non_null(k->message);
                assert_true(k->level >= DIAG_DEBUG && k->level <= DIAG_ERROR);
                for (int j = 0; j < i; j++)
                        assert_string_not_equal(k->name, diag_kinds[j].name);
                /* Only "%s" may appear, at most once: the template is not a format for printf. */
                const char *pct = strchr(k->message, '%');
                if (pct) {
                        assert_memory_equal(pct, "%s", 2);
                        assert_null(strchr(pct + 2, '%'));
                }
        }
}

static void test_detail_fills_the_template(void **state) {
        struct diag_list l = {};

        diag_add(&l, DIAG_UNREADABLE, "a.env", 0, 7, "%s; %d", "Permission denied", 3);
        diag_add(&l, DIAG_MISSING_EQUALS, "u.service", 4, 3, NULL);
        diag_add_level(&l, DIAG_WARNING, DIAG_UNREADABLE, "d", 0, 0, "%s", "gone");
        assert_int_equal(l.n, 3);
        assert_int_equal(l.items[0].code, DIAG_UNREADABLE);
        assert_int_equal(l.items[0].level, DIAG_ERROR);
        assert_string_equal(l.items[0].message, "cannot read: Permission denied; 3");
        assert_int_equal(l.items[0].column, 0);      /* no line, no column */
        assert_string_equal(l.items[1].message, "Missing '=', line ignored");
        assert_int_equal(l.items[1].line, 4);
        assert_int_equal(l.items[1].column, 3);
        assert_int_equal(l.items[2].level, DIAG_WARNING);
        assert_string_equal(l.items[2].message, "cannot read: gone");
        assert_int_equal(diag_count(&l, DIAG_ERROR), 1);
        assert_string_equal(diag_code_name(DIAG_JSON_SYNTAX), "json-syntax");
        diag_list_clear(&l);
        diag_add(NULL, DIAG_UNREADABLE, NULL, 0, 0, "%s", "dropped");
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_every_code_has_a_unique_name_and_a_sound_template),
                cmocka_unit_test(test_detail_fills_the_template),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
