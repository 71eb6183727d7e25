// SPDX-License-Identifier: GPL-2.0
/*
 * Landlock tests - Helper executed by introspection_test
 *
 * Creates a harmless Landlock layer, then executes the program given as
 * arguments: the layer's creator is this helper, wherever it was copied.
 * Exits with 2 if it cannot.
 */

#define _GNU_SOURCE
#include <linux/landlock.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char *argv[])
{
	const struct landlock_ruleset_attr attr = {
		.handled_access_fs = LANDLOCK_ACCESS_FS_MAKE_FIFO,
	};
	int ruleset_fd;

	if (argc < 2)
		return 2;

	ruleset_fd =
		syscall(SYS_landlock_create_ruleset, &attr, sizeof(attr), 0);
	if (ruleset_fd < 0 || prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    syscall(SYS_landlock_restrict_self, ruleset_fd, 0))
		return 2;
	close(ruleset_fd);
	execv(argv[1], &argv[1]);
	return 2;
}
