/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * hermes-unit-lint diagnose: which of five failures a Hermes gateway or cron job
 * has, from its log files, the unit's journal and cron/jobs.json.
 *
 * The pieces:
 *   diagnose_table.c  the classifier: one table of rows (logger name + message
 *                     pattern -> class, summary, next step), compiled once;
 *   diagnose_scan.c   line parsing and the state of one profile's lines
 *                     (failures, the recoveries that cancel them, unknown ERRORs),
 *                     fed from log files (with rotation), a stream or the journal;
 *   diagnose_jobs.c   the run state of cron/jobs.json and the profile's own files;
 *   diagnose.c        the command: options, profiles, text and JSON reports.
 */

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum dclass {
        DCLASS_TRANSPORT,      /* the messaging platform */
        DCLASS_PROVIDER_AUTH,  /* the model provider */
        DCLASS_PROFILE_SCOPE,  /* the profile's home and files */
        DCLASS_SCHEDULER,      /* cron: the job does not run */
        DCLASS_DELIVERY,       /* cron: the job ran, its output did not arrive */
        DCLASS_UNCLASSIFIED,   /* an ERROR line no row knows */
        _DCLASS_MAX,
};

const char *dclass_name(enum dclass c);   /* "transport", "provider-auth", ... */

enum drow_effect {
        DROW_FAILURE,   /* a problem, current until a later recovery of its group */
        DROW_RECOVERY,  /* cancels the earlier failures of the groups it names */
        DROW_BENIGN,    /* known and not a problem: never reported, not "unclassified" */
};

/* One row of the classifier. */
struct drow {
        const char *group;       /* FAILURE, BENIGN: its group; RECOVERY: the groups it
                                    cancels, separated by spaces */
        enum drow_effect effect;
        enum dclass class;
        const char *logger;      /* the row applies to lines whose logger name starts with
                                    this; NULL: any logger. Lines without a logger (the
                                    journal's tracebacks, quoted strings) match every row. */
        const char *anchor;      /* a literal every match of pattern contains: the prefilter */
        const char *pattern;     /* POSIX ERE over the message */
        const char *summary;
        const char *next;        /* the operator's next step */
        const char *source;      /* where the message comes from (Hermes file, upstream issue) */
};

extern const struct drow drows[];
extern const size_t n_drows;

#define DFILTER_F 4             /* bytes of an anchor's fingerprint */
#define DFILTER_BUCKETS 16
#define DLEVEL_ANCHORS 2        /* "ERROR ", "CRITICAL ": anchors n_drows, n_drows + 1 */
#define DROWS_MAX 256
#if defined(__x86_64__) && defined(__GNUC__)
#define DFILTER_HAVE_AVX2 1
#else
#define DFILTER_HAVE_AVX2 0
#endif

/* The table compiled for one run. */
struct dclassifier {
        regex_t *re;             /* one per row, compiled when first needed */
        signed char *re_state;   /* 0: not yet, 1: compiled, -1: does not compile */
        bool *literal;           /* the pattern is a plain string starting with the anchor: memcmp */
        size_t *pattern_len;
        unsigned *group_of;      /* FAILURE row -> group index */
        unsigned **recovers;     /* RECOVERY row -> group indices, ended by UINT_MAX */
        unsigned n_groups;
        /* The anchor filter (diagnose_table.c): the rows' anchors, then the level words. */
        size_t n_anchors;
        const char **anchor;
        size_t *anchor_len;
        uint8_t *fp_off;         /* where its fingerprint starts in the anchor */
        uint16_t *by_bucket;     /* anchors by bucket, from bucket_start[b] */
        size_t bucket_start[DFILTER_BUCKETS + 1];
        uint8_t lo[2][DFILTER_F][16], hi[2][DFILTER_F][16];   /* nibble tables, buckets 0-7, 8-15 */
        uint16_t t[DFILTER_F][256];                         /* the same per byte value */
        bool avx2;               /* look 32 windows at a time */
};

/* Compiles the table. Returns 0, -ENOMEM, or -EINVAL (an anchor shorter than DFILTER_F: a bug). */
int dclassifier_init(struct dclassifier *c);
/* Compiles every row's expression now (they are compiled when first needed): 0, or -EINVAL
 * when one does not compile (a bug; the tests call it). */
int dclassifier_compile_all(const struct dclassifier *c);
void dclassifier_done(struct dclassifier *c);

/* Every occurrence of an anchor in s[0..n), window by window (not in order of position
 * when two anchors overlap, but never out of the line they are in: anchors hold no '\n'). */
struct dscan {
        const struct dclassifier *c;
        const unsigned char *s;
        size_t n, next, window, k;
        uint16_t mask;
        bool scalar;             /* tests: the one-window-at-a-time path even with AVX2 */
};
void dscan_init(struct dscan *it, const struct dclassifier *c, const char *s, size_t n);
bool dscan_next(struct dscan *it, size_t *ret_anchor, size_t *ret_at);

/* The row a message matches, from the anchors found in it: the first row (in table order)
 * whose anchor occurs in the message and whose logger and pattern match. */
struct dmatch {
        int best;                /* -1: none yet */
        uint64_t tried[DROWS_MAX / 64];   /* rows given to regexec already */
};
void dmatch_begin(struct dmatch *m);
/* anchor occurs at msg + at (msg NUL-terminated at n). */
void dmatch_consider(const struct dclassifier *c, struct dmatch *m, size_t anchor, const char *logger,
                     size_t logger_len, const char *msg, size_t n, size_t at);

/* The first row that matches message msg[0..n) (NUL-terminated at n) of a line from logger
 * (NULL or "" when the line has none), or -1. */
int dclassifier_match(const struct dclassifier *c, const char *logger, size_t logger_len,
                      const char *msg, size_t n);

/* Prints every row's pattern, one per line (the benchmark's grep -f baseline). */
void dclassifier_print_patterns(FILE *f);

/* ---- evidence and per-profile state (diagnose_scan.c) -------------------------------- */

#define DEVIDENCE_MAX 3        /* most recent lines kept per problem */
#define DTEXT_MAX 1024         /* bytes of a line kept */
#define DUNCLASSIFIED_MAX 16   /* loggers with unclassified ERRORs kept per profile */

/* Order of events: time (microseconds since the epoch, 0: unknown), then arrival. */
struct dorder {
        int64_t usec;
        uint64_t seq;
};

struct devidence {
        struct dorder order;
        char *file;              /* NULL for the journal */
        unsigned long line;
        char *cursor;            /* journal only */
        char *text;              /* the line, raw (redacted and escaped at output) */
        char *key;               /* the line without its time stamp or journal prefix */
        bool manager;            /* the manager's view of the unit, not a line */
};

struct dproblem {
        enum dclass class;
        int row;                 /* the table row, or -1 */
        char *summary;           /* NULL: the row's */
        char *next;              /* NULL: the row's */
        struct devidence ev[DEVIDENCE_MAX + 1];   /* most recent first; + 1: the manager's view */
        size_t n_ev;
        struct dorder last;      /* the most recent evidence */
};

/* The lines of one profile (or of --log). */
struct dstate {
        const struct dclassifier *c;
        int64_t since_usec;      /* lines before this are ignored; 0: none */
        uint64_t seq;
        int64_t last_usec;       /* the time of the last line that had one */
        struct dproblem *fail;   /* per group: its current failure */
        struct dorder *recovered;/* per group: the last recovery */
        struct dproblem unclassified[DUNCLASSIFIED_MAX];
        char *unclassified_logger[DUNCLASSIFIED_MAX];
        size_t n_unclassified;
        unsigned long lines;     /* lines read */
};

int dstate_init(struct dstate *s, const struct dclassifier *c, int64_t since_usec);
void dstate_done(struct dstate *s);

/*
 * Feeds one line (no newline). file/lineno: where it is (file NULL for the journal);
 * usec: the journal's time for the line (0: take it from the line); cursor: journal only.
 * Returns 0 or -ENOMEM.
 */
int dstate_feed(struct dstate *s, const char *line, size_t n, const char *file, unsigned long lineno,
                int64_t usec, const char *cursor);

/*
 * Feeds a file (or "-": stdin) line by line in bounded memory. regular_only: for files
 * found in a Hermes home (the agent can put a FIFO or a link to /dev/zero there): anything
 * but a regular file is refused (-EBADF, -EISDIR) without blocking, and only the bytes
 * present at open are read (a file that grows while read does not keep us reading).
 * Without it (a --log operand, e.g. a pipe) the input is read to its end.
 * Returns 0, -ENOENT, -errno.
 */
int dstate_feed_file(struct dstate *s, const char *path, bool regular_only);

/*
 * Feeds the journal: the entries of unit (user scope: _SYSTEMD_USER_UNIT= or USER_UNIT=;
 * system: _SYSTEMD_UNIT= or UNIT=) at or after since_usec, from files (NULL: the local
 * journal). Returns 0 and the number of entries read, or -errno.
 */
int dstate_feed_journal(struct dstate *s, char *const *files, const char *unit, bool system_scope,
                        int64_t since_usec, unsigned long *ret_entries);

/* The problems current at the end of the lines, most recent first: failures not recovered
 * later, and the unclassified ERRORs. Pointers into s. Returns 0 or -ENOMEM. */
int dstate_problems(const struct dstate *s, const struct dproblem ***ret, size_t *ret_n);

/* Adds a problem that is not from a line (jobs.json, the profile's files) to list. */
struct dproblem_list {
        struct dproblem *p;
        size_t n;
};
struct dproblem *dproblem_list_add(struct dproblem_list *l, enum dclass class, int row);
int devidence_set(struct devidence *e, const char *file, unsigned long line, const char *text,
                  struct dorder order);
void dproblem_list_done(struct dproblem_list *l);

/* "2026-05-03 07:00:12,481" at s (length n >= 23), as local time: microseconds, or -1. */
int64_t dtime_parse_log(const char *s, size_t n);
/* ISO 8601 as Python's isoformat() writes it (offset optional: local time). -1: not one. */
int64_t dtime_parse_iso(const char *s);
/* Formats usec as "YYYY-MM-DD HH:MM:SS" local time into buf. */
const char *dtime_format(int64_t usec, char buf[static 32]);

/* ---- jobs.json and the profile's files (diagnose_jobs.c) ----------------------------- */

struct hermes_profile;

/* Checks the run state of the profile's cron/jobs.json (as the home loader read it) at
 * now_usec, and its own files against the default profile's. Adds the problems to out.
 * Returns 0 or -ENOMEM. */
int diagnose_jobs(const struct dclassifier *c, const struct hermes_profile *p, int64_t now_usec,
                  struct dproblem_list *out);
int diagnose_profile_files(const struct hermes_profile *p, const struct hermes_profile *dflt,
                           struct dproblem_list *out);

/* The command. argv[0] is "diagnose". Returns the exit status. */
int diagnose_main(int argc, char **argv);
