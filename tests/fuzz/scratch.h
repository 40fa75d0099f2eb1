/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * The scratch directory of a fuzz target that needs files on disk: one per
 * process, made at the first input, on /dev/shm when it is there (no disk I/O
 * per input), else in $TMPDIR, else /tmp. Named hg-fuzz-<tag>.<pid>; removed at
 * exit(). A process that leaves by _Exit() (libFuzzer on a crash, a timeout or
 * SIGINT/SIGTERM) cannot remove it: the next process of any target removes the
 * directories of processes that are gone.
 */

#include <errno.h>
#include <dirent.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char fuzz_scratch_dir[256];

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

/* Removes base/hg-fuzz-*.<pid> of ours whose process is gone. */
static void fuzz_scratch_sweep(const char *base) {
        DIR *d = opendir(base);
        struct dirent *de;

        while (d && (de = readdir(d))) {
                const char *dot = strrchr(de->d_name, '.');
                char *end, p[512];
                struct stat st;
                long pid;

                if (strncmp(de->d_name, "hg-fuzz-", 8) != 0 || !dot)
                        continue;
                pid = strtol(dot + 1, &end, 10);
                snprintf(p, sizeof(p), "%s/%s", base, de->d_name);
                if (*end || pid <= 0 || lstat(p, &st) < 0 || !S_ISDIR(st.st_mode) || st.st_uid != getuid())
                        continue;
                if (kill((pid_t) pid, 0) < 0 && errno == ESRCH)
                        fuzz_scratch_rm(p);
        }
        if (d)
                closedir(d);
}

/* The directory, made (empty) at the first call; aborts when it cannot be made. */
static const char *fuzz_scratch(const char *tag) {
        const char *base;

        if (fuzz_scratch_dir[0])
                return fuzz_scratch_dir;
        base = fuzz_scratch_base();
        fuzz_scratch_sweep(base);
        snprintf(fuzz_scratch_dir, sizeof(fuzz_scratch_dir), "%s/hg-fuzz-%s.%ld", base, tag, (long) getpid());
        fuzz_scratch_rm(fuzz_scratch_dir);      /* a reused pid's */
        if (mkdir(fuzz_scratch_dir, 0700) < 0)
                abort();
        atexit(fuzz_scratch_at_exit);
        return fuzz_scratch_dir;
}
