/* SPDX-License-Identifier: MIT */
/* See ruleutil.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "guardrail_dropin.h"
#include "ruleutil.h"
#include "timespan.h"

unsigned section_line(const struct unit_file *f, const char *section) {
        for (size_t i = 0; f && i < f->n_sections; i++)
                if (strcmp(f->sections[i].name, section) == 0)
                        return f->sections[i].line;
        return 0;
}

struct location where_value(const struct lint_unit *u, const struct provenance *p, const char *section) {
        const struct effective *e = u->eff;

        if (p && p->file)
                return (struct location) {
                        p->file, p->line, p->column,
                };
        /* A default: point at the file where the key would have to go. */
        for (size_t i = 0; e && i < e->n_files; i++) {
                unsigned line = section_line(e->files[i], section);
                if (line > 0)
                        return (struct location) { e->files[i]->path, line, 1 };
        }
        if (e && e->n_files > 0)
                return (struct location) { e->files[0]->path, 0, 0 };
        if (u->set && u->set->fragment_path)
                return (struct location) { u->set->fragment_path, 0, 0 };
        return (struct location) {};
}

bool unit_restarts(const struct lint_unit *u) {
        return u->eff && u->eff->restart != RESTART_NO;
}

enum restart_mode policy_restart(const struct lint_unit *u) {
        int m = u->guard.restart ? restart_mode_from_string(u->guard.restart) : -1;

        return m < 0 ? RESTART_ON_FAILURE : (enum restart_mode) m;
}

const char *fmt_usec(char buf[static 64], usec_t t) {
        return timespan_format(buf, 64, t);
}

bool is_guardrail_dropin(const char *path) {
        return strcmp(path_basename(path), GUARDRAIL_DROPIN_NAME) == 0;
}

void for_each_note(const struct lint_unit *u, enum note_kind kind, note_fn fn, struct findings *out) {
        for (size_t i = 0; u->eff && i < u->eff->n_notes; i++) {
                const struct effective_note *n = &u->eff->notes[i];
                if (n->kind != kind)
                        continue;
                struct location l = { n->file->path, n->assignment->line, n->assignment->key_column };
                fn(n, &l, out);
        }
}

static const char *hidden_prefix;

void path_shown_hide(const char *prefix) {
        hidden_prefix = prefix;
}

const char *path_shown(const char *path) {
        static char *cwd;
        static bool cwd_done;

        const char *below;

        if (path && hidden_prefix && (below = path_startswith(path, hidden_prefix)) && *below)
                return below;
        if (!cwd_done) {
                cwd = getcwd(NULL, 0);
                cwd_done = true;
        }
        /* Not below "/": every absolute path is, and would lose its leading slash. */
        if (path && path[0] == '/' && cwd && strcmp(cwd, "/") != 0 && (below = path_startswith(path, cwd)) && *below)
                return below;
        return path;
}
