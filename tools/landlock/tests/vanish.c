// SPDX-License-Identifier: GPL-2.0
/*
 * landlockctl tests - A process that exits between open(2) and read(2)
 *
 * Preloaded into landlockctl by fixtures.py: read(2) on a file whose path
 * contains $LLCTL_VANISH fails with ESRCH, as a read of a /proc/<pid> file
 * does once the process has exited.  The tool opens files relative to a
 * directory descriptor, whose path comes from /proc/self/fd.
 */

#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_FDS 1024

static bool doomed[MAX_FDS];

static bool matches(int dirfd, const char *path)
{
	const char *pattern = getenv("LLCTL_VANISH");
	char dir[PATH_MAX], full[2 * PATH_MAX + 2], link[64];
	ssize_t len;

	if (!pattern || !*pattern)
		return false;
	if (path[0] == '/' || dirfd == AT_FDCWD)
		return strstr(path, pattern);
	snprintf(link, sizeof(link), "/proc/self/fd/%d", dirfd);
	len = readlink(link, dir, sizeof(dir) - 1);
	if (len < 0)
		return false;
	dir[len] = '\0';
	snprintf(full, sizeof(full), "%s/%s", dir, path);
	return strstr(full, pattern);
}

int openat(int dirfd, const char *path, int flags, ...)
{
	static int (*real)(int dirfd, const char *path, int flags, ...);
	mode_t mode = 0;
	va_list ap;
	int fd;

	if (!real)
		real = dlsym(RTLD_NEXT, "openat");
	va_start(ap, flags);
	if (flags & (O_CREAT | O_TMPFILE))
		mode = va_arg(ap, mode_t);
	va_end(ap);
	fd = real(dirfd, path, flags, mode);
	if (fd >= 0 && fd < MAX_FDS)
		doomed[fd] = matches(dirfd, path);
	return fd;
}

ssize_t read(int fd, void *buf, size_t count)
{
	static ssize_t (*real)(int fd, void *buf, size_t count);

	if (!real)
		real = dlsym(RTLD_NEXT, "read");
	if (fd >= 0 && fd < MAX_FDS && doomed[fd]) {
		errno = ESRCH;
		return -1;
	}
	return real(fd, buf, count);
}
