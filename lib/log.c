/* SPDX-License-Identifier: MIT */
/* See log.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "sanitize.h"

#define KMSG_PATH "/dev/kmsg"

static const char *program = "hermes-guardrails";
static int max_level = LOG_INFO;
static bool want_kmsg;
/* Decided at the first line logged, so that a quiet run costs no system call. */
static bool target_decided;
static int kmsg_fd = -1;           /* >= 0: lines go to the kernel log */
static bool stderr_journal;        /* stderr lines get a "<N>" prefix */

int log_level_from_string(const char *s) {
        static const char *const names[] = {
                "emerg", "alert", "crit", "err", "warning", "notice", "info", "debug",
        };

        for (int i = 0; i < 8; i++)
                if (strcmp(s, names[i]) == 0)
                        return i;
        if (s[0] >= '0' && s[0] <= '7' && s[1] == 0)
                return s[0] - '0';
        return -EINVAL;
}

void log_setup(const char *program_name) {
        const char *e = getenv("SYSTEMD_LOG_LEVEL");

        program = program_name;
        atexit(log_diags_flush);
        if (e) {
                int l = log_level_from_string(e);
                if (l >= 0)
                        max_level = l;
        }
}

void log_setup_generator(const char *program_name, bool interactive) {
        const char *scope = getenv("SYSTEMD_SCOPE");

        log_setup(program_name);
        want_kmsg = !interactive && scope && strcmp(scope, "system") == 0;
}

int log_get_max_level(void) {
        return max_level;
}

void log_set_max_level(int level) {
        max_level = level;
}

/* Does $JOURNAL_STREAM ("device:inode") name what fd 2 is? */
static bool stderr_is_journal(void) {
        const char *e = getenv("JOURNAL_STREAM");
        unsigned long long dev, ino;
        struct stat st;
        int end = 0;

        if (!e || sscanf(e, "%llu:%llu%n", &dev, &ino, &end) != 2 || e[end] != 0)
                return false;
        return fstat(STDERR_FILENO, &st) >= 0 && st.st_dev == dev && st.st_ino == ino;
}

static void log_decide_target(void) {
        const char *path = getenv("HERMES_GUARDRAILS_KMSG");

        target_decided = true;
        if (want_kmsg)
                kmsg_fd = open(path && *path ? path : KMSG_PATH, O_WRONLY | O_NOCTTY | O_CLOEXEC);
        if (kmsg_fd < 0)
                stderr_journal = stderr_is_journal();
}

/* One line of text (sanitised: no newline in it). */
static void log_write_line(int level, const char *line) {
        if (kmsg_fd >= 0) {
                /* One write() per record, with the facility as systemd's generators (daemon). */
                char *rec = NULL;
                int n = asprintf(&rec, "<%d>%s[%ld]: %s\n", LOG_DAEMON | level, program, (long) getpid(), line);
                if (n > 0 && write(kmsg_fd, rec, (size_t) n) == n) {
                        free(rec);
                        return;
                }
                free(rec);
        }
        char prefix[8] = "";
        if (stderr_journal)
                snprintf(prefix, sizeof(prefix), "<%d>", level);
        fprintf(stderr, "%s%s: %s\n", prefix, program, line);
}

int log_full_errno(int level, int error, const char *fmt, ...) {
        int e = error < 0 ? -error : error;

        if (level <= max_level) {
                va_list ap;
                char *msg = NULL, *clean;
                /* Make %m print our error, not whatever errno holds. */
                int saved = errno, n;
                if (!target_decided)
                        log_decide_target();
                errno = e;
                va_start(ap, fmt);
                n = vasprintf(&msg, fmt, ap);
                va_end(ap);
                /* Paths, job names and values come from files others write: one line
                 * each, terminal-safe, no secret (sanitize.h). */
                clean = n >= 0 ? sanitize(msg) : NULL;
                log_write_line(level, clean ? clean : "(log line lost: out of memory)");
                free(clean);
                free(n >= 0 ? msg : NULL);
                errno = saved;
        }
        return -e;
}

static int diag_syslog_level(enum diag_level l) {
        switch (l) {
        case DIAG_ERROR:   return LOG_ERR;
        case DIAG_WARNING: return LOG_WARNING;
        case DIAG_INFO:    return LOG_INFO;
        default:           return LOG_DEBUG;
        }
}

/*
 * Flood control: a cause is said once. A cause is a diagnostic's code and file:
 * one unreadable directory seen by 1 000 units, or 2 000 000 bad lines of one
 * policy file, must not put thousands of lines in the journal at every reload.
 * The first LOG_PER_CAUSE different messages of a cause are logged; an exact
 * repeat of one and everything past the cap are counted, and log_diags_flush()
 * (run at exit) says how many were held back.
 */
#define LOG_PER_CAUSE 10u

struct cause {
        char *key;                 /* code, file, and for repeats line and message */
        enum diag_level level;     /* the highest held back */
        unsigned logged, held;
};

static struct {
        struct cause *slots;
        size_t n, cap;
} causes;

static uint64_t hash_str(const char *s) {
        uint64_t h = 1469598103934665603ull;

        for (; *s; s++)
                h = (h ^ (unsigned char) *s) * 1099511628211ull;
        return h;
}

static struct cause *cause_slot(const char *key) {
        size_t i;

        for (i = hash_str(key) & (causes.cap - 1); causes.slots[i].key; i = (i + 1) & (causes.cap - 1))
                if (strcmp(causes.slots[i].key, key) == 0)
                        break;
        return &causes.slots[i];
}

/* The entry for key, created; NULL when out of memory (then nothing is held back). */
static struct cause *cause_get(const char *key) {
        struct cause *c;

        if (2 * (causes.n + 1) > causes.cap) {
                size_t old_cap = causes.cap;
                struct cause *old = causes.slots;
                causes.cap = old_cap ? 2 * old_cap : 64;
                causes.slots = calloc(causes.cap, sizeof(*causes.slots));
                if (!causes.slots) {
                        causes.slots = old;
                        causes.cap = old_cap;
                        return NULL;
                }
                for (size_t i = 0; i < old_cap; i++)
                        if (old[i].key)
                                *cause_slot(old[i].key) = old[i];
                free(old);
        }
        c = cause_slot(key);
        if (!c->key) {
                if (!(c->key = strdup(key)))
                        return NULL;
                causes.n++;
        }
        return c;
}

/* An unreadable path below a directory already said to be unreadable (each
 * unit's drop-in dirs in it) has that directory as its cause. */
static char *unreadable_ancestor(const struct diag *d) {
        char *key = NULL;

        if (d->code != DIAG_UNREADABLE || !d->file || asprintf(&key, "%d\037%s", (int) d->code, d->file) < 0)
                return NULL;
        for (char *slash = strrchr(key, '/'); slash && slash > strchr(key, '\037') + 1; slash = strrchr(key, '/')) {
                *slash = 0;
                if (causes.cap > 0 && cause_slot(key)->key)
                        return key;
        }
        free(key);
        return NULL;
}

/* Should d be logged now? Counts it otherwise. */
static bool cause_admit(const struct diag *d) {
        char *group = unreadable_ancestor(d), *exact = NULL;
        struct cause *g = NULL, *e = NULL;
        bool admit = true;

        if (group) {
                if ((g = cause_get(group)))
                        g->held++, g->level = d->level > g->level ? d->level : g->level;
                free(group);
                return !g;
        }
        /* Exact repeats of a logged line count against that line; other lines of a full group
         * against the group, and are not remembered one by one (a flood of distinct lines
         * must not grow the table). cause_get() may move the slots: look g up again after it. */
        if (asprintf(&group, "%d\037%s", (int) d->code, d->file ? d->file : "") >= 0 &&
            asprintf(&exact, "%s\037%u\037%s", group, d->line, d->message) >= 0 &&
            (g = cause_get(group))) {
                e = cause_slot(exact);
                if (e->key && e->logged > 0)
                        admit = false, e->held++, e->level = d->level > e->level ? d->level : e->level;
                else if (g->logged >= LOG_PER_CAUSE)
                        admit = false, g->held++, g->level = d->level > g->level ? d->level : g->level;
                else if ((e = cause_get(exact)))
                        cause_slot(group)->logged++, e->logged++;
        }
        free(group);
        free(exact);
        return admit;
}

static void log_diag(const struct diag *d) {
        int level = diag_syslog_level(d->level);

        if (!d->file)
                log_full_errno(level, 0, "%s: %s", diag_level_name(d->level), d->message);
        else if (d->line > 0)
                log_full_errno(level, 0, "%s:%u: %s: %s", d->file, d->line, diag_level_name(d->level),
                               d->message);
        else
                log_full_errno(level, 0, "%s: %s: %s", d->file, diag_level_name(d->level), d->message);
}

void log_diags(const struct diag_list *l) {
        for (size_t i = 0; l && i < l->n; i++)
                if (diag_syslog_level(l->items[i].level) <= max_level && cause_admit(&l->items[i]))
                        log_diag(&l->items[i]);
}

/* "file", the text of a key up to its first separator. */
static const char *key_field(const char *key, unsigned field, size_t *ret_len) {
        for (; field > 0; field--)
                key = strchr(key, '\037') + 1;
        *ret_len = strcspn(key, "\037");
        return key;
}

void log_diags_flush(void) {
        for (size_t i = 0; i < causes.cap; i++) {
                struct cause *c = &causes.slots[i];
                size_t file_len, msg_len;
                if (!c->key)
                        continue;
                if (c->held > 0) {
                        bool exact = strchr(strchr(c->key, '\037') + 1, '\037') != NULL;
                        const char *file = key_field(c->key, 1, &file_len);
                        const char *msg = exact ? key_field(c->key, 3, &msg_len) : "";
                        if (exact)
                                log_full_errno(diag_syslog_level(c->level), 0, "%.*s%s%.*s (said above; %u more time%s)",
                                               (int) file_len, file, file_len ? ": " : "", (int) msg_len, msg,
                                               c->held, c->held == 1 ? "" : "s");
                        else
                                log_full_errno(diag_syslog_level(c->level), 0,
                                               "%.*s%sand %u more %s%s like the above, not shown",
                                               (int) file_len, file, file_len ? ": " : "", c->held,
                                               diag_level_name(c->level), c->held == 1 ? "" : "s");
                }
                free(c->key);
        }
        free(causes.slots);
        causes = (typeof(causes)) {};
}
