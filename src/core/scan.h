/*
 * scan.h - the lexical helpers shared by the hand-written text parsers.
 */
#ifndef ESTATE_CORE_SCAN_H
#define ESTATE_CORE_SCAN_H

#include <stdbool.h>
#include <stddef.h>

static inline bool
estate_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static inline bool
estate_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Index of the first non-space at or after i. */
static inline size_t
estate_skip_spaces(const char *s, size_t len, size_t i)
{
	while (i < len && estate_is_space(s[i]))
		i++;
	return i;
}

#endif
