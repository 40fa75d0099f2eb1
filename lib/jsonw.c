/* SPDX-License-Identifier: MIT */
/* See jsonw.h. */
#include <stdlib.h>
#include <string.h>

#include "jsonw.h"
#include "sanitize.h"
#include "utf8.h"

void jsonw_init(struct jsonw *w, FILE *f) {
        *w = (struct jsonw) { .f = f };
}

static void indent(struct jsonw *w) {
        fputc('\n', w->f);
        for (unsigned i = 0; i < w->depth; i++)
                fputs("  ", w->f);
}

/* Separator and indentation before a value (or a key). */
static void before_value(struct jsonw *w) {
        if (w->after_key) {
                w->after_key = false;
                return;
        }
        if (w->depth == 0)
                return;
        if (w->n_items[w->depth - 1]++ > 0)
                fputc(',', w->f);
        indent(w);
}

static void container_open(struct jsonw *w, char c) {
        before_value(w);
        fputc(c, w->f);
        if (w->depth < JSONW_MAX_DEPTH)
                w->n_items[w->depth] = 0;
        w->depth++;
}

static void container_close(struct jsonw *w, char c) {
        w->depth--;
        if (w->depth < JSONW_MAX_DEPTH && w->n_items[w->depth] > 0)
                indent(w);
        fputc(c, w->f);
}

void jsonw_object_begin(struct jsonw *w) { container_open(w, '{'); }
void jsonw_object_end(struct jsonw *w)   { container_close(w, '}'); }
void jsonw_array_begin(struct jsonw *w)  { container_open(w, '['); }
void jsonw_array_end(struct jsonw *w)    { container_close(w, ']'); }

static void put_escaped(FILE *f, const char *str) {
        const unsigned char *s = (const unsigned char *) str, *end = s + strlen(str);

        fputc('"', f);
        while (*s) {
                size_t n = utf8_decode((const char *) s, (size_t) (end - s), NULL);
                if (n == 0) {
                        fputs("\\ufffd", f);
                        s++;
                } else if (*s == '"' || *s == '\\') {
                        fputc('\\', f);
                        fputc(*s++, f);
                } else if (*s == '\n') {
                        fputs("\\n", f);
                        s++;
                } else if (*s == '\t') {
                        fputs("\\t", f);
                        s++;
                } else if (*s < 0x20 || *s == 0x7f) {
                        fprintf(f, "\\u%04x", *s++);
                } else {
                        fwrite(s, 1, n, f);
                        s += n;
                }
        }
        fputc('"', f);
}

void jsonw_key(struct jsonw *w, const char *key) {
        before_value(w);
        put_escaped(w->f, key);
        fputs(": ", w->f);
        w->after_key = true;
}

/* Values quote what others wrote (job names, paths): no secret goes out
 * (sanitize.h); JSON's own escaping keeps control characters harmless. */
void jsonw_string(struct jsonw *w, const char *s) {
        char *clean;

        if (!s) {
                jsonw_null(w);
                return;
        }
        before_value(w);
        clean = sanitize_redact(s);
        put_escaped(w->f, clean ? clean : "(out of memory)");
        free(clean);
}

void jsonw_uint(struct jsonw *w, unsigned long long v) {
        before_value(w);
        fprintf(w->f, "%llu", v);
}

void jsonw_bool(struct jsonw *w, bool v) {
        before_value(w);
        fputs(v ? "true" : "false", w->f);
}

void jsonw_null(struct jsonw *w) {
        before_value(w);
        fputs("null", w->f);
}

void jsonw_finish(struct jsonw *w) {
        fputc('\n', w->f);
}

void jsonw_member_string(struct jsonw *w, const char *key, const char *s) {
        jsonw_key(w, key);
        jsonw_string(w, s);
}

void jsonw_member_uint(struct jsonw *w, const char *key, unsigned long long v) {
        jsonw_key(w, key);
        jsonw_uint(w, v);
}
