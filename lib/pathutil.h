/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Path strings, the one copy of each helper the generator and the linter share.
 * All are lexical (they look at the text only) unless said otherwise.
 */

#include <stdbool.h>

/*
 * The last component of path: what follows the last '/', or path itself when it
 * has none. Points into path. "a/b/" gives "" (as the old copies did; no caller
 * passes a trailing slash). Never NULL.
 */
const char *path_basename(const char *path);

/*
 * The directory part of path: "." for a bare name, "/" for "/x". Returns a
 * malloc'd string or NULL on -ENOMEM.
 */
char *path_dirname(const char *path);

/*
 * systemd's path_startswith(): when path is dir or lies below it, what follows dir
 * and the slashes after it ("" for dir itself); NULL when not, or when dir is "".
 * Trailing slashes of dir do not count, and "/" holds every absolute path:
 *   path_startswith("/home/u/.config", "/home/u/") == ".config"
 *   path_startswith("/home/user2", "/home/u")      == NULL
 * Points into path.
 */
const char *path_startswith(const char *path, const char *dir);

/* Is path dir itself or below it (path_startswith() != NULL)? */
bool path_is_under(const char *path, const char *dir);

/*
 * path made absolute against the current directory, with "" and "." components
 * dropped and ".." taken lexically (it drops the component before it; "/.." is
 * "/"). Symlinks are not looked at: for comparing paths given on the command line
 * with search path entries, and link targets with directories.
 *   path_abs_clean("/a//b/./c/../d/") == "/a/b/d"
 * Returns a malloc'd string, or NULL on -ENOMEM or when a relative path meets an
 * unknown current directory.
 */
char *path_abs_clean(const char *path);

/*
 * Python's Path.resolve(strict=False) (posixpath.realpath), what Hermes does to a
 * cron job's script path: made absolute like path_abs_clean(), but each component
 * that is a symlink is replaced by its target as it is met, so ".." after a link
 * leaves the link's target, not the link. Components that do not exist are taken
 * as written; after 40 links (the kernel's own limit) the rest is taken as
 * written too (Python gives up on a loop). Reads the file system (readlink()).
 * Returns 0 with a malloc'd string in *ret, -ENOMEM, or getcwd()'s -errno.
 */
int path_resolve(const char *path, char **ret);
