/* SPDX-License-Identifier: MIT */
/* For tests/golden/json-oracle.sh: parses each FILE with lib/json.c as the linter
 * parses jobs.json before its retry (no flags: Python's json.load, strict) and
 * prints one line per file: "ok" or "error". */
#include <stdio.h>
#include <stdlib.h>

#include "fileio.h"
#include "json.h"

int main(int argc, char **argv) {
        for (int i = 1; i < argc; i++) {
                struct json_value *v = NULL;
                char *data;
                size_t n;

                if (fileio_read(argv[i], FILEIO_MAX_SIZE, &data, &n) < 0) {
                        puts("unreadable");
                        continue;
                }
                puts(json_parse(argv[i], data, n, 0, &v, NULL) == 0 ? "ok" : "error");
                json_free(v);
                free(data);
        }
        return 0;
}
