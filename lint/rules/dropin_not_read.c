/* SPDX-License-Identifier: MIT */
/*
 * HG014 dropin-not-read: systemd reads only "*.conf" files, only in directories
 * named "<unit name>.d/" (or a template, dash-prefix or type name), only on the
 * unit search path. Anything else is skipped without a word: "override" without
 * .conf, "hermes-gateway.d/" without ".service", a checkout's
 * ".config/systemd/hermes-gateway.service.d/" missing "user/".
 * Looked for: in every drop-in directory of the linted units, in misnamed
 * "<stem>.d/" directories next to them, and (pre-commit mode) in every FILE.
 * Hidden files and obvious backups (~, .bak, .orig, .old, .disabled, .dpkg-*,
 * .rpm*, .swp) are left alone: those are meant not to be read.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../ruleutil.h"
#include "strutil.h"
#include "strv.h"
#include "unitname.h"

static bool is_backup(const char *name) {
        static const char *const suffixes[] = {
                "~", ".bak", ".orig", ".old", ".disabled", ".swp", ".rpmnew", ".rpmsave",
                ".dpkg-old", ".dpkg-new", ".dpkg-dist", ".dpkg-bak", ".ucf-old", ".ucf-new", ".ucf-dist",
        };

        if (name[0] == '.')
                return true;
        for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++)
                if (str_endswith(name, suffixes[i]))
                        return true;
        return false;
}

/* Reports path once. */
static void report(char ***seen, struct findings *out, const char *path, const char *message) {
        char *abs = path_abs_clean(path);

        if (!abs || !message || strv_contains(*seen, abs) || strv_push(seen, abs) < 0) {
                free(abs);
                return;
        }
        finding_add(out, path, 0, 0, "not read by systemd: %s", message);
}

/* Non-.conf files in a real drop-in directory. The unit index knows which of the
 * ~60 candidate dirs of a unit exist: only those are opened. */
static void scan_dropin_dir(const struct lint_ctx *ctx, const char *dir, char ***seen, struct findings *out) {
        DIR *d = unit_index_dotd_may_exist(ctx->index, dir) ? opendir(dir) : NULL;
        struct dirent *de;
        char *msg;

        if (!d)
                return;
        if (asprintf(&msg, "only *.conf files in %s/ are drop-ins", path_shown(dir)) < 0) {
                closedir(d);
                return;
        }
        while ((de = readdir(d))) {
                char *path;
                if (is_backup(de->d_name) || str_endswith(de->d_name, ".conf") ||
                    asprintf(&path, "%s/%s", dir, de->d_name) < 0)
                        continue;
                struct stat st;
                if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
                        report(seen, out, path, msg);
                free(path);
        }
        free(msg);
        closedir(d);
}

/* Files in "<stem>.d/" next to where "<name>.d/" belongs. */
static void scan_misnamed_dir(const struct lint_ctx *ctx, const char *search_dir, const char *name, char ***seen,
                              struct findings *out) {
        const char *suffix = unit_name_suffix(name);
        char *dir, *hint;
        DIR *d;
        struct dirent *de;

        if (!suffix || asprintf(&dir, "%s/%.*s.d", search_dir, (int) (suffix - name), name) < 0)
                return;
        if (!unit_index_dotd_may_exist(ctx->index, dir)) {
                free(dir);
                return;
        }
        if (asprintf(&hint, "the drop-in directory must be named after the unit with its suffix (%s.d/)",
                     name) < 0)
                hint = NULL;
        if (hint && (d = opendir(dir))) {
                while ((de = readdir(d))) {
                        char *path;
                        if (is_backup(de->d_name) || asprintf(&path, "%s/%s", dir, de->d_name) < 0)
                                continue;
                        report(seen, out, path, hint);
                        free(path);
                }
                closedir(d);
        }
        free(hint);
        free(dir);
}

static bool on_search_path(const struct lint_ctx *ctx, const char *abs_dir) {
        for (size_t i = 0; ctx->search_path && ctx->search_path[i]; i++) {
                char *p = path_abs_clean(ctx->search_path[i]);
                bool same = p && strcmp(p, abs_dir) == 0;
                free(p);
                if (same)
                        return true;
        }
        return false;
}

/* Why systemd would not read FILE, or NULL when it would (or it is no unit file at all). */
static const char *why_not_read(const struct lint_ctx *ctx, const char *abs) {
        char *dir = path_dirname(abs), *grand = dir ? path_dirname(dir) : NULL;
        const char *name = path_basename(abs), *dname = dir ? path_basename(dir) : "";
        const char *why = NULL;

        if (!grand)
                goto finish;
        if (str_endswith(dname, ".d")) {
                char *stem = strndup(dname, strlen(dname) - 2);
                if (!str_endswith(name, ".conf"))
                        why = "only *.conf files are drop-ins";
                else if (stem && !unit_name_is_valid(stem, UNIT_NAME_ANY) && strcmp(stem, "service") != 0 &&
                         !(str_endswith(stem, "-.service")))
                        why = "its directory is not named after a unit (e.g. hermes-gateway.service.d/)";
                else if (!on_search_path(ctx, grand))
                        why = "its directory is not on the unit search path";
                free(stem);
        } else if (unit_name_is_valid(name, UNIT_NAME_ANY)) {
                if (!on_search_path(ctx, dir))
                        why = "its directory is not on the unit search path";
        } else if (str_endswith(name, ".conf"))
                why = "a drop-in must be in a <unit>.d/ directory";
finish:
        free(dir);
        free(grand);
        return why;
}

static bool is_read(const struct lint_ctx *ctx, const char *abs) {
        for (size_t i = 0; i < ctx->n_units; i++) {
                const struct unitset *s = ctx->units[i].set;
                char *p = s && s->fragment_path ? path_abs_clean(s->fragment_path) : NULL;
                bool same = p && strcmp(p, abs) == 0;
                free(p);
                for (size_t j = 0; s && !same && j < s->n_applied; j++) {
                        p = path_abs_clean(s->applied[j].path);
                        same = p && strcmp(p, abs) == 0;
                        free(p);
                }
                if (same)
                        return true;
        }
        return false;
}

/* Per unit, in the run's unit order: a file is reported once, for the first unit
 * whose dirs hold it (ctx->dropin_reported lasts the run). */
void check_dropin_not_read(const struct lint_ctx *ctx, const struct lint_unit *u, struct findings *out) {
        for (size_t j = 0; u->set && u->set->dropin_dirs && u->set->dropin_dirs[j]; j++)
                scan_dropin_dir(ctx, u->set->dropin_dirs[j], ctx->dropin_reported, out);
        for (size_t j = 0; ctx->search_path && ctx->search_path[j]; j++)
                scan_misnamed_dir(ctx, ctx->search_path[j], u->name, ctx->dropin_reported, out);
}

/* Pre-commit mode: the FILEs no unit reads. */
void check_dropin_not_read_files(const struct lint_ctx *ctx, struct findings *out) {
        for (size_t i = 0; ctx->files && ctx->files[i]; i++) {
                char *abs = path_abs_clean(ctx->files[i]);
                const char *why = abs && !is_read(ctx, abs) ? why_not_read(ctx, abs) : NULL;
                if (why)
                        report(ctx->dropin_reported, out, ctx->files[i], why);
                free(abs);
        }
}
