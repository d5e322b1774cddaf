/*
 * scan.h - the lexical helpers shared by the hand-written text parsers.
 */
#ifndef ESTATE_CORE_SCAN_H
#define ESTATE_CORE_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "status.h"

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

/*
 * The len bytes of s as -?[0-9]+, nothing else: ESTATE_ERR_SYNTAX when they
 * are not that, ESTATE_ERR_RANGE when the magnitude is beyond INT64_MAX.
 */
static inline estate_status
estate_parse_int64(const char *s, size_t len, int64_t *value)
{
	size_t		k = (len > 0 && s[0] == '-') ? 1 : 0;
	bool		negative = k == 1;
	uint64_t	magnitude = 0;

	if (k == len)
		return ESTATE_ERR_SYNTAX;
	for (; k < len; k++)
	{
		if (!estate_is_digit(s[k]))
			return ESTATE_ERR_SYNTAX;
		/* Saturate past int64: still check the digits, then report range. */
		magnitude = magnitude <= (uint64_t) INT64_MAX / 10
			? magnitude * 10 + (uint64_t) (s[k] - '0') : UINT64_MAX;
	}
	if (magnitude > (uint64_t) INT64_MAX)
		return ESTATE_ERR_RANGE;
	*value = negative ? -(int64_t) magnitude : (int64_t) magnitude;
	return ESTATE_OK;
}

/* A position in a text being parsed, and why parsing stopped there. */
typedef struct estate_cursor
{
	const char *s;
	size_t		len;
	size_t		i;
	const char *why;
} estate_cursor;

/* Spaces, then the literal text, then spaces: true (and past them) when the
 * text is there, else false with the position unchanged but for spaces. */
static inline bool
estate_expect(estate_cursor *c, const char *text)
{
	size_t		n = strlen(text);

	c->i = estate_skip_spaces(c->s, c->len, c->i);
	if (c->len - c->i < n || memcmp(c->s + c->i, text, n) != 0)
		return false;
	c->i = estate_skip_spaces(c->s, c->len, c->i + n);
	return true;
}

#endif
