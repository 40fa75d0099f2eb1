/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <dirent.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <cmocka.h>

#include "fileio.h"
#include "fixture.h"

static int setup(void **state) {
        *state = fixture_root();
        return *state ? 0 : -1;
}

static int teardown(void **state) {
        fixture_free(*state);
        return 0;
}

static void assert_file(const char *path, const char *content) {
        char *buf = NULL;
        size_t size;

        assert_int_equal(fileio_read(path, FILEIO_MAX_SIZE, &buf, &size), 0);
        assert_string_equal(buf, content);
        free(buf);
}

static size_t count_entries(const char *path) {
        DIR *d = opendir(path);
        struct dirent *de;
        size_t n = 0;

        assert_non_null(d);
        while ((de = readdir(d)))
                if (de->d_name[0] != '.' || (de->d_name[1] && strcmp(de->d_name, "..") != 0))
                        n++;
        closedir(d);
        return n;
}

static void test_writes_file_in_unit_dir(void **state) {
        char path[PATH_MAX];
        struct stat st;

        assert_int_equal(fileio_write_dropin(*state, "a.service", "10-x.conf", "[Service]\nRestart=no\n", 0), 0);
        snprintf(path, sizeof(path), "%s/a.service.d/10-x.conf", (char *) *state);
        assert_file(path, "[Service]\nRestart=no\n");
        assert_int_equal(stat(path, &st), 0);
        assert_int_equal(st.st_mode & 07777, 0644);
}

static void test_replaces_existing_file_and_leaves_no_temp(void **state) {
        char path[PATH_MAX];

        assert_int_equal(fileio_write_dropin(*state, "a.service", "10-x.conf", "old\n", FILEIO_DROPIN_SYNC), 0);
        assert_int_equal(fileio_write_dropin(*state, "a.service", "10-x.conf", "new\n", 0), 0);
        snprintf(path, sizeof(path), "%s/a.service.d/10-x.conf", (char *) *state);
        assert_file(path, "new\n");
        snprintf(path, sizeof(path), "%s/a.service.d", (char *) *state);
        assert_int_equal(count_entries(path), 1);
}

static void test_refuses_symlinked_unit_dir(void **state) {
        char link[PATH_MAX], target[PATH_MAX];

        snprintf(target, sizeof(target), "%s/elsewhere", (char *) *state);
        snprintf(link, sizeof(link), "%s/a.service.d", (char *) *state);
        assert_int_equal(mkdir(target, 0755), 0);
        assert_int_equal(symlink(target, link), 0);
        assert_int_equal(fileio_write_dropin(*state, "a.service", "10-x.conf", "x\n", 0), -ENOTDIR);
        assert_int_equal(count_entries(target), 0);
}

static void test_symlinked_target_file_is_replaced_not_followed(void **state) {
        char dir[PATH_MAX], link[PATH_MAX + 16], victim[PATH_MAX];

        snprintf(victim, sizeof(victim), "%s/victim", (char *) *state);
        snprintf(dir, sizeof(dir), "%s/a.service.d", (char *) *state);
        snprintf(link, sizeof(link), "%s/10-x.conf", dir);
        assert_int_equal(mkdir(dir, 0755), 0);
        FILE *f = fopen(victim, "w");
        assert_non_null(f);
        fputs("keep\n", f);
        fclose(f);
        assert_int_equal(symlink(victim, link), 0);
        assert_int_equal(fileio_write_dropin(*state, "a.service", "10-x.conf", "new\n", 0), 0);
        assert_file(victim, "keep\n");
        assert_file(link, "new\n");
        struct stat st;
        assert_int_equal(lstat(link, &st), 0);
        assert_true(S_ISREG(st.st_mode));
}

static void test_names_that_leave_the_dir_are_refused(void **state) {
        assert_int_equal(fileio_write_dropin(*state, "../a.service", "10-x.conf", "x\n", 0), -EINVAL);
        assert_int_equal(fileio_write_dropin(*state, "a.service", "../10-x.conf", "x\n", 0), -EINVAL);
        assert_int_equal(fileio_write_dropin(*state, "a.service", "..", "x\n", 0), -EINVAL);
        assert_int_equal(fileio_write_dropin(*state, "", "10-x.conf", "x\n", 0), -EINVAL);
        assert_int_equal(count_entries(*state), 0);
}

static void test_missing_output_dir_is_an_error(void **state) {
        assert_int_equal(fileio_write_dropin("/nonexistent/hg-test", "a.service", "10-x.conf", "x\n", 0), -ENOENT);
}

/* ---- fileio_create_dropin_at(): the generator's writes into its output dir ---- */

static int open_state_dir(void **state) {
        int dfd = fileio_open_dir(*state);

        assert_true(dfd >= 0);
        return dfd;
}

static void test_create_at_makes_dir_and_file(void **state) {
        char path[PATH_MAX];
        struct stat st;
        int dfd = open_state_dir(state);
        mode_t old = umask(0022);

        assert_int_equal(fileio_create_dropin_at(dfd, "a.service", "10-x.conf", "[Service]\nRestart=no\nTAIL", 21), 0);
        assert_int_equal(fileio_create_dropin_at(dfd, "b.service", "10-x.conf", "b\n", 2), 0);
        umask(old);
        close(dfd);
        snprintf(path, sizeof(path), "%s/a.service.d/10-x.conf", (char *) *state);
        assert_file(path, "[Service]\nRestart=no\n");
        assert_int_equal(stat(path, &st), 0);
        assert_int_equal(st.st_mode & 07777, 0644);
        snprintf(path, sizeof(path), "%s/a.service.d", (char *) *state);
        assert_int_equal(stat(path, &st), 0);
        assert_int_equal(st.st_mode & 07777, 0755);
        assert_int_equal(count_entries(path), 1);
        assert_int_equal(count_entries(*state), 2);
}

static void test_create_at_replaces_a_file_that_is_there(void **state) {
        char path[PATH_MAX];
        int dfd = open_state_dir(state);

        assert_int_equal(fileio_create_dropin_at(dfd, "a.service", "10-x.conf", "old\n", 4), 0);
        assert_int_equal(fileio_create_dropin_at(dfd, "a.service", "10-x.conf", "new\n", 4), 0);
        close(dfd);
        snprintf(path, sizeof(path), "%s/a.service.d/10-x.conf", (char *) *state);
        assert_file(path, "new\n");
        snprintf(path, sizeof(path), "%s/a.service.d", (char *) *state);
        assert_int_equal(count_entries(path), 1);
}

static void test_create_at_refuses_symlinked_unit_dir(void **state) {
        char link[PATH_MAX], target[PATH_MAX];
        int dfd = open_state_dir(state), r;

        snprintf(target, sizeof(target), "%s/elsewhere", (char *) *state);
        snprintf(link, sizeof(link), "%s/a.service.d", (char *) *state);
        assert_int_equal(mkdir(target, 0755), 0);
        assert_int_equal(symlink(target, link), 0);
        r = fileio_create_dropin_at(dfd, "a.service", "10-x.conf", "x\n", 2);
        close(dfd);
        assert_true(r == -ELOOP || r == -ENOTDIR);
        assert_int_equal(count_entries(target), 0);
}

static void test_create_at_replaces_symlinked_file_not_followed(void **state) {
        char dir[PATH_MAX], link[PATH_MAX + 16], victim[PATH_MAX];
        int dfd = open_state_dir(state);
        struct stat st;

        snprintf(victim, sizeof(victim), "%s/victim", (char *) *state);
        snprintf(dir, sizeof(dir), "%s/a.service.d", (char *) *state);
        snprintf(link, sizeof(link), "%s/10-x.conf", dir);
        assert_int_equal(mkdir(dir, 0755), 0);
        FILE *f = fopen(victim, "w");
        assert_non_null(f);
        fputs("keep\n", f);
        fclose(f);
        assert_int_equal(symlink(victim, link), 0);
        assert_int_equal(fileio_create_dropin_at(dfd, "a.service", "10-x.conf", "new\n", 4), 0);
        close(dfd);
        assert_file(victim, "keep\n");
        assert_int_equal(lstat(link, &st), 0);
        assert_true(S_ISREG(st.st_mode));
        assert_file(link, "new\n");
}

static void test_create_at_refuses_names_that_leave_the_dir(void **state) {
        int dfd = open_state_dir(state);

        assert_int_equal(fileio_create_dropin_at(dfd, "../a.service", "10-x.conf", "x\n", 2), -EINVAL);
        assert_int_equal(fileio_create_dropin_at(dfd, "a.service", "../10-x.conf", "x\n", 2), -EINVAL);
        assert_int_equal(fileio_create_dropin_at(dfd, "a.service", "..", "x\n", 2), -EINVAL);
        assert_int_equal(fileio_create_dropin_at(dfd, "", "10-x.conf", "x\n", 2), -EINVAL);
        close(dfd);
        assert_int_equal(count_entries(*state), 0);
        assert_int_equal(fileio_open_dir("/nonexistent/hg-test"), -ENOENT);
}

/* ---- the path for kernels without openat2() (before 5.6), or a sandbox that refuses it ---- */

#ifdef SYS_openat2
/* Makes openat2() fail with errno in this process, as an old kernel (ENOSYS) or a
 * container's seccomp profile (EPERM) does. */
static int refuse_openat2(int err) {
        struct sock_filter code[] = {
                BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
                BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_openat2, 0, 1),
                BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (unsigned) err),
                BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        };
        struct sock_fprog prog = { .len = sizeof(code) / sizeof(code[0]), .filter = code };

        if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
                return -errno;
        return syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) < 0 ? -errno : 0;
}

/* In a child (a seccomp filter cannot be removed): a drop-in is made, and a
 * symlinked <unit>.d refused, with openat2() failing with err. Exit status: 0 ok,
 * 2 the filter could not be set, 3.. the check that failed. */
static int fallback_child(const char *dir, int err) {
        char path[PATH_MAX], target[PATH_MAX], link[PATH_MAX];
        int dfd, r;
        FILE *f;

        if (refuse_openat2(err) < 0)
                return 2;
        if ((int) syscall(SYS_openat2, AT_FDCWD, ".", NULL, 0) >= 0 || errno != err)
                return 3;
        if ((dfd = fileio_open_dir(dir)) < 0)
                return 4;
        if (fileio_create_dropin_at(dfd, "a.service", "10-x.conf", "[Service]\nRestart=no\n", 21) != 0)
                return 5;
        snprintf(path, sizeof(path), "%s/a.service.d/10-x.conf", dir);
        char buf[64] = "";
        if (!(f = fopen(path, "r")) || !fgets(buf, sizeof(buf), f) || strcmp(buf, "[Service]\n") != 0)
                return 6;
        fclose(f);
        snprintf(target, sizeof(target), "%s/elsewhere", dir);
        snprintf(link, sizeof(link), "%s/b.service.d", dir);
        if (mkdir(target, 0755) < 0 || symlink(target, link) < 0)
                return 7;
        r = fileio_create_dropin_at(dfd, "b.service", "10-x.conf", "x\n", 2);
        if (r != -ELOOP && r != -ENOTDIR)
                return 8;
        if (count_entries(target) != 0)
                return 9;
        close(dfd);
        return 0;
}

static void run_fallback(const char *dir, int err) {
        int status;
        pid_t pid = fork();

        assert_true(pid >= 0);
        if (pid == 0)
                _exit(fallback_child(dir, err));
        assert_int_equal(waitpid(pid, &status, 0), pid);
        assert_true(WIFEXITED(status));
        if (WEXITSTATUS(status) == 2)
                skip();   /* no seccomp here: the fallback cannot be forced */
        assert_int_equal(WEXITSTATUS(status), 0);
}

static void test_create_at_without_openat2_enosys(void **state) {
        run_fallback(*state, ENOSYS);
}

static void test_create_at_without_openat2_eperm(void **state) {
        run_fallback(*state, EPERM);
}
#else
static void test_create_at_without_openat2_enosys(void **state) {
        skip();   /* built without openat2(): the fallback is the only path, tested above */
}

static void test_create_at_without_openat2_eperm(void **state) {
        skip();
}
#endif

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test_setup_teardown(test_writes_file_in_unit_dir, setup, teardown),
                cmocka_unit_test_setup_teardown(test_replaces_existing_file_and_leaves_no_temp, setup, teardown),
                cmocka_unit_test_setup_teardown(test_refuses_symlinked_unit_dir, setup, teardown),
                cmocka_unit_test_setup_teardown(test_symlinked_target_file_is_replaced_not_followed, setup, teardown),
                cmocka_unit_test_setup_teardown(test_names_that_leave_the_dir_are_refused, setup, teardown),
                cmocka_unit_test_setup_teardown(test_missing_output_dir_is_an_error, setup, teardown),
                cmocka_unit_test_setup_teardown(test_create_at_makes_dir_and_file, setup, teardown),
                cmocka_unit_test_setup_teardown(test_create_at_replaces_a_file_that_is_there, setup, teardown),
                cmocka_unit_test_setup_teardown(test_create_at_refuses_symlinked_unit_dir, setup, teardown),
                cmocka_unit_test_setup_teardown(test_create_at_replaces_symlinked_file_not_followed, setup, teardown),
                cmocka_unit_test_setup_teardown(test_create_at_refuses_names_that_leave_the_dir, setup, teardown),
                cmocka_unit_test_setup_teardown(test_create_at_without_openat2_enosys, setup, teardown),
                cmocka_unit_test_setup_teardown(test_create_at_without_openat2_eperm, setup, teardown),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
