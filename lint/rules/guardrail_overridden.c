/* SPDX-License-Identifier: MIT */
/*
 * HG015 guardrail-overridden: the guardrail drop-in (10-restart-guardrails.conf,
 * written by the generator or by hand) only counts if systemd applies it and
 * nothing after it undoes it. Three ways it loses, each named with the file that
 * wins and why:
 *   - masked: a /dev/null symlink of the same name in a higher-priority directory;
 *   - shadowed: a file of the same name in a higher-priority directory (what
 *     Priority=normal allows for /etc and ~/.config on purpose);
 *   - overridden: a drop-in applied later (drop-ins of all directories are applied
 *     in file name order, "override.conf" from systemctl edit sorts after
 *     "10-...") assigns another value.
 * Overriding one value is also the documented way to adjust a unit (the drop-in's
 * own header suggests 20-local.conf), so this is information: when the value that
 * wins breaks the policy, the value rules (HG001-HG007) report it as well, at the
 * same place, and this finding says why that file wins.
 */
#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "parseutil.h"
#include "../ruleutil.h"

static void report_hidden(const struct lint_unit *u, struct findings *out) {
        for (size_t i = 0; i < u->set->n_hidden; i++) {
                const struct unit_dropin *d = &u->set->hidden[i];
                if (!is_guardrail_dropin(d->path) || !d->winner)
                        continue;
                if (d->state == DROPIN_MASKED)
                        finding_add(out, d->winner, 0, 0,
                                    "masks the guardrail drop-in %s: a /dev/null link of the same name in a "
                                    "higher-priority directory hides it, so its guardrails do not apply",
                                    path_shown(d->path));
                else
                        finding_add(out, d->winner, 0, 0,
                                    "replaces the guardrail drop-in %s: a file of the same name in a "
                                    "higher-priority directory wins over it (to change one value, use "
                                    "another name that sorts after it, e.g. 20-local.conf)", path_shown(d->path));
        }
}

/* The last assignment of section/key in f, or NULL. */
static const struct unit_assignment *last_assignment(const struct unit_file *f, const char *section,
                                                     const char *key) {
        const struct unit_assignment *found = NULL;

        for (size_t i = 0; i < f->n_assignments; i++)
                if (strcmp(f->assignments[i].section, section) == 0 && strcmp(f->assignments[i].key, key) == 0)
                        found = &f->assignments[i];
        return found;
}

static size_t file_index(const struct effective *e, const char *path) {
        for (size_t i = 0; path && i < e->n_files; i++)
                if (strcmp(e->files[i]->path, path) == 0)
                        return i;
        return SIZE_MAX;
}

/* Does the effective value of k differ from what the guardrail's assignment says?
 * false when the value does not parse, and for lists (each later assignment adds to
 * them: no one file "wins"). */
static bool differs(const struct effective *e, const struct guard_key *k, const char *value) {
        const void *field = guard_cfield(e, k->merge_offset);
        unsigned long long n;
        usec_t t;
        int m;

        switch (k->type) {
        case GUARD_TYPE_RESTART:
                return (m = restart_mode_from_string(value)) >= 0 && (enum restart_mode) m != *(const enum restart_mode *) field;
        case GUARD_TYPE_TIMESPAN:
                return timespan_parse(value, USEC_PER_SEC, &t) >= 0 && t != *(const usec_t *) field;
        case GUARD_TYPE_UNSIGNED:
                return parse_unsigned(value, UINT_MAX, &n) >= 0 && n != *(const unsigned *) field;
        case GUARD_TYPE_ACTION:
                return strcmp(value, *(char *const *) field) != 0;
        default:
                return false;
        }
}

/* The guardrail keys the drop-in writes whose winner the merge records. */
static bool is_checked(const struct guard_key *k) {
        return k->section && k->policy_offset != GUARD_NO_FIELD && k->merge_offset != GUARD_NO_FIELD &&
               k->from_offset != GUARD_NO_FIELD && k->type != GUARD_TYPE_EXIT_STATUS;
}

static void report_later(const struct lint_unit *u, size_t g, struct findings *out) {
        const struct effective *e = u->eff;
        const struct unit_file *gf = e->files[g];

        for (size_t i = 0; i < n_guard_keys; i++) {
                const struct guard_key *k = &guard_keys[i];
                if (!is_checked(k))
                        continue;
                const struct unit_assignment *a = last_assignment(gf, k->section, k->key);
                const struct provenance *p = guard_cfield(e, k->from_offset);
                size_t w = file_index(e, p->file);
                if (!a || w == SIZE_MAX || w <= g || !differs(e, k, a->value))
                        continue;
                struct location l = where_value(u, p, k->section);
                finding_add(out, l.file, l.line, l.column,
                            "overrides %s=%s of the guardrail drop-in %s:%u: drop-ins are applied in file "
                            "name order across all directories and \"%s\" sorts after \"%s\", so this "
                            "value wins", a->key, a->value, path_shown(gf->path), a->line, path_basename(l.file),
                            path_basename(gf->path));
        }
}

void check_guardrail_overridden(const struct lint_ctx *ctx, const struct lint_unit *u, struct findings *out) {
        if (!u->set || !u->eff)
                return;
        report_hidden(u, out);
        /* files[0] of a loaded unit is the fragment, not a drop-in. */
        for (size_t g = u->set->load_state == LOAD_LOADED ? 1 : 0; g < u->eff->n_files; g++)
                if (is_guardrail_dropin(u->eff->files[g]->path))
                        report_later(u, g, out);
}
