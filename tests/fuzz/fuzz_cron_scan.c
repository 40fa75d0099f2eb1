/* SPDX-License-Identifier: MIT */
/* libFuzzer target: the cron command scanner on any prompt or script never
 * crashes and stays fast (run with a per-input timeout: a slow input is a finding);
 * the linear matcher of upstream's pattern finds exactly what glibc's regexec finds
 * (inputs up to 4 KiB, where the regex is quick). */
#include <regex.h>
/* fuzz-sources: lint/hermes/cron_scan.c lint/hermes/cron_upstream.c lib/hermesname.c */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "hermes/cron.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const branches[CRON_UPSTREAM_BRANCHES] = {
        "hermes\\s+gateway\\s+(restart|stop)",
        "launchctl\\s+(kickstart|unload|load|stop|restart)\\b[^\n]*\\bhermes[.-]?gateway",
        "systemctl\\s+(-\\S+\\s+)*(restart|stop|start)\\b[^\n]*\\bhermes[.-]?gateway",
        "p?kill\\b[^\n]*\\bhermes\\b[^\n]*\\bgateway",
        "p?kill\\b[^\n]*\\bgateway\\b[^\n]*\\bhermes",
};

/* The number of regex matches (as the scanner searched before) equals ours, and
 * each of ours starts where one of the regex's does. */
static void compare_with_regex(const char *text, const struct cron_upstream_match *m, size_t n) {
        static regex_t re[CRON_UPSTREAM_BRANCHES];
        static int compiled;
        size_t count = 0;

        if (!compiled) {
                for (unsigned b = 0; b < CRON_UPSTREAM_BRANCHES; b++)
                        if (regcomp(&re[b], branches[b], REG_EXTENDED | REG_ICASE) != 0)
                                abort();
                compiled = 1;
        }
        for (unsigned b = 0; b < CRON_UPSTREAM_BRANCHES; b++) {
                regmatch_t rm;
                for (size_t off = 0; text[off] && regexec(&re[b], text + off, 1, &rm, off ? REG_NOTBOL : 0) == 0;) {
                        size_t start = off + (size_t) rm.rm_so;
                        bool found = false;
                        for (size_t i = 0; i < n && !found; i++)
                                found = m[i].branch == b && m[i].offset == start;
                        if (!found)
                                abort();
                        count++;
                        off += rm.rm_eo > 0 ? (size_t) rm.rm_eo : 1;
                }
        }
        if (count != n)
                abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
        char *profiles[] = { "default", "work", "x-y", NULL };
        struct cron_upstream_match *m = NULL;
        struct cron_command *cmds = NULL;
        size_t n = 0, n_cmds = 0;
        char *text = malloc(size + 1);

        if (!text)
                return 0;
        memcpy(text, data, size);
        text[size] = 0;
        if (cron_upstream_scan(text, &m, &n) < 0)
                abort();
        if (strlen(text) <= 4096)
                compare_with_regex(text, m, n);
        if (cron_scan_text(text, "work", profiles, &cmds, &n_cmds) < 0)
                abort();
        for (size_t i = 0; i < n_cmds; i++)
                if (!cmds[i].command || cmds[i].line == 0 || (i > 0 && cmds[i].line < cmds[i - 1].line))
                        abort();
        cron_commands_free(cmds, n_cmds);
        free(m);
        free(text);
        return 0;
}
