// SPDX-License-Identifier: GPL-2.0
/*
 * Landlock tests - Helper executed by audit_test
 *
 * Tries to open the directory given as argument, from a sandbox inherited
 * through execve(2).  Exits with 0 if the access is denied with EACCES, 1 if
 * it is allowed, and 2 on any other error.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

int main(int argc, char *argv[])
{
	int fd;

	if (argc != 2)
		return 2;

	fd = open(argv[1], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		close(fd);
		return 1;
	}
	return errno == EACCES ? 0 : 2;
}
