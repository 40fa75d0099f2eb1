/* SPDX-License-Identifier: MIT */
/*
 * bench-runner: runs two commands alternately and compares their CPU time.
 *
 *   bench-runner [-n RUNS] [-w WARMUP] [-a PREP_A] [-b PREP_B] [-c CGROUP] [-s MAX]
 *                NAME_A CMD_A... -- NAME_B CMD_B...
 *
 * Each run is one fork+exec of the command (no shell in between); its cost is the
 * user + system CPU time wait4() reports for it and everything it waited for
 * (rusage), or, with -c, the growth of usage_usec in CGROUP/cpu.stat over the run
 * (the work a service manager does for a command that only asks it, e.g.
 * `systemctl --user daemon-reload`). PREP_A / PREP_B are shell commands run
 * before each run of A / B, untimed. A and B alternate run by run, so that load
 * from elsewhere hits both alike; WARMUP pairs (default 1) are not counted.
 * Prints the median, minimum and maximum CPU ms of each, the median peak RSS
 * (KiB, rusage; 0 with -c), and the ratio of the medians, A / B; the last line,
 * "result NAME_A ms NAME_B ms ratio rss_a rss_b", is for scripts.
 * The commands' output goes to /dev/null. A command fails when it exits with a
 * status above MAX (default 0; a linter's "findings" status 1 is success with -s 1).
 * Exit status: 0, 1 when a command or a preparation fails, 2 on a usage error.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

struct side {
        const char *name;
        char **argv;
        const char *prep;
        double *ms;
        long *rss;
};

static double tv_ms(struct timeval tv) {
        return tv.tv_sec * 1e3 + tv.tv_usec / 1e3;
}

/* usage_usec of a cgroup v2 dir, or -1. */
static long long cgroup_usage_usec(const char *cgroup) {
        char path[4096];
        long long v = -1;
        FILE *f;

        snprintf(path, sizeof(path), "%s/cpu.stat", cgroup);
        f = fopen(path, "re");
        if (!f)
                return -1;
        if (fscanf(f, "usage_usec %lld", &v) != 1)
                v = -1;
        fclose(f);
        return v;
}

static int run_shell(const char *cmd) {
        int status;
        pid_t pid = fork();

        if (pid < 0)
                return -errno;
        if (pid == 0) {
                execl("/bin/sh", "sh", "-c", cmd, (char *) NULL);
                _exit(127);
        }
        if (waitpid(pid, &status, 0) < 0)
                return -errno;
        return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -ECHILD;
}

/* One timed run; returns 0 and *ms, *rss. */
static int max_status;

static int run_once(const struct side *s, const char *cgroup, double *ms, long *rss) {
        struct rusage ru;
        long long before = cgroup ? cgroup_usage_usec(cgroup) : 0, after;
        int status;
        pid_t pid;

        if (s->prep && run_shell(s->prep) < 0) {
                fprintf(stderr, "bench-runner: %s: preparation failed: %s\n", s->name, s->prep);
                return -1;
        }
        if (cgroup)
                before = cgroup_usage_usec(cgroup);
        pid = fork();
        if (pid < 0)
                return -1;
        if (pid == 0) {
                int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
                if (null < 0 || dup2(null, STDOUT_FILENO) < 0 || dup2(null, STDERR_FILENO) < 0)
                        _exit(127);
                execvp(s->argv[0], s->argv);
                fprintf(stderr, "bench-runner: %s: %s\n", s->argv[0], strerror(errno));
                _exit(127);
        }
        if (wait4(pid, &status, 0, &ru) < 0)
                return -1;
        if (!WIFEXITED(status) || WEXITSTATUS(status) > max_status) {
                fprintf(stderr, "bench-runner: %s: %s failed (status %d)\n", s->name, s->argv[0],
                        WIFEXITED(status) ? WEXITSTATUS(status) : -1);
                return -1;
        }
        if (cgroup) {
                after = cgroup_usage_usec(cgroup);
                if (before < 0 || after < 0) {
                        fprintf(stderr, "bench-runner: cannot read %s/cpu.stat\n", cgroup);
                        return -1;
                }
                *ms = (after - before) / 1e3;
                *rss = 0;
        } else {
                *ms = tv_ms(ru.ru_utime) + tv_ms(ru.ru_stime);
                *rss = ru.ru_maxrss;
        }
        return 0;
}

static int cmp_double(const void *a, const void *b) {
        double x = *(const double *) a, y = *(const double *) b;

        return (x > y) - (x < y);
}

static int cmp_long(const void *a, const void *b) {
        long x = *(const long *) a, y = *(const long *) b;

        return (x > y) - (x < y);
}

static double median(double *v, int n) {
        qsort(v, n, sizeof(*v), cmp_double);
        return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void usage(void) {
        fprintf(stderr, "usage: bench-runner [-n RUNS] [-w WARMUP] [-a PREP_A] [-b PREP_B] [-c CGROUP] [-s MAX]\n"
                        "                    NAME_A CMD_A... -- NAME_B CMD_B...\n");
}

int main(int argc, char **argv) {
        struct side a = {}, b = {};
        const char *cgroup = NULL;
        int runs = 11, warmup = 1, c, sep = -1;

        while ((c = getopt(argc, argv, "+n:w:a:b:c:s:")) >= 0)
                switch (c) {
                case 'n': runs = atoi(optarg); break;
                case 'w': warmup = atoi(optarg); break;
                case 'a': a.prep = optarg; break;
                case 'b': b.prep = optarg; break;
                case 'c': cgroup = optarg; break;
                case 's': max_status = atoi(optarg); break;
                default: usage(); return 2;
                }
        for (int i = optind; i < argc; i++)
                if (strcmp(argv[i], "--") == 0) {
                        sep = i;
                        break;
                }
        if (runs < 1 || warmup < 0 || sep < 0 || sep - optind < 2 || argc - sep - 1 < 2) {
                usage();
                return 2;
        }
        argv[sep] = NULL;
        a.name = argv[optind];
        a.argv = &argv[optind + 1];
        b.name = argv[sep + 1];
        b.argv = &argv[sep + 2];
        a.ms = calloc(runs, sizeof(double));
        b.ms = calloc(runs, sizeof(double));
        a.rss = calloc(runs, sizeof(long));
        b.rss = calloc(runs, sizeof(long));
        if (!a.ms || !b.ms || !a.rss || !b.rss)
                return 1;
        for (int i = -warmup; i < runs; i++) {
                double ms;
                long rss;
                /* A first on even runs, B first on odd ones: neither always follows the other. */
                struct side *first = i % 2 ? &b : &a, *second = i % 2 ? &a : &b;
                if (run_once(first, cgroup, &ms, &rss) < 0)
                        return 1;
                if (i >= 0) {
                        first->ms[i] = ms;
                        first->rss[i] = rss;
                }
                if (run_once(second, cgroup, &ms, &rss) < 0)
                        return 1;
                if (i >= 0) {
                        second->ms[i] = ms;
                        second->rss[i] = rss;
                }
        }
        qsort(a.rss, runs, sizeof(long), cmp_long);
        qsort(b.rss, runs, sizeof(long), cmp_long);
        double ma = median(a.ms, runs), mb = median(b.ms, runs);
        printf("%-24s cpu_ms median %9.2f  min %9.2f  max %9.2f  maxrss_kib %ld\n", a.name, ma, a.ms[0],
               a.ms[runs - 1], a.rss[runs / 2]);
        printf("%-24s cpu_ms median %9.2f  min %9.2f  max %9.2f  maxrss_kib %ld\n", b.name, mb, b.ms[0],
               b.ms[runs - 1], b.rss[runs / 2]);
        printf("result %s %.3f %s %.3f %.3f %ld %ld\n", a.name, ma, b.name, mb, mb > 0 ? ma / mb : 0.0,
               a.rss[runs / 2], b.rss[runs / 2]);
        return 0;
}
