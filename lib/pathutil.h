/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Path strings, the one copy of each helper the generator and the linter share.
 * All are lexical (they look at the text only) unless said otherwise.
 */

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
