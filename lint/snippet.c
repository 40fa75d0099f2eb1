/* SPDX-License-Identifier: MIT */
/* See snippet.h. */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "sanitize.h"
#include "snippet.h"
#include "utf8.h"

#define CONTEXT_LINES 2   /* on each side of the finding's line, up to a secret's line */

static bool ends_with(const char *s, size_t n, const char *suffix) {
        size_t k = strlen(suffix);

        return n >= k && memcmp(s + n - k, suffix, k) == 0;
}

/* A unit file or a drop-in: what systemd parses as unit syntax. Hermes files
 * (.env, jobs.json, cron scripts) hold tokens in forms no pattern catches. */
static bool is_unit_syntax(const char *path) {
        static const char *const suffixes[] = {
                ".service", ".socket", ".target", ".timer", ".path", ".mount", ".automount",
                ".swap", ".slice", ".scope", ".device", NULL,
        };
        const char *base = strrchr(path, '/');
        size_t dirlen = base ? (size_t) (base - path) : 0;

        base = base ? base + 1 : path;
        if (ends_with(base, strlen(base), ".env"))
                return false;
        if (ends_with(path, dirlen, ".d"))
                return true;
        for (size_t i = 0; suffixes[i]; i++)
                if (ends_with(base, strlen(base), suffixes[i]))
                        return true;
        return false;
}

/* Whether a line may carry a secret: any mention of these, also in a comment. */
static bool line_is_secret(const char *s, size_t n) {
        static const char *const marks[] = { "Environment=", "SetCredential", NULL };

        for (size_t i = 0; marks[i]; i++)
                if (memmem(s, n, marks[i], strlen(marks[i])))
                        return true;
        return false;
}

struct line { const char *s; size_t n; bool secret; };

/* Splits text into lines and marks the secret ones; a secret line's continuations
 * (it ends in a backslash) are secret too. */
static struct line *split_lines(const char *text, size_t size, size_t *ret_n) {
        struct line *v = NULL;
        size_t n = 0, cap = 0;
        bool continued = false;

        for (const char *p = text, *end = text + size; p < end; n++) {
                const char *nl = memchr(p, '\n', (size_t) (end - p));
                size_t len = nl ? (size_t) (nl - p) : (size_t) (end - p);
                if (n == cap) {
                        struct line *w = realloc(v, (cap = cap ? cap * 2 : 64) * sizeof(*v));
                        if (!w) {
                                free(v);
                                return NULL;
                        }
                        v = w;
                }
                v[n] = (struct line) { p, len, continued || line_is_secret(p, len) };
                continued = v[n].secret && len > 0 && p[len - 1] == '\\';
                p += len + 1;
        }
        *ret_n = n;
        return v ? v : calloc(1, sizeof(*v));
}

static char *join_lines(const struct line *v, size_t first, size_t last, bool final_newline) {
        size_t size = 1;

        for (size_t i = first; i <= last; i++)
                size += utf8_cut(v[i].s, v[i].n, SNIPPET_LINE_MAX) + 1;
        char *s = malloc(size), *p = s;
        if (!s)
                return NULL;
        for (size_t i = first; i <= last; i++) {
                size_t n = utf8_cut(v[i].s, v[i].n, SNIPPET_LINE_MAX);
                memcpy(p, v[i].s, n);
                p += n;
                if (i < last || final_newline)
                        *p++ = '\n';
        }
        *p = 0;
        char *clean = sanitize_redact(s);
        free(s);
        return clean;
}

static int snippet_from_lines(const struct line *v, size_t n, unsigned line, struct snippet *ret) {
        size_t at = line - 1, first = at, last = at;

        if (at >= n)
                return -ENOENT;
        if (v[at].secret)
                return -EPERM;
        while (first > 0 && at - (first - 1) <= CONTEXT_LINES && !v[first - 1].secret)
                first--;
        while (last + 1 < n && (last + 1) - at <= CONTEXT_LINES && !v[last + 1].secret)
                last++;
        struct snippet s = {
                .line_text = join_lines(v, at, at, false),
                .ctx_first = (unsigned) first + 1, .ctx_last = (unsigned) last + 1,
                .ctx_text = join_lines(v, first, last, true),
        };
        if (!s.line_text || !s.ctx_text) {
                snippet_done(&s);
                return -ENOMEM;
        }
        *ret = s;
        return 0;
}

int snippet_get(const char *path, unsigned line, struct snippet *ret) {
        char *text = NULL;
        size_t size, n = 0;
        int r;

        if (!path || line == 0 || !is_unit_syntax(path))
                return -EPERM;
        r = fileio_read(path, FILEIO_MAX_SIZE, &text, &size);
        if (r < 0)
                return r;
        struct line *v = split_lines(text, size, &n);
        r = v ? snippet_from_lines(v, n, line, ret) : -ENOMEM;
        free(v);
        explicit_bzero(text, size);     /* Environment= lines may hold tokens */
        free(text);
        return r;
}

void snippet_done(struct snippet *s) {
        free(s->line_text);
        free(s->ctx_text);
        *s = (struct snippet) {};
}
