/* SPDX-License-Identifier: MIT */
/*
 * SARIF snippets (lint/snippet.c): the finding's line and up to two lines around
 * it, from unit files and drop-ins only, never a line that may carry a secret
 * (Environment=, SetCredential*=, commented out or continued), never a .env.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fixture.h"
#include "snippet.h"

static char *path_in(const char *root, const char *name) {
        char *p = NULL;

        assert_true(asprintf(&p, "%s/%s", root, name) > 0);
        return p;
}

static void test_line_and_context_from_a_drop_in(void **state) {
        char *root = fixture_root(), *p;
        struct snippet s;

        fixture_write(root, "u.service.d/10.conf", "[Unit]\nA=1\n[Service]\nRestart=always\nB=2\nC=3\nD=4\n");
        p = path_in(root, "u.service.d/10.conf");
        assert_int_equal(snippet_get(p, 4, &s), 0);
        assert_string_equal(s.line_text, "Restart=always");
        assert_int_equal(s.ctx_first, 2);
        assert_int_equal(s.ctx_last, 6);
        assert_string_equal(s.ctx_text, "A=1\n[Service]\nRestart=always\nB=2\nC=3\n");
        snippet_done(&s);
        assert_int_equal(snippet_get(p, 9, &s), -ENOENT);
        free(p);
        fixture_free(root);
}

static void test_context_stops_at_secret_lines(void **state) {
        char *root = fixture_root(), *p;
        struct snippet s;

        fixture_write(root, "g.service",
                      "[Service]\n"
                      "Environment=\"A=1\" \\\n"
                      "  \"TOKEN=sk-secretsecretsecret123\"\n"
                      "Restart=always\n"
                      "#SetCredential=x:y\n"
                      "RestartSec=1\n");
        p = path_in(root, "g.service");
        assert_int_equal(snippet_get(p, 4, &s), 0);
        assert_int_equal(s.ctx_first, 4);
        assert_int_equal(s.ctx_last, 4);
        assert_null(strstr(s.ctx_text, "TOKEN"));
        snippet_done(&s);
        assert_int_equal(snippet_get(p, 2, &s), -EPERM);   /* Environment= */
        assert_int_equal(snippet_get(p, 3, &s), -EPERM);   /* its continuation */
        assert_int_equal(snippet_get(p, 5, &s), -EPERM);   /* commented out */
        free(p);
        fixture_free(root);
}

static void test_no_snippet_from_hermes_files(void **state) {
        char *root = fixture_root(), *env, *jobs;
        struct snippet s;

        fixture_write(root, ".env", "TELEGRAM_BOT_TOKEN=x\n");
        fixture_write(root, "cron/jobs.json", "{\"jobs\": []}\n");
        env = path_in(root, ".env");
        jobs = path_in(root, "cron/jobs.json");
        assert_int_equal(snippet_get(env, 1, &s), -EPERM);
        assert_int_equal(snippet_get(jobs, 1, &s), -EPERM);
        free(env);
        free(jobs);
        fixture_free(root);
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_line_and_context_from_a_drop_in),
                cmocka_unit_test(test_context_stops_at_secret_lines),
                cmocka_unit_test(test_no_snippet_from_hermes_files),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
