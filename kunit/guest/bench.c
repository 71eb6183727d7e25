// SPDX-License-Identifier: GPL-2.0
/*
 * Landlock micro-benchmark, run in the guest on the patched and on the
 * unpatched kernel in the same session; the host compares the two.
 *
 * Prints one "bench <name> <ns per operation>" line per case, the median of
 * several rounds, so that a background hiccup does not decide the result.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/landlock.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define ROUNDS 7

static long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

static int cmp_long(const void *a, const void *b)
{
	const long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

/* A layer that handles reading files and allows it beneath @dir. */
static int restrict_to(const char *dir)
{
	struct landlock_ruleset_attr attr = {
		.handled_access_fs = LANDLOCK_ACCESS_FS_READ_FILE |
				     LANDLOCK_ACCESS_FS_WRITE_FILE,
	};
	struct landlock_path_beneath_attr rule = {
		.allowed_access = LANDLOCK_ACCESS_FS_READ_FILE,
	};
	int fd, err;

	fd = syscall(SYS_landlock_create_ruleset, &attr, sizeof(attr), 0);
	if (fd < 0)
		return -1;
	rule.parent_fd = open(dir, O_PATH | O_CLOEXEC);
	err = syscall(SYS_landlock_add_rule, fd, LANDLOCK_RULE_PATH_BENEATH,
		      &rule, 0);
	close(rule.parent_fd);
	if (!err)
		err = syscall(SYS_landlock_restrict_self, fd, 0);
	close(fd);
	return err;
}

/*
 * open(2), and close(2) when allowed, of a file inside @layers nested layers
 * that allow reading beneath @dir: allowed if @dir holds the file.
 */
static long bench_open(int layers, const char *dir, int allowed, int iterations)
{
	long start, elapsed;
	int i, fd, pipefd[2];
	pid_t pid;

	if (pipe(pipefd))
		exit(1);
	pid = fork();
	if (!pid) {
		for (i = 0; i < layers; i++)
			if (restrict_to(dir))
				_exit(1);
		start = now_ns();
		for (i = 0; i < iterations; i++) {
			fd = open("/tmp/bench-file", O_RDONLY | O_CLOEXEC);
			if (allowed ? fd < 0 : fd >= 0)
				_exit(1);
			if (fd >= 0)
				close(fd);
		}
		elapsed = (now_ns() - start) / iterations;
		if (write(pipefd[1], &elapsed, sizeof(elapsed)) < 0)
			_exit(1);
		_exit(0);
	}
	if (read(pipefd[0], &elapsed, sizeof(elapsed)) != sizeof(elapsed))
		elapsed = -1;
	waitpid(pid, NULL, 0);
	close(pipefd[0]);
	close(pipefd[1]);
	return elapsed;
}

/* Creation of one domain layer: landlock_restrict_self() alone. */
static long bench_restrict_self(int iterations)
{
	long total = 0, one;
	int i, pipefd[2];
	pid_t pid;

	for (i = 0; i < iterations; i++) {
		if (pipe(pipefd))
			exit(1);
		pid = fork();
		if (!pid) {
			struct landlock_ruleset_attr attr = {
				.handled_access_fs =
					LANDLOCK_ACCESS_FS_READ_FILE,
			};
			int fd = syscall(SYS_landlock_create_ruleset, &attr,
					 sizeof(attr), 0);
			long start = now_ns();

			if (fd < 0 || syscall(SYS_landlock_restrict_self, fd, 0))
				_exit(1);
			one = now_ns() - start;
			if (write(pipefd[1], &one, sizeof(one)) < 0)
				_exit(1);
			_exit(0);
		}
		if (read(pipefd[0], &one, sizeof(one)) != sizeof(one))
			return -1;
		total += one;
		waitpid(pid, NULL, 0);
		close(pipefd[0]);
		close(pipefd[1]);
	}
	return total / iterations;
}

static void report(const char *name, long (*fn)(int, int), int a, int b)
{
	long samples[ROUNDS];
	int r;

	for (r = 0; r < ROUNDS; r++)
		samples[r] = fn(a, b);
	qsort(samples, ROUNDS, sizeof(samples[0]), cmp_long);
	printf("bench %s %ld\n", name, samples[ROUNDS / 2]);
}

static long allowed_open(int layers, int n)
{
	return bench_open(layers, "/tmp", 1, n);
}

static long restrict_self(int unused, int n)
{
	return bench_restrict_self(n);
}

/* A denied open(2), audit off: the denial path without logging. */
static long denied_open(int unused, int n)
{
	return bench_open(1, "/tmp/bench-dir", 0, n);
}

int main(void)
{
	int fd;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return 1;
	fd = open("/tmp/bench-file", O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
	if (fd < 0)
		return 1;
	close(fd);
	mkdir("/tmp/bench-dir", 0755);

	report("open_unsandboxed", allowed_open, 0, 20000);
	report("open_allowed_1_layer", allowed_open, 1, 20000);
	report("open_allowed_16_layers", allowed_open, 16, 20000);
	report("open_denied", denied_open, 0, 20000);
	report("restrict_self", restrict_self, 0, 300);
	return 0;
}
