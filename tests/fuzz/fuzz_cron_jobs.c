/* SPDX-License-Identifier: MIT */
/* libFuzzer target: any jobs.json of a Hermes home, with its job scripts
 * resolved as Hermes resolves them (~, relative to scripts/, "..", symlinks out of
 * it, a loop, a directory), is checked without a crash, and every script problem
 * names a job and a resolved path that is absolute and free of "." or ".."
 * components. The home is made once per process in its scratch dir (scratch.h):
 * scripts/ok.sh, scripts/dir/, scripts/out -> /etc, scripts/loop -> loop; each
 * input is written over cron/jobs.json. */
/* fuzz-sources: lint/hermes/cron.c lint/hermes/cron_scan.c lint/hermes/cron_upstream.c lint/hermes/home.c lint/hermes/identity.c lib/hermesname.c lib/sha256.c */
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hermes/cron.h"
#include "hermes/home.h"
#include "scratch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char root[256], jobs[320];

static void setup(void) {
        char p[320];
        FILE *f;

        snprintf(root, sizeof(root), "%s", fuzz_scratch("cron"));
        snprintf(p, sizeof(p), "%s/cron", root);
        mkdir(p, 0755);
        snprintf(p, sizeof(p), "%s/scripts", root);
        mkdir(p, 0755);
        snprintf(p, sizeof(p), "%s/scripts/dir", root);
        mkdir(p, 0755);
        snprintf(p, sizeof(p), "%s/scripts/ok.sh", root);
        if (!(f = fopen(p, "w")) || fputs("#!/bin/sh\nsystemctl --user restart hermes-gateway\n", f) < 0 || fclose(f))
                abort();
        snprintf(p, sizeof(p), "%s/scripts/out", root);
        (void) symlink("/etc", p);
        snprintf(p, sizeof(p), "%s/scripts/loop", root);
        (void) symlink("loop", p);
        snprintf(jobs, sizeof(jobs), "%s/cron/jobs.json", root);
}

static bool path_is_clean(const char *p) {
        return p && p[0] == '/' && !strstr(p, "/./") && !strstr(p, "/../") &&
               (strlen(p) < 3 || (strcmp(p + strlen(p) - 2, "/.") != 0 && strcmp(p + strlen(p) - 3, "/..") != 0));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
        struct diag_list diags = {};
        struct hermes_home *h = NULL;
        struct cron_report *rep = NULL;
        int fd;

        if (!root[0])
                setup();
        if ((fd = open(jobs, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) < 0 ||
            (size > 0 && write(fd, data, size) != (ssize_t) size) || close(fd) < 0)
                abort();
        if (hermes_home_load(root, HERMES_LOAD_JOBS, &h, &diags) < 0)
                abort();
        if (hermes_cron_check(h, "/root", &rep, &diags) < 0)
                abort();
        for (size_t i = 0; i < rep->n_scripts; i++) {
                const struct cron_script_issue *x = &rep->scripts[i];
                if (!x->job || (x->resolved && x->problem != CRON_SCRIPT_NOT_FOUND && !path_is_clean(x->resolved)))
                        abort();
        }
        cron_report_free(rep);
        hermes_home_free(h);
        diag_list_clear(&diags);
        return 0;
}
