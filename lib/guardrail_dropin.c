/* SPDX-License-Identifier: MIT */
/* See guardrail_dropin.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "guardrail_dropin.h"
#include "template.h"
#include "templates.h"
#include "timespan.h"

static void put_timespan(FILE *f, const char *key, usec_t t) {
        char buf[TIMESPAN_MAX];

        fprintf(f, "%s=%s\n", key, timespan_format(buf, sizeof(buf), t));
}

/* Closes f and strips the last newline: template values carry none. */
static int close_lines(FILE *f, char **buf, size_t *size) {
        if (fclose(f) != 0) {
                free(*buf);
                return -ENOMEM;
        }
        if (*size > 0 && (*buf)[*size - 1] == '\n')
                (*buf)[--*size] = 0;
        return 0;
}

static int render_unit_section(const struct guardrails *g, char **ret) {
        char *buf = NULL;
        size_t size = 0;
        FILE *f = open_memstream(&buf, &size);

        if (!f)
                return -ENOMEM;
        put_timespan(f, "StartLimitIntervalSec", g->start_limit_interval);
        fprintf(f, "StartLimitBurst=%u\n", g->start_limit_burst);
        if (g->start_limit_action)
                fprintf(f, "StartLimitAction=%s\n", g->start_limit_action);
        if (g->on_failure)
                fprintf(f, "OnFailure=%s\n", g->on_failure);
        if (close_lines(f, &buf, &size) < 0)
                return -ENOMEM;
        *ret = buf;
        return 0;
}

static int render_service_section(const struct guardrails *g, char **ret) {
        char *buf = NULL;
        size_t size = 0;
        FILE *f = open_memstream(&buf, &size);

        if (!f)
                return -ENOMEM;
        fprintf(f, "Restart=%s\n", g->restart);
        put_timespan(f, "RestartSec", g->restart_sec);
        if (g->restart_prevent_exit_status)
                fprintf(f, "RestartPreventExitStatus=%s\n", g->restart_prevent_exit_status);
        if (g->restart_steps > 0)
                fprintf(f, "RestartSteps=%u\n", g->restart_steps);
        if (g->restart_max_delay > 0)
                put_timespan(f, "RestartMaxDelaySec", g->restart_max_delay);
        if (close_lines(f, &buf, &size) < 0)
                return -ENOMEM;
        *ret = buf;
        return 0;
}

int guardrail_settings_render(const struct guardrails *g, char **ret_unit, char **ret_service) {
        char *u = NULL, *s = NULL;

        if (render_unit_section(g, &u) < 0)
                return -ENOMEM;
        if (render_service_section(g, &s) < 0) {
                free(u);
                return -ENOMEM;
        }
        *ret_unit = u;
        *ret_service = s;
        return 0;
}

/* A file name may hold a newline: written raw, it would add lines to the drop-in. */
static void put_comment_text(FILE *f, const char *s) {
        for (; *s; s++)
                fputc((unsigned char) *s < 0x20 || *s == 0x7f ? '?' : *s, f);
}

int guardrail_policy_comment(char *const *files, char **ret) {
        char *buf = NULL;
        size_t size = 0;
        FILE *f = open_memstream(&buf, &size);

        if (!f)
                return -ENOMEM;
        if (!files || !files[0])
                fputs("#   (built-in defaults)\n", f);
        for (size_t i = 0; files && files[i]; i++) {
                fputs("#   ", f);
                put_comment_text(f, files[i]);
                fputc('\n', f);
        }
        if (close_lines(f, &buf, &size) < 0)
                return -ENOMEM;
        *ret = buf;
        return 0;
}

static const char *priority_note(const struct guardrails *g) {
        if (g->priority == POLICY_PRIORITY_EARLY)
                return "# This file takes precedence over one of the same name in that directory\n"
                       "# (Priority=early).";
        return "# A file named " GUARDRAIL_DROPIN_NAME " in that directory replaces this one\n"
               "# (Priority=normal).";
}

int guardrail_dropin_render(const struct guardrails *g, const char *unit, enum scope scope,
                            char *const *policy_files, char **ret) {
        const char *override_dir = scope == SCOPE_USER ? "~/.config/systemd/user" : "/etc/systemd/system";
        char *files = NULL, *unit_settings = NULL, *service_settings = NULL;
        int r = -ENOMEM;

        if (guardrail_policy_comment(policy_files, &files) < 0 ||
            guardrail_settings_render(g, &unit_settings, &service_settings) < 0)
                goto finish;

        const struct template_var vars[] = {
                { "VERSION", VERSION },
                { "UNIT", unit },
                { "SCOPE", scope_name(scope) },
                { "SCOPE_FLAG", scope == SCOPE_USER ? "--user " : "" },
                { "POLICY_FILES", files },
                { "OVERRIDE_DIR", override_dir },
                { "PRIORITY_NOTE", priority_note(g) },
                { "UNIT_SETTINGS", unit_settings },
                { "SERVICE_SETTINGS", service_settings },
        };
        r = template_render(template_10_restart_guardrails_conf, vars, sizeof(vars) / sizeof(vars[0]), ret);
finish:
        free(files);
        free(unit_settings);
        free(service_settings);
        return r;
}
