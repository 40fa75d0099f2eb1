/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * stderr logging for the programs (never called from other lib/ modules).
 * Under systemd a generator's stderr goes to the journal, so lines are plain
 * "program: message", the message sanitised (sanitize.h: secrets redacted,
 * control characters escaped, so a line stays one line). The threshold comes from $SYSTEMD_LOG_LEVEL
 * (emerg..debug or 0..7), default "info".
 */

#include <stdarg.h>
#include <syslog.h>

#include "diag.h"

void log_setup(const char *program_name);
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
 * at the matching syslog level. */
void log_diags(const struct diag_list *l);
