/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * The "enabled" links of a search path: every entry of every *.wants/ and
 * *.requires/ dir directly in one of its dirs (what `systemctl enable` makes),
 * read once per run. Looking a unit up costs a binary search per name instead of
 * a re-read of every search path dir per unit.
 */

struct enabled_links;

/* Reads the links of search_path (highest priority first). Unreadable dirs are
 * skipped. Returns 0 and *ret, or -ENOMEM. */
int enabled_links_load(char *const *search_path, struct enabled_links **ret);
void enabled_links_free(struct enabled_links *l);

/*
 * "<search dir>/<x>.wants/<name>" for the first link to any of names, in the order
 * search path dir, then *.wants/ and *.requires/ dirs sorted by name, then names
 * in their order. Returns a malloc'd path, or NULL when there is none (or on
 * -ENOMEM).
 */
char *enabled_links_find(const struct enabled_links *l, char *const *names);
