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
