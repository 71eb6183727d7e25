/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Landlock audit helpers
 *
 * The test process registers itself as the audit daemon through a
 * NETLINK_AUDIT socket, then receives and parses the records emitted by the
 * kernel.  Only the Landlock record types are kept.
 *
 * Include after common.h, which defines __maybe_unused.
 */

#include <errno.h>
#include <linux/audit.h>
#include <linux/netlink.h>
#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

/* Largest netlink payload accepted from the kernel. */
#define AUDIT_PAYLOAD_SIZE 9216
/* Longest record text kept, without the "audit(...): " prefix. */
#define AUDIT_TEXT_SIZE 2048
/* Maximum number of records kept by a test. */
#define AUDIT_LOG_SIZE 256
/* Time given to the kernel to answer a configuration request. */
#define AUDIT_REQUEST_TIMEOUT_MS 2000
/* Waiting for the release of the daemon's socket by audit_restore(). */
#define AUDIT_RESTORE_RETRIES 60
#define AUDIT_RESTORE_DELAY_MS 50
/* Wanted receive buffer, to not lose records while a test is busy. */
#define AUDIT_RCVBUF_SIZE (4 << 20)

struct audit_message {
	struct nlmsghdr header;
	union {
		struct audit_status status;
		struct nlmsgerr err;
		char data[AUDIT_PAYLOAD_SIZE];
	};
};

/* State of the audit subsystem and of our connection to it. */
struct audit_env {
	int fd;
	__u32 seq;
	/* Thread group registered as the audit daemon, or 0. */
	pid_t daemon;
	/* Status read before any change, restored by audit_restore(). */
	struct audit_status saved;
};

struct audit_record {
	__u16 type;
	/* Value of the domain= field, or 0 if missing or malformed. */
	__u64 domain;
	/* Serial number of the event the record belongs to, or 0. */
	unsigned long serial;
	/* Message text without the "audit(TIME:SERIAL): " prefix. */
	char text[AUDIT_TEXT_SIZE];
};

struct audit_log {
	size_t count;
	/* Records that did not fit in @records. */
	size_t lost;
	struct audit_record records[AUDIT_LOG_SIZE];
};

/* Generic record filter, see audit_match(). */
struct audit_filter {
	/* Domain ID that the record must have, or 0 for any. */
	__u64 domain;
	/* Space-separated name=value tokens that the record must contain. */
	const char *fields;
};

typedef bool (*audit_pred_t)(const struct audit_record *rec, const void *arg);

static long long audit_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/*
 * Tells whether a record is Landlock's: an access or domain record, or the
 * configuration change of a write to kernel.landlock.log_kinds_allowed.
 */
static bool audit_is_landlock(const __u16 type, const char *const data)
{
	if (type == AUDIT_CONFIG_CHANGE)
		return strstr(data, "): op=landlock-logging ");
	return type == AUDIT_LANDLOCK_ACCESS || type == AUDIT_LANDLOCK_DOMAIN;
}

/*
 * Receives one netlink message sent by the kernel before @deadline (in
 * milliseconds, see audit_now_ms()).  The payload is always NUL-terminated.
 *
 * Returns the payload size, -ETIMEDOUT, or another negative error code.
 */
static ssize_t audit_recv_raw(const int fd, struct audit_message *const msg,
			      const long long deadline)
{
	struct pollfd pfd = {
		.fd = fd,
		.events = POLLIN,
	};

	for (;;) {
		struct sockaddr_nl addr;
		socklen_t addr_len = sizeof(addr);
		const long long remaining = deadline - audit_now_ms();
		ssize_t len;
		int ret;

		ret = poll(&pfd, 1, remaining > 0 ? remaining : 0);
		if (ret < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (ret == 0)
			return -ETIMEDOUT;

		len = recvfrom(fd, msg, sizeof(*msg) - 1, MSG_DONTWAIT,
			       (struct sockaddr *)&addr, &addr_len);
		if (len < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			/* The kernel could not queue some records. */
			if (errno == ENOBUFS)
				return -ENOBUFS;
			return -errno;
		}

		/* Only trusts messages from the kernel. */
		if (addr_len != sizeof(addr) || addr.nl_pid != 0)
			continue;
		if (len < NLMSG_HDRLEN)
			continue;

		/*
		 * The kernel sets nlmsg_len of audit records to the payload
		 * size only: relies on the datagram size instead.
		 */
		len -= NLMSG_HDRLEN;
		msg->data[len] = '\0';
		return len;
	}
}

/*
 * Sends a configuration request and waits for its result.  For AUDIT_GET, the
 * status is copied to @reply.
 *
 * Returns 0 or a negative error code.
 */
static int audit_request(struct audit_env *const env, const __u16 type,
			 const struct audit_status *const status,
			 struct audit_status *const reply)
{
	const struct sockaddr_nl kernel = {
		.nl_family = AF_NETLINK,
	};
	const size_t size = status ? sizeof(*status) : 0;
	struct audit_message msg = {};
	long long deadline;
	__u32 seq;
	ssize_t len;

	seq = ++env->seq;
	msg.header.nlmsg_len = NLMSG_LENGTH(size);
	msg.header.nlmsg_type = type;
	msg.header.nlmsg_flags = NLM_F_REQUEST;
	/* AUDIT_GET answers asynchronously: only waits for its reply. */
	if (!reply)
		msg.header.nlmsg_flags |= NLM_F_ACK;
	msg.header.nlmsg_seq = seq;
	if (status)
		memcpy(&msg.status, status, size);

	if (sendto(env->fd, &msg, msg.header.nlmsg_len, 0,
		   (const struct sockaddr *)&kernel, sizeof(kernel)) < 0)
		return -errno;

	deadline = audit_now_ms() + AUDIT_REQUEST_TIMEOUT_MS;
	for (;;) {
		len = audit_recv_raw(env->fd, &msg, deadline);
		if (len < 0)
			return len;
		if (msg.header.nlmsg_seq != seq)
			continue;

		if (msg.header.nlmsg_type == NLMSG_ERROR) {
			if ((size_t)len < sizeof(msg.err))
				return -EPROTO;
			if (msg.err.error)
				return msg.err.error;
			if (!reply)
				return 0;
			continue;
		}

		if (reply && msg.header.nlmsg_type == type) {
			memset(reply, 0, sizeof(*reply));
			if ((size_t)len > sizeof(*reply))
				len = sizeof(*reply);
			memcpy(reply, &msg.status, len);
			return 0;
		}
	}
}

static int audit_set_pid(struct audit_env *const env, const pid_t pid)
{
	const struct audit_status status = {
		.mask = AUDIT_STATUS_PID,
		.pid = pid,
	};

	return audit_request(env, AUDIT_SET, &status, NULL);
}

static int audit_set_enabled(struct audit_env *const env, const __u32 enabled)
{
	const struct audit_status status = {
		.mask = AUDIT_STATUS_ENABLED,
		.enabled = enabled,
	};

	return audit_request(env, AUDIT_SET, &status, NULL);
}

/*
 * Enables audit and registers the calling process as the audit daemon, which
 * makes the kernel send it all the records.  Needs CAP_AUDIT_CONTROL.  On
 * error, the audit configuration is left unchanged.
 *
 * Returns 0 or a negative error code: -EPROTONOSUPPORT without audit support,
 * -EPERM without the required privileges, -EEXIST if another audit daemon is
 * running.
 */
static int __maybe_unused audit_init(struct audit_env *const env)
{
	const int rcvbuf = AUDIT_RCVBUF_SIZE;
	int err;

	memset(env, 0, sizeof(*env));
	env->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_AUDIT);
	if (env->fd < 0)
		return -errno;

	/* Best effort: the default size is enough for most tests. */
	if (setsockopt(env->fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf,
		       sizeof(rcvbuf)))
		setsockopt(env->fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf,
			   sizeof(rcvbuf));

	err = audit_request(env, AUDIT_GET, NULL, &env->saved);
	if (err)
		goto out_close;

	/* A locked configuration (enabled == 2) cannot be changed. */
	if (env->saved.enabled > 1) {
		err = -EPERM;
		goto out_close;
	}

	err = audit_set_pid(env, getpid());
	if (err)
		goto out_close;
	env->daemon = getpid();

	err = audit_set_enabled(env, 1);
	if (err) {
		audit_set_pid(env, 0);
		env->daemon = 0;
		goto out_close;
	}
	return 0;

out_close:
	close(env->fd);
	env->fd = -1;
	return err;
}

/* Tells whether audit_init() failed because audit cannot be tested here. */
static bool __maybe_unused audit_is_unavailable(const int err)
{
	return err == -EPROTONOSUPPORT || err == -EPERM ||
	       err == -ECONNREFUSED || err == -EEXIST;
}

/*
 * Restores the audit configuration saved by audit_init().  It may be called
 * by another process than the registered daemon (e.g. a test's parent), once
 * the daemon's socket is closed: the kernel then notices that the daemon is
 * gone and accepts to unregister it.  Children of the daemon that are still
 * exiting may keep this socket open for a short while.
 *
 * Returns 0 or a negative error code.
 */
static int __maybe_unused audit_restore(const struct audit_env *const saved)
{
	struct audit_env env = {
		.seq = saved->seq,
	};
	int err = 0, ret, retries = AUDIT_RESTORE_RETRIES;

	if (!saved->daemon)
		return 0;

	env.fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_AUDIT);
	if (env.fd < 0)
		return -errno;

	while ((ret = audit_set_pid(&env, 0)) == -EACCES && retries--)
		usleep(AUDIT_RESTORE_DELAY_MS * 1000);
	if (ret)
		err = ret;
	ret = audit_set_enabled(&env, saved->saved.enabled);
	if (ret && !err)
		err = ret;

	close(env.fd);
	return err;
}

/*
 * Parses a domain ID: 9 to 16 lowercase hexadecimal digits, at least 2^32.
 *
 * Returns 0 or -EINVAL.
 */
static int audit_parse_id(const char *const str, __u64 *const id)
{
	const size_t len = strlen(str);
	size_t i;

	if (len < 9 || len > 16)
		return -EINVAL;
	for (i = 0; i < len; i++) {
		if (!((str[i] >= '0' && str[i] <= '9') ||
		      (str[i] >= 'a' && str[i] <= 'f')))
			return -EINVAL;
	}
	*id = strtoull(str, NULL, 16);
	if (*id < (1ULL << 32))
		return -EINVAL;
	return 0;
}

/*
 * Gets the value of the first field @name of a record text, without the
 * enclosing quotes, if any.
 *
 * Returns true if the field exists and its value fits in @value.
 */
static bool audit_get_field(const char *const text, const char *const name,
			    char *const value, const size_t size)
{
	const size_t name_len = strlen(name);
	const char *pos = text;

	while (*pos) {
		const size_t tok_len = strcspn(pos, " ");

		if (tok_len > name_len && strncmp(pos, name, name_len) == 0 &&
		    pos[name_len] == '=') {
			const char *val = pos + name_len + 1;
			size_t val_len = tok_len - name_len - 1;

			if (val_len >= 2 && val[0] == '"' &&
			    val[val_len - 1] == '"') {
				val++;
				val_len -= 2;
			}
			if (val_len >= size)
				return false;
			memcpy(value, val, val_len);
			value[val_len] = '\0';
			return true;
		}
		pos += tok_len;
		while (*pos == ' ')
			pos++;
	}
	return false;
}

/* Checks that a record text contains @token (of @len bytes) as a whole. */
static bool audit_has_token(const char *const text, const char *const token,
			    const size_t len)
{
	const char *pos = text;

	while (*pos) {
		const size_t tok_len = strcspn(pos, " ");

		if (tok_len == len && strncmp(pos, token, len) == 0)
			return true;
		pos += tok_len;
		while (*pos == ' ')
			pos++;
	}
	return false;
}

/*
 * Checks that a record text contains all the space-separated tokens of
 * @pattern, e.g. "blockers=fs.read_file path=\"/tmp/f\"".  Each token must
 * match a whole field: "blockers=fs.read_file" does not match
 * "blockers=fs.read_file,fs.write_file".
 */
static bool __maybe_unused matches_record(const char *const text,
					  const char *const pattern)
{
	const char *pos = pattern;

	while (*pos == ' ')
		pos++;
	while (*pos) {
		const size_t len = strcspn(pos, " ");

		if (!audit_has_token(text, pos, len))
			return false;
		pos += len;
		while (*pos == ' ')
			pos++;
	}
	return true;
}

/* Predicate for struct audit_filter. */
static bool __maybe_unused audit_match(const struct audit_record *const rec,
				       const void *const arg)
{
	const struct audit_filter *const filter = arg;

	if (filter->domain && rec->domain != filter->domain)
		return false;
	if (filter->fields && !matches_record(rec->text, filter->fields))
		return false;
	return true;
}

static void audit_parse_record(const __u16 type, const char *const data,
			       struct audit_record *const rec)
{
	const char *text = data;
	size_t len;
	char id[32];

	rec->type = type;
	rec->serial = 0;
	if (strncmp(text, "audit(", 6) == 0) {
		const char *const end = strstr(text, "): ");

		/* "audit(SECONDS.MILLISECONDS:SERIAL): " */
		if (sscanf(text, "audit(%*[0-9.]:%lu)", &rec->serial) != 1)
			rec->serial = 0;
		if (end)
			text = end + 3;
	}
	/* Truncates overlong records, which the tests will not match. */
	len = strnlen(text, sizeof(rec->text) - 1);
	memcpy(rec->text, text, len);
	rec->text[len] = '\0';

	rec->domain = 0;
	if (!audit_get_field(rec->text, "domain", id, sizeof(id)) ||
	    audit_parse_id(id, &rec->domain))
		rec->domain = 0;
}

/*
 * Receives the next Landlock record before @deadline, skipping the other
 * record types.
 *
 * Returns 0, -ETIMEDOUT, or another negative error code.
 */
static int audit_recv_record(const int fd, struct audit_record *const rec,
			     const long long deadline)
{
	static struct audit_message msg;
	ssize_t len;

	for (;;) {
		len = audit_recv_raw(fd, &msg, deadline);
		if (len == -ENOBUFS)
			/* Records were lost, which the tests will notice. */
			continue;
		if (len < 0)
			return len;
		if (!audit_is_landlock(msg.header.nlmsg_type, msg.data))
			continue;

		audit_parse_record(msg.header.nlmsg_type, msg.data, rec);
		return 0;
	}
}

/*
 * Discards all pending records, until none arrives for @quiet_ms or @max_ms
 * elapsed.
 *
 * Returns the number of discarded Landlock records.
 */
static int __maybe_unused audit_drain(const int fd, const int quiet_ms,
				      const int max_ms)
{
	const long long end = audit_now_ms() + max_ms;
	static struct audit_record rec;
	int count = 0;

	for (;;) {
		long long deadline = audit_now_ms() + quiet_ms;

		if (deadline > end)
			deadline = end;
		if (audit_recv_record(fd, &rec, deadline))
			return count;
		count++;
	}
}

static struct audit_record *audit_log_add(struct audit_log *const log)
{
	if (log->count >= AUDIT_LOG_SIZE) {
		log->lost++;
		return NULL;
	}
	return &log->records[log->count++];
}

/*
 * Receives Landlock records for @duration_ms and appends them to @log.
 *
 * Returns the number of received records, or a negative error code.
 */
static int __maybe_unused audit_collect(const int fd,
					struct audit_log *const log,
					const int duration_ms)
{
	const long long deadline = audit_now_ms() + duration_ms;
	static struct audit_record rec;
	struct audit_record *slot;
	int count = 0, err;

	for (;;) {
		err = audit_recv_record(fd, &rec, deadline);
		if (err == -ETIMEDOUT)
			return count;
		if (err)
			return err;
		count++;
		slot = audit_log_add(log);
		if (slot)
			*slot = rec;
	}
}

/*
 * Returns the index of the first record of @log at or after @from, of type
 * @type (or any Landlock type if 0) and matching @pred (if not NULL), or -1.
 */
static int __maybe_unused audit_find(const struct audit_log *const log,
				     const size_t from, const __u16 type,
				     const audit_pred_t pred, const void *arg)
{
	size_t i;

	for (i = from; i < log->count; i++) {
		const struct audit_record *const rec = &log->records[i];

		if (type && rec->type != type)
			continue;
		if (pred && !pred(rec, arg))
			continue;
		return i;
	}
	return -1;
}

/* Counts the records of @log of type @type matching @pred. */
static int __maybe_unused audit_count(const struct audit_log *const log,
				      const __u16 type, const audit_pred_t pred,
				      const void *arg)
{
	int count = 0, i = 0;

	while ((i = audit_find(log, i, type, pred, arg)) >= 0) {
		count++;
		i++;
	}
	return count;
}

/*
 * Waits at most @timeout_ms for a record of type @type matching @pred.  The
 * records already in @log are searched first, and every received Landlock
 * record is appended to @log.  If found and @domain is not NULL, the record's
 * domain ID is stored in @domain.
 *
 * Returns the record's index in @log, -ETIMEDOUT, or another negative error
 * code.
 */
static int __maybe_unused audit_wait(const int fd, struct audit_log *const log,
				     const __u16 type, const audit_pred_t pred,
				     const void *arg, const int timeout_ms,
				     __u64 *const domain)
{
	const long long deadline = audit_now_ms() + timeout_ms;
	static struct audit_record rec;
	struct audit_record *slot;
	int index, err;

	index = audit_find(log, 0, type, pred, arg);
	while (index < 0) {
		err = audit_recv_record(fd, &rec, deadline);
		if (err)
			return err;
		slot = audit_log_add(log);
		if (!slot)
			return -ENOSPC;
		*slot = rec;
		if ((!type || rec.type == type) && (!pred || pred(&rec, arg)))
			index = log->count - 1;
	}
	if (domain)
		*domain = log->records[index].domain;
	return index;
}

/* Same as audit_wait() with a struct audit_filter made of @domain and @fields. */
static int __maybe_unused
audit_wait_fields(const int fd, struct audit_log *const log, const __u16 type,
		  const __u64 domain, const char *const fields,
		  const int timeout_ms, __u64 *const id)
{
	const struct audit_filter filter = {
		.domain = domain,
		.fields = fields,
	};

	return audit_wait(fd, log, type, audit_match, &filter, timeout_ms, id);
}
