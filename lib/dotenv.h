/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Reading a Hermes .env file the way Hermes does: python-dotenv 1.x
 * (dotenv/parser.py) on a file opened in Python text mode.
 *
 *   - line ends: "\r\n" and a lone "\r" count as "\n" (universal newlines);
 *     NUL bytes are dropped (Hermes strips them before python-dotenv reads .env);
 *   - blank lines and whitespace between statements are skipped;
 *   - "# ..." is a comment; an optional "export " prefix;
 *   - KEY is 'quoted' or a run of characters other than '=', '#', whitespace;
 *   - KEY=value: spaces around '=' are allowed;
 *       'single quoted': may span lines; \\ and \' are unescaped;
 *       "double quoted": may span lines; \\ \' \" \a \b \f \n \r \t \v unescaped;
 *       unquoted: the rest of the line, cut at the first whitespace followed by
 *       '#', right-stripped ("KEY= #x" is the value "#x", as in python-dotenv);
 *     after a quoted value only whitespace and a "# comment" may follow;
 *   - KEY alone (no '='): an entry with value NULL (load_dotenv() sets nothing);
 *   - a statement that does not parse is skipped up to the end of its line
 *     (python-dotenv only warns); a DIAG_DOTENV_SYNTAX names the line;
 *   - a UTF-8 BOM is NOT skipped: python-dotenv reads it as part of the first key
 *     (Hermes opens .env as "utf-8", not "utf-8-sig"); a DIAG_DOTENV_BOM
 *     says so, and the first key keeps the BOM bytes, as in Hermes.
 * Values are kept raw: "${VAR}" interpolation is a separate step
 * (dotenv_interpolate()), because it depends on the environment.
 *
 * Values are secrets. No diagnostic ever contains a value, and dotenv_free()
 * wipes them.
 */

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

struct dotenv_entry {
        char *key;
        char *value;      /* NULL: "KEY" without '=' */
        unsigned line;    /* 1-based line of the key */
        unsigned key_column;    /* 1-based byte column of the key (after "export ") */
        unsigned value_column;  /* of the value (its opening quote, if any); 0: no '=' */
};

struct dotenv {
        char *path;
        struct dotenv_entry *entries;  /* in file order; a key may repeat (the last wins) */
        size_t n_entries;
};

/* Parses data (size bytes, need not be NUL-terminated) as if read from path.
 * Returns 0 and *ret, or -ENOMEM. */
int dotenv_parse(const char *path, const char *data, size_t size, struct dotenv **ret,
                 struct diag_list *diags);

/* fileio_read() then dotenv_parse(). A missing file is -ENOENT without a diag
 * (a profile may have no .env); other read errors are returned and added as a
 * DIAG_UNREADABLE naming the file. */
int dotenv_load(const char *path, struct dotenv **ret, struct diag_list *diags);

/* Wipes the values and frees d. Accepts NULL. */
void dotenv_free(struct dotenv *d);

/* The entry that wins for key (its last one), or NULL when there is none or
 * when that last one has no '=' (load_dotenv() then sets nothing). */
const struct dotenv_entry *dotenv_get(const struct dotenv *d, const char *key);

/*
 * e->value after python-dotenv's interpolation (load_dotenv(override=True)):
 * "${NAME}" and "${NAME:-default}" take the value NAME had earlier in the same
 * file. When NAME is not set earlier in the file, its value comes from the
 * process environment at run time, which a linter cannot know: -ENXIO.
 * Only the entries e refers to (directly or not) are resolved.
 * Returns 0 and a malloc'd string, -ENXIO, -EINVAL (e->value is NULL), -E2BIG (e
 * and the values it refers to would exceed FILEIO_MAX_SIZE in all: other entries
 * are not affected), -ENOMEM.
 */
int dotenv_interpolate(const struct dotenv *d, const struct dotenv_entry *e, char **ret);
