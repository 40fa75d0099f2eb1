/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Stand-ins for units a pre-commit tree lacks.
 *
 * A checkout often holds only the drop-ins of a gateway: Hermes writes the unit on
 * the host, so the checkout does not track it. Judged against systemd's defaults
 * (Restart=no ...), the drop-ins would be judged against what never runs. So a
 * unit Hermes writes is linted on top of the unit Hermes writes
 * (STAND_IN_HERMES, shown as "(unit-written-by-hermes)/<unit>"). Any other unit
 * the tree lacks (a template installed elsewhere ...) gets an empty stand-in
 * (STAND_IN_EMPTY, "(unit-not-in-tree)/<unit>"), so that its drop-ins are still
 * read and checked for what they say, though its values mean nothing.
 *
 * Stand-ins live in a private temporary directory; each kind in its own
 * subdirectory, which the caller appends to the end of its search path. Once it
 * exists, SIGTERM, SIGINT, SIGHUP and SIGQUIT (when not ignored) remove it before
 * the process dies of the signal.
 */

#include <stdbool.h>

enum stand_in {
        STAND_IN_HERMES,
        STAND_IN_EMPTY,
        _STAND_IN_MAX,
};

struct stand_ins {
        char *base;                    /* the private directory, or NULL before the first */
        char *dirs[_STAND_IN_MAX];     /* its subdirectories, once created */
};

/* Is name one that Hermes writes a unit for: hermes-gateway.service,
 * hermes-gateway-<profile>.service, or the legacy hermes.service? */
bool stock_unit_applies(const char *name);

/*
 * Writes the stand-in of kind for name. When this created the kind's directory,
 * *ret_new_dir points to it (owned by s): add it to the search path. Returns 0,
 * or -errno (-EEXIST: that stand-in was written before).
 */
int stand_in_write(struct stand_ins *s, enum stand_in kind, const char *name, const char **ret_new_dir);

/* Removes every stand-in and the directories, and frees s's strings. */
void stand_ins_remove(struct stand_ins *s);
