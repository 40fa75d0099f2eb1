/* SPDX-License-Identifier: MIT */
/* See stash.h. A record is a header of numbers and the lengths of its strings (0 for
 * NULL, else length + 1), then the strings without their NULs. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"
#include "stash.h"

#define N_FINDING_STRINGS 5
#define N_FIX_STRINGS 5

struct finding_head {
        uint32_t len[N_FINDING_STRINGS];  /* unit, file, message, profile, brief */
};

struct fix_head {
        uint64_t base_len;
        uint32_t user_line;
        uint32_t len[N_FIX_STRINGS];      /* unit, path, text, old_text, user_key */
};

/* Records stay in memory up to this size: a small run makes no file at all. */
#define STASH_MEMORY_MAX (1024 * 1024)

int stash_open(struct stash *s) {
        *s = (struct stash) {};
        return 0;
}

/* Past STASH_MEMORY_MAX, the records move to a temporary file (when one can be made). */
static void spill(struct stash *s) {
        s->tried_file = true;
        if (!(s->f = tmpfile()))
                return;
        if (fwrite(s->mem, 1, s->size, s->f) != s->size) {
                fclose(s->f);
                s->f = NULL;
                return;
        }
        free(s->mem);
        s->mem = NULL;
        s->cap = 0;
}

void stash_close(struct stash *s) {
        if (s->f)
                fclose(s->f);
        free(s->mem);
        free(s->keys);
        free(s->fixes);
        for (size_t i = 0; i < s->n_pool; i++)
                free(s->pool[i]);
        free(s->pool);
        *s = (struct stash) {};
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
        if (!s->f && !s->tried_file && s->size + len > STASH_MEMORY_MAX)
                spill(s);
        if (!s->f) {
                if (grow((void **) &s->mem, &s->cap, s->size + len, 1) < 0)
                        return -ENOMEM;
                memcpy(s->mem + s->size, data, len);
        } else {
                if (s->reading && fseeko(s->f, 0, SEEK_END) < 0)
                        return -EIO;
                s->reading = false;
                if (len && fwrite(data, 1, len, s->f) != len)
                        return -EIO;
        }
        s->size += len;
        return 0;
}

static int get(struct stash *s, uint64_t off, void *buf, size_t len) {
        if (off + len > s->size)
                return -EIO;
        if (!s->f) {
                memcpy(buf, s->mem + off, len);
                return 0;
        }
        s->reading = true;
        if (fseeko(s->f, (off_t) off, SEEK_SET) < 0 || (len && fread(buf, 1, len, s->f) != len))
                return -EIO;
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
                if (!(ret[i] = malloc(len[i])) || get(s, off, ret[i], len[i] - 1) < 0) {
                        for (size_t k = 0; k <= i; k++)
                                free(ret[k]);
                        return -ENOMEM;
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

int stash_finding(struct stash *s, const struct finding *x, int32_t fix, uint8_t flags) {
        const char *strs[N_FINDING_STRINGS] = { x->unit, x->file, x->message, x->profile, x->brief };
        struct finding_head h;
        struct stash_key k = {
                .line = x->line, .column = x->column, .off = s->size, .fix = fix,
                .rule = (uint16_t) rule_index(x->rule), .severity = (uint8_t) x->severity, .flags = flags,
        };
        int r;

        for (size_t i = 0; i < N_FINDING_STRINGS; i++)
                h.len[i] = str_len(strs[i]);
        if ((x->file && !(k.file = pooled(s, x->file, &s->last_file))) ||
            (x->unit && !(k.unit = pooled(s, x->unit, &s->last_unit))) ||
            grow((void **) &s->keys, &s->cap_keys, s->n_keys + 1, sizeof(*s->keys)) < 0)
                return -ENOMEM;
        if ((r = put(s, &h, sizeof(h))) < 0 || (r = put_strings(s, strs, N_FINDING_STRINGS)) < 0)
                return r;
        s->keys[s->n_keys++] = k;
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
        if (s->n_keys > 1)
                qsort_r(s->keys, s->n_keys, sizeof(*s->keys), key_cmp, s);
}
