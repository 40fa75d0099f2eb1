/* SPDX-License-Identifier: MIT */
/*
 * Runs a libFuzzer target without libFuzzer: `replay FILE...` feeds each file
 * to LLVMFuzzerTestOneInput() once, so that `make check` replays the seed
 * corpora with any compiler (tests/golden/fuzz-replay.sh).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The whole file in a buffer of exactly its size, as libFuzzer passes it, so that
 * the sanitizers catch a read past the end. */
static int read_file(const char *path, uint8_t **ret, size_t *ret_size) {
        FILE *f = fopen(path, "re");
        uint8_t *buf = malloc(1);   /* an empty file still gets a valid pointer */
        size_t n = 0;
        char chunk[65536];

        if (!f || !buf) {
                free(buf);
                if (f)
                        fclose(f);
                return -1;
        }
        for (size_t k; (k = fread(chunk, 1, sizeof(chunk), f)) > 0; n += k) {
                uint8_t *b = realloc(buf, n + k);
                if (!b) {
                        free(buf);
                        fclose(f);
                        return -1;
                }
                buf = b;
                memcpy(buf + n, chunk, k);
        }
        int bad = ferror(f);
        fclose(f);
        if (bad) {
                free(buf);
                return -1;
        }
        *ret = buf;
        *ret_size = n;
        return 0;
}

int main(int argc, char **argv) {
        for (int i = 1; i < argc; i++) {
                uint8_t *data;
                size_t size;

                if (read_file(argv[i], &data, &size) < 0) {
                        perror(argv[i]);
                        return 2;
                }
                LLVMFuzzerTestOneInput(data, size);
                free(data);
        }
        return 0;
}
