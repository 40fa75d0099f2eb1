/* SPDX-License-Identifier: MIT */
/* See stockunit.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ruleutil.h"
#include "stockunit.h"
#include "unitname.h"

/* The current template, restart settings included: Restart=always, RestartSec=5,
 * StartLimitIntervalSec=0, 75 forced and a success, 78 prevented. */
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

bool stock_unit_applies(const char *name) {
        return unit_name_is_valid(name, UNIT_NAME_PLAIN) &&
                (strcmp(name, "hermes-gateway.service") == 0 || strcmp(name, "hermes.service") == 0 ||
                 (strncmp(name, "hermes-gateway-", 15) == 0 && str_endswith(name, ".service")));
}

int stock_unit_write(const char *dir, const char *name) {
        char path[4096];
        int fd, r = 0;

        if (snprintf(path, sizeof(path), "%s/%s", dir, name) >= (int) sizeof(path))
                return -ENAMETOOLONG;
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
        if (fd < 0)
                return -errno;
        if (write(fd, stock_unit, sizeof(stock_unit) - 1) != (ssize_t) sizeof(stock_unit) - 1)
                r = -EIO;
        if (close(fd) < 0 && r == 0)
                r = -errno;
        return r;
}
