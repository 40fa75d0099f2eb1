/* SPDX-License-Identifier: MIT */
/* The text report: one line per finding, as gcc and mandoc print diagnostics. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report.h"

#define ANSI_BOLD  "\033[1m"
#define ANSI_RESET "\033[0m"

static const char *severity_color(enum severity s) {
        switch (s) {
        case SEVERITY_ERROR:   return "\033[1;31m";
        case SEVERITY_WARNING: return "\033[1;35m";
        default:               return "\033[1;36m";
        }
}

const char *report_path(const char *path) {
        static char *cwd;
        static bool cwd_done;

        if (!cwd_done) {
                cwd = getcwd(NULL, 0);
                cwd_done = true;
        }
        size_t n = cwd ? strlen(cwd) : 0;
        if (path && path[0] == '/' && n > 1 && strncmp(path, cwd, n) == 0 && path[n] == '/')
                return path + n + 1;
        return path;
}

static void put_location(FILE *out, const struct finding *x) {
        if (!x->file)
                fputs("hermes-unit-lint", out);
        else if (x->line == 0)
                fputs(report_path(x->file), out);
        else
                fprintf(out, "%s:%u:%u", report_path(x->file), x->line, x->column);
}

void report_text(FILE *out, const struct lint_run *run, bool color) {
        for (size_t i = 0; i < run->findings.n; i++) {
                const struct finding *x = &run->findings.items[i];
                if (color)
                        fputs(ANSI_BOLD, out);
                put_location(out, x);
                fprintf(out, ":%s ", color ? ANSI_RESET : "");
                fprintf(out, "%s%s:%s %s [%s %s]\n", color ? severity_color(x->severity) : "",
                        severity_name(x->severity), color ? ANSI_RESET : "", x->message,
                        x->rule->id, x->rule->name);
        }
}
