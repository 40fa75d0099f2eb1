/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Where a lint run keeps what it reports until the report is sorted: the
 * findings, the fixes they point to and (for JSON) each unit's part of the
 * report, as records in memory up to 1 MiB, then in an unlinked temporary file
 * (tmpfile(); memory still when none can be made), and per finding a small key
 * in memory (file, line,
 * column, rule, unit: the report's order). A unit's parsed files and drop-in
 * set are freed as soon as its rules have run, so a run over 10 000 units
 * holds keys of some 40 bytes per finding instead of every unit.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "finding.h"

struct stash_key {
        const char *file;      /* pooled; NULL: about the host */
        const char *unit;      /* pooled; NULL: about the run */
        unsigned line, column;
        uint64_t off;          /* the record */
        int32_t fix;           /* index of its fix record, or -1 */
        uint16_t rule;         /* index in rules[] */
        uint8_t severity;
        uint8_t flags;         /* STASH_* */
};

enum {
        STASH_SUPPRESS_KNOWN = 1 << 0,  /* decided when the unit's files were at hand: */
        STASH_SUPPRESSED     = 1 << 1,  /*   a comment suppresses it */
        STASH_KEPT           = 1 << 2,  /* reported (not a repeat, not suppressed or disabled) */
};

struct stash {
        int fd;                /* the records' file (unlinked); -1: in mem */
        FILE *f;               /* what owns fd */
        char *mem;             /* in memory: the records; with a file: the bytes not yet written */
        size_t size, cap;      /* all records' size; mem's capacity */
        uint64_t written;      /* with a file: bytes in it (the rest are in mem) */
        struct stash_block {   /* with a file: blocks read back, the least recently used replaced */
                char *data;
                uint64_t off, used;
                size_t len;
        } cache[8];            /* the report reads a few streams at once: one per rule at a place */
        uint64_t clock;
        int error;             /* the first failure to write or read back (sticky), or 0 */
        bool tried_file;       /* the records outgrew memory: f, or none could be made */
        struct stash_key *keys;
        size_t n_keys, cap_keys;
        uint64_t *fixes;       /* offset of each fix record */
        size_t n_fixes, cap_fixes;
        char **pool;           /* the strings keys point to */
        size_t n_pool, cap_pool;
        const char *last_file, *last_unit;
        struct stash_key last_key;     /* the last finding stashed, to skip its exact repeats */
        char *last_strs[5];
        bool has_last;
};

/* Returns 0, or -ENOMEM. Without a usable temporary directory the records stay in memory. */
int stash_open(struct stash *s);
void stash_close(struct stash *s);
/* The first error writing or reading back the records (-EIO, -ENOSPC, ...), or 0.
 * A read that failed gave the caller nothing, so a report read through a stash
 * must check this before it claims to be whole. */
int stash_error(const struct stash *s);

/* Appends a finding; flags are STASH_SUPPRESS_KNOWN and STASH_SUPPRESSED. Returns 0 or -ENOMEM/-EIO. */
int stash_finding(struct stash *s, const struct finding *x, int32_t fix, uint8_t flags);
/* Appends a fix; *ret its index. */
int stash_fix(struct stash *s, const struct lint_fix *fix, int32_t *ret);
/* Appends text (a unit's JSON); *ret_off where it went. */
int stash_text(struct stash *s, const char *text, size_t len, uint64_t *ret_off);

/* Sorts the keys as findings_sort() sorts findings. */
void stash_sort(struct stash *s);

/* Reads a key's finding back into *ret (owned strings, free with stash_finding_done()). */
int stash_read_finding(struct stash *s, const struct stash_key *k, struct finding *ret);
void stash_finding_done(struct finding *x);
/* Reads fix i back into *ret (owned strings, free with stash_fix_done()). */
int stash_read_fix(struct stash *s, int32_t i, struct lint_fix *ret);
void stash_fix_done(struct lint_fix *fix);
/* Copies len bytes of text at off to out. */
int stash_copy_text(struct stash *s, uint64_t off, size_t len, FILE *out);
