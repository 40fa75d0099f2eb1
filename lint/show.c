/* SPDX-License-Identifier: MIT */
/* See show.h. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "sanitize.h"
#include "show.h"

static void show_source(FILE *out, const char *property, const struct provenance *p) {
        if (p->file || (p->source && p->line > 0)) {
                sanitize_fprintf(out, "%s.source=%s:%u", property, p->file ? p->file : p->source,
                                 p->line);
                fputc('\n', out);
        } else
                fprintf(out, "%s.source=default\n", property);
}

static void show_value(FILE *out, bool provenance, const char *property, const char *value,
                       const struct provenance *p) {
        sanitize_fprintf(out, "%s=%s", property, value);
        fputc('\n', out);
        if (provenance)
                show_source(out, property, p);
}

/* A unit whose fragment is refused or unreadable has no drop-ins read:
 * DropInPaths= is empty (seen on 252). */
static void show_unit(FILE *out, const struct effective *e) {
        const struct unitset *u = e->unit;

        fputs("Id=", out);
        sanitize_fputs(u->id, out);
        fputs("\nNames=", out);
        for (size_t i = 0; u->names && u->names[i]; i++) {
                fputs(i ? " " : "", out);
                sanitize_fputs(u->names[i], out);
        }
        const char *load_state = effective_load_state(e);
        bool fragment_shown = u->fragment_path && strcmp(load_state, "not-found") != 0;
        fprintf(out, "\nLoadState=%s\nFragmentPath=", load_state);
        sanitize_fputs(fragment_shown ? u->fragment_path : "", out);
        fputs("\nDropInPaths=", out);
        for (size_t i = 0; !e->fragment_refused && !e->fragment_error && i < u->n_applied; i++) {
                fputs(i ? " " : "", out);
                sanitize_fputs(u->applied[i].path, out);
        }
        fputc('\n', out);
}

int lint_show(FILE *out, const struct effective *e, bool provenance) {
        char t[TIMESPAN_MAX], n[32], s[EXIT_STATUS_SET_FORMAT_MAX];

        show_unit(out, e);
        show_value(out, provenance, "Restart", restart_mode_name(e->restart), &e->restart_from);
        show_value(out, provenance, "RestartUSec", timespan_format(t, sizeof(t), e->restart_usec),
                   &e->restart_usec_from);
        show_value(out, provenance, "StartLimitIntervalUSec",
                   timespan_format(t, sizeof(t), e->start_limit_interval), &e->start_limit_interval_from);
        snprintf(n, sizeof(n), "%u", e->start_limit_burst);
        show_value(out, provenance, "StartLimitBurst", n, &e->start_limit_burst_from);
        show_value(out, provenance, "StartLimitAction", e->start_limit_action, &e->start_limit_action_from);
        show_value(out, provenance, "RestartPreventExitStatus",
                   exit_status_set_format(&e->restart_prevent_exit_status, "", s, sizeof(s)),
                   &e->restart_prevent_exit_status_from);
        return ferror(out) ? -EIO : 0;
}
