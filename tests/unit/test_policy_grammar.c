/* SPDX-License-Identifier: MIT */
/*
 * The policy's line reader and bare inih (the libinih the programs link) see the
 * same keys on every text the reader accepts whole (tests/fuzz/policy_grammar_agree.h);
 * the fuzz target fuzz_policy_grammar checks the same on arbitrary input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../fuzz/policy_grammar_agree.h"

static void assert_agrees(const char *text, unsigned keys, unsigned refused) {
        unsigned k, r;
        const char *why = grammar_disagreement(text, &k, &r);

        if (why)
                fail_msg("%s:\n%s", why, text);
        assert_int_equal(k, keys);
        assert_int_equal(r, refused);
}

/* Each line kind inih knows, accepted by both: the same keys. */
static void test_accepted_lines_give_inih_keys(void **state) {
        assert_agrees("[guardrails]\nRestartSec=30s\n", 1, 0);
        assert_agrees("# c\n; c\n  # indented comment\n[s]\nA = 1\nB=2 ;trailing comment\nC=3;kept\n", 3, 0);
        assert_agrees("\xef\xbb\xbf[s]\r\nA=1\r\n\r\nB=\r\n", 2, 0);
        assert_agrees("[ spaced ]\nE=a=b\n[s] ; comment\nF=x y  \n", 2, 0);
        assert_agrees("[s]\n  A=1\n\tB=2\n", 2, 0);          /* indented keys are keys */
        assert_agrees("[s]\nA=1", 1, 0);                     /* no final newline */
        assert_agrees("", 0, 0);
}

/* Lines the reader refuses (documented differences): reported, never reach inih. */
static void test_refused_lines_are_reported(void **state) {
        char long_line[300];

        assert_agrees("[s]\nRestart: always\n", 0, 1);        /* ':' is no separator */
        assert_agrees("[s]\na:b=c\n", 0, 1);
        assert_agrees("[s]\n=x\n", 0, 1);
        assert_agrees("[s]\nA=1\n  continued\n", 1, 1);       /* no continuation lines */
        assert_agrees("[bad\nk=v\n", 1, 1);
        assert_agrees("[x]junk\nk=v\n", 1, 1);
        memset(long_line, 'a', sizeof(long_line));
        memcpy(long_line, "[s]\nA=", 6);
        long_line[sizeof(long_line) - 1] = 0;
        assert_agrees(long_line, 0, 1);
}

/* Why the comparison unindents: inih alone takes an indented line as the previous
 * key's continuation (Debian's build), and splits at ':' too. Our reader does
 * neither; the comparison would see it. */
static void test_bare_inih_continues_indented_lines(void **state) {
        struct grammar_keys k;

        assert_true(grammar_keys_open(&k));
        assert_int_equal(ini_parse_string("[s]\nA=1\n  B=2\nC: 3\n", grammar_key, &k), 0);
        grammar_keys_close(&k);
        assert_string_equal(k.text, "s\x1f" "A\x1f" "1\ns\x1f" "A\x1f" "B=2\ns\x1f" "C\x1f" "3\n");
        free(k.text);
}

/* Random texts from the pieces lines are made of: whenever the reader accepts a
 * text whole, inih alone sees the same keys. */
static void test_random_texts_agree(void **state) {
        static const char *const pieces[] = {
                "[", "]", "=", ":", ";", "#", " ", "\t", "\r", "\n", "\n", "\n", "key", "Key2", "value",
                "[guardrails]", "[match]", "[hermes-gateway-*.service]", " ;c", "\xef\xbb\xbf", "a b", "==",
        };
        uint32_t seed = 12345;
        unsigned accepted_with_keys = 0;

        for (int n = 0; n < 20000; n++) {
                char text[256] = "";
                size_t len = 0;
                int parts = 1 + (int) ((seed = seed * 1103515245 + 12345) >> 16) % 24;
                for (int i = 0; i < parts; i++) {
                        const char *p = pieces[((seed = seed * 1103515245 + 12345) >> 16) %
                                               (sizeof(pieces) / sizeof(pieces[0]))];
                        if (len + strlen(p) >= sizeof(text))
                                break;
                        memcpy(text + len, p, strlen(p) + 1);
                        len += strlen(p);
                }
                unsigned keys, refused;
                const char *why = grammar_disagreement(text, &keys, &refused);
                if (why)
                        fail_msg("%s:\n%s", why, text);
                accepted_with_keys += refused == 0 && keys > 0;
        }
        /* The comparison ran on many texts, not only on refused ones. */
        assert_true(accepted_with_keys > 1000);
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_accepted_lines_give_inih_keys),
                cmocka_unit_test(test_refused_lines_are_reported),
                cmocka_unit_test(test_bare_inih_continues_indented_lines),
                cmocka_unit_test(test_random_texts_agree),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
