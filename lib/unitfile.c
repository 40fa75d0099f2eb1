/* SPDX-License-Identifier: MIT */
/* See unitfile.h. */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "unitfile.h"
#include "utf8.h"

#define UTF8_BOM "\xEF\xBB\xBF"
#define FILEIO_MAX_SIZE_TEXT "4 MiB"
_Static_assert(FILEIO_MAX_SIZE == 4u * 1024u * 1024u, "FILEIO_MAX_SIZE_TEXT is out of date");

/* The end-of-line markers of systemd's read_line(). */
enum {
        EOL_LF = 1 << 0,
        EOL_CR = 1 << 1,
        EOL_NUL = 1 << 2,
};

struct parser {
        struct unit_file *f;
        struct diag_list *diags;
        const char *section;            /* name of the current section (owned by f), NULL before the first */
        size_t cap_assignments, cap_sections, cap_comments;
        bool bom_seen;
        char *cont;                     /* a continued line, joined so far */
        size_t cont_len, cont_cap;
        unsigned cont_line;             /* its first line; 0 = no continuation pending */
};

static bool is_ws(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void strip(const char **s, size_t *n) {
        while (*n > 0 && is_ws(**s)) {
                (*s)++;
                (*n)--;
        }
        while (*n > 0 && is_ws((*s)[*n - 1]))
                (*n)--;
}

static int eol_kind(char c) {
        return c == '\n' ? EOL_LF : c == '\r' ? EOL_CR : c == '\0' ? EOL_NUL : 0;
}

/*
 * As systemd's read_line(): a line ends at "\n", "\r" or NUL, and a run of
 * distinct markers ("\r\n", "\n\r") is one end; a NUL always ends the run.
 * A line of UNITFILE_LINE_MAX bytes or more is -ENOBUFS (seen: 1 MiB - 1 loads,
 * 1 MiB does not). Returns 1 and the line, 0 at the end of data.
 */
static int next_line(const char *data, size_t size, size_t *pos, const char **ret, size_t *ret_len) {
        size_t p = *pos, start = *pos;
        int seen = 0;

        if (p >= size)
                return 0;
        while (p < size && !eol_kind(data[p]))
                p++;
        if (p - start >= UNITFILE_LINE_MAX)
                return -ENOBUFS;
        *ret = data + start;
        *ret_len = p - start;
        while (p < size && eol_kind(data[p]) && !(seen & (eol_kind(data[p]) | EOL_NUL))) {
                seen |= eol_kind(data[p]);
                p++;
        }
        *pos = p;
        return 1;
}

/* Like systemd's utf8_is_valid(): well-formed, and no noncharacters (U+FDD0..U+FDEF,
 * U+xFFFE/U+xFFFF: all seen refused by systemd 252). */
static bool utf8_valid(const char *s, size_t n) {
        for (size_t i = 0, k; i < n; i += k) {
                uint32_t cp;
                k = utf8_decode(s + i, n - i, &cp);
                if (k == 0 || unichar_is_noncharacter(cp))
                        return false;
        }
        return true;
}

/* systemd's string_is_safe(), which section names must pass. */
static bool section_name_safe(const char *s, size_t n) {
        for (size_t i = 0; i < n; i++) {
                unsigned char c = (unsigned char) s[i];
                if (c < ' ' || c == 0x7f || c == '"' || c == '\'' || c == '\\')
                        return false;
        }
        return true;
}

/* systemd stops reading the file at line: one DIAG_ERROR, and f records where.
 * Comment lines inside a refused continued line (after line) go with it. */
static int refuse(struct parser *p, int r, unsigned line, enum diag_code code, const char *fmt, ...)
        __attribute__((format(printf, 5, 6)));
static int refuse(struct parser *p, int r, unsigned line, enum diag_code code, const char *fmt, ...) {
        struct unit_file *f = p->f;
        va_list ap;

        va_start(ap, fmt);
        diag_addv(p->diags, DIAG_ERROR, code, f->path, line, 1, fmt, ap);
        va_end(ap);
        while (f->n_comments > 0 && f->comments[f->n_comments - 1].line >= line)
                free(f->comments[--f->n_comments].text);
        f->refused = r;
        f->refused_line = line;
        return r;
}

/* Makes room for one more element of size elsize in *array. */
static int grow(void *array, size_t *cap, size_t n, size_t elsize) {
        void **a = array;

        if (n < *cap)
                return 0;
        size_t c = *cap ? *cap * 2 : 8;
        void *b = reallocarray(*a, c, elsize);
        if (!b)
                return -ENOMEM;
        *a = b;
        *cap = c;
        return 0;
}

static int add_comment(struct parser *p, const char *s, size_t n, unsigned line) {
        struct unit_file *f = p->f;

        strip(&s, &n);
        if (grow(&f->comments, &p->cap_comments, f->n_comments, sizeof(*f->comments)) < 0)
                return -ENOMEM;
        char *text = strndup(s, n);
        if (!text)
                return -ENOMEM;
        f->comments[f->n_comments++] = (struct unit_comment) { .text = text, .line = line };
        return 0;
}

static int add_section(struct parser *p, const char *name, size_t n, unsigned line) {
        struct unit_file *f = p->f;

        if (grow(&f->sections, &p->cap_sections, f->n_sections, sizeof(*f->sections)) < 0)
                return -ENOMEM;
        char *s = strndup(name, n);
        if (!s)
                return -ENOMEM;
        f->sections[f->n_sections++] = (struct unit_section) { .name = s, .line = line };
        p->section = s;
        return 0;
}

/* base: where the line starts (the first line, for a continued one). */
static int add_assignment(struct parser *p, const char *base, const char *key, size_t key_len,
                          const char *value, size_t value_len, unsigned line) {
        struct unit_file *f = p->f;
        struct unit_assignment a = { .line = line };

        strip(&key, &key_len);
        strip(&value, &value_len);
        a.key_column = (unsigned) (key - base) + 1;
        a.value_column = (unsigned) (value - base) + 1;
        if (grow(&f->assignments, &p->cap_assignments, f->n_assignments, sizeof(*f->assignments)) < 0)
                return -ENOMEM;
        a.section = strdup(p->section);
        a.key = strndup(key, key_len);
        a.value = strndup(value, value_len);
        if (!a.section || !a.key || !a.value) {
                free(a.section);
                free(a.key);
                free(a.value);
                return -ENOMEM;
        }
        f->assignments[f->n_assignments++] = a;
        return 0;
}

/* "[Name]": anything after the ']' or an unsafe name makes systemd stop reading
 * the file (seen: LoadState=error, "Bad message"). "[]" is an (unknown) section "". */
static int section_header(struct parser *p, const char *s, size_t n, unsigned line) {
        if (s[n - 1] != ']')
                return refuse(p, -EBADMSG, line, DIAG_BAD_SECTION, "Invalid section header (text after ']')");
        if (!section_name_safe(s + 1, n - 2))
                return refuse(p, -EBADMSG, line, DIAG_BAD_SECTION,
                              "Bad characters (quote, backslash or control character) in section header");
        return add_section(p, s + 1, n - 2, line);
}

/* One logical line (continuations joined), as systemd's parse_line(). Columns
 * count bytes from base, the start of its (first) line after a byte order mark. */
static int logical_line(struct parser *p, const char *base, const char *s, size_t n, unsigned line) {
        const char *path = p->f->path;

        strip(&s, &n);
        unsigned column = (unsigned) (s - base) + 1;
        if (n == 0)
                return 0;
        if (!utf8_valid(s, n))
                return refuse(p, -EINVAL, line, DIAG_INVALID_UTF8, NULL);
        if (s[0] == '[')
                return section_header(p, s, n, line);
        if (!p->section) {
                diag_add(p->diags, DIAG_OUTSIDE_SECTION, path, line, column, NULL);
                return 0;
        }
        const char *eq = memchr(s, '=', n);
        if (!eq) {
                diag_add(p->diags, DIAG_MISSING_EQUALS, path, line, column, NULL);
                return 0;
        }
        if (eq == s) {
                diag_add(p->diags, DIAG_MISSING_KEY, path, line, column, NULL);
                return 0;
        }
        return add_assignment(p, base, s, (size_t) (eq - s), eq + 1, n - (size_t) (eq + 1 - s), line);
}

static int cont_append(struct parser *p, const char *s, size_t n, unsigned line) {
        if (p->cont_line && p->cont_len + n > UNITFILE_LINE_MAX)
                return refuse(p, -ENOBUFS, line, DIAG_LINE_TOO_LONG, "Continued line longer than %u bytes",
                              UNITFILE_LINE_MAX);
        if (p->cont_len + n + 1 > p->cont_cap) {
                size_t cap = (p->cont_len + n + 1) * 2;
                char *c = realloc(p->cont, cap);
                if (!c)
                        return -ENOMEM;
                p->cont = c;
                p->cont_cap = cap;
        }
        memcpy(p->cont + p->cont_len, s, n);
        p->cont_len += n;
        if (!p->cont_line)
                p->cont_line = line;
        return 0;
}

static size_t trailing_backslashes(const char *s, size_t n) {
        size_t k = 0;

        while (k < n && s[n - 1 - k] == '\\')
                k++;
        return k;
}

/*
 * One line as read. Comment lines are recognised before the BOM is stripped and
 * are skipped inside a continuation too. The first BOM found at the start of a
 * line is stripped, whichever line that is (seen). An odd number of trailing
 * backslashes continues the line: the last one becomes a space and the next
 * line is appended as it is, leading whitespace included (seen: "one \" +
 * "   two" gives "one     two").
 */
static int physical_line(struct parser *p, const char *s, size_t n, unsigned line) {
        size_t ws = 0;
        int r;

        while (ws < n && is_ws(s[ws]))
                ws++;
        if (ws < n && (s[ws] == '#' || s[ws] == ';'))
                return add_comment(p, s + ws, n - ws, line);
        if (!p->bom_seen && n >= 3 && memcmp(s, UTF8_BOM, 3) == 0) {
                s += 3;
                n -= 3;
                p->bom_seen = true;
        }
        bool escaped = trailing_backslashes(s, n) % 2 == 1;
        if (!p->cont_line && !escaped)
                return logical_line(p, s, s, n, line);
        r = cont_append(p, s, n, line);
        if (r < 0)
                return r;
        if (escaped) {
                p->cont[p->cont_len - 1] = ' ';
                return 0;
        }
        r = logical_line(p, p->cont, p->cont, p->cont_len, p->cont_line);
        p->cont_len = p->cont_line = 0;
        return r;
}

static int parse_all(struct parser *p, const char *data, size_t size) {
        const char *s;
        size_t pos = 0, n;
        unsigned line = 0;
        int r;

        while ((r = next_line(data, size, &pos, &s, &n)) > 0) {
                r = physical_line(p, s, n, ++line);
                if (r < 0)
                        return r;
        }
        if (r == -ENOBUFS)
                return refuse(p, r, line + 1, DIAG_LINE_TOO_LONG, "Line longer than %u bytes", UNITFILE_LINE_MAX - 1);
        /* A backslash on the last line: systemd parses what was joined so far (seen). */
        if (p->cont_line)
                return logical_line(p, p->cont, p->cont, p->cont_len, p->cont_line);
        return 0;
}

int unitfile_parse(const char *path, const char *data, size_t size, struct unit_file **ret,
                   struct diag_list *diags) {
        struct parser p = { .diags = diags };
        int r = -ENOMEM;

        p.f = calloc(1, sizeof(*p.f));
        if (!p.f)
                return -ENOMEM;
        p.f->path = strdup(path);
        if (p.f->path)
                r = parse_all(&p, data, size);
        free(p.cont);
        /* A refusal is part of the result: what came before it counts. */
        if (r < 0 && r == p.f->refused)
                r = 0;
        if (r < 0) {
                unitfile_free(p.f);
                return r;
        }
        *ret = p.f;
        return 0;
}

/* fileio_read()'s errors in words; strerror() would say "Bad file descriptor" for a FIFO. */
static const char *read_error(int r) {
        switch (r) {
        case -EBADF:
                return "not a regular file";
        case -EILSEQ:
                return "contains a NUL byte (binary data)";
        case -EFBIG:
                return "larger than " FILEIO_MAX_SIZE_TEXT;
        default:
                return strerror(-r);
        }
}

int unitfile_load(const char *path, struct unit_file **ret, struct diag_list *diags) {
        char *data;
        size_t size;
        int r;

        r = fileio_read(path, FILEIO_MAX_SIZE, &data, &size);
        if (r < 0) {
                diag_add(diags, DIAG_UNREADABLE, path, 0, 0, "%s", read_error(r));
                return r;
        }
        r = unitfile_parse(path, data, size, ret, diags);
        /* Unit files and .env files re-read for findings may hold tokens. */
        explicit_bzero(data, size);
        free(data);
        return r;
}

void unitfile_free(struct unit_file *f) {
        if (!f)
                return;
        for (size_t i = 0; i < f->n_assignments; i++) {
                free(f->assignments[i].section);
                free(f->assignments[i].key);
                free(f->assignments[i].value);
        }
        for (size_t i = 0; i < f->n_sections; i++)
                free(f->sections[i].name);
        for (size_t i = 0; i < f->n_comments; i++)
                free(f->comments[i].text);
        free(f->assignments);
        free(f->sections);
        free(f->comments);
        free(f->path);
        free(f);
}
