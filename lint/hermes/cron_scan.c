/* SPDX-License-Identifier: MIT */
/* See cron.h: finding gateway lifecycle commands in a prompt or a script. */
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cron.h"
#include "hermesname.h"
#include "pathutil.h"
#include "strv.h"

/* What each branch is about, for a match no finer rule explains. */
static const struct {
        const char *command;
        enum cron_target target;
} branch_meaning[CRON_UPSTREAM_BRANCHES] = {
        { "hermes gateway restart|stop", CRON_TARGET_OWN },
        { "launchctl ... hermes-gateway", CRON_TARGET_OWN },
        { "systemctl ... hermes-gateway", CRON_TARGET_OWN },
        { "kill ... hermes ... gateway", CRON_TARGET_ALL },
        { "kill ... gateway ... hermes", CRON_TARGET_ALL },
};

const char *cron_action_name(enum cron_action a) {
        static const char *const names[] = {
                [CRON_ACTION_RESTART] = "restart", [CRON_ACTION_STOP] = "stop",
                [CRON_ACTION_KILL] = "kill", [CRON_ACTION_START] = "start",
        };
        return (unsigned) a < sizeof(names) / sizeof(names[0]) ? names[a] : "?";
}

struct scan {
        const char *own;
        char *const *profiles;
        struct cron_command *out;
        size_t n, cap;
        struct cron_upstream_match *hits;  /* sorted by line */
        size_t n_hits;
};

/* Grows *a (of *cap elements of size) to hold n + 1. */
static int grow(void *a, size_t *cap, size_t n, size_t size) {
        void **p = a, *q;
        size_t c;

        if (n < *cap)
                return 0;
        c = *cap ? 2 * *cap : 8;
        q = reallocarray(*p, c, size);
        if (!q)
                return -ENOMEM;
        *p = q;
        *cap = c;
        return 0;
}

/*
 * Words of the scanned text appear in findings only when they look like what
 * they stand for (a profile or unit name: lowercase letters, digits, "_.@-" and
 * glob characters, at most 80 bytes). Bot tokens have capitals or ':' and never
 * pass; anything else becomes "?".
 */
static const char *shown(const char *w) {
        size_t n = strlen(w);

        return n > 0 && n <= 80 && strspn(w, "abcdefghijklmnopqrstuvwxyz0123456789_.@-*?[]") == n ? w : "?";
}

/* Whether an upstream match starts on line (hits are sorted by then). */
static bool upstream_hit_on(const struct scan *s, unsigned line) {
        const struct cron_upstream_match *h;
        size_t lo = 0, hi = s->n_hits;

        while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                h = &s->hits[mid];
                if (h->line < line)
                        lo = mid + 1;
                else
                        hi = mid;
        }
        return lo < s->n_hits && s->hits[lo].line == line;
}

static int add_command(struct scan *s, unsigned line, enum cron_action action, enum cron_target target,
                       const char *target_name, char *command) {
        struct cron_command c = {
                .line = line, .action = action, .target = target, .command = command,
        };

        if (target != CRON_TARGET_OTHER)
                target_name = NULL;
        if (!command || grow(&s->out, &s->cap, s->n, sizeof(*s->out)) < 0 ||
            (target_name && !(c.target_name = strdup(shown(target_name))))) {
                free(command);
                return -ENOMEM;
        }
        c.upstream_match = upstream_hit_on(s, line);
        s->out[s->n++] = c;
        return 0;
}

/* OWN when no profile is named or the job's own is, else OTHER. */
static enum cron_target target_of(const struct scan *s, const char *profile) {
        return !profile || strcmp(profile, s->own) == 0 ? CRON_TARGET_OWN : CRON_TARGET_OTHER;
}

/* The words of one segment, and what a command starting at each word would read
 * from there on: every walk of the command line below is precomputed once, right
 * to left, so that a segment is scanned in time linear in its size whatever
 * repeats in it ("hermes hermes ...", "systemctl -H systemctl -H ..."). */
struct words {
        char **w;                  /* NULL-terminated */
        size_t n;
        /* hermes CLI, on the chain of words from j that Hermes' parser walks
         * ("-p NAME" is one step): */
        size_t *next;              /* the next step after j */
        const char **profile;      /* the last -p/--profile value, or NULL */
        bool *all;                 /* --all somewhere */
        size_t *pos0, *pos1;       /* the first two positional words (n: none) */
        /* systemctl: */
        size_t *opts_end;          /* first word at or after j not an option (or its value) */
        bool *now;                 /* --now at or after j */
        bool *unit_after;          /* a gateway unit word at or after j */
};

static void words_free(struct words *ws) {
        for (size_t i = 0; ws->w && i < ws->n; i++)
                free(ws->w[i]);
        free(ws->w);
        free(ws->next);
        free(ws->profile);
        free(ws->all);
        free(ws->pos0);
        free(ws->pos1);
        free(ws->opts_end);
        free(ws->now);
        free(ws->unit_after);
}

static int words_push(struct words *ws, size_t *cap, const char *w, size_t len) {
        if (ws->n + 2 > *cap) {
                size_t c = *cap ? 2 * *cap : 16;
                char **a = realloc(ws->w, c * sizeof(*a));
                if (!a)
                        return -ENOMEM;
                ws->w = a;
                *cap = c;
        }
        if (!(ws->w[ws->n] = strndup(w, len)))
                return -ENOMEM;
        ws->w[++ws->n] = NULL;
        return 0;
}

/* Splits a shell-ish segment into words, removing quotes and backslashes. */
static int split_words(const char *seg, size_t len, struct words *ws) {
        char *w = malloc(len + 1);
        size_t k = 0, cap = 0;
        char quote = 0;
        int r = 0;

        if (!w)
                return -ENOMEM;
        for (size_t i = 0; i <= len && r == 0; i++) {
                char c = i < len ? seg[i] : ' ';
                if (quote ? c == quote : (c == '\'' || c == '"')) {
                        quote = quote ? 0 : c;
                        continue;
                }
                if (c == '\\' && quote != '\'' && i + 1 < len) {
                        w[k++] = seg[++i];
                        continue;
                }
                if (i == len || (!quote && strchr(" \t\r\f\v", c))) {
                        r = k > 0 ? words_push(ws, &cap, w, k) : 0;
                        k = 0;
                        continue;
                }
                w[k++] = c;
        }
        free(w);
        return r;
}

/* A Hermes command line: "hermes ...", "python -m hermes_cli.main ...", or a
 * profile's wrapper "NAME ...". Returns the index of its first argument, or 0. */
static size_t hermes_cli_args(const struct scan *s, char **words, size_t i, const char **ret_alias) {
        *ret_alias = NULL;
        if (strv_contains(s->profiles, words[i])) {
                *ret_alias = words[i];
                return i + 1;
        }
        if (strcasecmp(path_basename(words[i]), "hermes") == 0)
                return i + 1;
        if (strcmp(words[i], "-m") == 0 && words[i + 1] && strcmp(words[i + 1], "hermes_cli.main") == 0)
                return i + 2;
        return 0;
}

/* hermes [-p NAME] gateway restart|stop [--all] (Hermes reads -p/--profile anywhere
 * on its command line). Returns 1 when words[i] starts one, 0 if not, -ENOMEM. */
static int scan_hermes_cli(struct scan *s, const struct words *ws, size_t i, unsigned line) {
        char **words = ws->w;
        const char *alias, *profile, *pos[2];
        size_t first = hermes_cli_args(s, words, i, &alias);
        bool all;
        char *cmd;

        if (first == 0)
                return 0;
        profile = ws->profile[first] ? ws->profile[first] : alias;
        all = ws->all[first];
        if (ws->pos1[first] == ws->n)
                return 0;
        pos[0] = words[ws->pos0[first]];
        pos[1] = words[ws->pos1[first]];
        if (strcasecmp(pos[0], "gateway") != 0 ||
            (strcasecmp(pos[1], "restart") != 0 && strcasecmp(pos[1], "stop") != 0))
                return 0;
        enum cron_action a = strcasecmp(pos[1], "stop") == 0 ? CRON_ACTION_STOP : CRON_ACTION_RESTART;
        if (asprintf(&cmd, "%s%s%s gateway %s%s", alias ? shown(alias) : "hermes",
                     profile && !alias ? " --profile " : "", profile && !alias ? shown(profile) : "",
                     cron_action_name(a), all ? " --all" : "") < 0)
                cmd = NULL;
        if (add_command(s, line, a, all ? CRON_TARGET_ALL : target_of(s, profile), all ? NULL : profile, cmd) < 0)
                return -ENOMEM;
        return 1;
}

/* systemctl options that take the next word as their value. */
static bool systemctl_option_has_value(const char *w) {
        static const char *const with_value[] = {
                "-H", "--host", "-M", "--machine", "-t", "--type", "-p", "--property", "-P", "-s",
                "--signal", "--kill-whom", "--kill-value", "-n", "--lines", "-o", "--output", "--root",
                "--image", "--job-mode", "--state", "--what", "--timestamp", "--preset-mode",
                "--drop-in", "--when", "--message", "--check-inhibitors",
        };

        for (size_t i = 0; i < sizeof(with_value) / sizeof(with_value[0]); i++)
                if (strcmp(w, with_value[i]) == 0)
                        return true;
        return false;
}

/* The action of a systemctl verb on a running unit; -1 when it does not stop or start it. */
static int systemctl_action(const char *verb, bool now) {
        static const char *const restarts[] = {
                "restart", "try-restart", "reload-or-restart", "try-reload-or-restart",
                "condrestart", "force-reload",
        };

        for (size_t i = 0; i < sizeof(restarts) / sizeof(restarts[0]); i++)
                if (strcmp(verb, restarts[i]) == 0)
                        return CRON_ACTION_RESTART;
        if (strcmp(verb, "stop") == 0 || (now && (strcmp(verb, "disable") == 0 || strcmp(verb, "mask") == 0)))
                return CRON_ACTION_STOP;
        if (strcmp(verb, "kill") == 0)
                return CRON_ACTION_KILL;
        if (strcmp(verb, "start") == 0 || (now && strcmp(verb, "enable") == 0))
                return CRON_ACTION_START;
        return -1;
}

/*
 * The profile a gateway unit name belongs to, as a malloc'd name; "*" for a glob
 * that matches every profile's unit; NULL when unit is no gateway unit. A unit of
 * the gateway family that is no profile's comes back as itself.
 */
static char *unit_profile(const struct scan *s, const char *unit) {
        char name[256], *p = NULL;
        size_t matched = 0, n = strv_length(s->profiles);
        char *last = NULL;

        snprintf(name, sizeof(name), "%s%s", unit, strchr(unit, '.') || strpbrk(unit, "*?[") ? "" : ".service");
        if (strpbrk(name, "*?[")) {
                for (size_t i = 0; i < n; i++) {
                        char *u = hermes_profile_unit(s->profiles[i]);
                        bool match = u && fnmatch(name, u, 0) == 0;
                        free(u);
                        if (!match)
                                continue;
                        matched++;
                        /* Prefer the job's own profile: that is the finding that matters. */
                        if (!last || strcmp(s->profiles[i], s->own) == 0)
                                last = s->profiles[i];
                }
                return matched == 0 ? NULL : strdup(matched == n && n > 1 ? "*" : last);
        }
        /* The job manages a gateway also through its timer or socket: any unit of a
         * gateway's name counts as the gateway, read as <name>.service. */
        if (strncmp(name, "hermes-gateway", 14) == 0)
                snprintf(name, sizeof(name), "%.*s.service", (int) strcspn(unit, "."), unit);
        /* An instance of a user's template (the policy's default match guards those
         * too): its instance names the profile. Hermes itself writes no templates. */
        if (strncmp(name, "hermes-gateway@", 15) == 0)
                p = strndup(name + 15, strcspn(name + 15, "."));
        else if (hermes_unit_profile(name, &p) == -EINVAL)
                return hermes_unit_is_gateway(name) ? strdup(unit) : NULL;
        if (p && strcmp(p, HERMES_DEFAULT_PROFILE) != 0 && !strv_contains(s->profiles, p)) {
                free(p);
                return strdup(unit);
        }
        return p;
}

/* Appends " word" to *cmd. */
static int cmd_append(char **cmd, const char *word) {
        char *c;

        if (asprintf(&c, "%s %s", *cmd, word) < 0)
                return -ENOMEM;
        free(*cmd);
        *cmd = c;
        return 0;
}

/* Units shown in a rebuilt systemctl command; more are counted, so that the
 * command stays short whatever the text holds. */
#define CMD_MAX_UNITS 8

/* The gateway units among words[from...] (options skipped): which profiles they
 * hit (as cron.h says: any glob of all -> ALL, the job's own -> OWN, else OTHER,
 * named by the first), and the command rebuilt with them in *cmd. */
static int systemctl_units(const struct scan *s, char **words, size_t from, enum cron_target *ret_target,
                           char **ret_name, char **cmd) {
        size_t shown_units = 0;
        bool all = false, own = false;
        char *first = NULL;
        int r = 0;

        for (size_t j = from; r == 0 && words[j]; j++) {
                char *p;
                if (words[j][0] == '-')
                        continue;
                p = unit_profile(s, words[j]);
                if (!p)
                        continue;
                all |= strcmp(p, "*") == 0;
                own |= strcmp(p, s->own) == 0;
                if (!first)
                        first = p;
                else
                        free(p);
                if (shown_units++ < CMD_MAX_UNITS)
                        r = cmd_append(cmd, shown(words[j]));
                else if (shown_units == CMD_MAX_UNITS + 1)
                        r = cmd_append(cmd, "...");
        }
        if (r < 0 || !first) {
                free(first);
                return r < 0 ? -ENOMEM : 0;
        }
        *ret_target = all ? CRON_TARGET_ALL : own ? CRON_TARGET_OWN : CRON_TARGET_OTHER;
        *ret_name = first;
        return 1;
}

/* systemctl [options] VERB [options] UNIT...: Returns 1 when words[i] starts one
 * that stops or starts a gateway unit, 0 if not, -ENOMEM. */
static int scan_systemctl(struct scan *s, const struct words *ws, size_t i, unsigned line) {
        char **words = ws->w, *cmd = NULL, *target_name = NULL;
        enum cron_target t;
        size_t j;
        bool now;
        int action, r;

        if (strcmp(path_basename(words[i]), "systemctl") != 0)
                return 0;
        j = ws->opts_end[i + 1];
        now = ws->now[i + 1];
        if (!words[j] || (action = systemctl_action(words[j], now)) < 0 || !ws->unit_after[j + 1])
                return 0;
        if (asprintf(&cmd, "systemctl %s%s", words[j], now ? " --now" : "") < 0)
                return -ENOMEM;
        r = systemctl_units(s, words, j + 1, &t, &target_name, &cmd);
        if (r > 0) {
                r = add_command(s, line, action, t, target_name, cmd) < 0 ? -ENOMEM : 1;
                cmd = NULL;
        }
        free(target_name);
        free(cmd);
        return r;
}

/* Fills the per-word tables of struct words, right to left. */
static int words_index(const struct scan *s, struct words *ws) {
        size_t n = ws->n;

        if (!(ws->next = calloc(n + 2, sizeof(size_t))) || !(ws->profile = calloc(n + 2, sizeof(char *))) ||
            !(ws->all = calloc(n + 2, sizeof(bool))) || !(ws->pos0 = calloc(n + 2, sizeof(size_t))) ||
            !(ws->pos1 = calloc(n + 2, sizeof(size_t))) || !(ws->opts_end = calloc(n + 2, sizeof(size_t))) ||
            !(ws->now = calloc(n + 2, sizeof(bool))) || !(ws->unit_after = calloc(n + 2, sizeof(bool))))
                return -ENOMEM;
        for (size_t j = n; j <= n + 1; j++)
                ws->pos0[j] = ws->pos1[j] = ws->opts_end[j] = n;
        for (size_t j = n; j-- > 0;) {
                const char *w = ws->w[j];
                bool takes_value = (strcmp(w, "-p") == 0 || strcmp(w, "--profile") == 0) && j + 1 < n;
                size_t k = ws->next[j] = j + (takes_value ? 2 : 1);
                char *p;

                ws->profile[j] = ws->profile[k];
                if (!ws->profile[j] && takes_value)
                        ws->profile[j] = ws->w[j + 1];
                else if (!ws->profile[j] && (strncmp(w, "--profile=", 10) == 0 || strncmp(w, "-p=", 3) == 0))
                        ws->profile[j] = strchr(w, '=') + 1;
                ws->all[j] = ws->all[k] || strcmp(w, "--all") == 0;
                ws->pos0[j] = ws->pos0[k];
                ws->pos1[j] = ws->pos1[k];
                if (!takes_value && w[0] != '-') {
                        ws->pos1[j] = ws->pos0[k];
                        ws->pos0[j] = j;
                }
                ws->opts_end[j] = w[0] != '-' ? j :
                        ws->opts_end[j + (systemctl_option_has_value(w) && j + 1 < n ? 2 : 1)];
                ws->now[j] = ws->now[j + 1] || strcmp(w, "--now") == 0;
                p = w[0] == '-' ? NULL : unit_profile(s, w);
                ws->unit_after[j] = ws->unit_after[j + 1] || p;
                free(p);
        }
        return 0;
}

static bool is_word_char(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* The first kill, pkill or killall command word in line[0..len), or NULL. */
static const char *find_kill(const char *line, size_t len, size_t *ret_len) {
        static const char *const names[] = { "killall", "pkill", "kill" };

        for (size_t i = 0; i < len; i++) {
                if (i > 0 && is_word_char(line[i - 1]))
                        continue;
                for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
                        size_t n = strlen(names[k]);
                        if (n <= len - i && strncmp(line + i, names[k], n) == 0 &&
                            (i + n == len || !is_word_char(line[i + n]))) {
                                *ret_len = n;
                                return line + i;
                        }
                }
        }
        return NULL;
}

/* The profile whose gateway.pid the path word ending at pid (which points at
 * "gateway.pid") names: .../profiles/NAME/gateway.pid is NAME, ~/.hermes/gateway.pid
 * the default profile, anything else ($HERMES_HOME/gateway.pid) the job's own. */
static char *pid_profile(const struct scan *s, const char *start, const char *pid) {
        const char *w = pid, *chosen = s->own;
        char *dir, *q, *result;

        while (w > start && !strchr(" \t'\"`(=<", w[-1]))
                w--;
        dir = strndup(w, (size_t) (pid - w));
        if (!dir)
                return NULL;
        q = strstr(dir, "/profiles/");
        if (q) {
                q += strlen("/profiles/");
                q[strcspn(q, "/")] = 0;
                /* Some profile's directory, even when the name is not valid: not the job's own. */
                chosen = hermes_profile_name_is_valid(q) ? q : "?";
        } else if (!strstr(dir, "HERMES_HOME") && strstr(dir, ".hermes/"))
                chosen = "default";
        result = strdup(chosen);
        free(dir);
        return result;
}

/* "--profile NAME" or "--profile=NAME" in s[0..len) (e.g. inside a pkill -f
 * pattern), as a malloc'd name; NULL when absent (or on -ENOMEM). */
static char *profile_in(const char *s, size_t len) {
        char *t = strndup(s, len), *p, *name = NULL;

        if (t && (p = strstr(t, "--profile")) && (p[9] == ' ' || p[9] == '=')) {
                p += 10;
                name = strndup(p, strspn(p, "abcdefghijklmnopqrstuvwxyz0123456789_-"));
        }
        free(t);
        return name;
}

/* kill/pkill/killall on a line that names the Hermes gateway. */
static int scan_kill(struct scan *s, const char *line, size_t len, unsigned line_no) {
        size_t kill_len = 0;
        const char *k = find_kill(line, len, &kill_len), *pid;
        char *rest, *target = NULL, *cmd = NULL;
        enum cron_target t = CRON_TARGET_ALL;
        int r = 0;

        if (!k || !(rest = strndup(k, len - (size_t) (k - line))))
                return k ? -ENOMEM : 0;
        pid = strstr(rest, "gateway.pid");
        if (pid) {
                target = pid_profile(s, rest, pid);
                t = target ? target_of(s, target) : CRON_TARGET_OWN;
                r = asprintf(&cmd, "%.*s <gateway.pid of %s>", (int) kill_len, k,
                             target ? shown(target) : "?");
        } else if (strcasestr(rest + kill_len, "hermes") && strcasestr(rest + kill_len, "gateway")) {
                target = profile_in(rest, strlen(rest));
                t = target ? target_of(s, target) : CRON_TARGET_ALL;
                r = asprintf(&cmd, "%.*s <hermes gateway processes%s%s>", (int) kill_len, k,
                             target ? " of " : "", target ? shown(target) : "");
        }
        if (r < 0)
                cmd = NULL;
        if (r < 0 || (cmd && add_command(s, line_no, CRON_ACTION_KILL, t, target, cmd) < 0))
                r = -ENOMEM;
        free(target);
        free(rest);
        return r < 0 ? r : 0;
}

/* One command segment (between ; & | ( ) ` { }): the first Hermes or systemctl
 * command in it. */
static int scan_segment(struct scan *s, const char *seg, size_t len, unsigned line) {
        struct words ws = {};
        int r = split_words(seg, len, &ws);

        if (r == 0 && ws.n > 0)
                r = words_index(s, &ws);
        /* One command per segment: "hermes -p work gateway restart" must not be seen
         * again from "work" (a profile's wrapper command has that name). */
        for (size_t i = 0; r == 0 && i < ws.n; i++) {
                r = scan_hermes_cli(s, &ws, i, line);
                if (r == 0)
                        r = scan_systemctl(s, &ws, i, line);
        }
        words_free(&ws);
        return r < 0 ? r : 0;
}

static int scan_line(struct scan *s, const char *line, size_t len, unsigned line_no) {
        size_t start = 0;
        int r = 0;

        for (size_t i = 0; r == 0 && i <= len; i++)
                if (i == len || strchr(";&|()`{}", line[i])) {
                        r = scan_segment(s, line + start, i - start, line_no);
                        start = i + 1;
                }
        return r < 0 ? r : scan_kill(s, line, len, line_no);
}

/* Whether a command was recognised on line (s->out[0..n) is in line order). */
static bool command_on(const struct scan *s, size_t n, unsigned line) {
        size_t lo = 0, hi = n;

        while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (s->out[mid].line < line)
                        lo = mid + 1;
                else
                        hi = mid;
        }
        return lo < n && s->out[lo].line == line;
}

/* Upstream matches on lines where nothing finer was recognised, merged into the
 * commands by line; commands found on a line come before its fallbacks. */
static int add_fallbacks(struct scan *s) {
        size_t found = s->n, total;
        struct cron_command *merged;

        for (size_t i = 0; i < s->n_hits; i++) {
                const struct cron_upstream_match *h = &s->hits[i];
                if (!command_on(s, found, h->line) &&
                    add_command(s, h->line, h->action, branch_meaning[h->branch].target, NULL,
                                strdup(branch_meaning[h->branch].command)) < 0)
                        return -ENOMEM;
        }
        total = s->n;
        if (total == found)
                return 0;
        merged = reallocarray(NULL, total, sizeof(*merged));
        if (!merged)
                return -ENOMEM;
        for (size_t a = 0, b = found, k = 0; k < total; k++)
                merged[k] = b == total || (a < found && s->out[a].line <= s->out[b].line) ?
                            s->out[a++] : s->out[b++];
        free(s->out);
        s->out = merged;
        s->cap = total;
        return 0;
}

int cron_scan_text(const char *text, const char *own, char *const *profiles,
                   struct cron_command **ret, size_t *ret_n) {
        struct scan s = { .own = own, .profiles = profiles };
        unsigned line_no = 1;
        int r = cron_upstream_scan(text, &s.hits, &s.n_hits);

        for (const char *l = text; r == 0 && *l; line_no++) {
                size_t len = strcspn(l, "\n");
                r = scan_line(&s, l, len, line_no);
                l += len + (l[len] == '\n');
        }
        if (r == 0)
                r = add_fallbacks(&s);
        free(s.hits);
        if (r < 0) {
                cron_commands_free(s.out, s.n);
                return r;
        }
        *ret = s.out;
        *ret_n = s.n;
        return 0;
}

void cron_commands_free(struct cron_command *c, size_t n) {
        for (size_t i = 0; i < n; i++) {
                free(c[i].target_name);
                free(c[i].command);
        }
        free(c);
}
