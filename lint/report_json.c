/* SPDX-License-Identifier: MIT */
/*
 * The JSON report, schema version REPORT_JSON_VERSION, documented in
 * docs/lint-json-schema.md: the run, every unit with its effective values and
 * where each came from, and the findings. Adding members is compatible;
 * renaming, removing or changing the meaning of one bumps the version.
 */
#include "jsonw.h"
#include "report.h"
#include "ruleutil.h"
#include "stash.h"
#include "timespan.h"

static void put_provenance(struct jsonw *w, const struct provenance *p) {
        jsonw_member_string(w, "file", p->file ? path_shown(p->file) : NULL);
        jsonw_member_uint(w, "line", p->file ? p->line : 0);
        jsonw_member_string(w, "source", p->file ? "file" : (p->source ? p->source : "default"));
}

static void put_value(struct jsonw *w, const char *key, const char *value, const struct provenance *p) {
        jsonw_key(w, key);
        jsonw_object_begin(w);
        jsonw_member_string(w, "value", value);
        put_provenance(w, p);
        jsonw_object_end(w);
}

static void put_effective(struct jsonw *w, const struct effective *e) {
        char t[TIMESPAN_MAX], burst[16], statuses[1024];

        jsonw_key(w, "effective");
        jsonw_object_begin(w);
        put_value(w, "Restart", restart_mode_name(e->restart), &e->restart_from);
        put_value(w, "RestartUSec", timespan_format(t, sizeof(t), e->restart_usec), &e->restart_usec_from);
        put_value(w, "StartLimitIntervalUSec", timespan_format(t, sizeof(t), e->start_limit_interval),
                  &e->start_limit_interval_from);
        snprintf(burst, sizeof(burst), "%u", e->start_limit_burst);
        put_value(w, "StartLimitBurst", burst, &e->start_limit_burst_from);
        put_value(w, "StartLimitAction", e->start_limit_action, &e->start_limit_action_from);
        put_value(w, "RestartPreventExitStatus",
                  exit_status_set_format(&e->restart_prevent_exit_status, "", statuses, sizeof(statuses)),
                  &e->restart_prevent_exit_status_from);
        jsonw_object_end(w);
}

static void put_unit(struct jsonw *w, const struct lint_unit *u) {
        jsonw_object_begin(w);
        jsonw_member_string(w, "name", u->name);
        jsonw_member_string(w, "id", u->set->id);
        jsonw_member_string(w, "load_state", load_state_name(u->set->load_state));
        jsonw_member_string(w, "fragment_path", u->set->fragment_path ? path_shown(u->set->fragment_path) : NULL);
        jsonw_key(w, "dropin_paths");
        jsonw_array_begin(w);
        for (size_t i = 0; i < u->set->n_applied; i++)
                jsonw_string(w, path_shown(u->set->applied[i].path));
        jsonw_array_end(w);
        jsonw_key(w, "gateway");
        jsonw_bool(w, u->gateway);
        jsonw_key(w, "hermes_written");
        jsonw_bool(w, u->hermes_written);
        jsonw_member_string(w, "enabled_by", u->enabled_by ? path_shown(u->enabled_by) : NULL);
        if (u->eff)
                put_effective(w, u->eff);
        jsonw_object_end(w);
}

static void put_finding(struct jsonw *w, const struct finding *x) {
        jsonw_object_begin(w);
        jsonw_member_string(w, "rule_id", x->rule->id);
        jsonw_member_string(w, "rule", x->rule->name);
        jsonw_member_string(w, "severity", severity_name(x->severity));
        jsonw_member_string(w, "unit", x->unit);
        jsonw_member_string(w, "profile", x->profile);
        jsonw_member_string(w, "file", x->file ? path_shown(x->file) : NULL);
        jsonw_member_uint(w, "line", x->line);
        jsonw_member_uint(w, "column", x->column);
        jsonw_member_string(w, "message", x->message);
        jsonw_key(w, "fix");
        if (x->fix) {
                jsonw_object_begin(w);
                jsonw_member_string(w, "path", path_shown(x->fix->path));
                jsonw_member_string(w, "content", x->fix->text);
                jsonw_object_end(w);
        } else
                jsonw_null(w);
        jsonw_object_end(w);
}

static void put_strings(struct jsonw *w, const char *key, char *const *l) {
        jsonw_key(w, key);
        jsonw_array_begin(w);
        for (size_t i = 0; l && l[i]; i++)
                jsonw_string(w, path_shown(l[i]));
        jsonw_array_end(w);
}

static void put_summary(struct jsonw *w, const struct lint_run *run) {
        jsonw_key(w, "summary");
        jsonw_object_begin(w);
        jsonw_member_uint(w, "error", lint_count(run, SEVERITY_ERROR));
        jsonw_member_uint(w, "warning", lint_count(run, SEVERITY_WARNING) - lint_count(run, SEVERITY_ERROR));
        jsonw_member_uint(w, "info", lint_count(run, SEVERITY_INFO) - lint_count(run, SEVERITY_WARNING));
        jsonw_object_end(w);
}

void report_json_unit(FILE *out, const struct lint_unit *u, size_t index) {
        struct jsonw w;

        /* In place: the second level of the document ("units": [...]), after index units. */
        jsonw_init(&w, out);
        w.depth = 2;
        w.n_items[1] = (unsigned) index;
        put_unit(&w, u);
}

/* Streaming runs wrote each unit's part as it was linted (report_json_unit()). */
static void put_units(struct jsonw *w, const struct lint_run *run) {
        if (!run->streaming) {
                for (size_t i = 0; i < run->ctx.n_units; i++)
                        put_unit(w, &run->ctx.units[i]);
                return;
        }
        for (size_t i = 0; i < run->n_unit_json; i++)
                stash_copy_text(run->stash, run->unit_json[2 * i], run->unit_json[2 * i + 1], w->f);
        w->n_items[w->depth - 1] = (unsigned) run->n_unit_json;
}

void report_json(FILE *out, const struct lint_run *run) {
        struct jsonw w;

        jsonw_init(&w, out);
        jsonw_object_begin(&w);
        jsonw_member_string(&w, "format", "hermes-unit-lint");
        jsonw_member_uint(&w, "version", REPORT_JSON_VERSION);
        jsonw_member_string(&w, "tool_version", VERSION);
        jsonw_member_string(&w, "scope", scope_name(run->ctx.scope));
        jsonw_member_uint(&w, "systemd_version", run->ctx.systemd_version);
        put_strings(&w, "policy_files", run->policy->files);
        put_strings(&w, "search_path", run->ctx.search_path);
        jsonw_key(&w, "units");
        jsonw_array_begin(&w);
        put_units(&w, run);
        jsonw_array_end(&w);
        jsonw_key(&w, "findings");
        jsonw_array_begin(&w);
        struct lint_cursor c;
        const struct finding *x;
        lint_cursor_init(&c, run);
        while ((x = lint_cursor_next(&c)))
                put_finding(&w, x);
        lint_cursor_done(&c);
        jsonw_array_end(&w);
        put_summary(&w, run);
        jsonw_object_end(&w);
        jsonw_finish(&w);
}
