/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Reading one unit file or drop-in with systemd's syntax (src/shared/conf-parser.c):
 * "[Section]" headers, "#" and ";" comment lines, a trailing backslash continues
 * the value on the next line (comment lines inside a continuation are skipped),
 * a UTF-8 BOM at the start is skipped, CRLF and surrounding whitespace are
 * stripped, keys and section names are case-sensitive, one line may hold at most
 * UNITFILE_LINE_MAX bytes. Nothing is interpreted: the result is the ordered list
 * of assignments, each with the line it starts on.
 *
 * inih is NOT used here: it cannot parse unit files faithfully.
 */

#include <stddef.h>

#include "diag.h"

/* systemd's LONG_LINE_MAX: a longer line makes the whole file fail to load. */
#define UNITFILE_LINE_MAX (1024u * 1024u)

struct unit_assignment {
        char *section;      /* never NULL: assignments outside a section are dropped (with a diag) */
        char *key;          /* as written, whitespace-stripped */
        char *value;        /* joined continuation, whitespace-stripped; "" is an empty assignment */
        unsigned line;      /* 1-based line of the key */
};

struct unit_section {
        char *name;
        unsigned line;
};

struct unit_comment {
        char *text;         /* the line after its leading whitespace, including the '#'/';' */
        unsigned line;
};

struct unit_file {
        char *path;
        struct unit_assignment *assignments;
        size_t n_assignments;
        struct unit_section *sections;
        size_t n_sections;
        struct unit_comment *comments;  /* for "# hermes-unit-lint: disable=..." */
        size_t n_comments;
};

/*
 * Parses data (size bytes, need not be NUL-terminated) as if read from path.
 * Lines systemd would ignore (no '=', assignment before any section, bad section
 * header) are reported as DIAG_WARNING with codes "missing-equals",
 * "outside-section", "bad-section" and skipped, as systemd does.
 * Returns 0 and *ret, or:
 *   -ENOBUFS  a line longer than UNITFILE_LINE_MAX (systemd refuses the file; a
 *             DIAG_ERROR "line-too-long" names the line)
 *   -ENOMEM
 */
int unitfile_parse(const char *path, const char *data, size_t size, struct unit_file **ret,
                   struct diag_list *diags);

/* fileio_read() then unitfile_parse(). Errors of fileio_read() are returned as is
 * and also added as a DIAG_ERROR "unreadable" naming the file. */
int unitfile_load(const char *path, struct unit_file **ret, struct diag_list *diags);

void unitfile_free(struct unit_file *f);
