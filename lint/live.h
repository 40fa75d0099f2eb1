/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * The running truth for --live and status: what the manager of a scope says
 * about a set of units, and whether the user lingers.
 *
 * Per unit (org.freedesktop.systemd1.Unit and .Service properties, as
 * `systemctl show` prints them): LoadState, ActiveState, SubState,
 * UnitFileState, FragmentPath, DropInPaths, StartLimitIntervalUSec,
 * StartLimitBurst, and for services Result, NRestarts, ExecMainCode,
 * ExecMainStatus, Restart, RestartUSec. Asking for a unit the manager has not
 * loaded makes it load it (LoadState=not-found when there is no file), as
 * `systemctl show` does.
 *
 * Linger: logind's User.Linger when org.freedesktop.login1 answers on the system
 * bus, else the file /var/lib/systemd/linger/<user> (what logind itself reads);
 * live_state.linger_source says which.
 *
 * Every call is bounded (bus.h): the whole query fails with -ETIMEDOUT after
 * LIVE_TIMEOUT_USEC, so that "the manager does not answer" takes well under 3 s.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "searchpath.h"
#include "timespan.h"

#define LIVE_TIMEOUT_USEC (2000000ULL)   /* for the whole query */
#define LIVE_LOGIND_TIMEOUT_USEC (500000ULL)

/* ExecMainCode: the si_code of the main process' last exit (CLD_* of waitid(2)). */
enum { LIVE_EXITED = 1, LIVE_KILLED = 2, LIVE_DUMPED = 3 };

struct live_unit {
        char *name;                   /* as asked */
        char *load_state, *active_state, *sub_state, *unit_file_state;
        char *fragment_path;          /* "" when none */
        char **dropin_paths;          /* never NULL */
        usec_t start_limit_interval;
        unsigned start_limit_burst;
        bool is_service;              /* the .Service properties below were read */
        char *result;
        unsigned n_restarts;
        int exec_main_code;           /* 0: never ran */
        int exec_main_status;
        char *restart;
        usec_t restart_usec;
        uint64_t exec_main_start;     /* ExecMainStartTimestampMonotonic: when the current or last run began */
        uint64_t exec_main_started;   /* ExecMainStartTimestamp (realtime, 0: never): the same run's start.
                                         In a crash loop each automatic restart moves it (and
                                         InactiveExit/ActiveEnterTimestamp: 252 passes through inactive
                                         at every attempt); the loop's beginning is not kept */
        uint64_t state_change;        /* StateChangeTimestamp (realtime) */
        bool ignored;                 /* neither a gateway unit nor a profile's: the rules skip it */
};

enum linger_source { LINGER_FROM_LOGIND, LINGER_FROM_FILE };

struct live_state {
        enum scope scope;
        char *address;                /* where the manager was asked */
        unsigned version;             /* its major version (Version "252.38-1~deb12u1" -> 252), 0 if odd */
        struct live_unit *units;
        size_t n_units;
        bool lingering;
        enum linger_source linger_source;
};

/*
 * Asks the manager of scope about every unit in names and, in user scope, every
 * loaded unit whose name matches one of patterns (ListUnitsByPatterns(), shell
 * globs) and is not in names (patterns NULL: none). Then the linger state of user
 * (uid), with linger_file as the fallback; uid (uid_t) -1: linger is not asked. On failure returns -errno and sets *ret_cause to
 * one line that names what went wrong and where ("no user manager at
 * /run/user/1000/systemd/private: No such file or directory").
 */
int live_query(enum scope scope, char *const *names, char *const *patterns, uid_t uid,
               const char *linger_file, struct live_state **ret, char **ret_cause);
void live_state_free(struct live_state *s);

/* The unit called name, or NULL. */
const struct live_unit *live_find(const struct live_state *s, const char *name);

/* How long a run after an automatic restart must last before the loop counts as over. */
#define LIVE_SETTLED_USEC (60ULL * 1000000ULL)

/* Is the manager restarting the unit again and again? Waiting to restart
 * (activating/auto-restart) after NRestarts > 0, or back up after an automatic
 * restart for less than LIVE_SETTLED_USEC: a gateway that crashes after a few
 * seconds spends most of its loop running. NRestarts counts automatic restarts
 * since the last start by hand. */
bool live_restarting(const struct live_unit *u);

/* Did the main process last exit with status (not killed by a signal)? */
bool live_exited_with(const struct live_unit *u, int status);

/* "1", "78", "SIGKILL", "-" (never ran): the last exit as `systemctl status` words it. */
const char *live_last_exit(const struct live_unit *u, char buf[static 32]);

const char *linger_source_name(enum linger_source s);   /* "logind", "linger file" */
