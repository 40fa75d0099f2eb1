/* SPDX-License-Identifier: MIT */
/* See status.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hermes/identity.h"
#include "jsonw.h"
#include "log.h"
#include "ruleutil.h"
#include "status.h"
#include "strv.h"
#include "sanitize.h"

struct row {
        const char *profile;           /* NULL: a unit of no profile */
        const char *unit;
        const struct live_unit *lu;    /* NULL: the manager does not know it */
        const struct lint_unit *u;     /* NULL: not on the search path */
};

enum { COL_PROFILE, COL_UNIT, COL_ENABLED, COL_STATE, COL_RESTARTS, COL_EXIT, COL_GUARDRAIL, COL_LINGER, _COL_MAX };
static const char *const headers[_COL_MAX] = {
        "PROFILE", "UNIT", "ENABLED", "STATE", "RESTARTS", "LAST EXIT", "GUARDRAIL", "LINGER",
};

static const struct lint_unit *unit_named(const struct lint_ctx *c, const char *name) {
        for (size_t i = 0; i < c->n_units; i++)
                if (strcmp(c->units[i].name, name) == 0)
                        return &c->units[i];
        return NULL;
}

/* Gateway units of no profile: on disk or loaded, sorted. */
static char **orphans(const struct lint_run *run) {
        const struct lint_ctx *c = &run->ctx;
        char **l = NULL;
        int r = 0;

        for (size_t i = 0; r >= 0 && i < c->n_units; i++)
                if (c->units[i].gateway && !hermes_profile_of_unit(c->hermes, c->units[i].name))
                        r = strv_extend_unique(&l, c->units[i].name);
        for (size_t i = 0; r >= 0 && i < c->live->n_units; i++) {
                const struct live_unit *lu = &c->live->units[i];
                if (!lu->ignored && !hermes_profile_of_unit(c->hermes, lu->name) &&
                    strcmp(lu->load_state, "not-found") != 0)
                        r = strv_extend_unique(&l, lu->name);
        }
        if (r < 0)
                return strv_free(l);
        strv_sort(l);
        return l ? l : calloc(1, sizeof(char *));
}

static int make_rows(const struct lint_run *run, char *const *extra, struct row **ret, size_t *ret_n) {
        const struct lint_ctx *c = &run->ctx;
        size_t n = (c->hermes ? c->hermes->n_profiles : 0) + strv_length(extra), k = 0;
        struct row *rows = calloc(n ? n : 1, sizeof(*rows));

        if (!rows)
                return -ENOMEM;
        for (size_t i = 0; c->hermes && i < c->hermes->n_profiles; i++, k++)
                rows[k] = (struct row) { .profile = c->hermes->profiles[i].name, .unit = c->hermes->profiles[i].unit };
        for (size_t i = 0; extra[i]; i++, k++)
                rows[k] = (struct row) { .unit = extra[i] };
        for (size_t i = 0; i < n; i++) {
                rows[i].lu = live_find(c->live, rows[i].unit);
                rows[i].u = unit_named(c, rows[i].unit);
        }
        *ret = rows;
        *ret_n = n;
        return 0;
}

static const char *guardrail_state(const struct row *r) {
        for (size_t i = 0; r->lu && r->lu->dropin_paths[i]; i++)
                if (is_guardrail_dropin(r->lu->dropin_paths[i]))
                        return "loaded";
        for (size_t i = 0; r->u && r->u->set && i < r->u->set->n_applied; i++)
                if (is_guardrail_dropin(r->u->set->applied[i].path))
                        return "on disk only";
        return "none";
}

static bool known(const struct row *r) {
        return r->lu && strcmp(r->lu->load_state, "not-found") != 0;
}

/* The cells of a row, each malloc'd and safe to print. */
static int cells(const struct lint_ctx *c, const struct row *r, char *cell[_COL_MAX]) {
        char code[32], restarts[16], state[256];

        snprintf(restarts, sizeof(restarts), "%u", r->lu ? r->lu->n_restarts : 0);
        snprintf(state, sizeof(state), "%s/%s", r->lu ? r->lu->active_state : "?", r->lu ? r->lu->sub_state : "?");
        cell[COL_PROFILE] = sanitize(r->profile ? r->profile : "-");
        cell[COL_UNIT] = sanitize(r->unit);
        cell[COL_ENABLED] = sanitize(known(r) && r->lu->unit_file_state[0] ? r->lu->unit_file_state : "-");
        cell[COL_STATE] = sanitize(known(r) ? state : "not installed");
        cell[COL_RESTARTS] = sanitize(known(r) ? restarts : "-");
        cell[COL_EXIT] = sanitize(known(r) ? live_last_exit(r->lu, code) : "-");
        cell[COL_GUARDRAIL] = sanitize(guardrail_state(r));
        cell[COL_LINGER] = sanitize(c->scope != SCOPE_USER ? "-" : c->live->lingering ? "yes" : "no");
        for (int i = 0; i < _COL_MAX; i++)
                if (!cell[i])
                        return -ENOMEM;
        return 0;
}

static const char *state_color(const struct live_unit *lu) {
        if (!lu || strcmp(lu->active_state, "inactive") == 0)
                return "\033[2m";
        if (strcmp(lu->active_state, "failed") == 0)
                return "\033[1;31m";
        if (strcmp(lu->active_state, "active") == 0 && strcmp(lu->sub_state, "running") == 0)
                return "\033[32m";
        return "\033[1;33m";
}

static void put_line(char *const *cell, const size_t *width, const char *state_on, bool color) {
        for (int i = 0; i < _COL_MAX; i++) {
                bool colored = color && i == COL_STATE && state_on;
                printf("%s%-*s%s%s", colored ? state_on : "", i + 1 < _COL_MAX ? (int) width[i] : 0, cell[i],
                       colored ? "\033[0m" : "", i + 1 < _COL_MAX ? "  " : "\n");
        }
}

static void free_cells(char **cell, size_t n) {
        for (size_t i = 0; i < n; i++)
                free(cell[i]);
        free(cell);
}

static int print_text(const struct lint_run *run, const struct row *rows, size_t n, bool color) {
        char **cell = calloc((n + 1) * _COL_MAX, sizeof(char *));
        size_t width[_COL_MAX];

        if (!cell)
                return -ENOMEM;
        for (int i = 0; i < _COL_MAX; i++)
                width[i] = strlen(headers[i]);
        for (size_t k = 0; k < n; k++) {
                if (cells(&run->ctx, &rows[k], cell + k * _COL_MAX) < 0)
                        return free_cells(cell, n * _COL_MAX), -ENOMEM;
                for (int i = 0; i < _COL_MAX; i++)
                        if (strlen(cell[k * _COL_MAX + i]) > width[i])
                                width[i] = strlen(cell[k * _COL_MAX + i]);
        }
        if (color)
                fputs("\033[1m", stdout);
        put_line((char *const *) headers, width, NULL, false);
        if (color)
                fputs("\033[0m", stdout);
        for (size_t k = 0; k < n; k++)
                put_line(cell + k * _COL_MAX, width, state_color(rows[k].lu), color);
        if (run->ctx.scope == SCOPE_USER)
                printf("\nlinger: %s for user %s (from %s)\n", run->live->lingering ? "on" : "off", run->ctx.user,
                       run->live->linger_source == LINGER_FROM_LOGIND ? "logind" : path_shown(run->ctx.linger_file));
        free_cells(cell, n * _COL_MAX);
        return 0;
}

void status_gateway_members(struct jsonw *w, const struct live_unit *lu, bool asked, const char *guardrail) {
        bool known = lu && strcmp(lu->load_state, "not-found") != 0;
        char code[32];

        jsonw_member_string(w, "load_state", lu ? lu->load_state : NULL);
        jsonw_member_string(w, "unit_file_state", known ? lu->unit_file_state : NULL);
        jsonw_member_string(w, "active_state", lu ? lu->active_state : NULL);
        jsonw_member_string(w, "sub_state", lu ? lu->sub_state : NULL);
        jsonw_member_string(w, "result", known && lu->is_service ? lu->result : NULL);
        jsonw_key(w, "restarts");
        if (asked)
                jsonw_uint(w, lu ? lu->n_restarts : 0);
        else
                jsonw_null(w);
        jsonw_member_string(w, "last_exit", known && lu->exec_main_code ? live_last_exit(lu, code) : NULL);
        jsonw_member_string(w, "guardrail", asked ? guardrail : NULL);
        jsonw_key(w, "dropin_paths");
        if (!asked) {
                jsonw_null(w);
                return;
        }
        jsonw_array_begin(w);
        for (size_t i = 0; lu && lu->dropin_paths[i]; i++)
                jsonw_string(w, lu->dropin_paths[i]);
        jsonw_array_end(w);
}

static void put_row_json(struct jsonw *w, const struct row *r) {
        jsonw_object_begin(w);
        jsonw_member_string(w, "profile", r->profile);
        jsonw_member_string(w, "unit", r->unit);
        status_gateway_members(w, r->lu, true, guardrail_state(r));
        jsonw_object_end(w);
}

static void print_json(const struct lint_run *run, const struct row *rows, size_t n) {
        const struct lint_ctx *c = &run->ctx;
        struct jsonw w;

        jsonw_init(&w, stdout);
        jsonw_object_begin(&w);
        jsonw_member_string(&w, "format", "hermes-unit-lint-status");
        jsonw_member_uint(&w, "version", STATUS_JSON_VERSION);
        jsonw_member_string(&w, "tool_version", VERSION);
        jsonw_member_string(&w, "scope", scope_name(c->scope));
        jsonw_member_string(&w, "hermes_home", c->hermes ? c->hermes->root : NULL);
        jsonw_key(&w, "linger");
        if (c->scope == SCOPE_USER) {
                jsonw_object_begin(&w);
                jsonw_member_string(&w, "user", c->user);
                jsonw_key(&w, "enabled");
                jsonw_bool(&w, c->live->lingering);
                jsonw_member_string(&w, "source", c->live->linger_source == LINGER_FROM_LOGIND ? "logind" : "file");
                jsonw_object_end(&w);
        } else
                jsonw_null(&w);
        jsonw_key(&w, "gateways");
        jsonw_array_begin(&w);
        for (size_t i = 0; i < n; i++)
                put_row_json(&w, &rows[i]);
        jsonw_array_end(&w);
        jsonw_object_end(&w);
        jsonw_finish(&w);
}

int lint_status(const struct lint_options *o, bool json, bool color) {
        struct lint_run *run = NULL;
        struct row *rows = NULL;
        char **extra = NULL;
        size_t n = 0;
        int r = lint_run(o, &run);

        if (r == -ENOTCONN)
                return 2;      /* logged */
        if (r >= 0 && !(extra = orphans(run)))
                r = -ENOMEM;
        if (r >= 0)
                r = make_rows(run, extra, &rows, &n);
        if (r >= 0) {
                if (json)
                        print_json(run, rows, n);
                else
                        r = print_text(run, rows, n, color);
        }
        if (r < 0)
                log_error_errno(r, "status: %m");
        free(rows);
        strv_free(extra);
        lint_run_free(run);
        return r < 0 ? 2 : 0;
}
