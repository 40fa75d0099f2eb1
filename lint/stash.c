/* SPDX-License-Identifier: MIT */
/* See stash.h. A record is a header of numbers and the lengths of its strings (0 for
 * NULL, else length + 1), then the strings without their NULs. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rules.h"
#include "stash.h"

#define N_FINDING_STRINGS 5
#define N_FIX_STRINGS 5

struct finding_head {
        uint32_t len[N_FINDING_STRINGS];  /* unit, file, message, profile, brief (stash.h: last_strs) */
};

struct fix_head {
        uint64_t base_len;
        uint32_t user_line;
        uint32_t len[N_FIX_STRINGS];      /* unit, path, text, old_text, user_key */
};

/* Records stay in memory up to this size: a small run makes no file at all. */
#define STASH_MEMORY_MAX (1024 * 1024)
/* With a file: records are written, and read back, in blocks of this size (reads
 * come mostly in the order of writing: a unit's findings are sorted together). */
#define STASH_BLOCK (64 * 1024)

int stash_open(struct stash *s) {
        *s = (struct stash) { .fd = -1 };
        return 0;
}

int stash_error(const struct stash *s) {
        return s->error;
}

static int fail(struct stash *s, int r) {
        if (!s->error)
                s->error = r;
        return r;
}

/* Writes mem[0..size - written) to the file. */
static int flush(struct stash *s) {
        size_t n = (size_t) (s->size - s->written), done = 0;

        while (done < n) {
                ssize_t k = write(s->fd, s->mem + done, n - done);
                if (k < 0 && errno == EINTR)
                        continue;
                if (k <= 0)
                        return fail(s, k < 0 ? -errno : -EIO);
                done += (size_t) k;
        }
        s->written = s->size;
        return 0;
}

/* Past STASH_MEMORY_MAX, the records move to a temporary file (when one can be made). */
static void spill(struct stash *s) {
        s->tried_file = true;
        if (!(s->f = tmpfile()))
                return;
        s->fd = fileno(s->f);
        s->written = 0;
        if (flush(s) < 0) {
                fclose(s->f);
                s->f = NULL;
                s->fd = -1;
                s->written = 0;
                s->error = 0;   /* the records are still all in memory */
        }
}

void stash_close(struct stash *s) {
        if (s->f)
                fclose(s->f);
        free(s->mem);
        for (size_t i = 0; i < sizeof(s->cache) / sizeof(s->cache[0]); i++)
                free(s->cache[i].data);
        free(s->keys);
        free(s->fixes);
        for (size_t i = 0; i < s->n_pool; i++)
                free(s->pool[i]);
        free(s->pool);
        for (size_t i = 0; i < N_FINDING_STRINGS; i++)
                free(s->last_strs[i]);
        *s = (struct stash) { .fd = -1 };
}

static int grow(void **p, size_t *cap, size_t need, size_t size) {
        if (need <= *cap)
                return 0;
        size_t n = *cap ? *cap : 64;
        while (n < need)
                n *= 2;
        void *q = realloc(*p, n * size);
        if (!q)
                return -ENOMEM;
        *p = q;
        *cap = n;
        return 0;
}

static int put(struct stash *s, const void *data, size_t len) {
        if (s->error)
                return s->error;
        if (s->fd < 0 && !s->tried_file && s->size + len > STASH_MEMORY_MAX)
                spill(s);
        if (s->fd >= 0 && s->size - s->written + len > STASH_BLOCK && flush(s) < 0)
                return s->error;
        size_t at = (size_t) (s->size - s->written);
        if (grow((void **) &s->mem, &s->cap, at + len, 1) < 0)
                return -ENOMEM;
        if (len)
                memcpy(s->mem + at, data, len);
        s->size += len;
        return 0;
}

static int read_at(struct stash *s, uint64_t off, char *buf, size_t len) {
        size_t done = 0;

        while (done < len) {
                ssize_t k = pread(s->fd, buf + done, len - done, (off_t) (off + done));
                if (k < 0 && errno == EINTR)
                        continue;
                if (k <= 0)
                        return fail(s, k < 0 ? -errno : -EIO);
                done += (size_t) k;
        }
        return 0;
}

static int get(struct stash *s, uint64_t off, void *buf, size_t len) {
        if (s->error)
                return s->error;
        if (off + len > s->size)
                return fail(s, -EIO);
        if (s->fd < 0) {
                memcpy(buf, s->mem + off, len);
                return 0;
        }
        if (off + len > s->written && flush(s) < 0)
                return s->error;
        struct stash_block *b = &s->cache[0];
        for (size_t i = 0; i < sizeof(s->cache) / sizeof(s->cache[0]); i++) {
                struct stash_block *c = &s->cache[i];
                if (c->data && off >= c->off && off + len <= c->off + c->len) {
                        c->used = ++s->clock;
                        memcpy(buf, c->data + (off - c->off), len);
                        return 0;
                }
                if (c->used < b->used)
                        b = c;
        }
        if (len > STASH_BLOCK)
                return read_at(s, off, buf, len);
        if (!b->data && !(b->data = malloc(STASH_BLOCK)))
                return fail(s, -ENOMEM);
        b->len = 0;
        size_t block = s->written - off < STASH_BLOCK ? (size_t) (s->written - off) : STASH_BLOCK;
        if (read_at(s, off, b->data, block) < 0)
                return s->error;
        b->off = off;
        b->len = block;
        b->used = ++s->clock;
        memcpy(buf, b->data, len);
        return 0;
}

static uint32_t str_len(const char *str) {
        return str ? (uint32_t) strlen(str) + 1 : 0;
}

static int put_strings(struct stash *s, const char *const *strs, size_t n) {
        int r = 0;

        for (size_t i = 0; r >= 0 && i < n; i++)
                if (strs[i])
                        r = put(s, strs[i], strlen(strs[i]));
        return r;
}

/* Strings of a record at off, after its header; NULL ones stay NULL. */
static int get_strings(struct stash *s, uint64_t off, const uint32_t *len, size_t n, char **ret) {
        for (size_t i = 0; i < n; i++) {
                ret[i] = NULL;
                if (len[i] == 0)
                        continue;
                int r = (ret[i] = malloc(len[i])) ? get(s, off, ret[i], len[i] - 1) : fail(s, -ENOMEM);
                if (r < 0) {
                        for (size_t k = 0; k <= i; k++)
                                free(ret[k]);
                        return r;
                }
                ret[i][len[i] - 1] = 0;
                off += len[i] - 1;
        }
        return 0;
}

/* A string for the keys: the previous one when equal (a unit's findings share
 * their file and unit), else a copy kept until the stash is closed. */
static const char *pooled(struct stash *s, const char *str, const char **last) {
        if (!str)
                return NULL;
        if (*last && strcmp(*last, str) == 0)
                return *last;
        char *copy = strdup(str);
        if (!copy || grow((void **) &s->pool, &s->cap_pool, s->n_pool + 1, sizeof(char *)) < 0) {
                free(copy);
                return NULL;
        }
        return *last = s->pool[s->n_pool++] = copy;
}

static bool same_string(const char *a, const char *b) {
        return a == b || (a && b && strcmp(a, b) == 0);
}

/* The finding is the last one stashed again, in every field: a rule that reports
 * one place many times (HG024 and HG025 did, once per repeat of a command in
 * one prompt, before the scanner kept each command once: a guard for the next
 * such rule). The report would drop it as a repeat; keeping it would cost a
 * record and a key, and the sort would read both records back for each tie. */
static bool is_last_again(const struct stash *s, const struct stash_key *k, const char *const *strs) {
        const struct stash_key *l = &s->last_key;

        if (!s->has_last || l->line != k->line || l->column != k->column || l->fix != k->fix || l->rule != k->rule ||
            l->severity != k->severity || l->flags != k->flags)
                return false;
        for (size_t i = 0; i < N_FINDING_STRINGS; i++)
                if (!same_string(s->last_strs[i], strs[i]))
                        return false;
        return true;
}

static void remember_last(struct stash *s, const struct stash_key *k, const char *const *strs) {
        s->has_last = true;
        s->last_key = *k;
        for (size_t i = 0; i < N_FINDING_STRINGS; i++) {
                free(s->last_strs[i]);
                s->last_strs[i] = strs[i] ? strdup(strs[i]) : NULL;
                if (strs[i] && !s->last_strs[i])
                        s->has_last = false;    /* out of memory: only the skipping is lost */
        }
}

int stash_finding(struct stash *s, const struct finding *x, int32_t fix, uint8_t flags) {
        const char *strs[N_FINDING_STRINGS] = { x->unit, x->file, x->message, x->profile, x->brief };
        struct finding_head h;
        struct stash_key k = {
                .line = x->line, .column = x->column, .off = s->size, .fix = fix,
                .rule = (uint16_t) rule_index(x->rule), .severity = (uint8_t) x->severity, .flags = flags,
        };
        int r;

        if (is_last_again(s, &k, strs))
                return 0;
        for (size_t i = 0; i < N_FINDING_STRINGS; i++)
                h.len[i] = str_len(strs[i]);
        if ((x->file && !(k.file = pooled(s, x->file, &s->last_file))) ||
            (x->unit && !(k.unit = pooled(s, x->unit, &s->last_unit))) ||
            grow((void **) &s->keys, &s->cap_keys, s->n_keys + 1, sizeof(*s->keys)) < 0)
                return -ENOMEM;
        if ((r = put(s, &h, sizeof(h))) < 0 || (r = put_strings(s, strs, N_FINDING_STRINGS)) < 0)
                return r;
        s->keys[s->n_keys++] = k;
        remember_last(s, &k, strs);
        return 0;
}

int stash_fix(struct stash *s, const struct lint_fix *fix, int32_t *ret) {
        const char *strs[N_FIX_STRINGS] = { fix->unit, fix->path, fix->text, fix->old_text, fix->user_key };
        struct fix_head h = { .base_len = fix->base_len, .user_line = fix->user_line };
        uint64_t off = s->size;
        int r;

        for (size_t i = 0; i < N_FIX_STRINGS; i++)
                h.len[i] = str_len(strs[i]);
        if (grow((void **) &s->fixes, &s->cap_fixes, s->n_fixes + 1, sizeof(*s->fixes)) < 0)
                return -ENOMEM;
        if ((r = put(s, &h, sizeof(h))) < 0 || (r = put_strings(s, strs, N_FIX_STRINGS)) < 0)
                return r;
        s->fixes[s->n_fixes] = off;
        *ret = (int32_t) s->n_fixes++;
        return 0;
}

int stash_text(struct stash *s, const char *text, size_t len, uint64_t *ret_off) {
        *ret_off = s->size;
        return put(s, text, len);
}

int stash_copy_text(struct stash *s, uint64_t off, size_t len, FILE *out) {
        char buf[4096];

        while (len > 0) {
                size_t n = len < sizeof(buf) ? len : sizeof(buf);
                if (get(s, off, buf, n) < 0)
                        return -EIO;
                fwrite(buf, 1, n, out);
                off += n;
                len -= n;
        }
        return 0;
}

int stash_read_finding(struct stash *s, const struct stash_key *k, struct finding *ret) {
        struct finding_head h;
        char *strs[N_FINDING_STRINGS];

        if (get(s, k->off, &h, sizeof(h)) < 0 || get_strings(s, k->off + sizeof(h), h.len, N_FINDING_STRINGS, strs) < 0)
                return -EIO;
        *ret = (struct finding) {
                .rule = &rules[k->rule], .severity = k->severity, .line = k->line, .column = k->column,
                .unit = strs[0], .file = strs[1], .message = strs[2], .profile = strs[3], .brief = strs[4],
        };
        return 0;
}

void stash_finding_done(struct finding *x) {
        free(x->unit);
        free(x->file);
        free(x->message);
        free(x->profile);
        free(x->brief);
        *x = (struct finding) {};
}

int stash_read_fix(struct stash *s, int32_t i, struct lint_fix *ret) {
        struct fix_head h;
        char *strs[N_FIX_STRINGS];
        uint64_t off = s->fixes[i];

        if (get(s, off, &h, sizeof(h)) < 0 || get_strings(s, off + sizeof(h), h.len, N_FIX_STRINGS, strs) < 0)
                return -EIO;
        *ret = (struct lint_fix) {
                .unit = strs[0], .path = strs[1], .text = strs[2], .old_text = strs[3], .user_key = strs[4],
                .base_len = h.base_len, .user_line = h.user_line,
        };
        return 0;
}

void stash_fix_done(struct lint_fix *fix) {
        free(fix->unit);
        free(fix->path);
        free(fix->text);
        free(fix->old_text);
        free(fix->user_key);
        *fix = (struct lint_fix) {};
}

static int cmp_uint(unsigned a, unsigned b) {
        return a < b ? -1 : a > b;
}

/* finding_cmp() of finding.c on keys: the message (read back) only breaks a tie. */
static int key_cmp(const void *pa, const void *pb, void *userdata) {
        const struct stash_key *a = pa, *b = pb;
        struct finding x, y;
        int c;

        if (!a->file != !b->file)
                return a->file ? -1 : 1;
        if (a->file && a->file != b->file && (c = strcmp(a->file, b->file)) != 0)
                return c;
        if ((c = cmp_uint(a->line, b->line)) != 0 || (c = cmp_uint(a->column, b->column)) != 0)
                return c;
        if (a->rule != b->rule && (c = strcmp(rules[a->rule].id, rules[b->rule].id)) != 0)
                return c;
        if ((c = strcmp(a->unit ? a->unit : "", b->unit ? b->unit : "")) != 0)
                return c;
        if (stash_read_finding(userdata, a, &x) < 0)
                return 0;
        if (stash_read_finding(userdata, b, &y) < 0) {
                stash_finding_done(&x);
                return 0;
        }
        c = strcmp(x.message, y.message);
        stash_finding_done(&x);
        stash_finding_done(&y);
        return c;
}

void stash_sort(struct stash *s) {
        /* The last records go to the file now: a full disk shows before any output. */
        if (s->fd >= 0 && !s->error && s->written < s->size)
                flush(s);
        if (s->n_keys > 1)
                qsort_r(s->keys, s->n_keys, sizeof(*s->keys), key_cmp, s);
}
