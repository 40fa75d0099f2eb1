/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Reading one unit file or drop-in with systemd's syntax (src/shared/conf-parser.c,
 * checked against systemd 252): "[Section]" headers, "#" and ";" comment lines, a
 * trailing backslash continues the value on the next line (it becomes a space and
 * the next line is appended as is; comment lines inside a continuation are
 * skipped), the first UTF-8 BOM at the start of a line is skipped, lines end at
 * LF, CR, CRLF, LFCR or NUL, surrounding whitespace is stripped, keys and section
 * names are case-sensitive, one line may hold less than UNITFILE_LINE_MAX bytes.
 * Nothing is interpreted: the result is the ordered list of assignments, each
 * with the line it starts on and the columns of its key and value; diagnostics
 * carry line and column too. Columns count bytes from the start of the line
 * (after a byte order mark), whichever line end the file uses: a file with CR
 * line ends gets the same positions as the same file with LF ends.
 *
 * inih is NOT used here: it cannot parse unit files faithfully.
 */

#include <stddef.h>

#include "diag.h"

/* systemd's LONG_LINE_MAX: a line this long or longer (also once continued lines
 * are joined: more than this) makes systemd stop reading the file there. */
#define UNITFILE_LINE_MAX (1024u * 1024u)

struct unit_assignment {
        char *section;      /* never NULL: assignments outside a section are dropped (with a diag) */
        char *key;          /* as written, whitespace-stripped */
        char *value;        /* joined continuation, whitespace-stripped; "" is an empty assignment */
        unsigned line;      /* 1-based line of the key (the first line of a continued line;
                             * systemd's own messages name the last one) */
        unsigned key_column;    /* 1-based byte column of the key on that line */
        unsigned value_column;  /* of the value's first byte (past '=' and blanks; for an
                                 * empty value, where it would start) */
};

struct unit_section {
        char *name;
        unsigned line;
};

struct unit_comment {
        char *text;         /* the line, surrounding whitespace stripped, including the '#'/';' */
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
        int refused;            /* 0, or why systemd stopped reading at refused_line:
                                 * -ENOBUFS, -EBADMSG or -EINVAL (see unitfile_parse()) */
        unsigned refused_line;  /* 1-based; 0 when not refused */
};

/*
 * Parses data (size bytes, need not be NUL-terminated) as if read from path.
 * Lines systemd ignores with a warning (no '=', nothing before '=', an assignment
 * before any section) are reported as DIAG_MISSING_EQUALS, DIAG_MISSING_KEY,
 * DIAG_OUTSIDE_SECTION warnings and skipped. Assignments in any section are
 * kept, also in sections systemd does not know ("[]" is the section "").
 *
 * Some lines make systemd stop reading the file (config_parse() returns an error).
 * The file is then returned as far as it was read: f->refused says why,
 * f->refused_line where, and the assignments, sections and comments are only
 * those before that line; an error, with one of these codes, names the line:
 *   -ENOBUFS  DIAG_LINE_TOO_LONG: a line of UNITFILE_LINE_MAX bytes or more, or
 *             continued lines longer than that once joined
 *   -EBADMSG  DIAG_BAD_SECTION: a section header with text after the ']', or a name
 *             with a quote, backslash or control character
 *   -EINVAL   DIAG_INVALID_UTF8: a non-comment line that is not valid UTF-8 (systemd's
 *             rules: no overlong forms, surrogates, U+FDD0..U+FDEF, U+xFFFE/xFFFF)
 * What the stop means depends on the file (seen with systemd 252): in a unit file
 * the unit fails to load (LoadState=error), though the lines before the bad one
 * were applied; in a drop-in the lines before it apply and the unit loads; in
 * user.conf the lines before it apply and no later config file is read.
 * Returns 0 and *ret, or -ENOMEM.
 */
int unitfile_parse(const char *path, const char *data, size_t size, struct unit_file **ret,
                   struct diag_list *diags);

/* fileio_read() (FILEIO_MAX_SIZE) then unitfile_parse(). Errors of fileio_read() are
 * returned as is (no file) and also added as a DIAG_UNREADABLE error naming the file (line 0).
 * Note: a NUL byte makes fileio_read() fail with -EILSEQ, while systemd would read
 * it as a line end; a unit file with a NUL is surely not what its author meant. */
int unitfile_load(const char *path, struct unit_file **ret, struct diag_list *diags);

void unitfile_free(struct unit_file *f);
