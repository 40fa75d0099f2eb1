/* SPDX-License-Identifier: MIT */
/* For tests/golden/cron-oracle.sh: for each FILE, "== FILE", then each match of the
 * upstream lifecycle pattern as lint/hermes/cron_upstream.c finds it: "branch line offset"
 * (offset in bytes from the start of the text). */
#include <stdio.h>
#include <stdlib.h>

#include "fileio.h"
#include "hermes/cron.h"

int main(int argc, char **argv) {
        for (int i = 1; i < argc; i++) {
                struct cron_upstream_match *m = NULL;
                size_t n = 0, size;
                char *text;

                if (fileio_read(argv[i], FILEIO_MAX_SIZE, &text, &size) < 0 || cron_upstream_scan(text, &m, &n) < 0)
                        return 2;
                printf("== %s\n", argv[i]);
                for (size_t k = 0; k < n; k++)
                        printf("%u %u %zu\n", m[k].branch, m[k].line, m[k].offset);
                free(m);
                free(text);
        }
        return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 2;
}
