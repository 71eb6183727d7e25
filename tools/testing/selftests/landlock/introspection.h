/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Landlock introspection tests - Helpers shared by the introspection tests
 */

#ifndef _SELFTESTS_LANDLOCK_INTROSPECTION_H
#define _SELFTESTS_LANDLOCK_INTROSPECTION_H

#include <errno.h>
#include <stddef.h>
#include <unistd.h>

/*
 * Reads from @fd until the end of file.  The content is always
 * NUL-terminated.  Returns 0 or -errno from read(2) (-EFBIG if the content
 * does not fit).
 */
static inline int read_all(const int fd, char *const buf, const size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	for (;;) {
		ssize_t ret;

		if (len >= size - 1)
			return -EFBIG;
		ret = read(fd, buf + len, size - 1 - len);
		if (ret < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (ret == 0)
			return 0;
		len += ret;
		buf[len] = '\0';
	}
}

#endif /* _SELFTESTS_LANDLOCK_INTROSPECTION_H */
