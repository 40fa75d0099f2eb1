/* SPDX-License-Identifier: MIT */
/* See json.h. A recursive-descent parser over RFC 8259's grammar. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "utf8.h"

struct parser {
        const char *path;
        const unsigned char *s;
        size_t n, pos;
        unsigned line;
        size_t line_start;         /* offset of the current line's first byte */
        unsigned flags, depth;
        bool warned_control;
        struct diag_list *diags;
};

struct buffer {
        char *data;
        size_t n, cap;
};

/* The column of the current byte, 1-based. */
static unsigned column(const struct parser *p) {
        return (unsigned) (p->pos - p->line_start + 1);
}

static int fail(struct parser *p, int rc, enum diag_code code, const char *what)  {
        diag_add(p->diags, code, p->path, p->line, column(p), "%s", what);
        return rc;
}

static int peek(const struct parser *p) {
        return p->pos < p->n ? p->s[p->pos] : -1;
}

/* Moves over one byte, keeping line and column right. */
static void step(struct parser *p) {
        if (p->s[p->pos++] == '\n') {
                p->line++;
                p->line_start = p->pos;
        }
}

static void skip_whitespace(struct parser *p) {
        while (p->pos < p->n && strchr(" \t\n\r", p->s[p->pos]) && p->s[p->pos])
                step(p);
}

static int buffer_put(struct buffer *b, const void *data, size_t len) {
        if (b->n + len + 1 > b->cap) {
                size_t cap = b->cap ? b->cap : 16;
                while (cap < b->n + len + 1)
                        cap *= 2;
                char *d = realloc(b->data, cap);
                if (!d)
                        return -ENOMEM;
                b->data = d;
                b->cap = cap;
        }
        memcpy(b->data + b->n, data, len);
        b->n += len;
        b->data[b->n] = 0;
        return 0;
}

static int put_utf8(struct buffer *b, uint32_t cp) {
        unsigned char u[4];
        size_t len;

        if (cp < 0x80)
                u[0] = (unsigned char) cp, len = 1;
        else if (cp < 0x800)
                u[0] = (unsigned char) (0xc0 | cp >> 6), len = 2;
        else if (cp < 0x10000)
                u[0] = (unsigned char) (0xe0 | cp >> 12), len = 3;
        else
                u[0] = (unsigned char) (0xf0 | cp >> 18), len = 4;
        for (size_t i = 1; i < len; i++)
                u[i] = (unsigned char) (0x80 | ((cp >> (6 * (len - 1 - i))) & 0x3f));
        return buffer_put(b, u, len);
}

/* Four hex digits after "\u" at p->pos + 2. Returns the value or -1. */
static int32_t hex4(const struct parser *p, size_t at) {
        int32_t v = 0;

        if (at + 6 > p->n || p->s[at] != '\\' || p->s[at + 1] != 'u')
                return -1;
        for (size_t i = at + 2; i < at + 6; i++) {
                int c = p->s[i], d = c >= '0' && c <= '9' ? c - '0' :
                                     c >= 'a' && c <= 'f' ? c - 'a' + 10 :
                                     c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
                if (d < 0)
                        return -1;
                v = v * 16 + d;
        }
        return v;
}

/* "\uXXXX", or a surrogate pair "\uD8xx\uDCxx", at p->pos. A lone surrogate is
 * kept as its 3-byte form (as Python keeps it in a str): not UTF-8, and what
 * sanitize.h escapes before any of it is shown. */
static int parse_unicode_escape(struct parser *p, struct buffer *b) {
        int32_t hi = hex4(p, p->pos), lo;

        if (hi < 0)
                return fail(p, -EBADMSG, DIAG_JSON_SYNTAX, "\\u must be followed by four hex digits");
        lo = hi >= 0xd800 && hi <= 0xdbff ? hex4(p, p->pos + 6) : -1;
        if (lo < 0xdc00 || lo > 0xdfff) {
                p->pos += 6;
                return put_utf8(b, (uint32_t) hi);
        }
        p->pos += 12;
        return put_utf8(b, 0x10000 + (((uint32_t) hi - 0xd800) << 10) + ((uint32_t) lo - 0xdc00));
}

static int parse_escape(struct parser *p, struct buffer *b) {
        static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
        const char *e;

        if (p->pos + 1 >= p->n)
                return fail(p, -EBADMSG, DIAG_JSON_SYNTAX, "unterminated string");
        if (p->s[p->pos + 1] == 'u')
                return parse_unicode_escape(p, b);
        e = p->s[p->pos + 1] ? strchr(from, p->s[p->pos + 1]) : NULL;
        if (!e)
                return fail(p, -EBADMSG, DIAG_JSON_SYNTAX, "invalid escape in string");
        p->pos += 2;
        return buffer_put(b, &to[e - from], 1);
}

static int parse_control_char(struct parser *p, struct buffer *b) {
        if (!(p->flags & JSON_ALLOW_CONTROL_CHARS))
                return fail(p, -EBADMSG, DIAG_JSON_SYNTAX, "raw control character in string");
        if (!p->warned_control) {
                diag_add(p->diags, DIAG_JSON_CONTROL_CHAR, p->path, p->line, column(p), NULL);
                p->warned_control = true;
        }
        int r = buffer_put(b, p->s + p->pos, 1);
        step(p);
        return r;
}

/* A string at p->pos (the opening quote): decoded into b. */
static int parse_string_raw(struct parser *p, struct buffer *b) {
        int r = buffer_put(b, "", 0);

        p->pos++;
        while (r == 0) {
                size_t len;
                int c = peek(p);
                if (c < 0)
                        return fail(p, -EBADMSG, DIAG_JSON_SYNTAX, "unterminated string");
                if (c == '"') {
                        p->pos++;
                        return 0;
                }
                if (c == '\\')
                        r = parse_escape(p, b);
                else if (c < 0x20)
                        r = parse_control_char(p, b);
                else if ((len = utf8_decode((const char *) p->s + p->pos, p->n - p->pos, NULL)) == 0)
                        return fail(p, -EBADMSG, DIAG_JSON_SYNTAX, "invalid UTF-8 in string");
                else {
                        r = buffer_put(b, p->s + p->pos, len);
                        p->pos += len;
                }
        }
        return r;
}

static int new_value(struct parser *p, enum json_type type, struct json_value **ret) {
        struct json_value *v;

        v = calloc(1, sizeof(*v));
        if (!v)
                return -ENOMEM;
        v->type = type;
        v->line = p->line;
        v->column = (unsigned) (p->pos - p->line_start + 1);
        *ret = v;
        return 0;
}

static int parse_value(struct parser *p, struct json_value **ret);

static int parse_string(struct parser *p, struct json_value **ret) {
        struct buffer b = {};
        struct json_value *v;
        int r = new_value(p, JSON_STRING, &v);

        if (r < 0)
                return r;
        r = parse_string_raw(p, &b);
        if (r < 0) {
                free(b.data);
                json_free(v);
                return r;
        }
        v->string = b.data;
        v->n = b.n;
        *ret = v;
        return 0;
}

static size_t skip_digits(const struct parser *p, size_t i) {
        while (i < p->n && p->s[i] >= '0' && p->s[i] <= '9')
                i++;
        return i;
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static int parse_number(struct parser *p, struct json_value **ret) {
        size_t i = p->pos + (peek(p) == '-'), j;
        struct json_value *v;
        int r;

        j = skip_digits(p, i);
        if (j == i || (p->s[i] == '0' && j > i + 1))
                return fail(p, -EBADMSG, DIAG_JSON_SYNTAX, "invalid number");
        if (j < p->n && p->s[j] == '.') {
                i = j + 1;
                if ((j = skip_digits(p, i)) == i)
                        return fail(p, -EBADMSG, DIAG_JSON_SYNTAX, "invalid number: digits must follow '.'");
        }
        if (j < p->n && (p->s[j] == 'e' || p->s[j] == 'E')) {
                i = j + 1 + (j + 1 < p->n && (p->s[j + 1] == '+' || p->s[j + 1] == '-'));
                if ((j = skip_digits(p, i)) == i)
                        return fail(p, -EBADMSG, DIAG_JSON_SYNTAX, "invalid number: digits must follow the exponent");
        }
        r = new_value(p, JSON_NUMBER, &v);
        if (r < 0)
                return r;
        v->string = strndup((const char *) p->s + p->pos, j - p->pos);
        if (!v->string) {
                free(v);
                return -ENOMEM;
        }
        v->n = j - p->pos;
        p->pos = j;
        *ret = v;
        return 0;
}

/* Python's json also takes NaN, Infinity and -Infinity (numbers, kept as written). */
static int parse_literal(struct parser *p, struct json_value **ret) {
        static const struct { const char *word; enum json_type type; } words[] = {
                { "null", JSON_NULL }, { "false", JSON_FALSE }, { "true", JSON_TRUE },
                { "NaN", JSON_NUMBER }, { "Infinity", JSON_NUMBER }, { "-Infinity", JSON_NUMBER },
        };

        for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
                size_t len = strlen(words[i].word);
                if (p->n - p->pos >= len && memcmp(p->s + p->pos, words[i].word, len) == 0) {
                        int r = new_value(p, words[i].type, ret);
                        if (r == 0 && words[i].type == JSON_NUMBER) {
                                if (!((*ret)->string = strdup(words[i].word))) {
                                        free(*ret);
                                        return -ENOMEM;
                                }
                                (*ret)->n = len;
                        }
                        p->pos += len;
                        return r;
                }
        }
        return fail(p, -EBADMSG, DIAG_JSON_SYNTAX, "expected a value");
}

/* After an element or member: ',' continues, close ends. Returns 1 at the end. */
static int next_item(struct parser *p, char close) {
        skip_whitespace(p);
        if (peek(p) == ',') {
                p->pos++;
                skip_whitespace(p);
                return 0;
        }
        if (peek(p) == close) {
                p->pos++;
                return 1;
        }
        return fail(p, -EBADMSG, DIAG_JSON_SYNTAX,
                    close == ']' ? "expected ',' or ']' in array" : "expected ',' or '}' in object");
}

static int parse_elements(struct parser *p, struct json_value *v) {
        size_t cap = 0;

        for (;;) {
                struct json_value *e;
                int r;
                if (v->n == cap) {
                        struct json_value **a = realloc(v->elements, (cap = cap ? 2 * cap : 4) * sizeof(*a));
                        if (!a)
                                return -ENOMEM;
                        v->elements = a;
                }
                r = parse_value(p, &e);
                if (r < 0)
                        return r;
                v->elements[v->n++] = e;
                r = next_item(p, ']');
                if (r != 0)
                        return r < 0 ? r : 0;
        }
}

static int parse_member(struct parser *p, struct json_member *m) {
        struct buffer key = {};
        int r;

        if (peek(p) != '"')
                return fail(p, -EBADMSG, DIAG_JSON_SYNTAX, "expected a string as object key");
        r = parse_string_raw(p, &key);
        if (r < 0) {
                free(key.data);
                return r;
        }
        *m = (struct json_member) { .key = key.data, .key_len = key.n };
        skip_whitespace(p);
        if (peek(p) != ':')
                return fail(p, -EBADMSG, DIAG_JSON_SYNTAX, "expected ':' after object key");
        p->pos++;
        return parse_value(p, &m->value);
}

static int parse_members(struct parser *p, struct json_value *v) {
        size_t cap = 0;

        for (;;) {
                int r;
                if (v->n == cap) {
                        struct json_member *a = realloc(v->members, (cap = cap ? 2 * cap : 4) * sizeof(*a));
                        if (!a)
                                return -ENOMEM;
                        v->members = a;
                }
                /* Counted before parsing so that json_free() sees a half-built member. */
                v->members[v->n++] = (struct json_member) {};
                r = parse_member(p, &v->members[v->n - 1]);
                if (r < 0)
                        return r;
                r = next_item(p, '}');
                if (r != 0)
                        return r < 0 ? r : 0;
        }
}

static int parse_container(struct parser *p, struct json_value **ret) {
        bool array = peek(p) == '[';
        struct json_value *v;
        int r;

        if (p->depth >= JSON_MAX_DEPTH)
                return fail(p, -E2BIG, DIAG_JSON_TOO_DEEP, "nesting too deep");
        r = new_value(p, array ? JSON_ARRAY : JSON_OBJECT, &v);
        if (r < 0)
                return r;
        p->pos++;
        p->depth++;
        skip_whitespace(p);
        if (peek(p) == (array ? ']' : '}'))
                p->pos++;
        else
                r = array ? parse_elements(p, v) : parse_members(p, v);
        p->depth--;
        if (r < 0) {
                json_free(v);
                return r;
        }
        *ret = v;
        return 0;
}

static int parse_value(struct parser *p, struct json_value **ret) {
        int c;

        skip_whitespace(p);
        c = peek(p);
        if (c == '{' || c == '[')
                return parse_container(p, ret);
        if (c == '"')
                return parse_string(p, ret);
        if ((c == '-' && !(p->pos + 1 < p->n && p->s[p->pos + 1] == 'I')) || (c >= '0' && c <= '9'))
                return parse_number(p, ret);
        if (c < 0)
                return fail(p, -EBADMSG, DIAG_JSON_SYNTAX, "unexpected end of input");
        return parse_literal(p, ret);
}

int json_parse(const char *path, const char *data, size_t size, unsigned flags,
               struct json_value **ret, struct diag_list *diags) {
        struct parser p = {
                .path = path, .s = (const unsigned char *) data, .n = size, .line = 1,
                .flags = flags, .diags = diags,
        };
        struct json_value *v;
        int r;

        if (size >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
                return fail(&p, -EBADMSG, DIAG_JSON_SYNTAX, "byte order mark before the JSON text");
        r = parse_value(&p, &v);
        if (r < 0)
                return r;
        skip_whitespace(&p);
        if (p.pos < p.n) {
                json_free(v);
                return fail(&p, -EBADMSG, DIAG_JSON_SYNTAX, "unexpected data after the JSON value");
        }
        *ret = v;
        return 0;
}

void json_free(struct json_value *v) {
        if (!v)
                return;
        if (v->type == JSON_ARRAY) {
                for (size_t i = 0; i < v->n; i++)
                        json_free(v->elements[i]);
                free(v->elements);
        } else if (v->type == JSON_OBJECT) {
                for (size_t i = 0; i < v->n; i++) {
                        free(v->members[i].key);
                        json_free(v->members[i].value);
                }
                free(v->members);
        } else if (v->type == JSON_STRING || v->type == JSON_NUMBER)
                free(v->string);
        free(v);
}

const struct json_value *json_object_get(const struct json_value *v, const char *key) {
        size_t len = strlen(key);

        for (size_t i = v && v->type == JSON_OBJECT ? v->n : 0; i > 0; i--) {
                const struct json_member *m = &v->members[i - 1];
                if (m->key_len == len && memcmp(m->key, key, len) == 0)
                        return m->value;
        }
        return NULL;
}

const char *json_type_name(enum json_type t) {
        static const char *const names[] = {
                [JSON_NULL] = "null", [JSON_FALSE] = "boolean", [JSON_TRUE] = "boolean",
                [JSON_NUMBER] = "number", [JSON_STRING] = "string", [JSON_ARRAY] = "array",
                [JSON_OBJECT] = "object",
        };
        return (unsigned) t < sizeof(names) / sizeof(names[0]) ? names[t] : "?";
}

/* A number is zero when every digit of its mantissa is '0' ("-0.0e7" too). */
static bool number_is_zero(const char *s) {
        if (strchr(s, 'N') || strchr(s, 'I'))
                return false;   /* bool(nan) and bool(inf) are True */
        for (; *s && *s != 'e' && *s != 'E'; s++)
                if (*s >= '1' && *s <= '9')
                        return false;
        return true;
}

bool json_truthy(const struct json_value *v) {
        switch (v->type) {
        case JSON_NULL:
        case JSON_FALSE:
                return false;
        case JSON_TRUE:
                return true;
        case JSON_NUMBER:
                return !number_is_zero(v->string);
        default:
                return v->n > 0;
        }
}
