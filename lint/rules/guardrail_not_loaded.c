/* SPDX-License-Identifier: MIT */
/*
 * HG033 guardrail-not-loaded (--live): what the manager runs is not what is on disk.
 * A drop-in written (by the generator or by hand) is only read at the next
 * daemon-reload, and so is an edited one. The manager's NeedDaemonReload cannot be
 * trusted for this: on systemd 252 it stays "no" when a new drop-in directory
 * appears (seen in tests/e2e/test-live-rules.sh). So the disk model (the drop-ins
 * and values `hermes-unit-lint show` computes) is compared with the live
 * DropInPaths and the live Restart, RestartUSec, StartLimitIntervalUSec and
 * StartLimitBurst. Only on the real host (paths compare only there).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../liveutil.h"
#include "strv.h"

struct diff {
        char *text;                    /* "; "-separated differences */
        struct location at;            /* the first one's place */
};

static void diff_add(struct diff *d, struct location l, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void diff_add(struct diff *d, struct location l, const char *fmt, ...) {
        char *item = NULL, *s = NULL;
        va_list ap;
        int r;

        va_start(ap, fmt);
        r = vasprintf(&item, fmt, ap);
        va_end(ap);
        if (r < 0)
                return;
        if (asprintf(&s, "%s%s%s", d->text ? d->text : "", d->text ? "; " : "", item) >= 0) {
                free(d->text);
                d->text = s;
                if (!d->at.file)
                        d->at = l;
        }
        free(item);
}

/* A guardrail drop-in the generator wrote ($XDG_RUNTIME_DIR/systemd/generator{,.early,.late}/). */
static bool from_generator(const char *path) {
        return is_guardrail_dropin(path) && strstr(path, "/systemd/generator");
}

static void compare_dropins(const struct lint_unit *u, const struct live_unit *lu, struct diff *d) {
        for (size_t i = 0; i < u->set->n_applied; i++)
                if (!strv_contains(lu->dropin_paths, u->set->applied[i].path))
                        diff_add(d, (struct location) { u->set->applied[i].path, 0, 0 },
                                 "%s is on disk but not loaded%s", path_shown(u->set->applied[i].path),
                                 is_guardrail_dropin(u->set->applied[i].path) ? " (the guardrail)" : "");
        for (size_t i = 0; lu->dropin_paths[i]; i++) {
                bool on_disk = false;
                for (size_t k = 0; k < u->set->n_applied; k++)
                        on_disk = on_disk || strcmp(u->set->applied[k].path, lu->dropin_paths[i]) == 0;
                if (!on_disk)
                        diff_add(d, where_value(u, NULL, "Service"), "%s is loaded but no longer applies on disk%s",
                                 path_shown(lu->dropin_paths[i]), from_generator(lu->dropin_paths[i]) ?
                                 " (no generator output: hermes-guardrail-generator is not installed or did not "
                                 "run, and the next reload drops the guardrail)" : "");
        }
}

static void compare_value(const struct lint_unit *u, const struct provenance *p, const char *key, const char *live,
                          const char *disk, struct diff *d) {
        if (strcmp(live, disk) == 0)
                return;
        diff_add(d, where_value(u, p, strncmp(key, "StartLimit", 10) == 0 ? "Unit" : "Service"),
                 "%s= is %s live but %s on disk", key, live, disk);
}

static void compare_values(const struct lint_unit *u, const struct live_unit *lu, struct diff *d) {
        const struct effective *e = u->eff;
        char a[64], b[64];

        if (!lu->is_service)
                return;
        compare_value(u, &e->restart_from, "Restart", lu->restart, restart_mode_name(e->restart), d);
        compare_value(u, &e->restart_usec_from, "RestartSec", fmt_usec(a, lu->restart_usec),
                      fmt_usec(b, e->restart_usec), d);
        compare_value(u, &e->start_limit_interval_from, "StartLimitIntervalSec", fmt_usec(a, lu->start_limit_interval),
                      fmt_usec(b, e->start_limit_interval), d);
        snprintf(a, sizeof(a), "%u", lu->start_limit_burst);
        snprintf(b, sizeof(b), "%u", e->start_limit_burst);
        compare_value(u, &e->start_limit_burst_from, "StartLimitBurst", a, b, d);
}

static void check(const struct lint_ctx *ctx, const struct live_unit *lu, struct findings *out) {
        const struct lint_unit *u = lint_unit_named(ctx, lu->name);
        struct diff d = {};

        if (!ctx->host || !u || !u->gateway || !u->eff || u->not_loaded)
                return;
        if (strcmp(lu->load_state, "loaded") != 0)
                diff_add(&d, where_value(u, NULL, "Service"), "the unit is on disk but the manager has it %s",
                         lu->load_state);
        else {
                compare_dropins(u, lu, &d);
                compare_values(u, lu, &d);
        }
        if (!d.text)
                return;
        finding_add(out, d.at.file, d.at.line, d.at.column,
                    "%s runs with other settings than its files say: %s; run \"%s daemon-reload\"%s", lu->name,
                    d.text, systemctl_for(ctx), strcmp(lu->active_state, "active") == 0 ||
                    strcmp(lu->active_state, "activating") == 0 ? " (the running gateway keeps going)" : "");
        finding_brief(out, "files changed but not loaded, run %s daemon-reload", systemctl_for(ctx));
        free(d.text);
}

void check_guardrail_not_loaded(const struct lint_ctx *ctx, struct findings *out) {
        for_each_live_unit(ctx, check, out);
}
