/* SPDX-License-Identifier: MIT */
#pragma once

/* Small helpers the rules share: where to point a finding, how to word a value. */

#include <stdbool.h>

#include "guardkeys.h"
#include "pathutil.h"
#include "rules.h"

struct location {
        const char *file;      /* NULL: nowhere (not-found unit without drop-ins) */
        unsigned line, column;
};

/*
 * Where a finding about an effective value goes: the assignment that set it
 * (column of the value), or, for a default, the [section] header of the
 * fragment (or its first drop-in) where the key belongs, or that file's line 0.
 */
struct location where_value(const struct lint_unit *u, const struct provenance *p, const char *section);

/* The line of the first "[section]" header in f, or 0. */
unsigned section_line(const struct unit_file *f, const char *section);

/* Does the unit restart at all? (The start-limit rules are about restart loops.) */
bool unit_restarts(const struct lint_unit *u);

/* The policy's Restart= for this unit as a mode (RESTART_ON_FAILURE if unparsable). */
enum restart_mode policy_restart(const struct lint_unit *u);

/* "RestartSec=5s" style text of a time value, for messages. */
const char *fmt_usec(char buf[static 64], usec_t t);

/* Is this file a guardrail drop-in (named 10-restart-guardrails.conf)? */
bool is_guardrail_dropin(const char *path);

/* Calls fn for every note of kind, with the note's location (column of the key). */
typedef void (*note_fn)(const struct effective_note *n, const struct location *l, struct findings *out);
void for_each_note(const struct lint_unit *u, enum note_kind kind, note_fn fn, struct findings *out);

/* path relative to the current directory when it is under it, else path itself: what
 * reports and messages show, so that output does not depend on where a checkout lives. */
const char *path_shown(const char *path);

/* From now on path_shown() shows paths under prefix without it (a private temporary
 * directory whose inner names say what it holds). prefix must stay valid. */
void path_shown_hide(const char *prefix);
