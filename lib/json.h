/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * A small, strict, bounded JSON parser (RFC 8259), for Hermes' cron/jobs.json.
 *
 *   - exactly one value, surrounded by optional whitespace (space, tab, LF, CR);
 *   - no comments, trailing commas, single quotes, NaN/Infinity, leading '+',
 *     leading zeros or a byte order mark (Python's json refuses a BOM too);
 *   - strings: valid UTF-8 only; escapes \" \\ \/ \b \f \n \r \t \uXXXX, a
 *     surrogate pair becomes one UTF-8 sequence, a lone surrogate is an error;
 *     raw control characters (< 0x20) are errors unless JSON_ALLOW_CONTROL_CHARS
 *     (Python's json.loads(strict=False), which Hermes retries with);
 *   - numbers are checked against the grammar and kept as written;
 *   - nesting is limited to JSON_MAX_DEPTH, the number of values to
 *     JSON_MAX_VALUES; the input size is the caller's (fileio_read()'s limit).
 * Every value records the line and column (1-based, in bytes) where it starts.
 * Duplicate object keys are kept; json_object_get() returns the last, as Python.
 */

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

#define JSON_MAX_DEPTH  128u
#define JSON_MAX_VALUES (1u << 20)

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
