/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * The scratch directory of a fuzz target that needs files on disk: one per
 * process, made at the first input, on /dev/shm when it is there (no disk I/O
 * per input), else in $TMPDIR, else /tmp. Named hg-scratch-<tag>.XXXXXX (mkdtemp);
 * removed at exit(). A process that leaves by _Exit() (libFuzzer on a crash, a
 * timeout or SIGINT/SIGTERM) cannot remove it: the next process of any target
 * removes the directories of processes that are gone. "Gone" is told by a lock,
 * not by a pid: the owner holds flock() on its directory for as long as it runs,
 * and the kernel drops the lock when the process ends, however it ends. (A pid
 * would be wrong across PID namespaces that share /dev/shm, or once reused.)
 */

#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

static char fuzz_scratch_dir[256];
static int fuzz_scratch_lock = -1;   /* the held lock on fuzz_scratch_dir */

static int fuzz_scratch_rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
        (void) st, (void) flag, (void) ftw;
        return remove(path);
}

static void fuzz_scratch_rm(const char *dir) {
        nftw(dir, fuzz_scratch_rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Empties dir, keeping dir itself. */
static void fuzz_scratch_clear(const char *dir) {
        DIR *d = opendir(dir);
        struct dirent *de;
        char p[512];

        while (d && (de = readdir(d)))
                if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0) {
                        snprintf(p, sizeof(p), "%s/%s", dir, de->d_name);
                        fuzz_scratch_rm(p);
                }
        if (d)
                closedir(d);
}

static void fuzz_scratch_at_exit(void) {
        if (fuzz_scratch_dir[0])
                fuzz_scratch_rm(fuzz_scratch_dir);
}

static const char *fuzz_scratch_base(void) {
        struct stat st;
        const char *t = getenv("TMPDIR");

        if (stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) && access("/dev/shm", W_OK | X_OK) == 0)
                return "/dev/shm";
        return t && t[0] == '/' ? t : "/tmp";
}

/* Removes base/hg-scratch-* of ours whose owner is gone: nobody holds its lock. */
static void fuzz_scratch_sweep(const char *base) {
        DIR *d = opendir(base);
        struct dirent *de;

        while (d && (de = readdir(d))) {
                char p[512];
                struct stat st;
                int fd;

                if (strncmp(de->d_name, "hg-scratch-", 11) != 0)
                        continue;
                snprintf(p, sizeof(p), "%s/%s", base, de->d_name);
                if (lstat(p, &st) < 0 || !S_ISDIR(st.st_mode) || st.st_uid != getuid())
                        continue;
                fd = open(p, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
                if (fd < 0)
                        continue;
                if (flock(fd, LOCK_EX | LOCK_NB) == 0)
                        fuzz_scratch_rm(p);
                close(fd);
        }
        if (d)
                closedir(d);
}

/* The directory, made (empty) at the first call; aborts when it cannot be made. A
 * sweeper may remove the new directory between mkdtemp() and flock(): then the
 * locked directory has no links left, and a new one is made. */
static const char *fuzz_scratch(const char *tag) {
        const char *base;
        struct stat st;

        if (fuzz_scratch_dir[0])
                return fuzz_scratch_dir;
        base = fuzz_scratch_base();
        fuzz_scratch_sweep(base);
        for (int tries = 0; fuzz_scratch_lock < 0; tries++) {
                if (tries == 10)
                        abort();
                snprintf(fuzz_scratch_dir, sizeof(fuzz_scratch_dir), "%s/hg-scratch-%s.XXXXXX", base, tag);
                if (!mkdtemp(fuzz_scratch_dir))
                        abort();
                fuzz_scratch_lock = open(fuzz_scratch_dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
                if (fuzz_scratch_lock >= 0 && (flock(fuzz_scratch_lock, LOCK_EX) < 0 ||
                                               fstat(fuzz_scratch_lock, &st) < 0 || st.st_nlink == 0)) {
                        close(fuzz_scratch_lock);
                        fuzz_scratch_lock = -1;
                }
        }
        atexit(fuzz_scratch_at_exit);
        return fuzz_scratch_dir;
}
