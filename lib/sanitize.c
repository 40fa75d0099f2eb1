/* SPDX-License-Identifier: MIT */
/* See sanitize.h. */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sanitize.h"
#include "sha256.h"
#include "utf8.h"

/* A growing output buffer; a failed allocation sticks (oom) and is reported once at
 * the end, so the scanners need no error paths. */
struct out {
        char *p;
        size_t n, cap;
        bool oom;
};

static void out_put(struct out *o, const char *s, size_t n) {
        if (o->oom)
                return;
        if (o->n + n + 1 > o->cap) {
                size_t cap = o->cap ? o->cap : 64;
                char *p;
                while (cap < o->n + n + 1)
                        cap *= 2;
                p = realloc(o->p, cap);
                if (!p) {
                        o->oom = true;
                        return;
                }
                o->p = p;
                o->cap = cap;
        }
        memcpy(o->p + o->n, s, n);
        o->n += n;
        o->p[o->n] = 0;
}

static char *out_finish(struct out *o) {
        if (!o->oom && !o->p)
                out_put(o, "", 0);
        if (o->oom) {
                free(o->p);
                return NULL;
        }
        return o->p;
}

/* ---- step 1: redaction ----------------------------------------------------- */

static bool is_digit(unsigned char c) {
        return c >= '0' && c <= '9';
}

static bool is_alnum(unsigned char c) {
        return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* [A-Za-z0-9_-]: Telegram secrets and sk- keys. */
static bool is_word(unsigned char c) {
        return is_alnum(c) || c == '_' || c == '-';
}

static bool is_slack(unsigned char c) {
        return is_alnum(c) || c == '-';
}

/* RFC 6750 b64token. */
static bool is_b64token(unsigned char c) {
        return is_alnum(c) || (c && strchr("-._~+/=", c));
}

static bool is_name(unsigned char c) {
        return is_alnum(c) || c == '_' || c == '-' || c == '.';
}

static bool is_value_end(unsigned char c) {
        return c <= ' ' || c == 0x7f || strchr("\"'&#;,<>)]}`", c);
}

static size_t span(const char *s, size_t i, size_t n, bool (*ok)(unsigned char)) {
        size_t j = i;
        while (j < n && ok((unsigned char) s[j]))
                j++;
        return j - i;
}

static bool has_prefix_ci(const char *s, size_t n, const char *prefix) {
        size_t l = strlen(prefix);
        return n >= l && strncasecmp(s, prefix, l) == 0;
}

static void put_fingerprint(struct out *o, const char *secret, size_t n) {
        char hex[SHA256_HEX_SIZE];

        sha256_hex(secret, n, hex);
        out_put(o, SANITIZE_REDACTED_PREFIX, strlen(SANITIZE_REDACTED_PREFIX));
        out_put(o, hex, 16);
        out_put(o, "]", 1);
        explicit_bzero(hex, sizeof(hex));
}

/* Telegram: <6+ digits>:<30+ word chars>, starting at a digit run's first digit. */
static size_t match_telegram(const char *s, size_t i, size_t n) {
        size_t d, w;

        if (!is_digit(s[i]) || (i > 0 && is_digit(s[i - 1])))
                return 0;
        d = span(s, i, n, is_digit);
        if (d < 6 || i + d >= n || s[i + d] != ':')
                return 0;
        w = span(s, i + d + 1, n, is_word);
        return w >= 30 ? d + 1 + w : 0;
}

static size_t match_slack(const char *s, size_t i, size_t n) {
        size_t p;

        if (n - i >= 5 && memcmp(s + i, "xox", 3) == 0 && strchr("abposr", s[i + 3]) &&
            s[i + 3] && s[i + 4] == '-')
                p = 5;
        else if (n - i >= 5 && memcmp(s + i, "xapp-", 5) == 0)
                p = 5;
        else
                return 0;
        size_t w = span(s, i + p, n, is_slack);
        return w >= 10 ? p + w : 0;
}

static size_t match_sk(const char *s, size_t i, size_t n) {
        size_t w;
        bool digit = false;

        if (n - i < 3 || memcmp(s + i, "sk-", 3) != 0 || (i > 0 && is_word(s[i - 1])))
                return 0;
        w = span(s, i + 3, n, is_word);
        for (size_t k = i + 3; k < i + 3 + w && !digit; k++)
                digit = is_digit(s[k]);
        return w >= 20 && digit ? 3 + w : 0;
}

/* "Bearer <token>": returns the token's length, *ret_skip the length before it. */
static size_t match_bearer(const char *s, size_t i, size_t n, size_t *ret_skip) {
        size_t sp, w;

        if (!has_prefix_ci(s + i, n - i, "bearer") || (i > 0 && is_alnum(s[i - 1])))
                return 0;
        for (sp = 6; i + sp < n && (s[i + sp] == ' ' || s[i + sp] == '\t'); sp++)
                ;
        if (sp == 6)
                return 0;
        w = span(s, i + sp, n, is_b64token);
        if (w < 8)
                return 0;
        *ret_skip = sp;
        return w;
}

/* query: the name follows '?', '&' or ';' of a URL. Short generic names count only
 * there ("?key=..." is a key, "a Key=value line" is not). */
static bool name_is_secret(const char *name, size_t n, bool query) {
        static const char *const in_query[] = { "key", "auth", "sig", "signature", "pass", "pwd" };
        static const char *const suffix[] = {
                "token", "secret", "password", "passwd", "apikey", "api_key", "api-key",
                "_key", "-key", ".key", "credentials",
        };

        for (size_t k = 0; query && k < sizeof(in_query) / sizeof(in_query[0]); k++)
                if (n == strlen(in_query[k]) && strncasecmp(name, in_query[k], n) == 0)
                        return true;
        for (size_t k = 0; k < sizeof(suffix) / sizeof(suffix[0]); k++) {
                size_t l = strlen(suffix[k]);
                if (n >= l && strncasecmp(name + n - l, suffix[k], l) == 0)
                        return true;
        }
        return false;
}

/* At s[i] == '=': the length of the value to redact after it, when the name before
 * it says secret (*ret_skip: what comes before the value, '=' and an opening quote).
 * The name was already copied; only the value is replaced. */
static size_t match_assignment(const char *s, size_t i, size_t n, size_t *ret_skip) {
        size_t start = i, v, skip = 1;
        char quote = 0;

        if (s[i] != '=')
                return 0;
        while (start > 0 && is_name(s[start - 1]))
                start--;
        if (start == i ||
            !name_is_secret(s + start, i - start, start > 0 && strchr("?&;", s[start - 1])))
                return 0;
        if (i + 1 < n && (s[i + 1] == '"' || s[i + 1] == '\'')) {
                quote = s[i + 1];
                skip = 2;
        }
        v = i + skip;
        if (v < n && (s[v] == '\\' || s[v] == '[' || s[v] == '*' ||
                      (s[v] == '$' && v + 1 < n && s[v + 1] == '{')))
                return 0;   /* an escape, a fingerprint, a mask, a reference: no secret */
        for (; v < n; v++)
                if (quote ? s[v] == quote || s[v] == '\n' : is_value_end(s[v]))
                        break;
        if (v == i + skip)
                return 0;
        *ret_skip = skip;
        return v - (i + skip);
}

/* The bytes that start a secret the matchers know: a digit (Telegram), x (Slack),
 * s (sk-), b or B (Bearer), '=' (an assignment). A table: this is asked of every
 * byte of every line printed. */
static const bool starts_secret[256] = {
        ['0'] = true, ['1'] = true, ['2'] = true, ['3'] = true, ['4'] = true,
        ['5'] = true, ['6'] = true, ['7'] = true, ['8'] = true, ['9'] = true,
        ['x'] = true, ['s'] = true, ['b'] = true, ['B'] = true, ['='] = true,
};

static void redact(struct out *o, const char *s, size_t n) {
        size_t i = 0, plain = 0;

        while (i < n) {
                if (!starts_secret[(unsigned char) s[i]]) {
                        i++;
                        continue;
                }
                size_t skip = 0, m = match_telegram(s, i, n);

                if (m == 0)
                        m = match_slack(s, i, n);
                if (m == 0)
                        m = match_sk(s, i, n);
                if (m == 0)
                        m = match_bearer(s, i, n, &skip);
                if (m == 0)
                        m = match_assignment(s, i, n, &skip);
                if (m == 0) {
                        i++;
                        continue;
                }
                out_put(o, s + plain, i + skip - plain);
                put_fingerprint(o, s + i + skip, m);
                i += skip + m;
                plain = i;
        }
        out_put(o, s + plain, n - plain);
}

/* ---- step 2: escaping ------------------------------------------------------- */

/* C1 controls, and code points that move or split lines or reorder text on screen. */
static bool codepoint_is_hostile(uint32_t cp) {
        return (cp >= 0x80 && cp <= 0x9f) || cp == 0x061c || cp == 0x200e || cp == 0x200f ||
               (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

static void escape(struct out *o, const char *text, size_t n) {
        const unsigned char *s = (const unsigned char *) text;
        size_t i = 0, plain = 0;

        while (i < n) {
                char esc[8];
                size_t len = 1;
                uint32_t cp;

                if (s[i] >= 0x20 && s[i] < 0x7f) {
                        i++;
                        continue;
                }
                if (s[i] == '\n')
                        strcpy(esc, "\\n");
                else if (s[i] == '\r')
                        strcpy(esc, "\\r");
                else if (s[i] == '\t')
                        strcpy(esc, "\\t");
                else if (s[i] < 0x80 || !(len = utf8_decode(text + i, n - i, &cp))) {
                        snprintf(esc, sizeof(esc), "\\x%02x", s[i]);
                        len = 1;
                } else if (codepoint_is_hostile(cp))
                        snprintf(esc, sizeof(esc), "\\u%04x", (unsigned) cp);
                else {
                        i += len;
                        continue;
                }
                out_put(o, text + plain, i - plain);
                out_put(o, esc, strlen(esc));
                i += len;
                plain = i;
        }
        out_put(o, text + plain, n - plain);
}

/* ---- entry points ------------------------------------------------------------ */

char *sanitize_n(const char *s, size_t n) {
        struct out r = {}, e = {};

        redact(&r, s, n);
        if (r.oom) {
                free(r.p);
                return NULL;
        }
        escape(&e, r.p ? r.p : "", r.n);
        if (r.p)
                explicit_bzero(r.p, r.cap);
        free(r.p);
        return out_finish(&e);
}

char *sanitize(const char *s) {
        return s ? sanitize_n(s, strlen(s)) : NULL;
}

char *sanitize_redact(const char *s) {
        struct out r = {};

        if (!s)
                return NULL;
        redact(&r, s, strlen(s));
        return out_finish(&r);
}

bool sanitize_is_clean(const char *s, size_t n) {
        char *c = sanitize_n(s, n);
        bool same = c && strlen(c) == n && memcmp(c, s, n) == 0;

        free(c);
        return same;
}

int sanitize_fputs(const char *s, FILE *f) {
        char *c = sanitize(s ? s : "");
        int r = 0;

        if (!c)
                return -ENOMEM;
        if (fputs(c, f) == EOF)
                r = -EIO;
        free(c);
        return r;
}

int sanitize_fprintf(FILE *f, const char *fmt, ...) {
        va_list ap;
        char *s;
        int r;

        va_start(ap, fmt);
        r = vasprintf(&s, fmt, ap);
        va_end(ap);
        if (r < 0)
                return -ENOMEM;
        r = sanitize_fputs(s, f);
        explicit_bzero(s, strlen(s));
        free(s);
        return r;
}

int sanitize_fputs_lines(const char *s, FILE *f) {
        for (const char *p = s; p && *p;) {
                size_t len = strcspn(p, "\n");
                char *c = sanitize_n(p, len);

                if (!c)
                        return -ENOMEM;
                if (fputs(c, f) == EOF || fputc('\n', f) == EOF) {
                        free(c);
                        return -EIO;
                }
                free(c);
                p += len + (p[len] == '\n');
        }
        return 0;
}
