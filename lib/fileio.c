/* SPDX-License-Identifier: MIT */
/* See fileio.h. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"

static int read_all(int fd, size_t max_size, char **ret, size_t *ret_size) {
        size_t cap = 4096, n = 0;
        char *buf = malloc(cap);

        if (!buf)
                return -ENOMEM;
        for (;;) {
                if (n + 1 >= cap) {
                        if (cap > max_size) {
                                free(buf);
                                return -EFBIG;
                        }
                        char *b = realloc(buf, cap * 2);
                        if (!b) {
                                free(buf);
                                return -ENOMEM;
                        }
                        buf = b;
                        cap *= 2;
                }
                ssize_t k = read(fd, buf + n, cap - n - 1);
                if (k < 0) {
                        if (errno == EINTR)
                                continue;
                        int r = -errno;
                        free(buf);
                        return r;
                }
                if (k == 0)
                        break;
                n += (size_t) k;
        }
        if (n > max_size) {
                free(buf);
                return -EFBIG;
        }
        buf[n] = 0;
        if (memchr(buf, 0, n)) {
                free(buf);
                return -EILSEQ;
        }
        *ret = buf;
        *ret_size = n;
        return 0;
}

int fileio_read(const char *path, size_t max_size, char **ret, size_t *ret_size) {
        struct stat st;
        /* O_NONBLOCK: opening a FIFO must not hang; regular files ignore it. */
        int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);

        if (fd < 0)
                return -errno;
        if (fstat(fd, &st) < 0) {
                int r = -errno;
                close(fd);
                return r;
        }
        if (S_ISDIR(st.st_mode) || !S_ISREG(st.st_mode)) {
                close(fd);
                return S_ISDIR(st.st_mode) ? -EISDIR : -EBADF;
        }
        if ((uintmax_t) st.st_size > max_size) {
                close(fd);
                return -EFBIG;
        }
        int r = read_all(fd, max_size, ret, ret_size);
        close(fd);
        return r;
}

int fileio_is_null_or_empty(const char *path) {
        struct stat st;

        if (stat(path, &st) < 0)
                return -errno;
        return (S_ISREG(st.st_mode) && st.st_size <= 0) || S_ISCHR(st.st_mode);
}
