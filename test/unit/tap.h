/*
 * tap.h - a minimal TAP producer for the server-free unit tests, run by prove.
 */
#ifndef ESTATE_TAP_H
#define ESTATE_TAP_H

#include <stdio.h>

static int	tap_count;
static int	tap_failed;

#define ok(cond, ...) \
	do { \
		int tap_ok_ = (cond) ? 1 : 0; \
		tap_count++; \
		if (!tap_ok_) tap_failed++; \
		printf("%sok %d - ", tap_ok_ ? "" : "not ", tap_count); \
		printf(__VA_ARGS__); \
		printf("\n"); \
		if (!tap_ok_) printf("#   Failed at %s line %d\n", __FILE__, __LINE__); \
	} while (0)

#define is_int(got, expected, ...) \
	do { \
		long tap_g_ = (long) (got), tap_e_ = (long) (expected); \
		ok(tap_g_ == tap_e_, __VA_ARGS__); \
		if (tap_g_ != tap_e_) printf("#   got %ld, expected %ld\n", tap_g_, tap_e_); \
	} while (0)

static inline int
done_testing(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed != 0;
}

#endif
