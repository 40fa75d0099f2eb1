/* SPDX-License-Identifier: MIT */
/* libFuzzer target: a time span that parses formats to text that parses back to
 * the same value (formatting what was parsed round-trips), for every default
 * unit the callers use; nothing crashes on any text. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "timespan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* t formats to text that parses back to t; except that systemd too refuses the
 * text of values within a year of infinity ("584542y ...": -ERANGE, as
 * systemd-analyze timespan says "Numerical result out of range"). */
static void round_trip(usec_t t) {
        char buf[TIMESPAN_MAX];
        usec_t back = 0;
        int r;

        timespan_format(buf, sizeof(buf), t);
        r = timespan_parse(buf, USEC_PER_SEC, &back);
        if (r == -ERANGE && strncmp(buf, "584542y", 7) == 0)
                return;
        if (r < 0 || back != t)
                abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
        static const usec_t units[] = { 1, USEC_PER_MSEC, USEC_PER_SEC };
        char *text = malloc(size + 1);

        if (!text)
                return 0;
        memcpy(text, data, size);
        text[size] = 0;
        for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
                usec_t t;
                if (timespan_parse(text, units[i], &t) == 0)
                        round_trip(t);
        }
        if (size >= sizeof(usec_t)) {
                usec_t t;
                memcpy(&t, data, sizeof(t));
                round_trip(t);
        }
        free(text);
        return 0;
}
