/* SPDX-License-Identifier: MIT */
/* See log.h. */
#include <errno.h>
#include <fcntl.h>
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

void log_diags(const struct diag_list *l) {
        for (size_t i = 0; l && i < l->n; i++) {
                const struct diag *d = &l->items[i];
                int level = diag_syslog_level(d->level);

                if (!d->file)
                        log_full_errno(level, 0, "%s: %s", diag_level_name(d->level), d->message);
                else if (d->line > 0)
                        log_full_errno(level, 0, "%s:%u: %s: %s", d->file, d->line,
                                       diag_level_name(d->level), d->message);
                else
                        log_full_errno(level, 0, "%s: %s: %s", d->file, diag_level_name(d->level),
                                       d->message);
        }
}
