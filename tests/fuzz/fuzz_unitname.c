/* SPDX-License-Identifier: MIT */
/* libFuzzer target: unit name checks, templates and the drop-in dir names of a
 * name never crash, and agree with each other: a valid name has a suffix, its
 * drop-in dirs are plain names ending in ".d", an instance has a valid template. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strv.h"
#include "unitname.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
        char *name = malloc(size + 1), *tmpl = NULL, **dirs = NULL;

        if (!name)
                return 0;
        memcpy(name, data, size);
        name[size] = 0;
        if (unit_name_is_valid(name, UNIT_NAME_ANY)) {
                if (!unit_name_suffix(name))
                        abort();
                if (unit_name_dropin_names(name, &dirs) < 0)
                        abort();
                /* The name itself first, the type ("service") last, plain names between. */
                size_t n = 0;
                for (; dirs && dirs[n]; n++)
                        if (!dirs[n][0] || strchr(dirs[n], '/'))
                                abort();
                if (n < 2 || strcmp(dirs[0], name) != 0 || strcmp(dirs[n - 1], unit_name_suffix(name) + 1) != 0)
                        abort();
                strv_free(dirs);
        }
        if (unit_name_is_valid(name, UNIT_NAME_INSTANCE)) {
                if (unit_name_template(name, &tmpl) < 0 || !unit_name_is_valid(tmpl, UNIT_NAME_TEMPLATE))
                        abort();
                free(tmpl);
        }
        free(name);
        return 0;
}
