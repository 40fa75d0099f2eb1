/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * SHA-256 through libgcrypt (gcry_md_hash_buffer()), which libsystemd already
 * loads into both programs: no hash of our own.
 *
 * Used to fingerprint bot tokens the way Hermes does (gateway/status.py
 * _scope_hash(): the first 16 hex digits of sha256(identity as UTF-8)), so a
 * finding can name a token without ever showing it; docs/systemd-notes.md,
 * "Bot tokens and their locks".
 */

#include <stddef.h>

#define SHA256_DIGEST_SIZE 32
#define SHA256_HEX_SIZE (2 * SHA256_DIGEST_SIZE + 1)
/* Hermes' token fingerprint: 16 hex digits (+ NUL). */
#define SHA256_FINGERPRINT_SIZE 17

/* Initialises libgcrypt (gcry_check_version(), no secure memory: we only hash).
 * Returns 0, or -EOPNOTSUPP when the libgcrypt loaded is older than the one we
 * were built against. Idempotent; the hash functions below call it themselves on
 * first use. The linter calls it at start (token fingerprints are its findings);
 * the generator does not (it hashes only a secret in a log line, which nearly no
 * run has, and the initialisation costs it page faults on every run). */
int sha256_setup(void);

void sha256(const void *data, size_t size, unsigned char ret[SHA256_DIGEST_SIZE]);

/* Lowercase hex of the whole digest. Returns ret. */
char *sha256_hex(const void *data, size_t size, char ret[SHA256_HEX_SIZE]);

/* Hermes' fingerprint of a secret: the first 16 lowercase hex digits of its
 * SHA-256. Returns ret. */
char *sha256_fingerprint(const char *secret, char ret[SHA256_FINGERPRINT_SIZE]);
