/* SPDX-License-Identifier: MIT */
/*
 * HG010 key-near-miss: keys and section names are case-sensitive, and systemd
 * ignores what it does not know ("Unknown key name", once, in the log).
 * "restart=always" and "RestartSecs=10" thus change nothing, and neither does a
 * whole "[service]" section. Reported: every key that no section of a service
 * unit knows (a known key in the wrong section is HG008), and every section other
 * than [Unit], [Service], [Install]; with the closest known spelling when there
 * is one. "X-" keys and sections are for extensions and ignored silently.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "../ruleutil.h"
#include "unitkeys.h"

/* Optimal string alignment distance, ignoring case differences' cost beyond 1. */
static unsigned distance(const char *a, const char *b) {
        size_t n = strlen(a), m = strlen(b);
        unsigned d[3][64];

        if (n >= 63 || m >= 63)
                return 99;
        for (size_t j = 0; j <= m; j++)
                d[0][j] = (unsigned) j;
        for (size_t i = 1; i <= n; i++) {
                unsigned *cur = d[i % 3], *prev = d[(i - 1) % 3], *prev2 = d[(i + 1) % 3];
                cur[0] = (unsigned) i;
                for (size_t j = 1; j <= m; j++) {
                        unsigned cost = a[i - 1] != b[j - 1];
                        unsigned v = prev[j] + 1;
                        if (cur[j - 1] + 1 < v)
                                v = cur[j - 1] + 1;
                        if (prev[j - 1] + cost < v)
                                v = prev[j - 1] + cost;
                        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < v)
                                v = prev2[j - 2] + 1;
                        cur[j] = v;
                }
        }
        return d[n % 3][m];
}

/* The closest of words to s: a case-insensitive match, else within 2 edits (a third of
 * the length for short words). NULL when nothing is that close. */
static const char *closest(const char *s, const char *const *words) {
        const char *best = NULL;
        unsigned best_d = strlen(s) < 6 ? 1 : 2;

        for (size_t i = 0; words && words[i]; i++) {
                if (strcasecmp(s, words[i]) == 0)
                        return words[i];
                unsigned d = distance(s, words[i]);
                if (d <= best_d && (!best || d < best_d)) {
                        best = words[i];
                        best_d = d;
                }
        }
        return best;
}

static bool known_anywhere(const char *key) {
        for (size_t i = 0; unit_key_sections[i]; i++)
                if (unit_key_is_valid(unit_key_sections[i], key))
                        return true;
        return false;
}

static void check_key(const struct unit_file *f, const struct unit_assignment *a, struct findings *out) {
        const char *near = closest(a->key, unit_keys_for_section(a->section));
        unsigned col = a->key_column;

        if (near)
                finding_add(out, f->path, a->line, col,
                            "unknown key %s= in [%s] is ignored by systemd; did you mean %s=?",
                            a->key, a->section, near);
        else
                finding_add(out, f->path, a->line, col, "unknown key %s= in [%s] is ignored by systemd",
                            a->key, a->section);
}

static void check_section(const struct unit_file *f, const struct unit_section *s, struct findings *out) {
        const char *near = closest(s->name, unit_key_sections);

        finding_add(out, f->path, s->line, 1,
                    "unknown section [%s]: systemd ignores it with all its keys%s%s%s", s->name,
                    near ? "; did you mean [" : "", near ? near : "", near ? "]?" : "");
}

void check_key_near_miss(const struct lint_ctx *ctx, const struct lint_unit *u, struct findings *out) {
        for (size_t i = 0; u->eff && i < u->eff->n_files; i++) {
                const struct unit_file *f = u->eff->files[i];
                for (size_t j = 0; j < f->n_sections; j++)
                        if (!unit_keys_for_section(f->sections[j].name) &&
                            strncmp(f->sections[j].name, "X-", 2) != 0)
                                check_section(f, &f->sections[j], out);
                for (size_t j = 0; j < f->n_assignments; j++) {
                        const struct unit_assignment *a = &f->assignments[j];
                        if (unit_keys_for_section(a->section) && strncmp(a->key, "X-", 2) != 0 &&
                            !known_anywhere(a->key) && guard_key_since(a->section, a->key) == 0)
                                check_key(f, a, out);
                }
        }
}
