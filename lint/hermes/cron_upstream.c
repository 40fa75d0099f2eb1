/* SPDX-License-Identifier: MIT */
/*
 * See cron.h: Hermes' creation-time check, cron/lifecycle_guard.py
 * _GATEWAY_LIFECYCLE_PATTERN, matched in linear time.
 *
 * The pattern has five branches; as POSIX extended regexes with REG_ICASE (\s \S
 * \b on ASCII, as Python's re on ASCII text):
 *   0  hermes\s+gateway\s+(restart|stop)
 *   1  launchctl\s+(kickstart|unload|load|stop|restart)\b[^\n]*\bhermes[.-]?gateway
 *   2  systemctl\s+(-\S+\s+)*(restart|stop|start)\b[^\n]*\bhermes[.-]?gateway
 *   3  p?kill\b[^\n]*\bhermes\b[^\n]*\bgateway
 *   4  p?kill\b[^\n]*\bgateway\b[^\n]*\bhermes
 * A regex engine tries every start position and may run to the end of the line
 * from each: "kill kill kill ..." or "systemctl -H systemctl -H ..." took time
 * quadratic in the line (minutes on a 4 MiB jobs.json). The structure makes a
 * direct matcher simple: after the command word every branch is a fixed walk, and
 * "[^\n]*X" greedily reaches the LAST X on the line, so a branch matches at most
 * once per line from where the command's verb ends. Each line is looked at a
 * bounded number of times per branch. tests/unit/test_lint_hermes_cron_upstream.c
 * compares every match (branch, line, action) with glibc's regexec on the regexes
 * above; a fuzz target does the same.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cron.h"

struct text {
        const char *s;
        size_t n;
};

static bool is_word(unsigned char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

static bool is_space(unsigned char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
}

static bool word_at(const struct text *t, size_t i) {
        return i < t->n && is_word(t->s[i]);
}

/* \b before position i. */
static bool boundary(const struct text *t, size_t i) {
        return (i > 0 && is_word(t->s[i - 1])) != word_at(t, i);
}

static size_t lit(const struct text *t, size_t i, const char *w) {
        size_t l = strlen(w);

        return i <= t->n && t->n - i >= l && strncasecmp(t->s + i, w, l) == 0 ? l : 0;
}

static size_t skip_spaces(const struct text *t, size_t i) {
        while (i < t->n && is_space(t->s[i]))
                i++;
        return i;
}

static size_t line_end(const struct text *t, size_t i) {
        const char *nl = memchr(t->s + i, '\n', t->n - i);

        return nl ? (size_t) (nl - t->s) : t->n;
}

/* \bhermes[.-]?gateway at i: its length, or 0. */
static size_t hermes_gateway_at(const struct text *t, size_t i) {
        size_t k;

        if (!lit(t, i, "hermes") || !boundary(t, i))
                return 0;
        k = i + 6;
        if (k < t->n && (t->s[k] == '.' || t->s[k] == '-') && lit(t, k + 1, "gateway"))
                return 14;
        return lit(t, k, "gateway") ? 13 : 0;
}

/* Where the last \bhermes[.-]?gateway of a line ends, for a verb ending at pos:
 * cached for the stretch [from, to) of the line last asked about (verbs come in
 * text order, so each line is read once). */
struct last_hg {
        size_t from, to;
        size_t start, end;         /* end 0: none in [from, to) */
};

static size_t last_hermes_gateway_end(const struct text *t, struct last_hg *c, size_t pos) {
        if (!(c->to > 0 && pos >= c->from && pos <= c->to)) {
                c->from = pos;
                c->to = line_end(t, pos);
                c->end = 0;
                for (size_t i = pos; i < c->to; i++) {
                        size_t l = hermes_gateway_at(t, i);
                        if (l && i + l <= c->to) {
                                c->start = i;
                                c->end = i + l;
                        }
                }
        }
        /* The last occurrence of the stretch, if it starts after the verb. */
        return c->end > 0 && c->start >= pos ? c->end : 0;
}

/* A match: [start, end). */
struct span {
        size_t start, end;
};

static bool branch0(const struct text *t, size_t i, struct span *m) {
        size_t k, v;

        if (!lit(t, i, "hermes"))
                return false;
        k = i + 6;
        if (k >= t->n || !is_space(t->s[k]))
                return false;
        k = skip_spaces(t, k);
        if (!lit(t, k, "gateway"))
                return false;
        k += 7;
        if (k >= t->n || !is_space(t->s[k]))
                return false;
        k = skip_spaces(t, k);
        if (!(v = lit(t, k, "restart")) && !(v = lit(t, k, "stop")))
                return false;
        *m = (struct span) { i, k + v };
        return true;
}

static size_t verb_at(const struct text *t, size_t k, const char *const *verbs) {
        for (; *verbs; verbs++) {
                size_t v = lit(t, k, *verbs);
                if (v && boundary(t, k + v))
                        return v;
        }
        return 0;
}

/* The options of branch 2, (-\S+\s+)*, from k: where the first non-option token
 * starts, or SIZE_MAX when an option is not followed by a blank. Cached for the
 * tokens walked: every "systemctl" inside one run of options ends where the run
 * ends. */
struct opts {
        size_t from, to, result;
};

static size_t skip_options(const struct text *t, struct opts *c, size_t k) {
        size_t start = k;

        if (c->to > 0 && k >= c->from && k < c->to)
                return c->result;
        while (k < t->n && t->s[k] == '-') {
                size_t e = k + 1;
                while (e < t->n && !is_space(t->s[e]))
                        e++;
                if (e == k + 1 || e >= t->n) {
                        /* Every token from start up to this one fails here. */
                        *c = (struct opts) { start, k + 1, SIZE_MAX };
                        return SIZE_MAX;
                }
                k = skip_spaces(t, e);
        }
        *c = (struct opts) { start, k, k };
        return k;
}

/* Branches 1 and 2: COMMAND\s+[options]VERB\b[^\n]*\bhermes[.-]?gateway. */
static bool branch_ctl(const struct text *t, size_t i, unsigned branch, struct last_hg *hg,
                       struct opts *o, struct span *m) {
        static const char *const launchctl_verbs[] = { "kickstart", "unload", "load", "stop", "restart", NULL };
        static const char *const systemctl_verbs[] = { "restart", "stop", "start", NULL };
        size_t k, v, end;

        if (!lit(t, i, branch == 1 ? "launchctl" : "systemctl"))
                return false;
        k = i + 9;
        if (k >= t->n || !is_space(t->s[k]))
                return false;
        k = skip_spaces(t, k);
        if (branch == 2 && (k = skip_options(t, o, k)) == SIZE_MAX)
                return false;
        v = verb_at(t, k, branch == 1 ? launchctl_verbs : systemctl_verbs);
        if (!v || !(end = last_hermes_gateway_end(t, hg, k + v)))
                return false;
        *m = (struct span) { i, end };
        return true;
}

/* \bWORD\b (both = true) or \bWORD, first (last = false) or last in [from, to). */
static size_t find_word(const struct text *t, size_t from, size_t to, const char *w, bool both, bool last) {
        size_t l = strlen(w), found = SIZE_MAX;

        for (size_t i = from; i + l <= to; i++)
                if (lit(t, i, w) && boundary(t, i) && (!both || boundary(t, i + l))) {
                        found = i;
                        if (!last)
                                break;
                }
        return found;
}

/* Branches 3 and 4 on the line [from, to): the first kill\b works if any does. */
static bool branch_kill(const struct text *t, size_t from, size_t to, unsigned branch, struct span *m) {
        const char *mid = branch == 3 ? "hermes" : "gateway", *tail = branch == 3 ? "gateway" : "hermes";
        size_t k, a, b;

        for (k = from; k + 4 <= to; k++)
                if (lit(t, k, "kill") && boundary(t, k + 4))
                        break;
        if (k + 4 > to)
                return false;
        a = find_word(t, k + 4, to, mid, true, false);
        if (a == SIZE_MAX)
                return false;
        b = find_word(t, a + strlen(mid), to, tail, false, true);
        if (b == SIZE_MAX)
                return false;
        *m = (struct span) { k > from && (t->s[k - 1] == 'p' || t->s[k - 1] == 'P') ? k - 1 : k,
                             b + strlen(tail) };
        return true;
}

/* As the code before it did with the regex match: the words upstream's pattern allows. */
static enum cron_action action_of(const struct text *t, const struct span *m, unsigned branch) {
        bool stop = false, restart = false, start = false;

        if (branch >= 3)
                return CRON_ACTION_KILL;
        for (size_t i = m->start; i < m->end; i++) {
                stop |= i + 4 <= m->end && lit(t, i, "stop");
                restart |= i + 7 <= m->end && lit(t, i, "restart");
                start |= i + 5 <= m->end && lit(t, i, "start");
        }
        if (stop)
                return CRON_ACTION_STOP;
        if (branch == 2 && !restart && start)
                return CRON_ACTION_START;
        return CRON_ACTION_RESTART;
}

struct matches {
        struct cron_upstream_match *items;
        size_t n, cap;
        size_t counted;            /* text[0..counted) newlines are in line */
        unsigned line;
};

static int add_match(struct matches *ms, const struct text *t, const struct span *m, unsigned branch) {
        if (ms->n == ms->cap) {
                size_t c = ms->cap ? 2 * ms->cap : 8;
                struct cron_upstream_match *a = reallocarray(ms->items, c, sizeof(*a));
                if (!a)
                        return -ENOMEM;
                ms->items = a;
                ms->cap = c;
        }
        for (; ms->counted < m->start; ms->counted++)
                ms->line += t->s[ms->counted] == '\n';
        ms->items[ms->n++] = (struct cron_upstream_match) {
                .branch = branch, .line = ms->line, .offset = m->start, .action = action_of(t, m, branch),
        };
        return 0;
}

static int scan_branch(const struct text *t, unsigned branch, struct matches *ms) {
        struct last_hg hg = {};
        struct opts o = {};
        size_t off = 0;

        ms->counted = 0;
        ms->line = 1;
        while (off < t->n) {
                struct span m;
                bool found = false;
                if (branch >= 3) {
                        size_t e = line_end(t, off);
                        found = branch_kill(t, off, e, branch, &m);
                        if (!found) {
                                off = e + 1;
                                continue;
                        }
                } else
                        for (; off < t->n && !found; off++)
                                found = branch == 0 ? branch0(t, off, &m) : branch_ctl(t, off, branch, &hg, &o, &m);
                if (!found)
                        break;
                if (add_match(ms, t, &m, branch) < 0)
                        return -ENOMEM;
                off = m.end;
        }
        return 0;
}

int cron_upstream_match_cmp(const void *a, const void *b) {
        const struct cron_upstream_match *x = a, *y = b;

        if (x->line != y->line)
                return x->line < y->line ? -1 : 1;
        if (x->branch != y->branch)
                return x->branch < y->branch ? -1 : 1;
        return x->offset < y->offset ? -1 : x->offset > y->offset;
}

int cron_upstream_scan(const char *text, struct cron_upstream_match **ret, size_t *ret_n) {
        struct text t = { text, strlen(text) };
        struct matches ms = {};

        for (unsigned b = 0; b < CRON_UPSTREAM_BRANCHES; b++)
                if (scan_branch(&t, b, &ms) < 0) {
                        free(ms.items);
                        return -ENOMEM;
                }
        /* Stable order for callers: by line, then branch, then position. */
        if (ms.n > 1)
                qsort(ms.items, ms.n, sizeof(*ms.items), cron_upstream_match_cmp);
        *ret = ms.items;
        *ret_n = ms.n;
        return 0;
}

bool cron_upstream_matches(const char *text) {
        struct cron_upstream_match *m = NULL;
        size_t n = 0;
        bool found = cron_upstream_scan(text, &m, &n) == 0 && n > 0;

        free(m);
        return found;
}
