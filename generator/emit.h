/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Writing <dir>/<unit>.d/<name> atomically: a temporary file created exclusively
 * in the same directory, written, flushed and checked, then renamed over the
 * target. Symlinks are never followed: neither <unit>.d nor the file may be one.
 * Nothing is written outside dir.
 */

/* Returns 0, -EINVAL when unit or name would leave dir, or -errno. */
int emit_dropin(const char *dir, const char *unit, const char *name, const char *text);
