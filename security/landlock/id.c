// SPDX-License-Identifier: GPL-2.0-only
/*
 * Landlock LSM - Domain identifiers
 *
 * A domain ID is a keyed pseudorandom permutation of a counter: it is unique
 * for the uptime because the counter never repeats and the permutation is a
 * bijection, and it tells nothing about the number of domains created before
 * or about the other IDs because the key is secret.
 */

#include <kunit/test.h>
#include <linux/bitmap.h>
#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/lockdep.h>
#include <linux/random.h>
#include <linux/rbtree.h>
#include <linux/sched.h>
#include <linux/siphash.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/vmalloc.h>

#include "id.h"

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
	 * @key: Secret key of the permutation.
	 */
	siphash_key_t key;
	/**
	 * @counter: Number of values already drawn: the next ID is the image of
	 * range_min() + @counter.
	 */
	u64 counter;
};

/**
 * struct landlock_id_reservation - Future generator output to skip
 */
struct landlock_id_reservation {
	/**
	 * @counter: Generator counter whose output was taken by
	 * landlock_id_assign_value().
	 */
	u64 counter;
	/**
	 * @node: Node in landlock_id_reserved, ordered by @counter.
	 */
	struct rb_node node;
};

DEFINE_SPINLOCK(landlock_id_lock);

/* Live IDs, ordered by value; protected by landlock_id_lock. */
static struct rb_root landlock_id_root = RB_ROOT;

/* Pending reservations; protected by landlock_id_lock. */
static struct rb_root landlock_id_reserved = RB_ROOT;

/* Protected by landlock_id_lock, as is landlock_id_keyed. */
static struct landlock_id_generator landlock_id_gen;
static bool landlock_id_keyed;

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

static u64 generate(struct landlock_id_generator *const gen,
		    const unsigned int half_bits)
{
	/*
	 * At the production width, this takes 2^64 - 2^32 IDs, which no uptime
	 * can reach.  Only the small KUnit widths could wrap.
	 */
	if (WARN_ON_ONCE(gen->counter >
			 range_max(half_bits) - range_min(half_bits)))
		gen->counter = 0;

	return permute_range(&gen->key, range_min(half_bits) + gen->counter++,
			     half_bits);
}

/*
 * The key is drawn on first use rather than at boot, when the entropy pool may
 * not be initialized yet: the first domain is created long after that.
 */
static struct landlock_id_generator *get_generator_locked(void)
{
	lockdep_assert_held(&landlock_id_lock);

	if (!landlock_id_keyed) {
		get_random_bytes(&landlock_id_gen.key,
				 sizeof(landlock_id_gen.key));
		landlock_id_keyed = true;
	}
	return &landlock_id_gen;
}

static int id_cmp_key(const void *const key, const struct rb_node *const node)
{
	const u64 value = *(const u64 *)key;
	const u64 other =
		rb_entry(node, struct landlock_domain_id, node)->value;

	return value < other ? -1 : value > other;
}

static int id_cmp(struct rb_node *const a, const struct rb_node *const b)
{
	return id_cmp_key(&rb_entry(a, struct landlock_domain_id, node)->value,
			  b);
}

static int reservation_cmp(struct rb_node *const a,
			   const struct rb_node *const b)
{
	const u64 ca =
		rb_entry(a, struct landlock_id_reservation, node)->counter;
	const u64 cb =
		rb_entry(b, struct landlock_id_reservation, node)->counter;

	return ca < cb ? -1 : ca > cb;
}

/*
 * Drops the reservations that the generator has reached with @counter, and
 * tells if @counter itself was reserved.
 */
static bool consume_reservations_locked(const u64 counter)
{
	struct rb_node *node;
	bool reserved = false;

	lockdep_assert_held(&landlock_id_lock);

	while ((node = rb_first(&landlock_id_reserved))) {
		struct landlock_id_reservation *const res =
			rb_entry(node, struct landlock_id_reservation, node);

		if (res->counter > counter)
			break;

		reserved |= res->counter == counter;
		rb_erase(node, &landlock_id_reserved);
		kfree(res);
	}
	return reserved;
}

static u64 next_value_locked(void)
{
	struct landlock_id_generator *const gen = get_generator_locked();

	for (;;) {
		const u64 counter = gen->counter;
		const u64 value = generate(gen, LANDLOCK_ID_HALF_BITS);

		if (consume_reservations_locked(counter))
			continue;

		/*
		 * Reservations already cover the chosen IDs, but a live ID
		 * must never be duplicated, whatever happened to the counter.
		 */
		if (landlock_id_find_locked(value))
			continue;

		return value;
	}
}

/**
 * landlock_id_assign - Assign a fresh ID
 *
 * @id: Unassigned ID (zeroed), embedded in the object to identify.
 *
 * The new ID is at least LANDLOCK_ID_MIN, has never been handed out during
 * this uptime, and is not live.  Does not sleep and cannot fail.
 */
void landlock_id_assign(struct landlock_domain_id *const id)
{
	if (WARN_ON_ONCE(id->value))
		return;

	spin_lock(&landlock_id_lock);
	id->value = next_value_locked();
	WARN_ON_ONCE(rb_find_add(&id->node, &landlock_id_root, id_cmp));
	spin_unlock(&landlock_id_lock);
}

/*
 * Makes the generator skip @counter.  If no memory is available, the generator
 * jumps over @counter instead: the IDs in between are never handed out, which
 * wastes some of the 2^64 - 2^32 IDs but keeps them all unique.
 */
static void reserve_locked(struct landlock_id_generator *const gen,
			   const u64 counter)
{
	struct landlock_id_reservation *res;

	lockdep_assert_held(&landlock_id_lock);

	res = kmalloc(sizeof(*res), GFP_NOWAIT | __GFP_NOWARN);
	if (!res) {
		gen->counter = counter + 1;
		return;
	}

	res->counter = counter;
	if (rb_find_add(&res->node, &landlock_id_reserved, reservation_cmp))
		kfree(res);
}

/**
 * landlock_id_assign_value - Assign a chosen ID
 *
 * @id: Unassigned ID (zeroed), embedded in the object to identify.
 * @value: ID to assign, e.g. one saved at checkpoint time.
 *
 * Restores an ID.  Except for the duplicate of a live ID, the caller is
 * responsible for not reusing an ID that still means something else (e.g. in
 * logs).  To keep landlock_id_assign() from ever handing out @value later:
 *
 * - while @id is live, @value is in the index, which the generator checks;
 * - if the generator has not reached @value yet, a reservation is kept until
 *   it does (even after release), so the generator skips it;
 * - if the generator has already handed out @value, it will not again.
 *
 * Each reservation costs a small allocation until the generator reaches it,
 * which is likely never: restoring many distinct IDs uses memory.  Does not
 * sleep.
 *
 * Return: 0 on success, -EINVAL if @value is below LANDLOCK_ID_MIN, or -EEXIST
 * if @value is live.  On error, nothing is changed.
 */
int landlock_id_assign_value(struct landlock_domain_id *const id,
			     const u64 value)
{
	struct landlock_id_generator *gen;
	u64 counter;

	if (value < LANDLOCK_ID_MIN)
		return -EINVAL;

	if (WARN_ON_ONCE(id->value))
		return -EINVAL;

	spin_lock(&landlock_id_lock);
	if (landlock_id_find_locked(value)) {
		spin_unlock(&landlock_id_lock);
		return -EEXIST;
	}

	gen = get_generator_locked();
	counter = counter_of(gen, value, LANDLOCK_ID_HALF_BITS);
	if (counter >= gen->counter)
		reserve_locked(gen, counter);

	id->value = value;
	rb_find_add(&id->node, &landlock_id_root, id_cmp);
	spin_unlock(&landlock_id_lock);
	return 0;
}

/**
 * landlock_id_release - Remove an ID from the live-ID index
 *
 * @id: ID to release; may be unassigned, or already released.
 *
 * @id->value is kept, so that the object can still be identified (e.g. logged)
 * while it is being freed.  Does not sleep.
 */
void landlock_id_release(struct landlock_domain_id *const id)
{
	/* An unassigned node is not initialized. */
	if (!id->value)
		return;

	spin_lock(&landlock_id_lock);
	if (!RB_EMPTY_NODE(&id->node)) {
		rb_erase(&id->node, &landlock_id_root);
		RB_CLEAR_NODE(&id->node);
	}
	spin_unlock(&landlock_id_lock);
}

/**
 * landlock_id_find_locked - Look up a live ID
 *
 * @value: ID to look up.
 *
 * The caller must hold landlock_id_lock, which also keeps the returned ID
 * live (though not its object, which the caller must pin before unlocking).
 *
 * Return: The live ID equal to @value, or NULL.
 */
struct landlock_domain_id *landlock_id_find_locked(const u64 value)
{
	struct rb_node *node;

	lockdep_assert_held(&landlock_id_lock);

	node = rb_find(&value, &landlock_id_root, id_cmp_key);
	return node ? rb_entry(node, struct landlock_domain_id, node) : NULL;
}

/**
 * landlock_id_next_locked - Find the next live ID in value order
 *
 * @after: Lower bound, excluded; 0 to get the smallest live ID.
 *
 * Iterating with the previous value rather than a node lets a walk (e.g. a
 * directory listing) drop the lock between steps.  The caller must hold
 * landlock_id_lock.
 *
 * Return: The live ID with the smallest value greater than @after, or NULL.
 */
struct landlock_domain_id *landlock_id_next_locked(const u64 after)
{
	struct rb_node *node = landlock_id_root.rb_node;
	struct landlock_domain_id *next = NULL;

	lockdep_assert_held(&landlock_id_lock);

	while (node) {
		struct landlock_domain_id *const id =
			rb_entry(node, struct landlock_domain_id, node);

		if (id->value > after) {
			next = id;
			node = node->rb_left;
		} else {
			node = node->rb_right;
		}
	}
	return next;
}

#ifdef CONFIG_SECURITY_LANDLOCK_KUNIT_TEST

/* Fixed keys make the statistical tests deterministic. */
static const siphash_key_t test_key_a = { { 0x0706050403020100ULL,
					    0x0f0e0d0c0b0a0908ULL } };
static const siphash_key_t test_key_b = { { 0x9e3779b97f4a7c15ULL,
					    0xbf58476d1ce4e5b9ULL } };

#define TEST_SMALL_HALF_BITS 8

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
	KUNIT_EXPECT_EQ(test, size - min, gen.counter);
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
	size_t i;

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
		const u64 counter = gen.counter;
		const u64 y = generate(&gen, hb);
		const u64 back = counter_of(&gen, y, hb);

		if (back != counter) {
			KUNIT_FAIL(test, "counter %llu: %#llx, inverse %llu",
				   counter, y, back);
			break;
		}
	}
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

/* Next raw output of the global generator. */
static u64 peek_next_value(void)
{
	struct landlock_id_generator *gen;
	u64 value;

	spin_lock(&landlock_id_lock);
	gen = get_generator_locked();
	value = permute_range(&gen->key, LANDLOCK_ID_MIN + gen->counter,
			      LANDLOCK_ID_HALF_BITS);
	spin_unlock(&landlock_id_lock);
	return value;
}

static void test_assign(struct kunit *const test)
{
	struct landlock_domain_id live = {}, other = {}, chosen = {},
				  fresh = {}, released = {}, later = {};
	struct landlock_domain_id *const all[] = { &live,  &chosen,   &fresh,
						   &later, &released, &other };
	struct landlock_domain_id *found, *before, *after;
	size_t i, still_live = 0;
	u64 next;

	/* Out of range. */
	KUNIT_EXPECT_EQ(test, -EINVAL, landlock_id_assign_value(&other, 0));
	KUNIT_EXPECT_EQ(test, -EINVAL,
			landlock_id_assign_value(&other, LANDLOCK_ID_MIN - 1));
	KUNIT_EXPECT_EQ(test, 0, other.value);

	/* Duplicate of a live ID. */
	landlock_id_assign(&live);
	KUNIT_EXPECT_GE(test, live.value, LANDLOCK_ID_MIN);
	KUNIT_EXPECT_EQ(test, -EEXIST,
			landlock_id_assign_value(&other, live.value));
	KUNIT_EXPECT_EQ(test, 0, other.value);
	spin_lock(&landlock_id_lock);
	found = landlock_id_find_locked(live.value);
	before = landlock_id_next_locked(live.value - 1);
	after = landlock_id_next_locked(live.value);
	spin_unlock(&landlock_id_lock);
	/* KUnit may sleep on failure: check after unlocking. */
	KUNIT_EXPECT_PTR_EQ(test, &live, found);
	KUNIT_EXPECT_PTR_EQ(test, &live, before);
	KUNIT_EXPECT_TRUE(test, !after || after->value > live.value);

	/* The generator skips a live chosen ID... */
	next = peek_next_value();
	/* No early return: the IDs indexed so far must be released. */
	KUNIT_EXPECT_EQ(test, 0, landlock_id_assign_value(&chosen, next));
	KUNIT_EXPECT_EQ(test, next, chosen.value);
	landlock_id_assign(&fresh);
	KUNIT_EXPECT_NE(test, next, fresh.value);
	KUNIT_EXPECT_GE(test, fresh.value, LANDLOCK_ID_MIN);

	/* ...and a released one that it had not reached. */
	next = peek_next_value();
	KUNIT_EXPECT_EQ(test, 0, landlock_id_assign_value(&released, next));
	landlock_id_release(&released);
	landlock_id_assign(&later);
	KUNIT_EXPECT_NE(test, next, later.value);
	KUNIT_EXPECT_GE(test, later.value, LANDLOCK_ID_MIN);

	/*
	 * Releases everything, twice: releasing an ID again, or an unassigned
	 * one (e.g. after a failed assignment), is harmless.
	 */
	for (i = 0; i < 2 * ARRAY_SIZE(all); i++)
		landlock_id_release(all[i % ARRAY_SIZE(all)]);

	spin_lock(&landlock_id_lock);
	for (i = 0; i < ARRAY_SIZE(all); i++)
		still_live += !!landlock_id_find_locked(all[i]->value);
	spin_unlock(&landlock_id_lock);
	KUNIT_EXPECT_EQ(test, 0, still_live);
}

/* clang-format off */
static struct kunit_case landlock_id_test_cases[] = {
	KUNIT_CASE(test_bijection_small),
	KUNIT_CASE(test_inverse),
	KUNIT_CASE(test_unique_fixed_key),
	KUNIT_CASE(test_unique_random_key),
	KUNIT_CASE(test_not_sequential),
	KUNIT_CASE(test_low_bits_uniform),
	KUNIT_CASE(test_assign),
	{}
};

/* clang-format on */

static struct kunit_suite landlock_id_test_suite = {
	.name = "landlock_id",
	.test_cases = landlock_id_test_cases,
};

kunit_test_suite(landlock_id_test_suite);

#endif /* CONFIG_SECURITY_LANDLOCK_KUNIT_TEST */
