/* SPDX-License-Identifier: MIT */
/*
 * SARIF 2.1.0 (OASIS), as code scanning services take it: one run, the rules
 * in tool.driver.rules, one result per finding with a physical location and,
 * for the restart findings, the fix (the drop-in to create or replace).
 * Paths under the current directory are relative URIs against %SRCROOT%,
 * others file:// URIs.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "jsonw.h"
#include "report.h"
#include "rulehelp.h"
#include "ruleutil.h"
#include "snippet.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"

static const char *sarif_level(enum severity s) {
        return s == SEVERITY_ERROR ? "error" : s == SEVERITY_WARNING ? "warning" : "note";
}

/* RFC 3986: keep unreserved characters and '/', percent-encode the rest. */
static char *uri_encode(const char *path) {
        char *s = malloc(strlen(path) * 3 + 1), *p = s;

        if (!s)
                return NULL;
        for (const unsigned char *c = (const unsigned char *) path; *c; c++)
                if (isalnum(*c) || strchr("-._~/", *c))
                        *p++ = (char) *c;
                else
                        p += sprintf(p, "%%%02X", *c);
        *p = 0;
        return s;
}

static void put_artifact(struct jsonw *w, const char *path) {
        const char *shown = path_shown(path);
        char *enc = uri_encode(shown), *uri = NULL;

        jsonw_key(w, "artifactLocation");
        jsonw_object_begin(w);
        if (enc && shown[0] == '/' && asprintf(&uri, "file://%s", enc) >= 0)
                jsonw_member_string(w, "uri", uri);
        else {
                jsonw_member_string(w, "uri", enc ? enc : shown);
                jsonw_member_string(w, "uriBaseId", "%SRCROOT%");
        }
        jsonw_object_end(w);
        free(uri);
        free(enc);
}

static void put_text(struct jsonw *w, const char *key, const char *text) {
        jsonw_key(w, key);
        jsonw_object_begin(w);
        jsonw_member_string(w, "text", text);
        jsonw_object_end(w);
}

/* The help is the rule's page in hermes-unit-lint(1) (rulehelp.h): the why as the
 * fullDescription, the whole page as help (code scanning shows the Markdown). */
static void put_rule(struct jsonw *w, const struct rule *r) {
        const struct rule_help *h = rule_help_find(r->id);
        char *uri = NULL;

        jsonw_object_begin(w);
        jsonw_member_string(w, "id", r->id);
        jsonw_member_string(w, "name", r->name);
        put_text(w, "shortDescription", r->summary);
        put_text(w, "fullDescription", h ? h->why : r->summary);
        jsonw_key(w, "defaultConfiguration");
        jsonw_object_begin(w);
        jsonw_member_string(w, "level", sarif_level(r->default_severity));
        jsonw_object_end(w);
        if (h) {
                jsonw_key(w, "help");
                jsonw_object_begin(w);
                jsonw_member_string(w, "text", h->text);
                jsonw_member_string(w, "markdown", h->markdown);
                jsonw_object_end(w);
        }
        if (asprintf(&uri, "%s/rules/%s.md", HOMEPAGE, r->id) >= 0)
                jsonw_member_string(w, "helpUri", uri);
        free(uri);
        jsonw_object_end(w);
}

/* The region's text runs from its column to the end of the line. */
static void put_region(struct jsonw *w, unsigned line, unsigned column, const struct snippet *sn) {
        jsonw_key(w, "region");
        jsonw_object_begin(w);
        jsonw_member_uint(w, "startLine", line);
        jsonw_member_uint(w, "startColumn", column);
        if (sn) {
                size_t n = strlen(sn->line_text);
                put_text(w, "snippet", sn->line_text + (column - 1 < n ? column - 1 : n));
        }
        jsonw_object_end(w);
        /* It must be a proper superset of the region (SARIF 3.29.5). */
        if (sn && sn->ctx_first < sn->ctx_last) {
                jsonw_key(w, "contextRegion");
                jsonw_object_begin(w);
                jsonw_member_uint(w, "startLine", sn->ctx_first);
                jsonw_member_uint(w, "endLine", sn->ctx_last);
                put_text(w, "snippet", sn->ctx_text);
                jsonw_object_end(w);
        }
}

/* A whole-file finding points at its first line: code scanning wants a region.
 * Snippets come only from unit files, never from a secret's line (snippet.h). */
static void put_location(struct jsonw *w, const struct finding *x) {
        unsigned line = x->line ? x->line : 1, column = x->column ? x->column : 1;
        struct snippet sn;
        bool have = snippet_get(x->file, line, &sn) >= 0;

        jsonw_object_begin(w);
        jsonw_key(w, "physicalLocation");
        jsonw_object_begin(w);
        put_artifact(w, x->file);
        put_region(w, line, column, have ? &sn : NULL);
        jsonw_object_end(w);
        jsonw_object_end(w);
        if (have)
                snippet_done(&sn);
}

/* The fix replaces the whole file (or creates it): one replacement of all its characters. */
static void put_fix(struct jsonw *w, const struct lint_fix *fix) {
        jsonw_key(w, "fixes");
        jsonw_array_begin(w);
        jsonw_object_begin(w);
        put_text(w, "description", fix->old_text ? "Replace the drop-in written by hermes-unit-lint --fix" :
                 "Create a drop-in with the policy's restart settings (hermes-unit-lint --fix)");
        jsonw_key(w, "artifactChanges");
        jsonw_array_begin(w);
        jsonw_object_begin(w);
        put_artifact(w, fix->path);
        jsonw_key(w, "replacements");
        jsonw_array_begin(w);
        jsonw_object_begin(w);
        jsonw_key(w, "deletedRegion");
        jsonw_object_begin(w);
        jsonw_member_uint(w, "charOffset", 0);
        jsonw_member_uint(w, "charLength", fix->old_text ? strlen(fix->old_text) : 0);
        jsonw_object_end(w);
        put_text(w, "insertedContent", fix->text);
        jsonw_object_end(w);
        jsonw_array_end(w);
        jsonw_object_end(w);
        jsonw_array_end(w);
        jsonw_object_end(w);
        jsonw_array_end(w);
}

static void put_result(struct jsonw *w, const struct finding *x) {
        jsonw_object_begin(w);
        jsonw_member_string(w, "ruleId", x->rule->id);
        jsonw_member_uint(w, "ruleIndex", rule_index(x->rule));
        jsonw_member_string(w, "level", sarif_level(x->severity));
        put_text(w, "message", x->message);
        jsonw_key(w, "locations");
        jsonw_array_begin(w);
        if (x->file)
                put_location(w, x);
        jsonw_array_end(w);
        if (x->fix)
                put_fix(w, x->fix);
        if (x->profile) {
                jsonw_key(w, "properties");
                jsonw_object_begin(w);
                jsonw_member_string(w, "profile", x->profile);
                jsonw_object_end(w);
        }
        jsonw_object_end(w);
}

static void put_driver(struct jsonw *w) {
        jsonw_key(w, "tool");
        jsonw_object_begin(w);
        jsonw_key(w, "driver");
        jsonw_object_begin(w);
        jsonw_member_string(w, "name", "hermes-unit-lint");
        jsonw_member_string(w, "version", VERSION);
        jsonw_member_string(w, "semanticVersion", VERSION);
        jsonw_member_string(w, "informationUri", HOMEPAGE);
        jsonw_key(w, "rules");
        jsonw_array_begin(w);
        for (size_t i = 0; i < n_rules; i++)
                put_rule(w, &rules[i]);
        jsonw_array_end(w);
        jsonw_object_end(w);
        jsonw_object_end(w);
}

void report_sarif(FILE *out, const struct lint_run *run) {
        struct jsonw w;

        jsonw_init(&w, out);
        jsonw_object_begin(&w);
        jsonw_member_string(&w, "$schema", SARIF_SCHEMA);
        jsonw_member_string(&w, "version", "2.1.0");
        jsonw_key(&w, "runs");
        jsonw_array_begin(&w);
        jsonw_object_begin(&w);
        put_driver(&w);
        jsonw_key(&w, "results");
        jsonw_array_begin(&w);
        struct lint_cursor c;
        const struct finding *x;
        lint_cursor_init(&c, run);
        while ((x = lint_cursor_next(&c)))
                put_result(&w, x);
        lint_cursor_done(&c);
        jsonw_array_end(&w);
        jsonw_object_end(&w);
        jsonw_array_end(&w);
        jsonw_object_end(&w);
        jsonw_finish(&w);
}
