/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Findings: what the rules report, collected for one run.
 *
 * A rule only says where and what (finding_add()); the rule and unit it is
 * about come from the runner (findings.rule, findings.unit), and the severity
 * starts at the rule's default and is adjusted afterwards by the policy's
 * [lint] section. Locations are file:line:column, all 1-based; line 0 means the
 * whole file, and a NULL file a finding about the host (e.g. linger).
 */

#include <stdbool.h>
#include <stddef.h>

enum severity {
        SEVERITY_INFO,
        SEVERITY_WARNING,
        SEVERITY_ERROR,
        _SEVERITY_MAX,
};

const char *severity_name(enum severity s);         /* "info" "warning" "error" */
int severity_from_string(const char *s);             /* severity or -EINVAL */

struct rule;

/* The drop-in --fix writes for one unit (see fix.h). */
struct lint_fix {
        char *unit;
        char *path;          /* where it goes */
        char *text;          /* the whole new file */
        char *old_text;      /* the file's current contents; NULL when it does not exist */
        size_t base_len;     /* path[0..base_len) is where --fix may write beneath */
        unsigned user_line;  /* > 0: the first line of old_text --fix did not write */
        char *user_key;      /* that line's key ("" for a comment) */
};

struct finding {
        const struct rule *rule;
        enum severity severity;
        char *unit;          /* may be NULL */
        char *file;          /* may be NULL: about the host, not a file */
        unsigned line;       /* 0: the whole file */
        unsigned column;     /* 0 when line is 0 */
        char *message;       /* one sentence or two, no trailing newline, never a secret */
        char *profile;       /* the Hermes profile it is about, or NULL */
        char *brief;         /* live rules: the watchdog's few words ("crash loop, 14 restarts,
                                no start limit"), or NULL */
        const struct lint_fix *fix;  /* the drop-in that resolves it, or NULL */
};

struct findings {
        struct finding *items;
        size_t n, cap;
        /* Set by the runner around each rule's check: */
        const struct rule *rule;
        const char *unit;
        const char *profile;  /* a rule may set it around finding_add(); else filled in from the unit */
};

/* Appends a finding for findings->rule and findings->unit. Out of memory is
 * swallowed (the finding is lost), like diag_add(). */
void finding_add(struct findings *f, const char *file, unsigned line, unsigned column,
                 const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Sets the brief text (see struct finding) of the finding added last. */
void finding_brief(struct findings *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Removes item i, keeping the order of the others. */
void findings_remove(struct findings *f, size_t i);

/* Removes every finding drop() says so, in one pass, keeping the order of the
 * others (linear, where findings_remove() in a loop is quadratic); drop sees the
 * last finding kept before x (NULL for the first). */
void findings_filter(struct findings *f,
                     bool (*drop)(const struct finding *kept, struct finding *x, void *userdata),
                     void *userdata);

/* Sorts by file, line, column, rule id; findings without a file last. */
void findings_sort(struct findings *f);

/* Number of findings at or above min. */
size_t findings_count(const struct findings *f, enum severity min);

void findings_clear(struct findings *f);
