/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * The effective restart/start-limit settings of one unit: the fragment and its
 * drop-ins replayed with systemd's rules (src/core/load-fragment*.c):
 *   - keys and sections are case-sensitive; unknown keys are ignored;
 *   - StartLimitIntervalSec=/StartLimitBurst=/StartLimitAction= belong in [Unit];
 *     in [Service] StartLimitIntervalSec= is ignored, while the legacy
 *     StartLimitInterval=/StartLimitBurst= still work there;
 *   - Restart*= belong in [Service]; in [Unit] they are ignored;
 *   - an invalid value is ignored (the previous value stays);
 *   - an empty value is ignored for Restart=, RestartSec=, StartLimit*=, but
 *     resets RestartPreventExitStatus= and the other lists;
 *   - defaults: Restart=no, RestartSec=100ms, start limit from the manager
 *     defaults (user.conf/system.conf, else 10s/5), StartLimitAction=none;
 *   - in the user manager, a system-only StartLimitAction= (reboot*, poweroff*)
 *     becomes exit-force.
 * Every value carries where it came from. Each rule is pinned against a real
 * systemd 252 manager by tests/e2e/test-show-agrees.sh.
 */

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "exitstatus.h"
#include "searchpath.h"
#include "timespan.h"
#include "unitfile.h"
#include "unitset.h"
#include "unitvalues.h"

struct provenance {
        const char *file;    /* the unit file or drop-in; NULL: a default (see .source) */
        unsigned line;       /* in file, or in the manager config file .source; 0 for "default" */
        unsigned column;     /* of the value on line; 0 with line 0 */
        const char *source;  /* defaults only: "default" (built in) or the manager config file */
};

struct manager_defaults {
        enum scope scope;              /* which StartLimitAction= values the manager takes */
        usec_t start_limit_interval;
        unsigned start_limit_burst;
        usec_t restart_sec;            /* DefaultRestartSec= */
        struct provenance start_limit_interval_from, start_limit_burst_from, restart_sec_from;
        char **files;                  /* config files read (owned, provenance points here) */
};

/* systemd's built-in defaults (10s, 5, 100ms), as if no config file existed. */
void manager_defaults_init(struct manager_defaults *d, enum scope scope);

/*
 * The [Manager] DefaultStartLimitIntervalSec= (or legacy DefaultStartLimitInterval=),
 * DefaultStartLimitBurst= and DefaultRestartSec= of the manager of scope, read as
 * systemd 252 does (seen in a real user manager):
 *   - main file: user scope: the first that exists of $XDG_CONFIG_HOME/systemd/user.conf
 *     (else ~/.config/systemd/user.conf) and /etc/systemd/user.conf; system scope:
 *     /etc/systemd/system.conf;
 *   - then every *.conf in the user.conf.d/ (system.conf.d/) dirs of, highest priority
 *     first, that user config dir (user scope only), /etc/systemd, /run/systemd,
 *     /usr/local/lib/systemd, /usr/lib/systemd; a file name in a higher dir hides the
 *     same name below; a /dev/null symlink hides and sets nothing; by file name;
 *   - invalid and empty values are DIAG_INVALID_VALUE warnings and ignored;
 *   - at a line that makes systemd stop reading a file (unit_file.refused), the
 *     lines before it apply and no later file, main or drop-in, is read.
 * remap (may be NULL) as for searchpath_lookup(): remap->home replaces $HOME and
 * ignores $XDG_CONFIG_HOME; remap->root prefixes every path. Missing files are
 * fine. Returns 0 or -ENOMEM.
 */
int manager_defaults_load(enum scope scope, const struct searchpath_remap *remap,
                          struct manager_defaults *ret, struct diag_list *diags);
void manager_defaults_done(struct manager_defaults *d);



/* Why an assignment did not take effect the way it reads (or works only as legacy). */
enum note_kind {
        NOTE_WRONG_SECTION,      /* ignored: e.g. StartLimitIntervalSec= in [Service], Restart= in [Unit] */
        NOTE_LEGACY_KEY,         /* works, deprecated: StartLimitInterval=/StartLimitBurst= in [Service] */
        NOTE_INVALID_VALUE,      /* ignored, previous value stays */
        NOTE_EMPTY_IGNORED,      /* empty assignment that does not reset */
        NOTE_UNKNOWN_KEY,        /* not a key of that section (e.g. "RestartSecs=", "restart=") */
        NOTE_UNKNOWN_SECTION,    /* ignored with its whole section: e.g. "[service]" (case-sensitive) */
        NOTE_VALUE_CHANGED,      /* taken as another value: StartLimitAction=reboot in the user
                                    manager becomes exit-force */
};

struct effective_note {
        enum note_kind kind;
        const struct unit_file *file;
        const struct unit_assignment *assignment;
        const char *message;     /* static text, e.g. "belongs in [Unit]" */
};

struct effective {
        const struct unitset *unit;
        struct unit_file **files;      /* fragment (if loaded) then applied drop-ins, in order;
                                          a file systemd stopped reading (->refused) holds the
                                          lines before the bad one */
        size_t n_files;
        bool fragment_refused;         /* systemd stopped reading the fragment at a bad line:
                                          the unit fails to load; files holds the fragment only */
        int fragment_error;            /* 0, or why the fragment could not be read (-errno):
                                          the unit fails to load, no file is in files */

        enum restart_mode restart;
        usec_t restart_usec;
        usec_t start_limit_interval;
        unsigned start_limit_burst;
        char *start_limit_action;      /* "none" by default */
        struct exit_status_set restart_prevent_exit_status;
        struct exit_status_set restart_force_exit_status;
        struct exit_status_set success_exit_status;

        struct provenance restart_from, restart_usec_from, start_limit_interval_from,
                start_limit_burst_from, start_limit_action_from, restart_prevent_exit_status_from;

        struct effective_note *notes;  /* in file/line order */
        size_t n_notes;
};

/*
 * Loads every file of u (files that cannot be read are DIAG_ERRORs and skipped,
 * as systemd would fail the unit) and replays them. A not-found unit yields the
 * defaults and no files; a masked unit has no fragment but its drop-ins still
 * apply (seen on 252: `systemctl show` lists them and their values). A file
 * systemd stops reading at a bad line (unit_file.refused) applies up to that
 * line; when it is the fragment, the unit fails to load (fragment_refused): the
 * manager still shows what the fragment set before the bad line, and reads no
 * drop-in (seen on 252). Only the [Service] section of a .service unit is
 * interpreted; for other unit types only [Unit] keys take effect and their own
 * section is not checked.
 * Returns 0 or -ENOMEM.
 */
int effective_compute(const struct unitset *u, const struct manager_defaults *defaults,
                      struct effective **ret, struct diag_list *diags);
void effective_free(struct effective *e);

/* LoadState= as `systemctl show` prints it: the unitset's load_state_name(), or
 * "error" when the fragment is refused. */
const char *effective_load_state(const struct effective *e);

