/* SPDX-License-Identifier: MIT */
/*
 * bench-floor: the least a generator linked with libsystemd does: ask
 * sd_path_lookup_strv() for the unit search path and exit. The generator's
 * start-up goal is measured against this program (bench/run.sh).
 */
#include <stdlib.h>
#include <systemd/sd-path.h>

int main(void) {
        char **l = NULL;
        int r = sd_path_lookup_strv(SD_PATH_SYSTEMD_SEARCH_USER_UNIT, NULL, &l);

        for (size_t i = 0; l && l[i]; i++)
                free(l[i]);
        free(l);
        return r < 0;
}
