/* SPDX-License-Identifier: MIT */
/*
 * What the user said about the findings: "# hermes-unit-lint: disable=ID[,ID]"
 * comments in the unit files, and the policy's [lint] section (Disable=,
 * Error=, Warning=, Info=). Rules may be named by ID or name.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hermes/rulesupport.h"
#include "log.h"
#include "ruleutil.h"
#include "stash.h"
#include "strv.h"
#include "suppress.h"
#include "unitfile.h"

#define MARKER "hermes-unit-lint:"

/* The rule list of a suppression comment, or NULL when it is none. */
static char **comment_rules(const char *text) {
        char **l = NULL;

        text += strspn(text, "#; \t");
        if (strncmp(text, MARKER, strlen(MARKER)) != 0)
                return NULL;
        text += strlen(MARKER);
        text += strspn(text, " \t");
        if (strncmp(text, "disable=", 8) != 0)
                return NULL;
        if (strv_split(text + 8, ", \t", &l) < 0)
                return NULL;
        return l;
}

static bool comment_disables(const struct unit_comment *c, const struct rule *r) {
        char **l = comment_rules(c->text);
        bool found = false;

        for (size_t i = 0; l && l[i] && !found; i++)
                found = rule_find(l[i]) == r;
        strv_free(l);
        return found;
}

/* Once per file, when it is first read. */
static void warn_unknown_rules(const struct unit_file *f) {
        for (size_t i = 0; i < f->n_comments; i++) {
                char **l = comment_rules(f->comments[i].text);
                for (size_t k = 0; l && l[k]; k++)
                        if (!rule_find(l[k]))
                                log_warning("%s:%u: unknown rule \"%s\" in a hermes-unit-lint comment, ignoring.",
                                            path_shown(f->path), f->comments[i].line, l[k]);
                strv_free(l);
        }
}

static const struct unit_comment *comment_at(const struct unit_file *f, unsigned line) {
        for (size_t i = 0; i < f->n_comments; i++)
                if (f->comments[i].line == line)
                        return &f->comments[i];
        return NULL;
}

/* Suppressed by a comment before the first section, or in the block of comment
 * lines right above the finding's line? */
static bool suppressed_in(const struct unit_file *f, const struct finding *x) {
        unsigned first_section = f->n_sections ? f->sections[0].line : ~0u;

        for (size_t i = 0; i < f->n_comments; i++)
                if (f->comments[i].line < first_section && comment_disables(&f->comments[i], x->rule))
                        return true;
        for (unsigned line = x->line; line > 1; line--) {
                const struct unit_comment *c = comment_at(f, line - 1);
                if (!c)
                        break;
                if (comment_disables(c, x->rule))
                        return true;
        }
        return false;
}

struct parsed_file {
        const struct unit_file *file;
        bool warned;                /* its unknown rules were logged */
};

/* The files the run parsed (sorted by path, borrowed), and those parsed here (owned). */
struct file_cache {
        const struct lint_ctx *ctx;
        struct parsed_file *parsed;
        size_t n_parsed;
        bool indexed;
        struct unit_file **files;   /* parsed here; NULL entries: unreadable or not unit files */
        char **paths;
        size_t n;
};

static int cmp_file(const void *a, const void *b) {
        return strcmp(((const struct parsed_file *) a)->file->path, ((const struct parsed_file *) b)->file->path);
}

/* Every unit file and drop-in of the run, once, for bsearch(). Out of memory: none. */
static void index_parsed(struct file_cache *c) {
        const struct lint_ctx *ctx = c->ctx;
        size_t n = 0;

        c->indexed = true;
        for (size_t i = 0; i < ctx->n_units; i++)
                n += ctx->units[i].eff ? ctx->units[i].eff->n_files : 0;
        if (n == 0 || !(c->parsed = malloc(n * sizeof(*c->parsed))))
                return;
        for (size_t i = 0; i < ctx->n_units; i++)
                for (size_t k = 0; ctx->units[i].eff && k < ctx->units[i].eff->n_files; k++)
                        c->parsed[c->n_parsed++] = (struct parsed_file) { .file = ctx->units[i].eff->files[k] };
        qsort(c->parsed, c->n_parsed, sizeof(*c->parsed), cmp_file);
}

static const struct unit_file *parsed_by_run(struct file_cache *c, const char *path) {
        const struct unit_file f = { .path = (char *) path };
        const struct parsed_file key = { .file = &f };
        struct parsed_file *found;

        if (!c->indexed)
                index_parsed(c);
        found = c->n_parsed ? bsearch(&key, c->parsed, c->n_parsed, sizeof(*c->parsed), cmp_file) : NULL;
        if (found && !found->warned) {
                warn_unknown_rules(found->file);
                found->warned = true;
        }
        return found ? found->file : NULL;
}

static bool is_hermes_file(const struct lint_ctx *ctx, const char *path) {
        const struct hermes_home *h = ctx->hermes;

        for (size_t i = 0; h && i < h->n_profiles; i++)
                if (strcmp(h->profiles[i].env_path, path) == 0 || strcmp(h->profiles[i].jobs_path, path) == 0)
                        return true;
        return false;
}

/* A file the run did not parse (a drop-in systemd never reads), parsed once here. */
static const struct unit_file *parse_here(struct file_cache *c, const char *path) {
        struct unit_file *f = NULL;

        for (size_t i = 0; i < c->n; i++)
                if (strcmp(c->paths[i], path) == 0)
                        return c->files[i];
        struct unit_file **files = realloc(c->files, (c->n + 1) * sizeof(*files));
        if (!files)
                return NULL;
        c->files = files;
        if (strv_extend(&c->paths, path) < 0)
                return NULL;
        if (!is_hermes_file(c->ctx, path) && unitfile_load(path, &f, NULL) < 0)
                f = NULL;
        c->files[c->n++] = f;
        if (f)
                warn_unknown_rules(f);
        return f;
}

static const struct unit_file *cache_get(struct file_cache *c, const char *path) {
        const struct unit_file *f = parsed_by_run(c, path);

        return f ? f : parse_here(c, path);
}

static void cache_free(struct file_cache *c) {
        for (size_t i = 0; i < c->n; i++)
                unitfile_free(c->files[i]);
        free(c->files);
        strv_free(c->paths);
        free(c->parsed);
}

static void check_policy_names(char *const *l, const char *key) {
        for (size_t i = 0; l && l[i]; i++)
                if (!rule_find(l[i]))
                        log_warning("policy: [lint] %s= names unknown rule \"%s\", ignoring.", key, l[i]);
}

static bool policy_lists(char *const *l, const struct rule *r) {
        for (size_t i = 0; l && l[i]; i++)
                if (rule_find(l[i]) == r)
                        return true;
        return false;
}

struct apply {
        const struct policy_lint *pl;
        struct file_cache cache;
};

/* Drops a disabled or suppressed finding; sets the severity the policy asks for. */
static bool apply_one(const struct finding *kept, struct finding *x, void *userdata) {
        struct apply *a = userdata;
        const struct unit_file *uf = x->file ? cache_get(&a->cache, x->file) : NULL;

        if (policy_lists(a->pl->disable, x->rule) || (uf && suppressed_in(uf, x)))
                return true;
        if (policy_lists(a->pl->info, x->rule))
                x->severity = SEVERITY_INFO;
        if (policy_lists(a->pl->warning, x->rule))
                x->severity = SEVERITY_WARNING;
        if (policy_lists(a->pl->error, x->rule))
                x->severity = SEVERITY_ERROR;
        return false;
}

void lint_apply_config(const struct policy_lint *pl, const struct lint_ctx *ctx, struct findings *f) {
        struct apply a = { .pl = pl, .cache = { .ctx = ctx } };

        check_policy_names(pl->disable, "Disable");
        check_policy_names(pl->error, "Error");
        check_policy_names(pl->warning, "Warning");
        check_policy_names(pl->info, "Info");
        findings_filter(f, apply_one, &a);
        cache_free(&a.cache);
}

/* ---- streaming runs (see lint.h): decided while a unit's files are parsed ---- */

struct suppress_notes {
        char **paths;              /* files with unknown rule names in their comments */
        char **warnings;           /* for each, its warnings, one per line */
        bool *warned;
        size_t n;
};

int suppress_notes_new(struct suppress_notes **ret) {
        return (*ret = calloc(1, sizeof(**ret))) ? 0 : -ENOMEM;
}

void suppress_notes_free(struct suppress_notes *n) {
        if (!n)
                return;
        for (size_t i = 0; i < n->n; i++) {
                free(n->paths[i]);
                free(n->warnings[i]);
        }
        free(n->paths);
        free(n->warnings);
        free(n->warned);
        free(n);
}

static ssize_t note_find(const struct suppress_notes *n, const char *path) {
        for (size_t i = 0; i < n->n; i++)
                if (strcmp(n->paths[i], path) == 0)
                        return (ssize_t) i;
        return -1;
}

/* What warn_unknown_rules() would log for f, kept to be logged in the report's order. */
static void note_file(struct suppress_notes *n, const struct unit_file *f) {
        char *text = NULL;
        size_t size = 0;
        FILE *m;

        bool any = false;
        for (size_t i = 0; i < f->n_comments && !any; i++)
                any = strstr(f->comments[i].text, MARKER) != NULL;
        if (!any || note_find(n, f->path) >= 0 || !(m = open_memstream(&text, &size)))
                return;
        for (size_t i = 0; i < f->n_comments; i++) {
                char **l = comment_rules(f->comments[i].text);
                for (size_t k = 0; l && l[k]; k++)
                        if (!rule_find(l[k]))
                                fprintf(m, "%s:%u: unknown rule \"%s\" in a hermes-unit-lint comment, ignoring.\n",
                                        path_shown(f->path), f->comments[i].line, l[k]);
                strv_free(l);
        }
        if (fclose(m) != 0 || size == 0) {
                free(text);
                return;
        }
        char **paths = realloc(n->paths, (n->n + 1) * sizeof(char *));
        if (paths)
                n->paths = paths;
        char **warnings = realloc(n->warnings, (n->n + 1) * sizeof(char *));
        if (warnings)
                n->warnings = warnings;
        bool *warned = realloc(n->warned, (n->n + 1) * sizeof(bool));
        if (warned)
                n->warned = warned;
        if (!paths || !warnings || !warned || !(n->paths[n->n] = strdup(f->path))) {
                free(text);
                return;
        }
        n->warnings[n->n] = text;
        n->warned[n->n++] = false;
}

static void notes_warn(struct suppress_notes *n, const char *path) {
        ssize_t i = n->n ? note_find(n, path) : -1;

        if (i < 0 || n->warned[i])
                return;
        n->warned[i] = true;
        for (char *p = n->warnings[i], *nl; p && *p; p = nl + 1) {
                nl = strchr(p, '\n');
                log_warning("%.*s", (int) (nl - p), p);
        }
}

bool suppress_decide_early(struct suppress_notes *n, struct unit_file *const *files, size_t n_files,
                           const struct finding *x, bool *ret_suppressed) {
        for (size_t i = 0; x->file && i < n_files; i++)
                if (strcmp(files[i]->path, x->file) == 0) {
                        note_file(n, files[i]);
                        *ret_suppressed = suppressed_in(files[i], x);
                        return true;
                }
        return false;
}

/* drop_repeats() of lint.c on keys: the same rule, file, line, column and message as
 * the last key kept. */
static bool key_repeats(struct stash *st, const struct stash_key *kept, const struct stash_key *k) {
        struct finding a, b;
        bool same;

        if (!kept || kept->rule != k->rule || !kept->file || !k->file || kept->line != k->line ||
            kept->column != k->column || (kept->file != k->file && strcmp(kept->file, k->file) != 0))
                return false;
        if (stash_read_finding(st, kept, &a) < 0)
                return false;
        if (stash_read_finding(st, k, &b) < 0) {
                stash_finding_done(&a);
                return false;
        }
        same = strcmp(a.message, b.message) == 0;
        stash_finding_done(&a);
        stash_finding_done(&b);
        return same;
}

void lint_apply_config_stash(const struct policy_lint *pl, const struct lint_ctx *ctx, struct suppress_notes *notes,
                             struct stash *st, size_t count[_SEVERITY_MAX]) {
        struct apply a = { .pl = pl, .cache = { .ctx = ctx } };
        const struct stash_key *kept = NULL;

        check_policy_names(pl->disable, "Disable");
        check_policy_names(pl->error, "Error");
        check_policy_names(pl->warning, "Warning");
        check_policy_names(pl->info, "Info");
        for (size_t i = 0; i < st->n_keys; i++) {
                struct stash_key *k = &st->keys[i];
                const struct rule *r = &rules[k->rule];
                bool suppressed = false;
                if (key_repeats(st, kept, k))
                        continue;
                kept = k;
                if (k->file && (k->flags & STASH_SUPPRESS_KNOWN)) {
                        notes_warn(notes, k->file);
                        suppressed = k->flags & STASH_SUPPRESSED;
                } else if (k->file) {
                        const struct unit_file *uf = cache_get(&a.cache, k->file);
                        struct finding x = { .rule = r, .line = k->line };
                        suppressed = uf && suppressed_in(uf, &x);
                }
                if (policy_lists(pl->disable, r) || suppressed)
                        continue;
                if (policy_lists(pl->info, r))
                        k->severity = SEVERITY_INFO;
                if (policy_lists(pl->warning, r))
                        k->severity = SEVERITY_WARNING;
                if (policy_lists(pl->error, r))
                        k->severity = SEVERITY_ERROR;
                k->flags |= STASH_KEPT;
                count[k->severity]++;
        }
        cache_free(&a.cache);
}
