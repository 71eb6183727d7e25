/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Landlock LSM - Domain identifiers
 */

#ifndef _SECURITY_LANDLOCK_ID_H
#define _SECURITY_LANDLOCK_ID_H

#include <linux/bits.h>
#include <linux/types.h>

/*
 * Smallest domain ID: IDs below 2^32 are never used, so that an ID cannot be
 * mistaken for a PID, a UID or another 32-bit number, and always prints with
 * at least 9 hex digits.
 */
#define LANDLOCK_ID_MIN BIT_ULL(32)

/* Longest ID string: 64 bits in lowercase hexadecimal, without 0x. */
#define LANDLOCK_ID_STR_LEN 16

int landlock_id_wait_key(void);

u64 landlock_id_draw_counter(void);

u64 landlock_id_of(const u64 counter);

int landlock_id_counter(const u64 id, u64 *const counter);

bool landlock_id_is_drawn(const u64 counter);

#ifdef CONFIG_SECURITY_LANDLOCK_KUNIT_TEST
u64 landlock_id_peek(const u64 ahead);
#endif /* CONFIG_SECURITY_LANDLOCK_KUNIT_TEST */

#endif /* _SECURITY_LANDLOCK_ID_H */
