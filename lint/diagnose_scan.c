/* SPDX-License-Identifier: MIT */
/*
 * Lines in, problems out: parsing Hermes log lines (file, journal and quoted
 * forms), the state of one profile's lines, and the readers (files in bounded
 * memory, the journal through sd-journal). See diagnose.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <systemd/sd-journal.h>

#include "diagnose.h"

/* ---- time --------------------------------------------------------------------------- */

static bool digits(const char *s, size_t n) {
        for (size_t i = 0; i < n; i++)
                if (s[i] < '0' || s[i] > '9')
                        return false;
        return true;
}

static int num(const char *s, size_t n) {
        int v = 0;

        for (size_t i = 0; i < n; i++)
                v = v * 10 + (s[i] - '0');
        return v;
}

/* Midnight of a local date; one mktime() per date seen (log lines come in date runs). */
static int64_t local_midnight(int y, int mo, int d) {
        static int cy, cmo, cd;
        static int64_t cached;
        struct tm tm = { .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = 12, .tm_isdst = -1 };
        time_t t;

        if (y == cy && mo == cmo && d == cd)
                return cached;
        /* Noon, minus 12 h: right on every day that is not a DST switch day. */
        t = mktime(&tm);
        if (t == (time_t) -1)
                return -1;
        cy = y, cmo = mo, cd = d;
        cached = (int64_t) t - 12 * 3600;
        return cached;
}

int64_t dtime_parse_log(const char *s, size_t n) {
        int64_t day;

        /* 2026-05-03 07:00:12,481 */
        if (n < 23 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' || !digits(s + 8, 2) ||
            s[10] != ' ' || !digits(s + 11, 2) || s[13] != ':' || !digits(s + 14, 2) || s[16] != ':' ||
            !digits(s + 17, 2) || (s[19] != ',' && s[19] != '.') || !digits(s + 20, 3))
                return -1;
        day = local_midnight(num(s, 4), num(s + 5, 2), num(s + 8, 2));
        if (day < 0)
                return -1;
        return (day + num(s + 11, 2) * 3600 + num(s + 14, 2) * 60 + num(s + 17, 2)) * 1000000 +
               num(s + 20, 3) * 1000;
}

int64_t dtime_parse_iso(const char *s) {
        struct tm tm = { .tm_isdst = -1 };
        const char *p;
        int64_t t, frac = 0;

        if (!s || strlen(s) < 19 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' ||
            !digits(s + 8, 2) || (s[10] != 'T' && s[10] != ' ') || !digits(s + 11, 2) || s[13] != ':' ||
            !digits(s + 14, 2) || s[16] != ':' || !digits(s + 17, 2))
                return -1;
        tm.tm_year = num(s, 4) - 1900, tm.tm_mon = num(s + 5, 2) - 1, tm.tm_mday = num(s + 8, 2);
        tm.tm_hour = num(s + 11, 2), tm.tm_min = num(s + 14, 2), tm.tm_sec = num(s + 17, 2);
        p = s + 19;
        if (*p == '.' || *p == ',') {
                int scale = 100000;
                for (p++; *p >= '0' && *p <= '9'; p++, scale /= 10)
                        frac += scale > 0 ? (*p - '0') * scale : 0;
        }
        if (*p == 'Z' || *p == '+' || *p == '-') {
                int off = 0;
                if (*p != 'Z') {
                        if (strlen(p) < 6 || !digits(p + 1, 2) || p[3] != ':' || !digits(p + 4, 2))
                                return -1;
                        off = (num(p + 1, 2) * 60 + num(p + 4, 2)) * 60 * (*p == '-' ? -1 : 1);
                        p += 6;
                } else
                        p++;
                t = (int64_t) timegm(&tm) - off;
        } else
                t = (int64_t) mktime(&tm);
        if (*p)
                return -1;
        return t * 1000000 + frac;
}

const char *dtime_format(int64_t usec, char buf[static 32]) {
        time_t t = (time_t) (usec / 1000000);
        struct tm tm;

        if (!localtime_r(&t, &tm) || strftime(buf, 32, "%Y-%m-%d %H:%M:%S", &tm) == 0)
                snprintf(buf, 32, "@%lld", (long long) (usec / 1000000));
        return buf;
}

/* ---- line parsing -------------------------------------------------------------------- */

struct dline {
        int64_t usec;           /* from the line; 0: none */
        const char *key;        /* the line without time stamp or journal prefix */
        size_t key_len;
        bool error;             /* ERROR or CRITICAL */
        const char *logger;
        size_t logger_len;
        const char *msg;
        size_t msg_len;
};

static const char *const levels[] = { "DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL", NULL };

/* "May 03 06:40:05 host ident[pid]: " (journalctl's short output): returns what follows, or NULL. */
static const char *skip_journalctl_prefix(const char *s, size_t n) {
        const char *colon;

        if (n < 17 || s[3] != ' ' || s[6] != ' ' || s[9] != ':' || s[12] != ':' || s[15] != ' ')
                return NULL;
        colon = memmem(s + 16, n - 16, ": ", 2);
        return colon ? colon + 2 : NULL;
}

static bool logger_char(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_' || c == '.' || c == '-';
}

static void dline_parse(const char *s, size_t n, struct dline *l) {
        const char *p = s, *end = s + n, *q;
        int64_t usec = dtime_parse_log(s, n);

        *l = (struct dline) {};
        if (usec >= 0 && n > 23 && s[23] == ' ') {
                l->usec = usec;
                p = s + 24;
        } else if ((q = skip_journalctl_prefix(s, n)))
                p = q;
        l->key = l->msg = p;
        l->key_len = l->msg_len = (size_t) (end - p);
        if (p == end || !strchr("DIWEC", *p))
                return;         /* no level word: a traceback or a quoted message */
        for (size_t i = 0; levels[i]; i++) {
                size_t k = strlen(levels[i]);
                if ((size_t) (end - p) <= k || memcmp(p, levels[i], k) != 0 || p[k] != ' ')
                        continue;
                l->error = i >= 3;
                q = p + k + 1;
                if (*q == '[') {    /* the session tag */
                        const char *e = memchr(q, ']', (size_t) (end - q));
                        if (!e)
                                return;     /* not closed: no logger */
                        q = e + 1 < end && e[1] == ' ' ? e + 2 : e;
                }
                p = q;
                while (q < end && logger_char(*q))
                        q++;
                if (q > p && q + 1 < end && q[0] == ':' && q[1] == ' ') {
                        l->logger = p;
                        l->logger_len = (size_t) (q - p);
                        l->msg = q + 2;
                        l->msg_len = (size_t) (end - l->msg);
                } else
                        l->msg = p, l->msg_len = (size_t) (end - p);
                return;
        }
}

/* ---- state ----------------------------------------------------------------------------- */

static int order_cmp(struct dorder a, struct dorder b) {
        if (a.usec != b.usec)
                return a.usec < b.usec ? -1 : 1;
        return a.seq < b.seq ? -1 : a.seq > b.seq;
}

int dstate_init(struct dstate *s, const struct dclassifier *c, int64_t since_usec) {
        *s = (struct dstate) { .c = c, .since_usec = since_usec };
        s->fail = calloc(c->n_groups, sizeof(*s->fail));
        s->recovered = calloc(c->n_groups, sizeof(*s->recovered));
        if (!s->fail || !s->recovered) {
                dstate_done(s);
                return -ENOMEM;
        }
        return 0;
}

static void devidence_clear(struct devidence *e) {
        free(e->file);
        free(e->cursor);
        free(e->text);
        free(e->key);
        *e = (struct devidence) {};
}

static void dproblem_clear(struct dproblem *p) {
        for (size_t i = 0; i < p->n_ev; i++)
                devidence_clear(&p->ev[i]);
        free(p->summary);
        free(p->next);
        *p = (struct dproblem) {};
}

void dstate_done(struct dstate *s) {
        if (s->fail && s->c)
                for (unsigned i = 0; i < s->c->n_groups; i++)
                        dproblem_clear(&s->fail[i]);
        for (size_t i = 0; i < s->n_unclassified; i++) {
                dproblem_clear(&s->unclassified[i]);
                free(s->unclassified_logger[i]);
        }
        free(s->fail);
        free(s->recovered);
        *s = (struct dstate) {};
}

static char *strndup_capped(const char *s, size_t n) {
        return strndup(s, n < DTEXT_MAX ? n : DTEXT_MAX);
}

/* The same record read twice (agent.log and errors.log, a file and the journal): same text
 * without its time stamp, at most two seconds apart (the journal has no stamp of its own). */
static bool same_record(const struct devidence *e, const char *key, size_t key_len, struct dorder o) {
        int64_t d = e->order.usec - o.usec;

        return strlen(e->key) == (key_len < DTEXT_MAX ? key_len : DTEXT_MAX) &&
               memcmp(e->key, key, strlen(e->key)) == 0 && (d < 0 ? -d : d) <= 2000000;
}

/* Keeps the DEVIDENCE_MAX most recent lines, most recent first. Returns 0 or -ENOMEM. */
static int evidence_add(struct dproblem *p, const struct dline *l, const char *line, size_t n,
                        const char *file, unsigned long lineno, const char *cursor, struct dorder o) {
        struct devidence e = { .order = o, .line = lineno };
        size_t at;

        for (size_t i = 0; i < p->n_ev; i++)
                if (same_record(&p->ev[i], l->key, l->key_len, o))
                        return 0;
        for (at = 0; at < p->n_ev && order_cmp(p->ev[at].order, o) > 0; at++)
                ;
        if (at >= DEVIDENCE_MAX)
                return 0;
        if (!(e.text = strndup_capped(line, n)) || !(e.key = strndup_capped(l->key, l->key_len)) ||
            (file && !(e.file = strdup(file))) || (cursor && !(e.cursor = strdup(cursor)))) {
                devidence_clear(&e);
                return -ENOMEM;
        }
        if (p->n_ev == DEVIDENCE_MAX)
                devidence_clear(&p->ev[--p->n_ev]);
        memmove(&p->ev[at + 1], &p->ev[at], (p->n_ev - at) * sizeof(e));
        p->ev[at] = e;
        p->n_ev++;
        if (order_cmp(o, p->last) > 0)
                p->last = o;
        return 0;
}

static struct dproblem *unclassified_of(struct dstate *s, const struct dline *l) {
        size_t n = l->logger ? l->logger_len : 0;

        for (size_t i = 0; i < s->n_unclassified; i++)
                if (strlen(s->unclassified_logger[i]) == n && (n == 0 || memcmp(s->unclassified_logger[i], l->logger, n) == 0))
                        return &s->unclassified[i];
        if (s->n_unclassified == DUNCLASSIFIED_MAX)
                return &s->unclassified[DUNCLASSIFIED_MAX - 1];   /* the rest share the last slot */
        if (!(s->unclassified_logger[s->n_unclassified] = strndup(n ? l->logger : "", n)))
                return NULL;
        s->unclassified[s->n_unclassified] = (struct dproblem) { .class = DCLASS_UNCLASSIFIED, .row = -1 };
        return &s->unclassified[s->n_unclassified++];
}

/* The line's own time stamp as dline_parse() takes it (0: none). */
static int64_t line_time(const char *s, size_t n) {
        int64_t usec = n > 23 && s[23] == ' ' ? dtime_parse_log(s, n) : -1;

        return usec > 0 ? usec : 0;
}

/* The order of a parsed line, or false when it is before the window. */
static bool line_order(struct dstate *s, const struct dline *l, int64_t usec, struct dorder *o) {
        *o = (struct dorder) { .usec = usec ? usec : l->usec, .seq = ++s->seq };
        if (o->usec == 0)
                o->usec = s->last_usec;    /* a traceback line goes with the record before it */
        else
                s->last_usec = o->usec;
        return !(s->since_usec && o->usec && o->usec < s->since_usec);
}

/* What a line whose row is known (-1: none) does to the state. */
static int feed_classified(struct dstate *s, const struct dline *l, int row, const char *line, size_t n,
                           const char *file, unsigned long lineno, const char *cursor, struct dorder o) {
        struct dproblem *p;

        if (row < 0) {
                if (!l->error)
                        return 0;
                p = unclassified_of(s, l);
                return p ? evidence_add(p, l, line, n, file, lineno, cursor, o) : -ENOMEM;
        }
        switch (drows[row].effect) {
        case DROW_BENIGN:
                return 0;
        case DROW_RECOVERY:
                for (const unsigned *g = s->c->recovers[row]; *g != UINT_MAX; g++)
                        if (order_cmp(o, s->recovered[*g]) > 0)
                                s->recovered[*g] = o;
                return 0;
        case DROW_FAILURE:
                p = &s->fail[s->c->group_of[row]];
                p->class = drows[row].class;
                if (order_cmp(o, p->last) >= 0)
                        p->row = row;      /* the most recent line's row speaks for the group */
                return evidence_add(p, l, line, n, file, lineno, cursor, o);
        }
        return 0;
}

int dstate_feed(struct dstate *s, const char *line, size_t n, const char *file, unsigned long lineno,
                int64_t usec, const char *cursor) {
        struct dline l;
        struct dorder o;

        s->lines++;
        dline_parse(line, n, &l);
        if (!line_order(s, &l, usec, &o))
                return 0;
        return feed_classified(s, &l, dclassifier_match(s->c, l.logger, l.logger_len, l.msg, l.msg_len),
                               line, n, file, lineno, cursor, o);
}

/* ---- many lines at once ---------------------------------------------------------------------- */

/* The number of '\n' in s[0..n). */
static size_t count_newlines(const char *s, size_t n) {
        size_t c = 0, i = 0;
#if defined(__SSE2__)
        const __m128i nl = _mm_set1_epi8('\n'), zero = _mm_setzero_si128();

        while (i + 16 <= n) {
                __m128i acc = _mm_setzero_si128(), sum;
                size_t lim = n - i >= 16 * 255 ? i + 16 * 255 : n;
                for (; i + 16 <= lim; i += 16)
                        acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *) (s + i)), nl));
                sum = _mm_sad_epu8(acc, zero);
                c += (size_t) _mm_cvtsi128_si32(sum) + (size_t) _mm_extract_epi16(sum, 4);
        }
#endif
        for (; i < n; i++)
                c += s[i] == '\n';
        return c;
}

/* The time of the last line with a time stamp in buf[from..to) (to: a line start), or 0. */
static int64_t last_time_before(const char *buf, size_t from, size_t to) {
        size_t end = to;

        while (end > from) {
                const char *nl = end - 1 > from ? memrchr(buf + from, '\n', end - 1 - from) : NULL;
                size_t start = nl ? (size_t) (nl - buf) + 1 : from;
                size_t len = end - 1 - start;      /* without its newline */
                int64_t t;
                if (len > 0 && buf[start + len - 1] == '\r')
                        len--;
                if ((t = line_time(buf + start, len)))
                        return t;
                end = start;
        }
        return 0;
}

/*
 * Feeds the lines of buf[0..n), which ends with a newline, as dstate_feed() one by one
 * would, but looks only at the lines the anchor filter finds something in (an anchor of a
 * row, or a level word: a line with neither is neither classified nor an unknown ERROR).
 * Lines in between are only counted; the time stamp a traceback line takes from the line
 * before it is looked for backwards when such a line matters. buf is written to (a NUL for
 * the line being looked at) and restored.
 */
static int feed_lines(struct dstate *s, char *buf, size_t n, const char *name, unsigned long *lineno) {
        struct dscan it;
        struct dmatch m = {};
        struct dline l = {};
        struct dorder o = {};
        size_t counted = 0;      /* the newlines before this are in *lineno */
        size_t known = 0;        /* s->last_usec holds for the lines before this */
        size_t ls = 0, le = 0, ln = 0, a, at;
        unsigned long first = *lineno;
        bool open = false, inside = false, cr = false, more;
        int r = 0;

        dscan_init(&it, s->c, buf, n);
        do {
                more = dscan_next(&it, &a, &at);
                if (open && (!more || at >= le)) {
                        if (inside)
                                r = feed_classified(s, &l, m.best, buf + ls, ln, name, *lineno, NULL, o);
                        buf[le] = '\n';
                        if (cr)
                                buf[ls + ln] = '\r';
                        open = false;
                        if (r < 0)
                                return r;
                }
                if (!more)
                        break;
                if (!open) {
                        const char *nl = at > counted ? memrchr(buf + counted, '\n', at - counted) : NULL;
                        ls = nl ? (size_t) (nl - buf) + 1 : counted;
                        le = (size_t) ((const char *) memchr(buf + at, '\n', n - at) - buf);
                        *lineno += count_newlines(buf + counted, ls - counted) + 1;
                        counted = le + 1;
                        ln = le - ls;
                        cr = ln > 0 && buf[ls + ln - 1] == '\r';
                        ln -= cr;
                        buf[le] = 0;
                        buf[ls + ln] = 0;
                        dline_parse(buf + ls, ln, &l);
                        if (!l.usec) {
                                int64_t t = last_time_before(buf, known, ls);
                                if (t)
                                        s->last_usec = t;
                        }
                        known = le + 1;
                        inside = line_order(s, &l, 0, &o);
                        dmatch_begin(&m);
                        open = true;
                }
                if (inside && at >= (size_t) (l.msg - buf) && at < ls + ln)
                        dmatch_consider(s->c, &m, a, l.logger, l.logger_len, l.msg, l.msg_len, at - (size_t) (l.msg - buf));
        } while (more);
        *lineno += count_newlines(buf + counted, n - counted);
        if (known < n) {
                int64_t t = last_time_before(buf, known, n);
                if (t)
                        s->last_usec = t;
        }
        s->lines += *lineno - first;
        return 0;
}

static int problem_cmp(const void *a, const void *b) {
        const struct dproblem *x = *(const struct dproblem *const *) a, *y = *(const struct dproblem *const *) b;

        return order_cmp(y->last, x->last);
}

int dstate_problems(const struct dstate *s, const struct dproblem ***ret, size_t *ret_n) {
        const struct dproblem **v = calloc(s->c->n_groups + s->n_unclassified + 1, sizeof(*v));
        size_t n = 0;

        if (!v)
                return -ENOMEM;
        for (unsigned g = 0; g < s->c->n_groups; g++)
                if (s->fail[g].n_ev > 0 && order_cmp(s->fail[g].last, s->recovered[g]) > 0)
                        v[n++] = &s->fail[g];
        for (size_t i = 0; i < s->n_unclassified; i++)
                if (s->unclassified[i].n_ev > 0)
                        v[n++] = &s->unclassified[i];
        qsort(v, n, sizeof(*v), problem_cmp);
        *ret = v;
        *ret_n = n;
        return 0;
}

/* ---- problems not from lines ----------------------------------------------------------- */

struct dproblem *dproblem_list_add(struct dproblem_list *l, enum dclass class, int row) {
        struct dproblem *a = realloc(l->p, (l->n + 1) * sizeof(*a));

        if (!a)
                return NULL;
        l->p = a;
        a[l->n] = (struct dproblem) { .class = class, .row = row };
        return &a[l->n++];
}

int devidence_set(struct devidence *e, const char *file, unsigned long line, const char *text,
                  struct dorder order) {
        *e = (struct devidence) { .order = order, .line = line };
        if ((file && !(e->file = strdup(file))) || !(e->text = strndup_capped(text, strlen(text))) ||
            !(e->key = strdup(""))) {
                devidence_clear(e);
                return -ENOMEM;
        }
        return 0;
}

void dproblem_list_done(struct dproblem_list *l) {
        for (size_t i = 0; i < l->n; i++)
                dproblem_clear(&l->p[i]);
        free(l->p);
        *l = (struct dproblem_list) {};
}

/* ---- readers ------------------------------------------------------------------------------ */

#define READ_CHUNK (256u * 1024u)

/* Lines of the first limit bytes of fd, in a fixed buffer: a line longer than it is cut
 * (the rest skipped). The complete lines of each read go to feed_lines() at once. */
static int feed_fd(struct dstate *s, int fd, const char *name, uint64_t limit) {
        char *buf = malloc(READ_CHUNK + 1);
        size_t have = 0;
        unsigned long lineno = 0;
        bool skipping = false;
        int r = 0;

        if (!buf)
                return -ENOMEM;
        for (;;) {
                size_t want = READ_CHUNK - have;
                ssize_t k = want <= limit ? read(fd, buf + have, want) : read(fd, buf + have, (size_t) limit);
                char *p = buf, *end, *last;
                if (k < 0 && errno == EINTR)
                        continue;
                if (k < 0) {
                        r = -errno;
                        break;
                }
                limit -= (uint64_t) k;
                end = buf + have + k;
                if (skipping && (p = memchr(buf, '\n', (size_t) (end - buf)))) {
                        lineno++;      /* the end of a line cut before */
                        skipping = false;
                        p++;
                } else if (skipping)
                        p = end;
                last = p < end ? memrchr(p, '\n', (size_t) (end - p)) : NULL;
                if (last) {
                        r = feed_lines(s, p, (size_t) (last + 1 - p), name, &lineno);
                        if (r < 0)
                                break;
                        p = last + 1;
                }
                have = (size_t) (end - p);
                if (k == 0) {                  /* the last line may lack its newline */
                        if (have > 0 && !skipping) {
                                buf[have] = 0;
                                r = dstate_feed(s, p, have, name, ++lineno, 0, NULL);
                        }
                        break;
                }
                if (have == READ_CHUNK) {      /* an overlong line: keep its start only */
                        buf[have] = 0;
                        r = dstate_feed(s, buf, have, name, lineno + 1, 0, NULL);
                        if (r < 0)
                                break;
                        skipping = true;
                        have = 0;
                } else
                        memmove(buf, p, have);
        }
        free(buf);
        return r;
}

int dstate_feed_file(struct dstate *s, const char *path, bool regular_only) {
        uint64_t limit = UINT64_MAX;
        struct stat st;
        int fd, r;

        if (strcmp(path, "-") == 0)
                return feed_fd(s, STDIN_FILENO, "-", limit);
        /* O_NONBLOCK: opening a FIFO must not wait for a writer. */
        fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | (regular_only ? O_NONBLOCK : 0));
        if (fd < 0)
                return -errno;
        if (regular_only) {
                r = fstat(fd, &st) < 0 ? -errno : S_ISDIR(st.st_mode) ? -EISDIR : S_ISREG(st.st_mode) ? 0 : -EBADF;
                if (r < 0) {
                        close(fd);
                        return r;
                }
                limit = (uint64_t) st.st_size;
        }
        posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
        r = feed_fd(s, fd, path, limit);
        close(fd);
        return r;
}

static int journal_matches(sd_journal *j, const char *unit, bool system_scope) {
        char *a = NULL, *b = NULL;
        int r;

        if (asprintf(&a, "%s=%s", system_scope ? "_SYSTEMD_UNIT" : "_SYSTEMD_USER_UNIT", unit) < 0 ||
            asprintf(&b, "%s=%s", system_scope ? "UNIT" : "USER_UNIT", unit) < 0) {
                free(a);
                return -ENOMEM;
        }
        r = sd_journal_add_match(j, a, 0);
        if (r >= 0)
                r = sd_journal_add_disjunction(j);
        if (r >= 0)
                r = sd_journal_add_match(j, b, 0);
        free(a);
        free(b);
        return r;
}

/* Feeds the MESSAGE of the current entry, line by line. */
static int journal_feed_entry(struct dstate *s, sd_journal *j) {
        const void *d;
        size_t n;
        uint64_t usec = 0;
        char *cursor = NULL, *msg;
        int r = sd_journal_get_data(j, "MESSAGE", &d, &n);

        if (r == -ENOENT || r == -E2BIG || r == -EBADMSG)
                return 0;
        if (r < 0)
                return r;
        (void) sd_journal_get_realtime_usec(j, &usec);
        (void) sd_journal_get_cursor(j, &cursor);
        n -= 8;      /* "MESSAGE=" */
        msg = strndup((const char *) d + 8, n < 65536 ? n : 65536);
        if (!msg) {
                free(cursor);
                return -ENOMEM;
        }
        for (char *p = msg, *nl; r >= 0 && *p; p = nl ? nl + 1 : p + strlen(p)) {
                if ((nl = strchr(p, '\n')))
                        *nl = 0;
                r = dstate_feed(s, p, strlen(p), NULL, 0, (int64_t) usec, cursor);
                if (!nl)
                        break;
        }
        free(msg);
        free(cursor);
        return r < 0 ? r : 0;
}

int dstate_feed_journal(struct dstate *s, char *const *files, const char *unit, bool system_scope,
                        int64_t since_usec, unsigned long *ret_entries) {
        sd_journal *j = NULL;
        unsigned long n = 0;
        int r = files ? sd_journal_open_files(&j, (const char **) files, 0) :
                        sd_journal_open(&j, SD_JOURNAL_LOCAL_ONLY);

        if (r < 0)
                return r;
        r = journal_matches(j, unit, system_scope);
        if (r >= 0)
                r = since_usec > 0 ? sd_journal_seek_realtime_usec(j, (uint64_t) since_usec) : sd_journal_seek_head(j);
        while (r >= 0 && (r = sd_journal_next(j)) > 0) {
                n++;
                r = journal_feed_entry(s, j);
        }
        sd_journal_close(j);
        if (r < 0)
                return r;
        *ret_entries = n;
        return 0;
}
