/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * The one sanitiser for text that reaches a terminal or the journal: every text
 * report line, every log line, the live and diagnose outputs. Two steps, in this
 * order:
 *
 * 1. Redact secrets. Each secret below is replaced by "[redacted:<fp>]", where
 *    <fp> is the first 16 hex digits of sha256(secret), Hermes' own fingerprint
 *    (the one HG023 prints and the gateway lock file names), so a redacted token
 *    can still be matched against a lock file or another finding:
 *      - Telegram bot tokens <6+ digits>:<30+ of [A-Za-z0-9_-]>, also inside a
 *        URL (".../bot<id>:<secret>/...");
 *      - Slack tokens xox[abposr]-... and xapp-... (10+ of [A-Za-z0-9-]);
 *      - API keys sk-... (20+ of [A-Za-z0-9_-] with a digit, not inside a word);
 *      - the credential after "Bearer " (8+ of [A-Za-z0-9._~+/=-]);
 *      - the value of NAME=value when NAME is key/token/secret/password-like
 *        (?key=, &token=, access_token=, TELEGRAM_BOT_TOKEN=, MATRIX_PASSWORD=,
 *        client_secret=, api_key= ...): up to whitespace, a quote, & # ; , < > ).
 * 2. Escape what a terminal or a log reader would interpret: C0 controls
 *    (newline and carriage return included, so text cannot forge a line), DEL,
 *    C1 controls (raw bytes 0x80-0x9f and U+0080-U+009F), bytes that are not
 *    UTF-8, and the Unicode line separators and bidi overrides. \n \r \t print as
 *    such, other bytes as \xNN, code points as \uNNNN. A backslash stays as it is:
 *    unit names carry systemd's own \x2d escapes and must print as systemd prints
 *    them; without a raw control byte nothing can be forged with it.
 *
 * A fingerprint is never redacted again, and escaping escaped text changes
 * nothing, so text sanitised twice shows the same secrets redacted. Time and
 * memory are linear in the input. Never logs.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define SANITIZE_REDACTED_PREFIX "[redacted:"

/* Redacts then escapes s[0..n). Returns a malloc'd string, or NULL on ENOMEM. */
char *sanitize_n(const char *s, size_t n);
/* sanitize_n(s, strlen(s)); sanitize(NULL) returns NULL. */
char *sanitize(const char *s);
/* Redaction only, for writers that escape by their own rules (JSON, SARIF). */
char *sanitize_redact(const char *s);

/* Writes sanitize(s) to f. Returns 0, or -errno (-ENOMEM, or -EIO on a write error). */
int sanitize_fputs(const char *s, FILE *f);
/* Formats, then writes the sanitised result: for a line whose every part may be
 * untrusted. Add terminal colours outside of it. Returns as sanitize_fputs(). */
int sanitize_fprintf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Writes multi-line text (a drop-in, a listing) line by line, each line sanitised
 * and ended by '\n' (also the last). The line breaks are the only ones kept, so
 * this is for text we built; an untrusted piece that may hold a newline must be
 * sanitised on its own. Returns as sanitize_fputs(). */
int sanitize_fputs_lines(const char *s, FILE *f);

/* True if s[0..n) needs no change (no secret, nothing to escape). */
bool sanitize_is_clean(const char *s, size_t n);
