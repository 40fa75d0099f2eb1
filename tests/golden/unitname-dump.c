/* SPDX-License-Identifier: MIT */
/* Prints unit_name_dropin_names() as tests/unit/unitname-dropin-oracle.sh prints
 * systemd's answer: "NAME -> DIR DIR ...", one line per argument. */
#include <stdio.h>

#include "strv.h"
#include "unitname.h"

int main(int argc, char **argv) {
        for (int i = 1; i < argc; i++) {
                char **names = NULL;
                if (unit_name_dropin_names(argv[i], &names) < 0) {
                        printf("%s -> (invalid)\n", argv[i]);
                        continue;
                }
                printf("%s ->", argv[i]);
                for (size_t k = 0; names[k]; k++)
                        printf(" %s", names[k]);
                putchar('\n');
                strv_free(names);
        }
        return 0;
}
