/* SPDX-License-Identifier: MIT */
/* See jsonw.h. */
#include <stdlib.h>

#include "jsonw.h"
#include "sanitize.h"

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

/* Length of the valid UTF-8 sequence at s, or 0. */
static unsigned utf8_len(const unsigned char *s) {
        unsigned n, min;
        unsigned long cp;

        if (s[0] < 0x80)
                return 1;
        if ((s[0] & 0xe0) == 0xc0)
                n = 2, min = 0x80, cp = s[0] & 0x1f;
        else if ((s[0] & 0xf0) == 0xe0)
                n = 3, min = 0x800, cp = s[0] & 0x0f;
        else if ((s[0] & 0xf8) == 0xf0)
                n = 4, min = 0x10000, cp = s[0] & 0x07;
        else
                return 0;
        for (unsigned i = 1; i < n; i++) {
                if ((s[i] & 0xc0) != 0x80)
                        return 0;
                cp = (cp << 6) | (s[i] & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
                return 0;
        return n;
}

static void put_escaped(FILE *f, const char *str) {
        const unsigned char *s = (const unsigned char *) str;

        fputc('"', f);
        while (*s) {
                unsigned n = utf8_len(s);
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
