/* SPDX-License-Identifier: MIT */
/* See cron.h: finding gateway lifecycle commands in a prompt or a script. */
#include <errno.h>
#include <fnmatch.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cron.h"
#include "strv.h"

/*
 * cron/lifecycle_guard.py _GATEWAY_LIFECYCLE_PATTERN, one branch each, for
 * REG_EXTENDED | REG_ICASE. glibc's regex knows \s \S \b as Python does (on
 * ASCII); "(?:" becomes "("; "[^\n]" holds a real newline character.
 */
static const char *const upstream_branches[] = {
        "hermes\\s+gateway\\s+(restart|stop)",
        "launchctl\\s+(kickstart|unload|load|stop|restart)\\b[^\n]*\\bhermes[.-]?gateway",
        "systemctl\\s+(-\\S+\\s+)*(restart|stop|start)\\b[^\n]*\\bhermes[.-]?gateway",
        "p?kill\\b[^\n]*\\bhermes\\b[^\n]*\\bgateway",
        "p?kill\\b[^\n]*\\bgateway\\b[^\n]*\\bhermes",
};
#define N_BRANCHES (sizeof(upstream_branches) / sizeof(upstream_branches[0]))

/* What each branch is about, for a match no finer rule explains. */
static const struct {
        const char *command;
        enum cron_target target;
} branch_meaning[N_BRANCHES] = {
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

/* An upstream match: its branch and the line it starts on. */
struct upstream_hit {
        unsigned branch, line;
        enum cron_action action;
};

struct scan {
        const char *own;
        char *const *profiles;
        struct cron_command *out;
        size_t n;
        struct upstream_hit *hits;
        size_t n_hits;
};

static unsigned line_at(const char *text, size_t offset) {
        unsigned line = 1;

        for (size_t i = 0; i < offset; i++)
                line += text[i] == '\n';
        return line;
}

/* The action a matched command names, from the words upstream's pattern allows. */
static enum cron_action action_in(const char *s, size_t len, unsigned branch) {
        char *m = strndup(s, len);
        enum cron_action a = branch >= 3 ? CRON_ACTION_KILL : CRON_ACTION_RESTART;

        if (m && branch < 3 && strcasestr(m, "stop"))
                a = CRON_ACTION_STOP;
        else if (m && branch == 2 && !strcasestr(m, "restart") && strcasestr(m, "start"))
                a = CRON_ACTION_START;
        free(m);
        return a;
}

static int upstream_branch_scan(struct scan *s, const regex_t *re, unsigned branch, const char *text) {
        regmatch_t m;

        for (size_t off = 0; text[off] && regexec(re, text + off, 1, &m, off ? REG_NOTBOL : 0) == 0;) {
                struct upstream_hit *a = realloc(s->hits, (s->n_hits + 1) * sizeof(*a));
                if (!a)
                        return -ENOMEM;
                s->hits = a;
                s->hits[s->n_hits++] = (struct upstream_hit) {
                        .branch = branch, .line = line_at(text, off + (size_t) m.rm_so),
                        .action = action_in(text + off + m.rm_so, (size_t) (m.rm_eo - m.rm_so), branch),
                };
                off += m.rm_eo > 0 ? (size_t) m.rm_eo : 1;
        }
        return 0;
}

/* Every match of every upstream branch. -ENOMEM, or -EINVAL if a pattern does not compile. */
static int upstream_scan(struct scan *s, const char *text) {
        int r = 0;

        for (unsigned b = 0; r == 0 && b < N_BRANCHES; b++) {
                regex_t re;
                if (regcomp(&re, upstream_branches[b], REG_EXTENDED | REG_ICASE) != 0)
                        return -EINVAL;
                r = upstream_branch_scan(s, &re, b, text);
                regfree(&re);
        }
        return r;
}

bool cron_upstream_matches(const char *text) {
        struct scan s = {};
        bool found;

        found = upstream_scan(&s, text) == 0 && s.n_hits > 0;
        free(s.hits);
        return found;
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

static int add_command(struct scan *s, unsigned line, enum cron_action action, enum cron_target target,
                       const char *target_name, char *command) {
        struct cron_command *a = realloc(s->out, (s->n + 1) * sizeof(*a));
        struct cron_command c = {
                .line = line, .action = action, .target = target, .command = command,
        };

        if (target != CRON_TARGET_OTHER)
                target_name = NULL;
        if (!command || !a || (target_name && !(c.target_name = strdup(shown(target_name))))) {
                free(command);
                if (a)
                        s->out = a;
                return -ENOMEM;
        }
        s->out = a;
        for (size_t i = 0; i < s->n_hits; i++)
                c.upstream_match |= s->hits[i].line == line;
        s->out[s->n++] = c;
        return 0;
}

/* OWN when no profile is named or the job's own is, else OTHER. */
static enum cron_target target_of(const struct scan *s, const char *profile) {
        return !profile || strcmp(profile, s->own) == 0 ? CRON_TARGET_OWN : CRON_TARGET_OTHER;
}

/* Splits a shell-ish segment into words, removing quotes and backslashes. */
static int split_words(const char *seg, size_t len, char ***ret) {
        char **words = NULL, *w = malloc(len + 1);
        size_t k = 0;
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
                        w[k] = 0;
                        r = k > 0 ? strv_extend(&words, w) : 0;
                        k = 0;
                        continue;
                }
                w[k++] = c;
        }
        free(w);
        if (r < 0) {
                strv_free(words);
                return r;
        }
        *ret = words;
        return 0;
}

static const char *base_name(const char *w) {
        const char *slash = strrchr(w, '/');

        return slash ? slash + 1 : w;
}

/* A Hermes command line: "hermes ...", "python -m hermes_cli.main ...", or a
 * profile's wrapper "NAME ...". Returns the index of its first argument, or 0. */
static size_t hermes_cli_args(const struct scan *s, char **words, size_t i, const char **ret_alias) {
        *ret_alias = NULL;
        if (strv_contains(s->profiles, words[i])) {
                *ret_alias = words[i];
                return i + 1;
        }
        if (strcasecmp(base_name(words[i]), "hermes") == 0)
                return i + 1;
        if (strcmp(words[i], "-m") == 0 && words[i + 1] && strcmp(words[i + 1], "hermes_cli.main") == 0)
                return i + 2;
        return 0;
}

/* hermes [-p NAME] gateway restart|stop [--all] (Hermes reads -p/--profile anywhere
 * on its command line). Returns 1 when words[i] starts one, 0 if not, -ENOMEM. */
static int scan_hermes_cli(struct scan *s, char **words, size_t i, unsigned line) {
        const char *alias, *profile, *pos[2] = {};
        size_t first = hermes_cli_args(s, words, i, &alias), n_pos = 0;
        bool all = false;
        char *cmd;

        if (first == 0)
                return 0;
        profile = alias;
        for (size_t j = first; words[j]; j++) {
                if ((strcmp(words[j], "-p") == 0 || strcmp(words[j], "--profile") == 0) && words[j + 1])
                        profile = words[++j];
                else if (strncmp(words[j], "--profile=", 10) == 0 || strncmp(words[j], "-p=", 3) == 0)
                        profile = strchr(words[j], '=') + 1;
                else if (strcmp(words[j], "--all") == 0)
                        all = true;
                else if (words[j][0] != '-' && n_pos < 2)
                        pos[n_pos++] = words[j];
        }
        if (n_pos < 2 || strcasecmp(pos[0], "gateway") != 0 ||
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
        char name[256];
        size_t matched = 0, n = strv_length(s->profiles);
        char *last = NULL;

        snprintf(name, sizeof(name), "%s%s", unit, strchr(unit, '.') || strpbrk(unit, "*?[") ? "" : ".service");
        if (strpbrk(name, "*?[")) {
                for (size_t i = 0; i < n; i++) {
                        char u[128];
                        snprintf(u, sizeof(u), strcmp(s->profiles[i], "default") == 0 ? "hermes-gateway.service" :
                                 "hermes-gateway-%s.service", s->profiles[i]);
                        if (fnmatch(name, u, 0) != 0)
                                continue;
                        matched++;
                        /* Prefer the job's own profile: that is the finding that matters. */
                        if (!last || strcmp(s->profiles[i], s->own) == 0)
                                last = s->profiles[i];
                }
                return matched == 0 ? NULL : strdup(matched == n && n > 1 ? "*" : last);
        }
        if (strcmp(name, "hermes-gateway.service") == 0 || strcmp(name, "hermes.service") == 0)
                return strdup("default");
        if (strncmp(name, "hermes-gateway-", 15) == 0 || strncmp(name, "hermes-gateway@", 15) == 0) {
                char *p = strndup(name + 15, strcspn(name + 15, "."));
                if (p && !strv_contains(s->profiles, p)) {
                        free(p);
                        return strdup(unit);
                }
                return p;
        }
        return NULL;
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

/* From the profiles the units name: the target, as cron.h says. */
static enum cron_target units_target(const struct scan *s, char **targets, const char **ret_name) {
        *ret_name = targets[0];
        for (size_t i = 0; targets[i]; i++)
                if (strcmp(targets[i], "*") == 0)
                        return CRON_TARGET_ALL;
        for (size_t i = 0; targets[i]; i++)
                if (strcmp(targets[i], s->own) == 0)
                        return CRON_TARGET_OWN;
        return CRON_TARGET_OTHER;
}

/* The gateway units among words[from...] (options skipped): the profiles they
 * belong to in *targets, the command rebuilt with them in *cmd. */
static int systemctl_units(const struct scan *s, char **words, size_t from, char ***targets, char **cmd) {
        for (size_t j = from; words[j]; j++) {
                char *p;
                if (words[j][0] == '-')
                        continue;
                p = unit_profile(s, words[j]);
                if (!p)
                        continue;
                if (strv_push(targets, p) < 0) {
                        free(p);
                        return -ENOMEM;
                }
                if (cmd_append(cmd, shown(words[j])) < 0)
                        return -ENOMEM;
        }
        return 0;
}

/* systemctl [options] VERB [options] UNIT...: Returns 1 when words[i] starts one
 * that stops or starts a gateway unit, 0 if not, -ENOMEM. */
static int scan_systemctl(struct scan *s, char **words, size_t i, unsigned line) {
        char **targets = NULL, *cmd = NULL;
        const char *target_name;
        bool now = false;
        size_t j = i + 1;
        int action, r;

        if (strcmp(base_name(words[i]), "systemctl") != 0)
                return 0;
        for (; words[j] && words[j][0] == '-'; j++)
                if (systemctl_option_has_value(words[j]) && words[j + 1])
                        j++;
        for (size_t k = i + 1; words[k]; k++)
                now |= strcmp(words[k], "--now") == 0;
        if (!words[j] || (action = systemctl_action(words[j], now)) < 0)
                return 0;
        if (asprintf(&cmd, "systemctl %s%s", words[j], now ? " --now" : "") < 0)
                return -ENOMEM;
        r = systemctl_units(s, words, j + 1, &targets, &cmd);
        if (r == 0 && targets) {
                enum cron_target t = units_target(s, targets, &target_name);
                r = add_command(s, line, action, t, target_name, cmd) < 0 ? -ENOMEM : 1;
                cmd = NULL;
        }
        free(cmd);
        strv_free(targets);
        return r;
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
        char **words = NULL;
        int r = split_words(seg, len, &words);

        /* One command per segment: "hermes -p work gateway restart" must not be seen
         * again from "work" (a profile's wrapper command has that name). */
        for (size_t i = 0; r == 0 && words && words[i]; i++) {
                r = scan_hermes_cli(s, words, i, line);
                if (r == 0)
                        r = scan_systemctl(s, words, i, line);
        }
        strv_free(words);
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

/* Upstream matches on lines where nothing finer was recognised. */
static int add_fallbacks(struct scan *s) {
        for (size_t i = 0; i < s->n_hits; i++) {
                const struct upstream_hit *h = &s->hits[i];
                bool covered = false;
                for (size_t j = 0; j < s->n && !covered; j++)
                        covered = s->out[j].line == h->line;
                if (!covered && add_command(s, h->line, h->action, branch_meaning[h->branch].target, NULL,
                                            strdup(branch_meaning[h->branch].command)) < 0)
                        return -ENOMEM;
        }
        return 0;
}

/* Stable, so that commands on one line keep their order: fallbacks come last. */
static void sort_by_line(struct cron_command *c, size_t n) {
        for (size_t i = 1; i < n; i++) {
                struct cron_command x = c[i];
                size_t j = i;
                for (; j > 0 && c[j - 1].line > x.line; j--)
                        c[j] = c[j - 1];
                c[j] = x;
        }
}

int cron_scan_text(const char *text, const char *own, char *const *profiles,
                   struct cron_command **ret, size_t *ret_n) {
        struct scan s = { .own = own, .profiles = profiles };
        unsigned line_no = 1;
        int r = upstream_scan(&s, text);

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
        sort_by_line(s.out, s.n);
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
