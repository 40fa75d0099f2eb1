/* SPDX-License-Identifier: MIT */
/* See log.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "sanitize.h"

static const char *program = "hermes-guardrails";
static int max_level = LOG_INFO;

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

int log_get_max_level(void) {
        return max_level;
}

void log_set_max_level(int level) {
        max_level = level;
}

int log_full_errno(int level, int error, const char *fmt, ...) {
        int e = error < 0 ? -error : error;

        if (level <= max_level) {
                va_list ap;
                char *line = NULL;
                /* Make %m print our error, not whatever errno holds. */
                int saved = errno, r;
                errno = e;
                va_start(ap, fmt);
                r = vasprintf(&line, fmt, ap);
                va_end(ap);
                /* Paths, job names and values come from files others write: one line
                 * each, terminal-safe, no secret (sanitize.h). */
                fprintf(stderr, "%s: ", program);
                if (r < 0 || sanitize_fputs(line, stderr) < 0)
                        fputs("(log line lost: out of memory)", stderr);
                fputc('\n', stderr);
                free(line);
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
