/* SPDX-License-Identifier: MIT */
/* See stockunit.h. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
        return unit_name_is_valid(name, UNIT_NAME_PLAIN) &&
                (strcmp(name, "hermes-gateway.service") == 0 || strcmp(name, "hermes.service") == 0 ||
                 (strncmp(name, "hermes-gateway-", 15) == 0 && str_endswith(name, ".service")));
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
        }
        if (s->dirs[kind])
                return 0;
        if (asprintf(&s->dirs[kind], "%s/%s", s->base, dir_names[kind]) < 0) {
                s->dirs[kind] = NULL;
                return -ENOMEM;
        }
        if (mkdir(s->dirs[kind], 0755) < 0) {
                int r = -errno;
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
}
