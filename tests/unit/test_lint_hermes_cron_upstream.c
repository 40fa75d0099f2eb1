/* SPDX-License-Identifier: MIT */
/* cron_upstream_scan() (linear) finds exactly what glibc's regexec finds with
 * upstream's pattern, match by match, and stays linear on hostile shapes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <regex.h>
#include <strings.h>

#include "fixture.h"
#include "hermes/cron.h"

/* The regexes the matcher mirrors (cron_upstream.c), as the scanner used them. */
static const char *const branches[CRON_UPSTREAM_BRANCHES] = {
        "hermes\\s+gateway\\s+(restart|stop)",
        "launchctl\\s+(kickstart|unload|load|stop|restart)\\b[^\n]*\\bhermes[.-]?gateway",
        "systemctl\\s+(-\\S+\\s+)*(restart|stop|start)\\b[^\n]*\\bhermes[.-]?gateway",
        "p?kill\\b[^\n]*\\bhermes\\b[^\n]*\\bgateway",
        "p?kill\\b[^\n]*\\bgateway\\b[^\n]*\\bhermes",
};

static regex_t compiled[CRON_UPSTREAM_BRANCHES];

static enum cron_action reference_action(const char *s, size_t len, unsigned branch) {
        char *m = strndup(s, len);
        enum cron_action a = branch >= 3 ? CRON_ACTION_KILL : CRON_ACTION_RESTART;

        if (branch < 3 && strcasestr(m, "stop"))
                a = CRON_ACTION_STOP;
        else if (branch == 2 && !strcasestr(m, "restart") && strcasestr(m, "start"))
                a = CRON_ACTION_START;
        free(m);
        return a;
}

/* The scanner's old regex loop: search, record, go on from the match's end. */
static size_t reference_scan(const char *text, struct cron_upstream_match *out, size_t max) {
        size_t n = 0;

        for (unsigned b = 0; b < CRON_UPSTREAM_BRANCHES; b++) {
                regmatch_t m;
                for (size_t off = 0; text[off] && regexec(&compiled[b], text + off, 1, &m, off ? REG_NOTBOL : 0) == 0;) {
                        size_t start = off + (size_t) m.rm_so;
                        unsigned line = 1;
                        for (size_t i = 0; i < start; i++)
                                line += text[i] == '\n';
                        assert_true(n < max);
                        out[n++] = (struct cron_upstream_match) {
                                .branch = b, .line = line, .offset = start,
                                .action = reference_action(text + start, (size_t) (m.rm_eo - m.rm_so), b),
                        };
                        off += m.rm_eo > 0 ? (size_t) m.rm_eo : 1;
                }
        }
        qsort(out, n, sizeof(*out), cron_upstream_match_cmp);
        return n;
}

/* Matches compared so far, per branch: the random test must exercise them all. */
static size_t compared[CRON_UPSTREAM_BRANCHES];

static void assert_same_as_regex(const char *text) {
        struct cron_upstream_match ref[256], *got = NULL;
        size_t n_ref = reference_scan(text, ref, 256), n_got = 0;

        for (size_t i = 0; i < n_ref; i++)
                compared[ref[i].branch]++;
        assert_int_equal(cron_upstream_scan(text, &got, &n_got), 0);
        if (n_got != n_ref)
                fail_msg("%zu matches, regex finds %zu, in \"%s\"", n_got, n_ref, text);
        for (size_t i = 0; i < n_ref; i++)
                if (got[i].branch != ref[i].branch || got[i].line != ref[i].line ||
                    got[i].offset != ref[i].offset || got[i].action != ref[i].action)
                        fail_msg("match %zu: branch %u line %u offset %zu action %d, regex: %u %u %zu %d, in \"%s\"",
                                 i, got[i].branch, got[i].line, got[i].offset, got[i].action, ref[i].branch,
                                 ref[i].line, ref[i].offset, ref[i].action, text);
        free(got);
}

static void test_known_commands(void **state) {
        const char *texts[] = {
                "hermes gateway restart", "HERMES  Gateway\nSTOP now", "hermes gateway restarted",
                "launchctl kickstart -k gui/501/ai.hermes.gateway", "launchctl unload ~/x/hermes-gateway.plist",
                "systemctl --user restart hermes-gateway-work.service",
                "systemctl -H host --user stop hermes.gateway; systemctl start hermes-gateway",
                "systemctl - restart hermes-gateway", "systemctl -x", "systemctl restartx hermes-gateway",
                "sudo pkill -f 'hermes.*gateway'", "kill $(cat ~/.hermes/gateway.pid) # hermes gateway",
                "pkill gateway hermes", "skill hermes gateway", "killall hermes_gateway",
                "kill hermes\ngateway", "x pkill -9 hermes gateway kill hermes gateway",
                "systemctl -asystemctl -b restart x hermes-gateway", "hermeshermes gateway stop",
                "launchctl stophermes-gateway", "launchctl stop ahermes-gateway bhermes-gateway hermes-gateway",
                "", "\n\n", "kill", "systemctl", "hermes",
        };

        for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
                assert_same_as_regex(texts[i]);
}

static uint32_t next_random(uint32_t *seed) {
        *seed = *seed * 1103515245u + 12345u;
        return *seed >> 16;
}

/* Random texts near the pattern (fixed seed): commands that match, joined and
 * edited at random with the pattern's own words and separators. */
static void test_random_texts_match_regex(void **state) {
        static const char *const commands[] = {
                "hermes gateway restart", "hermes  gateway\nstop", "launchctl kickstart -k gui/hermes-gateway",
                "launchctl unload hermes.gateway", "systemctl --user restart hermes-gateway-x",
                "systemctl -H h stop hermesgateway", "systemctl start hermes-gateway",
                "pkill -f hermes gateway", "kill gateway hermes", "killall hermes_gateway hermes gateway",
        };
        static const char *const pieces[] = {
                "hermes", "HERMES", "gateway", "Gateway", "-", ".", "_", " ", "  ", "\n", "\t", "\v",
                "systemctl", "launchctl", "kill", "pkill", "p", "restart", "stop", "start", "load",
                "unload", "kickstart", "-x", "--user", "-H", "a", "x", "9", "'", ";", "/", "\xc3\xa9",
                "hermes-gateway", "hermes.gateway", "hermesgateway",
        };
        const size_t n_commands = sizeof(commands) / sizeof(commands[0]);
        const size_t n_pieces = sizeof(pieces) / sizeof(pieces[0]);
        uint32_t seed = 20261129;

        memset(compared, 0, sizeof(compared));
        for (unsigned iter = 0; iter < 20000; iter++) {
                char text[512];
                size_t len;
                snprintf(text, sizeof(text), "%s", commands[next_random(&seed) % n_commands]);
                for (unsigned edits = next_random(&seed) % 6; edits > 0; edits--) {
                        len = strlen(text);
                        size_t at = next_random(&seed) % (len + 1);
                        unsigned op = next_random(&seed) % 4;
                        const char *ins = op == 0 ? commands[next_random(&seed) % n_commands] :
                                                    pieces[next_random(&seed) % n_pieces];
                        if (op == 3) {          /* delete up to 3 bytes */
                                size_t d = 1 + next_random(&seed) % 3;
                                if (at + d > len)
                                        d = len - at;
                                memmove(text + at, text + at + d, len - at - d + 1);
                        } else if (len + strlen(ins) + 1 < sizeof(text)) {
                                memmove(text + at + strlen(ins), text + at, len - at + 1);
                                memcpy(text + at, ins, strlen(ins));
                        }
                }
                assert_same_as_regex(text);
        }
        for (unsigned b = 0; b < CRON_UPSTREAM_BRANCHES; b++)
                if (compared[b] < 500)
                        fail_msg("branch %u matched only %zu times: the random texts do not test it", b, compared[b]);
}

/* Shapes that made the regex search quadratic: a megabyte each, scanned at once
 * (no time is asserted; a quadratic scan would not finish in the test's time). */
static void test_hostile_shapes_scan_in_one_pass(void **state) {
        const char *units[] = {
                "kill ", "pkill hermes ", "systemctl -H systemctl restart ", "launchctl stop ",
                "hermes gateway restart\n", "-asystemctl ", "hermes ", "kill gateway ",
        };
        size_t n = 1 << 20;
        char *big = malloc(n + 1);

        for (size_t k = 0; k < sizeof(units) / sizeof(units[0]); k++) {
                struct cron_upstream_match *m = NULL;
                size_t l = strlen(units[k]), got = 0;
                for (size_t i = 0; i < n; i++)
                        big[i] = units[k][i % l];
                big[n] = 0;
                assert_int_equal(cron_upstream_scan(big, &m, &got), 0);
                free(m);
        }
        free(big);
}

static int setup(void **state) {
        for (unsigned b = 0; b < CRON_UPSTREAM_BRANCHES; b++)
                if (regcomp(&compiled[b], branches[b], REG_EXTENDED | REG_ICASE) != 0)
                        return -1;
        return 0;
}

static int teardown(void **state) {
        for (unsigned b = 0; b < CRON_UPSTREAM_BRANCHES; b++)
                regfree(&compiled[b]);
        return 0;
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_known_commands),
                cmocka_unit_test(test_random_texts_match_regex),
                cmocka_unit_test(test_hostile_shapes_scan_in_one_pass),
        };
        return cmocka_run_group_tests(tests, setup, teardown);
}
