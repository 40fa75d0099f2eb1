/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Reading input files defensively. Every file the tools read may be huge,
 * binary, a directory, a FIFO, unreadable, or a dangling symlink.
 */

#include <stdbool.h>
#include <stddef.h>

/* Larger inputs are refused with -EFBIG. Unit files and policies are tiny. */
#define FILEIO_MAX_SIZE (4u * 1024u * 1024u)

/*
 * Reads a whole regular file (symlinks are followed, as systemd does) into a
 * NUL-terminated buffer. Never blocks on FIFOs or devices.
 * Returns 0 and sets *ret / *ret_size, or:
 *   -ENOENT, -EACCES, -ELOOP ...  from open()
 *   -EISDIR                       a directory
 *   -EBADF                        not a regular file (FIFO, socket, device)
 *   -EFBIG                        larger than max_size
 *   -EILSEQ                       contains a NUL byte (binary data)
 */
int fileio_read(const char *path, size_t max_size, char **ret, size_t *ret_size);

/* systemd's null_or_empty_path(), which decides what masks a unit or a drop-in:
 * 1 for an empty regular file or a character device (a symlink to /dev/null,
 * however written, is followed), 0 for anything else, -errno when stat() fails. */
int fileio_is_null_or_empty(const char *path);

/* fileio_write_dropin() flags. */
enum {
        /* fsync() the file before the rename: for files that must survive a crash
         * (--fix writes ~/.config). The generator's output lives in /run and is
         * written anew at every daemon-reload, so it does not sync: one fsync per
         * drop-in made a reload several times slower. */
        FILEIO_DROPIN_SYNC = 1 << 0,
};

/*
 * Writes <dir>/<unit>.d/<name> atomically: a temporary file created exclusively
 * in the same directory, written, made 0644 whatever the umask, flushed to disk
 * with FILEIO_DROPIN_SYNC, then renamed over the target. Symlinks are never
 * followed: neither <unit>.d nor the file may be one (a symlink at the target is
 * replaced, not written through). Nothing is written outside dir, which must
 * exist. Shared by the generator and the linter's --fix.
 * Returns 0, -EINVAL when unit or name would leave dir, or -errno.
 */
int fileio_write_dropin(const char *dir, const char *unit, const char *name, const char *text,
                        unsigned flags);

/*
 * The same for <base>/<rel>/<unit>.d/<name>, confined beneath base: base is
 * opened as given (the caller chose it), then each component of rel and <unit>.d
 * is opened with O_NOFOLLOW|O_DIRECTORY from its parent's descriptor and created
 * (0755) when missing. A symlink anywhere below base is refused (-ELOOP or
 * -ENOTDIR), "." and ".." are -EINVAL: a link such as ~/.config -> /elsewhere
 * cannot make --fix --home H write outside H.
 */
int fileio_write_dropin_beneath(const char *base, const char *rel, const char *unit, const char *name,
                                const char *text, unsigned flags);

/*
 * The generator's way, for many drop-ins in one output dir: dfd is the dir, opened
 * once with fileio_open_dir() (returns the fd or -errno). Creates <unit>.d (0755)
 * when missing and <unit>.d/<name> exclusively (O_EXCL, 0644 minus the umask: the
 * generator sets 022 as the manager does), with no symlink followed below dfd, and
 * writes len bytes of text: four system calls on a fresh dir (mkdirat, openat2,
 * write, close), no temporary file, no rename, no fsync. The manager gives a
 * generator fresh, empty output dirs and reads them only after it has exited, so
 * nobody can see a half-written file; on a write error the file is removed. When
 * the file exists (a dir used twice, e.g. run by hand) it is replaced as
 * fileio_write_dropin() does. A symlinked <unit>.d is refused (-ELOOP or -ENOTDIR).
 * Returns 0, -EINVAL when unit or name would leave dfd, or -errno.
 */
int fileio_open_dir(const char *dir);
int fileio_create_dropin_at(int dfd, const char *unit, const char *name, const char *text, size_t len);

/*
 * The "*.conf" entry names of dir, not hidden ones, sorted (as systemd's
 * conf_files_list()). With regular_only, only regular files and symlinks (and
 * entries of unknown type) count; without it, every type does, as for unit
 * drop-ins (seen on 252: a directory or dangling link named x.conf is listed).
 * A missing dir gives an empty vector.
 * Returns 0 and *ret, -errno from opendir() (-ENOTDIR for a file), or -ENOMEM.
 */
int fileio_conf_names(const char *dir, bool regular_only, char ***ret);
