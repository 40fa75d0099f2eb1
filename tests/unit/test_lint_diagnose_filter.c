/* SPDX-License-Identifier: MIT */
/*
 * diagnose's anchor filter finds every anchor occurrence, the same with AVX2 as one
 * window at a time; and a file read many lines at once gives the same state as the same
 * lines fed one by one (dstate_feed()).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "diagnose.h"

static unsigned rnd_state = 12345;
static unsigned rnd(unsigned n) {
        rnd_state = rnd_state * 1103515245u + 12345u;
        return (rnd_state >> 8) % n;
}

/* Text made of anchors, their pieces, words, newlines and odd bytes. */
static size_t make_text(const struct dclassifier *c, char *buf, size_t size) {
        static const char *const words[] = { " ", "telegram ", "the ", "ERROR", "\n", "\r\n", "HTTP 4", "x", "\x00", "\xe2\x9c\x93 " };
        size_t n = 0;

        while (n + 300 < size) {
                if (rnd(3) == 0) {
                        size_t a = rnd((unsigned) c->n_anchors), len = c->anchor_len[a];
                        if (rnd(4) == 0)
                                len = rnd((unsigned) len);
                        memcpy(buf + n, c->anchor[a], len);
                        n += len;
                } else {
                        const char *w = words[rnd(sizeof(words) / sizeof(words[0]))];
                        size_t len = w[0] ? strlen(w) : 1;
                        memcpy(buf + n, w, len);
                        n += len;
                }
        }
        return n;
}

static size_t brute_count(const struct dclassifier *c, const char *s, size_t n) {
        size_t k = 0;

        for (size_t a = 0; a < c->n_anchors; a++)
                for (size_t at = 0; at + c->anchor_len[a] <= n; at++)
                        k += memcmp(s + at, c->anchor[a], c->anchor_len[a]) == 0;
        return k;
}

/* Each text is scanned in a buffer of its exact size, so that AddressSanitizer sees
 * a read past its end (the AVX2 path loads 32 bytes at a time). */
static void test_filter_finds_every_anchor(void **state) {
        struct dclassifier c;
        char *buf = malloc(20000);

        assert_int_equal(dclassifier_init(&c), 0);
        for (int round = 0; round < 200; round++) {
                size_t n = make_text(&c, buf, 300 + rnd(19000)), a, at, fast = 0, slow = 0;
                size_t start = rnd(40);
                struct dscan it;
                unsigned long sum_fast = 0, sum_slow = 0;
                char *text;

                if (start > n)
                        start = n;
                n -= start;
                text = malloc(n ? n : 1);
                assert_non_null(text);
                memcpy(text, buf + start, n);
                dscan_init(&it, &c, text, n);
                while (dscan_next(&it, &a, &at))
                        fast++, sum_fast += a * 100003 + at;
                dscan_init(&it, &c, text, n);
                it.scalar = true;
                while (dscan_next(&it, &a, &at)) {
                        assert_memory_equal(text + at, c.anchor[a], c.anchor_len[a]);
                        slow++, sum_slow += a * 100003 + at;
                }
                assert_int_equal(fast, slow);
                assert_int_equal(sum_fast, sum_slow);
                assert_int_equal(slow, brute_count(&c, text, n));
                free(text);
        }
        dclassifier_done(&c);
        free(buf);
}

static void test_match_by_filter_is_the_first_row(void **state) {
        struct dclassifier c;

        assert_int_equal(dclassifier_init(&c), 0);
        assert_int_equal(dclassifier_compile_all(&c), 0);
        /* the 409 row comes before the network row, whatever the order in the line */
        assert_int_equal(dclassifier_match(&c, NULL, 0, "Telegram network error; Conflict: terminated by other getUpdates request", 71),
                         dclassifier_match(&c, NULL, 0, "Conflict: terminated by other getUpdates request", 48));
        assert_int_equal(dclassifier_match(&c, "gateway.run", 11, "Unauthorized user: 1 (x) on telegram", 36) >= 0, 1);
        assert_int_equal(dclassifier_match(&c, "cron.scheduler", 14, "Unauthorized user: 1 (x) on telegram", 36), -1);
        assert_int_equal(dclassifier_match(&c, NULL, 0, "Unauthorized user 1", 19), -1);
        dclassifier_done(&c);
}

/* The problems of a state as one string, to compare two states. */
static void describe(const struct dstate *s, char *out, size_t size) {
        const struct dproblem **v;
        size_t n, len = 0;

        assert_int_equal(dstate_problems(s, &v, &n), 0);
        len += (size_t) snprintf(out + len, size - len, "lines %lu last %lld;", s->lines, (long long) s->last_usec);
        for (size_t i = 0; i < n && len < size; i++) {
                len += (size_t) snprintf(out + len, size - len, "[%d %d %lld", (int) v[i]->class, v[i]->row,
                                         (long long) v[i]->last.usec);
                for (size_t k = 0; k < v[i]->n_ev && len < size; k++)
                        len += (size_t) snprintf(out + len, size - len, " %lu:%lld:%s", v[i]->ev[k].line,
                                                 (long long) v[i]->ev[k].order.usec, v[i]->ev[k].text);
                len += (size_t) snprintf(out + len, size - len, "]");
        }
        free(v);
}

static void test_many_lines_at_once_as_one_by_one(void **state) {
        static const char *const pieces[] = {
                "", "ERROR gateway.run: ", "WARNING gateway.platforms.telegram: ",
                "INFO cron.scheduler: ", "CRITICAL [sess] agent: ", "Traceback: ", "ERROR [open agent: ",
                "May 03 06:40:05 host python[1]: ", "  File \"x\", line 1 ",
        };
        struct dclassifier c;
        char path[] = "/tmp/test-diag-filter.XXXXXX", *text = malloc(40000), *desc1 = malloc(65536),
             *desc2 = malloc(65536);

        assert_int_equal(dclassifier_init(&c), 0);
        for (int round = 0; round < 60; round++) {
                struct dstate one, many;
                size_t n = 0;
                int fd = mkstemp(path);
                assert_true(fd >= 0);
                while (n < 30000) {
                        for (int k = rnd(3); k >= 0; k--) {
                                const char *p = pieces[rnd(sizeof(pieces) / sizeof(pieces[0]))];
                                if (!*p)   /* a time stamp */
                                        n += (size_t) snprintf(text + n, 40000 - n, "2026-05-03 07:%02d:%02d,000 ",
                                                               (int) rnd(60), (int) rnd(60));
                                else
                                        n += (size_t) snprintf(text + n, 40000 - n, "%s", p);
                        }
                        n += make_text(&c, text + n, 300 + rnd(200)) ;
                        for (size_t i = n - 300; i < n; i++)
                                if (text[i] == 0)
                                        text[i] = 'z';
                        text[n++] = '\n';
                }
                assert_int_equal(write(fd, text, n), (ssize_t) n);
                close(fd);
                assert_int_equal(dstate_init(&one, &c, round % 2 ? 0 : 1), 0);
                assert_int_equal(dstate_init(&many, &c, round % 2 ? 0 : 1), 0);
                assert_int_equal(dstate_feed_file(&many, path, true), 0);
                for (size_t p = 0, lineno = 1; p < n; lineno++) {
                        char *nl = memchr(text + p, '\n', n - p);
                        size_t len = (size_t) (nl - text) - p;
                        if (len > 0 && text[p + len - 1] == '\r')
                                len--;
                        text[p + len] = 0;
                        assert_int_equal(dstate_feed(&one, text + p, len, path, lineno, 0, NULL), 0);
                        p = (size_t) (nl - text) + 1;
                }
                describe(&one, desc1, 65536);
                describe(&many, desc2, 65536);
                assert_string_equal(desc1, desc2);
                dstate_done(&one);
                dstate_done(&many);
                unlink(path);
                strcpy(path, "/tmp/test-diag-filter.XXXXXX");
        }
        dclassifier_done(&c);
        free(text);
        free(desc1);
        free(desc2);
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_filter_finds_every_anchor),
                cmocka_unit_test(test_match_by_filter_is_the_first_row),
                cmocka_unit_test(test_many_lines_at_once_as_one_by_one),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
