// SPDX-License-Identifier: GPL-2.0-only
/*
 * Landlock LSM - Domain identifiers
 *
 * A domain ID is a keyed pseudorandom permutation of a counter: it is unique
 * for the uptime because the counter never repeats and the permutation is a
 * bijection, and it tells nothing about the number of domains created before
 * or about the other IDs because the key is secret.
 *
 * This file only draws IDs; layers.c indexes the live ones, and restore.c
 * makes the generator skip the IDs that restores asked for.
 */

#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/bitmap.h>
#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/init.h>
#include <linux/notifier.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/siphash.h>
#include <linux/sort.h>
#include <linux/types.h>
#include <linux/vmalloc.h>

#include "id.h"
#include "restore.h"

/* Four rounds make a Feistel network a strong pseudorandom permutation. */
#define LANDLOCK_ID_ROUNDS 4

/* Half-block width of the production IDs: 2 * 32 = 64 bits. */
#define LANDLOCK_ID_HALF_BITS 32

static_assert(LANDLOCK_ID_MIN == 1ULL << LANDLOCK_ID_HALF_BITS);

/**
 * struct landlock_id_generator - Source of fresh IDs
 */
struct landlock_id_generator {
	/**
	 * @key: Secret key of the permutation, drawn once the CRNG is ready.
	 */
	siphash_key_t key;
	/**
	 * @counter: Number of values already drawn: the next ID is the image of
	 * range_min() + @counter.  Lock-free: each value is drawn once.
	 */
	atomic64_t counter;
};

static struct landlock_id_generator id_gen;

/* Set, with release semantics, once id_gen.key is drawn. */
static bool id_keyed;

/*
 * The permutation works on values of 2 * @half_bits bits, with @half_bits
 * between 1 and 32.  Production IDs use 32; the KUnit tests use a small width
 * to check the same code exhaustively.
 */

static u64 half_mask(const unsigned int half_bits)
{
	return (1ULL << half_bits) - 1;
}

/* Smallest value of the range; LANDLOCK_ID_MIN at the production width. */
static u64 range_min(const unsigned int half_bits)
{
	return 1ULL << half_bits;
}

/* Largest value of the range (without shifting by 64 at full width). */
static u64 range_max(const unsigned int half_bits)
{
	return half_mask(half_bits) << half_bits | half_mask(half_bits);
}

static u64 round_function(const siphash_key_t *const key, const u64 half,
			  const unsigned int round,
			  const unsigned int half_bits)
{
	/* The round index makes each round a distinct function. */
	return siphash_2u32(half, round, key) & half_mask(half_bits);
}

/* Keyed bijection on [0, 2^(2 * @half_bits)), as a Feistel network. */
static u64 permute(const siphash_key_t *const key, const u64 x,
		   const unsigned int half_bits)
{
	u64 left = (x >> half_bits) & half_mask(half_bits);
	u64 right = x & half_mask(half_bits);
	unsigned int round;

	for (round = 0; round < LANDLOCK_ID_ROUNDS; round++) {
		const u64 next = left ^
				 round_function(key, right, round, half_bits);

		left = right;
		right = next;
	}
	return left << half_bits | right;
}

/* Inverse of permute(): the same rounds in reverse order. */
static u64 unpermute(const siphash_key_t *const key, const u64 y,
		     const unsigned int half_bits)
{
	u64 left = (y >> half_bits) & half_mask(half_bits);
	u64 right = y & half_mask(half_bits);
	unsigned int round = LANDLOCK_ID_ROUNDS;

	while (round--) {
		const u64 prev = right ^
				 round_function(key, left, round, half_bits);

		right = left;
		left = prev;
	}
	return left << half_bits | right;
}

/*
 * Cycle walking restricts permute() to [range_min(), range_max()]: starting
 * from a value of the range, following the permutation's cycle must come back
 * into the range, and mapping each value to the next one of its cycle that is
 * in the range is still a bijection.  Only 2^-@half_bits of the values are
 * below the range, so the walk is almost always a single step.  @x must be in
 * the range, or the walk could loop on a cycle that never enters it.
 */
static u64 permute_range(const siphash_key_t *const key, u64 x,
			 const unsigned int half_bits)
{
	do {
		x = permute(key, x, half_bits);
	} while (x < range_min(half_bits));
	return x;
}

static u64 unpermute_range(const siphash_key_t *const key, u64 y,
			   const unsigned int half_bits)
{
	do {
		y = unpermute(key, y, half_bits);
	} while (y < range_min(half_bits));
	return y;
}

/* Counter value for which @gen outputs @value. */
static u64 counter_of(const struct landlock_id_generator *const gen,
		      const u64 value, const unsigned int half_bits)
{
	return unpermute_range(&gen->key, value, half_bits) -
	       range_min(half_bits);
}

static u64 generate_at(const struct landlock_id_generator *const gen,
		       const u64 counter, const unsigned int half_bits)
{
	return permute_range(&gen->key, range_min(half_bits) + counter,
			     half_bits);
}

/*
 * The CRNG calls this once it is ready (or execute_with_initialized_rng()
 * right away if it already is), possibly in atomic context: the key is drawn
 * once, never under a lock of this file, and never before it can be secret.
 */
static int id_draw_key(struct notifier_block *const nb,
		       const unsigned long action, void *const data)
{
	get_random_bytes(&id_gen.key, sizeof(id_gen.key));
	/* Pairs with the acquires of the readers: the key before the flag. */
	smp_store_release(&id_keyed, true);
	return NOTIFY_DONE;
}

static struct notifier_block id_key_notifier = {
	.notifier_call = id_draw_key,
};

static int __init landlock_id_init(void)
{
	return execute_with_initialized_rng(&id_key_notifier);
}

core_initcall(landlock_id_init);

/**
 * landlock_id_wait_key - Wait until IDs can be generated
 *
 * Domains are created long after the CRNG is ready, except on a machine
 * without entropy source at boot: wait_for_random_bytes() then generates
 * entropy, and the CRNG's notifier draws the key right after.
 *
 * Return: 0 once landlock_id_draw_counter() may be called, or -ERESTARTSYS if a
 * signal interrupted the wait.
 */
int landlock_id_wait_key(void)
{
	int err;

	/* Pairs with id_draw_key(): the flag before the key. */
	if (likely(smp_load_acquire(&id_keyed)))
		return 0;

	err = wait_for_random_bytes();
	if (err)
		return err;

	/*
	 * The notifier runs right after the CRNG is marked ready; acquire as
	 * above.
	 */
	while (!smp_load_acquire(&id_keyed)) {
		if (signal_pending(current))
			return -ERESTARTSYS;
		schedule_timeout_interruptible(1);
	}
	return 0;
}

/**
 * landlock_id_draw_counter - Draw the counter of a fresh ID
 *
 * Domain creation only draws the counter: the ID is its image by the keyed
 * permutation, fixed by the counter and computed by landlock_id_of() when
 * somebody first needs it.  The ID is at least LANDLOCK_ID_MIN and has never
 * been handed out during this uptime, nor reserved by a restore.  Lock-free
 * unless restores reserved IDs.  landlock_id_wait_key() must have returned 0.
 *
 * Return: The counter of the new ID.
 */
u64 landlock_id_draw_counter(void)
{
	for (;;) {
		/*
		 * The fully ordered atomic64_fetch_inc() pairs with the
		 * barrier of the restore code's reservation: either this sees
		 * the reservation, or that code sees that the counter passed
		 * its value.  Wrapping would take 2^64 - 2^32 IDs, which no
		 * uptime can reach.
		 */
		const u64 counter = atomic64_fetch_inc(&id_gen.counter);

		if (likely(!landlock_restore_skips(counter)))
			return counter;
	}
}

/**
 * landlock_id_of - Compute the ID that a generator counter stands for
 *
 * @counter: Value from landlock_id_draw_counter() or landlock_id_counter().
 *
 * Return: The ID, at least LANDLOCK_ID_MIN.
 */
u64 landlock_id_of(const u64 counter)
{
	return generate_at(&id_gen, counter, LANDLOCK_ID_HALF_BITS);
}

/**
 * landlock_id_counter - Find the generator counter of an ID
 *
 * @id: Any domain ID, drawn or restored.
 * @counter: Set to the counter for which landlock_id_of() gives @id.
 *
 * Return: 0, or -EINVAL if @id is below LANDLOCK_ID_MIN or if there is no
 * key yet (then no ID exists).
 */
int landlock_id_counter(const u64 id, u64 *const counter)
{
	if (id < LANDLOCK_ID_MIN)
		return -EINVAL;
	/* Pairs with id_draw_key(): counter_of() needs the key. */
	if (!smp_load_acquire(&id_keyed))
		return -EINVAL;
	*counter = counter_of(&id_gen, id, LANDLOCK_ID_HALF_BITS);
	return 0;
}

/**
 * landlock_id_is_drawn - Tell whether the generator passed a counter value
 *
 * @counter: Generator counter, from landlock_id_counter().
 *
 * Return: True if landlock_id_draw_counter() already drew @counter, and thus
 * never draws it again.
 */
bool landlock_id_is_drawn(const u64 counter)
{
	return counter < atomic64_read(&id_gen.counter);
}

#ifdef CONFIG_SECURITY_LANDLOCK_KUNIT_TEST

/* Fixed keys make the statistical tests deterministic. */
static const siphash_key_t test_key_a = { { 0x0706050403020100ULL,
					    0x0f0e0d0c0b0a0908ULL } };
static const siphash_key_t test_key_b = { { 0x9e3779b97f4a7c15ULL,
					    0xbf58476d1ce4e5b9ULL } };

#define TEST_SMALL_HALF_BITS 8

/*
 * Draws the next counter value of a test generator, and gives its image.
 * The tests draw at most one full cycle of their width.
 */
static u64 generate_counter(struct landlock_id_generator *const gen,
			    const unsigned int half_bits, u64 *const counter)
{
	*counter = atomic64_fetch_inc(&gen->counter);
	return generate_at(gen, *counter, half_bits);
}

static u64 generate(struct landlock_id_generator *const gen,
		    const unsigned int half_bits)
{
	u64 counter;

	return generate_counter(gen, half_bits, &counter);
}

/*
 * Exhaustive check at 2 * 8 bits: permute() and the cycle-walking generator
 * are bijections, and unpermute() inverts them.
 */
static void test_bijection_small(struct kunit *const test)
{
	const unsigned int hb = TEST_SMALL_HALF_BITS;
	const u64 size = range_max(hb) + 1;
	const u64 min = range_min(hb);
	struct landlock_id_generator gen = { .key = test_key_a };
	unsigned long *seen;
	u64 x, bad = 0, fixed = 0;

	seen = kunit_kzalloc(test, BITS_TO_LONGS(size) * sizeof(long),
			     GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, seen);

	/* The whole 16-bit domain. */
	for (x = 0; x < size; x++) {
		const u64 y = permute(&gen.key, x, hb);

		bad += y >= size || test_and_set_bit(y, seen) ||
		       unpermute(&gen.key, y, hb) != x;
	}
	KUNIT_EXPECT_EQ(test, 0, bad);
	KUNIT_EXPECT_EQ(test, size, bitmap_weight(seen, size));

	/* The range, with cycle walking. */
	bitmap_zero(seen, size);
	for (x = min; x < size; x++) {
		const u64 y = permute_range(&gen.key, x, hb);

		bad += y < min || y >= size || test_and_set_bit(y, seen) ||
		       unpermute_range(&gen.key, y, hb) != x;
		fixed += y == x;
	}
	KUNIT_EXPECT_EQ(test, 0, bad);
	KUNIT_EXPECT_EQ(test, size - min, bitmap_weight(seen, size));
	/*
	 * A random permutation has a Poisson(1) number of fixed points:
	 * P(>= 8) < 1e-5, but the identity would have all of them.
	 */
	KUNIT_EXPECT_LT(test, fixed, 8);

	/* The generator covers the whole range once. */
	bitmap_zero(seen, size);
	for (x = 0; x < size - min; x++) {
		const u64 y = generate(&gen, hb);

		bad += y < min || y >= size || test_and_set_bit(y, seen);
	}
	KUNIT_EXPECT_EQ(test, 0, bad);
	KUNIT_EXPECT_EQ(test, size - min, bitmap_weight(seen, size));
	KUNIT_EXPECT_EQ(test, size - min, atomic64_read(&gen.counter));
}

/* Spot checks of the inverse at the production width, including the edges. */
static void test_inverse(struct kunit *const test)
{
	static const u64 edges[] = { 0,
				     1,
				     LANDLOCK_ID_MIN - 1,
				     LANDLOCK_ID_MIN,
				     LANDLOCK_ID_MIN + 1,
				     U64_MAX - 1,
				     U64_MAX };
	const unsigned int hb = LANDLOCK_ID_HALF_BITS;
	struct landlock_id_generator gen = { .key = test_key_b };
	size_t i, bad = 0;

	for (i = 0; i < ARRAY_SIZE(edges); i++) {
		const u64 x = edges[i];
		const u64 y = permute(&gen.key, x, hb);

		KUNIT_EXPECT_EQ(test, x, unpermute(&gen.key, y, hb));
		KUNIT_EXPECT_EQ(test, x,
				permute(&gen.key, unpermute(&gen.key, x, hb),
					hb));
		if (x >= LANDLOCK_ID_MIN) {
			const u64 z = permute_range(&gen.key, x, hb);

			KUNIT_EXPECT_GE(test, z, LANDLOCK_ID_MIN);
			KUNIT_EXPECT_EQ(test, x,
					unpermute_range(&gen.key, z, hb));
		}
	}

	for (i = 0; i < 10000; i++) {
		u64 counter;
		const u64 y = generate_counter(&gen, hb, &counter);

		bad += counter_of(&gen, y, hb) != counter;
	}
	KUNIT_EXPECT_EQ(test, 0, bad);
}

static int cmp_u64(const void *const a, const void *const b)
{
	const u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

#define TEST_UNIQUE_COUNT 1000000

static void check_unique(struct kunit *const test, const siphash_key_t *key)
{
	struct landlock_id_generator gen = { .key = *key };
	size_t i, low = 0, dup = 0;
	u64 *ids;

	ids = vmalloc_array(TEST_UNIQUE_COUNT, sizeof(*ids));
	KUNIT_ASSERT_NOT_NULL(test, ids);

	for (i = 0; i < TEST_UNIQUE_COUNT; i++) {
		ids[i] = generate(&gen, LANDLOCK_ID_HALF_BITS);
		low += ids[i] < LANDLOCK_ID_MIN;
		if (!(i % 65536))
			cond_resched();
	}

	sort(ids, TEST_UNIQUE_COUNT, sizeof(*ids), cmp_u64, NULL);
	for (i = 1; i < TEST_UNIQUE_COUNT; i++)
		dup += ids[i - 1] == ids[i];

	/* Sorted: the first one is the smallest, and 0 < LANDLOCK_ID_MIN. */
	KUNIT_EXPECT_GE(test, ids[0], LANDLOCK_ID_MIN);
	KUNIT_EXPECT_EQ(test, 0, low);
	KUNIT_EXPECT_EQ(test, 0, dup);
	vfree(ids);
}

static void test_unique_fixed_key(struct kunit *const test)
{
	check_unique(test, &test_key_a);
}

static void test_unique_random_key(struct kunit *const test)
{
	siphash_key_t key;

	get_random_bytes(&key, sizeof(key));
	check_unique(test, &key);
}

#define TEST_STAT_COUNT 100000

/*
 * Successive IDs go up as often as down: about half of the pairs increase,
 * within 1% of the pairs.  The number of ascents of a random sequence has a
 * standard deviation of sqrt((n + 1) / 12) ~= 91, so 1% is ~11 sigma; a
 * sequential generator would have them all.
 */
static void test_not_sequential(struct kunit *const test)
{
	struct landlock_id_generator gen = { .key = test_key_a };
	const s64 pairs = TEST_STAT_COUNT - 1;
	u64 prev = generate(&gen, LANDLOCK_ID_HALF_BITS);
	s64 inc = 0;
	size_t i;

	for (i = 1; i < TEST_STAT_COUNT; i++) {
		const u64 next = generate(&gen, LANDLOCK_ID_HALF_BITS);

		inc += next > prev;
		prev = next;
	}

	/* |inc / pairs - 1/2| <= 1/100 */
	KUNIT_EXPECT_LE(test, 100 * abs(2 * inc - pairs), 2 * pairs);
}

/*
 * Chi-square bounds for 255 degrees of freedom: a uniform source is below
 * 161 or above 378 each with a probability below 1e-6.  The lower bound
 * catches too regular outputs, like the low byte of a counter.
 */
#define TEST_CHI2_MIN 161
#define TEST_CHI2_MAX 378

/* The low bits, that a user would see change most, are uniform. */
static void test_low_bits_uniform(struct kunit *const test)
{
	struct landlock_id_generator gen = { .key = test_key_b };
	const s64 n = TEST_STAT_COUNT;
	unsigned int *bins;
	s64 ones[8] = {};
	u64 chi2 = 0;
	size_t i;

	bins = kunit_kcalloc(test, 256, sizeof(*bins), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, bins);

	for (i = 0; i < n; i++) {
		const u64 id = generate(&gen, LANDLOCK_ID_HALF_BITS);
		unsigned int bit;

		bins[id & 0xff]++;
		for (bit = 0; bit < ARRAY_SIZE(ones); bit++)
			ones[bit] += (id >> bit) & 1;
	}

	/*
	 * The ones of a bit are Binomial(n, 1/2): sigma = sqrt(n) / 2.  Within
	 * 5 sigma (false alarm ~6e-7 per bit): |2 * ones - n| <= 5 * sqrt(n).
	 */
	for (i = 0; i < ARRAY_SIZE(ones); i++)
		KUNIT_EXPECT_LE_MSG(test, (2 * ones[i] - n) * (2 * ones[i] - n),
				    25 * n, "bit %zu: %lld ones", i, ones[i]);

	/*
	 * chi2 = sum((obs - n / 256)^2 / (n / 256))
	 *      = sum((256 * obs - n)^2) / (256 * n)
	 */
	for (i = 0; i < 256; i++) {
		const s64 diff = 256 * (s64)bins[i] - n;

		chi2 += diff * diff;
	}
	KUNIT_EXPECT_GE(test, chi2, (u64)TEST_CHI2_MIN * 256 * n);
	KUNIT_EXPECT_LE(test, chi2, (u64)TEST_CHI2_MAX * 256 * n);
}

/* The counter of an ID is the one that gives it back, for any valid ID. */
static void test_id_counter(struct kunit *const test)
{
	static const u64 ids[] = { LANDLOCK_ID_MIN, LANDLOCK_ID_MIN + 1,
				   0x123456789abcdefULL, U64_MAX };
	u64 counter = 0;
	size_t i;

	KUNIT_ASSERT_EQ(test, 0, landlock_id_wait_key());
	KUNIT_EXPECT_EQ(test, -EINVAL, landlock_id_counter(0, &counter));
	KUNIT_EXPECT_EQ(test, -EINVAL,
			landlock_id_counter(LANDLOCK_ID_MIN - 1, &counter));
	for (i = 0; i < ARRAY_SIZE(ids); i++) {
		KUNIT_ASSERT_EQ(test, 0, landlock_id_counter(ids[i], &counter));
		KUNIT_EXPECT_EQ(test, ids[i], landlock_id_of(counter));
	}
}

/**
 * landlock_id_peek - Tell what the generator will output
 *
 * @ahead: Number of values to be drawn before.
 *
 * Only for the KUnit tests of the restore code.
 *
 * Return: The value that the generator draws after @ahead others, if no
 * reservation is in the way.
 */
u64 landlock_id_peek(const u64 ahead)
{
	return generate_at(&id_gen, atomic64_read(&id_gen.counter) + ahead,
			   LANDLOCK_ID_HALF_BITS);
}

/* clang-format off */
static struct kunit_case landlock_id_test_cases[] = {
	KUNIT_CASE(test_bijection_small),
	KUNIT_CASE(test_inverse),
	KUNIT_CASE(test_unique_fixed_key),
	KUNIT_CASE(test_unique_random_key),
	KUNIT_CASE(test_not_sequential),
	KUNIT_CASE(test_low_bits_uniform),
	KUNIT_CASE(test_id_counter),
	{}
};

/* clang-format on */

static struct kunit_suite landlock_id_test_suite = {
	.name = "landlock_id",
	.test_cases = landlock_id_test_cases,
};

kunit_test_suite(landlock_id_test_suite);

#endif /* CONFIG_SECURITY_LANDLOCK_KUNIT_TEST */
