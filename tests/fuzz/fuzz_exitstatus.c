/* SPDX-License-Identifier: MIT */
/* libFuzzer target: an exit status list (RestartPreventExitStatus= words) formats
 * to text that reads back as the same set, with and without "SIG" prefixes; single
 * statuses and signals parse and name consistently. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "exitstatus.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void read_set(char *text, struct exit_status_set *s) {
        char *save = NULL;

        memset(s, 0, sizeof(*s));
        for (char *w = strtok_r(text, " \t\n", &save); w; w = strtok_r(NULL, " \t\n", &save))
                (void) exit_status_set_add_word(s, w);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
        static char buf[EXIT_STATUS_SET_FORMAT_MAX];
        struct exit_status_set s, back;
        char *text = malloc(size + 1), name[32];
        int st, sig;

        if (!text)
                return 0;
        memcpy(text, data, size);
        text[size] = 0;
        st = exit_status_from_string(text);
        sig = signal_from_string(text);
        if (st >= 256 || (sig > 0 && (!signal_to_string(sig, name, sizeof(name)) || signal_from_string(name) != sig)))
                abort();
        read_set(text, &s);
        for (int prefix = 0; prefix < 2; prefix++) {
                exit_status_set_format(&s, prefix ? "SIG" : "", buf, sizeof(buf));
                read_set(buf, &back);
                if (memcmp(&s, &back, sizeof(s)) != 0)
                        abort();
        }
        free(text);
        return 0;
}
