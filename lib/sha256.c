/* SPDX-License-Identifier: MIT */
/* See sha256.h. Written from FIPS 180-4, sections 4.1.2, 4.2.2, 5.1.1, 6.2. */
#include <string.h>

#include "sha256.h"

static const uint32_t K[64] = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static inline uint32_t rotr(uint32_t x, unsigned n) {
        return (x >> n) | (x << (32 - n));
}

static void compress(uint32_t h[8], const unsigned char *p) {
        uint32_t w[64], s[8];

        for (unsigned t = 0; t < 16; t++)
                w[t] = (uint32_t) p[4 * t] << 24 | (uint32_t) p[4 * t + 1] << 16 |
                       (uint32_t) p[4 * t + 2] << 8 | p[4 * t + 3];
        for (unsigned t = 16; t < 64; t++) {
                uint32_t s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
                uint32_t s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
                w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }
        memcpy(s, h, sizeof(s));
        for (unsigned t = 0; t < 64; t++) {
                uint32_t S1 = rotr(s[4], 6) ^ rotr(s[4], 11) ^ rotr(s[4], 25);
                uint32_t ch = (s[4] & s[5]) ^ (~s[4] & s[6]);
                uint32_t t1 = s[7] + S1 + ch + K[t] + w[t];
                uint32_t S0 = rotr(s[0], 2) ^ rotr(s[0], 13) ^ rotr(s[0], 22);
                uint32_t maj = (s[0] & s[1]) ^ (s[0] & s[2]) ^ (s[1] & s[2]);
                memmove(s + 1, s, 7 * sizeof(uint32_t));
                s[4] += t1;
                s[0] = t1 + S0 + maj;
        }
        for (unsigned i = 0; i < 8; i++)
                h[i] += s[i];
}

void sha256_init(struct sha256_ctx *ctx) {
        static const uint32_t h0[8] = {
                0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
        };

        memset(ctx, 0, sizeof(*ctx));
        memcpy(ctx->h, h0, sizeof(h0));
}

void sha256_update(struct sha256_ctx *ctx, const void *data, size_t size) {
        const unsigned char *p = data;

        ctx->length += size;
        while (size > 0) {
                size_t n = sizeof(ctx->block) - ctx->used;
                if (n > size)
                        n = size;
                memcpy(ctx->block + ctx->used, p, n);
                ctx->used += n;
                p += n;
                size -= n;
                if (ctx->used == sizeof(ctx->block)) {
                        compress(ctx->h, ctx->block);
                        ctx->used = 0;
                }
        }
}

void sha256_final(struct sha256_ctx *ctx, unsigned char ret[SHA256_DIGEST_SIZE]) {
        uint64_t bits = ctx->length * 8;
        unsigned char pad[72] = { 0x80 };
        /* Pad to 56 mod 64, then the 64-bit big-endian bit length. */
        size_t n = (ctx->used < 56 ? 56 : 120) - ctx->used;

        for (unsigned i = 0; i < 8; i++)
                pad[n + i] = (unsigned char) (bits >> (56 - 8 * i));
        sha256_update(ctx, pad, n + 8);
        for (unsigned i = 0; i < 8; i++)
                for (unsigned j = 0; j < 4; j++)
                        ret[4 * i + j] = (unsigned char) (ctx->h[i] >> (24 - 8 * j));
        /* The context held (part of) a token: do not leave it on the stack. */
        explicit_bzero(ctx, sizeof(*ctx));
}

void sha256(const void *data, size_t size, unsigned char ret[SHA256_DIGEST_SIZE]) {
        struct sha256_ctx ctx;

        sha256_init(&ctx);
        sha256_update(&ctx, data, size);
        sha256_final(&ctx, ret);
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
        return ret;
}

char *sha256_fingerprint(const char *secret, char ret[SHA256_FINGERPRINT_SIZE]) {
        unsigned char d[SHA256_DIGEST_SIZE];

        sha256(secret, strlen(secret), d);
        hex(d, (SHA256_FINGERPRINT_SIZE - 1) / 2, ret);
        return ret;
}
