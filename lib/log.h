/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Logging for the programs (never called from other lib/ modules), as systemd's
 * own tools and generators log:
 * - to stderr as "program: message"; when stderr is the journal ($JOURNAL_STREAM
 *   holds the "device:inode" of fd 2, as the service manager sets it) every line
 *   starts with its priority, "<3>" for an error ... "<7>" for debug
 *   (sd-daemon(3)), so that `journalctl -p err` finds it;
 * - the message sanitised (sanitize.h: secrets redacted, control characters
 *   escaped, so a message stays one line);
 * - a system generator (log_setup_generator() with SYSTEMD_SCOPE=system) to the
 *   kernel log, /dev/kmsg, as "<facility|priority>program[pid]: message", as
 *   systemd's generators do (the journal may not run yet). When kmsg cannot be
 *   opened, stderr. $HERMES_GUARDRAILS_KMSG names another file for /dev/kmsg:
 *   a test hook, so that no test writes into the host's kernel log.
 * The threshold comes from $SYSTEMD_LOG_LEVEL (emerg..debug or 0..7), default "info".
 */

#include <stdarg.h>
#include <stdbool.h>
#include <syslog.h>

#include "diag.h"

void log_setup(const char *program_name);
/* log_setup(), and the kernel log as target for a system generator that is not
 * run by hand (interactive: --print and the like keep stderr). */
void log_setup_generator(const char *program_name, bool interactive);
int log_get_max_level(void);
void log_set_max_level(int level);
/* Parses "debug", "7", ... Returns the level or -EINVAL. */
int log_level_from_string(const char *s);

/* Logs at level when enabled. Returns -abs(error) if error != 0, else 0, so
 * callers can write: return log_error_errno(r, "Failed to ...: %m");
 * "%m" expands to strerror(abs(error)). */
int log_full_errno(int level, int error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#define log_debug(...)   log_full_errno(LOG_DEBUG, 0, __VA_ARGS__)
#define log_info(...)    log_full_errno(LOG_INFO, 0, __VA_ARGS__)
#define log_notice(...)  log_full_errno(LOG_NOTICE, 0, __VA_ARGS__)
#define log_warning(...) log_full_errno(LOG_WARNING, 0, __VA_ARGS__)
#define log_error(...)   log_full_errno(LOG_ERR, 0, __VA_ARGS__)
#define log_warning_errno(e, ...) log_full_errno(LOG_WARNING, (e), __VA_ARGS__)
#define log_error_errno(e, ...)   log_full_errno(LOG_ERR, (e), __VA_ARGS__)

/* Prints each diagnostic as "file:line: level: message" (or "file: ..." when line is 0)
 * at the matching syslog level, each cause once: an exact repeat is not printed
 * again, and past 10 messages of one code about one file the rest are counted. */
void log_diags(const struct diag_list *l);
/* Says what log_diags() held back ("and 3999 more errors like the above", "(said
 * above; 999 more times)") and forgets it. log_setup() runs it at exit. */
void log_diags_flush(void);
