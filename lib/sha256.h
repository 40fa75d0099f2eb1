/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * SHA-256 (FIPS 180-4), streaming and one-shot.
 *
 * Used to fingerprint bot tokens the way Hermes does (gateway/status.py
 * _scope_hash(): the first 16 hex digits of sha256(identity as UTF-8)), so a
 * finding can name a token without ever showing it. No dependency: the tools
 * must not pull in a crypto library for one hash.
 */

#include <stddef.h>
#include <stdint.h>

#define SHA256_DIGEST_SIZE 32
#define SHA256_HEX_SIZE (2 * SHA256_DIGEST_SIZE + 1)
/* Hermes' token fingerprint: 16 hex digits (+ NUL). */
#define SHA256_FINGERPRINT_SIZE 17

struct sha256_ctx {
        uint32_t h[8];
        uint64_t length;          /* bytes hashed so far */
        unsigned char block[64];
        size_t used;              /* bytes in block */
};

void sha256_init(struct sha256_ctx *ctx);
void sha256_update(struct sha256_ctx *ctx, const void *data, size_t size);
/* Writes the digest and wipes ctx (it may have held a secret). */
void sha256_final(struct sha256_ctx *ctx, unsigned char ret[SHA256_DIGEST_SIZE]);

void sha256(const void *data, size_t size, unsigned char ret[SHA256_DIGEST_SIZE]);

/* Lowercase hex of the whole digest. Returns ret. */
char *sha256_hex(const void *data, size_t size, char ret[SHA256_HEX_SIZE]);

/* Hermes' fingerprint of a secret: the first 16 lowercase hex digits of its
 * SHA-256. Returns ret. */
char *sha256_fingerprint(const char *secret, char ret[SHA256_FINGERPRINT_SIZE]);
