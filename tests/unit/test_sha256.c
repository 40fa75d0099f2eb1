/* SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

/* The vectors check our wrapper around libgcrypt (lib/sha256.c), not an implementation. */

#include "sha256.h"

static void assert_hex(const char *msg, size_t len, const char *expected) {
        char out[SHA256_HEX_SIZE];

        assert_string_equal(sha256_hex(msg, len, out), expected);
}

/* FIPS 180-4 examples (NIST CSRC "SHA256.pdf" and "SHA2_Additional"). */
static void test_nist_abc(void **state) {
        assert_hex("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void test_nist_empty(void **state) {
        assert_hex("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void test_nist_448_bits(void **state) {
        const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";

        assert_hex(m, strlen(m), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void test_nist_896_bits(void **state) {
        const char *m = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
                        "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";

        assert_hex(m, strlen(m), "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

static void test_nist_million_a(void **state) {
        char *all = malloc(1000000);

        assert_non_null(all);
        memset(all, 'a', 1000000);
        assert_hex(all, 1000000, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
        free(all);
}

/* Lengths around the padding boundaries (55/56 bytes fit or spill one block);
 * expected values from Python's hashlib. */
static void test_padding_boundaries(void **state) {
        static const struct { size_t n; const char *hex; } cases[] = {
                { 55, "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072" },
                { 56, "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e" },
                { 63, "75220b47218278e656f2013bb8f0c455a25eaf01e86c64924e9d48d89776d6f2" },
                { 64, "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c" },
                { 65, "9537c5fdf120482f7d58d25e9ed583f52c02b4e304ea814db1633ad565aed7e9" },
                { 119, "000b48d4edf0fa7bee3c6236ecd2785baa5db4eeb8bb54341b029e0d9fa5fb0c" },
                { 120, "13f05a0b594787f5ecd315edc96141bd3243203d1b7d4f0836f37308b276ba98" },
        };
        char buf[120];

        memset(buf, 'x', sizeof(buf));
        for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
                assert_hex(buf, cases[i].n, cases[i].hex);
}

/* The raw digest is the hex digest's bytes; setup may be called again. */
static void test_digest_and_setup(void **state) {
        unsigned char d[SHA256_DIGEST_SIZE];
        char hex[SHA256_HEX_SIZE];

        assert_int_equal(sha256_setup(), 0);
        assert_int_equal(sha256_setup(), 0);
        sha256("abc", 3, d);
        for (int i = 0; i < SHA256_DIGEST_SIZE; i++)
                snprintf(hex + 2 * i, 3, "%02x", d[i]);
        assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

/* Hermes: hashlib.sha256(token.encode("utf-8")).hexdigest()[:16]. */
static void test_fingerprint_is_hermes_scope_hash(void **state) {
        char fp[SHA256_FINGERPRINT_SIZE];

        assert_string_equal(sha256_fingerprint("123456:TEST-TOKEN-A", fp), "502bd2b60c66d916");
        assert_int_equal(strlen(fp), 16);
        assert_string_equal(sha256_fingerprint("abc", fp), "ba7816bf8f01cfea");
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_nist_abc),
                cmocka_unit_test(test_nist_empty),
                cmocka_unit_test(test_nist_448_bits),
                cmocka_unit_test(test_nist_896_bits),
                cmocka_unit_test(test_nist_million_a),
                cmocka_unit_test(test_padding_boundaries),
                cmocka_unit_test(test_digest_and_setup),
                cmocka_unit_test(test_fingerprint_is_hermes_scope_hash),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
