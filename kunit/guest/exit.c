// SPDX-License-Identifier: GPL-2.0
/*
 * Ends the QEMU guest with a status that the host can read, through the
 * isa-debug-exit device: QEMU then exits with (status << 1) | 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/io.h>
#include <unistd.h>

#define DEBUG_EXIT_PORT 0xf4

int main(int argc, char *argv[])
{
	unsigned int status = argc > 1 ? strtoul(argv[1], NULL, 0) : 0;

	sync();
	if (ioperm(DEBUG_EXIT_PORT, 4, 1)) {
		perror("ioperm");
		return 1;
	}
	outl(status, DEBUG_EXIT_PORT);
	return 1;
}
