/* SPDX-License-Identifier: MIT */
/* See fix.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "fix.h"
#include "guardrail_dropin.h"
#include "log.h"
#include "ruleutil.h"
#include "sanitize.h"
#include "strv.h"

#define EXIT_CONFIG 78
#define EXIT_PLANNED_RESTART 75

/* The policy's settings as the fix writes them for u: RestartSec= at least the lint
 * minimum, no keys the target systemd lacks, 78 always prevented. */
static void fix_guardrails(const struct lint_ctx *ctx, const struct lint_unit *u, struct guardrails *g) {
        *g = u->guard;
        if (g->restart_sec < u->min_restart_sec)
                g->restart_sec = u->min_restart_sec;
        /* Only optional keys are newer than 252: clear means not written. g shares
         * its strings with the policy, so nothing is freed here. */
        for (size_t i = 0; i < n_guard_keys; i++) {
                const struct guard_key *k = &guard_keys[i];
                if (k->policy_offset != GUARD_NO_FIELD && ctx->systemd_version < k->since)
                        memset(guard_field(g, k->policy_offset), 0, k->policy_size);
        }
}

static bool list_has_word(const char *list, const char *word) {
        char **l = NULL;
        bool found = list && strv_split(list, " ", &l) >= 0 && strv_contains(l, word);

        strv_free(l);
        return found;
}

/* The [Service] lines beyond the policy's: 78 prevented, 75 restarted. */
static void put_exit_statuses(FILE *f, const struct lint_unit *u, const struct guardrails *g) {
        const struct effective *e = u->eff;

        if (!list_has_word(g->restart_prevent_exit_status, "78"))
                fprintf(f, "RestartPreventExitStatus=%d\n", EXIT_CONFIG);
        if (!exit_status_set_contains(&e->restart_force_exit_status, EXIT_PLANNED_RESTART))
                fprintf(f, "RestartForceExitStatus=%d\n", EXIT_PLANNED_RESTART);
}

static int fix_text(const struct lint_run *run, const struct lint_unit *u, char **ret) {
        struct guardrails g;
        char *unit_settings = NULL, *service_settings = NULL, *policy_files = NULL, *buf = NULL;
        size_t size = 0;
        FILE *f;

        fix_guardrails(&run->ctx, u, &g);
        if (guardrail_settings_render(&g, &unit_settings, &service_settings) < 0)
                return -ENOMEM;
        if (guardrail_policy_comment(run->policy->files, &policy_files) < 0) {
                free(unit_settings);
                free(service_settings);
                return -ENOMEM;
        }
        f = open_memstream(&buf, &size);
        if (f) {
                fprintf(f, "# Written by hermes-unit-lint --fix for %s, from the policy in:\n%s\n",
                        u->name, policy_files);
                fputs("#\n"
                      "# Hermes rewrites its own unit, so the restart guardrails live in a drop-in.\n"
                      "# This one sorts after the unit's other drop-ins (10-restart-guardrails.conf,\n"
                      "# override.conf ...), so its values win. Delete it to let those decide again.\n"
                      "# See hermes-unit-lint(1), FIXING.\n\n[Unit]\n", f);
                fprintf(f, "%s\n\n[Service]\n", unit_settings);
                /* 75 in the prevent list can only go by resetting the list (an empty
                 * assignment), before the policy's own list. */
                if (exit_status_set_contains(&u->eff->restart_prevent_exit_status, EXIT_PLANNED_RESTART))
                        fputs("RestartPreventExitStatus=\n", f);
                fprintf(f, "%s\n", service_settings);
                put_exit_statuses(f, u, &g);
        }
        free(unit_settings);
        free(service_settings);
        free(policy_files);
        if (!f || fclose(f) != 0) {
                free(buf);
                return -ENOMEM;
        }
        *ret = buf;
        return 0;
}

static int unit_ptr_cmp(const void *a, const void *b) {
        const struct lint_unit *x = *(const struct lint_unit *const *) a, *y = *(const struct lint_unit *const *) b;

        return strcmp(x->name, y->name);
}

/* The units sorted by name, for finding a finding's unit in O(log n) (a scan of
 * all findings per unit made --fix quadratic). */
static const struct lint_unit **units_by_name(const struct lint_ctx *ctx) {
        const struct lint_unit **l = calloc(ctx->n_units ? ctx->n_units : 1, sizeof(*l));

        for (size_t i = 0; l && i < ctx->n_units; i++)
                l[i] = &ctx->units[i];
        if (l && ctx->n_units > 1)
                qsort(l, ctx->n_units, sizeof(*l), unit_ptr_cmp);
        return l;
}

/* The index in ctx->units of the unit a fixable finding is about, or SIZE_MAX. */
static size_t fixable_unit(const struct lint_ctx *ctx, const struct lint_unit **by_name, const struct finding *f) {
        struct lint_unit key = { .name = (char *) f->unit };
        const struct lint_unit *k = &key, **u;

        if (!f->unit || !(f->rule->flags & RULE_FIXABLE))
                return SIZE_MAX;
        u = bsearch(&k, by_name, ctx->n_units, sizeof(*by_name), unit_ptr_cmp);
        return u ? (size_t) (*u - ctx->units) : SIZE_MAX;
}

static void fix_done(struct lint_fix *x) {
        free(x->unit);
        free(x->path);
        free(x->text);
        free(x->old_text);
        free(x->user_key);
}

/* Keys --fix writes: the guardrail keys of unit sections, and the exit status lists. */
static bool key_written_by_fix(const char *key, size_t len) {
        for (size_t i = 0; i < n_guard_keys; i++)
                if (guard_keys[i].section && strlen(guard_keys[i].key) == len &&
                    strncmp(guard_keys[i].key, key, len) == 0)
                        return true;
        return (len == 24 && strncmp(key, "RestartPreventExitStatus", len) == 0) ||
               (len == 22 && strncmp(key, "RestartForceExitStatus", len) == 0);
}

/* Is line (len bytes) one --fix writes: a blank line, a section it writes, one of
 * its comments (the new text has it, or it lists a policy file), or a key it sets? */
static bool line_written_by_fix(const char *line, size_t len, const char *new_text) {
        size_t key_len;

        while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t' || line[len - 1] == '\r'))
                len--;
        if (len == 0 || (len == 6 && strncmp(line, "[Unit]", 6) == 0) || (len == 9 && strncmp(line, "[Service]", 9) == 0))
                return true;
        if (line[0] == '#' || line[0] == ';') {
                for (const char *p = strstr(new_text, "#"); p; p = strstr(p + 1, "#"))
                        if ((p == new_text || p[-1] == '\n') && strncmp(p, line, len) == 0 &&
                            (p[len] == '\n' || p[len] == 0))
                                return true;
                return len > 4 && strncmp(line, "#   ", 4) == 0;
        }
        key_len = strcspn(line, "= \t");
        return key_len < len && key_written_by_fix(line, key_len);
}

/* The first line of old that --fix did not write (0: none), and its key. */
static unsigned first_user_line(const char *old, const char *new_text, char **ret_key) {
        unsigned n = 1;

        for (const char *p = old; p && *p; n++) {
                size_t len = strcspn(p, "\n");
                if (!line_written_by_fix(p, len, new_text)) {
                        size_t k = p[0] == '#' || p[0] == ';' ? 0 : strcspn(p, "= \t\n");
                        *ret_key = strndup(p, k > 64 ? 64 : k);
                        return n;
                }
                p += len + (p[len] == '\n');
        }
        return 0;
}

int fix_build(const struct lint_run *run, const struct lint_unit *u, const char *config_dir,
              size_t base_len, struct lint_fix *ret) {
        struct lint_fix x = { .base_len = base_len };
        size_t size;

        if (!(x.unit = strdup(u->name)) ||
            asprintf(&x.path, "%s/%s.d/%s", config_dir, u->name, FIX_DROPIN_NAME) < 0) {
                free(x.unit);
                return -ENOMEM;
        }
        if (fix_text(run, u, &x.text) < 0) {
                fix_done(&x);
                return -ENOMEM;
        }
        /* No <unit>.d/ in the config dir (the unit index read it): no file to read. */
        char *dir = strndup(x.path, strlen(x.path) - strlen("/" FIX_DROPIN_NAME));
        if (!dir) {
                fix_done(&x);
                return -ENOMEM;
        }
        if (!unit_index_dotd_may_exist(run->index, dir) ||
            fileio_read(x.path, FILEIO_MAX_SIZE, &x.old_text, &size) < 0)
                x.old_text = NULL;
        free(dir);
        if (x.old_text && (x.user_line = first_user_line(x.old_text, x.text, &x.user_key)) > 0 && !x.user_key) {
                fix_done(&x);
                return -ENOMEM;
        }
        *ret = x;
        return 0;
}

int fix_config_dir(const struct lint_options *o, char **ret_dir, size_t *ret_base_len) {
        char *base = NULL;
        const char *rel;
        int r = lint_config_dir_parts(o, &base, &rel);

        if (r >= 0) {
                *ret_base_len = strlen(base);
                free(base);
                r = lint_config_dir(o, ret_dir);
        }
        return r;
}

void fix_log_no_dir(void) {
        log_warning("Neither $HOME nor $XDG_CONFIG_HOME is an absolute path: no fix is proposed.");
}

int fix_build_all(struct lint_run *run, const struct lint_options *o) {
        char *config_dir = NULL;
        size_t base_len = 0;
        int r = fix_config_dir(o, &config_dir, &base_len);

        if (r == -ENXIO) {
                fix_log_no_dir();
                return 0;
        }
        if (r < 0)
                return r;
        size_t n = run->ctx.n_units ? run->ctx.n_units : 1;
        const struct lint_unit **by_name = units_by_name(&run->ctx);
        /* fix_of[i]: the fix of ctx.units[i]; &needed until it is built */
        const struct lint_fix **fix_of = calloc(n, sizeof(*fix_of));
        static const struct lint_fix needed;

        run->fixes = calloc(n, sizeof(struct lint_fix));
        if (!run->fixes || !by_name || !fix_of)
                r = -ENOMEM;
        for (size_t i = 0; r >= 0 && i < run->findings.n; i++) {
                size_t k = fixable_unit(&run->ctx, by_name, &run->findings.items[i]);
                if (k != SIZE_MAX)
                        fix_of[k] = &needed;
        }
        for (size_t i = 0; r >= 0 && i < run->ctx.n_units; i++) {
                if (!fix_of[i])
                        continue;
                r = fix_build(run, &run->ctx.units[i], config_dir, base_len, &run->fixes[run->n_fixes]);
                if (r >= 0)
                        fix_of[i] = &run->fixes[run->n_fixes++];
        }
        for (size_t i = 0; r >= 0 && i < run->findings.n; i++) {
                size_t k = fixable_unit(&run->ctx, by_name, &run->findings.items[i]);
                if (k != SIZE_MAX)
                        run->findings.items[i].fix = fix_of[k];
        }
        free(by_name);
        free(fix_of);
        free(config_dir);
        return r;
}

void fix_free_all(struct lint_fix *fixes, size_t n) {
        for (size_t i = 0; fixes && i < n; i++)
                fix_done(&fixes[i]);
        free(fixes);
}

/* fix->path is <base>/<rel>/<unit>.d/<name>: written beneath base, creating what
 * is missing below it and following no symlink there. */
int fix_write(const struct lint_fix *fix) {
        char *base = strndup(fix->path, fix->base_len), *rel = NULL, *slash;
        int r = -ENOMEM;

        if (base && (rel = strdup(fix->path + fix->base_len + (fix->path[fix->base_len] == '/')))) {
                /* Drop "<unit>.d/<name>" (all of it when rel is empty). */
                int dropped = 0;
                for (; dropped < 2 && (slash = strrchr(rel, '/')); dropped++)
                        *slash = 0;
                if (dropped < 2)
                        rel[0] = 0;
                r = fileio_write_dropin_beneath(base[0] ? base : "/", rel, fix->unit, FIX_DROPIN_NAME,
                                                fix->text, FILEIO_DROPIN_SYNC);
        }
        free(base);
        free(rel);
        return r;
}

static size_t count_lines(const char *s) {
        size_t n = 0;

        for (; s && *s; s++)
                if (*s == '\n')
                        n++;
        return n;
}

/* A line of a diff: an assignment of a key --fix does not write (Environment= ...)
 * is shown without its value; the rest is sanitised. */
static void put_prefixed(FILE *out, char prefix, const char *text) {
        for (const char *p = text; p && *p;) {
                size_t len = strcspn(p, "\n"), key = strcspn(p, "=\n");
                if (p[0] != '#' && p[0] != ';' && key < len && !key_written_by_fix(p, strcspn(p, "= \t")))
                        sanitize_fprintf(out, "%c%.*s=(value not shown)", prefix, (int) key, p);
                else
                        sanitize_fprintf(out, "%c%.*s", prefix, (int) len, p);
                fputc('\n', out);
                p += len + (p[len] == '\n');
        }
}

void fix_print_diff(FILE *out, const struct lint_fix *fix) {
        size_t old_n = count_lines(fix->old_text), new_n = count_lines(fix->text);

        if (fix->old_text && strcmp(fix->old_text, fix->text) == 0)
                return;
        sanitize_fprintf(out, "--- %s", fix->old_text ? path_shown(fix->path) : "/dev/null");
        fputc('\n', out);
        sanitize_fprintf(out, "+++ %s", path_shown(fix->path));
        fputc('\n', out);
        fprintf(out, "@@ -%zu,%zu +1,%zu @@\n", old_n ? (size_t) 1 : 0, old_n, new_n);
        put_prefixed(out, '-', fix->old_text);
        put_prefixed(out, '+', fix->text);
}
