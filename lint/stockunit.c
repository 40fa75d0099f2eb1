/* SPDX-License-Identifier: MIT */
/* See stockunit.h. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "hermesname.h"
#include "ruleutil.h"
#include "stockunit.h"
#include "unitname.h"

static const char *const dir_names[_STAND_IN_MAX] = {
        [STAND_IN_HERMES] = "(unit-written-by-hermes)",
        [STAND_IN_EMPTY]  = "(unit-not-in-tree)",
};

/* Hermes' current template (hermes_cli/gateway.py; docs/systemd-notes.md,
 * "The stock Hermes unit"), restart settings
 * included: Restart=always, RestartSec=5, StartLimitIntervalSec=0, 75 forced and a
 * success, 78 prevented. */
static const char stock_unit[] =
        "[Unit]\n"
        "Description=Hermes Agent Gateway - Messaging Platform Integration\n"
        "After=network-online.target\n"
        "Wants=network-online.target\n"
        "StartLimitIntervalSec=0\n"
        "\n"
        "[Service]\n"
        "Type=simple\n"
        "ExecStart=python3 -m hermes_cli.main gateway run\n"
        "Restart=always\n"
        "RestartSec=5\n"
        "RestartForceExitStatus=75\n"
        "SuccessExitStatus=75\n"
        "RestartPreventExitStatus=78\n"
        "KillMode=mixed\n"
        "TimeoutStopSec=60\n"
        "\n"
        "[Install]\n"
        "WantedBy=default.target\n";

/* An empty file would mask the unit: a section header keeps it a unit. */
static const char empty_unit[] = "[Unit]\n";

bool stock_unit_applies(const char *name) {
        return unit_name_is_valid(name, UNIT_NAME_PLAIN) && hermes_unit_is_gateway(name);
}

/*
 * A pre-commit run killed by SIGTERM (or ^C, or a hang-up) must not leave the
 * private directory behind. The handler only makes async-signal-safe calls: the
 * paths are copied into static buffers beforehand, entries are listed with
 * getdents64 and removed with unlinkat, then the signal is raised again with its
 * default action, so the exit status still says what killed us.
 */
static char cleanup_paths[1 + _STAND_IN_MAX][PATH_MAX];   /* base, then the kinds' dirs */
static volatile sig_atomic_t cleanup_armed;

static void remove_dir_signal_safe(const char *dir) {
        char buf[4096];
        int fd = dir[0] ? open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) : -1;
        long n;

        while (fd >= 0 && (n = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0)
                for (long off = 0; off < n;) {
                        /* struct linux_dirent64: ino, off, reclen, type, name */
                        unsigned short reclen;
                        const char *name = buf + off + 19;
                        memcpy(&reclen, buf + off + 16, sizeof(reclen));
                        if (name[0] != '.')
                                (void) unlinkat(fd, name, 0);
                        off += reclen;
                }
        if (fd >= 0)
                close(fd);
        if (dir[0])
                (void) rmdir(dir);
}

static void cleanup_on_signal(int sig) {
        if (cleanup_armed) {
                for (int k = _STAND_IN_MAX; k >= 1; k--)
                        remove_dir_signal_safe(cleanup_paths[k]);
                (void) rmdir(cleanup_paths[0]);
        }
        signal(sig, SIG_DFL);
        raise(sig);
}

/* Arms the handler for the signals that end a run, unless one is ignored (nohup). */
static void cleanup_arm(void) {
        static const int signals[] = { SIGTERM, SIGINT, SIGHUP, SIGQUIT };
        struct sigaction sa = { .sa_handler = cleanup_on_signal }, old;

        cleanup_armed = 1;
        sigemptyset(&sa.sa_mask);
        for (size_t i = 0; i < sizeof(signals) / sizeof(signals[0]); i++)
                sigaddset(&sa.sa_mask, signals[i]);
        for (size_t i = 0; i < sizeof(signals) / sizeof(signals[0]); i++)
                if (sigaction(signals[i], NULL, &old) == 0 && old.sa_handler == SIG_DFL)
                        (void) sigaction(signals[i], &sa, NULL);
}

/* Copies path for the handler, with the signals blocked (no half-copied path). */
static void cleanup_remember(int slot, const char *path) {
        sigset_t all, old;

        sigfillset(&all);
        sigprocmask(SIG_BLOCK, &all, &old);
        snprintf(cleanup_paths[slot], sizeof(cleanup_paths[slot]), "%s", path ? path : "");
        sigprocmask(SIG_SETMASK, &old, NULL);
}

static int make_dirs(struct stand_ins *s, enum stand_in kind, const char **ret_new_dir) {
        const char *tmp = getenv("TMPDIR");

        *ret_new_dir = NULL;
        if (!s->base) {
                if (asprintf(&s->base, "%s/hermes-unit-lint.XXXXXX", tmp && tmp[0] == '/' ? tmp : "/tmp") < 0) {
                        s->base = NULL;
                        return -ENOMEM;
                }
                if (!mkdtemp(s->base)) {
                        int r = -errno;
                        free(s->base);
                        s->base = NULL;
                        return r;
                }
                cleanup_remember(0, s->base);
                cleanup_arm();
        }
        if (s->dirs[kind])
                return 0;
        if (asprintf(&s->dirs[kind], "%s/%s", s->base, dir_names[kind]) < 0) {
                s->dirs[kind] = NULL;
                return -ENOMEM;
        }
        cleanup_remember(1 + kind, s->dirs[kind]);
        if (mkdir(s->dirs[kind], 0755) < 0) {
                int r = -errno;
                cleanup_remember(1 + kind, NULL);
                free(s->dirs[kind]);
                s->dirs[kind] = NULL;
                return r;
        }
        *ret_new_dir = s->dirs[kind];
        return 0;
}

int stand_in_write(struct stand_ins *s, enum stand_in kind, const char *name, const char **ret_new_dir) {
        const char *text = kind == STAND_IN_HERMES ? stock_unit : empty_unit;
        size_t len = strlen(text);
        char *path = NULL;
        int fd, r;

        if (strchr(name, '/'))
                return -EINVAL;
        r = make_dirs(s, kind, ret_new_dir);
        if (r < 0)
                return r;
        if (asprintf(&path, "%s/%s", s->dirs[kind], name) < 0)
                return -ENOMEM;
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
        free(path);
        if (fd < 0)
                return -errno;
        r = write(fd, text, len) == (ssize_t) len ? 0 : -EIO;
        if (close(fd) < 0 && r == 0)
                r = -errno;
        return r;
}

void stand_ins_remove(struct stand_ins *s) {
        cleanup_armed = 0;
        for (int k = 0; k < _STAND_IN_MAX; k++) {
                DIR *d = s->dirs[k] ? opendir(s->dirs[k]) : NULL;
                struct dirent *de;
                while (d && (de = readdir(d)))
                        if (de->d_name[0] != '.')
                                (void) unlinkat(dirfd(d), de->d_name, 0);
                if (d)
                        closedir(d);
                if (s->dirs[k])
                        (void) rmdir(s->dirs[k]);
                free(s->dirs[k]);
                s->dirs[k] = NULL;
        }
        if (s->base)
                (void) rmdir(s->base);
        free(s->base);
        s->base = NULL;
        for (int k = 0; k <= _STAND_IN_MAX; k++)
                cleanup_remember(k, NULL);
}
