/* SPDX-License-Identifier: MIT */
/* See exitstatus.h. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "exitstatus.h"
#include "parseutil.h"

static const struct {
        const char *name;
        int status;
} exit_status_names[] = {
        /* LSB */
        { "SUCCESS", 0 }, { "FAILURE", 1 }, { "INVALIDARGUMENT", 2 }, { "NOTIMPLEMENTED", 3 },
        { "NOPERMISSION", 4 }, { "NOTINSTALLED", 5 }, { "NOTCONFIGURED", 6 }, { "NOTRUNNING", 7 },
        /* BSD sysexits.h; Hermes uses TEMPFAIL (75) and CONFIG (78) */
        { "USAGE", 64 }, { "DATAERR", 65 }, { "NOINPUT", 66 }, { "NOUSER", 67 }, { "NOHOST", 68 },
        { "UNAVAILABLE", 69 }, { "SOFTWARE", 70 }, { "OSERR", 71 }, { "OSFILE", 72 },
        { "CANTCREAT", 73 }, { "IOERR", 74 }, { "TEMPFAIL", 75 }, { "PROTOCOL", 76 },
        { "NOPERM", 77 }, { "CONFIG", 78 },
        /* systemd's own (exit-status.h), accepted as words too */
        { "CHDIR", 200 }, { "NICE", 201 }, { "FDS", 202 }, { "EXEC", 203 }, { "MEMORY", 204 },
        { "LIMITS", 205 }, { "OOM_ADJUST", 206 }, { "SIGNAL_MASK", 207 }, { "STDIN", 208 },
        { "STDOUT", 209 }, { "CHROOT", 210 }, { "IOPRIO", 211 }, { "TIMERSLACK", 212 },
        { "SECUREBITS", 213 }, { "SETSCHEDULER", 214 }, { "CPUAFFINITY", 215 }, { "GROUP", 216 },
        { "USER", 217 }, { "CAPABILITIES", 218 }, { "CGROUP", 219 }, { "SETSID", 220 },
        { "CONFIRM", 221 }, { "STDERR", 222 }, { "PAM", 224 }, { "NETWORK", 225 },
        { "NAMESPACE", 226 }, { "NO_NEW_PRIVILEGES", 227 }, { "SECCOMP", 228 },
        { "SELINUX_CONTEXT", 229 }, { "PERSONALITY", 230 }, { "APPARMOR", 231 },
        { "ADDRESS_FAMILIES", 232 }, { "RUNTIME_DIRECTORY", 233 }, { "CHOWN", 235 },
        { "SMACK_PROCESS_LABEL", 236 }, { "KEYRING", 237 }, { "STATE_DIRECTORY", 238 },
        { "CACHE_DIRECTORY", 239 }, { "LOGS_DIRECTORY", 240 }, { "CONFIGURATION_DIRECTORY", 241 },
        { "NUMA_POLICY", 242 }, { "CREDENTIALS", 243 }, { "BPF", 244 }, { "EXCEPTION", 255 },
};

static const char *const signal_names[] = {
        [SIGHUP] = "HUP", [SIGINT] = "INT", [SIGQUIT] = "QUIT", [SIGILL] = "ILL",
        [SIGTRAP] = "TRAP", [SIGABRT] = "ABRT", [SIGBUS] = "BUS", [SIGFPE] = "FPE",
        [SIGKILL] = "KILL", [SIGUSR1] = "USR1", [SIGSEGV] = "SEGV", [SIGUSR2] = "USR2",
        [SIGPIPE] = "PIPE", [SIGALRM] = "ALRM", [SIGTERM] = "TERM", [SIGSTKFLT] = "STKFLT",
        [SIGCHLD] = "CHLD", [SIGCONT] = "CONT", [SIGSTOP] = "STOP", [SIGTSTP] = "TSTP",
        [SIGTTIN] = "TTIN", [SIGTTOU] = "TTOU", [SIGURG] = "URG", [SIGXCPU] = "XCPU",
        [SIGXFSZ] = "XFSZ", [SIGVTALRM] = "VTALRM", [SIGPROF] = "PROF", [SIGWINCH] = "WINCH",
        [SIGIO] = "IO", [SIGPWR] = "PWR", [SIGSYS] = "SYS",
};
#define N_SIGNAL_NAMES ((int) (sizeof(signal_names) / sizeof(signal_names[0])))

int exit_status_from_string(const char *s) {
        unsigned long long v;

        for (size_t i = 0; i < sizeof(exit_status_names) / sizeof(exit_status_names[0]); i++)
                if (strcmp(s, exit_status_names[i].name) == 0)
                        return exit_status_names[i].status;
        if (parse_unsigned(s, 255, &v) < 0)
                return -EINVAL;
        return (int) v;
}

/* "RTMIN", "RTMIN+n", "RTMAX", "RTMAX-n" (after any "SIG"). */
static int realtime_signal_from_string(const char *s) {
        int span = SIGRTMAX - SIGRTMIN;
        unsigned long long n = 0;
        const char *rest;

        if (strncmp(s, "RTMIN", 5) == 0) {
                rest = s + 5;
                if (*rest && (*rest != '+' || parse_unsigned(rest + 1, span, &n) < 0))
                        return -EINVAL;
                return SIGRTMIN + (int) n;
        }
        if (strncmp(s, "RTMAX", 5) == 0) {
                rest = s + 5;
                if (*rest && (*rest != '-' || parse_unsigned(rest + 1, span, &n) < 0))
                        return -EINVAL;
                return SIGRTMAX - (int) n;
        }
        return -EINVAL;
}

int signal_from_string(const char *s) {
        if (strncmp(s, "SIG", 3) == 0)
                s += 3;
        for (int i = 1; i < N_SIGNAL_NAMES; i++)
                if (signal_names[i] && strcmp(s, signal_names[i]) == 0)
                        return i;
        return realtime_signal_from_string(s);
}

char *signal_to_string(int sig, char *buf, unsigned len) {
        if (sig > 0 && sig < N_SIGNAL_NAMES && signal_names[sig])
                snprintf(buf, len, "%s", signal_names[sig]);
        else if (sig >= SIGRTMIN && sig <= SIGRTMAX)
                snprintf(buf, len, "RTMIN+%d", sig - SIGRTMIN);
        else
                return NULL;
        return buf;
}

/* ---- sets ---- */

int exit_status_set_add_word(struct exit_status_set *s, const char *word) {
        int v = exit_status_from_string(word);

        if (v >= 0) {
                s->status[v / 8] |= (unsigned char) (1u << (v % 8));
                return 0;
        }
        v = signal_from_string(word);
        if (v <= 0 || v > 64)
                return -EINVAL;
        s->signals |= 1ULL << (v - 1);
        return 0;
}

bool exit_status_set_contains(const struct exit_status_set *s, int status) {
        return status >= 0 && status < 256 && (s->status[status / 8] & (1u << (status % 8)));
}

static bool exit_status_set_has_signal(const struct exit_status_set *s, int sig) {
        return sig >= 1 && sig <= 64 && (s->signals & (1ULL << (sig - 1)));
}

/* Appends " word" (no space first) to buf, truncating at len. */
static void append_word(char *buf, size_t len, size_t *used, const char *word) {
        int n = snprintf(buf + *used, len - *used, "%s%s", *used ? " " : "", word);

        if (n > 0)
                *used = *used + (size_t) n < len ? *used + (size_t) n : len - 1;
}

char *exit_status_set_format(const struct exit_status_set *s, const char *signal_prefix, char *buf, size_t len) {
        char word[SIGNAL_NAME_MAX], name[SIGNAL_NAME_MAX];
        size_t used = 0;

        if (len == 0)
                return buf;
        buf[0] = 0;
        /* Statuses ascending, then signals ascending by number, as systemctl prints
         * the (aiai) bus property. */
        for (int i = 0; i < 256; i++)
                if (exit_status_set_contains(s, i)) {
                        snprintf(word, sizeof(word), "%d", i);
                        append_word(buf, len, &used, word);
                }
        for (int sig = 1; sig <= 64; sig++)
                if (exit_status_set_has_signal(s, sig)) {
                        if (signal_to_string(sig, name, sizeof(name)))
                                snprintf(word, sizeof(word), "%s%s", signal_prefix, name);
                        else
                                snprintf(word, sizeof(word), "%d", sig);
                        append_word(buf, len, &used, word);
                }
        return buf;
}
