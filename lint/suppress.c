/* SPDX-License-Identifier: MIT */
/*
 * What the user said about the findings: "# hermes-unit-lint: disable=ID[,ID]"
 * comments in the unit files, and the policy's [lint] section (Disable=,
 * Error=, Warning=, Info=). Rules may be named by ID or name.
 */
#include <stdlib.h>
#include <string.h>

#include "hermes/rulesupport.h"
#include "log.h"
#include "ruleutil.h"
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
