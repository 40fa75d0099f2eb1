/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * A small, bounded JSON parser for Hermes' cron/jobs.json that takes what
 * Python's json.load takes from a UTF-8 file (Hermes reads the file so), no more,
 * no less (tests/golden/json-oracle.sh compares the two on thousands of texts):
 *
 *   - exactly one value, surrounded by optional whitespace (space, tab, LF, CR);
 *   - no comments, trailing commas, single quotes, leading '+', leading zeros or
 *     a byte order mark (Python's json refuses a BOM too); NaN, Infinity and
 *     -Infinity are numbers, as in Python;
 *   - strings: raw bytes must be UTF-8; escapes \" \\ \/ \b \f \n \r \t \uXXXX,
 *     a surrogate pair becomes one UTF-8 sequence, a lone surrogate (which Python
 *     keeps in its str) its 3-byte form, so a decoded string need not be UTF-8;
 *     raw control characters (< 0x20) are errors unless JSON_ALLOW_CONTROL_CHARS
 *     (Python's json.loads(strict=False), which Hermes retries with);
 *   - numbers are checked against the grammar and kept as written;
 *   - nesting is limited to JSON_MAX_DEPTH (Python 3.11 gives up with a
 *     RecursionError just below 1 000 levels; 500 parse in both, 100 000 in
 *     neither); Python has no limit on the number of values, nor has this
 *     parser: the input size (fileio_read()'s limit) bounds them and the memory.
 * Every value records the line and column (1-based, in bytes) where it starts.
 * Duplicate object keys are kept; json_object_get() returns the last, as Python.
 */

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

#define JSON_MAX_DEPTH  990u

enum json_type {
        JSON_NULL,
        JSON_FALSE,
        JSON_TRUE,
        JSON_NUMBER,
        JSON_STRING,
        JSON_ARRAY,
        JSON_OBJECT,
};

struct json_member;

struct json_value {
        enum json_type type;
        unsigned line, column;
        size_t n;                          /* STRING: bytes (may hold "\u0000"); ARRAY, OBJECT: items */
        union {
                char *string;              /* STRING: decoded UTF-8; NUMBER: the literal; NUL-terminated */
                struct json_value **elements;  /* ARRAY */
                struct json_member *members;   /* OBJECT, in file order */
        };
};

struct json_member {
        char *key;                         /* decoded, NUL-terminated */
        size_t key_len;
        struct json_value *value;
};

enum {
        JSON_ALLOW_CONTROL_CHARS = 1 << 0,
};

/*
 * Parses data (size bytes, need not be NUL-terminated); path names the input in
 * diagnostics. On a syntax error adds one DIAG_JSON_SYNTAX at the offending
 * line and column; exceeding a limit is DIAG_JSON_TOO_DEEP or DIAG_JSON_TOO_LARGE. With JSON_ALLOW_CONTROL_CHARS, the first raw
 * control character accepted in a string is a DIAG_JSON_CONTROL_CHAR warning.
 * Returns 0 and *ret, -EBADMSG (syntax), -E2BIG (limit), or -ENOMEM.
 */
int json_parse(const char *path, const char *data, size_t size, unsigned flags,
               struct json_value **ret, struct diag_list *diags);

void json_free(struct json_value *v);   /* accepts NULL */

/* The value of the last member named key, or NULL (also when v is not an object). */
const struct json_value *json_object_get(const struct json_value *v, const char *key);

/* "null", "boolean", "number", "string", "array", "object". */
const char *json_type_name(enum json_type t);

/* Python's bool() of the decoded value: null, false, 0, "", [] and {} are false. */
bool json_truthy(const struct json_value *v);
