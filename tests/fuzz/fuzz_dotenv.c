/* SPDX-License-Identifier: MIT */
/* libFuzzer target: lib/dotenv.c (python-dotenv's grammar, then ${VAR} interpolation
 * of every entry) must never crash, leak or read out of bounds; every entry it
 * returns has a non-empty key and a line within the input. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dotenv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
        struct diag_list diags = {};
        struct dotenv *d = NULL;
        unsigned lines = 1;

        for (size_t i = 0; i < size; i++)
                lines += data[i] == '\n' || (data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n'));
        if (dotenv_parse("fuzz.env", (const char *) data, size, &d, &diags) < 0)
                abort();   /* only -ENOMEM is possible, and the fuzzer has memory */
        for (size_t i = 0; i < d->n_entries; i++) {
                const struct dotenv_entry *e = &d->entries[i];
                char *v = NULL;
                int r;
                if (!e->key[0] || e->line == 0 || e->line > lines)
                        abort();
                if (!e->value)
                        continue;
                r = dotenv_interpolate(d, e, &v);
                if (r < 0 && r != -ENXIO && r != -E2BIG)
                        abort();
                free(v);
        }
        dotenv_free(d);
        diag_list_clear(&diags);
        return 0;
}
