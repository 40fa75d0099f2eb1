/* SPDX-License-Identifier: MIT */
/*
 * HG007 planned-restart-lost: "hermes gateway restart" and the gateway's own
 * restarts end the process with exit status 75 and rely on systemd to start it
 * again. systemd decides (service_shall_restart()): a status in
 * RestartPreventExitStatus= is never restarted, one in RestartForceExitStatus=
 * always, otherwise Restart= decides, where 75 counts as success when
 * SuccessExitStatus= lists it. Restart=on-failure with SuccessExitStatus=75 and
 * no RestartForceExitStatus=75 thus leaves the gateway stopped after a planned
 * restart.
 */
#include "../ruleutil.h"

#define EXIT_PLANNED_RESTART 75

static bool restarts_75(const struct effective *e) {
        bool success = exit_status_set_contains(&e->success_exit_status, EXIT_PLANNED_RESTART);

        if (exit_status_set_contains(&e->restart_prevent_exit_status, EXIT_PLANNED_RESTART))
                return false;
        if (exit_status_set_contains(&e->restart_force_exit_status, EXIT_PLANNED_RESTART))
                return true;
        switch (e->restart) {
        case RESTART_ALWAYS:
                return true;
        case RESTART_ON_SUCCESS:
                return success;
        case RESTART_ON_FAILURE:
                return !success;
        default:
                return false;
        }
}

void check_planned_restart_lost(const struct lint_ctx *ctx, const struct lint_unit *u, struct findings *out) {
        const struct effective *e = u->eff;

        if (!unit_restarts(u) || restarts_75(e))
                return;
        if (exit_status_set_contains(&e->restart_prevent_exit_status, EXIT_PLANNED_RESTART)) {
                struct location l = where_value(u, &e->restart_prevent_exit_status_from, "Service");
                finding_add(out, l.file, l.line, l.column,
                            "RestartPreventExitStatus= holds 75: a planned restart (the gateway exits 75) "
                            "leaves it stopped");
                return;
        }
        struct location l = where_value(u, &e->restart_from, "Service");
        finding_add(out, l.file, l.line, l.column,
                    "a planned restart (the gateway exits 75) leaves it stopped: Restart=%s%s does not "
                    "restart exit status 75 and RestartForceExitStatus= lacks 75",
                    restart_mode_name(e->restart),
                    exit_status_set_contains(&e->success_exit_status, EXIT_PLANNED_RESTART) ?
                    " with SuccessExitStatus=75" : "");
}
