/* SPDX-License-Identifier: MIT */
/* See sha256.h. */
#include <errno.h>
#include <gcrypt.h>
#include <string.h>

#include "sha256.h"

int sha256_setup(void) {
        if (gcry_control(GCRYCTL_INITIALIZATION_FINISHED_P))
                return 0;
        if (!gcry_check_version(GCRYPT_VERSION))
                return -EOPNOTSUPP;
        gcry_control(GCRYCTL_DISABLE_SECMEM, 0);
        gcry_control(GCRYCTL_INITIALIZATION_FINISHED, 0);
        return 0;
}

void sha256(const void *data, size_t size, unsigned char ret[SHA256_DIGEST_SIZE]) {
        (void) sha256_setup();
        gcry_md_hash_buffer(GCRY_MD_SHA256, ret, data, size);
}

static void hex(const unsigned char *d, size_t n, char *ret) {
        static const char digits[] = "0123456789abcdef";

        for (size_t i = 0; i < n; i++) {
                ret[2 * i] = digits[d[i] >> 4];
                ret[2 * i + 1] = digits[d[i] & 15];
        }
        ret[2 * n] = 0;
}

char *sha256_hex(const void *data, size_t size, char ret[SHA256_HEX_SIZE]) {
        unsigned char d[SHA256_DIGEST_SIZE];

        sha256(data, size, d);
        hex(d, sizeof(d), ret);
        explicit_bzero(d, sizeof(d));
        return ret;
}

char *sha256_fingerprint(const char *secret, char ret[SHA256_FINGERPRINT_SIZE]) {
        unsigned char d[SHA256_DIGEST_SIZE];

        sha256(secret, strlen(secret), d);
        hex(d, (SHA256_FINGERPRINT_SIZE - 1) / 2, ret);
        explicit_bzero(d, sizeof(d));
        return ret;
}
