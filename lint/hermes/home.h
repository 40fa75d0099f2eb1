/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * A Hermes home, read once: its profiles and, in each, the files Hermes reads.
 * Every consumer (the lint rules, status, diagnose) works on this one parsed
 * result; nothing opens a Hermes file a second time to report on it.
 *
 * Layout (hermes_cli/profiles.py, hermes_constants.py): the root (HERMES_HOME,
 * default ~/.hermes) is the profile "default" (unit hermes-gateway.service);
 * every directory <root>/profiles/<name>/ whose name matches
 * ^[a-z0-9][a-z0-9_-]{0,63}$ and is not "default" is a named profile (unit
 * hermes-gateway-<name>.service), in name order. Each profile's home holds:
 *   .env              python-dotenv syntax (dotenv.h)
 *   cron/jobs.json    {"jobs": [...], "updated_at": ...} (cron.h checks the jobs)
 *   gateway.pid       the running gateway: a JSON record {"pid", "kind", "argv",
 *                     "start_time", "hermes_home"}, or a bare integer from older
 *                     versions (gateway/status.py _read_pid_record())
 *
 * One loader per file, each usable on its own; hermes_home_load() calls them
 * for every profile, for the files asked for. Diagnostics go to the caller's
 * list with file, line and column: DIAG_UNREADABLE (error) for a file that
 * exists but cannot be read, the parser's own codes for its content. A missing
 * file is not a diagnostic: a profile need not have any of them.
 */

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "diag.h"
#include "dotenv.h"
#include "hermesname.h"
#include "json.h"

enum {
        HERMES_LOAD_ENV  = 1 << 0,   /* .env, and the identities in it (identity.h) */
        HERMES_LOAD_JOBS = 1 << 1,   /* cron/jobs.json */
        HERMES_LOAD_PID  = 1 << 2,   /* gateway.pid */
};

struct hermes_pidfile {
        long pid;                  /* > 0 */
        long long start_time;      /* /proc/<pid>/stat field 22 when recorded, else -1 */
        char *kind;                /* "hermes-gateway", or NULL (bare integer or no "kind") */
};

struct hermes_identity;

struct hermes_profile {
        char *name;                /* "default" for the root, else the profile name */
        char *home;                /* the profile's HERMES_HOME */
        char *unit;                /* its gateway unit (hermes_profile_unit()) */
        char *env_path;            /* <home>/.env */
        char *jobs_path;           /* <home>/cron/jobs.json */
        char *pid_path;            /* <home>/gateway.pid */
        struct dotenv *env;        /* NULL: not loaded, missing or unreadable */
        struct json_value *jobs;   /* the parsed jobs.json; NULL: not loaded, missing, unreadable, not JSON */
        struct hermes_pidfile *pid;  /* NULL: not loaded, missing or unusable */
};

struct hermes_home {
        char *root;
        struct hermes_profile *profiles;     /* default first, then by name */
        size_t n_profiles;
        struct hermes_identity *identities;  /* with HERMES_LOAD_ENV: by profile, then platform */
        size_t n_identities;
};

/*
 * Reads root's profiles and, for each, the files in what (HERMES_LOAD_*).
 * Returns 0 and *ret; -ENOTDIR when root is not a directory (no Hermes here);
 * -ENOMEM.
 */
int hermes_home_load(const char *root, unsigned what, struct hermes_home **ret, struct diag_list *diags);
void hermes_home_free(struct hermes_home *h);

/* Index of the profile named name, or -1. */
ssize_t hermes_home_find_profile(const struct hermes_home *h, const char *name);
/* The profile whose gateway unit is unit, or NULL (also when h is NULL). */
const struct hermes_profile *hermes_profile_of_unit(const struct hermes_home *h, const char *unit);

/* The loaders, one per file. A missing file: 0 and *ret = NULL, no diagnostic. */
/* The valid names of <root>/profiles/ entries that are directories, sorted
 * (invalid ones: DIAG_HERMES_PROFILE_NAME, info). *ret may be NULL (none). */
int hermes_profiles_list(const char *root, char ***ret, struct diag_list *diags);
/* python-dotenv's reading of a .env (dotenv_load()). */
int hermes_env_load(const char *path, struct dotenv **ret, struct diag_list *diags);
/* jobs.json as Hermes parses it: json.loads(), retried with strict=False (raw
 * control characters in strings: DIAG_JSON_CONTROL_CHAR, a warning). */
int hermes_jobs_load(const char *path, struct json_value **ret, struct diag_list *diags);
/* gateway.pid; unusable content (no positive pid) is *ret = NULL. */
int hermes_pidfile_load(const char *path, struct hermes_pidfile **ret, struct diag_list *diags);
void hermes_pidfile_free(struct hermes_pidfile *p);

/* The root of the Hermes home that HERMES_HOME=home names (hermes_constants.py
 * get_default_hermes_root()): <root>/profiles/<name> gives <root>, anything else
 * itself. Returns a malloc'd path, or NULL on -ENOMEM. */
char *hermes_root_of(const char *home);
