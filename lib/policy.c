/* SPDX-License-Identifier: MIT */
/*
 * See policy.h. inih splits lines into sections, keys and values; our own line
 * reader (read_line()) feeds it one line at a time so that every diagnostic
 * knows its line (Debian's inih gives the handler none), and it hands inih only
 * lines inih would parse the way we document: anything else is reported here
 * and replaced by an empty line.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <ini.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "exitstatus.h"
#include "fileio.h"
#include "guardkeys.h"
#include "parseutil.h"
#include "policy.h"
#include "strv.h"
#include "unitname.h"
#include "unitvalues.h"

#define WHITESPACE " \t\v\f\r"
#define UTF8_BOM "\xef\xbb\xbf"
/* At most this much of a key, value or section name is quoted in a message. */
#define SHOWN_MAX 40

static const char *const default_units[] = {
        "hermes-gateway.service", "hermes-gateway-*.service", "hermes-gateway@.service",
        "hermes.service", NULL,
};

enum section_kind {
        SECTION_NONE,        /* before the first header */
        SECTION_SKIP,        /* unknown or broken header: already reported, keys ignored */
        SECTION_GUARDRAILS,
        SECTION_MATCH,
        SECTION_LINT,
        SECTION_UNIT,
};

struct parser {
        /* Who hears the grammar's sections and keys: the policy's own start_section()
         * and handle_key(), or a test through policy_grammar_parse(). */
        void (*on_section)(void *userdata, const char *name);
        policy_key_fn on_key;
        void *userdata;
        struct policy *pol;
        struct diag_list *diags;
        const char *path;
        const char *next;        /* the rest of the file */
        unsigned line;           /* the line inih is working on */
        enum section_kind kind;
        size_t unit_section;     /* index into pol->sections for SECTION_UNIT */
        bool after_key;          /* the last meaningful line was a key: inih would take an
                                    indented line as its continuation */
        int error;               /* -ENOMEM stops the parse */
};

/* A [match] or [lint] key: a generic parser writes the field at offset in struct policy.
 * Guardrail keys come from the shared table (guardkeys.h). */
struct policy_key {
        const char *name;
        /* 0, -EINVAL (reported) or -ENOMEM */
        int (*parse)(struct parser *p, const char *key, const char *value, void *field);
        size_t offset;
};

/* ---- messages -------------------------------------------------------------- */

/* A bounded, printable copy of s for a message: input is never echoed at length. */
static const char *shown(const char *s, char buf[static SHOWN_MAX + 4]) {
        size_t i;

        for (i = 0; s[i] && i < SHOWN_MAX; i++)
                buf[i] = s[i] >= 0x20 && s[i] < 0x7f ? s[i] : '?';
        strcpy(buf + i, s[i] ? "..." : "");
        return buf;
}

static int invalid(struct parser *p, const char *key, const char *value, const char *why) {
        char v[SHOWN_MAX + 4];

        diag_add(p->diags, DIAG_POLICY_INVALID_VALUE, p->path, p->line, 1, "%s= value \"%s\": %s", key,
                 shown(value, v), why);
        return -EINVAL;
}

static int invalid_word(struct parser *p, const char *key, const char *word, const char *what) {
        char w[SHOWN_MAX + 4];

        diag_add(p->diags, DIAG_POLICY_INVALID_VALUE, p->path, p->line, 1, "%s= value: \"%s\" is not %s", key,
                 shown(word, w), what);
        return -EINVAL;
}

/* ---- values ---------------------------------------------------------------- */

static int set_string(char **field, const char *value) {
        char *c = NULL;

        if (value && !(c = strdup(value)))
                return -ENOMEM;
        free(*field);
        *field = c;
        return 0;
}

static int join_words(char **words, char **ret) {
        size_t len = 1;
        char *s;

        for (size_t i = 0; words[i]; i++)
                len += strlen(words[i]) + 1;
        s = malloc(len);
        if (!s)
                return -ENOMEM;
        s[0] = 0;
        for (size_t i = 0; words[i]; i++) {
                if (i > 0)
                        strcat(s, " ");
                strcat(s, words[i]);
        }
        *ret = s;
        return 0;
}

static int parse_restart(struct parser *p, const char *key, const char *value, char **field) {
        int m = restart_mode_from_string(value);

        if (m < 0)
                return invalid(p, key, value,
                               "expected no, on-success, on-failure, on-abnormal, on-watchdog, on-abort or always");
        return set_string(field, restart_mode_name(m));
}

static int parse_time(struct parser *p, const char *key, const char *value, void *field) {
        usec_t *ret = field;
        int r;

        if (!*value)
                return invalid(p, key, value, "empty");
        r = timespan_parse(value, USEC_PER_SEC, ret);
        if (r == -ERANGE)
                return invalid(p, key, value, "time span out of range");
        if (r < 0)
                return invalid(p, key, value, "not a time span (e.g. 10s, 1min 30s, 2h, infinity)");
        return 0;
}

static int parse_count(struct parser *p, const char *key, const char *value, unsigned *ret) {
        unsigned long long v;

        if (parse_unsigned(value, UINT_MAX, &v) < 0)
                return invalid(p, key, value, "not an unsigned number");
        *ret = (unsigned) v;
        return 0;
}

static int parse_action(struct parser *p, const char *key, const char *value, char **field) {
        int r = emergency_action_check(value, p->pol->scope);

        if (r == 0)
                return set_string(field, value);
        if (r == -EOPNOTSUPP)
                return invalid(p, key, value,
                               "not supported by the user manager (it would do exit-force instead)");
        return invalid(p, key, value, p->pol->scope == SCOPE_USER ?
                       "expected none, exit or exit-force" :
                       "expected none, exit, exit-force, reboot, reboot-force, reboot-immediate, "
                       "poweroff, poweroff-force or poweroff-immediate");
}

/* A unit name that may hold systemd specifiers ("alert@%n.service"): each "%x" is
 * checked as if it expanded to a plain character. */
static bool unit_name_with_specifiers_is_valid(const char *name) {
        char buf[256];
        size_t n = 0;

        for (const char *s = name; *s; s++) {
                if (n + 1 >= sizeof(buf))
                        return false;
                if (s[0] == '%' && isalpha((unsigned char) s[1])) {
                        buf[n++] = 'x';
                        s++;
                } else
                        buf[n++] = s[0];
        }
        buf[n] = 0;
        return unit_name_is_valid(buf, UNIT_NAME_ANY);
}

static int parse_unit_list(struct parser *p, const char *key, const char *value, char **field) {
        char **names, *joined = NULL;
        int r;

        if (strv_split(value, WHITESPACE, &names) < 0)
                return -ENOMEM;
        for (size_t i = 0; names[i]; i++)
                if (!unit_name_with_specifiers_is_valid(names[i])) {
                        r = invalid_word(p, key, names[i], "a valid unit name");
                        strv_free(names);
                        return r;
                }
        r = names[0] ? join_words(names, &joined) : 0;
        strv_free(names);
        if (r < 0)
                return r;
        free(*field);
        *field = joined;
        return 0;
}

static int parse_exit_status(struct parser *p, const char *key, const char *value, char **field) {
        struct exit_status_set set = {};
        char buf[EXIT_STATUS_SET_FORMAT_MAX], **words, *normalized = NULL;
        int r = 0;

        if (strv_split(value, WHITESPACE, &words) < 0)
                return -ENOMEM;
        for (size_t i = 0; r == 0 && words[i]; i++)
                if (exit_status_set_add_word(&set, words[i]) < 0)
                        r = invalid_word(p, key, words[i],
                                         "an exit status (0-255, e.g. 78 or CONFIG) or a signal (e.g. SIGKILL)");
        /* The unit-file form with "SIG": statuses ascending, then signals. */
        if (r == 0 && words[0] && !(normalized = strdup(exit_status_set_format(&set, "SIG", buf, sizeof(buf)))))
                r = -ENOMEM;
        strv_free(words);
        if (r < 0)
                return r;
        free(*field);
        *field = normalized;
        return 0;
}

static int parse_priority(struct parser *p, const char *key, const char *value, enum policy_priority *field) {
        if (strcmp(value, "normal") == 0)
                *field = POLICY_PRIORITY_NORMAL;
        else if (strcmp(value, "early") == 0)
                *field = POLICY_PRIORITY_EARLY;
        else
                return invalid(p, key, value, "expected normal or early");
        return 0;
}

static int parse_bool(struct parser *p, const char *key, const char *value, bool *field) {
        int b = parse_boolean(value);

        if (b < 0)
                return invalid(p, key, value, "expected yes or no");
        *field = b;
        return 0;
}

/* Clears a guardrail field: NULL (freed) or zero. */
static void guard_clear(const struct guard_key *k, struct guardrails *g) {
        void *field = guard_field(g, k->policy_offset);

        if (guard_type_is_string(k->type))
                free(*(char **) field);
        memset(field, 0, k->policy_size);
}

/* One guardrail key's value, by the type its row in the key table gives. */
static int parse_guard_key(struct parser *p, const struct guard_key *k, struct guardrails *g, const char *value) {
        void *field = guard_field(g, k->policy_offset);

        if (!*value && (k->flags & GUARD_KEY_OPTIONAL)) {
                guard_clear(k, g);
                return 0;
        }
        switch (k->type) {
        case GUARD_TYPE_RESTART:     return parse_restart(p, k->key, value, field);
        case GUARD_TYPE_TIMESPAN:    return parse_time(p, k->key, value, field);
        case GUARD_TYPE_UNSIGNED:    return parse_count(p, k->key, value, field);
        case GUARD_TYPE_ACTION:      return parse_action(p, k->key, value, field);
        case GUARD_TYPE_UNIT_LIST:   return parse_unit_list(p, k->key, value, field);
        case GUARD_TYPE_EXIT_STATUS: return parse_exit_status(p, k->key, value, field);
        case GUARD_TYPE_PRIORITY:    return parse_priority(p, k->key, value, field);
        case GUARD_TYPE_BOOLEAN:     return parse_bool(p, k->key, value, field);
        case GUARD_TYPE_NONE:        break;
        }
        return -EINVAL;
}

/* A unit name, or a glob of one that still ends in a unit type suffix. */
static bool unit_glob_is_valid(const char *pattern) {
        char probe[64];
        const char *dot = strrchr(pattern, '.');

        if (!strpbrk(pattern, "*?["))
                return unit_name_is_valid(pattern, UNIT_NAME_ANY);
        if (!dot || strpbrk(dot, "*?[") || snprintf(probe, sizeof(probe), "x%s", dot) >= (int) sizeof(probe) ||
            !unit_name_is_valid(probe, UNIT_NAME_PLAIN))
                return false;
        return strspn(pattern, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                               ":-_.\\@*?[]!^") == strlen(pattern);
}

static int parse_globs(struct parser *p, const char *key, const char *value, void *field) {
        char **globs, ***strv = field;

        if (strv_split(value, WHITESPACE, &globs) < 0)
                return -ENOMEM;
        for (size_t i = 0; globs[i]; i++)
                if (!unit_glob_is_valid(globs[i])) {
                        int r = invalid_word(p, key, globs[i], "a unit name or glob (e.g. hermes-gateway-*.service)");
                        strv_free(globs);
                        return r;
                }
        strv_free(*strv);
        *strv = globs;
        return 0;
}

static int parse_rule_list(struct parser *p, const char *key, const char *value, void *field) {
        char **ids, ***strv = field;

        if (strv_split(value, WHITESPACE ",", &ids) < 0)
                return -ENOMEM;
        strv_free(*strv);
        *strv = ids;
        return 0;
}

static int parse_min_restart_sec(struct parser *p, const char *key, const char *value, void *field) {
        struct policy_lint *l = field;

        if (!*value) {
                l->min_restart_sec_set = false;
                return 0;
        }
        if (parse_time(p, key, value, &l->min_restart_sec) < 0)
                return -EINVAL;
        l->min_restart_sec_set = true;
        return 0;
}

static const struct policy_key match_keys[] = {
        { "Units",   parse_globs, offsetof(struct policy, units) },
        { "Exclude", parse_globs, offsetof(struct policy, exclude) },
        {}
};

static const struct policy_key lint_keys[] = {
        { "Disable",       parse_rule_list,       offsetof(struct policy, lint.disable) },
        { "Error",         parse_rule_list,       offsetof(struct policy, lint.error) },
        { "Warning",       parse_rule_list,       offsetof(struct policy, lint.warning) },
        { "Info",          parse_rule_list,       offsetof(struct policy, lint.info) },
        { "MinRestartSec", parse_min_restart_sec, offsetof(struct policy, lint) },
        {}
};

/* ---- sections and keys ---------------------------------------------------- */

static const char *section_name(const struct parser *p) {
        switch (p->kind) {
        case SECTION_GUARDRAILS: return "guardrails";
        case SECTION_MATCH:      return "match";
        case SECTION_LINT:       return "lint";
        case SECTION_UNIT:       return p->pol->sections[p->unit_section].pattern;
        default:                 return "";
        }
}

/* The key of the same name in another case, for the hint. */
static const char *case_hint(const struct policy_key *keys, const char *key) {
        const char *hint = NULL;

        if (!keys) {
                for (size_t i = 0; i < n_guard_keys; i++)
                        if (guard_keys[i].policy_offset != GUARD_NO_FIELD && strcasecmp(guard_keys[i].key, key) == 0)
                                hint = guard_keys[i].key;
                return hint;
        }
        for (const struct policy_key *d = keys; d->name; d++)
                if (strcasecmp(d->name, key) == 0)
                        hint = d->name;
        return hint;
}

/* keys NULL: the guardrail keys. */
static void unknown_key(struct parser *p, const struct policy_key *keys, const char *key) {
        char k[SHOWN_MAX + 4], s[SHOWN_MAX + 4];
        const char *hint = case_hint(keys, key);

        diag_add(p->diags, DIAG_POLICY_UNKNOWN_KEY, p->path, p->line, 1,
                 "\"%s\" in [%s], ignoring it%s%s%s", shown(key, k), shown(section_name(p), s),
                 hint ? " (keys are case-sensitive: did you mean " : "", hint ? hint : "", hint ? "=?)" : "");
}

static int assign_guard_key(struct parser *p, struct guardrails *g, const char *key, const char *value) {
        const struct guard_key *k = guard_key_policy(key);
        int r;

        if (!k) {
                unknown_key(p, NULL, key);
                return 0;
        }
        r = parse_guard_key(p, k, g, value);
        if (r == 0)
                g->set |= guard_key_bit(k);
        return r == -ENOMEM ? r : 0;
}

static int assign_policy_key(struct parser *p, const struct policy_key *keys, const char *key, const char *value) {
        for (const struct policy_key *d = keys; d->name; d++)
                if (strcmp(d->name, key) == 0) {
                        int r = d->parse(p, key, value, guard_field(p->pol, d->offset));
                        return r == -ENOMEM ? r : 0;
                }
        unknown_key(p, keys, key);
        return 0;
}

/* inih's handler. Always succeeds (problems are diagnostics) unless out of memory. */
static int handle_key(void *userdata, const char *section, const char *key, const char *value) {
        struct parser *p = userdata;
        char k[SHOWN_MAX + 4];
        int r = 0;

        switch (p->kind) {
        case SECTION_NONE:
                diag_add(p->diags, DIAG_POLICY_OUTSIDE_SECTION, p->path, p->line, 1, "\"%s\"", shown(key, k));
                break;
        case SECTION_SKIP:
                break;
        case SECTION_GUARDRAILS:
                r = assign_guard_key(p, &p->pol->guard, key, value);
                break;
        case SECTION_UNIT:
                r = assign_guard_key(p, &p->pol->sections[p->unit_section].guard, key, value);
                break;
        case SECTION_MATCH:
                r = assign_policy_key(p, match_keys, key, value);
                break;
        case SECTION_LINT:
                r = assign_policy_key(p, lint_keys, key, value);
                break;
        }
        if (r < 0)
                p->error = r;
        return r >= 0;
}

static int add_unit_section(struct policy *pol, const char *pattern) {
        struct policy_unit_section *s = realloc(pol->sections, (pol->n_sections + 1) * sizeof(*s));

        if (!s)
                return -ENOMEM;
        pol->sections = s;
        s[pol->n_sections] = (struct policy_unit_section) { .pattern = strdup(pattern) };
        if (!s[pol->n_sections].pattern)
                return -ENOMEM;
        pol->n_sections++;
        return 0;
}

static void start_section(void *userdata, const char *name) {
        static const char *const known[] = { "guardrails", "match", "lint" };
        struct parser *p = userdata;
        char s[SHOWN_MAX + 4];

        for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
                if (strcmp(name, known[i]) == 0) {
                        p->kind = SECTION_GUARDRAILS + i;
                        return;
                }
        if (unit_glob_is_valid(name)) {
                p->unit_section = p->pol->n_sections;
                p->error = add_unit_section(p->pol, name);
                p->kind = p->error < 0 ? SECTION_SKIP : SECTION_UNIT;
                return;
        }
        p->kind = SECTION_SKIP;
        diag_add(p->diags, DIAG_POLICY_UNKNOWN_SECTION, p->path, p->line, 1, "%s", shown(name, s));
}

/* ---- the line reader ------------------------------------------------------ */

/* Like inih: the first of chars, or a ';' after whitespace (a trailing comment). */
static const char *find_or_comment(const char *s, const char *chars) {
        bool was_space = false;

        for (; *s; s++) {
                if (strchr(chars, *s) || (was_space && *s == ';'))
                        return s;
                was_space = strchr(WHITESPACE, *s) != NULL;
        }
        return s;
}

/* "[name]", optionally followed by whitespace and a ';' comment. */
static bool section_header(struct parser *p, const char *s) {
        const char *close = find_or_comment(s + 1, "]");
        const char *rest = close + (*close == ']');

        rest += strspn(rest, WHITESPACE);
        if (*close != ']' || (*rest && *rest != ';')) {
                diag_add(p->diags, DIAG_POLICY_BAD_SECTION, p->path, p->line, 1, NULL);
                p->kind = SECTION_SKIP;
                return false;
        }
        char *name = strndup(s + 1, close - s - 1);
        if (!name) {
                p->error = -ENOMEM;
                return false;
        }
        p->on_section(p->userdata, name);
        free(name);
        return true;
}

static bool key_line(struct parser *p, const char *s, bool indented) {
        const char *sep = find_or_comment(s, "=:");

        if (*sep == '=' && sep > s)
                return true;
        if (*sep == '=')
                diag_add(p->diags, DIAG_POLICY_MISSING_KEY, p->path, p->line, 1, NULL);
        else if (indented && p->after_key)
                diag_add(p->diags, DIAG_POLICY_CONTINUATION_LINE, p->path, p->line, 1, NULL);
        else
                diag_add(p->diags, DIAG_POLICY_MISSING_EQUALS, p->path, p->line, 1, NULL);
        return false;
}

/* Decides whether inih may see this line (its leading whitespace removed). */
static const char *classify_line(struct parser *p, const char *line) {
        const char *s = line + strspn(line, WHITESPACE);
        bool ok;

        if (!*s || *s == '#' || *s == ';')
                return s;
        if (*s == '[') {
                p->after_key = false;
                return section_header(p, s) ? s : NULL;
        }
        ok = key_line(p, s, s > line);
        p->after_key = ok;
        return ok ? s : NULL;
}

/* inih's reader: one line per call, never more than inih's buffer can hold. */
static char *read_line(char *buf, int size, void *userdata) {
        struct parser *p = userdata;
        size_t max = size > 2 ? (size_t) size - 2 : 0, len;
        const char *s = p->next, *text;

        if (p->error < 0 || !*s)
                return NULL;
        len = strcspn(s, "\n");
        p->next = s + len + (s[len] == '\n');
        p->line++;
        if (p->line == 1 && strncmp(s, UTF8_BOM, 3) == 0) {
                s += 3;
                len -= 3;
        }
        if (len > 0 && s[len - 1] == '\r')
                len--;
        buf[0] = 0;
        if (len > POLICY_LINE_MAX || len > max)
                diag_add(p->diags, DIAG_POLICY_LINE_TOO_LONG, p->path, p->line, 1, "%u", POLICY_LINE_MAX);
        else {
                memcpy(buf, s, len);
                buf[len] = 0;
                text = classify_line(p, buf);
                memmove(buf, text ? text : "", strlen(text ? text : "") + 1);
        }
        strcat(buf, "\n");
        return buf;
}

static int run_grammar(struct parser *p) {
        int r = ini_parse_stream(read_line, p, p->on_key, p->userdata);

        /* Every line inih gets is one it parses, and the handler only fails on -ENOMEM. */
        if (p->error < 0)
                return p->error;
        return r == -2 ? -ENOMEM : 0;
}

int policy_grammar_parse(const char *path, const char *data, void (*on_section)(void *userdata, const char *name),
                         policy_key_fn on_key, void *userdata, struct diag_list *diags) {
        struct parser p = {
                .on_section = on_section, .on_key = on_key, .userdata = userdata,
                .diags = diags, .path = path, .next = data,
        };

        return run_grammar(&p);
}

static int parse(struct policy *pol, const char *path, const char *data, struct diag_list *diags) {
        struct parser p = { .on_section = start_section, .on_key = handle_key, .pol = pol, .diags = diags,
                            .path = path, .next = data };

        p.userdata = &p;
        return run_grammar(&p);
}

/* ---- files and layers ----------------------------------------------------- */

static void report_unreadable(const char *path, int error, struct diag_list *diags) {
        struct stat st;
        const char *why;

        switch (error) {
        case -ENOENT:
                why = lstat(path, &st) == 0 ? "dangling symlink" : "no such file";
                break;
        case -EISDIR: why = "it is a directory"; break;
        case -EBADF:  why = "not a regular file"; break;
        case -EFBIG:  why = "file too large"; break;
        case -EILSEQ: why = "it contains NUL bytes (binary data?)"; break;
        default:      why = strerror(-error); break;
        }
        diag_add(diags, DIAG_UNREADABLE, path, 0, 0, "%s; ignoring this policy file", why);
}

static void sync_lint_defaults(struct policy *pol) {
        if (!pol->lint.min_restart_sec_set)
                pol->lint.min_restart_sec = pol->guard.restart_sec;
}

int policy_load_file(struct policy *pol, const char *path, struct diag_list *diags) {
        char *data = NULL;
        size_t size;
        int r = fileio_read(path, FILEIO_MAX_SIZE, &data, &size);

        if (r == -ENOMEM)
                return r;
        if (r < 0) {
                report_unreadable(path, r, diags);
                return 0;
        }
        r = strv_extend(&pol->files, path);
        if (r >= 0)
                r = parse(pol, path, data, diags);
        free(data);
        sync_lint_defaults(pol);
        return r;
}

/* Layers other than $HERMES_GUARDRAILS_POLICY are optional: absence is silent. */
static int load_optional(struct policy *pol, const char *path, struct diag_list *diags) {
        struct stat st;

        if (lstat(path, &st) < 0 && errno == ENOENT)
                return 0;
        return policy_load_file(pol, path, diags);
}

/* The *.conf names in dir, sorted. A missing dir is empty; an unreadable one is reported. */
static int list_conf_names(const char *dir, char ***ret, struct diag_list *diags) {
        int r = fileio_conf_names(dir, false, ret);

        if (r == -ENOMEM)
                return r;
        if (r < 0) {
                diag_add(diags, DIAG_UNREADABLE, dir, 0, 0, "%s; ignoring this policy drop-in directory", strerror(-r));
                return (*ret = strv_copy(NULL)) ? 0 : -ENOMEM;
        }
        return 0;
}

static int load_dropins(struct policy *pol, const char *dir, struct diag_list *diags) {
        char **names;
        int r = list_conf_names(dir, &names, diags);

        if (r < 0)
                return r;
        for (size_t i = 0; r >= 0 && names[i]; i++) {
                char *path;
                if (asprintf(&path, "%s/%s", dir, names[i]) < 0)
                        r = -ENOMEM;
                else {
                        r = policy_load_file(pol, path, diags);
                        free(path);
                }
        }
        strv_free(names);
        return r;
}

static int load_layers(struct policy *pol, const struct policy_paths *p, struct diag_list *diags) {
        char *etc = NULL, *file = NULL, *dir = NULL, *user = NULL;
        int r = -ENOMEM;

        if (asprintf(&etc, "%s/hermes-guardrails", p->sysconfdir) < 0)
                return -ENOMEM;
        if (asprintf(&file, "%s/policy.conf", etc) < 0 || asprintf(&dir, "%s/policy.conf.d", etc) < 0)
                goto finish;
        if (p->scope == SCOPE_USER && p->home &&
            asprintf(&user, "%s/.config/hermes-guardrails/policy.conf", p->home) < 0)
                goto finish;
        r = load_optional(pol, file, diags);
        if (r >= 0)
                r = load_dropins(pol, dir, diags);
        if (r >= 0 && user)
                r = load_optional(pol, user, diags);
finish:
        free(etc);
        free(file);
        free(dir);
        free(user);
        return r;
}

void policy_paths_from_env(enum scope scope, struct policy_paths *p) {
        const char *home = getenv("HOME"), *file = getenv("HERMES_GUARDRAILS_POLICY");

        *p = (struct policy_paths) {
                .scope = scope,
                .sysconfdir = SYSCONFDIR,
                /* A relative or empty $HOME would make the user layer depend on the cwd. */
                .home = scope == SCOPE_USER && home && home[0] == '/' ? home : NULL,
                .override_file = file && *file ? file : NULL,
        };
}

int policy_new_default(struct policy **ret) {
        struct policy *pol = calloc(1, sizeof(*pol));

        if (!pol)
                return -ENOMEM;
        pol->scope = SCOPE_USER;
        pol->guard = (struct guardrails) {
                .restart = strdup("on-failure"),
                .restart_sec = 10 * USEC_PER_SEC,
                .start_limit_interval = 10 * USEC_PER_MINUTE,
                .start_limit_burst = 5,
                .restart_prevent_exit_status = strdup("78"),   /* Hermes: fatal config, do not restart */
                .priority = POLICY_PRIORITY_NORMAL,
                .enabled = true,
        };
        pol->units = strv_copy((char *const *) default_units);
        pol->exclude = strv_copy(NULL);
        pol->lint.disable = strv_copy(NULL);
        pol->lint.error = strv_copy(NULL);
        pol->lint.warning = strv_copy(NULL);
        pol->lint.info = strv_copy(NULL);
        pol->files = strv_copy(NULL);
        if (!pol->guard.restart || !pol->guard.restart_prevent_exit_status || !pol->units || !pol->exclude ||
            !pol->lint.disable || !pol->lint.error || !pol->lint.warning || !pol->lint.info || !pol->files) {
                policy_free(pol);
                return -ENOMEM;
        }
        sync_lint_defaults(pol);
        *ret = pol;
        return 0;
}

int policy_load(const struct policy_paths *p, struct policy **ret, struct diag_list *diags) {
        struct policy *pol;
        int r = policy_new_default(&pol);

        if (r < 0)
                return r;
        pol->scope = p->scope;
        r = p->override_file ? policy_load_file(pol, p->override_file, diags) : load_layers(pol, p, diags);
        if (r < 0) {
                policy_free(pol);
                return r;
        }
        *ret = pol;
        return 0;
}

static void guardrails_done(struct guardrails *g) {
        for (size_t i = 0; i < n_guard_keys; i++)
                if (guard_keys[i].policy_offset != GUARD_NO_FIELD && guard_type_is_string(guard_keys[i].type))
                        free(*(char **) guard_field(g, guard_keys[i].policy_offset));
}

void policy_free(struct policy *pol) {
        if (!pol)
                return;
        guardrails_done(&pol->guard);
        for (size_t i = 0; i < pol->n_sections; i++) {
                free(pol->sections[i].pattern);
                guardrails_done(&pol->sections[i].guard);
        }
        free(pol->sections);
        strv_free(pol->units);
        strv_free(pol->exclude);
        strv_free(pol->lint.disable);
        strv_free(pol->lint.error);
        strv_free(pol->lint.warning);
        strv_free(pol->lint.info);
        strv_free(pol->files);
        free(pol);
}

/* ---- matching -------------------------------------------------------------- */

/* "a@b.service" -> "a@.service" into buf; false when unit is no instance. */
static bool template_of(const char *unit, char *buf, size_t len) {
        const char *at = strchr(unit, '@'), *dot = strrchr(unit, '.');

        if (!unit_name_is_valid(unit, UNIT_NAME_INSTANCE) || !at || !dot)
                return false;
        return snprintf(buf, len, "%.*s%s", (int) (at - unit + 1), unit, dot) < (int) len;
}

static bool any_matches(char *const *globs, const char *unit, const char *template) {
        for (size_t i = 0; globs && globs[i]; i++)
                if (fnmatch(globs[i], unit, 0) == 0 || (template && fnmatch(globs[i], template, 0) == 0))
                        return true;
        return false;
}

bool policy_matches(const struct policy *pol, const char *unit) {
        char buf[256];
        const char *template = template_of(unit, buf, sizeof(buf)) ? buf : NULL;

        return any_matches(pol->units, unit, template) && !any_matches(pol->exclude, unit, template);
}

/* The keys set in src replace those of dst (strings are shared, not copied). */
static void guardrails_overlay(struct guardrails *dst, const struct guardrails *src) {
        for (size_t i = 0; i < n_guard_keys; i++) {
                const struct guard_key *k = &guard_keys[i];
                if (k->policy_offset != GUARD_NO_FIELD && (src->set & guard_key_bit(k)))
                        memcpy(guard_field(dst, k->policy_offset), guard_cfield(src, k->policy_offset),
                               k->policy_size);
        }
        dst->set |= src->set;
}

void policy_guardrails_for(const struct policy *pol, const char *unit, struct guardrails *ret) {
        char buf[256];
        const char *template = template_of(unit, buf, sizeof(buf)) ? buf : NULL;
        struct guardrails g = pol->guard;

        for (size_t i = 0; i < pol->n_sections; i++) {
                const char *pattern = pol->sections[i].pattern;
                if (fnmatch(pattern, unit, 0) == 0 || (template && fnmatch(pattern, template, 0) == 0))
                        guardrails_overlay(&g, &pol->sections[i].guard);
        }
        /* Enabled=no in [guardrails] switches everything off: no section turns it back on. */
        g.enabled = g.enabled && pol->guard.enabled;
        *ret = g;
}
