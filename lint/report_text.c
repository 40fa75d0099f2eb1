/* SPDX-License-Identifier: MIT */
/* The text report: one line per finding, as gcc and mandoc print diagnostics. File
 * names and messages (which quote job names, scripts, values) are sanitised
 * (sanitize.h): a finding stays one line, and the terminal gets no control sequence
 * but our colours. */
#include "report.h"
#include "sanitize.h"
#include "ruleutil.h"

#define ANSI_BOLD  "\033[1m"
#define ANSI_RESET "\033[0m"

static const char *severity_color(enum severity s) {
        switch (s) {
        case SEVERITY_ERROR:   return "\033[1;31m";
        case SEVERITY_WARNING: return "\033[1;35m";
        default:               return "\033[1;36m";
        }
}

static void put_location(FILE *out, const struct finding *x) {
        if (!x->file)
                fputs("hermes-unit-lint", out);
        else if (x->line == 0)
                sanitize_fputs(path_shown(x->file), out);
        else
                sanitize_fprintf(out, "%s:%u:%u", path_shown(x->file), x->line, x->column);
}

void report_text(FILE *out, const struct lint_run *run, bool color) {
        struct lint_cursor c;
        const struct finding *x;

        lint_cursor_init(&c, run);
        while ((x = lint_cursor_next(&c))) {
                if (color)
                        fputs(ANSI_BOLD, out);
                put_location(out, x);
                fprintf(out, ":%s ", color ? ANSI_RESET : "");
                fprintf(out, "%s%s:%s ", color ? severity_color(x->severity) : "",
                        severity_name(x->severity), color ? ANSI_RESET : "");
                sanitize_fputs(x->message, out);
                fprintf(out, " [%s %s]\n", x->rule->id, x->rule->name);
        }
        lint_cursor_done(&c);
}

void report_brief(FILE *out, const struct lint_run *run) {
        struct lint_cursor c;
        const struct finding *x;

        lint_cursor_init(&c, run);
        while ((x = lint_cursor_next(&c))) {
                sanitize_fprintf(out, "%s: %s \u2014 see hermes-unit-lint --live", x->unit ? x->unit :
                                 x->profile ? x->profile : "hermes", x->brief ? x->brief : x->message);
                fputc('\n', out);
        }
        lint_cursor_done(&c);
}
