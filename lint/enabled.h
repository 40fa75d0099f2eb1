/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * The "enabled" links of a search path: every entry of every *.wants/ and
 * *.requires/ dir directly in one of its dirs (what `systemctl enable` makes),
 * read once per run. Looking a unit up costs a binary search per name instead of
 * a re-read of every search path dir per unit.
 */

#include <stddef.h>

#include "unitset.h"

struct enabled_links;

/* Reads the links in the index's .wants/.requires dirs (unit_index_dep_dirs(),
 * highest priority first). Unreadable dirs are skipped. Returns 0 and *ret, or
 * -ENOMEM. */
int enabled_links_load(const struct unit_index *idx, struct enabled_links **ret);
void enabled_links_free(struct enabled_links *l);

/*
 * "<search dir>/<x>.wants/<name>" for the first link to any of names, in the order
 * search path dir, then *.wants/ and *.requires/ dirs sorted by name, then names
 * in their order. Returns a malloc'd path, or NULL when there is none (or on
 * -ENOMEM).
 */
char *enabled_links_find(const struct enabled_links *l, char *const *names);

/* The name of the i-th link, sorted by name (a name once per dir holding it), or
 * NULL past the last. */
const char *enabled_links_name(const struct enabled_links *l, size_t i);
