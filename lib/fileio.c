/* SPDX-License-Identifier: MIT */
/* See fileio.h. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#ifdef SYS_openat2
#include <linux/openat2.h>
#endif

#include "fileio.h"
#include "strv.h"

/* size_hint: the expected size (st_size), so that a regular file takes one
 * allocation and one read; the buffer still grows if the file does. */
static int read_all(int fd, size_t size_hint, size_t max_size, char **ret, size_t *ret_size) {
        size_t cap = size_hint < 62 ? 64 : size_hint + 2, n = 0;
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
        int r = read_all(fd, (size_t) st.st_size, max_size, ret, ret_size);
        close(fd);
        return r;
}

int fileio_is_null_or_empty(const char *path) {
        struct stat st;

        if (stat(path, &st) < 0)
                return -errno;
        return (S_ISREG(st.st_mode) && st.st_size <= 0) || S_ISCHR(st.st_mode);
}

/* ---- listing drop-in dirs ---- */

static bool is_conf_entry(const struct dirent *de, bool regular_only) {
        size_t len = strlen(de->d_name);

        if (de->d_name[0] == '.' || len <= 5 || strcmp(de->d_name + len - 5, ".conf") != 0)
                return false;
        return !regular_only || de->d_type == DT_REG || de->d_type == DT_LNK || de->d_type == DT_UNKNOWN;
}

int fileio_conf_names(const char *dir, bool regular_only, char ***ret) {
        DIR *d = opendir(dir);
        char **names = calloc(1, sizeof(char *));
        struct dirent *de;
        size_t n = 0;
        int r = names ? 0 : -ENOMEM;

        if (!d && r == 0 && errno != ENOENT)
                r = -errno;
        while (r >= 0 && d && (de = readdir(d)))
                if (is_conf_entry(de, regular_only))
                        r = strv_extend_with_size(&names, &n, de->d_name);
        if (d)
                closedir(d);
        if (r < 0) {
                strv_free(names);
                return r;
        }
        strv_sort(names);
        *ret = names;
        return 0;
}

/* ---- writing drop-ins ---- */

/* A unit name is at most 255 bytes; with ".d" and a file name this is plenty. */
#define PATH_MAX_SUB 512

static bool is_plain_filename(const char *s) {
        return s[0] && !strchr(s, '/') && strcmp(s, ".") != 0 && strcmp(s, "..") != 0;
}

/* Opens (creating 0755 if needed) the directory name in dfd, never through a
 * symlink: -ELOOP (or -ENOTDIR) when name is one. */
static int open_subdir(int dfd, const char *name) {
        int fd;

        if (mkdirat(dfd, name, 0755) < 0 && errno != EEXIST)
                return -errno;
        fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        return fd < 0 ? -errno : fd;
}

/* Opens base as given, then rel and <unit>.d below it one component at a time with
 * open_subdir(): whatever the components are, the result is beneath base. */
static int open_dropin_dir(const char *base, const char *rel, const char *unit) {
        char sub[PATH_MAX_SUB], *walk = strdup(rel), *save = NULL;
        int dfd;

        if (!walk)
                return -ENOMEM;
        if (snprintf(sub, sizeof(sub), "%s.d", unit) >= (int) sizeof(sub)) {
                free(walk);
                return -ENAMETOOLONG;
        }
        dfd = open(base, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd < 0)
                dfd = -errno;
        for (char *c = strtok_r(walk, "/", &save); dfd >= 0 && c; c = strtok_r(NULL, "/", &save)) {
                int fd = is_plain_filename(c) ? open_subdir(dfd, c) : -EINVAL;
                close(dfd);
                dfd = fd;
        }
        free(walk);
        if (dfd >= 0) {
                int fd = open_subdir(dfd, sub);
                close(dfd);
                dfd = fd;
        }
        return dfd;
}

static int write_all(int fd, const char *text, size_t len) {
        while (len > 0) {
                ssize_t k = write(fd, text, len);
                if (k < 0) {
                        if (errno == EINTR)
                                continue;
                        return -errno;
                }
                text += k;
                len -= (size_t) k;
        }
        return 0;
}

/* Creates a fresh temporary file in dfd; its name goes to tmp. */
static int create_temp(int dfd, const char *name, char *tmp, size_t size) {
        for (unsigned attempt = 0; attempt < 100; attempt++) {
                snprintf(tmp, size, ".#%s.%ld.%u", name, (long) getpid(), attempt);
                int fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
                if (fd >= 0 || errno != EEXIST)
                        return fd < 0 ? -errno : fd;
        }
        return -EEXIST;
}

int fileio_write_dropin(const char *dir, const char *unit, const char *name, const char *text,
                        unsigned flags) {
        return fileio_write_dropin_beneath(dir, "", unit, name, text, flags);
}

/* Replaces name in dfd atomically: a temporary file, written, made 0644, synced with
 * FILEIO_DROPIN_SYNC, renamed over name. */
static int replace_at(int dfd, const char *name, const char *text, size_t len, unsigned flags) {
        char tmp[PATH_MAX_SUB + 32];
        int fd, r;

        fd = create_temp(dfd, name, tmp, sizeof(tmp));
        if (fd < 0)
                return fd;
        r = write_all(fd, text, len);
        /* fchmod: the umask must not decide whether the manager can read it. */
        if (r == 0 && fchmod(fd, 0644) < 0)
                r = -errno;
        if (r == 0 && (flags & FILEIO_DROPIN_SYNC) && fsync(fd) < 0)
                r = -errno;
        if (close(fd) < 0 && r == 0)
                r = -errno;
        if (r == 0 && renameat(dfd, tmp, dfd, name) < 0)
                r = -errno;
        if (r < 0)
                (void) unlinkat(dfd, tmp, 0);
        return r;
}

int fileio_write_dropin_beneath(const char *base, const char *rel, const char *unit, const char *name,
                                const char *text, unsigned flags) {
        int dfd, r;

        if (!is_plain_filename(unit) || !is_plain_filename(name))
                return -EINVAL;
        dfd = open_dropin_dir(base, rel, unit);
        if (dfd < 0)
                return dfd;
        r = replace_at(dfd, name, text, strlen(text), flags);
        close(dfd);
        return r;
}

int fileio_open_dir(const char *dir) {
        int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

        return fd < 0 ? -errno : fd;
}

/* Creates path ("<unit>.d/<name>") in dfd exclusively, no symlink followed on the
 * way: openat2() in one call where the kernel has it (Linux >= 5.6), else the dir
 * and then the file, each with O_NOFOLLOW. */
static int create_beneath(int dfd, const char *subdir, const char *path, const char *name) {
        const int flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC;
        int sub, fd;

#ifdef SYS_openat2
        struct open_how how = {
                .flags = flags, .mode = 0644, .resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS,
        };
        fd = (int) syscall(SYS_openat2, dfd, path, &how, sizeof(how));
        if (fd >= 0 || (errno != ENOSYS && errno != EPERM))
                return fd < 0 ? -errno : fd;
#endif
        sub = openat(dfd, subdir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (sub < 0)
                return -errno;
        fd = openat(sub, name, flags, 0644);
        fd = fd < 0 ? -errno : fd;
        close(sub);
        return fd;
}

int fileio_create_dropin_at(int dfd, const char *unit, const char *name, const char *text, size_t len) {
        char sub[PATH_MAX_SUB], path[PATH_MAX_SUB * 2];
        int fd, r;

        if (!is_plain_filename(unit) || !is_plain_filename(name))
                return -EINVAL;
        if (snprintf(sub, sizeof(sub), "%s.d", unit) >= (int) sizeof(sub) ||
            snprintf(path, sizeof(path), "%s/%s", sub, name) >= (int) sizeof(path))
                return -ENAMETOOLONG;
        if (mkdirat(dfd, sub, 0755) < 0 && errno != EEXIST)
                return -errno;
        fd = create_beneath(dfd, sub, path, name);
        if (fd == -EEXIST) {
                /* Not a fresh output dir (run by hand, twice): replace it as --fix would. */
                int sfd = openat(dfd, sub, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
                if (sfd < 0)
                        return -errno;
                r = replace_at(sfd, name, text, len, 0);
                close(sfd);
                return r;
        }
        if (fd < 0)
                return fd;
        r = write_all(fd, text, len);
        if (close(fd) < 0 && r == 0)
                r = -errno;
        if (r < 0) {
                /* No half-written drop-in for the manager to read. */
                int sfd = openat(dfd, sub, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
                if (sfd >= 0) {
                        (void) unlinkat(sfd, name, 0);
                        close(sfd);
                }
        }
        return r;
}
