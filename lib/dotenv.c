/* SPDX-License-Identifier: MIT */
/* See dotenv.h. Mirrors python-dotenv 1.x's parser.py, statement by statement. */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dotenv.h"
#include "fileio.h"

struct reader {
        const char *s;     /* text with universal newlines: only '\n' */
        size_t n, pos;
        unsigned line;
        size_t line_start;  /* offset of the current line's first byte */
};

/* The 1-based column of the current position. */
static unsigned column(const struct reader *r) {
        return (unsigned) (r->pos - r->line_start) + 1;
}

/* Python's \s on ASCII (the \x1c-\x1f separators included). */
static bool is_space(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
}

/* [^\S\r\n]: whitespace that does not end a line. */
static bool is_hspace(char c) {
        return is_space(c) && c != '\n' && c != '\r';
}

static char peek(const struct reader *r) {
        return r->pos < r->n ? r->s[r->pos] : 0;
}

static void advance(struct reader *r, size_t k) {
        for (size_t i = 0; i < k && r->pos < r->n; i++)
                if (r->s[r->pos++] == '\n') {
                        r->line++;
                        r->line_start = r->pos;
                }
}

static void skip_hspace(struct reader *r) {
        while (r->pos < r->n && is_hspace(r->s[r->pos]))
                advance(r, 1);
}

/* Python's text mode: "\r\n" and "\r" both become "\n". NUL bytes go: Hermes strips
 * them from .env before python-dotenv reads it. */
static char *universal_newlines(const char *data, size_t size, size_t *ret_size) {
        char *t = malloc(size + 1);
        size_t k = 0;

        if (!t)
                return NULL;
        for (size_t i = 0; i < size; i++) {
                if (data[i] == 0)
                        continue;
                if (data[i] == '\r') {
                        t[k++] = '\n';
                        if (i + 1 < size && data[i + 1] == '\n')
                                i++;
                } else
                        t[k++] = data[i];
        }
        t[k] = 0;
        *ret_size = k;
        return t;
}

/*
 * The regex '((?:\\'|[^'])*)' (and its "..." twin) with Python's backtracking:
 * scan, taking "\<q>" as an escaped quote; a bare quote closes. When the text
 * ends first, the regex backtracks and closes at the quote of the last "\<q>".
 * On success returns the index of the closing quote, else (size_t) -1.
 */
static size_t find_closing_quote(const struct reader *r, char q) {
        size_t last_escaped = (size_t) -1;

        for (size_t i = r->pos + 1; i < r->n; i++) {
                if (r->s[i] == '\\' && i + 1 < r->n && r->s[i + 1] == q) {
                        last_escaped = ++i;
                        continue;
                }
                if (r->s[i] == q)
                        return i;
        }
        return last_escaped;
}

static char escape_char(char c) {
        switch (c) {
        case 'a': return '\a';
        case 'b': return '\b';
        case 'f': return '\f';
        case 'n': return '\n';
        case 'r': return '\r';
        case 't': return '\t';
        case 'v': return '\v';
        default:  return c;      /* \\ \' \" */
        }
}

/* Unescapes s[0..len): single quotes know \\ and \', double quotes also \" \a \b \f \n \r \t \v. */
static char *unescape(const char *s, size_t len, char q) {
        const char *known = q == '"' ? "\\'\"abfnrtv" : "\\'";
        char *t = malloc(len + 1);
        size_t k = 0;

        if (!t)
                return NULL;
        for (size_t i = 0; i < len; i++) {
                if (s[i] == '\\' && i + 1 < len && strchr(known, s[i + 1])) {
                        t[k++] = escape_char(s[++i]);
                        continue;
                }
                t[k++] = s[i];
        }
        t[k] = 0;
        return t;
}

/* Returns 0 and the quoted value, -EINVAL when it does not close, -ENOMEM. */
static int parse_quoted_value(struct reader *r, char **ret) {
        char q = peek(r);
        size_t end = find_closing_quote(r, q);
        char *v;

        if (end == (size_t) -1)
                return -EINVAL;
        v = unescape(r->s + r->pos + 1, end - r->pos - 1, q);
        if (!v)
                return -ENOMEM;
        advance(r, end + 1 - r->pos);
        *ret = v;
        return 0;
}

/* The rest of the line, cut at the first whitespace run followed by '#'
 * (re.sub(r"\s+#.*", "")), then right-stripped. */
static int parse_unquoted_value(struct reader *r, char **ret) {
        size_t start = r->pos, end = r->pos;
        char *v;

        while (end < r->n && r->s[end] != '\n')
                end++;
        for (size_t i = start; i < end; i++) {
                size_t j = i;
                while (j < end && is_space(r->s[j]))
                        j++;
                if (j > i && j < end && r->s[j] == '#') {
                        end = i;
                        break;
                }
                i = j > i ? j - 1 : i;
        }
        advance(r, end - start);
        while (end > start && is_space(r->s[end - 1]))
                end--;
        v = strndup(r->s + start, end - start);
        if (!v)
                return -ENOMEM;
        *ret = v;
        return 0;
}

static int parse_value(struct reader *r, char **ret) {
        char c = peek(r);

        if (c == '\'' || c == '"')
                return parse_quoted_value(r, ret);
        if (c == 0 || c == '\n')
                return (*ret = strdup("")) ? 0 : -ENOMEM;
        return parse_unquoted_value(r, ret);
}

/* Returns 0 and the key (NULL for a comment), -EINVAL, -ENOMEM. */
static int parse_key(struct reader *r, char **ret) {
        size_t start = r->pos, end = r->pos;

        if (peek(r) == '#') {
                *ret = NULL;
                return 0;
        }
        if (peek(r) == '\'') {
                const char *close = memchr(r->s + start + 1, '\'', r->n - start - 1);
                if (!close || close == r->s + start + 1)
                        return -EINVAL;
                *ret = strndup(r->s + start + 1, (size_t) (close - r->s) - start - 1);
                advance(r, (size_t) (close - r->s) + 1 - start);
                return *ret ? 0 : -ENOMEM;
        }
        while (end < r->n && r->s[end] != '=' && r->s[end] != '#' && !is_space(r->s[end]))
                end++;
        if (end == start)
                return -EINVAL;
        *ret = strndup(r->s + start, end - start);
        advance(r, end - start);
        return *ret ? 0 : -ENOMEM;
}

static void skip_export(struct reader *r) {
        if (r->n - r->pos > 6 && memcmp(r->s + r->pos, "export", 6) == 0 &&
            is_hspace(r->s[r->pos + 6])) {
                advance(r, 6);
                skip_hspace(r);
        }
}

/* Optional "# comment", then the end of the line or of the text. */
static int parse_line_end(struct reader *r) {
        skip_hspace(r);
        if (peek(r) == '#')
                while (r->pos < r->n && r->s[r->pos] != '\n')
                        advance(r, 1);
        if (r->pos < r->n && r->s[r->pos] != '\n')
                return -EINVAL;
        advance(r, 1);
        return 0;
}

static int push_entry(struct dotenv *d, char *key, char *value, unsigned line, unsigned key_column,
                      unsigned value_column) {
        struct dotenv_entry *e = realloc(d->entries, (d->n_entries + 1) * sizeof(*e));

        if (!e)
                return -ENOMEM;
        d->entries = e;
        d->entries[d->n_entries++] = (struct dotenv_entry) {
                .key = key, .value = value, .line = line, .key_column = key_column, .value_column = value_column,
        };
        return 0;
}

static void free_secret(char *s) {
        if (s) {
                explicit_bzero(s, strlen(s));
                free(s);
        }
}

/* One statement. Returns 0 (also for a skipped bad one: -EINVAL in *ret_bad), -ENOMEM. */
static int parse_statement(struct reader *r, struct dotenv *d, int *ret_bad) {
        char *key = NULL, *value = NULL;
        unsigned line = r->line, key_column, value_column = 0;
        int k;

        skip_export(r);
        key_column = column(r);
        k = parse_key(r, &key);
        if (k == 0) {
                skip_hspace(r);
                if (peek(r) == '=') {
                        advance(r, 1);
                        skip_hspace(r);
                        value_column = column(r);
                        k = parse_value(r, &value);
                }
        }
        if (k == 0)
                k = parse_line_end(r);
        if (k == 0 && key)
                k = push_entry(d, key, value, line, key_column, value_column);
        else {
                free(key);
                free_secret(value);
        }
        *ret_bad = k == -EINVAL ? line : 0;
        return k == -EINVAL ? 0 : k;
}

static void skip_rest_of_line(struct reader *r) {
        while (r->pos < r->n && r->s[r->pos] != '\n')
                advance(r, 1);
        advance(r, 1);
}

static int parse_all(struct reader *r, struct dotenv *d, struct diag_list *diags) {
        for (;;) {
                unsigned start;
                int bad, k;

                while (r->pos < r->n && is_space(r->s[r->pos]))
                        advance(r, 1);
                if (r->pos >= r->n)
                        return 0;
                start = column(r);
                k = parse_statement(r, d, &bad);
                if (k < 0)
                        return k;
                if (bad) {
                        diag_add(diags, DIAG_DOTENV_SYNTAX, d->path, (unsigned) bad, start, NULL);
                        skip_rest_of_line(r);
                }
        }
}

int dotenv_parse(const char *path, const char *data, size_t size, struct dotenv **ret,
                 struct diag_list *diags) {
        struct reader r = { .line = 1 };
        struct dotenv *d = calloc(1, sizeof(*d));
        char *text = NULL;
        int k = -ENOMEM;

        if (!d || !(d->path = strdup(path)) || !(text = universal_newlines(data, size, &r.n)))
                goto fail;
        r.s = text;
        if (r.n >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
                diag_add(diags, DIAG_DOTENV_BOM, path, 1, 1, NULL);
        k = parse_all(&r, d, diags);
        free_secret(text);
        if (k < 0)
                goto fail;
        *ret = d;
        return 0;
fail:
        dotenv_free(d);
        return k;
}

int dotenv_load(const char *path, struct dotenv **ret, struct diag_list *diags) {
        char *data;
        size_t size;
        int k = fileio_read(path, FILEIO_MAX_SIZE, &data, &size);

        if (k == -ENOENT)
                return k;
        if (k < 0) {
                diag_add(diags, DIAG_UNREADABLE, path, 0, 0, "%s", strerror(-k));
                return k;
        }
        k = dotenv_parse(path, data, size, ret, diags);
        explicit_bzero(data, size);
        free(data);
        return k;
}

void dotenv_free(struct dotenv *d) {
        if (!d)
                return;
        for (size_t i = 0; i < d->n_entries; i++) {
                free(d->entries[i].key);
                free_secret(d->entries[i].value);
        }
        free(d->entries);
        free(d->path);
        free(d);
}

const struct dotenv_entry *dotenv_get(const struct dotenv *d, const char *key) {
        for (size_t i = d ? d->n_entries : 0; i > 0; i--)
                if (strcmp(d->entries[i - 1].key, key) == 0)
                        return d->entries[i - 1].value ? &d->entries[i - 1] : NULL;
        return NULL;
}

/* Appends s[0..len) to the growing buffer *buf (length *n), within *budget bytes
 * for all values together: "A=${B}${B}" chains must not grow without bound. */
static int append(char **buf, size_t *n, const char *s, size_t len, size_t *budget) {
        char *b;

        if (len > *budget)
                return -E2BIG;
        *budget -= len;
        b = realloc(*buf, *n + len + 1);
        if (!b)
                return -ENOMEM;
        memcpy(b + *n, s, len);
        *n += len;
        b[*n] = 0;
        *buf = b;
        return 0;
}

/* Entries 0..n sorted by key, then position: the entry a "${NAME}" of entry i
 * means (the last NAME before i) is found by binary search, so that a value with
 * many references costs no scan of the whole file per reference. */
struct key_index {
        const struct dotenv *d;
        size_t *order, n;
};

static int order_cmp(const void *a, const void *b, void *userdata) {
        const struct dotenv *d = userdata;
        size_t x = *(const size_t *) a, y = *(const size_t *) b;
        int c = strcmp(d->entries[x].key, d->entries[y].key);

        return c ? c : x < y ? -1 : x > y;
}

static int key_index_build(const struct dotenv *d, size_t n, struct key_index *ret) {
        ret->d = d;
        ret->n = n;
        ret->order = reallocarray(NULL, n ? n : 1, sizeof(size_t));
        if (!ret->order)
                return -ENOMEM;
        for (size_t i = 0; i < n; i++)
                ret->order[i] = i;
        qsort_r(ret->order, n, sizeof(size_t), order_cmp, (void *) d);
        return 0;
}

/* Compares name[0..len) with key as strcmp(name, key) would. */
static int name_cmp(const char *name, size_t len, const char *key) {
        int c = strncmp(name, key, len);

        return c ? c : key[len] ? -1 : 0;
}

/* The last entry before i whose key is name[0..len), or SIZE_MAX. */
static size_t key_index_find(const struct key_index *x, const char *name, size_t len, size_t i) {
        size_t lo = 0, hi = x->n;

        /* The first position whose (key, index) is >= (name, i). */
        while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2, e = x->order[mid];
                int c = name_cmp(name, len, x->d->entries[e].key);
                if (c > 0 || (c == 0 && e < i))
                        lo = mid + 1;
                else
                        hi = mid;
        }
        if (lo == 0)
                return SIZE_MAX;
        size_t e = x->order[lo - 1];
        return name_cmp(name, len, x->d->entries[e].key) == 0 ? e : SIZE_MAX;
}

/* The value of "${name[:-default]}" for entry i, given the resolved values of
 * the entries before it. */
static int resolve_variable(const struct key_index *x, char *const *resolved, size_t i,
                            const char *name, size_t name_len, const char **ret) {
        size_t j = key_index_find(x, name, name_len, i);

        if (j == SIZE_MAX)
                return -ENXIO;
        /* python-dotenv: a key without '=' resolves to "", not to the default. */
        if (!x->d->entries[j].value) {
                *ret = "";
                return 0;
        }
        /* NULL: that entry itself depends on the environment. */
        *ret = resolved[j];
        return *ret ? 0 : -ENXIO;
}

/* python-dotenv's variables.py: \$\{(?P<name>[^\}:]*)(?::-(?P<default>[^\}]*))?\}
 * Returns the end of the reference at v ('}'), or NULL when v does not start one. */
static const char *variable_end(const char *v, const char **ret_name_end) {
        const char *end, *close;

        if (strncmp(v, "${", 2) != 0)
                return NULL;
        end = v + 2 + strcspn(v + 2, "}:");
        close = end;
        if (*end == ':') {
                if (end[1] != '-')
                        return NULL;
                close = end + 2 + strcspn(end + 2, "}");
        }
        if (*close != '}')
                return NULL;
        *ret_name_end = end;
        return close;
}

static int interpolate_one(const struct key_index *x, char *const *resolved, size_t i,
                           size_t *budget, char **ret) {
        const char *v = x->d->entries[i].value;
        char *out = NULL;
        size_t n = 0;
        int k = append(&out, &n, "", 0, budget);

        while (k == 0 && *v) {
                const char *name_end, *close = variable_end(v, &name_end), *val;
                if (!close) {
                        k = append(&out, &n, v++, 1, budget);
                        continue;
                }
                if (name_end == v + 2) {
                        /* "${}" or "${:-x}": no environment has an empty name; the default applies. */
                        if (*name_end == ':')
                                k = append(&out, &n, name_end + 2, (size_t) (close - name_end - 2), budget);
                        v = close + 1;
                        continue;
                }
                k = resolve_variable(x, resolved, i, v + 2, (size_t) (name_end - v - 2), &val);
                if (k == 0)
                        k = append(&out, &n, val, strlen(val), budget);
                v = close + 1;
        }
        if (k < 0) {
                free_secret(out);
                return k;
        }
        *ret = out;
        return 0;
}

/* Marks in needed[] the entries e's value refers to, directly or not: only those
 * are resolved, so that a huge expansion elsewhere in the file does not stop this
 * one (each value refers only to entries before it: one pass, right to left). */
static void mark_needed(const struct key_index *x, size_t idx, bool *needed) {
        needed[idx] = true;
        for (size_t j = idx + 1; j-- > 0;) {
                const char *v = needed[j] ? x->d->entries[j].value : NULL;
                while (v && *v) {
                        const char *name_end, *close = variable_end(v, &name_end);
                        if (!close) {
                                v++;
                                continue;
                        }
                        size_t k = key_index_find(x, v + 2, (size_t) (name_end - v - 2), j);
                        if (k != SIZE_MAX)
                                needed[k] = true;
                        v = close + 1;
                }
        }
}

int dotenv_interpolate(const struct dotenv *d, const struct dotenv_entry *e, char **ret) {
        size_t idx = (size_t) (e - d->entries);
        size_t budget = FILEIO_MAX_SIZE;
        struct key_index x = {};
        char **resolved;
        bool *needed;
        int k = 0;

        if (!e->value)
                return -EINVAL;
        resolved = calloc(idx + 1, sizeof(char *));
        needed = calloc(idx + 1, sizeof(bool));
        if (!resolved || !needed || key_index_build(d, idx + 1, &x) < 0) {
                free(resolved);
                free(needed);
                return -ENOMEM;
        }
        mark_needed(&x, idx, needed);
        /* Entries resolve in file order against the ones before them, as python-dotenv
         * does; one that depends on the environment stays NULL and poisons its users.
         * The budget counts what this value needs, nothing else. */
        for (size_t i = 0; i <= idx && k != -ENOMEM && k != -E2BIG; i++)
                if (needed[i] && d->entries[i].value)
                        k = interpolate_one(&x, resolved, i, &budget, &resolved[i]);
        if (k == 0)
                *ret = resolved[idx];
        else
                free_secret(resolved[idx]);
        for (size_t i = 0; i < idx; i++)
                free_secret(resolved[i]);
        free(resolved);
        free(needed);
        free(x.order);
        return k;
}
