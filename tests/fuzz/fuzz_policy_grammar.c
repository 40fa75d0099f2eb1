/* SPDX-License-Identifier: MIT */
/* libFuzzer target: the policy's line reader agrees with bare inih (see
 * policy_grammar_agree.h), and never crashes, leaks or reads out of bounds. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "policy_grammar_agree.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
        char *text = malloc(size + 1);

        if (!text)
                return 0;
        /* A policy file with a NUL byte is refused before parsing (fileio_read()). */
        memcpy(text, data, size);
        text[size] = 0;
        if (grammar_disagreement(text, NULL, NULL))
                abort();
        free(text);
        return 0;
}
