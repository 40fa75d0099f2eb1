/* SPDX-License-Identifier: MIT */
/* For tests/golden/dotenv-oracle.sh: parses each FILE with lib/dotenv.c and prints,
 * per file, "== FILE" and then one line per entry: hex(key) and hex(value), or "N"
 * for an entry without '='. Hex keeps every byte comparable with Python's view. */
#include <stdio.h>
#include <stdlib.h>

#include "dotenv.h"
#include "fileio.h"

static void hex(const char *s) {
        for (; *s; s++)
                printf("%02x", (unsigned char) *s);
}

int main(int argc, char **argv) {
        for (int i = 1; i < argc; i++) {
                struct dotenv *d;
                char *data;
                size_t n;

                if (fileio_read(argv[i], FILEIO_MAX_SIZE, &data, &n) < 0 ||
                    dotenv_parse(argv[i], data, n, &d, NULL) < 0)
                        return 2;
                printf("== %s\n", argv[i]);
                for (size_t k = 0; k < d->n_entries; k++) {
                        hex(d->entries[k].key);
                        putchar(' ');
                        if (d->entries[k].value)
                                hex(d->entries[k].value);
                        else
                                putchar('N');
                        putchar('\n');
                }
                dotenv_free(d);
                free(data);
        }
        return 0;
}
