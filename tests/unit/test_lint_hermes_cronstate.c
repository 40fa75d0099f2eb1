/* SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "hermes/cronstate.h"

/* A small fixed-seed generator: the same job lists on every run. */
static uint32_t rng_state = 12345;

static unsigned pick(unsigned n) {
        rng_state = rng_state * 1103515245u + 12345u;
        return (rng_state >> 16) % n;
}

static const char *const schedule_values[] = { "\"a\"", "\"b\"", "5", "\"5\"", "true", "null", "{}" };
static const char *const schedule_keys[] = { "expr", "minutes", "run_at", "display" };
static const char *const kinds[] = { "", "\"kind\":\"cron\",", "\"kind\":\"interval\",", "\"kind\":3," };
static const char *const works[] = { "", "\"\"", "\"p\"", "\"q\"", "7" };

/* One job of a small vocabulary, so that schedules, prompts and scripts often agree. */
static void append_job(char *buf, size_t size) {
        size_t len = strlen(buf);
        char *p = buf + len;
        size_t left = size - len;
        int n;

        if (pick(8) == 0) {
                snprintf(p, left, "%s", pick(2) ? "1," : "\"job\",");
                return;
        }
        n = snprintf(p, left, "{");
        switch (pick(4)) {
        case 0: break;
        case 1: n += snprintf(p + n, left - n, "\"schedule\":\"every\","); break;
        default:
                n += snprintf(p + n, left - n, "\"schedule\":{%s", kinds[pick(4)]);
                for (unsigned k = 0, m = pick(3); k < m; k++)
                        n += snprintf(p + n, left - n, "\"%s\":%s,", schedule_keys[pick(4)], schedule_values[pick(7)]);
                n += snprintf(p + n, left - n, "\"x\":0},");
        }
        if (pick(2))
                n += snprintf(p + n, left - n, "\"schedule_display\":%s,", pick(2) ? "\"x\"" : "\"y\"");
        if (pick(4) == 0)
                n += snprintf(p + n, left - n, "\"enabled\":%s,", pick(2) ? "false" : "true");
        if (pick(6) == 0)
                n += snprintf(p + n, left - n, "\"state\":\"paused\",");
        for (int w = 0; w < 2; w++) {
                const char *v = works[pick(5)];
                if (*v)
                        n += snprintf(p + n, left - n, "\"%s\":%s,", w ? "script" : "prompt", v);
        }
        snprintf(p + n, left - n, "\"id\":\"i\"},");
}

/*
 * cronjob_first_same_work() sorts where HG041 compared every job with every earlier
 * one (80 000 jobs took minutes): on 20 000 random job lists it names, for every job,
 * the same first earlier duplicate as that pairwise loop over cronjob_same_work().
 */
static void test_first_same_work_agrees_with_pairwise(void **state) {
        size_t found = 0;

        for (int round = 0; round < 20000; round++) {
                char text[8192] = "[";
                struct json_value *jobs = NULL;
                size_t first[16];
                unsigned n = pick(13);

                for (unsigned i = 0; i < n; i++)
                        append_job(text, sizeof(text));
                if (text[strlen(text) - 1] == ',')
                        text[strlen(text) - 1] = 0;
                strcat(text, "]");
                if (json_parse("jobs.json", text, strlen(text), 0, &jobs, NULL) < 0)
                        fail_msg("bad test JSON: %s", text);
                assert_int_equal(cronjob_first_same_work(jobs, first), 0);
                for (size_t i = 0; i < jobs->n; i++) {
                        const struct json_value *job = jobs->elements[i];
                        size_t want = SIZE_MAX;
                        for (size_t j = 0; job->type == JSON_OBJECT && cronjob_active(job) && j < i; j++) {
                                const struct json_value *other = jobs->elements[j];
                                if (other->type == JSON_OBJECT && cronjob_active(other) && cronjob_same_work(other, job)) {
                                        want = j;
                                        break;
                                }
                        }
                        if (first[i] != want)
                                fail_msg("%s: job %zu: first duplicate %zd, pairwise %zd", text, i,
                                         (ssize_t) first[i], (ssize_t) want);
                        found += want != SIZE_MAX;
                }
                json_free(jobs);
        }
        /* The vocabulary is small enough that duplicates are common (2470 of them). */
        assert_true(found > 1000);
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_first_same_work_agrees_with_pairwise),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
