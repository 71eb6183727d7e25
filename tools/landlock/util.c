// SPDX-License-Identifier: GPL-2.0
/*
 * landlockctl - Messages, memory and the parsing of what the kernel prints
 */

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "landlockctl.h"

static void vmessage(const char *fmt, va_list ap)
{
	fflush(stdout);
	fputs("landlockctl: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void die(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(fmt, ap);
	va_end(ap);
	exit(code);
}

void ll_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(fmt, ap);
	va_end(ap);
}

void *xmalloc(size_t size)
{
	void *p = calloc(1, size ? size : 1);

	if (!p)
		die(EXIT_FAILURE_OTHER, "out of memory");
	return p;
}

void *xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);

	if (!p)
		die(EXIT_FAILURE_OTHER, "out of memory");
	return p;
}

char *xstrdup(const char *s)
{
	char *p = strdup(s);

	if (!p)
		die(EXIT_FAILURE_OTHER, "out of memory");
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int ret;

	va_start(ap, fmt);
	ret = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (ret < 0)
		die(EXIT_FAILURE_OTHER, "out of memory");
	return s;
}

/* Where a read loop puts what it reads. */
struct read_buf {
	char *data;
	size_t size;
	/* Doubles the buffer (from the heap) while not larger than @max. */
	bool grow;
	size_t max;
	/* Takes a read that ends with a newline as the end of the file. */
	bool line;
};

/*
 * The one read loop of read_short_file_at() and read_file_at(): reads @fd
 * into @b->data, NUL-terminated.  Returns the length, -errno, -EFBIG if the
 * content fills a buffer that may not grow or is longer than @b->max, or
 * -EILSEQ for a NUL byte: nothing that the kernel prints.
 */
static int read_fd(int fd, struct read_buf *b)
{
	size_t len = 0;

	for (;;) {
		ssize_t ret;

		if (len + 1 >= b->size) {
			if (!b->grow || b->size > b->max)
				return -EFBIG;
			b->size *= 2;
			b->data = xrealloc(b->data, b->size);
		}
		ret = read(fd, b->data + len, b->size - 1 - len);
		if (ret < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (ret == 0)
			break;
		len += ret;
		/* A line that fills the buffer may be cut: not the end. */
		if (b->line && b->data[len - 1] == '\n' && len + 1 < b->size)
			break;
	}
	if (b->grow && len > b->max)
		return -EFBIG;
	b->data[len] = '\0';
	if (strlen(b->data) != len)
		return -EILSEQ;
	return (int)len;
}

/* Reads the file @path, relative to @dirfd, as read_fd() does. */
static int read_at(int dirfd, const char *path, struct read_buf *b)
{
	int fd, ret;

	fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return -errno;
	ret = read_fd(fd, b);
	close(fd);
	return ret;
}

/*
 * Reads the short file @path (relative to @dirfd) into @buf, of @size bytes,
 * NUL-terminated.  procfs prints a one-line file whole on the first read, so
 * a read that ends with a newline is taken as the end: a scan of /proc saves
 * the read that would return 0, for every process.  Returns the length,
 * -errno, -EFBIG if the content fills @buf, or -EILSEQ for a NUL byte.
 */
int read_short_file_at(int dirfd, const char *path, char *buf, size_t size)
{
	struct read_buf b = { .data = buf, .size = size, .line = true };

	return read_at(dirfd, path, &b);
}

/* Reads @path into a new buffer that grows up to @max bytes. */
static int read_growing_at(int dirfd, const char *path, char **buf, size_t max,
			   bool line)
{
	struct read_buf b = {
		.size = 256, .grow = true, .max = max, .line = line
	};
	int ret;

	b.data = xmalloc(b.size);
	ret = read_at(dirfd, path, &b);
	if (ret < 0) {
		free(b.data);
		*buf = NULL;
	} else {
		*buf = b.data;
	}
	return ret;
}

/*
 * Reads the whole file @path (relative to @dirfd) into a new NUL-terminated
 * buffer.  Returns its length, -errno, -EFBIG if it is longer than @max, or
 * -EILSEQ for a NUL byte.
 */
int read_file_at(int dirfd, const char *path, char **buf, size_t max)
{
	return read_growing_at(dirfd, path, buf, max, false);
}

/*
 * As read_file_at(), for a one-line file: a read that ends with a newline is
 * taken as the end, as read_short_file_at() does.
 */
int read_line_file_at(int dirfd, const char *path, char **buf, size_t max)
{
	return read_growing_at(dirfd, path, buf, max, true);
}

/* Length of the valid UTF-8 sequence at @s, or 0. */
size_t utf8_len(const unsigned char *s)
{
	size_t len, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4;
	else
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	}
	/* No overlong forms, no surrogates, nothing above U+10FFFF. */
	if ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] >= 0xa0) ||
	    (s[0] == 0xf0 && s[1] < 0x90) || (s[0] == 0xf4 && s[1] >= 0x90))
		return 0;
	return len;
}

/*
 * A new copy of @s where each byte that is not part of valid UTF-8 (a path
 * may be anything) is U+FFFD: what JSON and Prometheus text may carry.
 */
char *utf8_sanitize(const char *s)
{
	const unsigned char *in = (const unsigned char *)s;
	/* At worst, three bytes for each byte. */
	char *out = xmalloc(3 * strlen(s) + 1), *o = out;

	while (*in) {
		size_t len = utf8_len(in);

		if (!len) {
			memcpy(o, "\xef\xbf\xbd", 3);
			o += 3;
			in++;
		} else {
			memcpy(o, in, len);
			o += len;
			in += len;
		}
	}
	*o = '\0';
	return out;
}

static bool is_odigit(char c)
{
	return c >= '0' && c <= '7';
}

/*
 * Decodes the "\ooo" octal escapes of @s in place, as in /proc/mounts.
 * Returns 0, or -1 for a lone backslash or an escaped NUL.
 */
int unescape(char *s)
{
	char *out = s;

	while (*s) {
		if (*s != '\\') {
			*out++ = *s++;
			continue;
		}
		if (!is_odigit(s[1]) || !is_odigit(s[2]) || !is_odigit(s[3]) ||
		    s[1] > '3')
			return -1;
		*out = (char)(((s[1] - '0') << 6) | ((s[2] - '0') << 3) |
			      (s[3] - '0'));
		if (!*out)
			return -1;
		out++;
		s += 4;
	}
	*out = '\0';
	return 0;
}

/*
 * Parses a domain ID as the kernel prints it: lowercase hexadecimal, no
 * "0x", no leading zero, at most 64 bits, never 0.
 */
bool parse_id(const char *s, size_t len, unsigned long long *id)
{
	unsigned long long v = 0;
	size_t i;

	if (len == 0 || len > 16 || s[0] == '0')
		return false;
	for (i = 0; i < len; i++) {
		char c = s[i];

		if (c >= '0' && c <= '9')
			v = (v << 4) | (unsigned long long)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v = (v << 4) | (unsigned long long)(c - 'a' + 10);
		else
			return false;
	}
	*id = v;
	return true;
}

/* Parses a decimal number that fills the whole of @s. */
bool parse_ull(const char *s, unsigned long long *val)
{
	char *end;

	if (!isdigit((unsigned char)s[0]))
		return false;
	errno = 0;
	*val = strtoull(s, &end, 10);
	return !errno && !*end;
}
